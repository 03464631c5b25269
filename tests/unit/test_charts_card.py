"""The monthly card as a picture: a year of SSI and goal KPIs under the month's figures."""

import importlib.util
import struct

from ssi_coach.charts.card import progress_card_chart, progress_card_png
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal
from tests.conftest import require
from tests.unit.card_history import KPIS, NBSP, NOV, READINGS


def test_the_card_picture_draws_a_year_of_ssi_and_goal_kpis_under_the_months_figures() -> None:
    spec = progress_card_chart(NOV, READINGS, KPIS, 0.8, Goal.PROSPECTING, Lang.FR).to_dict()
    assert spec["title"]["text"] == "Votre bilan — nov. 2026"
    assert f"Routine quotidienne : suivie 80{NBSP}% des jours" in spec["title"]["subtitle"]
    titles = [panel["title"]["text"] for panel in spec["vconcat"]]
    assert titles == [
        "SSI total",
        "Conversations qualifiées — indicateur de votre objectif",
        "Opportunités — indicateur de votre objectif",
    ]
    ssi = spec["vconcat"][0]
    assert ssi["encoding"]["x"]["scale"]["domain"] == ["2025-12-01T00:00:00", "2026-11-01T00:00:00"]


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
    png = progress_card_png(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR)
    width, height = png_size(png)
    assert 600 <= width <= 2400
    assert 600 <= height <= 2400
