"""Validation of the core contract: Reading, Answers, KpiMonth, InvalidInput."""

import math
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import (
    Answers,
    Goal,
    InvalidInput,
    KpiMonth,
    Pillar,
    Reading,
    Role,
)
from tests.unit.strategies import pillar_scores, reading_dates, readings

PILLARS = [p.value for p in Pillar]
VALID = {
    "taken_on": date(2026, 11, 1),
    "brand": 12.275,
    "people": 6.0,
    "insights": 3.1,
    "relationships": 1.5,
}


def reading_with(**changes: object) -> Reading:
    return Reading(**(VALID | changes))  # type: ignore[arg-type]


def rejected_field(**changes: object) -> str:
    with pytest.raises(InvalidInput) as caught:
        reading_with(**changes)
    return caught.value.field


@given(readings)
def test_every_valid_reading_is_accepted_and_keeps_its_values(reading: Reading) -> None:
    rebuilt = Reading(
        reading.taken_on,
        reading.brand,
        reading.people,
        reading.insights,
        reading.relationships,
        reading.industry_rank,
        reading.network_rank,
        reading.industry_average,
        reading.network_average,
    )
    assert rebuilt == reading


@given(st.sampled_from(PILLARS), st.floats(allow_nan=False).filter(lambda v: not 0 <= v <= 25))
def test_a_pillar_outside_0_to_25_is_rejected_with_its_name(pillar: str, value: float) -> None:
    assert rejected_field(**{pillar: value}) == pillar


@given(st.sampled_from(PILLARS), st.sampled_from([math.nan, math.inf, -math.inf]))
def test_a_nan_or_infinite_pillar_is_rejected_with_its_name(pillar: str, value: float) -> None:
    assert rejected_field(**{pillar: value}) == pillar


@given(
    st.sampled_from(PILLARS),
    st.floats(0, 25, allow_nan=False).filter(lambda v: round(v, 3) != v),
)
def test_a_pillar_with_more_than_3_decimals_is_rejected(pillar: str, value: float) -> None:
    assert rejected_field(**{pillar: value}) == pillar


@given(st.sampled_from(PILLARS), st.sampled_from(["12", None, True, [1]]))
def test_a_pillar_that_is_not_a_number_is_rejected(pillar: str, value: object) -> None:
    assert rejected_field(**{pillar: value}) == pillar


@given(
    st.sampled_from(["industry_rank", "network_rank"]),
    st.integers().filter(lambda v: not 1 <= v <= 100),
)
def test_a_rank_outside_1_to_100_is_rejected_with_its_name(field: str, value: int) -> None:
    assert rejected_field(**{field: value}) == field


@given(st.sampled_from(["industry_rank", "network_rank"]), st.sampled_from([10.5, math.nan]))
def test_a_rank_that_is_not_whole_is_rejected(field: str, value: float) -> None:
    assert rejected_field(**{field: value}) == field


@given(
    st.sampled_from(["industry_average", "network_average"]),
    st.floats().filter(lambda v: not 0 <= v <= 100),
)
def test_an_average_outside_0_to_100_or_not_finite_is_rejected(field: str, value: float) -> None:
    assert rejected_field(**{field: value}) == field


def test_an_average_with_more_than_3_decimals_is_rejected() -> None:
    assert rejected_field(industry_average=35.0001) == "industry_average"


def test_a_date_in_the_future_is_rejected() -> None:
    assert rejected_field(taken_on=date.today() + timedelta(days=1)) == "taken_on"


def test_today_is_accepted() -> None:
    assert reading_with(taken_on=date.today()).taken_on == date.today()


def test_a_date_before_2014_is_rejected() -> None:
    assert rejected_field(taken_on=date(2013, 12, 31)) == "taken_on"


def test_a_datetime_is_not_taken_for_a_date() -> None:
    assert rejected_field(taken_on=datetime(2026, 1, 1, 12)) == "taken_on"


@given(reading_dates, pillar_scores, pillar_scores, pillar_scores, pillar_scores)
def test_the_total_is_the_exact_sum_of_the_pillars(
    day: date, a: float, b: float, c: float, d: float
) -> None:
    reading = Reading(day, a, b, c, d)
    thousandths = sum(round(v * 1000) for v in (a, b, c, d))
    assert reading.total == thousandths / 1000


def test_the_total_shown_is_rounded_like_linkedin() -> None:
    assert reading_with(brand=12.5, people=0, insights=0, relationships=0).total_shown == 13
    assert reading_with(brand=12.499, people=0, insights=0, relationships=0).total_shown == 12


def test_score_returns_the_pillar_value() -> None:
    assert reading_with().score(Pillar.INSIGHTS) == 3.1


def test_the_error_message_names_the_field_in_french_and_in_english() -> None:
    with pytest.raises(InvalidInput) as caught:
        reading_with(people=30)
    assert caught.value.message("fr").startswith("Trouver les bonnes personnes :")
    assert caught.value.message("en").startswith("Find the right people:")
    assert "25" in caught.value.message("fr")


def test_answers_reject_minutes_outside_10_to_60() -> None:
    with pytest.raises(InvalidInput) as caught:
        Answers(Goal.NOTORIETY, Role.FREELANCE, False, minutes_per_day=61)
    assert caught.value.field == "minutes_per_day"


def test_answers_reject_a_free_text_that_is_too_long() -> None:
    with pytest.raises(InvalidInput) as caught:
        Answers(Goal.NOTORIETY, Role.FREELANCE, False, sector="x" * 81)
    assert caught.value.field == "sector"


def test_answers_collapse_whitespace_in_free_text() -> None:
    answers = Answers(Goal.PROSPECTING, Role.SALES, True, target="  DAF \n de PME ")
    assert answers.target == "DAF de PME"


def test_answers_accept_goal_and_role_codes() -> None:
    answers = Answers("prospecting", "sales", False)  # type: ignore[arg-type]
    assert (answers.goal, answers.role) == (Goal.PROSPECTING, Role.SALES)


def test_kpi_month_must_start_on_the_first_day() -> None:
    with pytest.raises(InvalidInput) as caught:
        KpiMonth(date(2026, 11, 2))
    assert caught.value.field == "month"


def test_kpi_month_rejects_engagements_above_impressions() -> None:
    with pytest.raises(InvalidInput) as caught:
        KpiMonth(date(2026, 11, 1), impressions=10, engagements=11)
    assert caught.value.field == "engagements"


def test_kpi_month_engagement_rate_is_engagements_over_impressions() -> None:
    assert KpiMonth(date(2026, 11, 1), impressions=200, engagements=9).engagement_rate == 0.045


def test_kpi_month_rejects_negative_counts() -> None:
    with pytest.raises(InvalidInput) as caught:
        KpiMonth(date(2026, 11, 1), opportunities=-1)
    assert caught.value.field == "opportunities"
