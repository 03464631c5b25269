"""Monthly progress card: the month's real figures, in words and as Markdown.

The picture of the card is drawn by ssi_coach.charts.card.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ssi_coach.habits import COUNTED, Pauses, day_status
from ssi_coach.i18n import (
    Lang,
    as_lang,
    format_count,
    format_date,
    format_month,
    format_percent,
    plural_form,
    t,
)
from ssi_coach.kpis import (
    KPI_NAMES,
    format_change,
    format_kpi_value,
    format_points,
    kpi_change,
    kpi_label,
    kpi_series,
)
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.months import add_months, month_end, month_of
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
class MonthRoutine:
    """How much of a month's routine was done, and over how many routine days."""

    share: float  # the mean completion of the routine days, from 0 to 1
    days: int  # the routine days counted

    def __post_init__(self) -> None:
        share = self.share
        if (
            isinstance(share, bool)
            or not isinstance(share, int | float)
            or not math.isfinite(share)
            or not 0 <= share <= 1
        ):
            raise ValueError(f"share must be a share from 0 to 1, got {share!r}")
        if isinstance(self.days, bool) or not isinstance(self.days, int) or self.days < 1:
            raise ValueError(f"days must be a whole number of days from 1, got {self.days!r}")
        object.__setattr__(self, "share", float(share))


def month_routine(
    completion: Mapping[date, float],
    month: date,
    today: date,
    pauses: Pauses,
    start: date | None,
) -> MonthRoutine | None:
    """Return the mean completion of a month's routine days, or None without any.

    The days run from the routine's first day (`start`, see habits.routine_start) or the
    first of the month, whichever is later, to the month's end or today; each counts as the
    habit counts it (rest days, skips and holidays are left out unless the routine was done).
    """
    if start is None:
        return None
    first = max(month_of(month), start)
    last = min(month_end(month), today)
    counted = []
    day = first
    while day <= last:
        value = completion.get(day, 0.0)
        if day_status(day, value, today, pauses) in COUNTED:
            counted.append(value)
        day += timedelta(days=1)
    if not counted:
        return None
    return MonthRoutine(sum(counted) / len(counted), len(counted))


@dataclass(frozen=True)
class MonthSummary:
    """The texts of the monthly card, ready to be laid out as Markdown or as a picture."""

    title: str
    ssi: CardLine
    results_heading: str
    kpis: tuple[CardLine, ...]
    # What the KPIs cannot say, each said once: a month without results, a missing comparison.
    notes: tuple[str, ...]
    routine: CardLine
    reminder: str


def _shown_by_month(readings: Sequence[Reading]) -> dict[date, Reading]:
    # The last check-in of the month stands for it, as in every monthly series.
    last: dict[date, Reading] = {}
    for reading in sorted(readings, key=lambda r: r.taken_on):
        last[month_of(reading.taken_on)] = reading
    return last


def _ssi_change(by_month: Mapping[date, Reading], month: date, months: int, lang: Lang) -> str:
    start = add_months(month, -months)
    before = by_month.get(start)
    if before is None:
        return t(lang, "kpi_change.missing", month=format_month(start, lang))
    # Whole numbers, as LinkedIn shows the score: the change is the one the user can check.
    return format_points(by_month[month].total_shown - before.total_shown, lang)


def _ssi_line(month: date, readings: Sequence[Reading], lang: Lang) -> CardLine:
    label = t(lang, "card.label.ssi")
    by_month = _shown_by_month(readings)
    last = by_month.get(month)
    if last is None:
        return CardLine(label, t(lang, "card.ssi.none", month=format_month(month, lang)))
    parts = [
        t(
            lang,
            "card.ssi.value",
            total=format_count(last.total_shown, lang),
            date=format_date(last.taken_on, lang),
        )
    ]
    for months in SSI_WINDOWS:
        change = _ssi_change(by_month, month, months, lang)
        parts.append(t(lang, f"card.over.{months}", change=change))
    return CardLine(label, t(lang, "card.separator").join(parts))


def _kpi_lines(
    month: date, kpis: Sequence[KpiMonth], goal: Goal, lang: Lang
) -> tuple[tuple[CardLine, ...], tuple[str, ...]]:
    entered = {k.month for k in kpis}
    if month not in entered:
        return (), (t(lang, "history.card.no_results", month=format_month(month, lang)),)
    # A comparison month without any result is said once, below the lines, not on each one.
    windows = [m for m in KPI_WINDOWS if add_months(month, -m) in entered]
    notes = tuple(
        t(lang, f"history.missing.{m}", month=format_month(add_months(month, -m), lang))
        for m in KPI_WINDOWS
        if m not in windows
    )
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
        for months in windows:
            change = kpi_change(kpis, name, month, months)
            parts.append(t(lang, f"card.over.{months}", change=format_change(change, lang)))
        lines.append(CardLine(kpi_label(name, lang), t(lang, "card.separator").join(parts)))
    return tuple(lines), notes


def _routine_line(routine: MonthRoutine | None, lang: Lang) -> CardLine:
    label = t(lang, "card.label.routine")
    if routine is None:
        return CardLine(label, t(lang, "card.routine.none"))
    percent = format_percent(routine.share * 100, lang)
    days = t(
        lang,
        f"history.routine_days.{plural_form(routine.days, lang)}",
        count=format_count(routine.days, lang),
    )
    return CardLine(label, t(lang, "card.routine.value", percent=percent, days=days))


def month_summary(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine: MonthRoutine | None,
    goal: Goal,
    lang: Lang | str,
) -> MonthSummary:
    """Gather the month's real figures: the SSI and its changes, the KPIs, the routine."""
    month = month_of(month)
    goal = Goal(goal)
    code = as_lang(lang)
    if routine is not None and not isinstance(routine, MonthRoutine):
        raise TypeError(f"routine must be a MonthRoutine or None, got {routine!r}")
    kpi_lines, notes = _kpi_lines(month, kpis, goal, code)
    return MonthSummary(
        title=t(code, "card.title", month=format_month(month, code)),
        ssi=_ssi_line(month, readings, code),
        results_heading=t(code, "card.label.results", goal=t(code, f"goal.{goal.value}")),
        kpis=kpi_lines,
        notes=notes,
        routine=_routine_line(routine, code),
        reminder=t(code, "card.reminder"),
    )


def _markdown_line(line: CardLine, lang: Lang | str) -> str:
    return t(lang, "card.line", label=f"**{line.label}**", text=line.text)


def month_summary_markdown(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine: MonthRoutine | None,
    goal: Goal,
    lang: Lang | str,
) -> str:
    """Write the monthly card as Markdown, with the real figures and "no data" where missing."""
    summary = month_summary(month, readings, kpis, routine, goal, lang)
    kpi_lines = [f"- {t(lang, 'card.line', label=k.label, text=k.text)}" for k in summary.kpis]
    kpi_lines += [f"- {note}" for note in summary.notes]
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
