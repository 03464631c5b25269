"""The monthly card as a picture: its figures above up to a year of SSI and goal KPIs, as a PNG."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt

from ssi_coach.card import CardLine, MonthRoutine, month_summary
from ssi_coach.charts.results import cross_reading_chart
from ssi_coach.i18n import Lang, format_month, t
from ssi_coach.kpis import SSI
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.months import add_months, month_of
from ssi_coach.plan import GOAL_KPIS

# The picture shows up to a year, long enough for the KPIs to be read over time.
CARD_MONTHS = 12
CARD_SCALE = 2.0


def card_span(month: date, readings: Sequence[Reading], kpis: Sequence[KpiMonth]) -> date:
    """Return the first month the card's time axis draws: the year's first month with data."""
    month = month_of(month)
    earliest = add_months(month, 1 - CARD_MONTHS)
    known = [month_of(r.taken_on) for r in readings] + [k.month for k in kpis]
    # Months before the first check-in or result would only draw an empty axis.
    return min((m for m in known if earliest <= m <= month), default=month)


def progress_card_chart(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine: MonthRoutine | None,
    goal: Goal,
    lang: Lang | str,
) -> alt.VConcatChart:
    """Draw the card: the month's figures as a heading above the year's SSI and goal KPIs."""
    month = month_of(month)
    goal = Goal(goal)
    summary = month_summary(month, readings, kpis, routine, goal, lang)
    chart = cross_reading_chart(
        readings,
        kpis,
        goal,
        lang,
        series=(SSI, *GOAL_KPIS[goal]),
        first=card_span(month, readings, kpis),
        last=month,
    )
    assert chart is not None  # an explicit range always yields rows

    def said(line: CardLine) -> str:
        return t(lang, "card.line", label=line.label, text=line.text)

    subtitle = [said(summary.ssi), *map(said, summary.kpis), *summary.notes, said(summary.routine)]
    return chart.properties(
        title=alt.TitleParams(
            summary.title,
            subtitle=[*subtitle, summary.reminder],
            anchor="start",
            fontSize=18,
            subtitleFontSize=12,
            subtitlePadding=8,
        ),
        description=t(lang, "chart_a11y.card.description", month=format_month(month, lang)),
        background="white",
        padding=16,
    )


def progress_card_png(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine: MonthRoutine | None,
    goal: Goal,
    lang: Lang | str,
    *,
    scale: float = CARD_SCALE,
) -> bytes:
    """Render the card as a PNG image (needs the vl-convert-python package)."""
    # Imported here: only the card download needs the renderer, the rest of the app does not.
    import vl_convert

    chart = progress_card_chart(month, readings, kpis, routine, goal, lang)
    wanted = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    version = wanted if wanted in vl_convert.get_vegalite_versions() else None
    return vl_convert.vegalite_to_png(chart.to_dict(), scale=scale, vl_version=version)
