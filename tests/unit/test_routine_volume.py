"""The routine never asks for more volume with more minutes, and notoriety publishes weekly."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.plan import Lever, Plan, build_plan
from ssi_coach.routine import (
    DEFAULT_MINUTES,
    DEPTH_VARIANTS,
    MAX_TASK_MINUTES,
    PUBLISH_WEEKDAY,
    Task,
    build_routine,
    routine_for,
    split_minutes,
)
from tests.unit.strategies import readings

BUDGETS = range(10, 61)
DAYS_IN_A_ROW = 28
PUBLISH = "headline.publish"
DEPTH_KEYS = {variant.key for variant in DEPTH_VARIANTS.values()}

starts = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
budgets = st.integers(min_value=BUDGETS.start, max_value=BUDGETS.stop - 1)
A_READING = Reading(date(2025, 6, 1), brand=12, people=8.5, insights=15, relationships=20)


def a_plan(goal: Goal, converting: bool, reading: Reading = A_READING) -> Plan:
    return build_plan(reading, Answers(goal, Role.FREELANCE, converting))


def four_weeks(start: date) -> list[date]:
    return [start + timedelta(days=i) for i in range(DAYS_IN_A_ROW)]


def counted(tasks: Sequence[Task], prefix: str) -> int:
    """Return the quantity the tasks of one lever ask for, by the prefix of their keys."""
    return sum(task.count or 0 for task in tasks if task.key.startswith(prefix))


def post_drafts(tasks: Sequence[Task]) -> int:
    return sum(1 for task in tasks if task.key.startswith("headline.post_") or task.key == PUBLISH)


def publish_days(plan: Plan, minutes: int, days: Sequence[date]) -> list[date]:
    return [day for day in days if any(t.key == PUBLISH for t in build_routine(plan, minutes, day))]


def assert_no_volume_beyond_the_ceilings(plan: Plan, minutes: int, start: date) -> None:
    for day in four_weeks(start):
        tasks = build_routine(plan, minutes, day)
        assert counted(tasks, "searches.") <= 10
        assert counted(tasks, "comments.") <= 3
        assert post_drafts(tasks) <= 1
        assert sum(task.minutes for task in tasks) == minutes


@pytest.mark.parametrize("converting", [False, True])
@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("minutes", BUDGETS)
def test_no_budget_asks_for_more_than_ten_prospects_three_comments_and_one_post(
    minutes: int, goal: Goal, converting: bool
) -> None:
    assert_no_volume_beyond_the_ceilings(a_plan(goal, converting), minutes, date(2026, 1, 5))


@given(
    reading=readings,
    goal=st.sampled_from(Goal),
    converting=st.booleans(),
    minutes=budgets,
    start=starts,
)
def test_no_reading_or_start_day_lifts_the_ceilings(
    reading: Reading, goal: Goal, converting: bool, minutes: int, start: date
) -> None:
    assert_no_volume_beyond_the_ceilings(a_plan(goal, converting, reading), minutes, start)


@given(goal=st.sampled_from(Goal), converting=st.booleans(), minutes=budgets, day=starts)
def test_a_lever_beyond_ten_minutes_spends_them_on_depth_with_no_quantity(
    goal: Goal, converting: bool, minutes: int, day: date
) -> None:
    plan = a_plan(goal, converting)
    tasks = build_routine(plan, minutes, day)
    # On Mondays the weekly profile review is the headline's care; the post draft keeps its turn.
    monday = day.weekday() == 0
    for lever, lever_minutes in split_minutes(plan, minutes).items():
        depth = [t for t in tasks if t.lever is lever and t.key == DEPTH_VARIANTS[lever].key]
        if lever is Lever.HEADLINE and monday:
            expected = 1 if lever_minutes > 2 * MAX_TASK_MINUTES else 0
        else:
            expected = 1 if lever_minutes > MAX_TASK_MINUTES else 0
        assert len(depth) == expected
        assert all(task.count is None for task in depth)


@given(goal=st.sampled_from(Goal), converting=st.booleans(), minutes=budgets, day=starts)
def test_each_lever_asks_for_one_quantity_at_most(
    goal: Goal, converting: bool, minutes: int, day: date
) -> None:
    tasks = build_routine(a_plan(goal, converting), minutes, day)
    for lever in Lever:
        assert sum(1 for t in tasks if t.lever is lever and t.count is not None) <= 1


def test_reading_the_posts_comes_before_the_comment_it_prepares() -> None:
    plan = a_plan(Goal.NOTORIETY, converting=False)
    tasks = [t for t in build_routine(plan, 60, date(2026, 1, 6)) if t.lever is Lever.COMMENTS]
    assert next(t.key for t in tasks) == "comments.read_posts"
    assert tasks[1].count == 3


# --- the light routine -------------------------------------------------------------------


@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("minutes", BUDGETS)
def test_the_light_routine_is_never_longer_than_the_standard_one_nor_the_budget(
    minutes: int, goal: Goal
) -> None:
    answers = Answers(goal, Role.FREELANCE, True, minutes_per_day=minutes)
    plan = build_plan(A_READING, answers)
    assert plan.light
    for day in four_weeks(date(2026, 1, 5)):
        spent = sum(task.minutes for task in routine_for(plan, answers, day))
        assert spent <= min(DEFAULT_MINUTES, minutes)


@pytest.mark.parametrize("goal", list(Goal))
@pytest.mark.parametrize("minutes", [10, 35, 60])
def test_outside_the_light_routine_the_day_spends_the_users_budget(
    minutes: int, goal: Goal
) -> None:
    answers = Answers(goal, Role.FREELANCE, False, minutes_per_day=minutes)
    plan = build_plan(A_READING, answers)
    assert not plan.light
    assert sum(task.minutes for task in routine_for(plan, answers, date(2026, 1, 7))) == minutes


# --- the weekly post ---------------------------------------------------------------------


@given(converting=st.booleans(), minutes=budgets, start=starts)
def test_notoriety_publishes_exactly_once_in_every_week(
    converting: bool, minutes: int, start: date
) -> None:
    plan = a_plan(Goal.NOTORIETY, converting)
    days = four_weeks(start)
    for week in range(DAYS_IN_A_ROW // 7):
        assert len(publish_days(plan, minutes, days[7 * week : 7 * week + 7])) == 1


@given(converting=st.booleans(), minutes=budgets, start=starts)
def test_notoriety_publishes_on_the_same_weekday_every_week(
    converting: bool, minutes: int, start: date
) -> None:
    days = publish_days(a_plan(Goal.NOTORIETY, converting), minutes, four_weeks(start))
    assert {day.weekday() for day in days} == {PUBLISH_WEEKDAY}


@given(converting=st.booleans(), minutes=budgets, start=starts)
def test_prospecting_never_publishes(converting: bool, minutes: int, start: date) -> None:
    assert publish_days(a_plan(Goal.PROSPECTING, converting), minutes, four_weeks(start)) == []


@pytest.mark.parametrize("minutes", [10, 20, 60])
def test_the_publish_day_drafts_no_other_post(minutes: int) -> None:
    wednesday = date(2026, 1, 7)
    tasks = build_routine(a_plan(Goal.NOTORIETY, converting=False), minutes, wednesday)
    assert next(t.key for t in tasks if t.lever is Lever.HEADLINE) == PUBLISH
    assert not any(t.key.startswith("headline.post_") for t in tasks)


def test_the_publish_task_opens_the_post_draft() -> None:
    tasks = build_routine(a_plan(Goal.NOTORIETY, converting=False), 20, date(2026, 1, 7))
    publish = next(t for t in tasks if t.key == PUBLISH)
    assert publish.draft == "post"
    assert publish.lever is Lever.HEADLINE
    assert publish.count is None
