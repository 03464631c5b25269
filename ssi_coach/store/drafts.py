"""The plan's drafts in the user's own words: at most one edit per profile and draft code."""

from __future__ import annotations

from sqlalchemy import CursorResult, Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.records import DRAFTS, DraftEdit
from ssi_coach.store.mapping import fill, record_from_columns, stored_columns
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import DraftRow

_COLUMNS = stored_columns(DraftRow, DRAFTS.columns)


def list_drafts(engine: Engine, profile_id: int) -> tuple[DraftEdit, ...]:
    """Return a profile's edited drafts, by code."""
    with Session(engine) as session:
        rows = session.execute(
            select(*_COLUMNS).where(DraftRow.profile_id == profile_id).order_by(DraftRow.code)
        )
        return tuple(record_from_columns(DRAFTS, row) for row in rows)


def _write(engine: Engine, profile_id: int, edit: DraftEdit) -> None:
    with Session(engine) as session, session.begin():
        row = session.get(DraftRow, (profile_id, edit.code))
        if row is None:
            row = DraftRow(profile_id=profile_id, code=edit.code)
            session.add(row)
        fill(DRAFTS, row, edit, now())


def save_draft(engine: Engine, profile_id: int, edit: DraftEdit) -> None:
    """Store the user's text for one draft in one transaction, replacing an earlier edit."""
    try:
        _write(engine, profile_id, edit)
    except IntegrityError:
        # Another tab saved the same draft between our read and our insert: replace it.
        _write(engine, profile_id, edit)


def delete_draft(engine: Engine, profile_id: int, code: str) -> bool:
    """Remove the user's text for one draft; return whether there was one."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            delete(DraftRow).where(DraftRow.profile_id == profile_id, DraftRow.code == code)
        )
        # A bulk delete answers with a cursor result, whose rowcount tells whether a row went.
        return isinstance(result, CursorResult) and bool(result.rowcount)
