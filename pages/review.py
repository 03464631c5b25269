"""Review: the user's own headline, About, comment, invitation or message against the rules."""

import streamlit as st

from ssi_coach.ui.context import tr
from ssi_coach.ui.review_view import review_page
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

st.title(tr("reviewpage.title"))
review_page()
