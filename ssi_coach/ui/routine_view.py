"""Routine against results, for the Progress page: lever tasks done next to each pillar's change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd
import streamlit as st

from ssi_coach.habits import percent_text
from ssi_coach.i18n import Lang, format_date, format_number, format_signed
from ssi_coach.model import Reading
from ssi_coach.services.progress import routine_period
from ssi_coach.today import PillarRoutine, RoutinePeriod, check_in_periods, period_caution
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, load_readings, repo, safe_callback, tr
from ssi_coach.ui.memo import session_memo
from ssi_coach.ui.today_view import language_key

PERIOD = "routine_period"


@safe_callback
def _on_period_change(key: str) -> None:
    st.session_state[PERIOD] = st.session_state[key]


def _period_label(index: int, periods: Sequence[tuple[Reading, Reading | None]]) -> str:
    before, after = periods[index]
    current = lang()
    if after is None:
        return tr("today.results.period.open", start=format_date(before.taken_on, current))
    return tr(
        "today.results.period.closed",
        start=format_date(before.taken_on, current),
        end=format_date(after.taken_on, current),
    )


def _default_period(periods: Sequence[tuple[Reading, Reading | None]]) -> int:
    """Return the latest closed period, or the open one if the routine only began after it."""
    if len(periods) == 1:
        return 0
    before, after = periods[1]
    period = routine_period(repo(), before, after, date.today())
    return 1 if period is None or period.counted_span > 0 else 0


def _row(item: PillarRoutine, current: Lang) -> dict[str, str]:
    done = (
        tr("today.results.not_planned")
        if item.completion is None
        else percent_text(item.completion, current)
    )
    if item.after is None or item.change is None:
        change = tr("today.results.next_checkin")
        scores = format_number(item.before, current)
    else:
        change = format_signed(item.change, current)
        scores = tr(
            "today.results.scores",
            before=format_number(item.before, current),
            after=format_number(item.after, current),
        )
    return {
        tr("today.results.col.pillar"): tr(f"pillar.{item.pillar.value}"),
        tr("today.results.col.routine"): done,
        tr("today.results.col.change"): change,
        tr("today.results.col.scores"): scores,
    }


def routine_table(period: RoutinePeriod, current: Lang) -> pd.DataFrame:
    """Return one row per pillar: tasks done, the pillar's change, and the two scores."""
    return pd.DataFrame([_row(item, current) for item in period.pillars])


def routine_vs_pillars_section(readings: Sequence[Reading] | None = None) -> None:
    """Render, per pillar, the routine done between two check-ins next to the pillar's change.

    Pass the profile's readings when the page already has them; they are read otherwise.
    """
    st.header(tr("today.results.title"))
    readings = list(readings) if readings is not None else load_readings()
    periods = check_in_periods(readings)
    if not periods:
        return
    st.caption(tr("today.results.intro"))
    if len(periods) == 1:
        st.info(tr("today.results.one_reading"), icon=":material/info:")
    options = list(range(len(periods)))
    if st.session_state.get(PERIOD) not in options:
        st.session_state[PERIOD] = _default_period(periods)
    key = language_key(PERIOD)
    st.session_state[key] = st.session_state[PERIOD]
    current = lang()
    # A decade of monthly check-ins gives over a hundred periods: label them once per session.
    labels = session_memo(
        "routine_period_labels",
        (tuple(r.taken_on for r in readings), current),
        lambda: [_period_label(i, periods) for i in options],
    )
    index = st.selectbox(
        tr("today.results.period"),
        options=options,
        format_func=labels.__getitem__,
        key=key,
        on_change=_on_period_change,
        args=(key,),
    )
    before, after = periods[index]
    period = routine_period(repo(), before, after, date.today())
    if period is None:
        st.info(tr("today.results.no_answers"), icon=":material/info:")
        nav.link(nav.QUESTIONNAIRE, tr("today.onboarding.link.questionnaire"), ":material/flag:")
        return
    started = format_date(period.counted_from, current)
    if period.counted_span == 0:
        # The routine began after this period: there is nothing of it to set against the scores.
        st.info(tr("routine_results.not_started", date=started), icon=":material/info:")
        return
    if period.started_later:
        st.caption(tr("routine_results.started", date=started))
    st.dataframe(routine_table(period, current), hide_index=True, key="routine_results_table")
    st.caption(tr("today.results.days", count=period.routine_days))
    st.caption(f"{period_caution(period, current)} {tr('today.results.honest')}")
