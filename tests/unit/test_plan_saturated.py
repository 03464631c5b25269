"""A score at the top with no business: the plan says the score is not the problem."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import FIRST_SSI_DATE, Answers, Goal, KpiMonth, Pillar, Reading, Role
from ssi_coach.months import add_months, month_of
from ssi_coach.plan import (
    Plan,
    build_plan,
    plan_intro,
    plan_sections,
    plan_title,
)
from ssi_coach.signals import THRESHOLDS
from tests.unit.strategies import answers, readings, three_decimals

TOP = THRESHOLDS.saturated_pillar
NOV = date(2026, 11, 20)


def reading(taken_on: date = NOV, **scores: float) -> Reading:
    values = dict.fromkeys(("brand", "people", "insights", "relationships"), TOP)
    values.update(scores)
    return Reading(taken_on=taken_on, **values)


def plan_for(
    goal: Goal = Goal.PROSPECTING,
    kpis: tuple[KpiMonth, ...] = (),
    converting: bool = False,
    **scores: float,
) -> Plan:
    return build_plan(reading(**scores), Answers(goal, Role.FREELANCE, converting), kpis=kpis)


def conversations(before: int, after: int, end: date = date(2026, 11, 1)) -> tuple[KpiMonth, ...]:
    """Return the qualified conversations of a month and of three months earlier."""
    start = end.replace(month=end.month - 3)
    return (
        KpiMonth(start, qualified_conversations=before),
        KpiMonth(end, qualified_conversations=after),
    )


# --- when the score is at the top ---------------------------------------------------------


def test_the_saturation_threshold_is_23_5_points_a_pillar() -> None:
    assert TOP == 23.5


def test_every_pillar_at_the_threshold_without_kpis_is_saturated_and_light() -> None:
    plan = plan_for()
    assert plan.saturated
    assert plan.light


@pytest.mark.parametrize("pillar", [p.value for p in Pillar])
def test_one_pillar_just_under_the_threshold_is_not_saturated(pillar: str) -> None:
    plan = plan_for(**{pillar: 23.499})
    assert not plan.saturated
    assert not plan.light


def test_flat_goal_kpis_keep_a_top_score_saturated() -> None:
    assert plan_for(kpis=conversations(10, 10)).saturated


def test_falling_goal_kpis_keep_a_top_score_saturated() -> None:
    assert plan_for(kpis=conversations(10, 6)).saturated


def test_a_goal_kpi_growing_five_percent_means_the_score_is_not_saturated() -> None:
    assert not plan_for(kpis=conversations(20, 21)).saturated


def test_a_goal_kpi_growing_just_under_five_percent_is_still_flat() -> None:
    assert plan_for(kpis=conversations(1000, 1049)).saturated


def test_only_the_goals_own_kpis_count() -> None:
    impressions = (
        KpiMonth(date(2026, 8, 1), impressions=1000),
        KpiMonth(date(2026, 11, 1), impressions=5000),
    )
    assert plan_for(Goal.PROSPECTING, kpis=impressions).saturated
    assert not plan_for(Goal.NOTORIETY, kpis=impressions).saturated


def test_kpis_one_month_behind_the_check_in_are_read() -> None:
    assert not plan_for(kpis=conversations(20, 30, end=date(2026, 10, 1))).saturated


def test_kpis_two_months_behind_the_check_in_are_too_old_to_show_growth() -> None:
    assert plan_for(kpis=conversations(20, 30, end=date(2026, 9, 1))).saturated


def test_a_plan_built_without_the_kpi_keyword_reads_them_as_absent() -> None:
    plan = build_plan(reading(), Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    assert plan.saturated


def test_a_plan_made_by_hand_is_not_saturated_unless_told() -> None:
    plan = plan_for(brand=10.0)
    made = Plan(plan.goal, plan.actions, plan.kpis, maintenance=False)
    assert not made.saturated
    assert not made.light


# --- its texts ------------------------------------------------------------------------------


def test_a_saturated_plan_shows_the_kpis_before_the_actions() -> None:
    assert plan_sections(plan_for())[0] == "kpis"


def test_a_saturated_plan_is_titled_the_score_is_not_the_problem() -> None:
    assert plan_title(plan_for(), "fr") == "Le score n’est pas le problème"
    assert plan_title(plan_for(), "en") == "The score is not the problem"


def test_the_saturated_intro_says_plainly_the_score_is_not_the_problem_in_french() -> None:
    intro = plan_intro(plan_for(Goal.PROSPECTING), "fr")
    assert intro.startswith("Vos quatre piliers sont à 23,5 sur 25 ou plus")
    assert (
        "rien ne montre que vos conversations qualifiées et vos opportunités progressent" in intro
    )
    assert "votre score n’est pas le problème" in intro


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ("ciblage", "offre", "conversations")),
        ("en", ("targeting", "offer", "conversations")),
    ],
)
def test_the_saturated_intro_points_to_targeting_the_offer_and_the_conversations(
    lang: str, words: tuple[str, ...]
) -> None:
    intro = plan_intro(plan_for(Goal.NOTORIETY), lang)
    assert all(word in intro for word in words)


def test_the_saturated_intro_leads_with_the_goals_kpis_in_english() -> None:
    intro = plan_intro(plan_for(Goal.NOTORIETY), "en")
    assert "nothing shows your impressions and your engagement rate growing" in intro
    assert "your score is not the problem" in intro


def test_a_user_who_already_converts_reads_the_maintenance_texts_even_at_the_top() -> None:
    plan = plan_for(converting=True)
    assert plan.saturated
    assert plan_title(plan, "en") == plan_title(plan_for(converting=True, brand=5.0), "en")
    assert "already brings you useful conversations" in plan_intro(plan, "en")


def test_a_normal_plan_keeps_its_normal_intro() -> None:
    assert "not the problem" not in plan_intro(plan_for(brand=10.0), "en")


# --- properties -----------------------------------------------------------------------------

near_top = three_decimals(22, 25)
top_readings = st.builds(
    Reading,
    taken_on=st.dates(date(2015, 1, 1), date(2026, 11, 30)),
    brand=near_top,
    people=near_top,
    insights=near_top,
    relationships=near_top,
)
any_readings = readings | top_readings


@st.composite
def kpi_month(draw: st.DrawFn, month: date) -> KpiMonth:
    """Draw a month of KPIs, each one known or not, engagements never above impressions."""
    shown = draw(st.none() | st.integers(0, 10_000))
    engagements = None if shown is None else draw(st.none() | st.integers(0, min(shown, 500)))
    return KpiMonth(
        month,
        impressions=shown,
        engagements=engagements,
        qualified_conversations=draw(st.none() | st.integers(0, 30)),
        opportunities=draw(st.none() | st.integers(0, 10)),
    )


@st.composite
def kpis_around(draw: st.DrawFn, taken_on: date) -> list[KpiMonth]:
    """Draw KPI months in the half year up to a check-in, where the plan looks for them."""
    months = draw(st.sets(st.integers(0, 5), max_size=5))
    starts = (add_months(month_of(taken_on), -back) for back in sorted(months))
    # KPI months start in 2014, like the SSI: a check-in early in 2014 has fewer months before it.
    return [draw(kpi_month(start)) for start in starts if start >= FIRST_SSI_DATE]


@st.composite
def inputs(draw: st.DrawFn) -> tuple[Reading, Answers, list[KpiMonth]]:
    """Draw a check-in, answers, and KPIs in the months that matter for that check-in."""
    given_reading = draw(any_readings)
    return given_reading, draw(answers), draw(kpis_around(given_reading.taken_on))


@given(drawn=inputs())
def test_the_kpis_never_change_the_order_of_the_levers(
    drawn: tuple[Reading, Answers, list[KpiMonth]],
) -> None:
    given_reading, given_answers, kpis = drawn
    with_kpis = build_plan(given_reading, given_answers, kpis=kpis)
    without = build_plan(given_reading, given_answers)
    assert dataclasses.replace(with_kpis, saturated=without.saturated) == without


@given(drawn=inputs())
def test_a_saturated_plan_always_has_every_pillar_at_the_top(
    drawn: tuple[Reading, Answers, list[KpiMonth]],
) -> None:
    given_reading, given_answers, kpis = drawn
    plan = build_plan(given_reading, given_answers, kpis=kpis)
    if plan.saturated:
        assert all(given_reading.score(pillar) >= TOP for pillar in Pillar)
    assert plan.light is (plan.maintenance or plan.saturated)
