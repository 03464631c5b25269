"""Monthly series of the SSI and the KPIs, their changes, and how they read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from ssi_coach.i18n import (
    Lang,
    format_count,
    format_month,
    format_number,
    format_percent,
    format_signed,
    plural_form,
    t,
)
from ssi_coach.model import Goal, KpiMonth, Reading, to_thousandths
from ssi_coach.months import add_months, month_of, months_apart, months_between

SSI = "ssi"
KPI_NAMES: tuple[str, ...] = (
    "impressions",
    "engagement_rate",
    "qualified_conversations",
    "opportunities",
)
SERIES_NAMES: tuple[str, ...] = (SSI, *KPI_NAMES)
# DOMAIN.md §5: the KPIs that weigh more than the SSI for each goal (the plan, the signals, the
# journal and the card all read them from here).
GOAL_KPIS: Mapping[Goal, tuple[str, ...]] = MappingProxyType(
    {
        Goal.NOTORIETY: ("impressions", "engagement_rate"),
        Goal.PROSPECTING: ("qualified_conversations", "opportunities"),
    }
)
RATE_KPIS = frozenset({"engagement_rate"})
COUNT_KPIS = frozenset(KPI_NAMES) - RATE_KPIS
# DOMAIN.md §5: KPIs are read over time, never over a short period; a quarter and a year.
CHANGE_WINDOWS: tuple[int, ...] = (3, 12)

Value = Fraction | int


def _exact_kpi(kpi_month: KpiMonth, name: str) -> Value | None:
    if name == "engagement_rate":
        if kpi_month.impressions is None or kpi_month.engagements is None:
            return None
        if kpi_month.impressions == 0:
            return None
        # Exact fractions keep "+5 %" exactly +5 % when thresholds are compared.
        return Fraction(kpi_month.engagements, kpi_month.impressions)
    if name not in KPI_NAMES:
        raise ValueError(f"unknown KPI: {name!r}")
    count: int | None = getattr(kpi_month, name)
    return count


def kpi_value(kpi_month: KpiMonth, name: str) -> float | int | None:
    """Return one KPI of a month, or None when it was not entered or cannot be computed."""
    value = _exact_kpi(kpi_month, name)
    return float(value) if isinstance(value, Fraction) else value


def _kpis_by_month(kpis: Sequence[KpiMonth]) -> dict[date, KpiMonth]:
    # A month entered twice keeps the later entry, as a journal would after a correction.
    return {k.month: k for k in kpis}


def _exact_ssi_by_month(readings: Sequence[Reading]) -> dict[date, Fraction]:
    by_month: dict[date, Fraction] = {}
    for reading in sorted(readings, key=lambda r: r.taken_on):
        # The month's last check-in stands for the month: it is the closest to its end.
        by_month[month_of(reading.taken_on)] = Fraction(to_thousandths(reading.total), 1000)
    return by_month


def ssi_by_month(readings: Sequence[Reading]) -> dict[date, float]:
    """Return the total of each month's last check-in, keyed by the first day of the month."""
    return {month: float(total) for month, total in sorted(_exact_ssi_by_month(readings).items())}


def kpi_series(kpis: Sequence[KpiMonth], name: str) -> dict[date, float | int]:
    """Return one KPI month by month, only for the months where it is known."""
    series: dict[date, float | int] = {}
    for month, kpi_month in sorted(_kpis_by_month(kpis).items()):
        value = kpi_value(kpi_month, name)
        if value is not None:
            series[month] = value
    return series


@dataclass(frozen=True)
class MonthRow:
    """The SSI (last check-in of the month) and the KPIs of one month; None where unknown."""

    month: date
    ssi: float | None
    impressions: int | None
    engagement_rate: float | None
    qualified_conversations: int | None
    opportunities: int | None

    def value(self, name: str) -> float | int | None:
        """Return the SSI or one KPI by its name."""
        if name not in SERIES_NAMES:
            raise ValueError(f"unknown series: {name!r}")
        value: float | int | None = getattr(self, name)
        return value


def monthly_rows(
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    first: date | None = None,
    last: date | None = None,
) -> tuple[MonthRow, ...]:
    """Align the SSI and the KPIs on every month from the first to the last known one."""
    ssi = _exact_ssi_by_month(readings)
    by_month = _kpis_by_month(kpis)
    known = [*ssi, *by_month]
    if not known and (first is None or last is None):
        return ()
    start = month_of(first) if first is not None else min(known)
    end = month_of(last) if last is not None else max(known)
    rows = []
    for month in months_between(start, end):
        kpi_month = by_month.get(month)
        total = ssi.get(month)
        if kpi_month is None:
            kpi_month = KpiMonth(month=month)
        rows.append(
            MonthRow(
                month=month,
                ssi=None if total is None else float(total),
                impressions=kpi_month.impressions,
                engagement_rate=kpi_month.engagement_rate,
                qualified_conversations=kpi_month.qualified_conversations,
                opportunities=kpi_month.opportunities,
            )
        )
    return tuple(rows)


@dataclass(frozen=True)
class Change:
    """How a monthly figure moved between two months, or why that cannot be told."""

    name: str  # "ssi" or a KPI name
    start: date  # first day of the earlier month
    end: date  # first day of the later month
    before: float | None
    after: float | None
    absolute: float | None  # after - before (SSI points, a count, or a rate)
    percent: float | None  # relative change in percent
    # Why absolute or percent is None: "missing_end" or "missing_start" (no figure that
    # month: neither is computable), "zero_base" (before is 0: only the percent is missing).
    reason: str | None

    @property
    def months(self) -> int:
        """Return how many months apart the two figures are."""
        return months_apart(self.start, self.end)


def _change(name: str, end: date, months: int, before: Value | None, after: Value | None) -> Change:
    start = add_months(end, -months)
    fields: dict[str, float | None] = {
        "before": None if before is None else float(before),
        "after": None if after is None else float(after),
        "absolute": None,
        "percent": None,
    }
    if after is None or before is None:
        reason = "missing_end" if after is None else "missing_start"
        return Change(name=name, start=start, end=end, reason=reason, **fields)
    fields["absolute"] = float(Fraction(after) - Fraction(before))
    if before == 0:
        return Change(name=name, start=start, end=end, reason="zero_base", **fields)
    # Computed exactly, then rounded once: 60 → 63 is exactly +5.0 %.
    fields["percent"] = float((Fraction(after) - Fraction(before)) / Fraction(before) * 100)
    return Change(name=name, start=start, end=end, reason=None, **fields)


def kpi_change(kpis: Sequence[KpiMonth], name: str, end: date, months: int) -> Change:
    """Compare one KPI of the month `end` with its value `months` months earlier."""
    end = month_of(end)
    by_month = _kpis_by_month(kpis)

    def exact(month: date) -> Value | None:
        kpi_month = by_month.get(month)
        return None if kpi_month is None else _exact_kpi(kpi_month, name)

    return _change(name, end, months, exact(add_months(end, -months)), exact(end))


def ssi_change(readings: Sequence[Reading], end: date, months: int) -> Change:
    """Compare the last check-in of the month `end` with the last one `months` months earlier."""
    end = month_of(end)
    ssi = _exact_ssi_by_month(readings)
    return _change(SSI, end, months, ssi.get(add_months(end, -months)), ssi.get(end))


def kpi_label(name: str, lang: Lang | str) -> str:
    """Return the localised name of the SSI or of a KPI."""
    return t(lang, f"kpi_chart.kpi.{name}")


def format_kpi_value(name: str, value: float | int, lang: Lang | str) -> str:
    """Return a figure as it reads: a rate as a percentage, a count grouped, the SSI as is."""
    if name in RATE_KPIS:
        return format_percent(value * 100, lang, 1)
    if name == SSI:
        return format_number(float(value), lang)
    return format_count(int(value), lang)


def format_points(value: float, lang: Lang | str, signed: bool = True) -> str:
    """Return SSI points with their unit, singular or plural as the language wants."""
    text = format_signed(value, lang) if signed else format_number(abs(value), lang)
    # French keeps the singular below 2 ("1,5 point"); English only for exactly 1.
    one = plural_form(value, lang) == "one"
    return t(lang, "kpi_change.point" if one else "kpi_change.points", value=text)


def format_change(change: Change, lang: Lang | str) -> str:
    """Return a change in a few words: +8,0 %, +3,1 points, de 0 à 12, or why it is unknown."""
    if change.reason in ("missing_end", "missing_start"):
        month = change.end if change.reason == "missing_end" else change.start
        return t(lang, "kpi_change.missing", month=format_month(month, lang))
    assert change.absolute is not None
    assert change.after is not None
    if change.name == SSI:
        return format_points(change.absolute, lang)
    if change.percent is None:
        return t(
            lang, "kpi_change.from_zero", after=format_kpi_value(change.name, change.after, lang)
        )
    return format_percent(change.percent, lang, 1, signed=True)
