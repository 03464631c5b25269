"""The habit's charts: the calendar heatmap and the weekly rates, through their specs."""

from __future__ import annotations

from datetime import date, timedelta

from ssi_coach.charts.habit import heatmap_cells, heatmap_chart, heatmap_start, weekly_chart
from ssi_coach.habits import habit_days, weekly_completion
from ssi_coach.i18n import Lang

MONDAY = date(2026, 1, 5)


def run_of(first: date, length: int, value: float = 1.0) -> dict[date, float]:
    return {first + timedelta(days=i): value for i in range(length)}


def test_the_heatmap_starts_on_the_first_of_the_month_eleven_months_back() -> None:
    assert heatmap_start(date(2026, 1, 15)) == date(2025, 2, 1)


def test_the_heatmap_has_one_cell_per_day_including_a_leap_day() -> None:
    today = date(2024, 12, 31)
    cells = heatmap_cells([], today, Lang.EN)
    assert len(cells) == 366
    assert "2024-02-29" in set(cells["date"])


def test_the_heatmap_places_each_day_in_its_week_and_weekday() -> None:
    cells = heatmap_cells([], date(2026, 1, 8), Lang.FR).set_index("date")
    assert cells.loc["2026-01-05", "weekday"] == "lun."
    assert cells.loc["2026-01-05", "week"] == cells.loc["2026-01-04", "week"] + 1


def test_the_heatmap_colours_only_counted_days() -> None:
    days = habit_days({MONDAY: 0.5}, MONDAY, MONDAY + timedelta(days=6))
    cells = heatmap_cells(days, MONDAY + timedelta(days=6), Lang.EN).set_index("date")
    assert bool(cells.loc["2026-01-05", "counted"])
    assert not bool(cells.loc["2026-01-10", "counted"])  # a Saturday, a rest day
    assert cells.loc["2026-01-05", "completion_label"] == "50%"


def test_the_heatmap_chart_encodes_weeks_weekdays_and_completion() -> None:
    spec = heatmap_chart([], date(2026, 1, 8), Lang.FR).to_dict()
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("week", "ordinal")
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("weekday", "ordinal")
    assert encoding["y"]["sort"][0] == "lun."
    colour = encoding["color"]["condition"]
    assert (colour["field"], colour["type"]) == ("completion", "quantitative")
    assert "janv. 2026" in encoding["x"]["axis"]["labelExpr"]
    assert "févr. 2025" not in encoding["x"]["axis"]["labelExpr"]


def test_the_heatmap_tooltip_is_localised() -> None:
    spec = heatmap_chart([], date(2026, 1, 8), Lang.EN).to_dict()
    (values,) = spec["datasets"].values()
    assert values[0]["date_label"] == "2025-02-01"
    assert values[0]["status"] == "No routine yet"


def test_the_weekly_chart_shows_rates_in_week_order() -> None:
    days = habit_days(run_of(MONDAY, 10), MONDAY, MONDAY + timedelta(days=9))
    rates = weekly_completion(days, MONDAY + timedelta(days=9), weeks=2)
    spec = weekly_chart(rates, Lang.FR).to_dict()
    assert (spec["encoding"]["y"]["field"], spec["encoding"]["y"]["type"]) == (
        "rate",
        "quantitative",
    )
    assert spec["encoding"]["x"]["sort"] == ["05/01/2026", "12/01/2026"]
