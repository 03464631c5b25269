"""Monthly series of the SSI and the KPIs, their changes, and the cross-reading charts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

import altair as alt
import pandas as pd

from ssi_coach.i18n import (
    Lang,
    as_lang,
    format_count,
    format_month,
    format_number,
    format_signed,
    t,
)
from ssi_coach.model import PILLAR_MAX, Goal, KpiMonth, Pillar, Reading, to_thousandths
from ssi_coach.plan import GOAL_KPIS

SSI = "ssi"
KPI_NAMES: tuple[str, ...] = (
    "impressions",
    "engagement_rate",
    "qualified_conversations",
    "opportunities",
)
SERIES_NAMES: tuple[str, ...] = (SSI, *KPI_NAMES)
RATE_KPIS = frozenset({"engagement_rate"})
COUNT_KPIS = frozenset(KPI_NAMES) - RATE_KPIS
# DOMAIN.md §5: KPIs are read over time, never over a short period; a quarter and a year.
CHANGE_WINDOWS: tuple[int, ...] = (3, 12)

GOAL_COLOR = "#0a66c2"
SSI_COLOR = "#3d3d3d"
OTHER_COLOR = "#9a9a9a"
INDUSTRY_COLOR = "#e07b00"
NETWORK_COLOR = "#2e8b57"
CHART_WIDTH = 560
PANEL_HEIGHT = 110

Value = Fraction | int


def month_of(day: date) -> date:
    """Return the first day of the month of a date."""
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after (or before) `month`."""
    year, index = divmod(month.year * 12 + month.month - 1 + count, 12)
    return date(year, index + 1, 1)


def months_between(first: date, last: date) -> tuple[date, ...]:
    """Return every month from first to last, both included."""
    months = []
    month = month_of(first)
    while month <= month_of(last):
        months.append(month)
        month = add_months(month, 1)
    return tuple(months)


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
    return getattr(kpi_month, name)


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
        return getattr(self, name)


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
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month


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


def kpi_changes(
    kpis: Sequence[KpiMonth], end: date, windows: Sequence[int] = CHANGE_WINDOWS
) -> tuple[Change, ...]:
    """Return the change of every KPI over each window (3 and 12 months by default)."""
    return tuple(kpi_change(kpis, name, end, months) for name in KPI_NAMES for months in windows)


def kpi_label(name: str, lang: Lang | str) -> str:
    """Return the localised name of the SSI or of a KPI."""
    return t(lang, f"kpi_chart.kpi.{name}")


def format_kpi_value(name: str, value: float | int, lang: Lang | str) -> str:
    """Return a figure as it reads: a rate as a percentage, a count grouped, the SSI as is."""
    if name in RATE_KPIS:
        return t(lang, "kpi_change.percent", value=format_number(value * 100, lang, 1))
    if name == SSI:
        return format_number(float(value), lang)
    return format_count(int(value), lang)


def format_points(value: float, lang: Lang | str, signed: bool = True) -> str:
    """Return SSI points with their unit, singular or plural as the language wants."""
    text = format_signed(value, lang) if signed else format_number(abs(value), lang)
    # French keeps the singular below 2 ("1,5 point"); English only for exactly 1.
    one = abs(value) < 2 if as_lang(lang) is Lang.FR else abs(value) == 1
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
    return t(lang, "kpi_change.percent", value=format_signed(change.percent, lang, 1))


def month_axis(lang: Lang | str, labels: bool = True, grid: bool = False) -> alt.Axis:
    """Return a time axis with one tick a month, labelled in the language: "juil. 2026"."""
    names = [format_month(date(2000, m, 1), lang).split(" ")[0] for m in range(1, 13)]
    # Vega formats months in English; the labels are rebuilt so that French reads "juil. 2026".
    expr = f"{names!r}[month(datum.value)] + ' ' + year(datum.value)"
    return alt.Axis(labelExpr=expr, labels=labels, tickCount="month", grid=grid, labelOverlap=True)


def _value_axis(name: str, lang: Lang | str) -> alt.Axis:
    expr = "datum.label"
    if as_lang(lang) is Lang.FR:
        # Vega writes 10,000.5; French reads 10 000,5.
        expr = f"replace(replace({expr}, regexp(',', 'g'), '\u202f'), regexp('[.]', 'g'), ',')"
    if name in RATE_KPIS:
        expr += " + " + repr(t(lang, "kpi_change.percent", value=""))
    if name in COUNT_KPIS:
        # Half a conversation does not exist: counts only label whole numbers.
        return alt.Axis(labelExpr=f"datum.value % 1 ? '' : {expr}", format="d", tickMinStep=1)
    return alt.Axis(labelExpr=expr)


def _drawn(name: str, value: float | int | None) -> float | None:
    if value is None:
        return None
    # Rates are drawn in percent so that the axis reads 3.2, not 0.032.
    return round(value * 100, 9) if name in RATE_KPIS else float(value)


def _no_data_panel(title: str, lang: Lang | str) -> alt.Chart:
    frame = pd.DataFrame({"text": [t(lang, "kpi_chart.no_data")]})
    return (
        alt.Chart(frame, title=alt.TitleParams(title, anchor="start", fontSize=12))
        .mark_text(color=OTHER_COLOR, fontSize=12, align="left", x=8, y=12)
        .encode(text="text:N")
        .properties(width=CHART_WIDTH, height=24)
    )


def _panel(
    name: str,
    rows: Sequence[MonthRow],
    goal: Goal,
    lang: Lang | str,
    x_scale: alt.Scale,
    last: bool,
) -> alt.Chart:
    is_goal = name in GOAL_KPIS[Goal(goal)]
    label = kpi_label(name, lang)
    title = t(lang, "kpi_chart.goal_marker", kpi=label) if is_goal else label
    color = GOAL_COLOR if is_goal else SSI_COLOR if name == SSI else OTHER_COLOR
    if all(r.value(name) is None for r in rows):
        # Said in words: an empty frame would look like a bug, or like a zero.
        return _no_data_panel(title, lang)
    frame = pd.DataFrame(
        {
            "month": [pd.Timestamp(r.month) for r in rows],
            "value": [_drawn(name, r.value(name)) for r in rows],
            "shown": [format_month(r.month, lang) for r in rows],
            "text": [
                t(lang, "kpi_chart.no_data")
                if (v := r.value(name)) is None
                else format_kpi_value(name, v, lang)
                for r in rows
            ],
            "series": [label for _ in rows],
        }
    )
    month_title = t(lang, "kpi_chart.month")
    return (
        alt.Chart(frame, title=alt.TitleParams(title, anchor="start", fontSize=12))
        .mark_line(
            color=color,
            strokeWidth=3 if is_goal else 1.8,
            point=alt.OverlayMarkDef(color=color, size=45 if is_goal else 25),
            # A month without a figure leaves a gap: a line across it would invent a trend.
            invalid="break-paths-show-domains",
        )
        .encode(
            x=alt.X("month:T", scale=x_scale, axis=month_axis(lang, labels=last), title=None),
            y=alt.Y(
                "value:Q",
                title=None,
                scale=alt.Scale(zero=name != SSI),
                axis=_value_axis(name, lang),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t(lang, "kpi_chart.series")),
                alt.Tooltip("shown:N", title=month_title),
                alt.Tooltip("text:N", title=t(lang, "kpi_chart.value")),
            ],
        )
        .properties(width=CHART_WIDTH, height=PANEL_HEIGHT)
    )


def cross_reading_chart(
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    goal: Goal,
    lang: Lang | str,
    *,
    series: Sequence[str] | None = None,
    first: date | None = None,
    last: date | None = None,
) -> alt.VConcatChart | None:
    """Stack the SSI and the KPIs month by month on one shared time axis; None without data.

    By default: the SSI, the goal's KPIs (highlighted, even empty), then any other KPI with data.
    """
    rows = monthly_rows(readings, kpis, first, last)
    if not rows:
        return None
    goal_kpis = GOAL_KPIS[Goal(goal)]
    if series is None:
        others = [n for n in KPI_NAMES if n not in goal_kpis]
        series = [
            SSI,
            *goal_kpis,
            *(n for n in others if any(r.value(n) is not None for r in rows)),
        ]
    for name in series:
        if name not in SERIES_NAMES:
            raise ValueError(f"unknown series: {name!r}")
    with_data = [n for n in series if any(r.value(n) is not None for r in rows)]
    # One explicit domain for every panel: the same month sits at the same x in each.
    x_scale = alt.Scale(
        domain=[pd.Timestamp(rows[0].month).isoformat(), pd.Timestamp(rows[-1].month).isoformat()]
    )
    # Month labels only under the lowest panel that draws a line: the axis is shared.
    panels = [
        _panel(name, rows, goal, lang, x_scale, last=bool(with_data) and name == with_data[-1])
        for name in series
    ]
    return (
        alt.vconcat(*panels, spacing=14)
        .resolve_scale(x="shared", y="independent")
        .properties(
            title=alt.TitleParams(
                t(lang, "kpi_chart.title"), subtitle=t(lang, "kpi_chart.subtitle"), anchor="start"
            )
        )
    )


def pillar_benchmarks_chart(reading: Reading, lang: Lang | str) -> alt.LayerChart | None:
    """Set each pillar against a quarter of the industry and network averages; None if unknown."""
    references = [
        (key, average, color)
        for key, average, color in (
            ("industry", reading.industry_average, INDUSTRY_COLOR),
            ("network", reading.network_average, NETWORK_COLOR),
        )
        if average is not None
    ]
    if not references:
        return None
    you = t(lang, "cross.you")
    pillar_names = [t(lang, f"pillar.short.{p.value}") for p in Pillar]
    rows = []
    for pillar, pillar_name in zip(Pillar, pillar_names, strict=True):
        rows.append({"pillar": pillar_name, "who": you, "score": reading.score(pillar)})
        for key, average, _ in references:
            # LinkedIn only gives the average total; a quarter of it stands for each pillar.
            rows.append(
                {"pillar": pillar_name, "who": t(lang, f"cross.{key}"), "score": average / 4}
            )
    frame = pd.DataFrame(rows)
    frame["text"] = [format_number(round(s, 2), lang) for s in frame["score"]]
    who_domain = [you, *(t(lang, f"cross.{key}") for key, _, _ in references)]
    color = alt.Color(
        "who:N",
        title=None,
        scale=alt.Scale(domain=who_domain, range=[GOAL_COLOR, *(c for _, _, c in references)]),
        legend=alt.Legend(orient="bottom"),
    )
    x = alt.X(
        "pillar:N", sort=pillar_names, title=t(lang, "cross.pillar"), axis=alt.Axis(labelAngle=0)
    )
    y = alt.Y("score:Q", scale=alt.Scale(domain=[0, PILLAR_MAX]), title=t(lang, "cross.score"))
    tooltip = [
        alt.Tooltip("pillar:N", title=t(lang, "cross.pillar")),
        alt.Tooltip("who:N", title=t(lang, "cross.who")),
        alt.Tooltip("text:N", title=t(lang, "cross.score")),
    ]
    base = alt.Chart(frame)
    bars = (
        base.transform_filter(alt.datum.who == you)
        .mark_bar(size=34)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    ticks = (
        base.transform_filter(alt.datum.who != you)
        .mark_tick(thickness=3, size=48)
        .encode(x=x, y=y, color=color, tooltip=tooltip)
    )
    return alt.layer(bars, ticks).properties(
        width=CHART_WIDTH,
        height=240,
        title=alt.TitleParams(
            t(lang, "cross.title"), subtitle=t(lang, "cross.caption"), anchor="start"
        ),
    )
