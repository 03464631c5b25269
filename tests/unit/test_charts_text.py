"""The charts in words: the sentence under each chart, and the heatmap's symbols and legend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ssi_coach.chart_text import (
    DAY_SYMBOLS,
    DayKind,
    benchmarks_summary,
    cross_reading_series,
    cross_reading_summary,
    day_kind,
    heatmap_legend,
    heatmap_summary,
    pillars_summary,
    ranks_summary,
    span_text,
    total_summary,
    weekly_summary,
)
from ssi_coach.habits import DayStatus, HabitDay, Holiday, Pauses, WeekRate, habit_days
from ssi_coach.i18n import Lang
from ssi_coach.kpis import monthly_rows
from ssi_coach.model import Goal, KpiMonth, Reading

NBSP = "\u00a0"
MINUS = "\u2212"
AUG, OCT, NOV = date(2026, 8, 31), date(2026, 10, 1), date(2026, 11, 30)


def reading(day: date, total: float, **extra: float | int) -> Reading:
    """Build a check-in with the given total: three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0, **extra)


def plain(text: str) -> str:
    """Return a text with its no-break spaces as plain ones, to compare words, not spacing."""
    return text.replace(NBSP, " ")


# --- the total ---------------------------------------------------------------------------


def test_the_total_is_said_with_its_date_and_its_change_since_the_first_check_in() -> None:
    readings = [reading(AUG, 49), reading(OCT, 51), reading(NOV, 53)]
    assert (
        total_summary(readings, Lang.FR) == "SSI 53 au 30/11/2026, +4 en 3 mois (49 au 31/08/2026)."
    )


def test_the_total_reads_the_english_way_in_english() -> None:
    readings = [reading(AUG, 49), reading(NOV, 53.5)]
    assert total_summary(readings, Lang.EN) == (
        "SSI 53.5 on 2026-11-30, +4.5 in 3 months (49 on 2026-08-31)."
    )


def test_a_falling_total_carries_the_french_minus_sign() -> None:
    summary = total_summary([reading(AUG, 49), reading(NOV, 47.5)], Lang.FR)
    assert f", {MINUS}1,5 en 3 mois" in summary


def test_a_falling_total_carries_a_minus_sign_in_english() -> None:
    assert ", -2 in 3 months" in total_summary([reading(AUG, 49), reading(NOV, 47)], Lang.EN)


def test_an_unchanged_total_is_said_steady_never_plus_zero() -> None:
    summary = total_summary([reading(AUG, 49), reading(NOV, 49)], Lang.EN)
    assert summary == "SSI 49 on 2026-11-30, steady over 3 months (49 on 2026-08-31)."


def test_a_single_check_in_is_said_as_the_first_one() -> None:
    assert (
        total_summary([reading(NOV, 53)], Lang.FR) == "SSI 53 au 30/11/2026, votre premier relevé."
    )


@pytest.mark.parametrize(
    ("lang", "said"), [(Lang.FR, "Aucun relevé pour l’instant."), (Lang.EN, "No check-in yet.")]
)
def test_no_check_in_is_said_as_none_yet(lang: Lang, said: str) -> None:
    assert total_summary([], lang) == said


def test_the_check_ins_are_read_in_date_order_whatever_their_order() -> None:
    readings = [reading(NOV, 53), reading(AUG, 49)]
    assert total_summary(readings, Lang.EN).startswith("SSI 53 on 2026-11-30, +4")


@pytest.mark.parametrize(
    ("days", "lang", "said"),
    [
        (1, Lang.FR, "1 jour"),
        (12, Lang.EN, "12 days"),
        (91, Lang.FR, "3 mois"),
        (31 * 23, Lang.EN, "23 months"),
        (3653, Lang.FR, "10 ans"),
        (730, Lang.EN, "2 years"),
    ],
)
def test_a_span_reads_in_days_then_months_then_years(days: int, lang: Lang, said: str) -> None:
    assert span_text(AUG, AUG + timedelta(days=days), lang) == said


# --- the pillars -------------------------------------------------------------------------


def test_each_pillar_is_said_with_its_score_and_its_signed_change() -> None:
    first = Reading(AUG, 12.0, 12.5, 12.0, 12.5)
    last = Reading(NOV, 14.0, 13.0, 11.5, 14.5)
    assert plain(pillars_summary([first, last], Lang.FR)) == (
        f"Au 30/11/2026, sur 25 : marque 14 (+2), personnes 13 (+0,5), échanges 11,5 "
        f"({MINUS}0,5) et relations 14,5 (+2), par rapport au 31/08/2026."
    )


def test_a_pillar_that_did_not_move_is_said_steady() -> None:
    first = Reading(AUG, 12.0, 12.5, 12.0, 12.5)
    last = Reading(NOV, 12.0, 13.0, 12.0, 12.5)
    assert "brand 12 (steady), people 13 (+0.5)" in pillars_summary([first, last], Lang.EN)


def test_one_check_in_gives_the_pillars_without_a_change() -> None:
    assert pillars_summary([Reading(NOV, 12.0, 12.5, 12.0, 12.5)], Lang.EN) == (
        "On 2026-11-30, out of 25: brand 12, people 12.5, insights 12, and relationships 12.5."
    )


# --- the ranks ---------------------------------------------------------------------------


def test_each_rank_is_said_with_its_latest_and_its_first_value() -> None:
    readings = [
        reading(AUG, 49, industry_rank=30, network_rank=40),
        reading(OCT, 50, industry_rank=25),
        reading(NOV, 53, industry_rank=12),
    ]
    assert plain(ranks_summary(readings, Lang.FR)) == (
        "Classements : secteur Top 12 % au 30/11/2026 (Top 30 % au 31/08/2026) "
        "et réseau Top 40 % au 31/08/2026."
    )


def test_ranks_read_the_english_way_in_english() -> None:
    readings = [reading(AUG, 49, network_rank=40), reading(NOV, 53, network_rank=20)]
    assert ranks_summary(readings, Lang.EN) == (
        "Ranks: network Top 20% on 2026-11-30 (Top 40% on 2026-08-31)."
    )


def test_no_rank_is_said_as_none_yet() -> None:
    assert ranks_summary([reading(NOV, 53)], Lang.EN) == "No rank yet."


# --- the SSI beside the KPIs -------------------------------------------------------------

KPIS = [
    KpiMonth(date(2026, 8, 1), impressions=10000, engagements=300),
    KpiMonth(date(2026, 9, 1), impressions=12000, engagements=420),
]


def test_each_series_is_said_with_its_latest_and_its_first_figure() -> None:
    readings = [reading(date(2026, 8, 20), 49), reading(date(2026, 10, 21), 53)]
    assert plain(cross_reading_summary(readings, KPIS, Goal.NOTORIETY, Lang.FR)) == (
        "D’août 2026 à oct. 2026 : SSI total 53 en oct. 2026 (49 en août 2026), "
        "impressions 12\u202f000 en sept. 2026 (10\u202f000 en août 2026) et taux d’engagement "
        "3,5 % en sept. 2026 (3,0 % en août 2026)."
    )


def test_a_goal_kpi_without_a_figure_is_said_so() -> None:
    summary = cross_reading_summary([reading(OCT, 49)], KPIS, Goal.PROSPECTING, Lang.EN)
    assert "qualified conversations without a figure" in summary


def test_a_single_month_is_named_once() -> None:
    summary = cross_reading_summary([reading(OCT, 49)], [], Goal.NOTORIETY, Lang.EN)
    assert summary.startswith("In Oct 2026: total SSI 49 in Oct 2026, impressions without")


def test_the_summary_says_the_same_series_as_the_chart_draws() -> None:
    rows = monthly_rows([reading(OCT, 49)], [KpiMonth(date(2026, 10, 1), opportunities=2)])
    assert cross_reading_series(rows, Goal.NOTORIETY) == (
        "ssi",
        "impressions",
        "engagement_rate",
        "opportunities",
    )


def test_without_any_figure_the_summary_says_none_yet() -> None:
    assert cross_reading_summary([], [], Goal.NOTORIETY, Lang.EN) == "No figures yet."


# --- you against your averages -----------------------------------------------------------


def test_the_pillars_are_said_beside_a_quarter_of_each_known_average() -> None:
    latest = Reading(NOV, 14.0, 13.0, 11.5, 14.5, industry_average=40.0, network_average=30.0)
    assert benchmarks_summary(latest, Lang.EN) == (
        "On 2026-11-30, your pillars out of 25: brand 14, people 13, insights 11.5, and "
        "relationships 14.5; reference per pillar (average ÷ 4): 10 for the industry and "
        "7.5 for the network."
    )


def test_an_unknown_average_is_left_out() -> None:
    latest = Reading(NOV, 14.0, 13.0, 11.5, 14.5, network_average=30.0)
    summary = plain(benchmarks_summary(latest, Lang.FR))
    assert summary.endswith("repère par pilier (moyenne ÷ 4) : 7,5 pour le réseau.")


# --- the heatmap -------------------------------------------------------------------------

MONDAY = date(2026, 11, 2)


def four_weeks() -> tuple[date, tuple[HabitDay, ...]]:
    """Return four weeks to a Friday: done, partly done, missed, a skipped day and a holiday."""
    today = MONDAY + timedelta(days=25)
    done = {MONDAY + timedelta(days=i): 1.0 for i in range(0, 4)}
    done[MONDAY + timedelta(days=7)] = 0.5
    pauses = Pauses(
        skips=frozenset({MONDAY + timedelta(days=8)}),
        holidays=(Holiday(MONDAY + timedelta(days=14), MONDAY + timedelta(days=15)),),
    )
    return today, habit_days(done, MONDAY, today, pauses)


def test_the_heatmap_counts_its_days_done_partly_done_missed_and_paused() -> None:
    today, history = four_weeks()
    assert plain(heatmap_summary(history, MONDAY, today, Lang.FR)) == (
        "Du 02/11/2026 au 27/11/2026 : 4 jours faits, 1 en partie, 11 manqués "
        "et 3 sautés ou en congés."
    )


def test_the_heatmap_summary_counts_only_the_days_it_draws() -> None:
    today, history = four_weeks()
    later = MONDAY + timedelta(days=7)
    assert heatmap_summary(history, later, today, Lang.EN) == (
        "From 2026-11-09 to 2026-11-27: 1 partly done, 10 missed, and 3 skipped or on holiday."
    )


def test_a_heatmap_without_a_counted_day_says_so() -> None:
    history = habit_days({}, MONDAY, MONDAY)
    assert heatmap_summary(history, MONDAY, MONDAY, Lang.EN) == (
        "From 2026-11-02 to 2026-11-02: no day counted yet."
    )


def test_every_day_status_has_a_kind_and_a_day_without_one_is_still_to_come() -> None:
    assert {day_kind(status) for status in DayStatus} | {day_kind(None)} == set(DayKind)
    assert day_kind(None) is DayKind.WAITING


def test_a_missed_day_and_a_paused_day_bear_different_symbols() -> None:
    missed = DAY_SYMBOLS[day_kind(DayStatus.MISSED)]
    assert missed != DAY_SYMBOLS[day_kind(DayStatus.SKIPPED)]
    assert missed != DAY_SYMBOLS[day_kind(DayStatus.HOLIDAY)]


def test_each_state_has_its_own_symbol_and_only_a_rest_day_is_left_blank() -> None:
    shown = [symbol for kind, symbol in DAY_SYMBOLS.items() if kind is not DayKind.REST]
    assert all(shown)
    assert len(set(shown)) == len(shown)
    assert DAY_SYMBOLS[DayKind.REST] == ""


@pytest.mark.parametrize("lang", list(Lang))
def test_the_legend_names_every_symbol(lang: Lang) -> None:
    legend = heatmap_legend(lang)
    assert all(symbol in legend for symbol in DAY_SYMBOLS.values())


# --- the weekly rates --------------------------------------------------------------------


def test_this_week_and_the_mean_of_the_counted_days_are_said() -> None:
    rates = [WeekRate(MONDAY, 1.0, 3), WeekRate(MONDAY + timedelta(weeks=1), 0.5, 1)]
    assert plain(weekly_summary(rates, Lang.FR)) == (
        "Semaine du 09/11/2026 : 50 % ; sur 2 semaines : 88 % en moyenne."
    )


def test_a_week_without_a_counted_day_is_said_so() -> None:
    rates = [WeekRate(MONDAY, 0.75, 4), WeekRate(MONDAY + timedelta(weeks=1), None, 0)]
    assert weekly_summary(rates, Lang.EN) == (
        "Week of 2026-11-09: no day counted; over 2 weeks: 75% on average."
    )


def test_no_counted_week_is_said_as_none_yet() -> None:
    assert weekly_summary([WeekRate(MONDAY, None, 0)], Lang.EN) == "No week counted yet."
