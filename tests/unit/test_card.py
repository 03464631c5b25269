"""The monthly progress card: real figures only, plain words where data is missing."""

import importlib.util
import struct
from datetime import date

import pytest

from ssi_coach.card import month_summary_markdown, progress_card_chart, progress_card_png
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal, KpiMonth, Reading
from tests.conftest import require

NBSP = "\u00a0"
NOV = date(2026, 11, 1)


def reading(day: date, total: float) -> Reading:
    """Build a check-in with the given total (30 to 55): three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0)


READINGS = [
    reading(date(2026, 8, 18), 48.0),
    reading(date(2026, 10, 19), 51.4),
    reading(date(2026, 11, 3), 50.0),
    reading(date(2026, 11, 20), 54.5),
]
KPIS = [
    KpiMonth(date(2025, 11, 1), impressions=8000, engagements=200),
    KpiMonth(date(2026, 8, 1), impressions=10000, engagements=300),
    KpiMonth(date(2026, 11, 1), impressions=12400, engagements=372, opportunities=1),
]


def test_the_card_gives_the_months_last_score_and_its_changes_in_french() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR)
    assert text.startswith("### Votre bilan — nov. 2026\n")
    assert (
        "**SSI** : 54,5 au dernier relevé du mois, le 20/11/2026 ; "
        "sur un mois : +3,1 points ; sur trois mois : +6,5 points"
    ) in text


def test_the_card_gives_each_goal_kpi_with_its_three_and_twelve_month_changes() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR)
    assert "**Vos résultats (objectif : Notoriété)**" in text
    assert (
        f"- Impressions : 12\u202f400 ; sur trois mois : +24,0{NBSP}% ; "
        f"sur douze mois : +55,0{NBSP}%"
    ) in text
    assert (
        f"- Taux d’engagement : 3,0{NBSP}% ; sur trois mois : 0,0{NBSP}% ; "
        f"sur douze mois : +20,0{NBSP}%"
    ) in text


def test_another_kpi_with_data_this_month_is_listed_after_the_goals_kpis() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.EN)
    assert text.index("- Engagement rate:") < text.index("- Opportunities: 1; over three months")
    assert "Qualified conversations" not in text


def test_the_card_gives_the_routine_adherence_as_a_percentage() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR)
    assert f"**Routine quotidienne** : suivie 80{NBSP}% des jours" in text


def test_the_card_reminds_that_the_score_is_not_the_business() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.EN)
    assert text.rstrip().endswith(
        "*The SSI measures your activity on LinkedIn, not your business: your results matter more.*"
    )


def test_a_month_without_a_check_in_says_so_plainly() -> None:
    text = month_summary_markdown(date(2026, 9, 1), READINGS, KPIS, None, Goal.NOTORIETY, Lang.FR)
    assert "**SSI** : aucun relevé en sept. 2026" in text


def test_a_goal_kpi_without_a_figure_this_month_says_no_data() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.5, Goal.PROSPECTING, Lang.EN)
    assert "- Qualified conversations: no data for Nov 2026" in text


def test_a_change_without_the_earlier_month_says_which_month_is_missing() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, 0.5, Goal.PROSPECTING, Lang.EN)
    assert (
        "- Opportunities: 1; over three months: no data for Aug 2026; "
        "over twelve months: no data for Nov 2025"
    ) in text


def test_unknown_routine_adherence_is_said_plainly() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, None, Goal.NOTORIETY, Lang.EN)
    assert "**Daily routine**: no data this month" in text


def test_an_empty_month_invents_nothing() -> None:
    text = month_summary_markdown(NOV, [], [], None, Goal.NOTORIETY, Lang.EN)
    assert text.splitlines()[2] == "**SSI**: no check-in in Nov 2026"
    assert "- Impressions: no data for Nov 2026" in text
    assert "- Engagement rate: no data for Nov 2026" in text
    assert "+" not in text


def test_any_day_of_the_month_names_the_same_month() -> None:
    assert month_summary_markdown(
        date(2026, 11, 17), READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR
    ) == month_summary_markdown(NOV, READINGS, KPIS, 0.8, Goal.NOTORIETY, Lang.FR)


@pytest.mark.parametrize("adherence", [-0.1, 1.01, float("nan"), True])
def test_a_routine_adherence_outside_0_to_1_is_refused(adherence: float) -> None:
    with pytest.raises(ValueError, match="routine_adherence"):
        month_summary_markdown(NOV, READINGS, KPIS, adherence, Goal.NOTORIETY, Lang.FR)


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
