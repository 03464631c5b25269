"""A score at the top with flat results: the services read the KPIs and the routine is light."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import Engine

from ssi_coach.habits import COUNTED
from ssi_coach.model import Goal, KpiMonth, Reading, Role
from ssi_coach.records import KpiEntry
from ssi_coach.services import checkin, journal, questionnaire
from ssi_coach.services.plan import current_plan
from ssi_coach.services.progress import routine_month, routine_period
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.services.today import load_today, tick_task
from ssi_coach.today import TodayState

READING = Reading(date(2026, 2, 28), 24.1, 23.8, 24.6, 23.5)
MARCH = date(2026, 3, 1)
TODAY = date(2026, 3, 31)


def set_up(engine: Engine, conversations: tuple[int, int] | None) -> Repo:
    """Store the answers, a check-in at the top, and conversations of Nov. and Feb. if given."""
    repo = open_default(engine)
    values = {
        "goal": Goal.PROSPECTING.value,
        "role": Role.FREELANCE.value,
        "minutes_per_day": "30",
        "already_converting": "no",
        "target": "DSI de PME",
    }
    assert questionnaire.submit_questionnaire(repo, values).errors == ()
    checkin.store_checkin(repo, READING)
    if conversations is not None:
        before, after = conversations
        for month, count in ((date(2025, 11, 1), before), (date(2026, 2, 1), after)):
            entry = KpiEntry(KpiMonth(month, qualified_conversations=count))
            journal.save_month(repo, entry, replace=False)
    return repo


def state(repo: Repo, day: date) -> TodayState:
    loaded = load_today(repo, day, day)
    assert loaded is not None
    return loaded


@pytest.mark.parametrize("conversations", [None, (6, 6)], ids=["no_kpis", "flat_kpis"])
def test_a_top_score_without_growing_results_gives_a_light_plan_everywhere(
    engine: Engine, conversations: tuple[int, int] | None
) -> None:
    repo = set_up(engine, conversations)
    plan = current_plan(repo).plan
    assert plan is not None
    assert plan.saturated
    today = state(repo, TODAY)
    assert today.plan.saturated
    assert today.routine.budget < 30


def test_growing_results_keep_the_plan_and_the_routine_normal(engine: Engine) -> None:
    repo = set_up(engine, (6, 9))
    plan = current_plan(repo).plan
    assert plan is not None
    assert not plan.saturated
    assert state(repo, TODAY).routine.budget == 30


def test_the_light_routine_ticked_every_weekday_reads_100_percent_everywhere(
    engine: Engine,
) -> None:
    repo = set_up(engine, (6, 6))
    weekdays = [MARCH + timedelta(days=n) for n in range(31)]
    weekdays = [day for day in weekdays if day.weekday() < 5]
    for day in weekdays:
        for task in state(repo, day).routine.tasks:
            tick_task(repo, day, task, True, day)
        assert state(repo, day).routine.progress == 1.0
    today = state(repo, TODAY)
    counted = [d for d in today.habit.history if d.day.month == 3 and d.day.weekday() < 5]
    assert [d.completion for d in counted] == [1.0] * len(weekdays)
    card = routine_month(repo, MARCH, TODAY)
    assert card is not None
    assert card.share == 1.0
    period = routine_period(repo, READING, None, TODAY)
    assert period is not None
    assert {item.completion for item in period.pillars if item.completion is not None} == {1.0}


def test_with_growing_results_today_and_the_card_judge_a_day_by_the_same_budget(
    engine: Engine,
) -> None:
    repo = set_up(engine, (6, 9))
    weekdays = [MARCH + timedelta(days=n) for n in range(30)]
    for day in [day for day in weekdays if day.weekday() < 5]:
        first = state(repo, day).routine.tasks[0]
        tick_task(repo, day, first, True, day)
    today = state(repo, TODAY)
    march = [d for d in today.habit.history if d.day.month == 3 and d.status in COUNTED]
    mean = sum(d.completion for d in march) / len(march)
    assert 0 < mean < 1
    card = routine_month(repo, MARCH, TODAY)
    assert card is not None
    assert (card.share, card.days) == (pytest.approx(mean), len(march))
