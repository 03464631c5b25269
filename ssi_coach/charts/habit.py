"""The habit's charts: the calendar heatmap of a year of routine days, the weekly rates."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, timedelta

import altair as alt
import pandas as pd

from ssi_coach.charts.axes import percent_label_expr
from ssi_coach.habits import COUNTED, HabitDay, WeekRate, monday_of, percent_text, weekday_labels
from ssi_coach.i18n import Lang, format_date, format_month, month_names, t
from ssi_coach.months import add_months, month_of, months_between

HEATMAP_MONTHS = 12
# Paused days and days before the habit started are grey; a missed day must not look like one.
_EMPTY_COLOUR = "#ebedf0"
_COMPLETION_COLOURS = ("#f6c9b0", "#a1d99b", "#006d2c")  # missed, half done, done
# Vega writes the axis and legend values of [0, 1] in percent, without decimals.
_PERCENT_OF_VALUE = "format(datum.value * 100, '.0f')"


def heatmap_start(today: date, months: int = HEATMAP_MONTHS) -> date:
    """Return the first day shown: the 1st of the month `months - 1` months before today's."""
    return add_months(month_of(today), 1 - months)


def heatmap_cells(
    history: Iterable[HabitDay], today: date, lang: Lang | str, months: int = HEATMAP_MONTHS
) -> pd.DataFrame:
    """Return one row per calendar day of the last `months` months, ready for the heatmap."""
    start = heatmap_start(today, months)
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
        rows.append(
            {
                "date": day.isoformat(),
                "week": (day - first_monday).days // 7,
                "weekday": labels[day.weekday()],
                "completion": completion,
                "counted": counted,
                "status": t(lang, f"habit.status.{status}"),
                "date_label": format_date(day, lang),
                "completion_label": percent_text(completion, lang),
            }
        )
        day += timedelta(days=1)
    return pd.DataFrame(rows)


def _week_labels(today: date, lang: Lang | str, months: int) -> list[str]:
    """Return one label per week column: the month that starts in it, the year with January."""
    start = heatmap_start(today, months)
    first_monday = monday_of(start)
    count = (today - first_monday).days // 7 + 1
    labels = [""] * count
    names = month_names(lang)
    for month in months_between(start, today):
        column = (month - first_monday).days // 7
        # The year is only worth showing where it changes.
        labels[column] = format_month(month, lang) if month.month == 1 else names[month.month - 1]
    return labels


def heatmap_chart(
    history: Iterable[HabitDay], today: date, lang: Lang | str, months: int = HEATMAP_MONTHS
) -> alt.Chart:
    """Return a calendar heatmap: weeks across, weekdays down, colour by completion."""
    cells = heatmap_cells(history, today, lang, months)
    week_labels = json.dumps(_week_labels(today, lang, months), ensure_ascii=False)
    colour = (
        alt.when(alt.datum.counted)
        .then(
            alt.Color(
                "completion:Q",
                scale=alt.Scale(domain=[0, 0.5, 1], range=list(_COMPLETION_COLOURS)),
                legend=alt.Legend(
                    title=t(lang, "habit.heatmap.legend"),
                    values=[0, 0.5, 1],
                    labelExpr=percent_label_expr(lang, _PERCENT_OF_VALUE),
                ),
            )
        )
        .otherwise(alt.value(_EMPTY_COLOUR))
    )
    chart: alt.Chart = (
        alt.Chart(cells)
        .mark_rect(cornerRadius=2)
        .encode(
            x=alt.X(
                "week:O",
                title=None,
                axis=alt.Axis(
                    labelExpr=f"{week_labels}[datum.value]",
                    labelAngle=0,
                    ticks=False,
                    domain=False,
                    labelOverlap=False,
                ),
            ),
            y=alt.Y(
                "weekday:O",
                title=None,
                sort=weekday_labels(lang),
                axis=alt.Axis(ticks=False, domain=False, labelOverlap=False),
            ),
            color=colour,
            tooltip=[
                alt.Tooltip("date_label:N", title=t(lang, "habit.heatmap.date")),
                alt.Tooltip("status:N", title=t(lang, "habit.heatmap.status")),
                alt.Tooltip("completion_label:N", title=t(lang, "habit.heatmap.completion")),
            ],
        )
        .properties(height=7 * 18)
    )
    return chart


def weekly_chart(rates: Sequence[WeekRate], lang: Lang | str) -> alt.Chart:
    """Return a bar chart of the weekly completion rates, weeks without a counted day left blank."""
    rows = [
        {
            "week": format_date(rate.week_start, lang),
            "rate": rate.rate,
            "rate_label": "" if rate.rate is None else percent_text(rate.rate, lang),
        }
        for rate in rates
    ]
    order = [format_date(rate.week_start, lang) for rate in rates]
    chart: alt.Chart = (
        alt.Chart(pd.DataFrame(rows, columns=["week", "rate", "rate_label"]))
        .mark_bar()
        .encode(
            x=alt.X("week:O", title=t(lang, "habit.weekly.week"), sort=order),
            y=alt.Y(
                "rate:Q",
                title=t(lang, "habit.weekly.rate"),
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(labelExpr=percent_label_expr(lang, _PERCENT_OF_VALUE)),
            ),
            tooltip=[
                alt.Tooltip("week:O", title=t(lang, "habit.weekly.week")),
                alt.Tooltip("rate_label:N", title=t(lang, "habit.weekly.rate")),
            ],
        )
    )
    return chart
