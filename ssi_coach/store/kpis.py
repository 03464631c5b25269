"""The monthly KPI journal."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import CursorResult, Engine, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.records import KPI_MONTHS, KpiEntry
from ssi_coach.store.mapping import (
    UPDATED,
    fill,
    record_from_columns,
    stored_columns,
    stored_values,
    to_record,
)
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import KpiMonthRow


class KpiMonthExists(Exception):
    """An entry is already stored for that month; the caller must ask before replacing it."""

    def __init__(self, existing: KpiEntry) -> None:
        self.existing = existing
        super().__init__(f"KPIs already exist for {existing.kpis.month.isoformat()}")


class KpiMonthChanged(Exception):
    """The month is no longer stored as the user was shown it: nothing was written.

    `current` is what is stored now, None when the month was deleted meanwhile.
    """

    def __init__(self, month: date, current: KpiEntry | None) -> None:
        self.month = month
        self.current = current
        super().__init__(f"KPIs of {month.isoformat()} changed since they were shown")


SaveResult = Literal["saved", "replaced", "unchanged"]


def _month_row(session: Session, profile_id: int, month: date) -> KpiMonthRow | None:
    return session.scalar(
        select(KpiMonthRow).where(KpiMonthRow.profile_id == profile_id, KpiMonthRow.month == month)
    )


def save_kpis(
    engine: Engine,
    profile_id: int,
    entry: KpiEntry,
    replace: bool = False,
    *,
    shown: KpiEntry | None = None,
) -> SaveResult:
    """Store a month of KPIs in one transaction; raise KpiMonthExists unless replace is true.

    A month stored with exactly these figures is left as it is ("unchanged"), replace or not.
    With `shown`, the month as the user saw it when deciding to replace it, the replacement is
    written only if the month is still stored so; otherwise KpiMonthChanged tells what is.
    A month stored by another session meanwhile is reported as KpiMonthExists, never as the
    database's IntegrityError.
    """
    if replace and shown is not None:
        return _replace_shown(engine, profile_id, entry, shown)
    try:
        return _save_kpis(engine, profile_id, entry, replace)
    except IntegrityError:
        if _find(engine, profile_id, entry.kpis.month) is None:
            raise
        # The month was stored between our read and our write: decide again against it.
        return _save_kpis(engine, profile_id, entry, replace)


def _find(engine: Engine, profile_id: int, month: date) -> KpiEntry | None:
    with Session(engine) as session:
        row = _month_row(session, profile_id, month)
        return None if row is None else to_record(KPI_MONTHS, row)


def _replace_shown(engine: Engine, profile_id: int, entry: KpiEntry, shown: KpiEntry) -> SaveResult:
    """Replace a month by one conditional UPDATE: only while it holds what the user was shown."""
    month = entry.kpis.month
    if shown.kpis.month != month:
        raise ValueError("a replacement keeps the month it replaces")
    if entry == shown:
        # Nothing to write; but a month changed since is still reported, not called unchanged.
        current = _find(engine, profile_id, month)
        if current == entry:
            return "unchanged"
        raise KpiMonthChanged(month, current)
    held = stored_values(KPI_MONTHS, shown)
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(KpiMonthRow)
            .where(
                KpiMonthRow.profile_id == profile_id,
                *(
                    _COLUMN_BY_NAME[name].is_not_distinct_from(value)
                    for name, value in held.items()
                ),
            )
            .values(stored_values(KPI_MONTHS, entry) | {UPDATED: now()})
            .execution_options(synchronize_session=False)
        )
        if isinstance(result, CursorResult) and result.rowcount > 0:
            return "replaced"
        row = _month_row(session, profile_id, month)
        current = None if row is None else to_record(KPI_MONTHS, row)
    if current == entry:
        return "unchanged"
    raise KpiMonthChanged(month, current)


def _save_kpis(engine: Engine, profile_id: int, entry: KpiEntry, replace: bool) -> SaveResult:
    with Session(engine) as session, session.begin():
        row = _month_row(session, profile_id, entry.kpis.month)
        if row is not None:
            existing = to_record(KPI_MONTHS, row)
            if existing == entry:
                return "unchanged"
            if not replace:
                raise KpiMonthExists(existing)
        result: SaveResult = "saved" if row is None else "replaced"
        if row is None:
            row = KpiMonthRow(profile_id=profile_id)
            session.add(row)
        fill(KPI_MONTHS, row, entry, now())
        return result


def delete_kpis(engine: Engine, profile_id: int, month: date) -> KpiEntry | None:
    """Delete a month of KPIs in one transaction and return what it held, None if absent."""
    with Session(engine) as session, session.begin():
        row = _month_row(session, profile_id, month)
        if row is None:
            return None
        deleted = to_record(KPI_MONTHS, row)
        session.delete(row)
        return deleted


# Plain columns, not ORM objects: years of months are read on every Progress run.
_COLUMNS = stored_columns(KpiMonthRow, KPI_MONTHS.columns)
_COLUMN_BY_NAME = {column.key: column for column in _COLUMNS if column.key}


def list_kpis(
    engine: Engine, profile_id: int, start: date | None = None, end: date | None = None
) -> list[KpiEntry]:
    """Return a profile's KPI months, oldest first; only those from start to end when given."""
    query = select(*_COLUMNS).where(KpiMonthRow.profile_id == profile_id)
    if start is not None:
        query = query.where(KpiMonthRow.month >= start)
    if end is not None:
        query = query.where(KpiMonthRow.month <= end)
    with Session(engine) as session:
        rows = session.execute(query.order_by(KpiMonthRow.month))
        return [record_from_columns(KPI_MONTHS, row) for row in rows]


def kpis_stamp(engine: Engine, profile_id: int) -> tuple[int, object]:
    """Return how many KPI months a profile has and when one last changed: cheap to compare."""
    with Session(engine) as session:
        count, changed = session.execute(
            select(func.count(), func.max(KpiMonthRow.updated_at)).where(
                KpiMonthRow.profile_id == profile_id
            )
        ).one()
        return int(count), changed
