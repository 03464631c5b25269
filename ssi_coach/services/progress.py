"""Progress use cases: the series behind Progress and Results, and the monthly card's routine."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ssi_coach.card import MonthRoutine, month_routine
from ssi_coach.habits import routine_start
from ssi_coach.model import Reading
from ssi_coach.months import month_end, month_of
from ssi_coach.progress import HeadlineChange
from ssi_coach.progress import headline_change as change_around
from ssi_coach.questionnaire import local_moment
from ssi_coach.records import TickStamp
from ssi_coach.review import TextKind
from ssi_coach.services.repo import Repo
from ssi_coach.store import answers as answers_store
from ssi_coach.store import kpis as kpis_store
from ssi_coach.store import profile_texts as profile_texts_store
from ssi_coach.store import readings as readings_store
from ssi_coach.store import routine as routine_store
from ssi_coach.today import (
    AnswersTimeline,
    PlanBook,
    RoutinePeriod,
    completion_by_day,
    pauses_from,
    period_last_day,
    routine_period_from,
)


@dataclass(frozen=True)
class RoutineStamp:
    """A cheap summary of the routine's stored days: the ticks and the day marks."""

    ticks: TickStamp
    marks: tuple[tuple[date, str], ...]


def routine_stamp(repo: Repo) -> RoutineStamp:
    """Return the summary that changes whenever a tick or a day mark may have changed."""
    engine, profile_id = repo.engine, repo.profile_id
    return RoutineStamp(
        routine_store.tick_stamp(engine, profile_id),
        tuple(sorted(routine_store.list_day_marks(engine, profile_id).items())),
    )


def routine_month(repo: Repo, month: date, today: date) -> MonthRoutine | None:
    """Return how much of a month's routine was done and over how many days (the card's line).

    Computed with the same measure as Today: each day's ticks over that day's budget, from the
    routine's first day (the first questionnaire, or an earlier first tick).
    """
    engine, profile_id = repo.engine, repo.profile_id
    history = answers_store.answers_history(engine, profile_id)
    reading = readings_store.latest_reading(engine, profile_id)
    if not history or reading is None:
        return None
    timeline = AnswersTimeline.of(history)
    start = routine_start(
        timeline.first_day, routine_store.tick_stamp(engine, profile_id).first_day
    )
    first = month_of(month)
    ticks = routine_store.list_ticks(engine, profile_id, first, month_end(first))
    kpis = [entry.kpis for entry in kpis_store.list_kpis(engine, profile_id)]
    completion = completion_by_day(ticks, timeline, PlanBook(reading, kpis))
    pauses = pauses_from(routine_store.list_day_marks(engine, profile_id))
    return month_routine(completion, first, today, pauses, start)


def routine_period(
    repo: Repo, before: Reading, after: Reading | None, today: date
) -> RoutinePeriod | None:
    """Return the routine done between two check-ins next to each pillar's change, or None."""
    engine, profile_id = repo.engine, repo.profile_id
    history = answers_store.answers_history(engine, profile_id)
    if not history:
        return None
    last = period_last_day(after, today)
    ticks = routine_store.list_ticks(engine, profile_id, before.taken_on, last)
    pauses = pauses_from(routine_store.list_day_marks(engine, profile_id))
    kpis = [entry.kpis for entry in kpis_store.list_kpis(engine, profile_id)]
    timeline = AnswersTimeline.of(history)
    return routine_period_from(before, after, today, timeline, ticks, pauses, kpis)


def headline_change(repo: Repo, readings: Sequence[Reading]) -> HeadlineChange | None:
    """Return the brand pillar around the day the headline was last saved, None before a save."""
    latest = profile_texts_store.latest_profile_text(
        repo.engine, repo.profile_id, TextKind.HEADLINE
    )
    # Stored in UTC: the day the user saw is the local one.
    saved_on = None if latest is None else local_moment(latest.saved_at).date()
    return change_around(readings, saved_on)
