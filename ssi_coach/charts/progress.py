"""The Progress charts: the total against the role band, the pillars, the ranks.

Each check-in sits on its own date: the time axes tick on the check-in days (see
``charts.axes.date_axis``), never on month starts that would suggest another month.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import altair as alt
import pandas as pd

from ssi_coach.benchmarks import Band
from ssi_coach.chart_text import RANK_KINDS, listed
from ssi_coach.charts.axes import chart_title, date_axis, percent_label_expr
from ssi_coach.charts.results import INDUSTRY_COLOR, NETWORK_COLOR
from ssi_coach.i18n import Lang, format_date, format_number, t
from ssi_coach.model import PILLAR_MAX, Pillar, Reading

TOTAL_MAX = 100
LINE_COLOR = "#0a66c2"
BAND_COLOR = "#9ec5ea"
CHART_HEIGHT = 280
# A band needs some width even with a single reading, so the x axis spans at least this much.
MIN_SPAN = timedelta(days=30)
RANK_HEIGHT = 260
PANEL_WIDTH = 560
PILLAR_HEIGHT = 90
PILLAR_TICKS = (0, 5, 10, 15, 20, 25)
# Ranks go from Top 1 % to Top 100 %; a log scale gives the top ranks, where a move matters
# most, room to be read. The ticks are the round values people quote.
RANK_TICKS = (1, 2, 5, 10, 25, 50, 100)
RANK_SHAPES = ("circle", "square")


def _x_extent(readings: Sequence[Reading]) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = min(r.taken_on for r in readings)
    last = max(r.taken_on for r in readings)
    pad = max(MIN_SPAN - (last - first), timedelta(0)) / 2 + timedelta(days=5)
    return pd.Timestamp(first - pad), pd.Timestamp(last + pad)


def _span(days: Sequence[date], lang: Lang | str) -> dict[str, str]:
    return {"first": format_date(min(days), lang), "last": format_date(max(days), lang)}


def total_chart(
    readings: Sequence[Reading], band: Band, band_label: str, lang: Lang
) -> alt.LayerChart:
    """Draw the total over time on a 0–100 scale, above the role's indicative band."""
    start, end = _x_extent(readings)
    date_title = t(lang, "progress.axis.date")
    total_title = t(lang, "progress.axis.total")
    x_scale = alt.Scale(domain=[start.isoformat(), end.isoformat()])
    y_scale = alt.Scale(domain=[0, TOTAL_MAX])
    axis = date_axis([r.taken_on for r in readings], lang)
    band_frame = pd.DataFrame(
        {"start": [start], "end": [end], "low": [band.low], "high": [band.high]}
    )
    band_layer = (
        alt.Chart(band_frame)
        .mark_rect(color=BAND_COLOR, opacity=0.35)
        .encode(
            x=alt.X("start:T", scale=x_scale, title=date_title, axis=axis),
            x2="end:T",
            y=alt.Y("low:Q", scale=y_scale, title=total_title),
            y2="high:Q",
            tooltip=alt.value(band_label),
        )
    )
    label_layer = (
        alt.Chart(band_frame)
        .mark_text(align="left", baseline="bottom", dx=4, dy=-3, color="#3b6e9e", fontSize=11)
        .encode(
            x=alt.X("start:T", scale=x_scale),
            y=alt.Y("high:Q", scale=y_scale),
            text=alt.value(band_label),
        )
    )
    frame = pd.DataFrame(
        {
            "date": [pd.Timestamp(r.taken_on) for r in readings],
            "total": [r.total for r in readings],
            "shown": [format_date(r.taken_on, lang) for r in readings],
            "value": [format_number(r.total, lang) for r in readings],
        }
    )
    line = (
        alt.Chart(frame)
        .mark_line(color=LINE_COLOR, strokeWidth=2.5, point=alt.OverlayMarkDef(size=60))
        .encode(
            x=alt.X("date:T", scale=x_scale, title=date_title, axis=axis),
            y=alt.Y("total:Q", scale=y_scale, title=total_title),
            tooltip=[
                alt.Tooltip("shown:N", title=date_title),
                alt.Tooltip("value:N", title=total_title),
            ],
        )
    )
    return alt.LayerChart(layer=[band_layer, label_layer, line]).properties(
        height=CHART_HEIGHT,
        title=chart_title(t(lang, "chart_a11y.total.title")),
        description=t(
            lang,
            "chart_a11y.total.description",
            low=band.low,
            high=band.high,
            **_span([r.taken_on for r in readings], lang),
        ),
    )


def pillar_chart(readings: Sequence[Reading], lang: Lang) -> alt.VConcatChart:
    """Draw one panel per pillar, each on its own 0–25 scale, stacked on one time axis.

    Stacked rather than in a grid: the panels then take the page's width, a phone's included.
    """
    frame = pd.DataFrame(
        [
            {
                "date": pd.Timestamp(r.taken_on),
                "pillar": p.value,
                "name": t(lang, f"pillar.{p.value}"),
                "score": r.score(p),
                "shown": format_date(r.taken_on, lang),
                "value": format_number(r.score(p), lang),
            }
            for r in readings
            for p in Pillar
        ]
    )
    start, end = _x_extent(readings)
    date_title = t(lang, "progress.axis.date")
    score_title = t(lang, "progress.axis.pillar")
    x_scale = alt.Scale(domain=[start.isoformat(), end.isoformat()])
    days = [r.taken_on for r in readings]
    panels = [
        alt.Chart(
            frame, title=alt.TitleParams(t(lang, f"pillar.{p.value}"), anchor="start", fontSize=12)
        )
        .transform_filter(alt.datum.pillar == p.value)
        .mark_line(color=LINE_COLOR, point=alt.OverlayMarkDef(size=40))
        .encode(
            x=alt.X(
                "date:T",
                scale=x_scale,
                title=None,
                axis=date_axis(days, lang, labels=p is list(Pillar)[-1]),
            ),
            y=alt.Y(
                "score:Q",
                scale=alt.Scale(domain=[0, PILLAR_MAX]),
                title=None,
                axis=alt.Axis(values=list(PILLAR_TICKS)),
            ),
            tooltip=[
                alt.Tooltip("name:N", title=t(lang, "progress.axis.pillar_name")),
                alt.Tooltip("shown:N", title=date_title),
                alt.Tooltip("value:N", title=score_title),
            ],
        )
        .properties(width=PANEL_WIDTH, height=PILLAR_HEIGHT)
        for p in Pillar
    ]
    names = [t(lang, f"chart_text.pillar.{p.value}") for p in Pillar]
    chart: alt.VConcatChart = (
        alt.vconcat(*panels, spacing=12)
        .resolve_scale(x="shared")
        .properties(
            title=chart_title(t(lang, "chart_a11y.pillars.title")),
            description=t(
                lang,
                "chart_a11y.pillars.description",
                pillars=listed(names, lang),
                **_span([r.taken_on for r in readings], lang),
            ),
        )
    )
    return chart


def ranks_chart(readings: Sequence[Reading], lang: Lang) -> alt.LayerChart:
    """Draw the ranks with Top 1 % at the top, so that up means better.

    Each kind has its own colour, shape and line style: when both ranks are equal the network's
    hollow square still shows around the industry's dot.
    """
    kinds = [t(lang, f"progress.rank.{kind}") for kind in ("industry", "network")]
    rows = [
        {
            "date": pd.Timestamp(r.taken_on),
            "kind": t(lang, f"progress.rank.{kind}"),
            "rank": rank,
            "shown": format_date(r.taken_on, lang),
            "value": t(lang, "progress.rank.top", rank=rank),
        }
        for r in readings
        for kind, rank in (("industry", r.industry_rank), ("network", r.network_rank))
        if rank is not None
    ]
    start, end = _x_extent(readings)
    date_title = t(lang, "progress.axis.date")
    rank_title = t(lang, "progress.axis.rank_scaled")
    dated = [r.taken_on for r in readings if (r.industry_rank, r.network_rank) != (None, None)]
    x = alt.X(
        "date:T",
        scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
        title=date_title,
        axis=date_axis(dated, lang),
    )
    y = alt.Y(
        "rank:Q",
        scale=alt.Scale(type="log", domain=[1, 100], reverse=True, nice=False),
        title=rank_title,
        axis=alt.Axis(values=list(RANK_TICKS), labelExpr=percent_label_expr(lang, "datum.label")),
    )
    # One legend for colour, shape and dash: the same title and domain merge them.
    legend = alt.Legend(orient="bottom", title=None)
    color = alt.Color(
        "kind:N",
        scale=alt.Scale(domain=kinds, range=[INDUSTRY_COLOR, NETWORK_COLOR]),
        legend=legend,
    )
    tooltip = [
        alt.Tooltip("kind:N", title=t(lang, "progress.axis.rank")),
        alt.Tooltip("shown:N", title=date_title),
        alt.Tooltip("value:N", title=t(lang, "progress.axis.rank")),
    ]
    base = alt.Chart(pd.DataFrame(rows))
    lines = base.mark_line(strokeWidth=2).encode(
        x=x,
        y=y,
        color=color,
        strokeDash=alt.StrokeDash(
            "kind:N", scale=alt.Scale(domain=kinds, range=[[1, 0], [6, 3]]), legend=legend
        ),
    )
    points = base.mark_point(filled=False, strokeWidth=2.5, opacity=1).encode(
        x=x,
        y=y,
        color=color,
        shape=alt.Shape(
            "kind:N", scale=alt.Scale(domain=kinds, range=list(RANK_SHAPES)), legend=legend
        ),
        size=alt.Size("kind:N", scale=alt.Scale(domain=kinds, range=[60, 160]), legend=None),
        tooltip=tooltip,
    )
    ranked = [
        t(lang, f"chart_a11y.rank.{kind}")
        for kind in RANK_KINDS
        if any(getattr(r, f"{kind}_rank") is not None for r in readings)
    ]
    # The height is the plot's: the legend and the date labels come on top of it.
    return alt.LayerChart(layer=[lines, points]).properties(
        height=RANK_HEIGHT,
        autosize=alt.AutoSizeParams(type="fit-x", contains="padding"),
        title=chart_title(t(lang, "chart_a11y.ranks.title")),
        description=t(
            lang,
            "chart_a11y.ranks.description",
            kinds=listed(ranked, lang),
            **_span(dated or [r.taken_on for r in readings], lang),
        ),
    )
