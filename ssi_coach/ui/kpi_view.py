"""The results beside the score: signals, cross-reading charts, KPI changes and the monthly card."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import altair as alt
import streamlit as st

from ssi_coach.card import MonthRoutine, month_summary_markdown
from ssi_coach.chart_text import benchmarks_summary, cross_reading_summary
from ssi_coach.charts.card import progress_card_png
from ssi_coach.charts.results import cross_reading_chart, pillar_benchmarks_chart
from ssi_coach.i18n import format_date
from ssi_coach.journal import (
    kpi_changes,
    latest_kpi_month,
    month_label,
    summary_month,
    summary_months,
)
from ssi_coach.model import Answers, Goal, KpiMonth, Reading
from ssi_coach.services import checkin, progress, questionnaire
from ssi_coach.signals import (
    Severity,
    Signal,
    SignalKind,
    detect_signals,
    signal_message,
    signal_title,
)
from ssi_coach.ui import nav
from ssi_coach.ui.charts import show_memo_chart
from ssi_coach.ui.context import lang, load_kpis, repo, safe_callback, tr
from ssi_coach.ui.markdown import escape_markdown
from ssi_coach.ui.memo import session_memo

# Owned here: the month the user is looking at, shared by Results and the monthly card.
VIEWED_MONTH = "results_month"
CARD_MONTH = "crossread_card_month"

_SHOW = {
    Severity.WARNING: (st.warning, ":material/warning:"),
    Severity.INFO: (st.info, ":material/info:"),
    Severity.GOOD: (st.success, ":material/trending_up:"),
}


def _shown(signal: Signal) -> Signal:
    if signal.kind is not SignalKind.INDUSTRY_CHANGED:
        return signal
    # Industry names come from the pasted page: they must read as text, never as Markdown.
    params = dict(signal.params)
    for name in ("before", "after"):
        params[name] = escape_markdown(str(params[name]))
    return Signal(signal.kind, params)


def results_inputs() -> tuple[list[KpiMonth], Answers | None]:
    """Return the KPI months and the latest answers, read once for a page run."""
    return [entry.kpis for entry in load_kpis()], questionnaire.latest_answers(repo())


def show_signals(
    readings: Sequence[Reading], kpis: Sequence[KpiMonth], answers: Answers | None
) -> None:
    """Show the signals from data the page has already loaded."""
    # Without a goal nobody knows which KPIs matter: only the score's own signals are read.
    goal = answers.goal if answers is not None else Goal.NOTORIETY
    known_kpis = tuple(kpis) if answers is not None else ()
    industries = checkin.industries(repo())
    signals = session_memo(
        "signals",
        (tuple(readings), known_kpis, goal, industries),
        lambda: detect_signals(readings, known_kpis, goal, industries=industries),
    )
    missing_goal = answers is None and bool(kpis)
    if not signals and not missing_goal:
        return
    current = lang()
    st.header(tr("crossread.signals.title"))
    for signal in signals:
        show, icon = _SHOW[signal.severity]
        shown = _shown(signal)
        show(f"**{signal_title(shown, current)}**  \n{signal_message(shown, current)}", icon=icon)
    if missing_goal:
        st.caption(tr("crossread.signals.no_goal"))
        nav.link(nav.QUESTIONNAIRE, tr("crossread.no_goal_link"), ":material/flag:")


def _benchmarks(readings: Sequence[Reading]) -> None:
    known = [r for r in readings if r.industry_average is not None or r.network_average is not None]
    if not known:
        st.caption(tr("crossread.bench.none"))
        return
    reading = max(known, key=lambda r: r.taken_on)
    current = lang()
    st.markdown(f"**{tr('cross.title')}**")
    st.caption(
        tr("crossread.bench.caption", date=format_date(reading.taken_on, current))
        + " "
        + tr("cross.caption")
    )

    def untitled() -> alt.TopLevelMixin | None:
        chart = pillar_benchmarks_chart(reading, current)
        if chart is not None:
            # The heading is Streamlit's: a Vega title under a table gets clipped by the frame.
            chart = chart.copy()
            chart.title = alt.Undefined
        return chart

    show_memo_chart(
        "crossread_benchmarks",
        (reading, current.value),
        untitled,
        summary=benchmarks_summary(reading, current),
    )


def viewed_month() -> date | None:
    """Return the month the user last looked at on Results or on the card, if any."""
    code = st.session_state.get(VIEWED_MONTH)
    return None if code is None else date.fromisoformat(code)


def set_viewed_month(month: date) -> None:
    """Remember the month the user is looking at, for Results and the monthly card."""
    st.session_state[VIEWED_MONTH] = month.isoformat()


def month_routine(month: date, answers: Answers, today: date) -> MonthRoutine | None:
    """Return how much of the month's routine was followed, None without routine days."""
    here = repo()
    # The answers in force stand for the questionnaires: a new one changes the day budgets.
    return session_memo(
        "crossread_routine",
        (month, answers, today, progress.routine_stamp(here)),
        lambda: progress.routine_month(here, month, today),
    )


@safe_callback
def _on_card_month() -> None:
    set_viewed_month(date.fromisoformat(st.session_state[CARD_MONTH]))


def _card(readings: Sequence[Reading], kpis: Sequence[KpiMonth], answers: Answers) -> None:
    months = summary_months(readings, kpis)
    month = summary_month(viewed_month(), months)
    if month is None:
        return
    current = lang()
    st.subheader(tr("crossread.card.title"))
    st.caption(tr("crossread.card.intro"))
    codes = [m.isoformat() for m in months]
    # The card follows the month chosen on Results (or here), else the latest month with data.
    st.session_state[CARD_MONTH] = month.isoformat()
    st.selectbox(
        tr("crossread.card.month"),
        options=codes,
        format_func=lambda code: month_label(date.fromisoformat(code), current),
        key=CARD_MONTH,
        on_change=_on_card_month,
    )
    routine = month_routine(month, answers, date.today())
    goal = answers.goal
    summary = session_memo(
        "crossread_card",
        (month, tuple(readings), tuple(kpis), routine, goal.value, current.value),
        lambda: month_summary_markdown(month, readings, kpis, routine, goal, current),
    )
    with st.container(border=True):
        # Built from catalog texts and numbers only: no user text reaches this Markdown.
        st.markdown(summary)
    name = tr("crossread.card.file", month=month.strftime("%Y-%m"))
    frozen_readings, frozen_kpis = tuple(readings), tuple(kpis)

    def png() -> bytes:
        return progress_card_png(month, frozen_readings, frozen_kpis, routine, goal, current)

    buttons = st.container(horizontal=True)
    # The picture is drawn only when asked for: rendering it costs more than the whole page.
    buttons.download_button(
        tr("crossread.card.png"),
        data=png,
        file_name=f"{name}.png",
        mime="image/png",
        key="crossread_card_png",
        icon=":material/image:",
        on_click="ignore",
    )
    buttons.download_button(
        tr("crossread.card.markdown"),
        data=summary,
        file_name=f"{name}.md",
        mime="text/markdown",
        key="crossread_card_markdown",
        icon=":material/description:",
        on_click="ignore",
    )


def cross_reading_section(
    readings: Sequence[Reading], kpis: Sequence[KpiMonth], answers: Answers | None
) -> None:
    """Show the SSI beside the goal's KPIs, their changes, the averages and the monthly card."""
    st.header(tr("crossread.title"))
    current = lang()
    if answers is None:
        st.info(tr("crossread.no_goal"), icon=":material/flag:")
        nav.link(nav.QUESTIONNAIRE, tr("crossread.no_goal_link"), ":material/flag:")
    elif not kpis:
        st.info(tr("crossread.no_kpis"), icon=":material/info:")
        nav.link(nav.JOURNAL, tr("crossread.no_kpis_link"), ":material/query_stats:")
    else:
        goal = answers.goal
        show_memo_chart(
            "crossread_chart",
            (tuple(readings), tuple(kpis), goal.value, current.value),
            lambda: cross_reading_chart(readings, kpis, goal, current),
            summary=cross_reading_summary(readings, kpis, goal, current),
        )
        end = latest_kpi_month(kpis)
        assert end is not None
        st.markdown(f"**{tr('crossread.changes.title')}**")
        st.caption(tr("crossread.changes.caption", month=month_label(end, current)))
        changes = session_memo(
            "crossread_changes",
            (tuple(kpis), goal.value, current.value),
            lambda: kpi_changes(kpis, goal, current),
        )
        # A list, not a table: each KPI wraps on a phone instead of hiding its last columns.
        # Catalog texts and numbers only: no user text reaches this Markdown.
        lines = [
            tr("card.line", label=f"**{line.label}**", text=line.text) for line in changes.lines
        ]
        with st.container(key="crossread_changes"):
            st.markdown("\n".join(f"- {text}" for text in lines))
            for note in changes.notes:
                st.caption(note)
    _benchmarks(readings)
    if answers is not None:
        _card(readings, kpis, answers)
