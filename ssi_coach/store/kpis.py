"""The monthly KPI journal."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import KpiMonth, check_whole
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import KpiMonthRow

KPI_FIELDS = ("impressions", "engagements", "qualified_conversations", "opportunities")
EXTRA_FIELDS = ("followers", "profile_views")


@dataclass(frozen=True)
class KpiEntry:
    """A month of KPIs with the optional audience figures the contract leaves out."""

    kpis: KpiMonth
    followers: int | None = None
    profile_views: int | None = None

    def __post_init__(self) -> None:
        for name in EXTRA_FIELDS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, check_whole(name, value, 0))


class KpiMonthExists(Exception):
    """An entry is already stored for that month; the caller must ask before replacing it."""

    def __init__(self, existing: KpiEntry) -> None:
        self.existing = existing
        super().__init__(f"KPIs already exist for {existing.kpis.month.isoformat()}")


def _to_entry(row: KpiMonthRow) -> KpiEntry:
    return KpiEntry(
        kpis=KpiMonth(
            month=row.month,
            impressions=row.impressions,
            engagements=row.engagements,
            qualified_conversations=row.qualified_conversations,
            opportunities=row.opportunities,
        ),
        followers=row.followers,
        profile_views=row.profile_views,
    )


def save_kpis(engine: Engine, profile_id: int, entry: KpiEntry, replace: bool = False) -> None:
    """Store a month of KPIs in one transaction; raise KpiMonthExists unless replace is true."""
    with Session(engine) as session, session.begin():
        row = session.scalar(
            select(KpiMonthRow).where(
                KpiMonthRow.profile_id == profile_id, KpiMonthRow.month == entry.kpis.month
            )
        )
        if row is not None and not replace:
            raise KpiMonthExists(_to_entry(row))
        if row is None:
            row = KpiMonthRow(profile_id=profile_id, month=entry.kpis.month)
            session.add(row)
        for name in KPI_FIELDS:
            setattr(row, name, getattr(entry.kpis, name))
        for name in EXTRA_FIELDS:
            setattr(row, name, getattr(entry, name))
        row.updated_at = now()


# Plain columns, not ORM objects: years of months are read on every Progress run.
_COLUMNS = (KpiMonthRow.month, *(getattr(KpiMonthRow, name) for name in KPI_FIELDS + EXTRA_FIELDS))


def list_kpis(engine: Engine, profile_id: int) -> list[KpiEntry]:
    """Return a profile's KPI months, oldest first."""
    with Session(engine) as session:
        rows = session.execute(
            select(*_COLUMNS)
            .where(KpiMonthRow.profile_id == profile_id)
            .order_by(KpiMonthRow.month)
        )
        return [
            KpiEntry(
                kpis=KpiMonth(row[0], *row[1 : 1 + len(KPI_FIELDS)]),
                followers=row[-2],
                profile_views=row[-1],
            )
            for row in rows
        ]


def kpis_stamp(engine: Engine, profile_id: int) -> tuple[int, object]:
    """Return how many KPI months a profile has and when one last changed: cheap to compare."""
    with Session(engine) as session:
        count, changed = session.execute(
            select(func.count(), func.max(KpiMonthRow.updated_at)).where(
                KpiMonthRow.profile_id == profile_id
            )
        ).one()
        return int(count), changed
