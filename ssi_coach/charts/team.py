"""The team page's small multiples: one small chart per member, the goal's KPIs against the SSI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date

import altair as alt

from ssi_coach.chart_text import listed
from ssi_coach.charts.axes import (
    chart_title,
    month_axis,
)
from ssi_coach.charts.results import (
    GOAL_COLOR,
    OTHER_COLOR,
    SSI_COLOR,
    SSI_MAX,
    X_PADDING,
    drawn,
    value_axis,
)
from ssi_coach.i18n import Lang, format_month, t
from ssi_coach.kpis import SSI, MonthRow, format_kpi_value, kpi_label
from ssi_coach.team import TeamRow, chart_series

# Small enough for two side by side on a laptop, and for one on a 390 px phone with its axis.
SMALL_WIDTH = 250
SMALL_HEIGHT = 48


def _records(
    months: Sequence[MonthRow], series: tuple[str, ...], lang: Lang | str
) -> list[dict[str, object]]:
    """Return every series' months as one table of plain records, the data of the whole chart."""
    records: list[dict[str, object]] = []
    for name in series:
        label = kpi_label(name, lang)
        for month_row in months:
            value = month_row.value(name)
            records.append(
                {
                    "series": name,
                    "label": label,
                    "month": month_row.month.isoformat(),
                    "value": drawn(name, value),
                    "shown": format_month(month_row.month, lang),
                    "text": t(lang, "kpi_chart.no_data")
                    if value is None
                    else format_kpi_value(name, value, lang),
                }
            )
    return records


def _panel(
    name: str, x_scale: alt.Scale, lang: Lang | str, *, drawn: bool, last: bool
) -> alt.Chart:
    """Return one series' panel, which filters the chart's shared records."""
    is_goal = name != SSI
    color = GOAL_COLOR if is_goal else SSI_COLOR
    title = alt.TitleParams(kpi_label(name, lang), anchor="start", fontSize=11, fontWeight="normal")
    base = alt.Chart(title=title).transform_filter(alt.datum.series == name)
    if not drawn:
        # Said in words: an empty frame would look like a zero.
        empty: alt.Chart = (
            base.transform_aggregate(count="count()")
            .transform_calculate(text=json.dumps(t(lang, "kpi_chart.no_data"), ensure_ascii=False))
            .mark_text(color=OTHER_COLOR, fontSize=11, align="left", x=4, y=10)
            .encode(text="text:N")
            .properties(width=SMALL_WIDTH, height=18)
        )
        return empty
    # Every panel starts at zero; the SSI keeps its whole 0–100 range, as on Results.
    y_scale = alt.Scale(domain=[0, SSI_MAX]) if name == SSI else alt.Scale(zero=True)
    chart: alt.Chart = (
        base.mark_line(
            color=color,
            strokeWidth=2.5 if is_goal else 1.5,
            point=alt.OverlayMarkDef(color=color, size=22 if is_goal else 14),
            # A month without a figure leaves a gap: a line across it would invent a trend.
            invalid="break-paths-show-domains",
        )
        .encode(
            x=alt.X("month:T", scale=x_scale, axis=month_axis(lang, labels=last), title=None),
            y=alt.Y(
                "value:Q", title=None, scale=y_scale, axis=value_axis(name, lang, tick_count=2)
            ),
            tooltip=[
                alt.Tooltip("label:N", title=t(lang, "kpi_chart.series")),
                alt.Tooltip("shown:N", title=t(lang, "kpi_chart.month")),
                alt.Tooltip("text:N", title=t(lang, "kpi_chart.value")),
            ],
        )
        .properties(width=SMALL_WIDTH, height=SMALL_HEIGHT)
    )
    return chart


def member_chart(
    row: TeamRow, months: Sequence[MonthRow], lang: Lang | str
) -> alt.VConcatChart | None:
    """Stack a member's goal KPIs over the SSI on one shared year of months; None without months.

    Every member's chart spans the same months, so that the small multiples read alike. The
    records are given inline, as plain values: a dozen of these charts on one page would spend
    most of their time in pandas otherwise.
    """
    if not months:
        return None
    first, last = months[0].month, months[-1].month
    x_scale = alt.Scale(domain=[first.isoformat(), last.isoformat()], padding=X_PADDING)
    series = chart_series(row.goal)
    drawn = [name for name in series if any(r.value(name) is not None for r in months)]
    panels = [
        _panel(name, x_scale, lang, drawn=name in drawn, last=bool(drawn) and name == drawn[-1])
        for name in series
    ]
    chart: alt.VConcatChart = alt.VConcatChart(
        data=alt.InlineData(values=_records(months, series, lang)),
        vconcat=panels,
        spacing=6,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(x="shared", y="independent")),
        title=chart_title(row.name),
        description=_description(row.name, series, first, last, lang),
    )
    return chart


def _description(
    name: str, series: tuple[str, ...], first: date, last: date, lang: Lang | str
) -> str:
    return t(
        lang,
        "team.chart.description",
        name=name,
        series=listed((t(lang, f"chart_text.series.{s}") for s in series), lang),
        start=format_month(first, lang),
        end=format_month(last, lang),
    )
