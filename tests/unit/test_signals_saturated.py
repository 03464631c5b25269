"""The vanity signal of a score already at the top that stays flat while the results stay flat."""

from __future__ import annotations

from datetime import date

import pytest

from ssi_coach.i18n import Lang
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.signals import (
    THRESHOLDS,
    Signal,
    SignalKind,
    detect_signals,
    results_growing,
    score_saturated,
    signal_message,
    signal_title,
)

NBSP = "\u00a0"
AUG, NOV = date(2026, 8, 1), date(2026, 11, 1)


def top(day: date, pillar: float = 24.0, brand: float | None = None) -> Reading:
    """Return a check-in with every pillar at `pillar`, the brand at `brand` if given."""
    return Reading(day, pillar if brand is None else brand, pillar, pillar, pillar)


def quarter(start: Reading, end: Reading) -> list[Reading]:
    """Return the check-ins of August and November."""
    return [start, end]


def impressions(before: int, after: int) -> list[KpiMonth]:
    return [KpiMonth(AUG, impressions=before), KpiMonth(NOV, impressions=after)]


def vanity(readings: list[Reading], kpis: list[KpiMonth]) -> Signal:
    found = [
        s for s in detect_signals(readings, kpis, Goal.NOTORIETY) if s.kind is SignalKind.VANITY
    ]
    assert len(found) == 1
    return found[0]


def test_a_top_score_that_stays_flat_with_flat_kpis_is_vanity_at_the_top() -> None:
    readings = quarter(top(date(2026, 8, 20)), top(date(2026, 11, 20), brand=24.4))
    signal = vanity(readings, impressions(12000, 12100))
    assert signal.params["saturated"] is True


def test_a_flat_score_below_the_top_with_flat_kpis_is_no_signal() -> None:
    readings = quarter(top(date(2026, 8, 20), 20.0), top(date(2026, 11, 20), 20.0))
    assert detect_signals(readings, impressions(12000, 12100), Goal.NOTORIETY) == ()


def test_a_top_score_with_a_growing_goal_kpi_is_not_vanity() -> None:
    readings = quarter(top(date(2026, 8, 20)), top(date(2026, 11, 20)))
    found = detect_signals(readings, impressions(12000, 12600), Goal.NOTORIETY)
    assert [s.kind for s in found] == [SignalKind.RESULTS_WITHOUT_SCORE]


def test_a_top_score_is_judged_on_the_windows_last_check_in() -> None:
    early = top(date(2026, 11, 2))
    late = top(date(2026, 11, 25), brand=23.0)
    readings = [top(date(2026, 8, 20)), early, late]
    assert detect_signals(readings, impressions(12000, 12000), Goal.NOTORIETY) == ()


def test_a_rise_to_the_top_is_the_ordinary_vanity() -> None:
    readings = quarter(top(date(2026, 8, 20), 22.0), top(date(2026, 11, 20), 24.0))
    assert "saturated" not in vanity(readings, impressions(12000, 12000)).params


def test_a_top_score_without_kpis_gives_no_score_and_results_signal() -> None:
    readings = quarter(top(date(2026, 8, 20)), top(date(2026, 11, 20)))
    assert detect_signals(readings, [], Goal.NOTORIETY) == ()


def test_a_score_is_saturated_from_23_5_on_every_pillar() -> None:
    assert score_saturated(top(NOV, 23.5))
    assert not score_saturated(top(NOV, 23.5, brand=23.499))
    assert THRESHOLDS.saturated_pillar == 23.5


def test_results_grow_when_one_goal_kpi_gains_five_percent_over_three_months() -> None:
    assert results_growing(impressions(100, 105), Goal.NOTORIETY, date(2026, 11, 20))
    assert not results_growing(impressions(100, 104), Goal.NOTORIETY, date(2026, 11, 20))
    assert not results_growing([], Goal.NOTORIETY, date(2026, 11, 20))


@pytest.fixture
def at_the_top() -> Signal:
    readings = quarter(top(date(2026, 8, 20)), top(date(2026, 11, 20), brand=24.5))
    return vanity(readings, impressions(12000, 11400))


def test_the_top_vanity_message_says_the_score_is_not_the_problem_in_french(
    at_the_top: Signal,
) -> None:
    assert signal_title(at_the_top, Lang.FR) == "Un score au plafond, des résultats à plat"
    message = signal_message(at_the_top, Lang.FR)
    assert message.startswith(
        "D’août 2026 à nov. 2026, votre SSI est resté au plafond (+0,5 point)"
    )
    assert f"Impressions{NBSP}: −5,0{NBSP}%" in message
    assert "Le score n’est donc pas le problème" in message
    assert "votre ciblage, votre offre" in message


def test_the_top_vanity_message_says_the_score_is_not_the_problem_in_english(
    at_the_top: Signal,
) -> None:
    assert signal_title(at_the_top, Lang.EN) == "A score at the top, results flat"
    message = signal_message(at_the_top, Lang.EN)
    assert message.startswith("From Aug 2026 to Nov 2026, your SSI stayed at the top (+0.5 points)")
    assert "So the score is not the problem" in message
    assert "your targeting, your offer" in message
