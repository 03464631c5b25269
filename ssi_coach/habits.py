"""Habit tracking for the routine: completion, habit score, streaks and pauses.

Rules
-----
- Completion of a day = minutes of the day's ticked tasks / the day's budget, capped at 1.
  Partial work counts in the score.
- A day is *done* when its completion reaches 1 (every task ticked). Only done days grow a
  streak; a partly done or missed day breaks it.
- Habit score, in the style of Loop Habit Tracker (iSoron/uhabits, ``Score.compute``)::

      score_t = score_{t-1} * (1 - ALPHA) + completion_t * ALPHA,   score before day one = 0

  Loop uses ``multiplier = 0.5 ** (sqrt(frequency) / 13)``, i.e. ``ALPHA = 1 - multiplier``;
  for a daily habit (frequency 1) a day's weight halves every 13 days, ALPHA ≈ 0.0519. After a
  long run three missed days leave the score above 0.8 (0.9481³ ≈ 0.85). Users see it as
  "regularity" (« régularité »), never as a score: they would read that as their SSI.
- Paused days FREEZE both the score and the streak: they are neither counted nor do they break
  anything, like Loop's skip entries. A day is paused when it is
  - in a holiday (a date range),
  - a skip day, within the monthly skip budget (``SKIPS_PER_MONTH``, first skips first),
  - a rest day (Saturday and Sunday by default, matching the weekday reminder), unless the
    routine was fully done that day, in which case it counts as a done day.
- Today is *pending* while nothing is ticked: it is left out of every figure. As soon as one
  task is ticked it is *started*: it counts with its completion in the heatmap, the weekly and
  monthly rates and the routine against the pillars, and it moves the habit score, but only
  upwards (the score shown is the better of yesterday's and the one with today's completion),
  and it never breaks the streak before the day is over. A fully done today is simply *done*.
- The habit starts on the routine's first day: the day of the first questionnaire, or of the
  first tick when a day before it was ticked. Nothing before it is held against anyone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from ssi_coach.i18n import Lang, format_percent, weekday_names
from ssi_coach.model import InvalidInput, check_whole, clean_text
from ssi_coach.months import month_of
from ssi_coach.plan import Lever

# Loop Habit Tracker, Score.compute: multiplier = 0.5 ** (sqrt(frequency) / 13.0); daily → 1.
SCORE_ALPHA = 1 - 0.5 ** (1 / 13.0)
SKIPS_PER_MONTH = 2
REST_WEEKDAYS: frozenset[int] = frozenset({5, 6})
DONE_AT = 1.0
# Completion is a ratio of whole minutes; this absorbs float noise when comparing it to 1.
_EPSILON = 1e-9
WEEKLY_WEEKS = 12


class DayStatus(StrEnum):
    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    STARTED = "started"
    PENDING = "pending"
    SKIPPED = "skipped"
    HOLIDAY = "holiday"
    REST = "rest"


COUNTED = frozenset({DayStatus.DONE, DayStatus.PARTIAL, DayStatus.MISSED, DayStatus.STARTED})
# Today is not over while started: only a past day that fell short breaks a run.
BREAKS_STREAK = frozenset({DayStatus.PARTIAL, DayStatus.MISSED})


def _check_day(name: str, value: object) -> date:
    """Return value if it is a plain date, or raise InvalidInput."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise InvalidInput(name, "not_a_date")
    return value


@dataclass(frozen=True)
class Tick:
    """One ticked task: the day, the task's key, its lever and its minutes."""

    day: date
    task_key: str
    lever: Lever
    minutes: int

    def __post_init__(self) -> None:
        _check_day("tick_day", self.day)
        key = clean_text("task_key", self.task_key)
        if not key:
            raise InvalidInput("task_key", "required")
        object.__setattr__(self, "task_key", key)
        try:
            object.__setattr__(self, "lever", Lever(self.lever))
        except ValueError:
            raise InvalidInput("lever", "unknown_choice") from None
        object.__setattr__(self, "minutes", check_whole("task_minutes", self.minutes, 1))


@dataclass(frozen=True)
class Holiday:
    """A holiday: every day from start to end, both included, is paused."""

    start: date
    end: date

    def __post_init__(self) -> None:
        _check_day("holiday_start", self.start)
        _check_day("holiday_end", self.end)
        if self.end < self.start:
            raise InvalidInput("holiday_end", "end_before_start")

    def covers(self, day: date) -> bool:
        """Tell whether the day falls in the holiday."""
        return self.start <= day <= self.end


def honoured_skips(skips: Iterable[date], per_month: int = SKIPS_PER_MONTH) -> frozenset[date]:
    """Return the skip days that fit the monthly budget, the earliest of each month first."""
    by_month: dict[date, list[date]] = defaultdict(list)
    for day in set(skips):
        by_month[month_of(day)].append(day)
    return frozenset(day for days in by_month.values() for day in sorted(days)[:per_month])


def skips_left(skips: Iterable[date], month: date, per_month: int = SKIPS_PER_MONTH) -> int:
    """Return how many skip days are still available in the month of `month`."""
    first = month_of(month)
    used = sum(1 for day in set(skips) if month_of(day) == first)
    return max(0, per_month - used)


def check_skip(skips: Iterable[date], day: date, per_month: int = SKIPS_PER_MONTH) -> None:
    """Raise InvalidInput when the day's month has no skip left (an already skipped day is fine)."""
    known = set(skips)
    _check_day("skip_day", day)
    if day not in known and skips_left(known, day, per_month) == 0:
        raise InvalidInput("skip_day", "no_skips_left", per_month=per_month)


@dataclass(frozen=True)
class Pauses:
    """The days that freeze the habit: skips within budget, holidays and rest weekdays."""

    skips: frozenset[date] = frozenset()
    holidays: tuple[Holiday, ...] = ()
    rest_weekdays: frozenset[int] = REST_WEEKDAYS
    skips_per_month: int = SKIPS_PER_MONTH
    _honoured: frozenset[date] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "skips", frozenset(self.skips))
        object.__setattr__(self, "holidays", tuple(self.holidays))
        object.__setattr__(self, "rest_weekdays", frozenset(self.rest_weekdays))
        object.__setattr__(self, "_honoured", honoured_skips(self.skips, self.skips_per_month))

    def pause_of(self, day: date) -> DayStatus | None:
        """Return why the day is paused (holiday, skip, rest), or None for a routine day."""
        if any(holiday.covers(day) for holiday in self.holidays):
            return DayStatus.HOLIDAY
        if day in self._honoured:
            return DayStatus.SKIPPED
        if day.weekday() in self.rest_weekdays:
            return DayStatus.REST
        return None


@dataclass(frozen=True, slots=True)
class HabitDay:
    """One day of the habit: its completion, what it counted as, and the score after it."""

    day: date
    completion: float
    status: DayStatus
    score: float


@dataclass(frozen=True)
class Streaks:
    """The current run of done days and the longest one."""

    current: int
    best: int


@dataclass(frozen=True)
class WeekRate:
    """The mean completion of the counted days of one ISO week (None if none counted)."""

    week_start: date
    rate: float | None
    days: int


class TickedMinutes(Protocol):
    """What the completion reads of a tick: a task of a day, and its minutes."""

    @property
    def day(self) -> date: ...
    @property
    def task_key(self) -> str: ...
    @property
    def minutes(self) -> int: ...


AnyTick = TypeVar("AnyTick", bound=TickedMinutes)


def unique_ticks(ticks: Iterable[AnyTick]) -> tuple[AnyTick, ...]:
    """Return the ticks with a task ticked twice on the same day kept once."""
    seen: dict[tuple[date, str], AnyTick] = {}
    for tick in ticks:
        seen.setdefault((tick.day, tick.task_key), tick)
    return tuple(seen.values())


def daily_completion(
    ticks: Iterable[TickedMinutes], budget: int | Mapping[date, int]
) -> dict[date, float]:
    """Return each ticked day's completion: ticked minutes over that day's budget, at most 1."""
    minutes: dict[date, int] = defaultdict(int)
    for tick in unique_ticks(ticks):
        minutes[tick.day] += tick.minutes
    result = {}
    for day, done in minutes.items():
        day_budget = budget if isinstance(budget, int) else budget[day]
        result[day] = min(1.0, done / check_whole("minutes_per_day", day_budget, 1))
    return result


def routine_start(first_answers: date | None, first_tick: date | None) -> date | None:
    """Return the routine's first day: the first questionnaire's or first tick's, the earlier."""
    known = [day for day in (first_answers, first_tick) if day is not None]
    return min(known) if known else None


def is_done(completion: float) -> bool:
    """Tell whether a completion counts as the whole routine done."""
    return completion >= DONE_AT - _EPSILON


def day_status(day: date, completion: float, today: date, pauses: Pauses) -> DayStatus:
    """Return what a day counts as, by the rules of the module docstring."""
    done = is_done(completion)
    pause = pauses.pause_of(day)
    if pause is DayStatus.REST and done:
        return DayStatus.DONE
    if pause is not None:
        return pause
    if done:
        return DayStatus.DONE
    if day == today:
        return DayStatus.STARTED if completion > 0 else DayStatus.PENDING
    return DayStatus.PARTIAL if completion > 0 else DayStatus.MISSED


def next_score(previous: float, completion: float) -> float:
    """Return the habit score after one counted day (Loop's exponential moving average)."""
    return previous * (1 - SCORE_ALPHA) + min(1.0, max(0.0, completion)) * SCORE_ALPHA


def habit_days(
    completion: Mapping[date, float],
    since: date,
    today: date,
    pauses: Pauses | None = None,
) -> tuple[HabitDay, ...]:
    """Return every day from `since` to `today` with its status and the score after it."""
    pauses = Pauses() if pauses is None else pauses
    days = []
    score = 0.0
    day = since
    while day <= today:
        value = completion.get(day, 0.0)
        status = day_status(day, value, today, pauses)
        if status is DayStatus.STARTED:
            # Ticking a first task must never make the figure drop before the day is over.
            score = max(score, next_score(score, value))
        elif status in COUNTED:
            score = next_score(score, value)
        days.append(HabitDay(day=day, completion=value, status=status, score=score))
        day += timedelta(days=1)
    return tuple(days)


def habit_score(history: Sequence[HabitDay]) -> float:
    """Return the habit score at the end of the history, 0 for an empty one."""
    return history[-1].score if history else 0.0


def streaks(history: Iterable[HabitDay]) -> Streaks:
    """Return the current and best runs of done days; paused and pending days don't break them."""
    run = best = 0
    for item in history:
        if item.status is DayStatus.DONE:
            run += 1
            best = max(best, run)
        elif item.status in BREAKS_STREAK:
            run = 0
    return Streaks(current=run, best=best)


def monday_of(day: date) -> date:
    """Return the Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def weekly_completion(
    history: Sequence[HabitDay], today: date, weeks: int = WEEKLY_WEEKS
) -> tuple[WeekRate, ...]:
    """Return the completion rate of the last `weeks` ISO weeks, oldest first, this week last.

    The weeks start at the history's first week: a new habit has as many weeks as it has lived.
    """
    first = monday_of(today) - timedelta(weeks=weeks - 1)
    if history:
        first = max(first, monday_of(min(item.day for item in history)))
    values: dict[date, list[float]] = defaultdict(list)
    for item in history:
        if item.status in COUNTED and first <= item.day <= today:
            values[monday_of(item.day)].append(item.completion)
    rates = []
    for i in range((monday_of(today) - first).days // 7 + 1):
        monday = first + timedelta(weeks=i)
        week = values.get(monday, [])
        rate = sum(week) / len(week) if week else None
        rates.append(WeekRate(week_start=monday, rate=rate, days=len(week)))
    return tuple(rates)


def weekday_labels(lang: Lang | str) -> list[str]:
    """Return the short weekday names, Monday first."""
    return list(weekday_names(lang))


def percent_text(share: float, lang: Lang | str) -> str:
    """Return a share as a whole percentage: 50 % in French, 50% in English."""
    return format_percent(share * 100, lang)
