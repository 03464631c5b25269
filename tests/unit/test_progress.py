"""The Progress charts and table, checked through their Vega-Lite specs."""

from datetime import date

from ssi_coach.benchmarks import ROLE_BANDS, Band, band_for
from ssi_coach.i18n import Lang
from ssi_coach.model import Reading, Role
from ssi_coach.progress import (
    checkin_table,
    latest_ranks,
    pillar_chart,
    ranks_chart,
    total_chart,
)

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


def test_latest_ranks_compare_with_the_previous_known_rank() -> None:
    industry, network = latest_ranks(READINGS)
    assert (industry.rank, industry.improved_by) == (25, 5)
    assert (network.rank, network.improved_by) == (40, None)


def test_the_table_is_newest_first_with_french_decimals() -> None:
    table = checkin_table(READINGS, Lang.FR)
    assert list(table["Date"]) == ["01/10/2026", "01/09/2026"]
    assert table["Somme exacte"].iloc[0] == "31,75"
    assert table["Évolution"].iloc[0] == "+3,25"


def test_every_role_has_the_band_of_domain_md() -> None:
    assert {role: (b.low, b.high) for role, b in ROLE_BANDS.items()} == {
        Role.COMMUNITY_MANAGER: (60, 70),
        Role.FREELANCE: (65, 75),
        Role.SALES: (70, 80),
        Role.EXECUTIVE: (55, 65),
    }


def test_a_band_places_a_total_below_within_or_above() -> None:
    band = band_for(Role.FREELANCE)
    assert [band.position(v) for v in (64.9, 65, 75, 75.1)] == [
        "below",
        "within",
        "within",
        "above",
    ]


def test_the_french_time_axis_names_months_in_french() -> None:
    line = total_chart(READINGS, Band(65, 75), "Repère", Lang.FR).to_dict()["layer"][-1]
    assert "'juil.'" in line["encoding"]["x"]["axis"]["labelExpr"]
