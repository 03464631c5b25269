"""Check-in: record this month's SSI."""

import streamlit as st

from ssi_coach.ui.checkin_form import checkin_form, checkin_result, just_saved, paste_section
from ssi_coach.ui.checkin_history import checkin_history
from ssi_coach.ui.context import tr
from ssi_coach.ui.shell import ensure_routed
from ssi_coach.ui.today_view import next_step, onboarding_note

ensure_routed()

st.title(tr("checkin.title"))
# During onboarding the step note introduces the page; the intro would say it a second time.
if not onboarding_note("checkin"):
    st.write(tr("checkin.intro"))
paste_section()
st.header(tr("checkin.form.title"))
checkin_form()
checkin_result()
# The one way on from a saved reading, right under its confirmation.
next_step("checkin", saved=just_saved())
checkin_history()
