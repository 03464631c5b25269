"""The monthly card as a picture: its figures above a year of SSI and goal KPIs, as a PNG."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt

from ssi_coach.card import month_summary
from ssi_coach.charts.results import cross_reading_chart
from ssi_coach.i18n import Lang, t
from ssi_coach.kpis import SSI
from ssi_coach.model import Goal, KpiMonth, Reading
from ssi_coach.months import add_months, month_of
from ssi_coach.plan import GOAL_KPIS

# The picture shows a year, long enough for the KPIs to be read over time.
CARD_MONTHS = 12
CARD_SCALE = 2.0


def progress_card_chart(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine_adherence: float | None,
    goal: Goal,
    lang: Lang | str,
) -> alt.VConcatChart:
    """Draw the card: the month's figures as a heading above a year of SSI and goal KPIs."""
    month = month_of(month)
    goal = Goal(goal)
    summary = month_summary(month, readings, kpis, routine_adherence, goal, lang)
    chart = cross_reading_chart(
        readings,
        kpis,
        goal,
        lang,
        series=(SSI, *GOAL_KPIS[goal]),
        first=add_months(month, 1 - CARD_MONTHS),
        last=month,
    )
    assert chart is not None  # an explicit range always yields rows
    lines = [summary.ssi, *summary.kpis, summary.routine]
    subtitle = [t(lang, "card.line", label=line.label, text=line.text) for line in lines]
    return chart.properties(
        title=alt.TitleParams(
            summary.title,
            subtitle=[*subtitle, summary.reminder],
            anchor="start",
            fontSize=18,
            subtitleFontSize=12,
            subtitlePadding=8,
        ),
        background="white",
        padding=16,
    )


def progress_card_png(
    month: date,
    readings: Sequence[Reading],
    kpis: Sequence[KpiMonth],
    routine_adherence: float | None,
    goal: Goal,
    lang: Lang | str,
    *,
    scale: float = CARD_SCALE,
) -> bytes:
    """Render the card as a PNG image (needs the vl-convert-python package)."""
    # Imported here: only the card download needs the renderer, the rest of the app does not.
    import vl_convert

    chart = progress_card_chart(month, readings, kpis, routine_adherence, goal, lang)
    wanted = alt.SCHEMA_VERSION.lstrip("v").rsplit(".", 1)[0]
    version = wanted if wanted in vl_convert.get_vegalite_versions() else None
    return vl_convert.vegalite_to_png(chart.to_dict(), scale=scale, vl_version=version)
