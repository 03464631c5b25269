"""What the coach's team page reads of every member, in a fixed number of queries.

One query per table, whatever the number of members (no query per member). First the roster:
the members with their latest dates and a count of each kind of row, which tells whether
anything changed since the page last read them. Then, when it did, their answers, readings,
industries, KPI months, ticks and day marks, over the window the page needs (team.Window), not
over years of history. Reads go through read-only connections, which lock nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    func,
    or_,
    select,
)
from sqlalchemy.orm import InstrumentedAttribute, aliased

from ssi_coach.model import Answers, KpiMonth, Reading
from ssi_coach.records import ANSWERS, HOLIDAY, KPI_FIELDS, StoredTick
from ssi_coach.store.engine import READ_ONLY
from ssi_coach.store.mapping import record_from_columns, stored_columns
from ssi_coach.store.readings import READING_COLUMNS, reading_from_columns
from ssi_coach.store.tables import (
    AnswersRow,
    DayMarkRow,
    IdentityRow,
    KpiMonthRow,
    ProfileRow,
    ReadingRow,
    TickRow,
)
from ssi_coach.team import MemberInput, Window

K = TypeVar("K")
_ANSWER_COLUMNS = stored_columns(AnswersRow, ANSWERS.columns)
# KpiMonth's fields after its month, in its order.
_KPI_FIELDS = ("month", *KPI_FIELDS)
# The task key of a day's ticks summed into one.
DAY_TOTAL = "day"


@dataclass(frozen=True)
class RosterEntry:
    """A member as the roster query finds them: who, and the dates the other queries need."""

    profile_id: int
    name: str
    email: str
    last_login: datetime | None
    latest_checkin: date | None
    previous_checkin: date | None
    checkin_saved_at: datetime | None
    kpis_saved_at: datetime | None
    first_tick: date | None
    last_tick: date | None
    # How many rows of each kind, and their latest stamps: they tell that anything the page
    # shows changed, so that an equal roster means an equal team.
    readings: int
    kpi_months: int
    answers: int
    answered_at: datetime | None
    # Ticks and day marks of the routine's weeks: a tick can be taken back, a skip made a holiday.
    window_ticks: int
    window_minutes: int | None
    window_marks: int
    window_holidays: int


@dataclass(frozen=True)
class Roster:
    """Every member of the team on a day: cheap to read, and equal while nothing changed."""

    today: date
    members: tuple[RosterEntry, ...]


def read_roster(engine: Engine, today: date, leave_out: int | None = None) -> Roster:
    """Return every profile a login owns (but `leave_out`), by profile id, in one query.

    Each figure is a scalar subquery answered from an index that starts with profile_id.
    """
    window = Window(today)
    own = ProfileRow.id
    earlier = aliased(ReadingRow)
    latest = select(func.max(ReadingRow.taken_on)).where(ReadingRow.profile_id == own)
    previous = select(func.max(earlier.taken_on)).where(
        earlier.profile_id == own, earlier.taken_on < latest.scalar_subquery()
    )
    ticks = (TickRow.profile_id == own, TickRow.day >= window.routine_since, TickRow.day <= today)
    marks = (
        DayMarkRow.profile_id == own,
        DayMarkRow.day >= window.marks_since,
        DayMarkRow.day <= today,
    )
    query = (
        select(
            own,
            ProfileRow.name,
            IdentityRow.email,
            IdentityRow.last_login_at,
            latest.scalar_subquery(),
            previous.scalar_subquery(),
            select(func.max(ReadingRow.updated_at))
            .where(ReadingRow.profile_id == own)
            .scalar_subquery(),
            select(func.max(KpiMonthRow.updated_at))
            .where(KpiMonthRow.profile_id == own)
            .scalar_subquery(),
            select(func.min(TickRow.day)).where(TickRow.profile_id == own).scalar_subquery(),
            select(func.max(TickRow.day)).where(TickRow.profile_id == own).scalar_subquery(),
            select(func.count())
            .select_from(ReadingRow)
            .where(ReadingRow.profile_id == own)
            .scalar_subquery(),
            select(func.count())
            .select_from(KpiMonthRow)
            .where(KpiMonthRow.profile_id == own)
            .scalar_subquery(),
            select(func.count())
            .select_from(AnswersRow)
            .where(AnswersRow.profile_id == own)
            .scalar_subquery(),
            select(func.max(AnswersRow.answered_at))
            .where(AnswersRow.profile_id == own)
            .scalar_subquery(),
            select(func.count()).select_from(TickRow).where(*ticks).scalar_subquery(),
            select(func.sum(TickRow.minutes)).where(*ticks).scalar_subquery(),
            select(func.count()).select_from(DayMarkRow).where(*marks).scalar_subquery(),
            select(func.count())
            .select_from(DayMarkRow)
            .where(*marks, DayMarkRow.kind == HOLIDAY)
            .scalar_subquery(),
        )
        .join(IdentityRow, IdentityRow.profile_id == own)
        .order_by(own)
    )
    if leave_out is not None:
        query = query.where(own != leave_out)
    with engine.connect().execution_options(**READ_ONLY) as connection:
        found = tuple(RosterEntry(*tuple(row)) for row in connection.execute(query))
    return Roster(today, found)


def _grouped(
    starts: Mapping[int, date], column: InstrumentedAttribute[int], day: InstrumentedAttribute[date]
) -> ColumnElement[bool]:
    """Return "each profile's rows from its own start day", one IN list per distinct start."""
    by_start: dict[date, list[int]] = defaultdict(list)
    for profile_id, start in starts.items():
        by_start[start].append(profile_id)
    # Most members share the window's own start: a handful of clauses, whatever the team's size.
    return or_(*(and_(column.in_(ids), day >= start) for start, ids in sorted(by_start.items())))


def _by_profile(rows: Iterable[tuple[int, K]]) -> dict[int, list[K]]:
    found: dict[int, list[K]] = defaultdict(list)
    for profile_id, item in rows:
        found[profile_id].append(item)
    return found


def read_members(engine: Engine, roster: Roster) -> list[MemberInput]:
    """Return the roster's members with their data over the team page's window, in six queries."""
    members = roster.members
    if not members:
        return []
    window = Window(roster.today)
    ids = [m.profile_id for m in members]
    reading_starts = {
        m.profile_id: window.readings_since(m.latest_checkin, m.previous_checkin) for m in members
    }
    kpi_starts = {m.profile_id: window.kpis_since(m.latest_checkin) for m in members}
    with engine.connect().execution_options(**READ_ONLY) as connection:
        answers = _answers(connection, ids)
        readings = _readings(connection, reading_starts)
        industries = _industries(connection, ids)
        kpis = _kpis(connection, kpi_starts)
        ticks = _ticks(connection, ids, window)
        marks = _marks(connection, ids, window)
    return [
        MemberInput(
            profile_id=m.profile_id,
            name=m.name,
            email=m.email,
            last_login=m.last_login,
            answers=tuple(answers.get(m.profile_id, ())),
            readings=tuple(readings.get(m.profile_id, ())),
            industries=tuple(industries.get(m.profile_id, ())),
            kpis=tuple(kpis.get(m.profile_id, ())),
            ticks=tuple(ticks.get(m.profile_id, ())),
            marks=tuple(marks.get(m.profile_id, ())),
            first_tick=m.first_tick,
            last_tick=m.last_tick,
            checkin_saved_at=m.checkin_saved_at,
            kpis_saved_at=m.kpis_saved_at,
        )
        for m in members
    ]


def read_chart_readings(
    engine: Engine, profile_ids: Sequence[int], since: date
) -> dict[int, list[Reading]]:
    """Return the check-ins since a day of some members, by profile id, in one query."""
    if not profile_ids:
        return {}
    with engine.connect().execution_options(**READ_ONLY) as connection:
        rows = connection.execute(
            select(ReadingRow.profile_id, *READING_COLUMNS)
            .where(ReadingRow.profile_id.in_(profile_ids), ReadingRow.taken_on >= since)
            .order_by(ReadingRow.profile_id, ReadingRow.taken_on)
        )
        return _by_profile((row[0], reading_from_columns(row[1:])) for row in rows)


def _answers(
    connection: Connection, ids: Sequence[int]
) -> dict[int, list[tuple[datetime, Answers]]]:
    rows = connection.execute(
        select(AnswersRow.profile_id, *_ANSWER_COLUMNS)
        .where(AnswersRow.profile_id.in_(ids))
        .order_by(AnswersRow.profile_id, AnswersRow.answered_at, AnswersRow.id)
    )
    records = ((row[0], record_from_columns(ANSWERS, row[1:])) for row in rows)
    return _by_profile((pid, (r.answered_at, r.answers)) for pid, r in records)


def _readings(connection: Connection, starts: Mapping[int, date]) -> dict[int, list[Reading]]:
    rows = connection.execute(
        select(ReadingRow.profile_id, *READING_COLUMNS)
        .where(_grouped(starts, ReadingRow.profile_id, ReadingRow.taken_on))
        .order_by(ReadingRow.profile_id, ReadingRow.taken_on)
    )
    return _by_profile((row[0], reading_from_columns(row[1:])) for row in rows)


def _industries(connection: Connection, ids: Sequence[int]) -> dict[int, list[tuple[date, str]]]:
    """Return each member's last two industries named on a pasted page (what the signal reads)."""
    named = (
        select(
            ReadingRow.profile_id,
            ReadingRow.taken_on,
            ReadingRow.industry_name,
            func.row_number()
            .over(partition_by=ReadingRow.profile_id, order_by=ReadingRow.taken_on.desc())
            .label("rank"),
        )
        .where(
            ReadingRow.profile_id.in_(ids),
            ReadingRow.industry_name.is_not(None),
            ReadingRow.industry_name != "",
        )
        .subquery()
    )
    rows = connection.execute(
        select(named.c.profile_id, named.c.taken_on, named.c.industry_name)
        .where(named.c.rank <= 2)
        .order_by(named.c.profile_id, named.c.taken_on)
    )
    return _by_profile((pid, (day, name)) for pid, day, name in rows)


def _kpis(connection: Connection, starts: Mapping[int, date]) -> dict[int, list[KpiMonth]]:
    # The goal's four figures only, straight into the domain's KpiMonth (which checks them):
    # the audience figures of KpiEntry are not on the page, and thousands of months are read.
    rows = connection.execute(
        select(KpiMonthRow.profile_id, *(getattr(KpiMonthRow, name) for name in _KPI_FIELDS))
        .where(_grouped(starts, KpiMonthRow.profile_id, KpiMonthRow.month))
        .order_by(KpiMonthRow.profile_id, KpiMonthRow.month)
    )
    return _by_profile((pid, KpiMonth(*values)) for pid, *values in rows)


def _ticks(
    connection: Connection, ids: Sequence[int], window: Window
) -> dict[int, list[StoredTick]]:
    """Return, for each member, one tick a ticked day of the routine's weeks: its minutes in all.

    A day's completion is its ticked minutes over its budget (habits.daily_completion), so the
    day's sum stands for its tasks; the database adds them up, and sends a row a day.
    """
    rows = connection.execute(
        select(TickRow.profile_id, TickRow.day, func.sum(TickRow.minutes))
        .where(
            TickRow.profile_id.in_(ids),
            TickRow.day >= window.routine_since,
            TickRow.day <= window.today,
        )
        .group_by(TickRow.profile_id, TickRow.day)
        .order_by(TickRow.profile_id, TickRow.day)
    )
    return _by_profile(
        (pid, StoredTick(day, DAY_TOTAL, "", int(minutes))) for pid, day, minutes in rows
    )


def _marks(
    connection: Connection, ids: Sequence[int], window: Window
) -> dict[int, list[tuple[date, str]]]:
    rows = connection.execute(
        select(DayMarkRow.profile_id, DayMarkRow.day, DayMarkRow.kind)
        .where(
            DayMarkRow.profile_id.in_(ids),
            DayMarkRow.day >= window.marks_since,
            DayMarkRow.day <= window.today,
        )
        .order_by(DayMarkRow.profile_id, DayMarkRow.day)
    )
    return _by_profile((pid, (day, kind)) for pid, day, kind in rows)
