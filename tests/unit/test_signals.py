"""Cross-reading signals, each checked at and around its threshold, and their messages."""

import json
import random
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.i18n import CATALOG_DIR, Lang, placeholders
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.signals import (
    THRESHOLDS,
    Severity,
    Signal,
    SignalKind,
    Thresholds,
    detect_signals,
    signal_message,
    signal_title,
)
from tests.unit import strategies

NBSP = "\u00a0"
JUL, AUG, SEP, OCT, NOV = (date(2026, m, 1) for m in (7, 8, 9, 10, 11))


def reading(day: date, total: float) -> Reading:
    """Build a check-in with the given total (30 to 55): three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0)


def kinds(signals: tuple[Signal, ...]) -> list[str]:
    """Return the kinds of the signals, in order."""
    return [s.kind.value for s in signals]


def score_over_quarter(start: float, end: float) -> list[Reading]:
    """Return monthly check-ins from August to November going from start to end."""
    return [
        reading(date(2026, 8, 20), start),
        reading(date(2026, 9, 20), start),
        reading(date(2026, 10, 20), end),
        reading(date(2026, 11, 20), end),
    ]


def impressions(before: int, after: int, start: date = AUG, end: date = NOV) -> list[KpiMonth]:
    """Return the impressions of two months."""
    return [KpiMonth(start, impressions=before), KpiMonth(end, impressions=after)]


def conversations(before: int, after: int) -> list[KpiMonth]:
    """Return the qualified conversations of August and November."""
    return [
        KpiMonth(AUG, qualified_conversations=before),
        KpiMonth(NOV, qualified_conversations=after),
    ]


# --- vanity --------------------------------------------------------------------------------


def test_a_rise_of_exactly_five_points_with_flat_kpis_is_vanity() -> None:
    signals = detect_signals(score_over_quarter(40, 45), impressions(1000, 1049), Goal.NOTORIETY)
    assert kinds(signals) == ["vanity"]


def test_a_rise_just_under_five_points_is_not_vanity() -> None:
    signals = detect_signals(
        score_over_quarter(40, 44.999), impressions(1000, 1000), Goal.NOTORIETY
    )
    assert "vanity" not in kinds(signals)


def test_a_kpi_up_exactly_five_percent_is_growth_so_no_vanity() -> None:
    signals = detect_signals(score_over_quarter(40, 46), impressions(60, 63), Goal.NOTORIETY)
    assert "vanity" not in kinds(signals)


def test_falling_kpis_with_a_rising_score_are_vanity() -> None:
    signals = detect_signals(score_over_quarter(40, 50), impressions(1000, 700), Goal.NOTORIETY)
    assert kinds(signals) == ["vanity"]
    assert signals[0].params["points"] == 10.0
    assert signals[0].params["start"] == AUG
    assert signals[0].params["end"] == NOV


def test_vanity_reads_only_the_goals_kpis() -> None:
    kpis = [
        KpiMonth(AUG, impressions=1000, qualified_conversations=2),
        KpiMonth(NOV, impressions=1000, qualified_conversations=6),
    ]
    readings = score_over_quarter(40, 50)
    assert kinds(detect_signals(readings, kpis, Goal.NOTORIETY)) == ["vanity"]
    assert "vanity" not in kinds(detect_signals(readings, kpis, Goal.PROSPECTING))


def test_one_goal_kpi_growing_is_enough_to_rule_out_vanity() -> None:
    kpis = [
        KpiMonth(AUG, impressions=1000, engagements=50),
        KpiMonth(NOV, impressions=900, engagements=60),  # rate 5 % -> 6.7 %
    ]
    signals = detect_signals(score_over_quarter(40, 50), kpis, Goal.NOTORIETY)
    assert kinds(signals) == []


def test_a_kpi_staying_at_zero_is_flat() -> None:
    signals = detect_signals(score_over_quarter(40, 45), conversations(0, 0), Goal.PROSPECTING)
    assert kinds(signals) == ["vanity"]


def test_a_kpi_rising_from_zero_is_growth() -> None:
    signals = detect_signals(score_over_quarter(40, 45), conversations(0, 1), Goal.PROSPECTING)
    assert "vanity" not in kinds(signals)


def test_without_the_goals_kpis_no_score_and_results_signal_is_given() -> None:
    signals = detect_signals(score_over_quarter(40, 50), conversations(5, 5), Goal.NOTORIETY)
    assert kinds(signals) == []


def test_without_a_check_in_three_months_earlier_no_vanity_is_given() -> None:
    readings = score_over_quarter(40, 50)[1:]
    assert kinds(detect_signals(readings, impressions(1000, 1000), Goal.NOTORIETY)) == []


def test_kpis_one_month_behind_the_latest_check_in_are_still_read() -> None:
    readings = [reading(date(2026, 7, 20), 40), *score_over_quarter(40, 50)]
    signals = detect_signals(readings, impressions(1000, 1000, JUL, OCT), Goal.NOTORIETY)
    assert kinds(signals) == ["vanity"]
    assert (signals[0].params["start"], signals[0].params["end"]) == (JUL, OCT)


def test_kpis_two_months_behind_the_latest_check_in_are_too_old_for_a_signal() -> None:
    # June to September is +5 points with flat impressions: vanity, were it not too old.
    readings = [reading(date(2026, 6, 20), 35), *score_over_quarter(40, 50)]
    signals = detect_signals(
        readings, impressions(1000, 1000, date(2026, 6, 1), SEP), Goal.NOTORIETY
    )
    assert kinds(signals) == []


# --- results without score -----------------------------------------------------------------


def test_kpis_up_five_percent_with_a_flat_score_are_results_without_score() -> None:
    signals = detect_signals(score_over_quarter(40, 44.999), impressions(100, 105), Goal.NOTORIETY)
    assert kinds(signals) == ["results_without_score"]
    assert signals[0].severity is Severity.GOOD


def test_kpis_up_just_under_five_percent_are_not_results_without_score() -> None:
    signals = detect_signals(score_over_quarter(40, 40), impressions(1000, 1049), Goal.NOTORIETY)
    assert kinds(signals) == []


def test_a_score_up_five_points_is_not_flat() -> None:
    signals = detect_signals(score_over_quarter(40, 45), impressions(100, 200), Goal.NOTORIETY)
    assert kinds(signals) == []


def test_results_growing_while_the_score_falls_are_results_without_score() -> None:
    signals = detect_signals(score_over_quarter(50, 40), conversations(2, 5), Goal.PROSPECTING)
    assert "results_without_score" in kinds(signals)
    assert signals[-1].params["points"] == -10.0


def test_every_known_goal_kpi_must_grow_for_results_without_score() -> None:
    kpis = [
        KpiMonth(AUG, qualified_conversations=2, opportunities=3),
        KpiMonth(NOV, qualified_conversations=6, opportunities=3),
    ]
    signals = detect_signals(score_over_quarter(40, 40), kpis, Goal.PROSPECTING)
    assert kinds(signals) == []


# --- activity drop -------------------------------------------------------------------------


def test_a_drop_of_exactly_five_points_from_one_month_to_the_next_is_an_alert() -> None:
    readings = [reading(date(2026, 10, 31), 50), reading(date(2026, 11, 1), 45)]
    signals = detect_signals(readings, [], Goal.NOTORIETY)
    assert "activity_drop" in kinds(signals)
    drop = signals[0]
    assert drop.severity is Severity.WARNING
    assert (drop.params["start"], drop.params["end"], drop.params["points"]) == (OCT, NOV, 5.0)


def test_a_drop_just_under_five_points_is_no_alert() -> None:
    readings = [reading(date(2026, 10, 20), 50), reading(date(2026, 11, 20), 45.001)]
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY)) == []


def test_a_drop_across_two_months_is_not_a_drop_in_a_month() -> None:
    readings = [reading(date(2026, 9, 20), 50), reading(date(2026, 11, 20), 40)]
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY)) == []


def test_a_drop_within_the_previous_month_is_not_counted_twice() -> None:
    readings = [
        reading(date(2026, 10, 1), 50),
        reading(date(2026, 10, 20), 42),
        reading(date(2026, 11, 20), 42),
    ]
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY)) == []


def test_only_the_latest_month_can_raise_a_drop() -> None:
    readings = [
        reading(date(2026, 9, 20), 50),
        reading(date(2026, 10, 20), 40),
        reading(date(2026, 11, 20), 40),
    ]
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY)) == []


# --- too frequent ---------------------------------------------------------------------------


def test_two_check_ins_six_days_apart_are_too_frequent() -> None:
    readings = [reading(date(2026, 11, 14), 40), reading(date(2026, 11, 20), 40)]
    signals = detect_signals(readings, [], Goal.NOTORIETY)
    assert kinds(signals) == ["too_frequent"]
    assert signals[0].params == {"count": 2, "days": 7, "latest": date(2026, 11, 20)}


def test_two_check_ins_seven_days_apart_are_fine() -> None:
    readings = [reading(date(2026, 11, 13), 40), reading(date(2026, 11, 20), 40)]
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY)) == []


def test_too_frequent_counts_the_check_ins_of_the_last_week() -> None:
    days = [date(2026, 11, 9), date(2026, 11, 10), date(2026, 11, 12), date(2026, 11, 16)]
    signals = detect_signals([reading(d, 40) for d in days], [], Goal.NOTORIETY)
    assert signals[0].params["count"] == 3  # the 9th is 7 days before the 16th: outside


def test_old_daily_check_ins_do_not_nag_after_a_monthly_one() -> None:
    days = [date(2026, 9, 1), date(2026, 9, 2), date(2026, 9, 3), date(2026, 10, 20)]
    assert kinds(detect_signals([reading(d, 40) for d in days], [], Goal.NOTORIETY)) == []


# --- industry changed ---------------------------------------------------------------------


def test_a_different_industry_in_the_latest_paste_is_reported() -> None:
    industries = [(date(2026, 10, 20), "IT Services"), (date(2026, 11, 20), "Software Development")]
    signals = detect_signals([], [], Goal.NOTORIETY, industries=industries)
    assert kinds(signals) == ["industry_changed"]
    assert signals[0].params == {
        "before": "IT Services",
        "after": "Software Development",
        "on": date(2026, 11, 20),
    }


def test_the_same_industry_written_with_other_case_or_spaces_is_not_a_change() -> None:
    industries = [(date(2026, 10, 20), "IT  services "), (date(2026, 11, 20), "IT Services")]
    assert detect_signals([], [], Goal.NOTORIETY, industries=industries) == ()


def test_industries_are_compared_in_date_order_not_input_order() -> None:
    industries = [
        (date(2026, 11, 20), "Software Development"),
        (date(2026, 9, 20), "Consulting"),
        (date(2026, 10, 20), "Software Development"),
    ]
    assert detect_signals([], [], Goal.NOTORIETY, industries=industries) == ()


def test_a_paste_without_an_industry_name_is_ignored() -> None:
    industries = [(date(2026, 10, 20), "Consulting"), (date(2026, 11, 20), "  ")]
    assert detect_signals([], [], Goal.NOTORIETY, industries=industries) == ()


# --- the whole ------------------------------------------------------------------------------


def test_no_data_gives_no_signal() -> None:
    assert detect_signals([], [], Goal.PROSPECTING) == ()


def test_signals_come_warnings_first_in_a_fixed_order() -> None:
    readings = [*score_over_quarter(40, 52), reading(date(2026, 11, 21), 46)]
    industries = [(date(2026, 10, 20), "Consulting"), (date(2026, 11, 21), "Design")]
    signals = detect_signals(
        readings, impressions(1000, 1000), Goal.NOTORIETY, industries=industries
    )
    assert kinds(signals) == ["activity_drop", "vanity", "industry_changed", "too_frequent"]
    assert [s.severity for s in signals] == [
        Severity.WARNING,
        Severity.WARNING,
        Severity.INFO,
        Severity.INFO,
    ]


def test_a_signal_kind_compares_equal_to_its_plain_name() -> None:
    readings = [reading(date(2026, 11, 14), 40), reading(date(2026, 11, 20), 40)]
    assert detect_signals(readings, [], Goal.NOTORIETY)[0].kind == "too_frequent"


def test_thresholds_can_be_tuned_in_one_place() -> None:
    readings = [reading(date(2026, 10, 20), 50), reading(date(2026, 11, 20), 47)]
    assert detect_signals(readings, [], Goal.NOTORIETY) == ()
    tuned = Thresholds(drop_points=3.0)
    assert kinds(detect_signals(readings, [], Goal.NOTORIETY, thresholds=tuned)) == [
        "activity_drop"
    ]


def test_the_default_thresholds_are_those_of_the_brief() -> None:
    assert (
        Thresholds(
            score_rise_points=5.0,
            window_months=3,
            kpi_growth_percent=5.0,
            kpi_lag_months=1,
            drop_points=5.0,
            min_days_between_checkins=7,
            saturated_pillar=23.5,
        )
        == THRESHOLDS
    )


recent_readings = st.lists(
    st.builds(
        reading,
        st.dates(date(2026, 1, 1), date(2026, 11, 20)),
        strategies.three_decimals(30, 55),
    ),
    max_size=12,
)
recent_kpis = st.lists(
    st.builds(
        KpiMonth,
        st.dates(date(2026, 1, 1), date(2026, 11, 20)).map(lambda d: d.replace(day=1)),
        impressions=st.none() | st.integers(0, 5000),
        qualified_conversations=st.none() | st.integers(0, 20),
        opportunities=st.none() | st.integers(0, 5),
    ),
    max_size=12,
)


@given(readings=recent_readings, kpis=recent_kpis, goal=st.sampled_from(Goal))
def test_the_score_never_both_outruns_and_lags_the_results(
    readings: list[Reading], kpis: list[KpiMonth], goal: Goal
) -> None:
    found = kinds(detect_signals(readings, kpis, goal))
    assert not {"vanity", "results_without_score"} <= set(found)
    assert len(found) == len(set(found))


@given(readings=recent_readings, kpis=recent_kpis, goal=st.sampled_from(Goal), seed=st.integers())
def test_the_order_of_the_inputs_does_not_matter(
    readings: list[Reading], kpis: list[KpiMonth], goal: Goal, seed: int
) -> None:
    # Distinct days and months: with duplicates the later entry wins, on purpose.
    readings = list({r.taken_on: r for r in readings}.values())
    kpis = list({k.month: k for k in kpis}.values())
    shuffled_readings, shuffled_kpis = readings[:], kpis[:]
    random.Random(seed).shuffle(shuffled_readings)
    random.Random(seed).shuffle(shuffled_kpis)
    assert detect_signals(shuffled_readings, shuffled_kpis, goal) == detect_signals(
        readings, kpis, goal
    )


@given(readings=st.lists(strategies.readings, max_size=8), goal=st.sampled_from(Goal))
def test_any_readings_give_messages_in_both_languages(readings: list[Reading], goal: Goal) -> None:
    for signal in detect_signals(readings, [], goal):
        for lang in Lang:
            assert "{" not in signal_message(signal, lang)


# --- messages -------------------------------------------------------------------------------


def example_signals() -> dict[str, Signal]:
    """Return one signal of each kind, from realistic figures."""
    found: dict[str, Signal] = {}
    cases: list[tuple[list[Reading], list[KpiMonth], Goal, dict[str, Any]]] = [
        (score_over_quarter(40, 46.5), impressions(12000, 11400), Goal.NOTORIETY, {}),
        (score_over_quarter(44, 41), conversations(2, 6), Goal.PROSPECTING, {}),
        (
            [reading(date(2026, 10, 20), 50), reading(date(2026, 11, 20), 43.5)],
            [],
            Goal.NOTORIETY,
            {},
        ),
        (
            [reading(date(2026, 11, 10), 40), reading(date(2026, 11, 12), 40)],
            [],
            Goal.NOTORIETY,
            {"industries": [(date(2026, 10, 20), "Conseil"), (date(2026, 11, 12), "Formation")]},
        ),
    ]
    for readings, kpis, goal, extra in cases:
        for signal in detect_signals(readings, kpis, goal, **extra):
            found[signal.kind.value] = signal
    assert set(found) == {kind.value for kind in SignalKind}
    return found


SIGNALS = example_signals()


def test_the_vanity_message_gives_the_real_numbers_in_french() -> None:
    message = signal_message(SIGNALS["vanity"], Lang.FR)
    assert "D’août 2026 à nov. 2026, votre SSI a gagné 6,5 points" in message
    assert f"Impressions : −5,0{NBSP}%" in message
    assert "qualité plutôt que sur le volume" in message


def test_the_vanity_message_gives_the_real_numbers_in_english() -> None:
    message = signal_message(SIGNALS["vanity"], Lang.EN)
    assert "From Aug 2026 to Nov 2026, your SSI gained 6.5 points" in message
    assert "Impressions: -5.0%" in message


def test_the_results_without_score_message_shows_the_score_change_signed() -> None:
    message = signal_message(SIGNALS["results_without_score"], Lang.FR)
    assert "(−3 points)" in message
    assert f"Conversations qualifiées : +200,0{NBSP}%" in message
    assert "n’est donc pas votre priorité" in message


def test_the_drop_message_says_how_many_points_and_when() -> None:
    message = signal_message(SIGNALS["activity_drop"], Lang.FR)
    assert message.startswith("Votre SSI a perdu 6,5 points entre oct. 2026 et nov. 2026.")
    assert "signal d’alerte" in message


def test_the_too_frequent_message_counts_the_check_ins() -> None:
    assert signal_message(SIGNALS["too_frequent"], Lang.EN).startswith(
        "You made 2 check-ins in less than 7 days. Once a month is enough"
    )


def test_the_industry_message_names_both_industries_and_the_date() -> None:
    message = signal_message(SIGNALS["industry_changed"], Lang.FR)
    assert "D’après votre relevé du 12/11/2026" in message
    assert "« Formation », et non plus « Conseil »" in message


@pytest.mark.parametrize("kind", [kind.value for kind in SignalKind])
@pytest.mark.parametrize("lang", list(Lang))
def test_every_signal_has_a_title_and_a_message_in_each_language(kind: str, lang: Lang) -> None:
    signal = SIGNALS[kind]
    assert not signal_title(signal, lang).startswith("signal.")
    message = signal_message(signal, lang)
    assert not message.startswith("signal.")
    assert "{" not in message


@pytest.mark.parametrize("kind", [kind.value for kind in SignalKind])
def test_no_message_suggests_automation(kind: str) -> None:
    for lang in Lang:
        assert "automat" not in signal_message(SIGNALS[kind], lang).lower()


def test_the_signals_catalogs_have_the_same_keys_and_placeholders() -> None:
    fr = json.loads((CATALOG_DIR / "fr" / "signals.json").read_text(encoding="utf-8"))
    en = json.loads((CATALOG_DIR / "en" / "signals.json").read_text(encoding="utf-8"))
    assert fr.keys() == en.keys()
    for key in fr:
        assert placeholders(fr[key]) == placeholders(en[key]), key


def test_the_signals_catalogs_use_only_their_own_prefixes() -> None:
    fr = json.loads((CATALOG_DIR / "fr" / "signals.json").read_text(encoding="utf-8"))
    prefixes = ("signal.", "kpi_chart.", "kpi_change.", "cross.", "card.")
    assert [key for key in fr if not key.startswith(prefixes)] == []
