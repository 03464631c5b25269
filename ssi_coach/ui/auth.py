"""Server mode: the login screen, the account box and a coach's read-only view of a member."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from ssi_coach import access
from ssi_coach.i18n import Lang, t
from ssi_coach.services.access import Seat, members_for, record_login, shown_name
from ssi_coach.ui.context import (
    VIEWED_KEY,
    identity,
    log,
    safe_callback,
    seat,
    tr,
    view_member,
)
from ssi_coach.ui.nav import st_pages

# Owned here: whether this browser session's login was recorded, and the coach's picker.
LOGIN_RECORDED = "login_recorded"
VIEW_PICKER = "coach_view_picker"
_OWN = 0


def _auth_section() -> Mapping[str, object] | None:
    """Return the [auth] section of the secrets, or None when there is none."""
    try:
        section = st.secrets.get("auth")
    except Exception:
        # No secrets file at all: Streamlit raises rather than answer an empty mapping.
        return None
    return section if isinstance(section, Mapping) else None


def login_language() -> Lang:
    """Return the browser's language when it is French or English, French otherwise."""
    locale = (st.context.locale or "").lower()
    return Lang.EN if locale.startswith("en") else Lang.FR


def _hide_pages(code: Lang) -> None:
    """Show no page list before the login.

    A fresh server's first run lists the pages/ folder in the sidebar (Streamlit's legacy
    multipage mode) before the gate stops it; a hidden navigation replaces that list.
    """
    st.navigation(st_pages(code), position="hidden")


def refuse_without_auth() -> None:
    """Stop with what is missing when server mode has no complete [auth] section."""
    missing = access.missing_auth_settings(_auth_section())
    if not missing:
        return
    _hide_pages(login_language())
    log.error("server mode without a complete [auth] section: missing %s", ", ".join(missing))
    names = ", ".join(missing)
    # The files Streamlit reads its secrets from, the last one winning: the serve command
    # passes its own, a plain run reads .streamlit/secrets.toml.
    files = st.get_option("secrets.files") or [".streamlit/secrets.toml"]
    where = str(files[-1])
    st.error(
        "\n\n".join(t(code, "auth.missing", names=names, file=where) for code in Lang),
        icon=":material/lock:",
    )
    st.stop()


def gate() -> Seat:
    """Return the logged-in session's seat; show the login screen and stop the run otherwise."""
    refuse_without_auth()
    who = identity()
    if who is None:
        _hide_pages(login_language())
        _login_screen(login_language())
        st.stop()
    found = seat()
    if not st.session_state.get(LOGIN_RECORDED):
        st.session_state[LOGIN_RECORDED] = True
        try:
            record_login(found.own.engine, who)
        except Exception:
            # A missed login date never keeps anyone out.
            log.exception("could not record the login")
    return found


def _login_screen(code: Lang) -> None:
    st.title(t(code, "app.title"))
    st.markdown(t(code, "auth.intro"))
    if st.button(t(code, "auth.login"), key="auth_login", type="primary", icon=":material/login:"):
        st.login()
    st.caption(t(code, "auth.privacy"))


@safe_callback
def _on_pick() -> None:
    picked = st.session_state[VIEW_PICKER]
    view_member(None if picked == _OWN else picked)


def account_box(current: Seat) -> None:
    """Render who is logged in, the logout button and, for a coach, whose pages to show."""
    st.caption(tr("auth.signed_in", email=current.identity.email or current.identity.name))
    if current.coach:
        members = [m for m in members_for(current) if m.profile_id != current.own.profile_id]
        names = {m.profile_id: f"{m.name} ({m.email})" if m.email else m.name for m in members}
        st.session_state[VIEW_PICKER] = current.shown.profile_id if current.viewing_other else _OWN
        # Read now: AppTest formats the options between runs, where tr() finds no login.
        names[_OWN] = tr("auth.view_own")
        st.selectbox(
            tr("auth.view_as"),
            options=[_OWN, *(pid for pid in names if pid != _OWN)],
            format_func=lambda pid: names[pid],
            key=VIEW_PICKER,
            on_change=_on_pick,
        )
    if st.button(tr("auth.logout"), key="auth_logout", icon=":material/logout:"):
        st.session_state.pop(VIEWED_KEY, None)
        st.logout()


def viewing_banner(current: Seat) -> None:
    """Say, above the page, whose data a coach is viewing and that nothing can be changed."""
    if not current.viewing_other:
        return
    # Read only here: a member's own runs need no name, and no query for it.
    st.info(tr("auth.viewing", name=shown_name(current)), icon=":material/visibility:")
    st.button(
        tr("auth.back_to_own"),
        key="auth_back_to_own",
        on_click=safe_callback(view_member),
        args=(None,),
    )
