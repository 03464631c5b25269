"""The results charts: the SSI and the KPIs month by month, and you against your averages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import pandas as pd

from ssi_coach.chart_text import cross_reading_series, listed
from ssi_coach.charts.axes import localised_label_expr, month_axis, percent_label_expr
from ssi_coach.i18n import Lang, format_month, format_number, t
from ssi_coach.kpis import (
    COUNT_KPIS,
    RATE_KPIS,
    SERIES_NAMES,
    SSI,
    MonthRow,
    format_kpi_value,
    kpi_label,
    monthly_rows,
)
from ssi_coach.model import PILLAR_MAX, Goal, KpiMonth, Pillar, Reading
from ssi_coach.plan import GOAL_KPIS

GOAL_COLOR = "#0a66c2"
SSI_COLOR = "#3d3d3d"
OTHER_COLOR = "#9a9a9a"
# The industry and the network never differ by hue alone (orange against green is one colour
# to about one man in twelve): a vermilion (Okabe & Ito) against a near black, apart in grey too.
INDUSTRY_COLOR = "#d55e00"
NETWORK_COLOR = "#333333"
CHART_WIDTH = 560
SSI_MAX = len(Pillar) * PILLAR_MAX
X_PADDING = 12
PANEL_HEIGHT = 110


def value_axis(name: str, lang: Lang | str, tick_count: int | None = None) -> alt.Axis:
    """Return the value axis of one KPI or the SSI, labelled the way the language writes."""
    # Vega writes 10,000.5 in every language; French reads 10 000,5.
    expr = localised_label_expr(lang)
    if name in RATE_KPIS:
        expr = percent_label_expr(lang, expr)
    # A small panel (the team page's) asks for fewer ticks; the others let Vega choose.
    ticks = alt.Undefined if tick_count is None else tick_count
    if name in COUNT_KPIS:
        # Half a conversation does not exist: counts only label whole numbers, grouped by
        # thousands (",d"), which the expression then writes the language's way.
        return alt.Axis(
            labelExpr=f"datum.value % 1 ? '' : {expr}", format=",d", tickMinStep=1, tickCount=ticks
        )
    return alt.Axis(labelExpr=expr, tickCount=ticks)


def _value_scale(name: str) -> alt.Scale:
    # Every panel starts at 0: a zoomed axis would make a 2-point move look like a leap, and
    # the SSI, out of 100, keeps its whole range so that no check-in can fall off the panel.
    if name == SSI:
        return alt.Scale(domain=[0, SSI_MAX])
    return alt.Scale(zero=True)


def drawn(name: str, value: float | int | None) -> float | None:
    """Return the value as drawn: rates in percent, the rest as they are."""
    if value is None:
        return None
    # Rates are drawn in percent so that the axis reads 3.2, not 0.032.
    return round(value * 100, 9) if name in RATE_KPIS else float(value)


def _no_data_panel(title: str, lang: Lang | str) -> alt.Chart:
    frame = pd.DataFrame({"text": [t(lang, "kpi_chart.no_data")]})
    chart: alt.Chart = (
        alt.Chart(frame, title=alt.TitleParams(title, anchor="start", fontSize=12))
        .mark_text(color=OTHER_COLOR, fontSize=12, align="left", x=8, y=12)
        .encode(text="text:N")
        .properties(width=CHART_WIDTH, height=24)
    )
    return chart


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
            "value": [drawn(name, r.value(name)) for r in rows],
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
    chart: alt.Chart = (
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
                scale=_value_scale(name),
                axis=value_axis(name, lang),
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t(lang, "kpi_chart.series")),
                alt.Tooltip("shown:N", title=month_title),
                alt.Tooltip("text:N", title=t(lang, "kpi_chart.value")),
            ],
        )
        .properties(width=CHART_WIDTH, height=PANEL_HEIGHT)
    )
    return chart


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
    if series is None:
        series = cross_reading_series(rows, goal)
    for name in series:
        if name not in SERIES_NAMES:
            raise ValueError(f"unknown series: {name!r}")
    with_data = [n for n in series if any(r.value(n) is not None for r in rows)]
    # One explicit domain for every panel: the same month sits at the same x in each.
    # The padding keeps the first and the latest month's points whole, off the panel's edges.
    x_scale = alt.Scale(
        domain=[pd.Timestamp(rows[0].month).isoformat(), pd.Timestamp(rows[-1].month).isoformat()],
        padding=X_PADDING,
    )
    # Month labels only under the lowest panel that draws a line: the axis is shared.
    panels = [
        _panel(name, rows, goal, lang, x_scale, last=bool(with_data) and name == with_data[-1])
        for name in series
    ]
    chart: alt.VConcatChart = (
        alt.vconcat(*panels, spacing=14)
        .resolve_scale(x="shared", y="independent")
        .properties(
            title=alt.TitleParams(
                t(lang, "kpi_chart.title"), subtitle=t(lang, "kpi_chart.subtitle"), anchor="start"
            ),
            description=t(
                lang,
                "chart_a11y.cross.description",
                start=format_month(rows[0].month, lang),
                end=format_month(rows[-1].month, lang),
                series=listed((t(lang, f"chart_text.series.{name}") for name in series), lang),
            ),
        )
    )
    return chart


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
    described = listed((t(lang, f"chart_a11y.bench.{key}") for key, _, _ in references), lang)
    return alt.LayerChart(layer=[bars, ticks]).properties(
        width=CHART_WIDTH,
        height=240,
        title=alt.TitleParams(
            t(lang, "cross.title"), subtitle=t(lang, "cross.caption"), anchor="start"
        ),
        description=t(lang, "chart_a11y.bench.description", references=described),
    )
