"""The Progress charts: the total against the role band, the pillars, the ranks."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import altair as alt
import pandas as pd

from ssi_coach.benchmarks import Band
from ssi_coach.charts.axes import month_axis
from ssi_coach.i18n import Lang, format_date, format_number, t
from ssi_coach.model import PILLAR_MAX, Pillar, Reading

TOTAL_MAX = 100
LINE_COLOR = "#0a66c2"
BAND_COLOR = "#9ec5ea"
CHART_HEIGHT = 280
# A band needs some width even with a single reading, so the x axis spans at least this much.
MIN_SPAN = timedelta(days=30)


def _x_extent(readings: Sequence[Reading]) -> tuple[pd.Timestamp, pd.Timestamp]:
    first = min(r.taken_on for r in readings)
    last = max(r.taken_on for r in readings)
    pad = max(MIN_SPAN - (last - first), timedelta(0)) / 2 + timedelta(days=5)
    return pd.Timestamp(first - pad), pd.Timestamp(last + pad)


def total_chart(
    readings: Sequence[Reading], band: Band, band_label: str, lang: Lang
) -> alt.LayerChart:
    """Draw the total over time on a 0–100 scale, above the role's indicative band."""
    start, end = _x_extent(readings)
    date_title = t(lang, "progress.axis.date")
    total_title = t(lang, "progress.axis.total")
    x_scale = alt.Scale(domain=[start.isoformat(), end.isoformat()])
    y_scale = alt.Scale(domain=[0, TOTAL_MAX])
    band_frame = pd.DataFrame(
        {"start": [start], "end": [end], "low": [band.low], "high": [band.high]}
    )
    band_layer = (
        alt.Chart(band_frame)
        .mark_rect(color=BAND_COLOR, opacity=0.35)
        .encode(
            x=alt.X("start:T", scale=x_scale, title=date_title, axis=month_axis(lang, grid=True)),
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
            x=alt.X("date:T", scale=x_scale, title=date_title, axis=month_axis(lang, grid=True)),
            y=alt.Y("total:Q", scale=y_scale, title=total_title),
            tooltip=[
                alt.Tooltip("shown:N", title=date_title),
                alt.Tooltip("value:N", title=total_title),
            ],
        )
    )
    return alt.LayerChart(layer=[band_layer, label_layer, line]).properties(height=CHART_HEIGHT)


def pillar_chart(readings: Sequence[Reading], lang: Lang) -> alt.FacetChart:
    """Draw one small chart per pillar, each on its own 0–25 scale."""
    rows = [
        {
            "date": pd.Timestamp(r.taken_on),
            "pillar": t(lang, f"pillar.{p.value}"),
            "order": i,
            "score": r.score(p),
            "shown": format_date(r.taken_on, lang),
            "value": format_number(r.score(p), lang),
        }
        for r in readings
        for i, p in enumerate(Pillar)
    ]
    frame = pd.DataFrame(rows)
    start, end = _x_extent(readings)
    date_title = t(lang, "progress.axis.date")
    score_title = t(lang, "progress.axis.pillar")
    pillar_names = [t(lang, f"pillar.{p.value}") for p in Pillar]
    chart: alt.FacetChart = (
        alt.Chart(frame)
        .mark_line(color=LINE_COLOR, point=alt.OverlayMarkDef(size=40))
        .encode(
            x=alt.X(
                "date:T",
                scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
                title=None,
                axis=month_axis(lang, grid=True),
            ),
            y=alt.Y("score:Q", scale=alt.Scale(domain=[0, PILLAR_MAX]), title=score_title),
            tooltip=[
                alt.Tooltip("pillar:N", title=t(lang, "progress.axis.pillar_name")),
                alt.Tooltip("shown:N", title=date_title),
                alt.Tooltip("value:N", title=score_title),
            ],
        )
        .properties(width=260, height=150)
        .facet(
            facet=alt.Facet("pillar:N", sort=pillar_names, title=None),
            columns=2,
        )
        .resolve_scale(y="independent")
    )
    return chart


def ranks_chart(readings: Sequence[Reading], lang: Lang) -> alt.Chart:
    """Draw the ranks with Top 1 % at the top, so that up means better."""
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
    rank_title = t(lang, "progress.axis.rank")
    chart: alt.Chart = (
        alt.Chart(pd.DataFrame(rows))
        .mark_line(point=alt.OverlayMarkDef(size=60))
        .encode(
            x=alt.X(
                "date:T",
                scale=alt.Scale(domain=[start.isoformat(), end.isoformat()]),
                title=date_title,
                axis=month_axis(lang, grid=True),
            ),
            y=alt.Y(
                "rank:Q",
                scale=alt.Scale(domain=[1, 100], reverse=True),
                title=rank_title,
                axis=alt.Axis(values=[1, 10, 25, 50, 75, 100]),
            ),
            color=alt.Color("kind:N", title=None, legend=alt.Legend(orient="bottom")),
            tooltip=[
                alt.Tooltip("kind:N", title=rank_title),
                alt.Tooltip("shown:N", title=date_title),
                alt.Tooltip("value:N", title=rank_title),
            ],
        )
        .properties(height=220)
    )
    return chart
