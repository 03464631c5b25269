"""Today: the day's routine checklist, the habit it builds, and calendar reminders."""

import streamlit as st

from ssi_coach.ui.context import tr
from ssi_coach.ui.shell import ensure_routed
from ssi_coach.ui.today_view import (
    checkin_banner,
    habit_section,
    reminders_section,
    routine_section,
    today_state,
)

ensure_routed()

st.title(tr("today.title"))
state = today_state()
if state is None:
    st.stop()
checkin_banner(state)
routine_section(state)
habit_section(state)
reminders_section(state)
