"""Settings: the role that sets the band, and the language."""

import streamlit as st

from ssi_coach.benchmarks import band_for
from ssi_coach.i18n import t
from ssi_coach.model import Role
from ssi_coach.store.engine import describe_database
from ssi_coach.ui.context import lang, role, safe_callback, set_role, tr
from ssi_coach.ui.shell import ensure_routed, language_switch

ensure_routed()


@safe_callback
def _on_role_change() -> None:
    set_role(st.session_state["settings_role"])
    st.toast(tr("settings.saved"), icon=":material/check_circle:")


st.title(tr("settings.title"))
current = lang()
# The stored role is the truth: Streamlit sends a choice back as the label it showed, and after
# a language switch that label matches no option, which would silently reset the role.
st.session_state["settings_role"] = role().value
st.selectbox(
    tr("settings.role"),
    options=[r.value for r in Role],
    format_func=lambda code: t(current, f"role.{code}"),
    key="settings_role",
    help=tr("settings.role_help"),
    on_change=_on_role_change,
)

band = band_for(role())
st.caption(tr("settings.band", low=band.low, high=band.high))
language_switch("settings_lang", "settings.language")

st.subheader(tr("settings.data"))
st.write(tr("settings.data_where"))
st.code(describe_database(), language=None)
