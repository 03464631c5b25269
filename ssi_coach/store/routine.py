"""Routine ticks, skip days and holidays."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from ssi_coach.records import DAY_MARK_KINDS, HOLIDAY, StoredTick, TickStamp
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import DayMarkRow, TickRow


def set_tick(
    engine: Engine, profile_id: int, day: date, task_key: str, lever: str, minutes: int, done: bool
) -> None:
    """Tick or untick one task of one day, at once."""
    with Session(engine) as session, session.begin():
        row = session.get(TickRow, (profile_id, day, task_key))
        if done and row is None:
            session.add(
                TickRow(
                    profile_id=profile_id,
                    day=day,
                    task_key=task_key,
                    lever=lever,
                    minutes=minutes,
                    ticked_at=now(),
                )
            )
        elif not done and row is not None:
            session.delete(row)


def list_ticks(
    engine: Engine, profile_id: int, start: date | None = None, end: date | None = None
) -> list[StoredTick]:
    """Return the ticks of a profile between two dates included, oldest first."""
    query = select(TickRow.day, TickRow.task_key, TickRow.lever, TickRow.minutes).where(
        TickRow.profile_id == profile_id
    )
    if start is not None:
        query = query.where(TickRow.day >= start)
    if end is not None:
        query = query.where(TickRow.day <= end)
    with Session(engine) as session:
        rows = session.execute(query.order_by(TickRow.day, TickRow.task_key))
        return [StoredTick(*row) for row in rows]


def set_day_mark(engine: Engine, profile_id: int, day: date, kind: str | None) -> None:
    """Mark a day as a skip or a holiday, or clear its mark with None."""
    if kind is not None and kind not in DAY_MARK_KINDS:
        raise ValueError(f"unknown day mark {kind!r}")
    with Session(engine) as session, session.begin():
        row = session.get(DayMarkRow, (profile_id, day))
        if kind is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(DayMarkRow(profile_id=profile_id, day=day, kind=kind))
        else:
            row.kind = kind


def set_holiday(engine: Engine, profile_id: int, start: date, end: date) -> None:
    """Mark every day from start to end included as a holiday, in one transaction."""
    with Session(engine) as session, session.begin():
        session.execute(
            delete(DayMarkRow).where(
                DayMarkRow.profile_id == profile_id,
                DayMarkRow.day >= start,
                DayMarkRow.day <= end,
            )
        )
        day = start
        while day <= end:
            session.add(DayMarkRow(profile_id=profile_id, day=day, kind=HOLIDAY))
            day = date.fromordinal(day.toordinal() + 1)


def clear_day_marks(engine: Engine, profile_id: int, days: Iterable[date]) -> None:
    """Remove the marks of the given days, in one transaction."""
    chosen = list(days)
    if not chosen:
        return
    with Session(engine) as session, session.begin():
        session.execute(
            delete(DayMarkRow).where(
                DayMarkRow.profile_id == profile_id, DayMarkRow.day.in_(chosen)
            )
        )


def list_day_marks(engine: Engine, profile_id: int) -> dict[date, str]:
    """Return every marked day of a profile and its kind."""
    with Session(engine) as session:
        rows = session.execute(
            select(DayMarkRow.day, DayMarkRow.kind).where(DayMarkRow.profile_id == profile_id)
        )
        return {day: kind for day, kind in rows}


def add_ticks(engine: Engine, profile_id: int, ticks: Iterable[StoredTick]) -> None:
    """Store many ticks in one transaction, keeping any already stored."""
    with Session(engine) as session, session.begin():
        stamp = now()
        for tick in ticks:
            session.merge(
                TickRow(
                    profile_id=profile_id,
                    day=tick.day,
                    task_key=tick.task_key,
                    lever=tick.lever,
                    minutes=tick.minutes,
                    ticked_at=stamp,
                )
            )


def tick_stamp(engine: Engine, profile_id: int) -> TickStamp:
    """Return the summary of a profile's ticks, read from the primary key's index alone."""
    mine = TickRow.profile_id == profile_id
    # Three scalar subqueries: SQLite answers min and max from the index in one step each,
    # but scans every row when they share a SELECT with count.
    query = select(
        select(func.count()).select_from(TickRow).where(mine).scalar_subquery(),
        select(func.min(TickRow.day)).where(mine).scalar_subquery(),
        select(func.max(TickRow.day)).where(mine).scalar_subquery(),
    )
    with Session(engine) as session:
        count, first, last = session.execute(query).one()
    return TickStamp(int(count), first, last)
