"""My data: export, import and backups of everything the app holds for this profile."""

import streamlit as st

from ssi_coach.ui.context import tr
from ssi_coach.ui.data_view import backup_section, export_section, import_section
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

st.title(tr("data.title"))
st.write(tr("data.intro"))
export_section()
import_section()
backup_section()
