"""Questionnaire: the goal, the role and what the plan's drafts are built from."""

import streamlit as st

from ssi_coach.ui.context import tr
from ssi_coach.ui.questionnaire_form import (
    questionnaire_form,
    questionnaire_history,
    questionnaire_result,
    questionnaire_status,
)
from ssi_coach.ui.shell import ensure_routed
from ssi_coach.ui.today_view import onboarding_note

ensure_routed()

st.title(tr("questionnaire.title"))
introduced = onboarding_note("questionnaire")
st.write(tr("questionnaire.intro"))
questionnaire_status(introduced)
questionnaire_form()
questionnaire_result()
questionnaire_history()
