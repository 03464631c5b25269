"""SQLAlchemy tables; every row belongs to a profile.

A column added here also needs its migration and its Column in records.TABLES, which the export,
the import and the row mapping (mapping.py) read; a String(n) length is the import's text limit.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
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
    # The profile a new local session opens is the one used last.
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime)


class IdentityRow(Base):
    """A verified login (issuer plus subject) and the one profile it owns, in server mode."""

    __tablename__ = "identities"
    __table_args__ = (UniqueConstraint("issuer", "subject"), UniqueConstraint("profile_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(String(255))
    # Shown to the coach; never used to decide who owns what.
    email: Mapped[str] = mapped_column(String(255))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    last_login_at: Mapped[datetime] = mapped_column(DateTime)


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
    # A pasted SSI page is kept so that a better parser can read it again later.
    source_text: Mapped[str | None] = mapped_column(Text)
    parser_version: Mapped[str | None] = mapped_column(String(10))
    industry_name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class AnswersRow(Base):
    """One filled goal questionnaire; earlier ones are kept, the latest one counts."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    answered_at: Mapped[datetime] = mapped_column(DateTime)
    goal: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(30))
    already_converting: Mapped[bool] = mapped_column(Boolean)
    minutes_per_day: Mapped[int] = mapped_column(Integer)
    target: Mapped[str] = mapped_column(String(80))
    outcome: Mapped[str] = mapped_column(String(80))
    means: Mapped[str] = mapped_column(String(80))
    sector: Mapped[str] = mapped_column(String(80))
    # Added by revision 0007: the defaults are what the answers saved before it read as.
    titles: Mapped[str] = mapped_column(String(160), default="", server_default="")
    company_kind: Mapped[str] = mapped_column(String(80), default="", server_default="")
    # A code of model.PROFILE_LANGUAGES; 0007 set it from the interface language, which the
    # drafts were written in until then.
    profile_lang: Mapped[str] = mapped_column(String(2), default="fr", server_default="fr")


class TickRow(Base):
    """One routine task ticked on one day."""

    __tablename__ = "routine_ticks"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    task_key: Mapped[str] = mapped_column(String(60), primary_key=True)
    lever: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    ticked_at: Mapped[datetime] = mapped_column(DateTime)


class DayMarkRow(Base):
    """A day taken out of the routine: a skip day or a holiday."""

    __tablename__ = "day_marks"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))


class KpiMonthRow(Base):
    """The goal's results for one month."""

    __tablename__ = "kpi_months"
    __table_args__ = (UniqueConstraint("profile_id", "month"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    month: Mapped[date] = mapped_column(Date)
    impressions: Mapped[int | None] = mapped_column(Integer)
    engagements: Mapped[int | None] = mapped_column(Integer)
    qualified_conversations: Mapped[int | None] = mapped_column(Integer)
    opportunities: Mapped[int | None] = mapped_column(Integer)
    followers: Mapped[int | None] = mapped_column(Integer)
    profile_views: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class DraftRow(Base):
    """A draft of the plan the user rewrote; the proposed text stands for every other draft."""

    __tablename__ = "drafts"

    profile_id: Mapped[int] = mapped_column(
        ForeignKey("profiles.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime)


class ProfileTextRow(Base):
    """A version of the user's own headline or About; every saved version is kept."""

    __tablename__ = "profile_texts"
    __table_args__ = (UniqueConstraint("profile_id", "kind", "saved_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    # A code of review.PROFILE_KINDS: "headline" or "about".
    kind: Mapped[str] = mapped_column(String(10))
    saved_at: Mapped[datetime] = mapped_column(DateTime)
    # Unbounded here; the record holds each kind to LinkedIn's limit.
    text: Mapped[str] = mapped_column(Text)
