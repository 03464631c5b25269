"""Monthly series, KPI changes and the cross-reading charts, checked through their specs."""

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.i18n import Lang, format_count
from ssi_coach.kpis import (
    GOAL_COLOR,
    KPI_NAMES,
    add_months,
    cross_reading_chart,
    format_change,
    format_kpi_value,
    format_points,
    kpi_change,
    kpi_changes,
    kpi_series,
    kpi_value,
    monthly_rows,
    months_between,
    pillar_benchmarks_chart,
    ssi_by_month,
    ssi_change,
)
from ssi_coach.model import Goal, KpiMonth, Reading

NBSP = "\u00a0"


def reading(day: date, total: float, **ranks: Any) -> Reading:
    """Build a check-in with the given total (30 to 55): three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0, **ranks)


def panels(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the stacked panels of a cross-reading chart's spec."""
    return spec["vconcat"]


def rows_of(spec: dict[str, Any], panel: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the data rows a panel draws."""
    return spec["datasets"][panel["data"]["name"]]


# --- months and series -------------------------------------------------------------------


def test_adding_months_crosses_year_boundaries() -> None:
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 2, 1), -12) == date(2025, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_months_between_lists_every_month_both_ends_included() -> None:
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == (
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    )


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


def test_kpi_changes_cover_every_kpi_over_three_and_twelve_months() -> None:
    changes = kpi_changes([], date(2026, 11, 1))
    assert [(c.name, c.months) for c in changes] == [
        (name, months) for name in KPI_NAMES for months in (3, 12)
    ]


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


# --- the cross-reading chart -------------------------------------------------------------

READINGS = [reading(date(2026, 8, 20), 42.5), reading(date(2026, 10, 21), 47.25)]
KPIS = [
    KpiMonth(date(2026, 8, 1), impressions=10000, engagements=300),
    KpiMonth(date(2026, 9, 1), impressions=12000, engagements=420),
    KpiMonth(date(2026, 10, 1), qualified_conversations=3),
]


def test_the_cross_reading_chart_stacks_panels_on_one_shared_time_axis() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    assert spec["resolve"]["scale"] == {"x": "shared", "y": "independent"}
    lines = [p for p in panels(spec) if p["mark"]["type"] == "line"]
    assert len(lines) == 4
    domains = {tuple(p["encoding"]["x"]["scale"]["domain"]) for p in lines}
    assert domains == {("2026-08-01T00:00:00", "2026-10-01T00:00:00")}
    for panel in lines:
        assert panel["encoding"]["x"]["field"] == "month"
        assert panel["encoding"]["x"]["type"] == "temporal"
        assert panel["encoding"]["y"]["field"] == "value"
        assert panel["encoding"]["y"]["type"] == "quantitative"


def test_the_ssi_comes_first_then_the_goals_kpis_then_the_others_with_data() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.PROSPECTING, Lang.EN).to_dict()
    titles = [p["title"]["text"] for p in panels(spec)]
    assert titles == [
        "Total SSI",
        "Qualified conversations — a KPI of your goal",
        "Opportunities — a KPI of your goal",
        "Impressions",
        "Engagement rate",
    ]


def test_the_goals_kpis_are_highlighted() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.EN).to_dict()
    colors = {p["title"]["text"]: p["mark"]["color"] for p in panels(spec)}
    assert colors["Impressions — a KPI of your goal"] == GOAL_COLOR
    assert colors["Engagement rate — a KPI of your goal"] == GOAL_COLOR
    assert colors["Total SSI"] != GOAL_COLOR
    assert colors["Qualified conversations"] != GOAL_COLOR


def test_a_goal_kpi_without_any_figure_says_no_data_instead_of_an_empty_frame() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.PROSPECTING, Lang.FR).to_dict()
    opportunities = panels(spec)[2]
    assert opportunities["mark"]["type"] == "text"
    assert rows_of(spec, opportunities) == [{"text": "pas de donnée"}]


def test_the_chart_leaves_months_without_a_figure_empty() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    ssi = panels(spec)[0]
    assert [row["value"] for row in rows_of(spec, ssi)] == [42.5, None, 47.25]
    assert ssi["mark"]["invalid"] == "break-paths-show-domains"


def test_the_engagement_rate_is_drawn_in_percent() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    rate = panels(spec)[2]
    assert [row["value"] for row in rows_of(spec, rate)][:2] == [3.0, 3.5]
    assert [row["text"] for row in rows_of(spec, rate)] == [
        f"3,0{NBSP}%",
        f"3,5{NBSP}%",
        "pas de donnée",
    ]


def test_only_the_lowest_panel_with_a_line_shows_the_month_labels() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.PROSPECTING, Lang.FR).to_dict()
    shown = [
        p["title"]["text"]
        for p in panels(spec)
        if p["mark"]["type"] == "line" and p["encoding"]["x"]["axis"]["labels"]
    ]
    assert shown == ["Taux d’engagement"]


def test_french_axes_write_months_and_numbers_the_french_way() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    impressions = panels(spec)[1]
    assert "'juil.'" in impressions["encoding"]["x"]["axis"]["labelExpr"]
    assert "regexp(',', 'g')" in impressions["encoding"]["y"]["axis"]["labelExpr"]


def test_count_axes_only_tick_whole_numbers() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.PROSPECTING, Lang.EN).to_dict()
    conversations = panels(spec)[1]
    assert conversations["encoding"]["y"]["axis"]["tickMinStep"] == 1
    assert conversations["encoding"]["y"]["axis"]["labelExpr"].startswith("datum.value % 1 ? '' :")


def test_the_chart_title_is_translated() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Votre SSI et vos résultats, mois par mois"


def test_the_cross_reading_chart_is_none_without_any_data() -> None:
    assert cross_reading_chart([], [], Goal.NOTORIETY, Lang.FR) is None


def test_an_unknown_series_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown series"):
        cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR, series=("ssi", "followers"))


# --- you against your industry and network ---------------------------------------------


def test_each_pillar_is_set_against_a_quarter_of_each_known_average() -> None:
    latest = reading(date(2026, 10, 21), 47.25, industry_average=48.0, network_average=60.0)
    spec = pillar_benchmarks_chart(latest, Lang.EN).to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    brand = {row["who"]: row["score"] for row in rows if row["pillar"] == "Brand"}
    assert brand == {"You": 17.25, "Industry average ÷ 4": 12.0, "Network average ÷ 4": 15.0}


def test_the_benchmark_chart_says_the_averages_are_divided_by_four() -> None:
    latest = reading(date(2026, 10, 21), 47.25, industry_average=48.0)
    spec = pillar_benchmarks_chart(latest, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Vous face à votre secteur et à votre réseau"
    assert "divisée par 4" in spec["title"]["subtitle"]


def test_the_benchmark_chart_uses_explicit_types() -> None:
    latest = reading(date(2026, 10, 21), 47.25, network_average=60.0)
    spec = pillar_benchmarks_chart(latest, Lang.FR).to_dict()
    bars, ticks = spec["layer"]
    assert (bars["mark"]["type"], ticks["mark"]["type"]) == ("bar", "tick")
    for layer in (bars, ticks):
        assert layer["encoding"]["x"]["type"] == "nominal"
        assert layer["encoding"]["y"]["type"] == "quantitative"
        assert layer["encoding"]["y"]["scale"]["domain"] == [0, 25.0]
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Vous", "Moyenne du réseau ÷ 4"]


def test_the_benchmark_chart_is_none_without_any_average() -> None:
    assert pillar_benchmarks_chart(reading(date(2026, 10, 21), 47.25), Lang.FR) is None
