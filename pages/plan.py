"""Plan: the actions in priority order, the KPIs to watch and a ready-to-edit helper per lever."""

import streamlit as st

from ssi_coach.plan import build_plan, plan_title
from ssi_coach.store.answers import answers_history
from ssi_coach.store.readings import latest_reading
from ssi_coach.ui.context import engine, lang, profile_id, tr
from ssi_coach.ui.plan_view import missing_inputs, plan_body, plan_header
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

reading = latest_reading(engine(), profile_id())
history = answers_history(engine(), profile_id())
if reading is None or not history:
    st.title(tr("plan.title.normal"))
    missing_inputs(has_reading=reading is not None, has_answers=bool(history))
    st.stop()

answered_at, answers = history[-1]
plan = build_plan(reading, answers)
st.title(plan_title(plan, lang()))
plan_header(plan, reading, answered_at)
plan_body(plan, answers)
