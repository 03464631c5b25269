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
    GOAL_KPIS,
    Change,
    format_change,
    format_points,
    kpi_change,
    kpi_label,
    ssi_by_month,
    ssi_change,
)
from ssi_coach.model import Goal, KpiMonth, Pillar, Reading
from ssi_coach.months import add_months, month_of


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
    # A score "at the top": every pillar at 23.5 of its 25 points or more (94 or more in all).
    # Each pillar then has at most 6 % of headroom left, so the whole plan could add 6 points at
    # most, and DOMAIN.md §4 says what is left to work on is what the SSI does not measure.
    # (The promotional "above 75 is excellent" of DOMAIN.md §9 is deliberately not used.)
    saturated_pillar: float = 23.5


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


def score_saturated(reading: Reading, thresholds: Thresholds = THRESHOLDS) -> bool:
    """Tell whether every pillar of a check-in is at or near its 25 points."""
    return all(reading.score(pillar) >= thresholds.saturated_pillar for pillar in Pillar)


def _goal_changes(
    kpis: Sequence[KpiMonth], goal: Goal, end: date, th: Thresholds
) -> tuple[Change, ...]:
    """Return the goal's KPI changes over the window ending in month `end` that can be told."""
    changes = (kpi_change(kpis, name, end, th.window_months) for name in GOAL_KPIS[goal])
    return tuple(c for c in changes if c.absolute is not None)


def plan_kpi_months(latest: date, thresholds: Thresholds = THRESHOLDS) -> tuple[date, date]:
    """Return the first and last KPI months a plan built on a check-in of `latest` reads."""
    end = month_of(latest)
    return add_months(end, -(thresholds.kpi_lag_months + thresholds.window_months)), end


def results_growing(
    kpis: Sequence[KpiMonth], goal: Goal, latest: date, thresholds: Thresholds = THRESHOLDS
) -> bool:
    """Tell whether one of the goal's KPIs grew over the window ending at a check-in's month.

    As for the signals, the window may end up to kpi_lag_months earlier when the latest months
    are not entered yet. Flat, falling or unknown KPIs are not growth.
    """
    for lag in range(thresholds.kpi_lag_months + 1):
        known = _goal_changes(kpis, Goal(goal), add_months(month_of(latest), -lag), thresholds)
        if known:
            return any(_grew(c, thresholds) for c in known)
    return False


def _last_reading_of(readings: Sequence[Reading], month: date) -> Reading:
    """Return the check-in that stands for a month: its last one (the later entry on a tie)."""
    in_month = [r for r in readings if month_of(r.taken_on) == month]
    return sorted(in_month, key=lambda r: r.taken_on)[-1]


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
        known = _goal_changes(kpis, goal, end, th)
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
        # DOMAIN.md §4–5: a score already at the top that stays there while the results stay
        # flat is the same activity without business, only it cannot climb any more.
        flat = abs(score.absolute) < th.score_rise_points
        if flat and not any(grown) and score_saturated(_last_reading_of(readings, end), th):
            return (Signal(SignalKind.VANITY, {**params, "saturated": True}),)
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


def _text_key(signal: Signal) -> str:
    """Return the catalog prefix of a signal's texts: a saturated vanity has its own."""
    if signal.kind is SignalKind.VANITY and signal.params.get("saturated"):
        return "signal.vanity.saturated"
    return f"signal.{signal.kind.value}"


def signal_title(signal: Signal, lang: Lang | str) -> str:
    """Return a few words that name the signal."""
    return t(lang, f"{_text_key(signal)}.title")


def _changes_text(changes: Sequence[Change], lang: Lang | str) -> str:
    return t(lang, "signal.list_separator").join(
        t(lang, "signal.kpi_change", kpi=kpi_label(c.name, lang), change=format_change(c, lang))
        for c in changes
    )


def signal_message(signal: Signal, lang: Lang | str) -> str:
    """Return the short, actionable message of a signal in the given language."""
    p = signal.params
    key = f"{_text_key(signal)}.message"
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
        signed = signal.kind is SignalKind.RESULTS_WITHOUT_SCORE or bool(p.get("saturated"))
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
