"""The results charts: the cross-reading chart and the pillar benchmarks, through their specs."""

import html
import re
from datetime import date
from typing import Any

import pytest
import vl_convert

from ssi_coach.charts.results import GOAL_COLOR, cross_reading_chart, pillar_benchmarks_chart
from ssi_coach.i18n import Lang
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


def test_the_ssi_panel_keeps_its_whole_0_to_100_range() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    assert panels(spec)[0]["encoding"]["y"]["scale"]["domain"] == [0, 100]


def test_every_kpi_axis_starts_at_zero() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    lines = [p for p in panels(spec)[1:] if p["mark"]["type"] == "line"]
    assert lines
    assert all(p["encoding"]["y"]["scale"]["zero"] is True for p in lines)


def test_the_first_and_latest_months_are_drawn_off_the_panels_edges() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    assert panels(spec)[0]["encoding"]["x"]["scale"]["padding"] > 0


def axis_labels(spec: dict[str, Any]) -> list[str]:
    """Return the texts a rendered chart writes, as Vega draws them."""
    svg = vl_convert.vegalite_to_svg(spec)
    return [html.unescape(text) for text in re.findall(r"<text[^>]*>([^<]+)</text>", svg)]


@pytest.mark.parametrize(("lang", "shown"), [(Lang.FR, "10\u202f000"), (Lang.EN, "10,000")])
def test_counts_are_grouped_by_thousands_the_languages_way(lang: Lang, shown: str) -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, lang).to_dict()
    assert shown in axis_labels(spec)


def test_tooltips_group_counts_by_thousands_too() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    impressions = panels(spec)[1]
    assert rows_of(spec, impressions)[0]["text"] == "10\u202f000"


def test_the_chart_title_is_translated() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.NOTORIETY, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Votre SSI et vos résultats, mois par mois"


def test_the_cross_reading_chart_describes_its_months_and_its_series() -> None:
    spec = cross_reading_chart(READINGS, KPIS, Goal.PROSPECTING, Lang.EN).to_dict()
    assert spec["description"].startswith(
        "Stacked panels, month by month from Aug 2026 to Oct 2026: total SSI, qualified "
        "conversations, opportunities, impressions, and engagement rate."
    )


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


def test_the_benchmark_chart_describes_only_the_averages_it_draws() -> None:
    latest = reading(date(2026, 10, 21), 47.25, network_average=60.0)
    description = pillar_benchmarks_chart(latest, Lang.EN).to_dict()["description"]
    assert description.endswith("a tick for the network average divided by 4.")


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
