"""The monthly card as a picture: the SSI and goal KPIs of its months with data, as a PNG."""

import importlib.util
import struct
from datetime import date

from ssi_coach.card import MonthRoutine
from ssi_coach.charts.card import card_span, progress_card_chart, progress_card_png
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal, KpiMonth
from tests.conftest import require
from tests.unit.card_history import KPIS, NBSP, NOV, READINGS, reading

ROUTINE = MonthRoutine(0.8, 15)


def test_the_card_picture_draws_the_ssi_and_goal_kpis_under_the_months_figures() -> None:
    spec = progress_card_chart(NOV, READINGS, KPIS, ROUTINE, Goal.PROSPECTING, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Votre bilan — nov. 2026"
    subtitle = spec["title"]["subtitle"]
    assert (
        f"Routine quotidienne{NBSP}: suivie 80{NBSP}% des jours (15 jours de routine)" in subtitle
    )
    titles = [panel["title"]["text"] for panel in spec["vconcat"]]
    assert titles == [
        "SSI total",
        "Conversations qualifiées — indicateur de votre objectif",
        "Opportunités — indicateur de votre objectif",
    ]


def test_the_card_picture_is_described_as_the_months_review() -> None:
    spec = progress_card_chart(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.EN).to_dict()
    assert spec["description"].startswith("Review of Nov 2026: the SSI and your goal's KPIs")


def test_the_time_axis_starts_at_the_first_month_with_data_not_a_year_back() -> None:
    spec = progress_card_chart(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR).to_dict()
    # August 2026 is the first check-in and the first result within the year to November.
    domain = spec["vconcat"][0]["encoding"]["x"]["scale"]["domain"]
    assert domain == ["2026-08-01T00:00:00", "2026-11-01T00:00:00"]


def test_the_axis_never_reaches_back_more_than_a_year() -> None:
    kpis = [KpiMonth(date(2020, 1, 1), impressions=5), *KPIS]  # KPIS start in November 2025
    readings = [reading(date(2024, 5, 2), 40.0), reading(date(2025, 12, 9), 45.0), *READINGS]
    assert card_span(NOV, readings, kpis) == date(2025, 12, 1)


def test_data_after_the_month_does_not_widen_its_axis() -> None:
    october = date(2026, 10, 1)
    spec = progress_card_chart(october, READINGS, [], None, Goal.NOTORIETY, Lang.FR).to_dict()
    domain = spec["vconcat"][0]["encoding"]["x"]["scale"]["domain"]
    assert domain == ["2026-08-01T00:00:00", "2026-10-01T00:00:00"]


def test_a_month_without_any_data_draws_only_itself() -> None:
    assert card_span(date(2026, 11, 17), [], []) == NOV


def test_the_months_notes_are_in_the_picture_too() -> None:
    spec = progress_card_chart(
        date(2026, 10, 1), READINGS, KPIS, None, Goal.NOTORIETY, Lang.EN
    ).to_dict()
    assert "No results entered for Oct 2026." in spec["title"]["subtitle"]


def png_size(png: bytes) -> tuple[int, int]:
    """Return width and height from a PNG's IHDR chunk."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    return struct.unpack(">II", png[16:24])


def test_the_card_renders_as_a_png_of_a_sensible_size() -> None:
    require(
        importlib.util.find_spec("vl_convert") is not None,
        "vl-convert-python is not installed",
    )
    png = progress_card_png(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)
    width, height = png_size(png)
    assert 600 <= width <= 2400
    assert 600 <= height <= 2400
