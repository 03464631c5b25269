"""Axes and label expressions shared by the charts, written the way each language writes."""

from __future__ import annotations

import json

import altair as alt

from ssi_coach.i18n import Lang, month_names, number_symbols, percent_affixes


def month_axis(lang: Lang | str, labels: bool = True, grid: bool = False) -> alt.Axis:
    """Return a time axis with one tick a month, labelled in the language: "juil. 2026"."""
    names = list(month_names(lang))
    # Vega formats months in English; the labels are rebuilt so that French reads "juil. 2026".
    expr = f"{names!r}[month(datum.value)] + ' ' + year(datum.value)"
    return alt.Axis(labelExpr=expr, labels=labels, tickCount="month", grid=grid, labelOverlap=True)


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
