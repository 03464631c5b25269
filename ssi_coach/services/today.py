"""Today use cases: the day's checklist and habit, ticks, skip days and holidays, onboarding."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from ssi_coach.habits import Holiday, check_skip
from ssi_coach.records import HOLIDAY, SKIP
from ssi_coach.routine import Task
from ssi_coach.services.repo import Repo
from ssi_coach.signals import plan_kpi_months
from ssi_coach.store import answers as answers_store
from ssi_coach.store import kpis as kpis_store
from ssi_coach.store import readings as readings_store
from ssi_coach.store import routine as routine_store
from ssi_coach.today import (
    BACKFILL_DAYS,
    HOLIDAY_MAX_DAYS,
    AnswersTimeline,
    Habit,
    HabitInputs,
    HolidayTooLong,
    OutsideBackfill,
    PlanBook,
    TodayState,
    check_backfill,
    checkin_due,
    day_routine,
    habit_from,
    landing_target,
    pauses_from,
)


def onboarding_target(repo: Repo) -> str | None:
    """Return the onboarding page the profile still needs, or None when it can use Today."""
    has_answers = bool(answers_store.answers_history(repo.engine, repo.profile_id))
    has_reading = readings_store.latest_reading(repo.engine, repo.profile_id) is not None
    return landing_target(has_answers, has_reading)


def build_habit(repo: Repo, inputs: HabitInputs) -> Habit:
    """Return the habit from every tick up to today: statuses, score, streaks, weekly rates."""
    ticks = routine_store.list_ticks(repo.engine, repo.profile_id, end=inputs.today)
    return habit_from(ticks, inputs)


def load_today(
    repo: Repo,
    today: date,
    day: date | None = None,
    habit_of: Callable[[HabitInputs], Habit] | None = None,
) -> TodayState | None:
    """Return the Today page's state for a day (today by default), or None during onboarding.

    `habit_of` computes the habit from its inputs; the page passes a cached one, because ten
    years of ticks take longer to read and score than the rest of the page.
    """
    engine, profile_id = repo.engine, repo.profile_id
    history = answers_store.answers_history(engine, profile_id)
    reading = readings_store.latest_reading(engine, profile_id)
    if not history or reading is None:
        return None
    day = today if day is None else check_backfill(day, today)
    timeline = AnswersTimeline.of(history)
    # Read once: the checklist, its budget and the habit all judge the plan by the same KPIs,
    # the months the plan reads (not years of them, at every rerun).
    first, last = plan_kpi_months(reading.taken_on)
    kpis = tuple(entry.kpis for entry in kpis_store.list_kpis(engine, profile_id, first, last))
    plans = PlanBook(reading, kpis)
    answers = timeline.on(today)
    pauses = pauses_from(routine_store.list_day_marks(engine, profile_id))
    inputs = HabitInputs(
        profile_id,
        today,
        timeline,
        reading,
        pauses,
        routine_store.tick_stamp(engine, profile_id),
        kpis,
    )
    habit = build_habit(repo, inputs) if habit_of is None else habit_of(inputs)
    ticks = routine_store.list_ticks(engine, profile_id, day, day)
    return TodayState(
        today=today,
        answers=answers,
        reading=reading,
        plan=plans(answers),
        routine=day_routine(day, timeline, plans, ticks, today, pauses),
        habit=habit,
        habit_inputs=inputs,
        skips=pauses.skips,
        holidays=pauses.holidays,
        checkin_due=checkin_due(reading.taken_on, today),
    )


def tick_task(repo: Repo, day: date, task: Task, done: bool, today: date) -> None:
    """Save at once that a task of a day is done or not, within the backfill range."""
    check_backfill(day, today)
    routine_store.set_tick(
        repo.engine, repo.profile_id, day, task.key, task.lever.value, task.minutes, done
    )


def skip_day(repo: Repo, day: date, today: date) -> None:
    """Mark a day as skipped, within the backfill range and the month's skip budget."""
    check_backfill(day, today, "skip_day")
    marks = routine_store.list_day_marks(repo.engine, repo.profile_id)
    check_skip((d for d, kind in marks.items() if kind == SKIP), day)
    routine_store.set_day_mark(repo.engine, repo.profile_id, day, SKIP)


def unskip_day(repo: Repo, day: date, today: date) -> None:
    """Give a skipped day back to the routine (and its skip back to the month)."""
    check_backfill(day, today, "skip_day")
    # Only a skip goes: a holiday set on that day from another tab meanwhile stays.
    routine_store.clear_day_marks(repo.engine, repo.profile_id, [day], kind=SKIP)


def add_holiday(repo: Repo, start: date, end: date, today: date) -> Holiday:
    """Store a holiday from start to end included; it may not start before the backfill range."""
    holiday = Holiday(start, end)
    if (today - start).days > BACKFILL_DAYS:
        raise OutsideBackfill("holiday_start")
    if (end - start).days + 1 > HOLIDAY_MAX_DAYS:
        raise HolidayTooLong()
    routine_store.set_holiday(repo.engine, repo.profile_id, start, end)
    return holiday


def cancel_holiday(repo: Repo, holiday: Holiday, today: date) -> None:
    """Remove the days of a holiday from today on; the days already past stay paused."""
    first = max(holiday.start, today)
    days = [first + timedelta(days=n) for n in range((holiday.end - first).days + 1)]
    # Only holiday marks go: a day of the range skipped meanwhile keeps its skip.
    routine_store.clear_day_marks(repo.engine, repo.profile_id, days, kind=HOLIDAY)
