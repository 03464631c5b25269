"""Monthly series, KPI changes and how they read."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.i18n import Lang, format_count
from ssi_coach.kpis import (
    format_change,
    format_kpi_value,
    format_points,
    kpi_change,
    kpi_series,
    kpi_value,
    monthly_rows,
    ssi_by_month,
    ssi_change,
)
from ssi_coach.model import KpiMonth, Reading
from ssi_coach.months import add_months

NBSP = "\u00a0"


def reading(day: date, total: float, **ranks: Any) -> Reading:
    """Build a check-in with the given total (30 to 55): three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0, **ranks)


# --- series ------------------------------------------------------------------------------


def test_the_ssi_of_a_month_is_its_last_check_in() -> None:
    readings = [
        reading(date(2026, 10, 28), 50),
        reading(date(2026, 10, 3), 40),
        reading(date(2026, 11, 2), 45),
    ]
    assert ssi_by_month(readings) == {date(2026, 10, 1): 50.0, date(2026, 11, 1): 45.0}


def test_kpi_series_skips_months_where_the_kpi_is_unknown() -> None:
    kpis = [
        KpiMonth(date(2026, 9, 1), impressions=1000, engagements=40),
        KpiMonth(date(2026, 10, 1), opportunities=2),
        KpiMonth(date(2026, 11, 1), impressions=0, engagements=0),
    ]
    assert kpi_series(kpis, "engagement_rate") == {date(2026, 9, 1): 0.04}
    assert kpi_series(kpis, "impressions") == {date(2026, 9, 1): 1000, date(2026, 11, 1): 0}


def test_an_unknown_kpi_name_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown KPI"):
        kpi_value(KpiMonth(date(2026, 9, 1)), "followers")


def test_monthly_rows_align_the_ssi_with_kpi_months_and_leave_gaps_empty() -> None:
    rows = monthly_rows(
        [reading(date(2026, 8, 20), 42), reading(date(2026, 10, 21), 44)],
        [KpiMonth(date(2026, 9, 1), qualified_conversations=3)],
    )
    assert [r.month for r in rows] == [date(2026, 8, 1), date(2026, 9, 1), date(2026, 10, 1)]
    assert [r.ssi for r in rows] == [42.0, None, 44.0]
    assert [r.qualified_conversations for r in rows] == [None, 3, None]


def test_monthly_rows_are_empty_without_any_data() -> None:
    assert monthly_rows([], []) == ()


# --- changes ---------------------------------------------------------------------------


def test_a_kpi_change_gives_the_absolute_and_percent_change() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), impressions=2000),
        KpiMonth(date(2026, 11, 1), impressions=2500),
    ]
    change = kpi_change(kpis, "impressions", date(2026, 11, 1), 3)
    assert change.start == date(2026, 8, 1)
    assert change.months == 3
    assert (change.before, change.after, change.absolute, change.percent) == (2000, 2500, 500, 25.0)
    assert change.reason is None


def test_a_twelve_month_change_compares_with_the_same_month_a_year_before() -> None:
    kpis = [
        KpiMonth(date(2025, 11, 1), opportunities=4),
        KpiMonth(date(2026, 11, 1), opportunities=3),
    ]
    change = kpi_change(kpis, "opportunities", date(2026, 11, 15), 12)
    assert (change.start, change.end) == (date(2025, 11, 1), date(2026, 11, 1))
    assert change.percent == -25.0


def test_a_change_without_the_later_month_says_the_end_is_missing() -> None:
    kpis = [KpiMonth(date(2026, 8, 1), impressions=2000)]
    change = kpi_change(kpis, "impressions", date(2026, 11, 1), 3)
    assert (change.absolute, change.percent, change.reason) == (None, None, "missing_end")


def test_a_change_without_the_earlier_month_says_the_start_is_missing() -> None:
    kpis = [KpiMonth(date(2026, 11, 1), impressions=2000)]
    change = kpi_change(kpis, "impressions", date(2026, 11, 1), 3)
    assert (change.absolute, change.percent, change.reason) == (None, None, "missing_start")


def test_a_month_entered_without_the_kpi_counts_as_missing() -> None:
    kpis = [KpiMonth(date(2026, 8, 1), opportunities=1), KpiMonth(date(2026, 11, 1), impressions=9)]
    assert kpi_change(kpis, "impressions", date(2026, 11, 1), 3).reason == "missing_start"


def test_a_change_from_zero_has_an_absolute_change_but_no_percent() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), opportunities=0),
        KpiMonth(date(2026, 11, 1), opportunities=2),
    ]
    change = kpi_change(kpis, "opportunities", date(2026, 11, 1), 3)
    assert (change.absolute, change.percent, change.reason) == (2.0, None, "zero_base")


def test_exactly_five_percent_is_computed_as_exactly_five() -> None:
    # 63 / 60 - 1 is 0.05000000000000004 in binary floating point.
    kpis = [KpiMonth(date(2026, 8, 1), impressions=60), KpiMonth(date(2026, 11, 1), impressions=63)]
    assert kpi_change(kpis, "impressions", date(2026, 11, 1), 3).percent == 5.0


def test_the_engagement_rate_change_is_relative_to_the_earlier_rate() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), impressions=1000, engagements=40),
        KpiMonth(date(2026, 11, 1), impressions=2000, engagements=100),
    ]
    change = kpi_change(kpis, "engagement_rate", date(2026, 11, 1), 3)
    assert (change.before, change.after) == (0.04, 0.05)
    assert change.percent == 25.0


def test_a_month_entered_twice_keeps_the_later_entry() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), impressions=100),
        KpiMonth(date(2026, 11, 1), impressions=999),
        KpiMonth(date(2026, 11, 1), impressions=150),
    ]
    assert kpi_change(kpis, "impressions", date(2026, 11, 1), 3).after == 150


def test_the_ssi_change_compares_each_months_last_check_in_exactly() -> None:
    readings = [
        reading(date(2026, 8, 30), 40.1),
        reading(date(2026, 11, 2), 45.2),
        reading(date(2026, 11, 20), 45.1),
    ]
    change = ssi_change(readings, date(2026, 11, 1), 3)
    assert change.absolute == 5.0
    assert change.name == "ssi"


@given(
    before=st.integers(0, 10**7),
    after=st.integers(0, 10**7),
    months=st.sampled_from([1, 3, 12]),
)
def test_a_change_is_always_after_minus_before_with_a_matching_sign(
    before: int, after: int, months: int
) -> None:
    end = date(2026, 11, 1)
    kpis = [
        KpiMonth(add_months(end, -months), qualified_conversations=before),
        KpiMonth(end, qualified_conversations=after),
    ]
    change = kpi_change(kpis, "qualified_conversations", end, months)
    assert change.absolute == after - before
    if change.percent is not None:
        assert (change.percent > 0) == (after > before)
        assert (change.percent == 0) == (after == before)
    else:
        assert before == 0


# --- formatting --------------------------------------------------------------------------


def test_counts_are_grouped_by_thousands_per_language() -> None:
    assert format_count(12400, Lang.FR) == "12\u202f400"
    assert format_count(1234567, Lang.EN) == "1,234,567"


def test_a_rate_is_shown_as_a_percentage() -> None:
    assert format_kpi_value("engagement_rate", 0.032, Lang.FR) == f"3,2{NBSP}%"
    assert format_kpi_value("engagement_rate", 0.032, Lang.EN) == "3.2%"


def test_points_take_the_singular_only_where_the_language_does() -> None:
    assert format_points(1.5, Lang.FR) == "+1,5 point"
    assert format_points(-2.0, Lang.FR) == "−2 points"
    assert format_points(1.5, Lang.EN) == "+1.5 points"
    assert format_points(1.0, Lang.EN) == "+1 point"


def test_a_kpi_change_reads_as_a_signed_percentage() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), impressions=2000),
        KpiMonth(date(2026, 11, 1), impressions=1900),
    ]
    change = kpi_change(kpis, "impressions", date(2026, 11, 1), 3)
    assert format_change(change, Lang.FR) == f"−5,0{NBSP}%"
    assert format_change(change, Lang.EN) == "-5.0%"


def test_a_missing_month_is_named_in_the_change_text() -> None:
    change = kpi_change([], "impressions", date(2026, 11, 1), 3)
    assert format_change(change, Lang.FR) == "pas de donnée pour nov. 2026"
    start_missing = kpi_change(
        [KpiMonth(date(2026, 11, 1), impressions=5)], "impressions", date(2026, 11, 1), 3
    )
    assert format_change(start_missing, Lang.EN) == "no data for Aug 2026"


def test_a_change_from_zero_reads_from_zero_to_the_new_value() -> None:
    kpis = [
        KpiMonth(date(2026, 8, 1), opportunities=0),
        KpiMonth(date(2026, 11, 1), opportunities=2),
    ]
    change = kpi_change(kpis, "opportunities", date(2026, 11, 1), 3)
    assert format_change(change, Lang.FR) == "de 0 à 2"
