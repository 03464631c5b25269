"""SQLAlchemy tables; every row belongs to a profile."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, MetaData, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names let Alembic's batch mode on SQLite find and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ProfileRow(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class SettingRow(Base):
    __tablename__ = "settings"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class ReadingRow(Base):
    """One check-in; scores are stored as exact thousandths of a point."""

    __tablename__ = "readings"
    __table_args__ = (UniqueConstraint("profile_id", "taken_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    taken_on: Mapped[date] = mapped_column(Date)
    brand_milli: Mapped[int] = mapped_column(Integer)
    people_milli: Mapped[int] = mapped_column(Integer)
    insights_milli: Mapped[int] = mapped_column(Integer)
    relationships_milli: Mapped[int] = mapped_column(Integer)
    industry_rank: Mapped[int | None] = mapped_column(Integer)
    network_rank: Mapped[int | None] = mapped_column(Integer)
    industry_average_milli: Mapped[int | None] = mapped_column(Integer)
    network_average_milli: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
