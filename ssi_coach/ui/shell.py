"""The frame around every page: page config, sidebar, navigation and the error boundary."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ssi_coach.i18n import Lang, t
from ssi_coach.services import data
from ssi_coach.ui.context import ERROR_KEY, lang, log, repo, safe_callback, set_lang, tr
from ssi_coach.ui.nav import st_pages

# Owned here: the two language switches (sidebar and settings) and the daily backup flag.
LANG_WIDGETS = ("sidebar_lang", "settings_lang")
BACKUP_CHECKED = "daily_backup_checked"
_ROUTED: ContextVar[bool] = ContextVar("ssi_coach_routed", default=False)


def ensure_routed() -> None:
    """Send a page that Streamlit ran without the router back through it.

    Until a session has called st.navigation, Streamlit serves a deep link such as /progress
    from the pages/ folder directly (its legacy multipage mode), skipping app.py: no sidebar,
    no language. Turning that mode off and rerunning routes the link through app.py.
    PagesManager is private: this is the one place the app uses Streamlit internals, and
    tests/e2e/test_foundation.py opens a deep link on a fresh server to catch a change.
    """
    if _ROUTED.get():
        return
    PagesManager.uses_pages_directory = False
    st.rerun()


@safe_callback
def _on_lang_change(source: str) -> None:
    set_lang(st.session_state[source])


def language_switch(key: str, label_key: str) -> None:
    """Render a French/English switch bound to the stored language."""
    # The stored language is the truth: the other switch, an import or a restore may change it.
    st.session_state[key] = lang().value
    st.radio(
        tr(label_key),
        options=[code.value for code in Lang],
        format_func=lambda code: t(code, f"lang.{code}"),
        key=key,
        on_change=_on_lang_change,
        args=(key,),
        horizontal=True,
    )


def show_unexpected_error() -> None:
    """Show, once, that something went wrong, without any technical detail."""
    if st.session_state.pop(ERROR_KEY, False):
        st.error(tr("error.unexpected"), icon=":material/error:")


def daily_backup() -> None:
    """Take the day's SQLite backup once per session; a failed backup never blocks the app."""
    if st.session_state.get(BACKUP_CHECKED):
        return
    st.session_state[BACKUP_CHECKED] = True
    try:
        data.daily_backup(repo(), date.today())
    except Exception:
        log.exception("daily backup failed")


def run_app() -> None:
    """Route to the current page inside the shared frame."""
    st.set_page_config(page_title=t(Lang.FR, "app.title"), page_icon=":material/trending_up:")
    try:
        current = lang()
    except Exception:
        log.exception("could not open the database")
        st.error(t(Lang.FR, "error.unexpected"))
        return
    daily_backup()
    page = st.navigation(st_pages(current))
    with st.sidebar:
        language_switch("sidebar_lang", "sidebar.language")
        st.caption(tr("sidebar.local"))
    show_unexpected_error()
    token = _ROUTED.set(True)
    try:
        page.run()
    except Exception:
        log.exception("page %s failed", page.url_path)
        st.error(tr("error.unexpected"), icon=":material/error:")
    finally:
        _ROUTED.reset(token)
