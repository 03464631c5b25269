"""The Progress charts, checked through their Vega-Lite specs."""

from datetime import date

from ssi_coach.benchmarks import Band
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


def test_each_pillar_has_its_own_0_to_25_scale() -> None:
    spec = pillar_chart(READINGS, Lang.FR).to_dict()
    assert spec["spec"]["encoding"]["y"]["scale"]["domain"] == [0, 25]
    assert spec["resolve"]["scale"]["y"] == "independent"


def test_the_rank_axis_is_reversed_so_that_up_is_better() -> None:
    spec = ranks_chart(READINGS, Lang.EN).to_dict()
    assert spec["encoding"]["y"]["scale"]["reverse"] is True


def test_the_french_time_axis_names_months_in_french() -> None:
    line = total_chart(READINGS, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    assert "'juil.'" in line["encoding"]["x"]["axis"]["labelExpr"]
