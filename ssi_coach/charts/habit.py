"""The habit's charts: the calendar heatmap of the routine days, the weekly rates.

Both start on the routine's first day (at most a year back): a new habit gets a small chart, not
a year of grey squares. A short chart keeps square cells and slim bars at its own width
(`HabitChart.fits`); a long one is stretched across the page, with month labels spaced so that
they never overlap, even on a 390 px phone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import altair as alt
import pandas as pd
from babel.dates import format_date as babel_date

from ssi_coach.chart_text import DAY_SYMBOLS, DayKind, day_kind
from ssi_coach.charts.axes import chart_title, percent_label_expr
from ssi_coach.habits import COUNTED, HabitDay, WeekRate, monday_of, percent_text, weekday_labels
from ssi_coach.i18n import Lang, as_lang, format_date, month_names, t
from ssi_coach.months import add_months, month_of, months_between

HEATMAP_MONTHS = 12
# Rest days and today before its first tick are grey; a missed day must not look like one.
_EMPTY_COLOUR = "#ebedf0"
# A paused day (skipped, holiday) is hollow: white inside a grey outline. It then differs from
# a missed day, filled, by more than its hue, even where a phone leaves no room for symbols.
_PAUSED = f"datum.kind === '{DayKind.PAUSED.value}'"
_PAUSED_FILL = "#ffffff"
_PAUSED_OUTLINE = "#767676"
# Missed, a sliver done, nearly done, done: orange against blues, which every common colour
# vision tells apart (Okabe & Ito's vermilion, ColorBrewer's Blues). A partly done day is light
# blue, lighter the less was done, and only a whole routine gets the dark blue.
_COMPLETION_DOMAIN = (0.0, 1e-6, 0.999, 1.0)
_COMPLETION_COLOURS = ("#d55e00", "#deebf7", "#6baed6", "#08519c")
# The symbols are white on the dark cells (done, missed), near black on the light ones.
_DARK_CELLS = (DayKind.DONE.value, DayKind.MISSED.value)
_LIGHT_SYMBOL = "#ffffff"
_DARK_SYMBOL = "#1f1f1f"
# A symbol needs a cell of at least this many pixels; a year stretched on a phone has ~6 px
# cells, where the colours and the paused days' outline are left to tell the days apart.
_SYMBOL_MIN_CELL = 11
_SYMBOL_SIZE = f"bandwidth('x') >= {_SYMBOL_MIN_CELL} ? min(12, bandwidth('x') - 5) : 0"
# Vega writes the axis and legend values of [0, 1] in percent, without decimals.
_PERCENT_OF_VALUE = "format(datum.value * 100, '.0f')"
CELL = 18
ROW_HEIGHT = 18
BAR_STEP = 32
# Up to these many weeks a chart keeps its own width and still fits a 390 px phone
# (16 × 18 px + the weekday labels; 8 × 32 px + the percent axis); longer ones are stretched.
HEATMAP_OWN_WIDTH_WEEKS = 16
WEEKLY_OWN_WIDTH_WEEKS = 8
# Past half a year a stretched heatmap's months are ~25 px apart at 390 px: one label in two.
EVERY_MONTH_WEEKS = 26
# Columns a label needs before the next one; the first, partial month is labelled only then.
_LABEL_ROOM = {1: 3, 2: 6}


@dataclass(frozen=True)
class HabitChart:
    """A habit chart and whether it keeps its own width (else it is stretched to the page)."""

    chart: alt.Chart | alt.LayerChart
    fits: bool


def _autosize(fits: bool) -> alt.AutoSizeParams:
    # At its own width a chart keeps its cell and bar steps, its labels and legend added around
    # them; stretched, it fits the page's width but keeps its height for the cells, not the
    # legend.
    return alt.AutoSizeParams(type="pad" if fits else "fit-x", contains="padding")


def heatmap_start(today: date, months: int = HEATMAP_MONTHS) -> date:
    """Return the earliest day the heatmap shows: the 1st of the month `months - 1` back."""
    return add_months(month_of(today), 1 - months)


def heatmap_first_day(
    history: Iterable[HabitDay], today: date, months: int = HEATMAP_MONTHS
) -> date:
    """Return the heatmap's first day: the routine's first day, at most `months` months back."""
    days = [item.day for item in history]
    first = min(days) if days else today
    return min(max(first, heatmap_start(today, months)), today)


def heatmap_cells(
    history: Iterable[HabitDay], today: date, lang: Lang | str, months: int = HEATMAP_MONTHS
) -> pd.DataFrame:
    """Return one row per day from the routine's first day to today, ready for the heatmap."""
    history = tuple(history)
    start = heatmap_first_day(history, today, months)
    first_monday = monday_of(start)
    by_day = {item.day: item for item in history}
    labels = weekday_labels(lang)
    rows = []
    day = start
    while day <= today:
        item = by_day.get(day)
        counted = item is not None and item.status in COUNTED
        status = "none" if item is None else item.status.value
        completion = item.completion if item is not None else 0.0
        kind = day_kind(None if item is None else item.status)
        rows.append(
            {
                "date": day.isoformat(),
                "week": (day - first_monday).days // 7,
                "weekday": labels[day.weekday()],
                "completion": completion,
                "counted": counted,
                "kind": kind.value,
                "symbol": DAY_SYMBOLS[kind],
                "status": t(lang, f"habit.status.{status}"),
                "date_label": format_date(day, lang),
                "completion_label": percent_text(completion, lang),
            }
        )
        day += timedelta(days=1)
    return pd.DataFrame(rows)


def heatmap_weeks(start: date, today: date) -> int:
    """Return how many week columns the heatmap has from its first day to today."""
    return (monday_of(today) - monday_of(start)).days // 7 + 1


def week_labels(start: date, today: date, lang: Lang | str) -> list[str | list[str]]:
    """Return one label per week column: the months that start in it, spaced never to overlap.

    Past EVERY_MONTH_WEEKS weeks only one month in two is named (January always is); the year
    goes on a second line under the first label and under each January.
    """
    first_monday = monday_of(start)
    count = heatmap_weeks(start, today)
    every = 1 if count <= EVERY_MONTH_WEEKS else 2
    names = month_names(lang)
    columns: dict[int, date] = {}
    for month in months_between(month_of(start), today):
        if month >= start and (month.month - 1) % every == 0:
            columns[(month - first_monday).days // 7] = month
    # The first, partial month gets a label only if the next one leaves it room.
    if 0 not in columns and (not columns or min(columns) >= _LABEL_ROOM[every]):
        columns[0] = start
    labels: list[str | list[str]] = [""] * count
    for column, month in sorted(columns.items()):
        name = names[month.month - 1]
        first_label = column == min(columns)
        labels[column] = [name, str(month.year)] if month.month == 1 or first_label else name
    return labels


def heatmap_description(start: date, today: date, lang: Lang | str) -> str:
    """Return what the heatmap shows, in words: its days, its layout and each state's symbol."""
    symbols = {kind.value: symbol for kind, symbol in DAY_SYMBOLS.items() if symbol}
    return t(
        lang,
        "chart_a11y.heatmap.description",
        start=format_date(start, lang),
        today=format_date(today, lang),
        **symbols,
    )


def heatmap_chart(
    history: Iterable[HabitDay], today: date, lang: Lang | str, months: int = HEATMAP_MONTHS
) -> HabitChart:
    """Return a calendar heatmap: weeks across, weekdays down, colour by completion.

    Each cell also bears its state's symbol, and a paused day is hollow: no state is told by
    colour alone.
    """
    history = tuple(history)
    start = heatmap_first_day(history, today, months)
    cells = heatmap_cells(history, today, lang, months)
    labels = json.dumps(week_labels(start, today, lang), ensure_ascii=False)
    colour = alt.Color(
        "completion:Q",
        scale=alt.Scale(domain=list(_COMPLETION_DOMAIN), range=list(_COMPLETION_COLOURS)),
        legend=alt.Legend(
            title=t(lang, "habit.heatmap.legend"),
            values=[0, 0.5, 1],
            labelExpr=percent_label_expr(lang, _PERCENT_OF_VALUE),
            orient="bottom",
            gradientLength=120,
        ),
        # Only counted days take the completion's colour; the first test that holds wins.
        condition=[
            {"test": _PAUSED, "value": _PAUSED_FILL},
            {"test": "!datum.counted", "value": _EMPTY_COLOUR},
        ],
    )
    outline = alt.when(_PAUSED).then(alt.value(_PAUSED_OUTLINE)).otherwise(alt.value(None))
    symbol_colour = (
        alt.when(alt.FieldOneOfPredicate(field="kind", oneOf=list(_DARK_CELLS)))
        .then(alt.value(_LIGHT_SYMBOL))
        .otherwise(alt.value(_DARK_SYMBOL))
    )
    weeks = heatmap_weeks(start, today)
    fits = weeks <= HEATMAP_OWN_WIDTH_WEEKS
    base = alt.Chart(cells)
    cell_layer = base.mark_rect(cornerRadius=2, strokeWidth=1.5).encode(
        color=colour, stroke=outline
    )
    symbol_layer = base.mark_text(
        align="center", baseline="middle", fontSize=alt.ExprRef(_SYMBOL_SIZE)
    ).encode(text="symbol:N", color=symbol_colour)
    chart = (
        alt.layer(cell_layer, symbol_layer)
        .encode(
            x=alt.X(
                "week:O",
                title=None,
                scale=alt.Scale(domain=list(range(weeks))),
                axis=alt.Axis(
                    labelExpr=f"{labels}[datum.value]",
                    labelAngle=0,
                    labelAlign="left",
                    ticks=False,
                    domain=False,
                    labelOverlap=False,
                ),
            ),
            y=alt.Y(
                "weekday:O",
                title=None,
                sort=weekday_labels(lang),
                scale=alt.Scale(domain=weekday_labels(lang)),
                axis=alt.Axis(ticks=False, domain=False, labelOverlap=False),
            ),
            tooltip=[
                alt.Tooltip("date_label:N", title=t(lang, "habit.heatmap.date")),
                alt.Tooltip("status:N", title=t(lang, "habit.heatmap.status")),
                alt.Tooltip("completion_label:N", title=t(lang, "habit.heatmap.completion")),
            ],
        )
        .properties(
            title=chart_title(t(lang, "chart_a11y.heatmap.title")),
            description=heatmap_description(start, today, lang),
            width=alt.Step(CELL),
            height=7 * ROW_HEIGHT,
            autosize=_autosize(fits),
        )
    )
    return HabitChart(chart, fits)


def week_label(monday: date, lang: Lang | str) -> str:
    """Return a week's short label, its Monday's day and month: "14 sept.", "14 Sep"."""
    return babel_date(monday, "d MMM", locale=as_lang(lang).value)


def has_counted_day(history: Iterable[HabitDay]) -> bool:
    """Tell whether any day of the history counts, i.e. whether the charts have anything to say."""
    return any(item.status in COUNTED for item in history)


def weekly_description(rates: Sequence[WeekRate], lang: Lang | str) -> str:
    """Return what the weekly chart shows, in words: a bar a week, from its first to its last."""
    first, last = (rates[0].week_start, rates[-1].week_start) if rates else (None, None)
    return t(
        lang,
        "chart_a11y.weekly.description",
        first="" if first is None else format_date(first, lang),
        last="" if last is None else format_date(last, lang),
    )


def weekly_chart(rates: Sequence[WeekRate], lang: Lang | str) -> HabitChart:
    """Return a bar chart of the weekly completion rates, weeks without a counted day left blank."""
    rows = [
        {
            "week": week_label(rate.week_start, lang),
            "week_label": format_date(rate.week_start, lang),
            "rate": rate.rate,
            "rate_label": "" if rate.rate is None else percent_text(rate.rate, lang),
        }
        for rate in rates
    ]
    order = [week_label(rate.week_start, lang) for rate in rates]
    fits = len(rates) <= WEEKLY_OWN_WIDTH_WEEKS
    week_title = t(lang, "habit.weekly.week")
    chart: alt.Chart = (
        alt.Chart(
            pd.DataFrame(rows, columns=["week", "week_label", "rate", "rate_label"]),
            title=chart_title(t(lang, "chart_a11y.weekly.title")),
            description=weekly_description(rates, lang),
        )
        .mark_bar(width=alt.RelativeBandSize(0.7))
        .encode(
            x=alt.X("week:O", title=week_title, sort=order, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y(
                "rate:Q",
                title=t(lang, "habit.weekly.rate"),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=percent_label_expr(lang, _PERCENT_OF_VALUE)),
            ),
            tooltip=[
                alt.Tooltip("week_label:N", title=week_title),
                alt.Tooltip("rate_label:N", title=t(lang, "habit.weekly.rate")),
            ],
        )
        .properties(width=alt.Step(BAR_STEP), autosize=_autosize(fits))
    )
    return HabitChart(chart, fits)
