"""The charts in words: one sentence of each chart's figures, and the heatmap's states.

A screen reader cannot see a chart, and nobody reads an exact value off a line: under each chart
a sentence gives the figures it draws, written the way the language writes numbers and dates.
The heatmap's states each get a symbol as well as a colour, so that none is told by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from babel.lists import format_list

from ssi_coach.habits import DayStatus, HabitDay, WeekRate, percent_text
from ssi_coach.i18n import (
    FLOAT_DECIMALS,
    Lang,
    as_lang,
    format_date,
    format_month,
    format_number,
    format_signed,
    plural_form,
    t,
)
from ssi_coach.kpis import GOAL_KPIS, KPI_NAMES, SSI, MonthRow, format_kpi_value, monthly_rows
from ssi_coach.model import Goal, KpiMonth, Pillar, Reading

# Up to two months a span reads in days, up to two years in months, then in years.
_DAYS_UP_TO = 60
_MONTHS_UP_TO = 730
_DAYS_PER_MONTH = 365.25 / 12
_DAYS_PER_YEAR = 365.25
RANK_KINDS = ("industry", "network")


class DayKind(StrEnum):
    """How the heatmap draws a day: each kind has its own colour and its own symbol."""

    DONE = "done"
    PARTIAL = "partial"
    MISSED = "missed"
    PAUSED = "paused"
    REST = "rest"
    WAITING = "waiting"


_KINDS: Mapping[DayStatus, DayKind] = MappingProxyType(
    {
        DayStatus.DONE: DayKind.DONE,
        DayStatus.PARTIAL: DayKind.PARTIAL,
        DayStatus.STARTED: DayKind.PARTIAL,
        DayStatus.MISSED: DayKind.MISSED,
        DayStatus.SKIPPED: DayKind.PAUSED,
        DayStatus.HOLIDAY: DayKind.PAUSED,
        DayStatus.REST: DayKind.REST,
        DayStatus.PENDING: DayKind.WAITING,
    }
)
# Drawn in the cells and written in the legend. A rest day is the one left blank: it asks
# nothing, and a year of weekends full of signs would hide the days that matter.
DAY_SYMBOLS: Mapping[DayKind, str] = MappingProxyType(
    {
        DayKind.DONE: "✓",
        DayKind.PARTIAL: "◐",
        DayKind.MISSED: "×",
        DayKind.PAUSED: "‖",
        DayKind.REST: "",
        DayKind.WAITING: "○",
    }
)
# The kinds the heatmap's sentence counts, in the order it says them.
_COUNTED_KINDS = (DayKind.DONE, DayKind.PARTIAL, DayKind.MISSED, DayKind.PAUSED)


def day_kind(status: DayStatus | None) -> DayKind:
    """Return how the heatmap draws a day of this status; a day without one is still to come."""
    return DayKind.WAITING if status is None else _KINDS[status]


def _count(key: str, count: int, lang: Lang | str) -> str:
    return t(lang, f"{key}.{plural_form(count, lang)}", count=count)


def listed(items: Iterable[str], lang: Lang | str) -> str:
    """Return words as the language lists them: "a, b et c", "a, b, and c"."""
    return format_list(list(items), locale=as_lang(lang).value)


def _unchanged(change: float) -> bool:
    # As shown: a change that rounds to nothing is said as none, never as "+0".
    return round(change, FLOAT_DECIMALS) == 0


def span_text(start: date, end: date, lang: Lang | str) -> str:
    """Return the time between two days in a few words: 12 jours, 3 mois, 10 ans."""
    days = (end - start).days
    if days < _DAYS_UP_TO:
        return _count("chart_text.span.days", days, lang)
    if days < _MONTHS_UP_TO:
        return _count("chart_text.span.months", round(days / _DAYS_PER_MONTH), lang)
    return _count("chart_text.span.years", round(days / _DAYS_PER_YEAR), lang)


def _by_date(readings: Sequence[Reading]) -> list[Reading]:
    return sorted(readings, key=lambda r: r.taken_on)


def total_summary(readings: Sequence[Reading], lang: Lang | str) -> str:
    """Say the latest total, its date, and how it moved since the first check-in."""
    ordered = _by_date(readings)
    if not ordered:
        return t(lang, "chart_text.no_checkin")
    first, last = ordered[0], ordered[-1]
    shown = {
        "total": format_number(last.total, lang),
        "date": format_date(last.taken_on, lang),
        "first": format_number(first.total, lang),
        "first_date": format_date(first.taken_on, lang),
    }
    if len(ordered) == 1:
        return t(lang, "chart_text.total.one", **shown)
    change = last.total - first.total
    variant = "same" if _unchanged(change) else "change"
    return t(
        lang,
        f"chart_text.total.{variant}",
        change=format_signed(change, lang),
        span=span_text(first.taken_on, last.taken_on, lang),
        **shown,
    )


def pillars_summary(readings: Sequence[Reading], lang: Lang | str) -> str:
    """Say each pillar's latest score out of 25, and its change since the first check-in."""
    ordered = _by_date(readings)
    if not ordered:
        return t(lang, "chart_text.no_checkin")
    first, last = ordered[0], ordered[-1]
    items = []
    for pillar in Pillar:
        shown = {
            "name": t(lang, f"chart_text.pillar.{pillar.value}"),
            "score": format_number(last.score(pillar), lang),
        }
        if len(ordered) == 1:
            items.append(t(lang, "chart_text.pillars.item", **shown))
            continue
        change = last.score(pillar) - first.score(pillar)
        variant = "same" if _unchanged(change) else "change"
        items.append(
            t(
                lang,
                f"chart_text.pillars.item_{variant}",
                change=format_signed(change, lang),
                **shown,
            )
        )
    variant = "one" if len(ordered) == 1 else "change"
    return t(
        lang,
        f"chart_text.pillars.{variant}",
        date=format_date(last.taken_on, lang),
        first_date=format_date(first.taken_on, lang),
        pillars=listed(items, lang),
    )


def ranks_summary(readings: Sequence[Reading], lang: Lang | str) -> str:
    """Say each known rank's latest value and date, against the first one recorded."""
    items = []
    for kind in RANK_KINDS:
        known = [
            (r.taken_on, rank)
            for r in _by_date(readings)
            if (rank := getattr(r, f"{kind}_rank")) is not None
        ]
        if not known:
            continue
        (first_day, first_rank), (day, rank) = known[0], known[-1]
        shown = {
            "kind": t(lang, f"chart_text.rank.{kind}"),
            "top": t(lang, "progress.rank.top", rank=rank),
            "date": format_date(day, lang),
            "first_top": t(lang, "progress.rank.top", rank=first_rank),
            "first_date": format_date(first_day, lang),
        }
        variant = "one" if len(known) == 1 else "change"
        items.append(t(lang, f"chart_text.ranks.item_{variant}", **shown))
    if not items:
        return t(lang, "chart_text.ranks.none")
    return t(lang, "chart_text.ranks.summary", ranks=listed(items, lang))


def cross_reading_series(rows: Sequence[MonthRow], goal: Goal) -> tuple[str, ...]:
    """Return the cross-reading chart's series: the SSI, the goal's KPIs, other KPIs with data."""
    goal_kpis = GOAL_KPIS[Goal(goal)]
    others = (
        name
        for name in KPI_NAMES
        if name not in goal_kpis and any(row.value(name) is not None for row in rows)
    )
    return (SSI, *goal_kpis, *others)


def cross_reading_summary(
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    goal: Goal,
    lang: Lang | str,
    *,
    series: Sequence[str] | None = None,
    first: date | None = None,
    last: date | None = None,
) -> str:
    """Say, for each series of the cross-reading chart, its latest figure and its first one."""
    rows = monthly_rows(readings, kpis, first, last)
    if not rows:
        return t(lang, "chart_text.cross.none")
    items = []
    for name in cross_reading_series(rows, goal) if series is None else series:
        known = [(row.month, value) for row in rows if (value := row.value(name)) is not None]
        label = t(lang, f"chart_text.series.{name}")
        if not known:
            items.append(t(lang, "chart_text.cross.item_none", series=label))
            continue
        (first_month, first_value), (month, value) = known[0], known[-1]
        variant = "one" if len(known) == 1 else "change"
        items.append(
            t(
                lang,
                f"chart_text.cross.item_{variant}",
                series=label,
                value=format_kpi_value(name, value, lang),
                month=format_month(month, lang),
                first=format_kpi_value(name, first_value, lang),
                first_month=format_month(first_month, lang),
            )
        )
    start, end = rows[0].month, rows[-1].month
    variant = "month" if start == end else "months"
    return t(
        lang,
        f"chart_text.cross.{variant}",
        start=format_month(start, lang),
        end=format_month(end, lang),
        series=listed(items, lang),
    )


def benchmarks_summary(reading: Reading, lang: Lang | str) -> str:
    """Say the quarter of each known average, then the four pillars it is set against."""
    references = [
        t(lang, f"chart_text.bench.{kind}", score=format_number(average / 4, lang))
        for kind, average in (
            ("industry", reading.industry_average),
            ("network", reading.network_average),
        )
        if average is not None
    ]
    if not references:
        return t(lang, "chart_text.bench.none")
    pillars = [
        t(
            lang,
            "chart_text.pillars.item",
            name=t(lang, f"chart_text.pillar.{pillar.value}"),
            score=format_number(reading.score(pillar), lang),
        )
        for pillar in Pillar
    ]
    return t(
        lang,
        "chart_text.bench.summary",
        date=format_date(reading.taken_on, lang),
        references=listed(references, lang),
        pillars=listed(pillars, lang),
    )


def heatmap_summary(history: Iterable[HabitDay], first: date, today: date, lang: Lang | str) -> str:
    """Count the days the heatmap draws from `first` to `today`: done, partly, missed, paused."""
    counts = dict.fromkeys(_COUNTED_KINDS, 0)
    for item in history:
        kind = day_kind(item.status)
        if first <= item.day <= today and kind in counts:
            counts[kind] += 1
    items = [
        _count(f"chart_text.heatmap.{kind.value}", count, lang)
        for kind, count in counts.items()
        if count
    ]
    shown = {"start": format_date(first, lang), "today": format_date(today, lang)}
    if not items:
        return t(lang, "chart_text.heatmap.nothing", **shown)
    return t(lang, "chart_text.heatmap.summary", days=listed(items, lang), **shown)


def heatmap_legend(lang: Lang | str) -> str:
    """Name each of the heatmap's states with its symbol and its colour."""
    return t(
        lang,
        "chart_text.heatmap.legend",
        **{kind.value: symbol for kind, symbol in DAY_SYMBOLS.items() if symbol},
    )


def weekly_summary(rates: Sequence[WeekRate], lang: Lang | str) -> str:
    """Say this week's rate and the mean rate of the counted days of all the weeks drawn."""
    counted = [rate for rate in rates if rate.rate is not None and rate.days]
    if not rates or not counted:
        return t(lang, "chart_text.weekly.none")
    latest = rates[-1]
    mean = sum(rate.rate * rate.days for rate in counted if rate.rate is not None) / sum(
        rate.days for rate in counted
    )
    shown = {
        "week": format_date(latest.week_start, lang),
        "weeks": _count("chart_text.weeks", len(rates), lang),
        "mean": percent_text(mean, lang),
    }
    if latest.rate is None:
        return t(lang, "chart_text.weekly.latest_none", **shown)
    return t(lang, "chart_text.weekly.summary", rate=percent_text(latest.rate, lang), **shown)
