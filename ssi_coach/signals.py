"""Cross-reading alerts: the score against the goal's results, and the check-in cadence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from ssi_coach.i18n import Lang, format_date, format_month, t
from ssi_coach.kpis import (
    Change,
    format_change,
    format_points,
    kpi_change,
    kpi_label,
    ssi_by_month,
    ssi_change,
)
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.months import add_months, month_of
from ssi_coach.plan import GOAL_KPIS


@dataclass(frozen=True)
class Thresholds:
    """Every number the signals depend on, in one place."""

    # DOMAIN.md §4–5: a score that climbs while the goal's KPIs do not is activity without
    # business. 5 points is a visible move on a 0–100 score, well above day-to-day noise.
    # Below it (including any fall) the score counts as "flat" for results_without_score:
    # DOMAIN.md §5, when LinkedIn already brings results, the score is not the priority.
    score_rise_points: float = 5.0
    # DOMAIN.md §5: KPIs are read together and over time, never over a short period; the score
    # and the KPIs are compared over the same three calendar months.
    window_months: int = 3
    # A KPI "grows" when it gains at least this many percent over the window; below that
    # (including any fall) it is "flat or down". From zero, any gain counts as growth.
    kpi_growth_percent: float = 5.0
    # KPIs of a month are entered once the month is over, so the score and KPI comparison may
    # end one month before the latest check-in; older than that it would speak of the past.
    kpi_lag_months: int = 1
    # DOMAIN.md §5: the SSI is an alert signal for a drop in activity, e.g. 5 points from one
    # calendar month to the next (each month's last check-in).
    drop_points: float = 5.0
    # DOMAIN.md §7: a monthly check-in is enough; two check-ins less than a week apart are
    # closer to daily monitoring than to a monthly review.
    min_days_between_checkins: int = 7


THRESHOLDS = Thresholds()


class SignalKind(StrEnum):
    ACTIVITY_DROP = "activity_drop"
    VANITY = "vanity"
    RESULTS_WITHOUT_SCORE = "results_without_score"
    INDUSTRY_CHANGED = "industry_changed"
    TOO_FREQUENT = "too_frequent"


class Severity(StrEnum):
    WARNING = "warning"  # worth acting on
    INFO = "info"  # worth knowing
    GOOD = "good"  # good news that changes the priorities


SEVERITY: Mapping[SignalKind, Severity] = MappingProxyType(
    {
        SignalKind.ACTIVITY_DROP: Severity.WARNING,
        SignalKind.VANITY: Severity.WARNING,
        SignalKind.RESULTS_WITHOUT_SCORE: Severity.GOOD,
        SignalKind.INDUSTRY_CHANGED: Severity.INFO,
        SignalKind.TOO_FREQUENT: Severity.INFO,
    }
)


@dataclass(frozen=True)
class Signal:
    """One alert: its kind, how much it matters, and the language-neutral figures behind it."""

    kind: SignalKind
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def severity(self) -> Severity:
        """Return how much the signal matters."""
        return SEVERITY[self.kind]


def detect_signals(
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    goal: Goal,
    *,
    industries: Sequence[tuple[date, str]] = (),
    thresholds: Thresholds = THRESHOLDS,
) -> tuple[Signal, ...]:
    """Return the signals of the latest check-ins and months, warnings first."""
    found = [
        _activity_drop(readings, thresholds),
        *_score_against_results(readings, kpis, Goal(goal), thresholds),
        _industry_changed(industries),
        _too_frequent(readings, thresholds),
    ]
    order = list(SignalKind)
    return tuple(sorted((s for s in found if s is not None), key=lambda s: order.index(s.kind)))


def _activity_drop(readings: Sequence[Reading], th: Thresholds) -> Signal | None:
    if not readings:
        return None
    end = month_of(max(r.taken_on for r in readings))
    change = ssi_change(readings, end, 1)
    if change.absolute is None or -change.absolute < th.drop_points:
        return None
    return Signal(
        SignalKind.ACTIVITY_DROP,
        {
            "start": change.start,
            "end": change.end,
            "before": change.before,
            "after": change.after,
            "points": -change.absolute,
        },
    )


def _grew(change: Change, th: Thresholds) -> bool:
    assert change.absolute is not None
    if change.percent is None:  # from zero: any gain is growth
        return change.absolute > 0
    return change.percent >= th.kpi_growth_percent


def _score_against_results(
    readings: Sequence[Reading], kpis: Sequence[KpiMonth], goal: Goal, th: Thresholds
) -> tuple[Signal, ...]:
    if not readings or not kpis:
        return ()
    latest = month_of(max(r.taken_on for r in readings))
    months_with_ssi = ssi_by_month(readings)
    for lag in range(th.kpi_lag_months + 1):
        end = add_months(latest, -lag)
        if end not in months_with_ssi:
            continue
        score = ssi_change(readings, end, th.window_months)
        results = [kpi_change(kpis, name, end, th.window_months) for name in GOAL_KPIS[goal]]
        known = tuple(c for c in results if c.absolute is not None)
        if score.absolute is None or not known:
            continue
        params = {
            "start": score.start,
            "end": score.end,
            "points": score.absolute,
            "changes": known,
        }
        grown = [_grew(c, th) for c in known]
        if score.absolute >= th.score_rise_points and not any(grown):
            return (Signal(SignalKind.VANITY, params),)
        if score.absolute < th.score_rise_points and all(grown):
            return (Signal(SignalKind.RESULTS_WITHOUT_SCORE, params),)
        return ()
    return ()


def _clean_industry(name: str) -> str:
    return " ".join(name.split())


def _industry_changed(industries: Sequence[tuple[date, str]]) -> Signal | None:
    named = sorted(
        ((day, _clean_industry(name)) for day, name in industries if _clean_industry(name)),
        key=lambda pair: pair[0],
    )
    if len(named) < 2:
        return None
    (_, before), (on, after) = named[-2], named[-1]
    # LinkedIn may change a label's case or spacing; only a different name changes the peers.
    if before.casefold() == after.casefold():
        return None
    return Signal(SignalKind.INDUSTRY_CHANGED, {"before": before, "after": after, "on": on})


def _too_frequent(readings: Sequence[Reading], th: Thresholds) -> Signal | None:
    days = sorted(r.taken_on for r in readings)
    if len(days) < 2:
        return None
    latest, previous = days[-1], days[-2]
    gap = timedelta(days=th.min_days_between_checkins)
    if latest - previous >= gap:
        return None
    recent = sum(1 for day in days if latest - day < gap)
    return Signal(
        SignalKind.TOO_FREQUENT,
        {"count": recent, "days": th.min_days_between_checkins, "latest": latest},
    )


def signal_title(signal: Signal, lang: Lang | str) -> str:
    """Return a few words that name the signal."""
    return t(lang, f"signal.{signal.kind.value}.title")


def _changes_text(changes: Sequence[Change], lang: Lang | str) -> str:
    return t(lang, "signal.list_separator").join(
        t(lang, "signal.kpi_change", kpi=kpi_label(c.name, lang), change=format_change(c, lang))
        for c in changes
    )


def signal_message(signal: Signal, lang: Lang | str) -> str:
    """Return the short, actionable message of a signal in the given language."""
    p = signal.params
    key = f"signal.{signal.kind.value}.message"
    if signal.kind is SignalKind.ACTIVITY_DROP:
        return t(
            lang,
            key,
            start=format_month(p["start"], lang),
            end=format_month(p["end"], lang),
            points=format_points(p["points"], lang, signed=False),
        )
    if signal.kind in (SignalKind.VANITY, SignalKind.RESULTS_WITHOUT_SCORE):
        # A vanity rise is always a gain, said plainly; otherwise the sign tells flat from falling.
        signed = signal.kind is SignalKind.RESULTS_WITHOUT_SCORE
        return t(
            lang,
            key,
            start=format_month(p["start"], lang),
            end=format_month(p["end"], lang),
            points=format_points(p["points"], lang, signed=signed),
            kpis=_changes_text(p["changes"], lang),
        )
    if signal.kind is SignalKind.INDUSTRY_CHANGED:
        return t(
            lang,
            key,
            before=p["before"],
            after=p["after"],
            date=format_date(p["on"], lang),
        )
    return t(lang, key, count=p["count"], days=p["days"])
