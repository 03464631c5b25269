"""Routine ticks, skip days and holidays.

Two sessions may tick the same task or mark the same day at the same moment (two tabs, two
devices on a team's PostgreSQL). Every write here is therefore a single idempotent statement,
an INSERT … ON CONFLICT or a DELETE … WHERE, never a read followed by a write: the loser of a
race finds its work already done instead of an IntegrityError or a StaleDataError.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from ssi_coach.records import DAY_MARK_KINDS, HOLIDAY, StoredTick, TickStamp
from ssi_coach.store.engine import READ_ONLY
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import Base, DayMarkRow, TickRow

_TICK_KEY = ("profile_id", "day", "task_key")
_MARK_KEY = ("profile_id", "day")
# Six columns a tick: 1,000 ticks stay well under any backend's limit on bound parameters.
_BATCH = 1000

if TYPE_CHECKING:
    from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
    from sqlalchemy.dialects.sqlite import Insert as SqliteInsert


def _insert(session: Session, model: type[Base]) -> PostgresInsert | SqliteInsert:
    """Return the backend's own INSERT, the one that takes an ON CONFLICT clause."""
    # Each dialect is imported when its backend is in use: PostgreSQL's, with the modules of its
    # four drivers, adds about 2 MB to a server that runs on SQLite.
    backend = session.get_bind().dialect.name
    if backend == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(model)
    if backend == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(model)
    raise NotImplementedError(f"no upsert for the {backend} backend")


def _insert_ticks(session: Session, rows: list[Mapping[str, object]]) -> None:
    """Insert ticks, leaving any tick already stored for the same task and day as it is."""
    if rows:
        insert = _insert(session, TickRow).values(rows)
        session.execute(insert.on_conflict_do_nothing(index_elements=_TICK_KEY))


def _upsert_marks(session: Session, profile_id: int, days: Iterable[date], kind: str) -> None:
    """Give days a mark of one kind, whatever mark they had."""
    rows = [{"profile_id": profile_id, "day": day, "kind": kind} for day in days]
    if rows:
        insert = _insert(session, DayMarkRow).values(rows)
        session.execute(
            insert.on_conflict_do_update(
                index_elements=_MARK_KEY, set_={"kind": insert.excluded.kind}
            )
        )


def set_tick(
    engine: Engine, profile_id: int, day: date, task_key: str, lever: str, minutes: int, done: bool
) -> None:
    """Tick or untick one task of one day, at once; doing it twice changes nothing."""
    with Session(engine) as session, session.begin():
        if done:
            tick = {
                "profile_id": profile_id,
                "day": day,
                "task_key": task_key,
                "lever": lever,
                "minutes": minutes,
                "ticked_at": now(),
            }
            _insert_ticks(session, [tick])
        else:
            session.execute(
                delete(TickRow).where(
                    TickRow.profile_id == profile_id,
                    TickRow.day == day,
                    TickRow.task_key == task_key,
                )
            )


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
    # A plain connection, not an ORM session: ten years of ticks are some 10,000 rows, and the
    # ORM's row loading took a third of the read. Opened as a read, so that it locks nothing.
    with engine.connect().execution_options(**READ_ONLY) as connection:
        rows = connection.execute(query.order_by(TickRow.day, TickRow.task_key))
        return [StoredTick(*row) for row in rows]


def set_day_mark(engine: Engine, profile_id: int, day: date, kind: str | None) -> None:
    """Mark a day as a skip or a holiday, or clear its mark with None; idempotent."""
    if kind is not None and kind not in DAY_MARK_KINDS:
        raise ValueError(f"unknown day mark {kind!r}")
    if kind is None:
        clear_day_marks(engine, profile_id, [day])
        return
    with Session(engine) as session, session.begin():
        _upsert_marks(session, profile_id, [day], kind)


def set_holiday(engine: Engine, profile_id: int, start: date, end: date) -> None:
    """Mark every day from start to end included as a holiday, in one transaction."""
    days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
    with Session(engine) as session, session.begin():
        _upsert_marks(session, profile_id, days, HOLIDAY)


def clear_day_marks(
    engine: Engine, profile_id: int, days: Iterable[date], kind: str | None = None
) -> None:
    """Remove the marks of the given days, in one transaction; only those of `kind` if given.

    With a kind, a mark another session changed meanwhile (a skip turned holiday) stays.
    """
    chosen = list(days)
    if not chosen:
        return
    query = delete(DayMarkRow).where(
        DayMarkRow.profile_id == profile_id, DayMarkRow.day.in_(chosen)
    )
    if kind is not None:
        query = query.where(DayMarkRow.kind == kind)
    with Session(engine) as session, session.begin():
        session.execute(query)


def list_day_marks(engine: Engine, profile_id: int) -> dict[date, str]:
    """Return every marked day of a profile and its kind."""
    with Session(engine) as session:
        rows = session.execute(
            select(DayMarkRow.day, DayMarkRow.kind).where(DayMarkRow.profile_id == profile_id)
        )
        return {day: kind for day, kind in rows}


def add_ticks(engine: Engine, profile_id: int, ticks: Iterable[StoredTick]) -> None:
    """Store many ticks in one transaction, keeping any already stored."""
    stamp = now()
    rows: list[Mapping[str, object]] = [
        {
            "profile_id": profile_id,
            "day": tick.day,
            "task_key": tick.task_key,
            "lever": tick.lever,
            "minutes": tick.minutes,
            "ticked_at": stamp,
        }
        for tick in ticks
    ]
    with Session(engine) as session, session.begin():
        # Bounded batches: a statement's parameters are limited (32,766 on SQLite).
        for start in range(0, len(rows), _BATCH):
            _insert_ticks(session, rows[start : start + _BATCH])


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
