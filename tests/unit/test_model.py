"""Validation of the core contract: Reading, Answers, KpiMonth, InvalidInput."""

import math
from datetime import date, datetime, timedelta
from functools import partial

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import (
    FIGURE_MAX,
    Answers,
    Goal,
    InvalidInput,
    KpiMonth,
    Pillar,
    Reading,
    Role,
    check_whole,
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


# --- any value, however large or strange: a value of the domain or InvalidInput naming it -----

READING_NUMBERS = [*PILLARS, "industry_rank", "network_rank", "industry_average", "network_average"]
KPI_FIGURES = ["impressions", "engagements", "qualified_conversations", "opportunities"]
THIS_MONTH = date.today().replace(day=1)
# Values typed, imported or computed: huge integers, integers around 2**53, every float, text.
any_value = st.one_of(
    st.integers(),
    st.integers(2**53 - 2, 2**53 + 2),
    st.sampled_from([10**400, -(10**400), 2**63, 2**1000]),
    st.floats(),
    st.text(max_size=8),
    st.sampled_from(["9" * 5000, None, True, b"12", [1]]),
    st.decimals(allow_nan=False),
)


def built_or_named(build: object, field: str, value: object) -> object:
    """Return what the constructor kept of value, or the InvalidInput it raised for field."""
    try:
        made = build(**{field: value})  # type: ignore[operator]
    except InvalidInput as error:
        refused = error
    else:
        return getattr(made, field)
    assert refused.field == field, refused
    return refused


@given(st.sampled_from(READING_NUMBERS), any_value)
def test_any_value_of_a_reading_field_is_kept_exactly_or_refused_naming_it(
    field: str, value: object
) -> None:
    kept = built_or_named(reading_with, field, value)
    if not isinstance(kept, InvalidInput) and kept is not None:
        assert isinstance(value, int | float)
        assert kept == value


@given(st.sampled_from(KPI_FIGURES), any_value)
def test_any_value_of_a_kpi_figure_is_kept_exactly_or_refused_naming_it(
    field: str, value: object
) -> None:
    kept = built_or_named(partial(KpiMonth, THIS_MONTH), field, value)
    if not isinstance(kept, InvalidInput) and kept is not None:
        assert isinstance(kept, int)
        assert kept == value
        assert 0 <= kept <= FIGURE_MAX


@pytest.mark.parametrize("field", READING_NUMBERS)
def test_a_reading_field_of_ten_to_the_400_is_refused_naming_it(field: str) -> None:
    assert rejected_field(**{field: 10**400}) == field


@pytest.mark.parametrize("field", KPI_FIGURES)
@pytest.mark.parametrize(
    "value", [10**400, 2**53 + 1, FIGURE_MAX + 1], ids=["10**400", "2**53+1", "max+1"]
)
def test_a_kpi_figure_beyond_the_largest_is_refused_naming_it(field: str, value: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        KpiMonth(THIS_MONTH, **{field: value})  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, "out_of_range")


def test_the_largest_kpi_figure_is_accepted() -> None:
    assert KpiMonth(THIS_MONTH, impressions=FIGURE_MAX).impressions == FIGURE_MAX


def test_a_whole_number_without_upper_bound_stops_where_floats_stop_being_exact() -> None:
    assert check_whole("task_minutes", 2**53, 1) == 2**53
    with pytest.raises(InvalidInput) as caught:
        check_whole("task_minutes", 2**53 + 1, 1)
    assert (caught.value.field, caught.value.code) == ("task_minutes", "too_large")


@given(st.dates() | st.datetimes())
def test_a_kpi_month_runs_from_january_2014_to_this_month(month: date) -> None:
    kept = built_or_named(KpiMonth, "month", month)
    if not isinstance(kept, InvalidInput):
        assert date(2014, 1, 1) <= month <= THIS_MONTH
        assert month.day == 1
        assert not isinstance(month, datetime)


@pytest.mark.parametrize(
    ("month", "code"),
    [
        (date(2999, 1, 1), "in_future"),
        (date(2001, 1, 1), "before_ssi"),
        (date(1, 1, 1), "before_ssi"),
        (date(9999, 12, 1), "in_future"),
    ],
)
def test_a_kpi_month_out_of_the_ssis_years_is_refused_on_the_month(month: date, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        KpiMonth(month)
    assert (caught.value.field, caught.value.code) == ("month", code)


def test_next_month_is_refused_and_this_month_and_january_2014_are_accepted() -> None:
    with pytest.raises(InvalidInput):
        KpiMonth(THIS_MONTH + timedelta(days=31))
    assert KpiMonth(THIS_MONTH).month == THIS_MONTH
    assert KpiMonth(date(2014, 1, 1)).month == date(2014, 1, 1)
