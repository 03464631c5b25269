"""Results journal: the goal's KPIs month by month, and what they say beside the score."""

from datetime import date

import streamlit as st

from ssi_coach.ui import nav
from ssi_coach.ui.context import load_readings, tr
from ssi_coach.ui.journal_view import (
    goal_answers,
    goal_note,
    journal_entries,
    journal_form,
    journal_history,
    journal_result,
)
from ssi_coach.ui.kpi_view import show_signals
from ssi_coach.ui.progress_view import view_params
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

st.title(tr("journal.title"))
st.write(tr("journal.intro"))
answers = goal_answers()
goal = None if answers is None else answers.goal
goal_note(goal)
entries = journal_entries()
journal_form(goal, entries, date.today())
journal_result()
show_signals(load_readings(), [e.kpis for e in entries], answers)
journal_history(entries, goal)
nav.link(
    nav.PROGRESS,
    tr("journal.see_progress"),
    ":material/monitoring:",
    query_params=view_params("results"),
)
