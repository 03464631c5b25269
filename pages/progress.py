"""Progress: the score over time, the results beside it, and what the routine moves."""

import streamlit as st

from ssi_coach.ui import nav
from ssi_coach.ui.context import load_readings, tr
from ssi_coach.ui.kpi_view import cross_reading_section, results_inputs, show_signals
from ssi_coach.ui.progress_view import chosen_view, score_view
from ssi_coach.ui.routine_view import routine_vs_pillars_section
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

st.title(tr("progress.title"))
readings = load_readings()
if not readings:
    st.info(tr("progress.empty"), icon=":material/info:")
    nav.link(nav.CHECKIN, tr("progress.empty_link"), ":material/edit_note:")
    st.stop()

st.caption(tr("progress.honest"))
kpis, answers = results_inputs()
show_signals(readings, kpis, answers)
view = chosen_view()
if view == "results":
    cross_reading_section(readings, kpis, answers)
elif view == "routine":
    routine_vs_pillars_section(readings)
else:
    score_view(readings)
