"""The monthly progress card: real figures only, plain words where data is missing."""

from datetime import date

import pytest

from ssi_coach.card import month_summary_markdown
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal
from tests.unit.card_history import KPIS, NBSP, NOV, READINGS


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
