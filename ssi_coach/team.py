"""The coach's team page: one row per member, the team's results per month, never a ranking.

DOMAIN.md §4: the SSI measures how much someone uses LinkedIn the way LinkedIn wants, not
business; targets or bonuses set on it push volume and automation over real relationships. So
each row shows the goal's KPIs and the routine first and the SSI last, as context, and the rows
can be sorted by name or by last activity only: there is no SSI sort key to ask for.

The page reads a window of each member's history (Window), not ten years of it; the rows built
from that window are the rows the whole history would give (a property test holds it to that).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

import pandas as pd

from ssi_coach.habits import (
    COUNTED,
    WeekRate,
    habit_days,
    monday_of,
    percent_text,
    routine_start,
    weekly_completion,
)
from ssi_coach.i18n import Lang, format_count, format_date, format_month, t
from ssi_coach.kpis import (
    GOAL_KPIS,
    SSI,
    Change,
    MonthRow,
    format_change,
    format_kpi_value,
    format_points,
    kpi_change,
    kpi_label,
    kpi_series,
    monthly_rows,
)
from ssi_coach.model import Answers, Goal, KpiMonth, Reading, to_thousandths
from ssi_coach.months import add_months, month_of, months_between
from ssi_coach.questionnaire import local_moment
from ssi_coach.records import StoredTick
from ssi_coach.signals import Signal, SignalKind, detect_signals, plan_kpi_months
from ssi_coach.today import AnswersTimeline, PlanBook, completion_by_day, pauses_from

# The small multiples and the team's totals span a year: long enough to read KPIs "over time"
# (DOMAIN.md §5), short enough to compare members on one calendar.
CHART_MONTHS = 12
# Each row's KPI change spans a quarter, the shorter of the app's change windows.
KPI_CHANGE_MONTHS = 3
# The routine is judged over the last four ISO weeks, this one included.
ROUTINE_WEEKS = 4
# The only orders a coach may pick. Deliberately no SSI: see the module docstring.
SORTS: tuple[str, ...] = ("name", "activity")
# The team's totals: the prospecting goal's KPIs (DOMAIN.md §5), whatever each member's goal.
TOTAL_KPIS: tuple[str, ...] = GOAL_KPIS[Goal.PROSPECTING]


@dataclass(frozen=True)
class Window:
    """The part of each member's history the team page reads, as of one day."""

    today: date

    # Cached: each row asks for them many times, and month arithmetic is not free.
    @cached_property
    def this_month(self) -> date:
        """Return the first day of today's month."""
        return month_of(self.today)

    @cached_property
    def first_month(self) -> date:
        """Return the first month the charts and the totals show."""
        return add_months(self.this_month, -(CHART_MONTHS - 1))

    @cached_property
    def routine_since(self) -> date:
        """Return the Monday the routine's four weeks start on."""
        return monday_of(self.today) - timedelta(weeks=ROUTINE_WEEKS - 1)

    @cached_property
    def marks_since(self) -> date:
        """Return the first day mark to read: a month's skip budget counts from its first day."""
        return month_of(self.routine_since)

    def readings_since(self, latest: date | None, previous: date | None) -> date:
        """Return the first check-in day a member's row needs, from their last two check-ins."""
        # The signals' months around the latest check-in (the same months as the plan's), and
        # the previous check-in, however old, for the SSI's change. The charts' year is read
        # apart, for the members drawn only.
        if latest is None:
            return self.today
        start = plan_kpi_months(latest)[0]
        return start if previous is None else min(start, previous)

    def kpis_since(self, latest: date | None) -> date:
        """Return the first KPI month a member's row needs, from their latest check-in."""
        needed = [add_months(self.first_month, -KPI_CHANGE_MONTHS)]
        if latest is not None:
            needed.append(plan_kpi_months(latest)[0])
        return min(needed)


@dataclass(frozen=True)
class MemberInput:
    """What the team page knows of one member: plain data, as much history as is at hand.

    Datetimes are UTC without a zone, as stored. The first and last ticked days, and when a
    check-in or a month of results was last saved, are given apart from the ticks, readings and
    KPIs, which may be only the window's. A day's ticks may come as one tick of their minutes in
    all: a day's completion only adds them up.
    """

    profile_id: int
    name: str
    email: str
    last_login: datetime | None = None
    answers: tuple[tuple[datetime, Answers], ...] = ()
    readings: tuple[Reading, ...] = ()
    industries: tuple[tuple[date, str], ...] = ()
    kpis: tuple[KpiMonth, ...] = ()
    ticks: tuple[StoredTick, ...] = ()
    marks: tuple[tuple[date, str], ...] = ()
    first_tick: date | None = None
    last_tick: date | None = None
    checkin_saved_at: datetime | None = None
    kpis_saved_at: datetime | None = None


@dataclass(frozen=True)
class KpiFigure:
    """One of the goal's KPIs in a member's latest month of results, and its change."""

    name: str
    value: float | int | None
    change: Change


@dataclass(frozen=True)
class TeamRow:
    """One member as the coach sees them: results and routine first, the SSI as context."""

    profile_id: int
    name: str
    email: str
    goal: Goal | None
    last_checkin: date | None
    # The latest month of the chart year with one of the goal's KPIs, and those KPIs then.
    results_month: date | None
    results: tuple[KpiFigure, ...]
    # The mean completion of the counted days of the last four weeks, None without any.
    routine: float | None
    routine_weeks: tuple[WeekRate, ...]
    ssi: float | None
    ssi_change: float | None
    signals: tuple[Signal, ...]
    last_activity: date | None


@dataclass(frozen=True)
class MonthTotal:
    """The team's qualified conversations and opportunities of one month.

    A total is None when no member entered that figure for the month: nothing known is not
    zero. `members` counts the members who entered either figure.
    """

    month: date
    qualified_conversations: int | None
    opportunities: int | None
    members: int

    def value(self, name: str) -> int | None:
        """Return one of the totals by its KPI name."""
        if name not in TOTAL_KPIS:
            raise ValueError(f"no team total for {name!r}")
        found: int | None = getattr(self, name)
        return found


@dataclass(frozen=True)
class Team:
    """The team page's content: the rows by name, and the team's totals month by month."""

    today: date
    first_month: date
    rows: tuple[TeamRow, ...]
    totals: tuple[MonthTotal, ...]
    # What each row was built from, by profile id: the small charts take their KPIs from it.
    members: Mapping[int, MemberInput] = field(default_factory=dict, compare=False, repr=False)


def chart_months(
    readings: Sequence[Reading], kpis: Sequence[KpiMonth], today: date
) -> tuple[MonthRow, ...]:
    """Return a member's SSI and KPIs month by month over the charts' year."""
    window = Window(today)
    return monthly_rows(readings, kpis, window.first_month, window.this_month)


def _latest_goal(member: MemberInput) -> Goal | None:
    if not member.answers:
        return None
    return max(member.answers, key=lambda pair: pair[0])[1].goal


def _ordered(readings: Iterable[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: r.taken_on)


def _results(
    kpis: Sequence[KpiMonth], goal: Goal | None, window: Window
) -> tuple[date | None, tuple[KpiFigure, ...]]:
    """Return the latest month of the year with one of the goal's KPIs, and those KPIs."""
    if goal is None:
        return None, ()
    names = GOAL_KPIS[goal]
    series = {name: kpi_series(kpis, name) for name in names}
    first, last = window.first_month, window.this_month
    months = [m for name in names for m in series[name] if first <= m <= last]
    if not months:
        return None, ()
    end = max(months)
    figures = tuple(
        KpiFigure(name, series[name].get(end), kpi_change(kpis, name, end, KPI_CHANGE_MONTHS))
        for name in names
    )
    return end, figures


def _routine(
    member: MemberInput, latest: Reading | None, window: Window
) -> tuple[float | None, tuple[WeekRate, ...]]:
    """Return the share of the routine done over the last four weeks, and each week's rate."""
    if not member.answers or latest is None:
        return None, ()
    timeline = AnswersTimeline.of(sorted(member.answers, key=lambda pair: pair[0]))
    start = routine_start(timeline.first_day, member.first_tick)
    today = window.today
    since = max(start or today, window.routine_since)
    if since > today:
        return None, ()
    ticks = [tick for tick in member.ticks if since <= tick.day <= today]
    completion = completion_by_day(ticks, timeline, PlanBook(latest, member.kpis))
    days = habit_days(completion, since, today, pauses_from(dict(member.marks)))
    counted = [day.completion for day in days if day.status in COUNTED]
    share = sum(counted) / len(counted) if counted else None
    return share, weekly_completion(days, today, ROUTINE_WEEKS)


def _local_day(moment: datetime | None) -> date | None:
    return None if moment is None else local_moment(moment).date()


def last_activity(member: MemberInput) -> date | None:
    """Return the member's last active day: a login, a check-in or results saved, a tick."""
    days = [
        _local_day(member.last_login),
        _local_day(member.checkin_saved_at),
        _local_day(member.kpis_saved_at),
        member.last_tick,
    ]
    known = [day for day in days if day is not None]
    return max(known) if known else None


def _points_between(after: Reading, before: Reading) -> float:
    # Exact thousandths: 64.1 - 61.9 reads 2.2, not 2.1999999999999957.
    return (to_thousandths(after.total) - to_thousandths(before.total)) / 1000


def build_row(member: MemberInput, window: Window) -> TeamRow:
    """Return one member's row from their data, as of the window's day."""
    readings = _ordered(member.readings)
    latest = readings[-1] if readings else None
    previous = readings[-2] if len(readings) > 1 else None
    change = None if latest is None or previous is None else _points_between(latest, previous)
    goal = _latest_goal(member)
    # Without a goal nobody knows which KPIs matter: only the score's own signals are read,
    # as on the Progress page.
    signals = detect_signals(
        readings,
        member.kpis if goal is not None else (),
        goal or Goal.NOTORIETY,
        industries=member.industries,
    )
    results_month, results = _results(member.kpis, goal, window)
    routine, weeks = _routine(member, latest, window)
    return TeamRow(
        profile_id=member.profile_id,
        name=member.name,
        email=member.email,
        goal=goal,
        last_checkin=None if latest is None else latest.taken_on,
        results_month=results_month,
        results=results,
        routine=routine,
        routine_weeks=weeks,
        ssi=None if latest is None else latest.total,
        ssi_change=change,
        signals=signals,
        last_activity=last_activity(member),
    )


def team_totals(members: Sequence[MemberInput], window: Window) -> tuple[MonthTotal, ...]:
    """Return the team's qualified conversations and opportunities of each month of the year."""
    series = [{name: kpi_series(m.kpis, name) for name in TOTAL_KPIS} for m in members]
    totals = []
    for month in months_between(window.first_month, window.today):
        sums: dict[str, int | None] = {}
        for name in TOTAL_KPIS:
            known = [int(s[name][month]) for s in series if month in s[name]]
            sums[name] = sum(known) if known else None
        reported = sum(1 for s in series if any(month in s[name] for name in TOTAL_KPIS))
        totals.append(
            MonthTotal(
                month=month,
                qualified_conversations=sums["qualified_conversations"],
                opportunities=sums["opportunities"],
                members=reported,
            )
        )
    return tuple(totals)


def build_team(members: Sequence[MemberInput], today: date) -> Team:
    """Return the team page's rows (by name) and the team's monthly totals."""
    window = Window(today)
    rows = tuple(build_row(member, window) for member in members)
    return Team(
        today=today,
        first_month=window.first_month,
        rows=sort_rows(rows, "name"),
        totals=team_totals(members, window),
        members={member.profile_id: member for member in members},
    )


def _folded(name: str) -> str:
    """Return a name without case or accents: Élodie sorts between Didier and François."""
    letters = unicodedata.normalize("NFKD", name)
    return "".join(c for c in letters if not unicodedata.combining(c)).casefold()


def _by_name(row: TeamRow) -> tuple[str, str, str, int]:
    return (_folded(row.name), row.name.casefold(), row.name, row.profile_id)


def sort_rows(rows: Iterable[TeamRow], by: str) -> tuple[TeamRow, ...]:
    """Return the rows by name, or by last activity (the longest quiet first); nothing else."""
    if by not in SORTS:
        raise ValueError(f"the team can be sorted by {' or '.join(SORTS)} only, not {by!r}")
    if by == "name":
        return tuple(sorted(rows, key=_by_name))
    # The member who has been quiet the longest comes first (never active: first of all): the
    # one a coach may want to call. Ties keep the order of the names.
    return tuple(sorted(rows, key=lambda r: (r.last_activity or date.min, *_by_name(r))))


# --- texts -------------------------------------------------------------------------------


def signal_label(signal: Signal, lang: Lang | str) -> str:
    """Return a few words that name a signal for the coach (the member's own titles say "you")."""
    if signal.kind is SignalKind.VANITY and signal.params.get("saturated"):
        return t(lang, "team.signal.vanity_saturated")
    return t(lang, f"team.signal.{signal.kind.value}")


def result_text(figure: KpiFigure, lang: Lang | str) -> str:
    """Return one KPI of the latest month with its change over three months."""
    label = kpi_label(figure.name, lang)
    if figure.value is None:
        return t(lang, "team.result.missing", kpi=label)
    value = format_kpi_value(figure.name, figure.value, lang)
    if figure.change.absolute is None:
        return t(lang, "team.result.alone", kpi=label, value=value)
    return t(
        lang,
        "team.result.value",
        kpi=label,
        value=value,
        change=format_change(figure.change, lang),
    )


def routine_text(row: TeamRow, lang: Lang | str) -> str:
    """Return the share of the routine done over four weeks, or why there is none."""
    if not row.routine_weeks:
        # No goal or no check-in yet: there is no routine to speak of.
        return t(lang, "team.none")
    if row.routine is None:
        return t(lang, "team.routine.none")
    return percent_text(row.routine, lang)


def _day(day: date | None, lang: Lang | str) -> str:
    return t(lang, "team.none") if day is None else format_date(day, lang)


def columns(lang: Lang | str) -> tuple[str, ...]:
    """Return the table's column titles, in their order."""
    keys = (
        "member",
        "goal",
        "routine",
        "result_1",
        "result_2",
        "results_month",
        "last_activity",
        "last_checkin",
        "ssi",
        "ssi_change",
        "signals",
    )
    return tuple(t(lang, f"team.col.{key}") for key in keys)


def table_cells(row: TeamRow, lang: Lang | str) -> tuple[str, ...]:
    """Return one row's cells, in the order of the columns, written for the language."""
    none = t(lang, "team.none")
    results = [result_text(figure, lang) for figure in row.results]
    results += [none] * (2 - len(results))
    signals = t(lang, "team.separator").join(signal_label(s, lang) for s in row.signals)
    return (
        row.name,
        none if row.goal is None else t(lang, f"goal.{row.goal.value}"),
        routine_text(row, lang),
        *results,
        none if row.results_month is None else format_month(row.results_month, lang),
        _day(row.last_activity, lang),
        _day(row.last_checkin, lang),
        none if row.ssi is None else format_kpi_value(SSI, row.ssi, lang),
        none if row.ssi_change is None else format_points(row.ssi_change, lang),
        signals or none,
    )


def team_table(rows: Sequence[TeamRow], lang: Lang | str) -> pd.DataFrame:
    """Return the rows as a table, in the given order, every cell written as text."""
    return pd.DataFrame([table_cells(row, lang) for row in rows], columns=list(columns(lang)))


def totals_table(totals: Sequence[MonthTotal], lang: Lang | str) -> pd.DataFrame:
    """Return the months with results entered, newest first: each total and who entered them."""
    shown = [total for total in totals if total.members]
    none = t(lang, "team.none")
    return pd.DataFrame(
        [
            (
                format_month(total.month, lang),
                *(
                    none if (value := total.value(name)) is None else format_count(value, lang)
                    for name in TOTAL_KPIS
                ),
                format_count(total.members, lang),
            )
            for total in reversed(shown)
        ],
        columns=[
            t(lang, "team.totals.month"),
            *(kpi_label(name, lang) for name in TOTAL_KPIS),
            t(lang, "team.totals.members"),
        ],
    )


def chart_series(goal: Goal | None) -> tuple[str, ...]:
    """Return what a member's small chart draws: the goal's KPIs, then the SSI."""
    return (*(GOAL_KPIS[goal] if goal is not None else ()), SSI)


def chart_summary(row: TeamRow, months: Sequence[MonthRow], lang: Lang | str) -> str:
    """Say in words the latest figure of each series a member's small chart draws."""
    parts = []
    for name in chart_series(row.goal):
        known = [(r.month, v) for r in months if (v := r.value(name)) is not None]
        label = kpi_label(name, lang)
        if not known:
            parts.append(t(lang, "team.chart.summary.none", series=label))
            continue
        month, value = known[-1]
        parts.append(
            t(
                lang,
                "team.chart.summary.latest",
                series=label,
                value=format_kpi_value(name, value, lang),
                month=format_month(month, lang),
            )
        )
    # A sentence of its own: the no-goal note follows it.
    text = t(lang, "team.separator").join(parts) + "."
    return text if row.goal is not None else f"{text} {t(lang, 'team.chart.no_goal')}"
