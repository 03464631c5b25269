"""The user's own headline and About: every saved version is kept, dated, the newest counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.records import PROFILE_TEXTS, ProfileText
from ssi_coach.review import TextKind
from ssi_coach.store.mapping import record_from_columns, stored_columns, stored_values
from ssi_coach.store.tables import ProfileTextRow

_COLUMNS = stored_columns(ProfileTextRow, PROFILE_TEXTS.columns)
MICROSECOND = timedelta(microseconds=1)


def _newest_first(profile_id: int, kind: TextKind | None) -> Select[*tuple[Any, ...]]:
    query = select(*_COLUMNS).where(ProfileTextRow.profile_id == profile_id)
    if kind is not None:
        query = query.where(ProfileTextRow.kind == TextKind(kind).value)
    return query.order_by(ProfileTextRow.saved_at.desc(), ProfileTextRow.id.desc())


def list_profile_texts(
    engine: Engine, profile_id: int, kind: TextKind | None = None
) -> tuple[ProfileText, ...]:
    """Return a profile's saved versions, of one kind or of both, newest first."""
    with Session(engine) as session:
        rows = session.execute(_newest_first(profile_id, kind))
        return tuple(record_from_columns(PROFILE_TEXTS, row) for row in rows)


def latest_profile_text(engine: Engine, profile_id: int, kind: TextKind) -> ProfileText | None:
    """Return the newest saved version of one kind, or None before the first one."""
    with Session(engine) as session:
        row = session.execute(_newest_first(profile_id, kind).limit(1)).first()
        return None if row is None else record_from_columns(PROFILE_TEXTS, row)


def _add(engine: Engine, profile_id: int, version: ProfileText) -> ProfileText | None:
    with Session(engine) as session, session.begin():
        found = session.execute(_newest_first(profile_id, version.kind).limit(1)).first()
        latest = None if found is None else record_from_columns(PROFILE_TEXTS, found)
        if latest is not None and latest.text == version.text:
            return None
        # Two saves within one tick of the clock (Windows' moves by the millisecond), or after
        # the clock went back, would share or reverse their moments: the new version is dated
        # just after the latest, so that each stays a row of its own and the newest stays so.
        if latest is not None and version.saved_at <= latest.saved_at:
            version = replace(version, saved_at=latest.saved_at + MICROSECOND)
        values = stored_values(PROFILE_TEXTS, version)
        session.add(ProfileTextRow(profile_id=profile_id, **values))
        return version


def add_profile_text(engine: Engine, profile_id: int, version: ProfileText) -> ProfileText | None:
    """Store a new version in one transaction, unless its text is already the latest of its kind.

    Return the version stored, its moment moved a microsecond past the latest one's when it was
    not after it, or None when nothing was written.
    """
    try:
        return _add(engine, profile_id, version)
    except IntegrityError:
        # Another tab saved a version of the same moment between our read and our insert.
        return _add(engine, profile_id, version)
