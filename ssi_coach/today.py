"""Today's rules: where the app should open, the day's checklist, pauses, the habit, the periods.

The routine of a day comes from the latest reading and the questionnaire in force that day (the
latest one answered on or before it), so yesterday's checklist stays the one the user saw
yesterday even after changing the daily budget today. The latest KPIs join the latest reading:
a score at the top with flat results makes the routine light (``Plan.saturated``). Ticks keep
their own minutes; a day's completion is its ticked minutes over the budget in force that day
(see ``ssi_coach.habits``).
The use cases that read and write these days live in ``ssi_coach.services.today``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ssi_coach.habits import (
    COUNTED,
    DayStatus,
    HabitDay,
    Holiday,
    Pauses,
    Streaks,
    WeekRate,
    daily_completion,
    day_status,
    habit_days,
    habit_score,
    is_done,
    routine_start,
    skips_left,
    streaks,
    weekly_completion,
)
from ssi_coach.i18n import Lang, plural_form, t
from ssi_coach.model import Answers, InvalidInput, KpiMonth, Pillar, Reading
from ssi_coach.plan import LEVER_OF, Lever, Plan, build_plan
from ssi_coach.records import HOLIDAY, SKIP, StoredTick, TickStamp
from ssi_coach.routine import Task, routine_budget, routine_for

# Onboarding order: the goal first (it shapes the plan), then the first SSI check-in.
ONBOARDING_STEPS = ("questionnaire", "checkin")
# DOMAIN.md §7: a monthly check-in fits a freelancer; past this many days it is due.
CHECKIN_DUE_DAYS = 30
# Ticking stays honest when it happens close to the work: today and up to this many days back.
BACKFILL_DAYS = 7
# A holiday longer than this is more likely a typo in the dates than a real break.
HOLIDAY_MAX_DAYS = 62


class OutsideBackfill(InvalidInput):
    """A day outside today and the last BACKFILL_DAYS days was given."""

    def __init__(self, field: str, days: int = BACKFILL_DAYS) -> None:
        super().__init__(field, "outside_backfill", days=days)

    def problem(self, lang: str) -> str:
        """Return what is wrong, without the field name."""
        return t(lang, "today.error.outside_backfill", **self.params)


class HolidayTooLong(InvalidInput):
    """A holiday longer than HOLIDAY_MAX_DAYS was given."""

    def __init__(self, days: int = HOLIDAY_MAX_DAYS) -> None:
        super().__init__("holiday_end", "holiday_too_long", days=days)

    def problem(self, lang: str) -> str:
        """Return what is wrong, without the field name."""
        return t(lang, "today.error.holiday_too_long", **self.params)


# --- landing -----------------------------------------------------------------------------


def landing_target(has_answers: bool, has_reading: bool) -> str | None:
    """Return the onboarding page still needed (questionnaire, then check-in), or None."""
    if not has_answers:
        return "questionnaire"
    if not has_reading:
        return "checkin"
    return None


def onboarding_step(target: str) -> int:
    """Return the 1-based step number of an onboarding page."""
    return ONBOARDING_STEPS.index(target) + 1


def checkin_due(last_reading_date: date | None, today: date) -> bool:
    """Tell whether the monthly check-in is due: none yet, or the last one over 30 days old."""
    if last_reading_date is None:
        return True
    return (today - last_reading_date).days > CHECKIN_DUE_DAYS


# --- days --------------------------------------------------------------------------------


def backfill_days(today: date) -> tuple[date, ...]:
    """Return the days that can be ticked: today first, then back BACKFILL_DAYS days."""
    return tuple(today - timedelta(days=i) for i in range(BACKFILL_DAYS + 1))


def check_backfill(day: date, today: date, field: str = "tick_day") -> date:
    """Return the day if it can be ticked today, or raise InvalidInput."""
    if not isinstance(day, date) or isinstance(day, datetime):
        raise InvalidInput(field, "not_a_date")
    if day > today:
        raise InvalidInput(field, "in_future")
    if (today - day).days > BACKFILL_DAYS:
        raise OutsideBackfill(field)
    return day


def holiday_periods(marks: Mapping[date, str]) -> tuple[Holiday, ...]:
    """Return the holiday days grouped into runs of consecutive days, oldest first."""
    days = sorted(day for day, kind in marks.items() if kind == HOLIDAY)
    periods: list[Holiday] = []
    for day in days:
        if periods and periods[-1].end == day - timedelta(days=1):
            periods[-1] = Holiday(periods[-1].start, day)
        else:
            periods.append(Holiday(day, day))
    return tuple(periods)


def pauses_from(marks: Mapping[date, str]) -> Pauses:
    """Return the pauses the stored day marks describe."""
    skips = frozenset(day for day, kind in marks.items() if kind == SKIP)
    return Pauses(skips=skips, holidays=holiday_periods(marks))


# --- questionnaire in force --------------------------------------------------------------


@dataclass(frozen=True)
class AnswersTimeline:
    """Every questionnaire with the day it was answered, to find the one in force on a day."""

    days: tuple[date, ...]
    answers: tuple[Answers, ...]

    @classmethod
    def of(cls, history: Sequence[tuple[datetime, Answers]]) -> AnswersTimeline:
        """Return the timeline of a stored questionnaire history (oldest first)."""
        return cls(tuple(when.date() for when, _ in history), tuple(a for _, a in history))

    @property
    def first_day(self) -> date | None:
        """Return the day of the first questionnaire, or None before any."""
        return self.days[0] if self.days else None

    def on(self, day: date) -> Answers:
        """Return the latest answers given on or before the day, the first ones before that."""
        index = bisect.bisect_right(self.days, day) - 1
        return self.answers[max(index, 0)]


def budget_of(plan: Plan, answers: Answers) -> int:
    """Return the minutes a day's routine spends under these answers."""
    return routine_budget(plan, answers.minutes_per_day)


# --- the page's state --------------------------------------------------------------------


@dataclass(frozen=True)
class DayRoutine:
    """One day's checklist: its tasks, which are ticked, its budget and what it counts as."""

    day: date
    tasks: tuple[Task, ...]
    ticked: frozenset[str]
    budget: int
    status: DayStatus
    light: bool

    @property
    def minutes_done(self) -> int:
        """Return the minutes of the ticked tasks of the checklist."""
        return sum(task.minutes for task in self.tasks if task.key in self.ticked)

    @property
    def progress(self) -> float:
        """Return the share of the budget done, between 0 and 1."""
        return min(1.0, self.minutes_done / self.budget)

    @property
    def finished(self) -> bool:
        """Tell whether every task of the day is ticked."""
        return is_done(self.progress)


@dataclass(frozen=True)
class Habit:
    """The habit so far: every day's status and score, the streaks and the weekly rates."""

    history: tuple[HabitDay, ...]
    score: float
    streaks: Streaks
    weekly: tuple[WeekRate, ...]
    skips_left: int


@dataclass(frozen=True)
class TodayState:
    """Everything the Today page shows, rebuilt from the database on each run."""

    today: date
    answers: Answers
    reading: Reading
    plan: Plan
    routine: DayRoutine
    habit: Habit
    habit_inputs: HabitInputs
    skips: frozenset[date]
    holidays: tuple[Holiday, ...]
    checkin_due: bool

    @property
    def budget(self) -> int:
        """Return today's routine minutes under the current questionnaire."""
        return budget_of(self.plan, self.answers)

    def skips_left(self, day: date) -> int:
        """Return the skip days still available in the day's month."""
        return skips_left(self.skips, day)

    @property
    def upcoming_holidays(self) -> tuple[Holiday, ...]:
        """Return the holidays that are not over yet."""
        return tuple(h for h in self.holidays if h.end >= self.today)


def completion_by_day(
    ticks: Iterable[StoredTick], timeline: AnswersTimeline, plan_of: PlanBook
) -> dict[date, float]:
    """Return each ticked day's completion against the budget in force that day.

    This is the one routine measure: Today's checklist, the habit, the routine against the
    pillars and the monthly card all read a day's completion from here.
    """
    ticks = list(ticks)
    budgets = {}
    for tick in ticks:
        if tick.day not in budgets:
            answers = timeline.on(tick.day)
            budgets[tick.day] = budget_of(plan_of(answers), answers)
    return daily_completion(ticks, budgets)


class PlanBook:
    """Build each distinct questionnaire's plan once, against the latest reading and the KPIs.

    The KPIs tell whether a score at the top goes with flat results, which makes the routine
    light; like the reading, the latest ones stand for every day.
    """

    def __init__(self, reading: Reading, kpis: Sequence[KpiMonth] = ()) -> None:
        self.reading = reading
        self.kpis = tuple(kpis)
        self._built: dict[Answers, Plan] = {}

    def __call__(self, answers: Answers) -> Plan:
        if answers not in self._built:
            self._built[answers] = build_plan(self.reading, answers, kpis=self.kpis)
        return self._built[answers]


def day_routine(
    day: date,
    timeline: AnswersTimeline,
    plans: PlanBook,
    ticks: Iterable[StoredTick],
    today: date,
    pauses: Pauses,
) -> DayRoutine:
    """Return a day's checklist with what is ticked and what the day counts as."""
    answers = timeline.on(day)
    plan = plans(answers)
    tasks = routine_for(plan, answers, day)
    ticked = frozenset(tick.task_key for tick in ticks if tick.day == day)
    budget = budget_of(plan, answers)
    done = sum(task.minutes for task in tasks if task.key in ticked)
    status = day_status(day, min(1.0, done / budget), today, pauses)
    return DayRoutine(day, tasks, ticked, budget, status, plan.light)


@dataclass(frozen=True)
class HabitInputs:
    """Everything the habit depends on; hashable, so that the page can cache the habit by it."""

    profile_id: int
    today: date
    timeline: AnswersTimeline
    reading: Reading
    pauses: Pauses
    ticks: TickStamp
    kpis: tuple[KpiMonth, ...] = ()


def habit_from(ticks: Sequence[StoredTick], inputs: HabitInputs) -> Habit:
    """Return the habit from the ticks up to today: statuses, score, streaks, weekly rates."""
    today, timeline, pauses = inputs.today, inputs.timeline, inputs.pauses
    completion = completion_by_day(ticks, timeline, PlanBook(inputs.reading, inputs.kpis))
    start = routine_start(timeline.first_day, ticks[0].day if ticks else None)
    days = habit_days(completion, min(start or today, today), today, pauses)
    return Habit(
        history=days,
        score=habit_score(days),
        streaks=streaks(days),
        weekly=weekly_completion(days, today),
        skips_left=skips_left(pauses.skips, today, pauses.skips_per_month),
    )


# --- routine against results -------------------------------------------------------------


@dataclass(frozen=True)
class PillarRoutine:
    """One pillar over a period: how much of its lever's tasks were done, and how it moved."""

    pillar: Pillar
    lever: Lever
    completion: float | None
    before: float
    after: float | None

    @property
    def change(self) -> float | None:
        """Return the pillar's change over the period, None while the period is open."""
        return None if self.after is None else round(self.after - self.before, 3)


@dataclass(frozen=True)
class RoutinePeriod:
    """The days between two check-ins (the second one excluded), or since the last one."""

    start: date
    end: date | None
    pillars: tuple[PillarRoutine, ...]
    routine_days: int
    # The days compared: from the check-in, or from the routine's first day when it came later.
    counted_from: date
    last_day: date

    @property
    def counted_span(self) -> int:
        """Return how many calendar days the comparison covers (0 if the routine came after)."""
        return max(0, (self.last_day - self.counted_from).days + 1)

    @property
    def started_later(self) -> bool:
        """Tell whether the routine began after the check-in that opens the period."""
        return self.counted_from > self.start


def check_in_periods(readings: Sequence[Reading]) -> tuple[tuple[Reading, Reading | None], ...]:
    """Return each pair of consecutive readings, newest first, starting with the open period."""
    ordered = sorted(readings, key=lambda r: r.taken_on)
    pairs: list[tuple[Reading, Reading | None]] = [(ordered[-1], None)] if ordered else []
    pairs.extend((a, b) for a, b in zip(ordered[-2::-1], ordered[:0:-1], strict=True))
    return tuple(pairs)


def lever_completion_between(
    ticks: Iterable[StoredTick], routines_by_day: Mapping[date, Sequence[Task]]
) -> dict[Lever, float | None]:
    """Return, per lever, the share of its planned task-minutes ticked over the given days."""
    ticked = {(tick.day, tick.task_key) for tick in ticks}
    planned = dict.fromkeys(Lever, 0)
    done = dict.fromkeys(Lever, 0)
    for day, tasks in routines_by_day.items():
        for task in tasks:
            planned[task.lever] += task.minutes
            if (day, task.key) in ticked:
                done[task.lever] += task.minutes
    return {lever: (done[lever] / planned[lever] if planned[lever] else None) for lever in Lever}


def routine_period_from(
    before: Reading,
    after: Reading | None,
    today: date,
    timeline: AnswersTimeline,
    ticks: Sequence[StoredTick],
    pauses: Pauses,
    kpis: Sequence[KpiMonth] = (),
) -> RoutinePeriod:
    """Return the routine done between two check-ins next to each pillar's change.

    Only counted routine days (not paused, not today before its first tick) from the routine's
    first day on are compared; the routine of each day is the one the questionnaire in force
    that day gave.
    """
    plans = PlanBook(after or before, kpis)
    last = period_last_day(after, today)
    completion = completion_by_day(ticks, timeline, plans)
    first_tick = min((tick.day for tick in ticks), default=None)
    counted_from = max(before.taken_on, routine_start(timeline.first_day, first_tick) or today)
    routines: dict[date, tuple[Task, ...]] = {}
    day = counted_from
    while day <= last:
        if day_status(day, completion.get(day, 0.0), today, pauses) in COUNTED:
            answers = timeline.on(day)
            routines[day] = routine_for(plans(answers), answers, day)
        day += timedelta(days=1)
    by_lever = lever_completion_between(ticks, routines)
    pillars = tuple(
        PillarRoutine(
            pillar=pillar,
            lever=LEVER_OF[pillar],
            completion=by_lever[LEVER_OF[pillar]],
            before=before.score(pillar),
            after=None if after is None else after.score(pillar),
        )
        for pillar in Pillar
    )
    return RoutinePeriod(
        start=before.taken_on,
        end=None if after is None else after.taken_on,
        pillars=pillars,
        routine_days=len(routines),
        counted_from=counted_from,
        last_day=last,
    )


def period_last_day(after: Reading | None, today: date) -> date:
    """Return the last day of a check-in period: the eve of the next check-in, or today."""
    return min(today, (after.taken_on - timedelta(days=1)) if after else today)


# A period of about a month (28 to 45 days) reads as "a month"; longer ones in whole months.
MONTH_SPAN_DAYS = (28, 45)
AVERAGE_MONTH_DAYS = 30.44


def period_caution(period: RoutinePeriod, lang: Lang | str) -> str:
    """Return how much the period's length lets one read into it, in days, a month or months."""
    span = period.counted_span
    low, high = MONTH_SPAN_DAYS
    if span < low:
        return t(lang, f"routine_results.caution.days.{plural_form(span, lang)}", count=span)
    if span <= high:
        return t(lang, "routine_results.caution.month")
    months = round(span / AVERAGE_MONTH_DAYS)
    return t(lang, f"routine_results.caution.months.{plural_form(months, lang)}", count=months)


def days_text(count: int, lang: Lang | str) -> str:
    """Return a number of days: 0 jour, 1 jour, 2 jours in French; 1 day, 2 days in English."""
    return t(lang, f"today.days.{plural_form(count, lang)}", count=count)
