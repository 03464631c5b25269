"""The monthly KPI journal."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.records import KPI_MONTHS, KpiEntry
from ssi_coach.store.mapping import fill, record_from_columns, stored_columns, to_record
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import KpiMonthRow


class KpiMonthExists(Exception):
    """An entry is already stored for that month; the caller must ask before replacing it."""

    def __init__(self, existing: KpiEntry) -> None:
        self.existing = existing
        super().__init__(f"KPIs already exist for {existing.kpis.month.isoformat()}")


SaveResult = Literal["saved", "replaced", "unchanged"]


def _month_row(session: Session, profile_id: int, month: date) -> KpiMonthRow | None:
    return session.scalar(
        select(KpiMonthRow).where(KpiMonthRow.profile_id == profile_id, KpiMonthRow.month == month)
    )


def save_kpis(
    engine: Engine, profile_id: int, entry: KpiEntry, replace: bool = False
) -> SaveResult:
    """Store a month of KPIs in one transaction; raise KpiMonthExists unless replace is true.

    A month stored with exactly these figures is left as it is ("unchanged"), replace or not.
    """
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


def list_kpis(engine: Engine, profile_id: int) -> list[KpiEntry]:
    """Return a profile's KPI months, oldest first."""
    with Session(engine) as session:
        rows = session.execute(
            select(*_COLUMNS)
            .where(KpiMonthRow.profile_id == profile_id)
            .order_by(KpiMonthRow.month)
        )
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
