"""The settings page's role choice and the band it sets."""

from __future__ import annotations

import streamlit as st

from ssi_coach.benchmarks import band_for
from ssi_coach.i18n import t
from ssi_coach.model import Role
from ssi_coach.services import settings
from ssi_coach.ui.context import data_changed, lang, repo, role, safe_callback, tr
from ssi_coach.ui.copy_block import copy_block

# Owned here: the role select box.
ROLE_KEY = "settings_role"


@safe_callback
def _on_role_change() -> None:
    settings.set_role(repo(), st.session_state[ROLE_KEY])
    data_changed()
    st.toast(tr("settings.saved"), icon=":material/check_circle:")


def role_choice() -> None:
    """Render the role select box bound to the stored role."""
    current = lang()
    # The stored role is the truth: Streamlit sends a choice back as the label it showed, and
    # after a language switch that label matches no option, which would silently reset the role.
    st.session_state[ROLE_KEY] = role().value
    st.selectbox(
        tr("settings.role"),
        options=[r.value for r in Role],
        format_func=lambda code: t(current, f"role.{code}"),
        key=ROLE_KEY,
        help=tr("settings.role_help"),
        on_change=_on_role_change,
    )


def band_note() -> None:
    """Say which band of total SSI the role sets."""
    band = band_for(role())
    st.caption(tr("settings.band", low=band.low, high=band.high))


def data_place() -> None:
    """Say where the data lives: this computer's database, or the shared server's."""
    here = repo()
    if here.shared:
        # A member is not told the server's database address: it is the administrator's.
        st.write(tr("settings.data_shared"))
        return
    st.write(tr("settings.data_where"))
    copy_block(settings.data_location(here))
