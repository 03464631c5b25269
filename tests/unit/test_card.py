"""The monthly progress card: real figures only, plain words where data is missing."""

from datetime import date, timedelta

import pytest

from ssi_coach.card import MonthRoutine, month_routine, month_summary_markdown
from ssi_coach.habits import Pauses
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal, KpiMonth
from tests.unit.card_history import KPIS, NBSP, NOV, READINGS, reading

ROUTINE = MonthRoutine(0.8, 15)


def test_the_card_gives_the_months_last_score_and_its_changes_as_whole_numbers() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)
    assert text.startswith("### Votre bilan — nov. 2026\n")
    # 54.5 shows 55 on LinkedIn, 51.4 shows 51 and 48 shows 48: +4 and +7 points.
    assert (
        f"**SSI**{NBSP}: 55 au dernier relevé du mois, le 20/11/2026 ; "
        f"sur un mois{NBSP}: +4 points ; sur trois mois{NBSP}: +7 points"
    ) in text


def test_a_score_change_is_the_difference_of_the_scores_shown() -> None:
    readings = [reading(date(2026, 10, 5), 43.95), reading(date(2026, 11, 5), 52.603)]
    text = month_summary_markdown(NOV, readings, [], None, Goal.NOTORIETY, Lang.FR)
    assert (
        f"**SSI**{NBSP}: 53 au dernier relevé du mois, le 05/11/2026 ; sur un mois{NBSP}: +9 points"
        in text
    )
    assert "52,603" not in text
    assert "8,653" not in text


def test_a_one_point_change_is_singular_in_english() -> None:
    readings = [reading(date(2026, 10, 5), 50.2), reading(date(2026, 11, 5), 51.4)]
    text = month_summary_markdown(NOV, readings, [], None, Goal.NOTORIETY, Lang.EN)
    assert "over one month: +1 point;" in text


def test_the_card_gives_each_goal_kpi_with_its_three_and_twelve_month_changes() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)
    assert "**Vos résultats (objectif : Notoriété)**" in text
    assert (
        f"- Impressions{NBSP}: 12\u202f400 ; sur trois mois{NBSP}: +24,0{NBSP}% ; "
        f"sur douze mois{NBSP}: +55,0{NBSP}%"
    ) in text
    assert (
        f"- Taux d’engagement{NBSP}: 3,0{NBSP}% ; sur trois mois{NBSP}: 0,0{NBSP}% ; "
        f"sur douze mois{NBSP}: +20,0{NBSP}%"
    ) in text


def test_another_kpi_with_data_this_month_is_listed_after_the_goals_kpis() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.EN)
    assert text.index("- Engagement rate:") < text.index("- Opportunities: 1; over three months")
    assert "Qualified conversations" not in text


def test_the_routine_share_says_over_how_many_routine_days() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)
    assert (
        f"**Routine quotidienne**{NBSP}: suivie 80{NBSP}% des jours (15 jours de routine)" in text
    )


def test_a_single_routine_day_is_said_in_the_singular() -> None:
    one = MonthRoutine(1.0, 1)
    french = month_summary_markdown(NOV, READINGS, KPIS, one, Goal.NOTORIETY, Lang.FR)
    english = month_summary_markdown(NOV, READINGS, KPIS, one, Goal.NOTORIETY, Lang.EN)
    assert f"suivie 100{NBSP}% des jours (1 jour de routine)" in french
    assert "followed on 100% of days (1 routine day)" in english


def test_the_card_reminds_that_the_score_is_not_the_business() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.EN)
    assert text.rstrip().endswith(
        "*The SSI measures your activity on LinkedIn, not your business: your results matter more.*"
    )


def test_a_month_without_a_check_in_says_so_plainly() -> None:
    text = month_summary_markdown(date(2026, 9, 1), READINGS, KPIS, None, Goal.NOTORIETY, Lang.FR)
    assert f"**SSI**{NBSP}: aucun relevé en sept. 2026" in text


def test_a_goal_kpi_without_a_figure_this_month_says_no_data() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.PROSPECTING, Lang.EN)
    assert "- Qualified conversations: no data for Nov 2026" in text


def test_a_kpi_missing_from_an_entered_earlier_month_says_which_month() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.PROSPECTING, Lang.EN)
    assert "- Opportunities: 1; over three months: no data for Aug 2026; over twelve" in text


def test_a_comparison_month_without_any_result_is_said_once() -> None:
    kpis = [k for k in KPIS if k.month != date(2025, 11, 1)]
    text = month_summary_markdown(NOV, READINGS, kpis, ROUTINE, Goal.NOTORIETY, Lang.EN)
    assert text.count("Nov 2025") == 1
    assert "- No twelve-month comparison: no results entered for Nov 2025." in text
    assert "over twelve months" not in text
    assert "- Impressions: 12,400; over three months: +24.0%\n" in text


def test_a_month_without_results_says_so_once_instead_of_on_every_kpi() -> None:
    text = month_summary_markdown(date(2026, 10, 1), READINGS, KPIS, None, Goal.NOTORIETY, Lang.FR)
    assert text.count("oct. 2026") == 2  # the title and the one line
    assert "- Aucun résultat saisi pour oct. 2026." in text
    assert "- Impressions" not in text


def test_unknown_routine_adherence_is_said_plainly() -> None:
    text = month_summary_markdown(NOV, READINGS, KPIS, None, Goal.NOTORIETY, Lang.EN)
    assert "**Daily routine**: no routine day that month" in text


def test_an_empty_month_invents_nothing() -> None:
    text = month_summary_markdown(NOV, [], [], None, Goal.NOTORIETY, Lang.EN)
    assert text.splitlines()[2] == "**SSI**: no check-in in Nov 2026"
    assert "- No results entered for Nov 2026." in text
    assert "+" not in text


def test_any_day_of_the_month_names_the_same_month() -> None:
    assert month_summary_markdown(
        date(2026, 11, 17), READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR
    ) == month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)


@pytest.mark.parametrize("share", [-0.1, 1.01, float("nan"), True])
def test_a_routine_share_outside_0_to_1_is_refused(share: float) -> None:
    with pytest.raises(ValueError, match="share"):
        MonthRoutine(share, 3)


@pytest.mark.parametrize("days", [0, -1, True])
def test_a_routine_needs_at_least_one_day(days: int) -> None:
    with pytest.raises(ValueError, match="days"):
        MonthRoutine(0.5, days)


# --- the routine of a month ----------------------------------------------------------------

TODAY = date(2026, 11, 30)  # a Monday


def weekdays(first: date, last: date) -> list[date]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5]


def test_the_routine_counts_from_its_first_day_in_the_month() -> None:
    # The routine began on Friday 27 November: only that day and today are routine days.
    completion = {date(2026, 11, 27): 1.0}
    routine = month_routine(completion, NOV, TODAY, Pauses(), date(2026, 11, 27))
    assert routine == MonthRoutine(1.0, 1)


def test_days_after_the_routine_began_without_a_tick_count_as_missed() -> None:
    completion = {date(2026, 11, 20): 1.0}
    routine = month_routine(completion, NOV, TODAY, Pauses(), date(2026, 11, 16))
    # Ten weekdays from Monday 16 to Friday 27; today is not over and nothing is ticked yet.
    assert routine == MonthRoutine(0.1, 10)


def test_a_whole_past_month_counts_its_weekdays() -> None:
    october = weekdays(date(2026, 10, 1), date(2026, 10, 31))
    completion = dict.fromkeys(october[::2], 1.0)
    routine = month_routine(completion, date(2026, 10, 1), TODAY, Pauses(), date(2026, 1, 5))
    assert routine == MonthRoutine(len(october[::2]) / len(october), len(october))


def test_a_month_before_the_routine_has_no_routine_day() -> None:
    assert month_routine({}, date(2026, 9, 1), TODAY, Pauses(), date(2026, 10, 1)) is None


def test_without_a_routine_there_is_no_routine_day() -> None:
    assert month_routine({}, NOV, TODAY, Pauses(), None) is None


def test_a_month_of_rest_days_has_no_routine_day() -> None:
    pauses = Pauses(rest_weekdays=frozenset(range(7)))
    assert month_routine({}, date(2026, 10, 1), TODAY, pauses, date(2026, 1, 5)) is None


def test_kpis_of_an_unrelated_month_do_not_change_the_card() -> None:
    extra = [*KPIS, KpiMonth(date(2024, 3, 1), impressions=1)]
    assert month_summary_markdown(
        NOV, READINGS, extra, ROUTINE, Goal.NOTORIETY, Lang.FR
    ) == month_summary_markdown(NOV, READINGS, KPIS, ROUTINE, Goal.NOTORIETY, Lang.FR)
