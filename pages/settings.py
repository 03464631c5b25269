"""Settings: the role that sets the band, and the language."""

import streamlit as st

from ssi_coach.ui.context import tr
from ssi_coach.ui.settings_view import band_note, data_place, role_choice
from ssi_coach.ui.shell import ensure_routed, language_switch

ensure_routed()

st.title(tr("settings.title"))
role_choice()
band_note()
language_switch("settings_lang", "settings.language")

st.header(tr("settings.data"))
data_place()
