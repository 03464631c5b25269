"""Profiles and their stored settings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.store.tables import ProfileRow, SettingRow

DEFAULT_PROFILE_NAME = "default"


def now() -> datetime:
    """Return the current UTC time without tzinfo, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


def default_profile_id(engine: Engine) -> int:
    """Return the id of the default profile, creating it on first run."""
    with Session(engine) as session:
        found = session.scalar(select(ProfileRow.id).where(ProfileRow.name == DEFAULT_PROFILE_NAME))
        if found is not None:
            return found
    try:
        with Session(engine) as session, session.begin():
            row = ProfileRow(name=DEFAULT_PROFILE_NAME, created_at=now())
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        # Another process created it between our read and our write.
        return default_profile_id(engine)


def get_setting(engine: Engine, profile_id: int, key: str) -> str | None:
    """Return a stored setting, or None when it was never set."""
    with Session(engine) as session:
        return session.scalar(
            select(SettingRow.value).where(
                SettingRow.profile_id == profile_id, SettingRow.key == key
            )
        )


def set_setting(engine: Engine, profile_id: int, key: str, value: str) -> None:
    """Store a setting, replacing any earlier value."""
    with Session(engine) as session, session.begin():
        row = session.get(SettingRow, (profile_id, key))
        if row is None:
            session.add(SettingRow(profile_id=profile_id, key=key, value=value))
        else:
            row.value = value
