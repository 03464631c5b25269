"""Read everything a profile holds, and apply an import in one all-or-nothing transaction."""

from __future__ import annotations

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.records import (
    TABLES,
    Identity,
    ImportPreview,
    ProfileData,
    TableChange,
)
from ssi_coach.store.mapping import MODELS, fill, owned_by, to_record
from ssi_coach.store.mapping import text_limits as text_limits  # what parse_import needs
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import Base


def _stored(session: Session, table: str, profile_id: int) -> dict[Identity, tuple[object, Base]]:
    """Return the stored rows of one table by identity, with their records."""
    spec, model = TABLES[table], MODELS[table]
    found: dict[Identity, tuple[object, Base]] = {}
    for row in session.scalars(select(model).where(owned_by(model, profile_id))):
        record = to_record(spec, row)
        # Answers may in theory share a timestamp; the first one stands for that identity.
        found.setdefault(spec.identity(record), (record, row))
    return found


def read_profile(engine: Engine, profile_id: int) -> ProfileData:
    """Return everything a profile holds."""
    with Session(engine) as session:
        return ProfileData.of(
            {
                table: [record for record, _ in _stored(session, table, profile_id).values()]
                for table in TABLES
            }
        )


def _merge(session: Session, profile_id: int, data: ProfileData, write: bool) -> ImportPreview:
    changes: dict[str, TableChange] = {}
    stamp = now()
    for table, spec in TABLES.items():
        stored = _stored(session, table, profile_id)
        added = replaced = unchanged = 0
        for record in data.rows(table):
            found = stored.get(spec.identity(record))
            if found is None:
                added += 1
                if write:
                    row = MODELS[table](profile_id=profile_id)
                    fill(spec, row, record, stamp)
                    session.add(row)
            elif found[0] == record:
                unchanged += 1
            else:
                replaced += 1
                if write:
                    fill(spec, found[1], record, stamp)
        changes[table] = TableChange(added, replaced, unchanged)
    return ImportPreview(changes)


def preview_import(engine: Engine, profile_id: int, data: ProfileData) -> ImportPreview:
    """Return what importing data would add, replace and leave unchanged, writing nothing."""
    with Session(engine) as session:
        return _merge(session, profile_id, data, write=False)


def apply_import(engine: Engine, profile_id: int, data: ProfileData) -> ImportPreview:
    """Add and replace the imported rows in one transaction; rows not in data are kept."""
    with Session(engine) as session, session.begin():
        return _merge(session, profile_id, data, write=True)


def count_rows(engine: Engine, profile_id: int) -> dict[str, int]:
    """Return how many rows each table holds for a profile, without loading them."""
    with Session(engine) as session:
        return {
            table: session.scalar(
                select(func.count()).select_from(model).where(owned_by(model, profile_id))
            )
            or 0
            for table, model in MODELS.items()
        }
