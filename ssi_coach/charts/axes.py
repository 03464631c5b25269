"""Axes, label expressions and titles shared by the charts, written the way each language writes."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date

import altair as alt

from ssi_coach.i18n import Lang, format_date, month_names, number_symbols, percent_affixes

# More dated ticks than this crowd a phone's axis and grid: the days are thinned out.
MAX_DATE_TICKS = 12
# Streamlit's body text colour: a chart's title reads as the page's text, 12.6:1 on white.
TITLE_COLOR = "#31333f"


def month_axis(lang: Lang | str, labels: bool = True, grid: bool = False) -> alt.Axis:
    """Return a time axis with one tick a month, labelled in the language: "juil. 2026"."""
    names = list(month_names(lang))
    # Vega formats months in English; the labels are rebuilt so that French reads "juil. 2026".
    expr = f"{names!r}[month(datum.value)] + ' ' + year(datum.value)"
    return alt.Axis(labelExpr=expr, labels=labels, tickCount="month", grid=grid, labelOverlap=True)


def tick_days(days: Iterable[date], most: int = MAX_DATE_TICKS) -> list[date]:
    """Return at most `most` of the days, evenly picked, always keeping the latest one."""
    ordered = sorted(set(days))
    step = -(-len(ordered) // most) if ordered else 1
    # Counted back from the latest day: the newest reading always gets its own tick.
    return ordered[::-1][::step][::-1]


def date_axis(
    days: Iterable[date], lang: Lang | str, labels: bool = True, grid: bool = True
) -> alt.Axis:
    """Return a time axis with a tick on each given day, labelled as the language writes dates.

    A point then sits on its own date: a check-in of 30/11 is read "30/11/2026", never under
    the tick of the month after.
    """
    ticked = tick_days(days)
    shown = json.dumps({d.isoformat(): format_date(d, lang) for d in ticked}, ensure_ascii=False)
    return alt.Axis(
        values=[alt.DateTime(year=d.year, month=d.month, date=d.day) for d in ticked],
        labelExpr=f"{shown}[timeFormat(datum.value, '%Y-%m-%d')]",
        labels=labels,
        grid=grid,
        labelOverlap="greedy",
        labelSeparation=8,
    )


def localised_label_expr(lang: Lang | str, expr: str = "datum.label") -> str:
    """Return a Vega expression that rewrites a number Vega wrote in English: 10 000,5 in French."""
    group, decimal = number_symbols(lang)
    if (group, decimal) == (",", "."):
        return expr
    return f"replace(replace({expr}, regexp(',', 'g'), '{group}'), regexp('[.]', 'g'), '{decimal}')"


def percent_label_expr(lang: Lang | str, expr: str) -> str:
    """Return a Vega expression that writes a number in percent with the language's sign."""
    prefix, suffix = percent_affixes(lang)
    parts = [json.dumps(prefix, ensure_ascii=False), expr, json.dumps(suffix, ensure_ascii=False)]
    return " + ".join(part for part in parts if part != '""')


def chart_title(text: str) -> alt.TitleParams:
    """Return a chart's own short title, set small above it: the page's heading comes first."""
    return alt.TitleParams(
        text, anchor="start", fontSize=12, fontWeight="normal", color=TITLE_COLOR
    )
