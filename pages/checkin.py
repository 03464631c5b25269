"""Check-in: record this month's SSI."""

import streamlit as st

from ssi_coach.ui.checkin_form import checkin_form, checkin_result
from ssi_coach.ui.context import tr

st.title(tr("checkin.title"))
st.write(tr("checkin.intro"))
checkin_form()
checkin_result()
