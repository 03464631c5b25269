"""Plan: the actions in priority order, the KPIs to watch and a ready-to-edit helper per lever."""

import streamlit as st

from ssi_coach.plan import plan_title
from ssi_coach.services.plan import current_plan
from ssi_coach.ui.context import lang, repo, tr
from ssi_coach.ui.plan_view import missing_inputs, plan_body, requested_focus
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

view = current_plan(repo())
if view.plan is None or view.reading is None or view.answers is None:
    st.title(tr("plan.title.normal"))
    missing_inputs(has_reading=view.reading is not None, has_answers=view.answers is not None)
    st.stop()

st.title(plan_title(view.plan, lang()))
plan_body(view, requested_focus())
