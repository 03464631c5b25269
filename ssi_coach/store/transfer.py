"""Read everything a profile holds, and apply an import in one all-or-nothing transaction.

Rows are read as plain column values and written with one bulk INSERT and one bulk UPDATE per
table, never as ORM objects: a profile of years of ticks reads, previews and imports in seconds
and a few dozen megabytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from ssi_coach.records import (
    TABLES,
    AnswersRecord,
    Identity,
    ImportPreview,
    ProfileData,
    Table,
    TableChange,
)
from ssi_coach.store.mapping import (
    CREATED,
    MODELS,
    UPDATED,
    owned_by,
    record_from_columns,
    stored_columns,
    stored_name,
    stored_values,
)
from ssi_coach.store.mapping import text_limits as text_limits  # what parse_import needs
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import Base

MICROSECOND = timedelta(microseconds=1)
# Rows written by one statement.
WRITE_BATCH = 5_000
# A stored row: its record, and the values of its primary key, which an UPDATE names it by.
Stored = tuple[object, dict[str, object]]


def _order(spec: Table[Any], model: type[Base]) -> list[ColumnElement[Any]]:
    """Return the order the app reads a table's rows in: by identity, then as they were added."""
    columns = inspect(model).columns
    identity = [columns[stored_name(c)] for c in spec.columns if c.name in spec.identity_columns]
    return [*identity, *inspect(model).primary_key]


def _apart(record: object, taken: Mapping[Identity, object], spec: Table[Any]) -> object:
    """Return a record whose identity no row read before it has.

    Two answers saved within one tick of the clock share their moment (Windows' clock moves
    by the millisecond). Each stays a row of its own: the later one is read a microsecond
    after the other, so that an export holds both and the latest answers stay the latest.
    Every other table's identity is unique in the database.
    """
    while isinstance(record, AnswersRecord) and spec.identity(record) in taken:
        record = replace(record, answered_at=record.answered_at + MICROSECOND)
    return record


def _stored(session: Session, table: str, profile_id: int) -> dict[Identity, Stored]:
    """Return the stored rows of one table by identity, with their primary keys."""
    spec, model = TABLES[table], MODELS[table]
    columns = stored_columns(model, spec.columns)
    keys = inspect(model).primary_key
    query = (
        select(*columns, *keys).where(owned_by(model, profile_id)).order_by(*_order(spec, model))
    )
    found: dict[Identity, Stored] = {}
    width = len(columns)
    for values in session.execute(query):
        record = _apart(record_from_columns(spec, values[:width]), found, spec)
        key = {str(column.key): value for column, value in zip(keys, values[width:], strict=True)}
        found.setdefault(spec.identity(record), (record, key))
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


def _new_row(table: str, record: object, profile_id: int, stamp: datetime) -> dict[str, object]:
    """Return the values of a row to add: the record's, its profile's, and its stamps."""
    stamps = {CREATED, UPDATED} & set(inspect(MODELS[table]).columns.keys())
    values = stored_values(TABLES[table], record) | {"profile_id": profile_id}
    return values | dict.fromkeys(stamps, stamp)


def _changed_row(
    table: str, record: object, key: Mapping[str, object], stamp: datetime
) -> dict[str, object]:
    """Return the values of a stored row to replace, named by its primary key."""
    values = dict(key) | stored_values(TABLES[table], record)
    if UPDATED in inspect(MODELS[table]).columns:
        values[UPDATED] = stamp
    return values


def _write(
    session: Session,
    table: str,
    added: Sequence[dict[str, object]],
    changed: Sequence[dict[str, object]],
) -> None:
    """Add and replace one table's rows, each kind in one statement."""
    model = MODELS[table]
    if added:
        session.execute(insert(model), list(added))
    if changed:
        session.execute(update(model), list(changed))


def _merge(session: Session, profile_id: int, data: ProfileData, write: bool) -> ImportPreview:
    changes: dict[str, TableChange] = {}
    stamp = now()
    for table, spec in TABLES.items():
        stored = _stored(session, table, profile_id)
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        added: list[dict[str, object]] = []
        changed: list[dict[str, object]] = []
        for record in data.rows(table):
            found = stored.get(spec.identity(record))
            if found is None:
                counts["added"] += 1
                if write:
                    added.append(_new_row(table, record, profile_id, stamp))
            elif found[0] == record:
                counts["unchanged"] += 1
            else:
                counts["replaced"] += 1
                if write:
                    changed.append(_changed_row(table, record, found[1], stamp))
            # Written a batch at a time: the values of a hundred thousand rows never wait at once.
            if len(added) + len(changed) >= WRITE_BATCH:
                _write(session, table, added, changed)
                added, changed = [], []
        if write:
            _write(session, table, added, changed)
        changes[table] = TableChange(**counts)
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
