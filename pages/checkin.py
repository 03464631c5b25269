"""Check-in: record this month's SSI."""

import streamlit as st

from ssi_coach.ui.checkin_form import checkin_form, checkin_result, paste_section
from ssi_coach.ui.context import tr
from ssi_coach.ui.shell import ensure_routed
from ssi_coach.ui.today_view import onboarding_note

ensure_routed()

st.title(tr("checkin.title"))
onboarding_note("checkin")
st.write(tr("checkin.intro"))
paste_section()
st.subheader(tr("checkin.form.title"))
checkin_form()
checkin_result()
