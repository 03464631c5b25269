"""The Progress charts, checked through their Vega-Lite specs."""

from datetime import date, timedelta
from typing import Any

from ssi_coach.benchmarks import Band
from ssi_coach.charts.axes import MAX_DATE_TICKS, tick_days
from ssi_coach.charts.progress import pillar_chart, ranks_chart, total_chart
from ssi_coach.i18n import Lang
from ssi_coach.model import Reading

READINGS = [
    Reading(date(2026, 9, 1), 10.0, 8.5, 4.0, 6.0, industry_rank=30, network_rank=40),
    Reading(date(2026, 10, 1), 11.25, 9.0, 5.0, 6.5, industry_rank=25),
]


def test_the_band_is_the_first_layer_under_the_total_line() -> None:
    spec = total_chart(READINGS, Band(65, 75), "Repère", Lang.FR).to_dict()
    first, *_, last = spec["layer"]
    assert first["mark"]["type"] == "rect"
    assert first["encoding"]["y"]["field"] == "low"
    assert last["mark"]["type"] == "line"


def test_the_total_chart_uses_explicit_types_and_a_0_to_100_scale() -> None:
    line = total_chart(READINGS, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    assert line["encoding"]["x"]["type"] == "temporal"
    assert line["encoding"]["y"]["type"] == "quantitative"
    assert line["encoding"]["y"]["scale"]["domain"] == [0, 100]


def test_the_band_label_is_drawn_on_the_chart() -> None:
    spec = total_chart(READINGS, Band(65, 75), "Rule of thumb: 65–75", Lang.EN).to_dict()
    assert any(
        layer["encoding"].get("text", {}).get("value") == "Rule of thumb: 65–75"
        for layer in spec["layer"]
    )


def test_each_pillar_has_its_own_0_to_25_panel() -> None:
    spec = pillar_chart(READINGS, Lang.FR).to_dict()
    assert [panel["title"]["text"] for panel in spec["vconcat"]] == [
        "Établir votre marque professionnelle",
        "Trouver les bonnes personnes",
        "Échanger des informations",
        "Établir des relations",
    ]
    assert {tuple(panel["encoding"]["y"]["scale"]["domain"]) for panel in spec["vconcat"]} == {
        (0, 25)
    }


def test_the_pillar_panels_are_stacked_to_take_a_phones_width() -> None:
    spec = pillar_chart(READINGS, Lang.FR).to_dict()
    assert len(spec["vconcat"]) == 4
    assert spec["resolve"]["scale"]["x"] == "shared"


def test_only_the_lowest_pillar_panel_writes_the_dates() -> None:
    spec = pillar_chart(READINGS, Lang.FR).to_dict()
    assert [panel["encoding"]["x"]["axis"]["labels"] for panel in spec["vconcat"]] == [
        False,
        False,
        False,
        True,
    ]


def test_the_rank_axis_is_reversed_so_that_up_is_better() -> None:
    spec = ranks_chart(READINGS, Lang.EN).to_dict()
    assert spec["layer"][0]["encoding"]["y"]["scale"]["reverse"] is True


# --- each point on its own date ----------------------------------------------------------

END_OF_MONTH = [
    Reading(date(2026, 10, 1), 10.5, 7, 5.25, 8, industry_rank=12, network_rank=20),
    Reading(date(2026, 10, 31), 11, 8.5, 6, 9, industry_rank=12, network_rank=12),
    Reading(date(2026, 11, 30), 12, 9, 7, 10, industry_rank=8, network_rank=20),
]


def ticks_of(axis: dict[str, Any]) -> list[tuple[int, int, int]]:
    return [(v["year"], v["month"], v["date"]) for v in axis["values"]]


def test_the_time_axis_ticks_on_the_check_in_days_not_on_month_starts() -> None:
    line = total_chart(END_OF_MONTH, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    axis = line["encoding"]["x"]["axis"]
    assert ticks_of(axis) == [(2026, 10, 1), (2026, 10, 31), (2026, 11, 30)]


def test_a_check_in_of_the_30th_of_november_reads_its_own_date() -> None:
    line = total_chart(END_OF_MONTH, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    expr = line["encoding"]["x"]["axis"]["labelExpr"]
    assert '"2026-11-30": "30/11/2026"' in expr
    assert "déc." not in expr


def test_each_pillar_shares_the_check_in_day_ticks() -> None:
    spec = pillar_chart(END_OF_MONTH, Lang.EN).to_dict()
    axis = spec["vconcat"][-1]["encoding"]["x"]["axis"]
    assert ticks_of(axis)[-1] == (2026, 11, 30)
    assert '"2026-11-30": "2026-11-30"' in axis["labelExpr"]


def test_ten_years_of_check_ins_get_a_dozen_ticks_ending_on_the_latest() -> None:
    days = [date(2017, 1, 15) + timedelta(days=30 * n) for n in range(120)]
    ticked = tick_days(days)
    assert len(ticked) <= MAX_DATE_TICKS
    assert ticked[-1] == days[-1]


def test_a_decade_of_check_ins_keeps_the_time_axis_uncrowded() -> None:
    readings = [
        Reading(date(2017, 1, 15) + timedelta(days=30 * n), 10, 8, 5, 7) for n in range(120)
    ]
    line = total_chart(readings, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    assert len(line["encoding"]["x"]["axis"]["values"]) <= MAX_DATE_TICKS


# --- ranks -------------------------------------------------------------------------------


def test_the_rank_axis_gives_room_to_the_top_ranks_and_says_so() -> None:
    spec = ranks_chart(END_OF_MONTH, Lang.FR).to_dict()
    y = spec["layer"][1]["encoding"]["y"]
    assert y["scale"]["type"] == "log"
    assert y["axis"]["values"] == [1, 2, 5, 10, 25, 50, 100]
    assert y["title"] == "Top % (premiers rangs agrandis)"


def test_the_rank_chart_is_tall_enough_to_read() -> None:
    spec = ranks_chart(END_OF_MONTH, Lang.FR).to_dict()
    assert spec["height"] >= 240
    # The height is the plot's own: the legend and the dates do not eat into it.
    assert spec["autosize"]["type"] == "fit-x"


def test_equal_ranks_stay_visible_with_a_shape_and_a_dash_per_kind() -> None:
    spec = ranks_chart(END_OF_MONTH, Lang.EN).to_dict()
    lines, points = spec["layer"]
    shapes = points["encoding"]["shape"]["scale"]
    assert shapes["domain"] == ["Industry", "Network"]
    assert len(set(shapes["range"])) == 2
    assert len({str(dash) for dash in lines["encoding"]["strokeDash"]["scale"]["range"]}) == 2
    assert points["mark"]["filled"] is False


def test_the_rank_labels_read_as_percentages_in_the_language() -> None:
    spec = ranks_chart(END_OF_MONTH, Lang.FR).to_dict()
    assert spec["layer"][1]["encoding"]["y"]["axis"]["labelExpr"] == 'datum.label + "\u00a0%"'


# --- read without seeing them ------------------------------------------------------------


def test_the_total_chart_has_a_title_and_describes_its_dates_and_band() -> None:
    spec = total_chart(END_OF_MONTH, Band(65, 75), "Repère", Lang.EN).to_dict()
    assert spec["title"]["text"] == "SSI out of 100, at each check-in"
    assert "from 2026-10-01 to 2026-11-30" in spec["description"]
    assert "65 to 75" in spec["description"]


def test_the_pillar_chart_has_a_title_and_names_its_pillars_in_its_description() -> None:
    spec = pillar_chart(END_OF_MONTH, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Chaque pilier sur 25"
    assert "(marque, personnes, échanges et relations)" in spec["description"]


def test_the_rank_chart_describes_only_the_ranks_it_draws() -> None:
    readings = [Reading(date(2026, 10, 1), 10, 8, 5, 7, network_rank=20)]
    spec = ranks_chart(readings, Lang.EN).to_dict()
    assert spec["title"]["text"] == "Ranks in Top %, best at the top"
    assert "network as a dashed line with squares" in spec["description"]
    assert "industry" not in spec["description"]


def luminance(colour: str) -> float:
    """Return a colour's relative luminance (WCAG 2)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_industry_and_network_ranks_differ_in_lightness_not_only_in_hue() -> None:
    spec = ranks_chart(END_OF_MONTH, Lang.EN).to_dict()
    industry, network = spec["layer"][1]["encoding"]["color"]["scale"]["range"]
    light, dark = sorted((luminance(industry), luminance(network)), reverse=True)
    assert (light + 0.05) / (dark + 0.05) >= 3
