"""One routine measure: Today, Progress and the monthly card give the same figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from ssi_coach.habits import COUNTED
from ssi_coach.model import Goal, Reading, Role
from ssi_coach.services import checkin, questionnaire
from ssi_coach.services.progress import routine_month, routine_period
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.services.today import load_today, tick_task
from ssi_coach.today import TodayState

READING = Reading(date(2026, 2, 28), 10, 8, 5, 7)  # a Saturday: the period starts on a rest day
MARCH = date(2026, 3, 1)
TODAY = date(2026, 3, 31)
ANSWERS = {
    "goal": Goal.PROSPECTING.value,
    "role": Role.FREELANCE.value,
    "minutes_per_day": "45",
    "target": "DSI de PME",
}


def set_up(engine: Engine, converting: bool) -> Repo:
    repo = open_default(engine)
    values = ANSWERS | {"already_converting": "yes" if converting else "no"}
    outcome = questionnaire.submit_questionnaire(repo, values)
    assert outcome.errors == ()
    checkin.store_checkin(repo, READING)
    return repo


def routine_followed(repo: Repo, month: date, today: date) -> float | None:
    """Return the monthly card's share of the routine followed, as the card computes it."""
    routine = routine_month(repo, month, today)
    return None if routine is None else routine.share


def state(repo: Repo, day: date) -> TodayState:
    # Ticking is only allowed a week back: each day is ticked as if it were that day.
    loaded = load_today(repo, day, day)
    assert loaded is not None
    return loaded


def weekdays_of_march() -> list[date]:
    days = [MARCH + timedelta(days=n) for n in range(31)]
    return [day for day in days if day.weekday() < 5]


def tick_whole_routine(repo: Repo, day: date) -> TodayState:
    for task in state(repo, day).routine.tasks:
        tick_task(repo, day, task, True, day)
    return state(repo, day)


@pytest.mark.parametrize("converting", [True, False], ids=["maintenance", "normal"])
def test_a_whole_routine_ticked_every_weekday_reads_100_percent_everywhere(
    engine: Engine, converting: bool
) -> None:
    repo = set_up(engine, converting)
    for day in weekdays_of_march():
        ticked = tick_whole_routine(repo, day)
        assert ticked.routine.light is converting
        assert ticked.routine.progress == 1.0
    today = state(repo, TODAY)
    counted = [d for d in today.habit.history if d.day.month == 3 and d.day.weekday() < 5]
    assert [d.completion for d in counted] == [1.0] * len(weekdays_of_march())
    assert routine_followed(repo, MARCH, TODAY) == 1.0
    period = routine_period(repo, READING, None, TODAY)
    assert period is not None
    shares = {item.completion for item in period.pillars if item.completion is not None}
    assert shares == {1.0}


@pytest.mark.parametrize("converting", [True, False], ids=["maintenance", "normal"])
def test_half_the_weekdays_ticked_give_the_same_share_on_today_and_the_card(
    engine: Engine, converting: bool
) -> None:
    repo = set_up(engine, converting)
    days = weekdays_of_march()
    for day in days[::2]:
        tick_whole_routine(repo, day)
    today = state(repo, TODAY)
    march = [d for d in today.habit.history if d.day.month == 3 and d.status in COUNTED]
    mean = sum(d.completion for d in march) / len(march)
    assert routine_followed(repo, MARCH, TODAY) == pytest.approx(mean)
    # Today (the 31st) is still in progress: it is not held against anyone yet.
    assert mean == pytest.approx(len(days[::2]) / (len(days) - 1))


@pytest.mark.parametrize("converting", [True, False], ids=["maintenance", "normal"])
def test_a_partly_ticked_today_counts_alike_on_today_the_card_and_the_pillars(
    engine: Engine, converting: bool
) -> None:
    repo = set_up(engine, converting)
    days = weekdays_of_march()
    for day in days[:-1]:
        tick_whole_routine(repo, day)
    first_task = state(repo, TODAY).routine.tasks[0]
    tick_task(repo, TODAY, first_task, True, TODAY)
    today = state(repo, TODAY)
    last = today.habit.history[-1]
    assert last.day == TODAY
    assert 0 < last.completion < 1
    counted = [d for d in today.habit.history if d.day.month == 3 and d.status in COUNTED]
    assert len(counted) == len(days)
    assert routine_followed(repo, MARCH, TODAY) == pytest.approx(
        sum(d.completion for d in counted) / len(counted)
    )
    period = routine_period(repo, READING, None, TODAY)
    assert period is not None
    assert period.routine_days == len(counted)
