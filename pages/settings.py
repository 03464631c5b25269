"""Settings: the role that sets the band, and the language."""

import streamlit as st

from ssi_coach.services import settings
from ssi_coach.ui.context import repo, tr
from ssi_coach.ui.copy_block import copy_block
from ssi_coach.ui.settings_view import band_note, role_choice
from ssi_coach.ui.shell import ensure_routed, language_switch

ensure_routed()

st.title(tr("settings.title"))
role_choice()
band_note()
language_switch("settings_lang", "settings.language")

st.header(tr("settings.data"))
st.write(tr("settings.data_where"))
copy_block(settings.data_location(repo()))
