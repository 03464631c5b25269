"""Monthly progress card: the month's real figures, in words and as Markdown.

The picture of the card is drawn by ssi_coach.charts.card.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ssi_coach.i18n import Lang, format_date, format_month, format_number, format_percent, t
from ssi_coach.kpis import (
    KPI_NAMES,
    format_change,
    format_kpi_value,
    kpi_change,
    kpi_label,
    kpi_series,
    ssi_change,
)
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.months import month_of
from ssi_coach.plan import GOAL_KPIS

# The score moves with activity, so it is compared over one and three months; the KPIs,
# read over time and never over a short period (DOMAIN.md §5), over three and twelve.
SSI_WINDOWS: tuple[int, ...] = (1, 3)
KPI_WINDOWS: tuple[int, ...] = (3, 12)


@dataclass(frozen=True)
class CardLine:
    """One line of the card: a label and what the figures say."""

    label: str
    text: str


@dataclass(frozen=True)
class MonthSummary:
    """The texts of the monthly card, ready to be laid out as Markdown or as a picture."""

    title: str
    ssi: CardLine
    results_heading: str
    kpis: tuple[CardLine, ...]
    routine: CardLine
    reminder: str


def _check_adherence(routine_adherence: float | None) -> float | None:
    if routine_adherence is None:
        return None
    if (
        isinstance(routine_adherence, bool)
        or not isinstance(routine_adherence, int | float)
        or not math.isfinite(routine_adherence)
        or not 0 <= routine_adherence <= 1
    ):
        raise ValueError(
            f"routine_adherence must be a share from 0 to 1, got {routine_adherence!r}"
        )
    return float(routine_adherence)


def _ssi_line(month: date, readings: Sequence[Reading], lang: Lang | str) -> CardLine:
    label = t(lang, "card.label.ssi")
    in_month = [r for r in readings if month_of(r.taken_on) == month]
    if not in_month:
        return CardLine(label, t(lang, "card.ssi.none", month=format_month(month, lang)))
    # The last check-in of the month stands for it, as in every monthly series.
    last = max(in_month, key=lambda r: r.taken_on)
    parts = [
        t(
            lang,
            "card.ssi.value",
            total=format_number(last.total, lang),
            date=format_date(last.taken_on, lang),
        )
    ]
    for months in SSI_WINDOWS:
        change = ssi_change(readings, month, months)
        parts.append(t(lang, f"card.over.{months}", change=format_change(change, lang)))
    return CardLine(label, t(lang, "card.separator").join(parts))


def _kpi_lines(
    month: date, kpis: Sequence[KpiMonth], goal: Goal, lang: Lang | str
) -> tuple[CardLine, ...]:
    goal_kpis = GOAL_KPIS[goal]
    # The goal's KPIs always show, even empty; the others only when the month has them.
    names = [*goal_kpis, *(n for n in KPI_NAMES if n not in goal_kpis)]
    lines = []
    for name in names:
        value = kpi_series(kpis, name).get(month)
        if value is None:
            if name in goal_kpis:
                missing = t(lang, "kpi_change.missing", month=format_month(month, lang))
                lines.append(CardLine(kpi_label(name, lang), missing))
            continue
        parts = [format_kpi_value(name, value, lang)]
        for months in KPI_WINDOWS:
            change = kpi_change(kpis, name, month, months)
            parts.append(t(lang, f"card.over.{months}", change=format_change(change, lang)))
        lines.append(CardLine(kpi_label(name, lang), t(lang, "card.separator").join(parts)))
    return tuple(lines)


def _routine_line(routine_adherence: float | None, lang: Lang | str) -> CardLine:
    label = t(lang, "card.label.routine")
    if routine_adherence is None:
        return CardLine(label, t(lang, "card.routine.none"))
    percent = format_percent(routine_adherence * 100, lang)
    return CardLine(label, t(lang, "card.routine.value", percent=percent))


def month_summary(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine_adherence: float | None,
    goal: Goal,
    lang: Lang | str,
) -> MonthSummary:
    """Gather the month's real figures: the SSI and its changes, the KPIs, the routine."""
    month = month_of(month)
    goal = Goal(goal)
    adherence = _check_adherence(routine_adherence)
    return MonthSummary(
        title=t(lang, "card.title", month=format_month(month, lang)),
        ssi=_ssi_line(month, readings, lang),
        results_heading=t(lang, "card.label.results", goal=t(lang, f"goal.{goal.value}")),
        kpis=_kpi_lines(month, kpis, goal, lang),
        routine=_routine_line(adherence, lang),
        reminder=t(lang, "card.reminder"),
    )


def _markdown_line(line: CardLine, lang: Lang | str) -> str:
    return t(lang, "card.line", label=f"**{line.label}**", text=line.text)


def month_summary_markdown(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine_adherence: float | None,
    goal: Goal,
    lang: Lang | str,
) -> str:
    """Write the monthly card as Markdown, with the real figures and "no data" where missing."""
    summary = month_summary(month, readings, kpis, routine_adherence, goal, lang)
    kpi_lines = [f"- {t(lang, 'card.line', label=k.label, text=k.text)}" for k in summary.kpis]
    return "\n".join(
        [
            f"### {summary.title}",
            "",
            _markdown_line(summary.ssi, lang),
            "",
            f"**{summary.results_heading}**",
            "",
            *kpi_lines,
            "",
            _markdown_line(summary.routine, lang),
            "",
            f"*{summary.reminder}*",
            "",
        ]
    )
