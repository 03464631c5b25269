"""The habit's charts: the calendar heatmap and the weekly rates, through their specs."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.chart_text import DAY_SYMBOLS, DayKind
from ssi_coach.charts.habit import (
    CELL,
    EVERY_MONTH_WEEKS,
    has_counted_day,
    heatmap_cells,
    heatmap_chart,
    heatmap_first_day,
    heatmap_start,
    heatmap_weeks,
    week_labels,
    weekly_chart,
)
from ssi_coach.habits import HabitDay, Holiday, Pauses, habit_days, weekly_completion
from ssi_coach.i18n import Lang

MONDAY = date(2026, 1, 5)


def run_of(first: date, length: int, value: float = 1.0) -> dict[date, float]:
    return {first + timedelta(days=i): value for i in range(length)}


def since(first: date, today: date, done: dict[date, float] | None = None) -> tuple[HabitDay, ...]:
    return habit_days(done or {}, first, today)


def rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    (values,) = spec["datasets"].values()
    return list(values)


def labelled_columns(labels: list[str | list[str]]) -> list[int]:
    return [column for column, label in enumerate(labels) if label]


# --- where the heatmap starts ------------------------------------------------------------


def test_the_heatmap_reaches_back_at_most_to_the_first_of_the_month_eleven_months_back() -> None:
    assert heatmap_start(date(2026, 1, 15)) == date(2025, 2, 1)


def test_the_heatmap_starts_on_the_routines_first_day() -> None:
    today = date(2026, 11, 30)
    cells = heatmap_cells(since(date(2026, 11, 25), today), today, Lang.FR)
    assert cells["date"].iloc[0] == "2026-11-25"
    assert len(cells) == 6


def test_a_habit_older_than_a_year_shows_the_last_twelve_months() -> None:
    today = date(2026, 11, 30)
    history = since(date(2024, 3, 4), today)
    assert heatmap_first_day(history, today) == date(2025, 12, 1)


def test_the_heatmap_has_one_cell_per_day_including_a_leap_day() -> None:
    today = date(2024, 12, 31)
    cells = heatmap_cells(since(date(2023, 6, 1), today), today, Lang.EN)
    assert len(cells) == 366
    assert "2024-02-29" in set(cells["date"])


def test_the_heatmap_places_each_day_in_its_week_and_weekday() -> None:
    today = date(2026, 1, 8)
    cells = heatmap_cells(since(date(2025, 12, 20), today), today, Lang.FR).set_index("date")
    assert cells.loc["2026-01-05", "weekday"] == "lun."
    assert cells.loc["2026-01-05", "week"] == cells.loc["2026-01-04", "week"] + 1


def test_day_one_shows_every_weekday_row_and_a_single_week() -> None:
    spec = heatmap_chart(since(MONDAY, MONDAY, {MONDAY: 0.5}), MONDAY, Lang.FR).chart.to_dict()
    assert spec["encoding"]["y"]["scale"]["domain"][0] == "lun."
    assert len(spec["encoding"]["y"]["scale"]["domain"]) == 7
    assert spec["encoding"]["x"]["scale"]["domain"] == [0]


# --- colours -----------------------------------------------------------------------------


def test_the_heatmap_colours_only_counted_days() -> None:
    today = MONDAY + timedelta(days=6)
    cells = heatmap_cells(since(MONDAY, today, {MONDAY: 0.5}), today, Lang.EN).set_index("date")
    assert bool(cells.loc["2026-01-05", "counted"])
    assert not bool(cells.loc["2026-01-10", "counted"])  # a Saturday, a rest day
    assert cells.loc["2026-01-05", "completion_label"] == "50%"


def test_a_partly_done_today_is_coloured_with_its_completion() -> None:
    cells = heatmap_cells(since(MONDAY, MONDAY, {MONDAY: 0.6}), MONDAY, Lang.FR)
    today = cells.iloc[-1]
    assert (bool(today["counted"]), today["completion"]) == (True, 0.6)
    assert today["status"] == "Aujourd’hui, en partie faite"


def test_today_before_any_tick_stays_grey() -> None:
    cells = heatmap_cells(since(MONDAY, MONDAY), MONDAY, Lang.FR)
    assert not bool(cells.iloc[-1]["counted"])


def cells_layer(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the heatmap's layer of coloured cells."""
    (cells,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "rect"]
    return cells


def symbols_layer(spec: dict[str, Any]) -> dict[str, Any]:
    """Return the heatmap's layer of symbols, drawn over the cells."""
    (symbols,) = [layer for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    return symbols


def test_the_smallest_part_of_a_routine_is_already_coloured_as_partly_done() -> None:
    spec = heatmap_chart(since(MONDAY, MONDAY, {MONDAY: 0.5}), MONDAY, Lang.FR).chart.to_dict()
    scale = cells_layer(spec)["encoding"]["color"]["scale"]
    # One minute of a 60-minute routine is the smallest share a tick can give.
    assert scale["domain"][1] < 1 / 60
    assert scale["range"][0] != scale["range"][1]


def test_the_heatmap_chart_encodes_weeks_weekdays_and_completion() -> None:
    today = date(2026, 1, 8)
    spec = heatmap_chart(since(date(2025, 3, 3), today), today, Lang.FR).chart.to_dict()
    encoding = spec["encoding"]
    assert (encoding["x"]["field"], encoding["x"]["type"]) == ("week", "ordinal")
    assert (encoding["y"]["field"], encoding["y"]["type"]) == ("weekday", "ordinal")
    colour = cells_layer(spec)["encoding"]["color"]
    assert (colour["field"], colour["type"]) == ("completion", "quantitative")
    assert '["janv.", "2026"]' in encoding["x"]["axis"]["labelExpr"]


# --- never colour alone ------------------------------------------------------------------


def luminance(colour: str) -> float:
    """Return a colour's relative luminance (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def paused_weeks() -> tuple[date, tuple[HabitDay, ...]]:
    """Return two weeks to a Friday: done, then missed, a skipped day and two days off."""
    today = MONDAY + timedelta(days=11)
    pauses = Pauses(
        skips=frozenset({MONDAY + timedelta(days=7)}),
        holidays=(Holiday(MONDAY + timedelta(days=8), MONDAY + timedelta(days=9)),),
    )
    done = {MONDAY: 1.0, MONDAY + timedelta(days=1): 0.5}
    return today, habit_days(done, MONDAY, today, pauses)


def test_each_cell_bears_the_symbol_of_its_state() -> None:
    today, history = paused_weeks()
    cells = heatmap_cells(history, today, Lang.EN).set_index("date")
    assert cells.loc["2026-01-05", "symbol"] == DAY_SYMBOLS[DayKind.DONE]
    assert cells.loc["2026-01-06", "symbol"] == DAY_SYMBOLS[DayKind.PARTIAL]
    assert cells.loc["2026-01-07", "symbol"] == DAY_SYMBOLS[DayKind.MISSED]
    assert cells.loc["2026-01-12", "symbol"] == DAY_SYMBOLS[DayKind.PAUSED]
    assert cells.loc["2026-01-13", "symbol"] == DAY_SYMBOLS[DayKind.PAUSED]
    assert cells.loc["2026-01-10", "symbol"] == DAY_SYMBOLS[DayKind.REST]


def test_the_symbols_are_drawn_over_the_cells() -> None:
    today, history = paused_weeks()
    spec = heatmap_chart(history, today, Lang.FR).chart.to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rect", "text"]
    assert symbols_layer(spec)["encoding"]["text"]["field"] == "symbol"


def test_the_symbols_give_way_where_a_cell_is_too_small_to_hold_one() -> None:
    today, history = paused_weeks()
    size = symbols_layer(heatmap_chart(history, today, Lang.FR).chart.to_dict())["mark"]
    assert "bandwidth('x')" in size["fontSize"]["expr"]


def test_a_paused_day_is_hollow_and_outlined_unlike_a_missed_one() -> None:
    today, history = paused_weeks()
    encoding = cells_layer(heatmap_chart(history, today, Lang.FR).chart.to_dict())["encoding"]
    paused_test = "datum.kind === 'paused'"
    (fill,) = [c["value"] for c in encoding["color"]["condition"] if c["test"] == paused_test]
    missed = encoding["color"]["scale"]["range"][0]
    # Told apart in grey too: the missed day's fill is dark, the paused day's white.
    assert contrast(fill, missed) >= 3
    (outline,) = [c["value"] for c in encoding["stroke"]["condition"] if c["test"] == paused_test]
    assert outline is not None
    assert encoding["stroke"]["value"] is None


def test_a_missed_day_and_a_done_day_differ_in_lightness_not_only_in_hue() -> None:
    today, history = paused_weeks()
    encoding = cells_layer(heatmap_chart(history, today, Lang.FR).chart.to_dict())["encoding"]
    missed, *_, done = encoding["color"]["scale"]["range"]
    assert contrast(missed, done) >= 1.5


def test_the_heatmap_has_a_title_and_a_description_naming_each_symbol() -> None:
    today, history = paused_weeks()
    spec = heatmap_chart(history, today, Lang.EN).chart.to_dict()
    assert spec["title"]["text"] == "One square per day"
    description = spec["description"]
    assert description.startswith("Calendar of your routine from 2026-01-05 to 2026-01-16")
    assert all(symbol in description for symbol in DAY_SYMBOLS.values())


def test_the_heatmap_tooltip_is_localised() -> None:
    today = date(2026, 1, 8)
    spec = heatmap_chart(since(date(2026, 1, 1), today), today, Lang.EN).chart.to_dict()
    first = rows(spec)[0]
    assert (first["date_label"], first["status"]) == ("2026-01-01", "Routine missed")


# --- month labels ------------------------------------------------------------------------


def test_a_year_long_heatmap_names_one_month_in_two() -> None:
    today = date(2026, 11, 30)
    labels = week_labels(date(2025, 12, 1), today, Lang.EN)
    names = [label if isinstance(label, str) else label[0] for label in labels if label]
    assert names == ["Jan", "Mar", "May", "Jul", "Sep", "Nov"]


def test_the_year_is_written_under_january_and_under_the_first_label() -> None:
    labels = week_labels(date(2025, 10, 6), date(2026, 3, 2), Lang.FR)
    shown = [label for label in labels if label]
    assert shown[0] == ["oct.", "2025"]
    assert ["janv.", "2026"] in shown
    assert "nov." in shown


def test_a_short_heatmap_names_every_month() -> None:
    labels = week_labels(date(2026, 8, 3), date(2026, 11, 30), Lang.EN)
    names = [label if isinstance(label, str) else label[0] for label in labels if label]
    assert names == ["Aug", "Sep", "Oct", "Nov"]


def test_day_one_names_its_month() -> None:
    assert week_labels(date(2026, 11, 30), date(2026, 11, 30), Lang.FR) == [["nov.", "2026"]]


@given(
    start=st.dates(date(2024, 1, 1), date(2026, 12, 31)),
    length=st.integers(0, 400),
)
def test_month_labels_never_crowd_each_other_on_a_phone(start: date, length: int) -> None:
    today = start + timedelta(days=length)
    first = heatmap_first_day(since(start, today), today)
    labels = week_labels(first, today, Lang.FR)
    columns = labelled_columns(labels)
    weeks = heatmap_weeks(first, today)
    # Stretched over ~300 px, a long heatmap's columns are ~6 px wide, a half-year one's ~11.
    room = 3 if weeks <= EVERY_MONTH_WEEKS else 6
    assert columns
    assert all(b - a >= room for a, b in pairwise(columns))


# --- sizes -------------------------------------------------------------------------------


def test_a_new_habits_charts_keep_their_own_small_width() -> None:
    today = MONDAY + timedelta(days=9)
    history = since(MONDAY, today, run_of(MONDAY, 3))
    assert heatmap_chart(history, today, Lang.FR).fits
    assert weekly_chart(weekly_completion(history, today), Lang.FR).fits


def test_a_year_of_habit_is_stretched_across_the_page() -> None:
    today = date(2026, 11, 30)
    history = since(date(2025, 11, 3), today)
    assert not heatmap_chart(history, today, Lang.FR).fits
    assert not weekly_chart(weekly_completion(history, today), Lang.FR).fits


def test_charts_have_something_to_say_once_a_day_counts() -> None:
    assert not has_counted_day(since(MONDAY, MONDAY))
    assert has_counted_day(since(MONDAY, MONDAY, {MONDAY: 0.25}))


# --- weekly rates ------------------------------------------------------------------------


def test_the_weekly_chart_shows_rates_in_week_order() -> None:
    today = MONDAY + timedelta(days=9)
    rates = weekly_completion(since(MONDAY, today, run_of(MONDAY, 10)), today, weeks=2)
    spec = weekly_chart(rates, Lang.FR).chart.to_dict()
    assert (spec["encoding"]["y"]["field"], spec["encoding"]["y"]["type"]) == (
        "rate",
        "quantitative",
    )
    assert spec["encoding"]["x"]["sort"] == ["5 janv.", "12 janv."]


def test_the_weekly_chart_has_a_title_and_a_description_of_its_weeks() -> None:
    today = MONDAY + timedelta(days=9)
    rates = weekly_completion(since(MONDAY, today, run_of(MONDAY, 10)), today, weeks=2)
    spec = weekly_chart(rates, Lang.FR).chart.to_dict()
    assert spec["title"]["text"] == "Part de la routine faite, par semaine"
    assert "de la semaine du 05/01/2026 à celle du 12/01/2026" in spec["description"]


def test_the_weekly_tooltip_gives_the_full_monday_date() -> None:
    rates = weekly_completion(since(MONDAY, MONDAY, {MONDAY: 1.0}), MONDAY)
    assert rows(weekly_chart(rates, Lang.EN).chart.to_dict())[0]["week_label"] == "2026-01-05"


def test_a_partly_done_today_fills_this_weeks_bar() -> None:
    rates = weekly_completion(since(MONDAY, MONDAY, {MONDAY: 0.6}), MONDAY)
    assert [row["rate_label"] for row in rows(weekly_chart(rates, Lang.FR).chart.to_dict())] == [
        "60\u00a0%"
    ]


def test_a_stretched_heatmap_fits_only_its_width_and_keeps_its_rows_height() -> None:
    today = date(2026, 11, 30)
    spec = heatmap_chart(since(date(2025, 11, 3), today), today, Lang.FR).chart.to_dict()
    assert spec["autosize"]["type"] == "fit-x"


def test_a_small_heatmap_keeps_its_cells_size_with_labels_around() -> None:
    spec = heatmap_chart(since(MONDAY, MONDAY, {MONDAY: 1.0}), MONDAY, Lang.FR).chart.to_dict()
    assert (spec["autosize"]["type"], spec["width"]) == ("pad", {"step": CELL})
