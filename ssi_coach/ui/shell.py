"""The frame around every page: page config, sidebar, navigation and the error boundary."""

from __future__ import annotations

from contextvars import ContextVar
from datetime import date

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ssi_coach.i18n import Lang, t
from ssi_coach.store.backup import ensure_daily_backup
from ssi_coach.ui.context import engine, lang, log, safe_callback, set_lang, tr

# url_path values never change with the language: links and tests rely on them.
# The first page is the default one, served at the root URL.
PAGES = (
    ("pages/today.py", "today", "nav.today", ":material/today:"),
    ("pages/checkin.py", "checkin", "nav.checkin", ":material/edit_note:"),
    ("pages/plan.py", "plan", "nav.plan", ":material/checklist:"),
    ("pages/progress.py", "progress", "nav.progress", ":material/monitoring:"),
    ("pages/journal.py", "journal", "nav.journal", ":material/query_stats:"),
    ("pages/questionnaire.py", "questionnaire", "nav.questionnaire", ":material/flag:"),
    ("pages/data.py", "data", "nav.data", ":material/database:"),
    ("pages/settings.py", "settings", "nav.settings", ":material/settings:"),
)
LANG_WIDGETS = ("sidebar_lang", "settings_lang")
_ROUTED: ContextVar[bool] = ContextVar("ssi_coach_routed", default=False)


def ensure_routed() -> None:
    """Send a page that Streamlit ran without the router back through it.

    Until a session has called st.navigation, Streamlit serves a deep link such as /progress
    from the pages/ folder directly (its legacy multipage mode), skipping app.py: no sidebar,
    no language. Turning that mode off and rerunning routes the link through app.py.
    """
    if _ROUTED.get():
        return
    PagesManager.uses_pages_directory = False
    st.rerun()


@safe_callback
def _on_lang_change(source: str) -> None:
    code = st.session_state[source]
    set_lang(code)
    for key in LANG_WIDGETS:
        st.session_state[key] = code


def language_switch(key: str, label_key: str) -> None:
    """Render a French/English switch bound to the stored language."""
    st.session_state.setdefault(key, lang().value)
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
    if st.session_state.pop("unexpected_error", False):
        st.error(tr("error.unexpected"), icon=":material/error:")


def daily_backup() -> None:
    """Take the day's SQLite backup once per session; a failed backup never blocks the app."""
    if st.session_state.get("daily_backup_checked"):
        return
    st.session_state["daily_backup_checked"] = True
    try:
        ensure_daily_backup(engine(), date.today())
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
    pages = [
        st.Page(path, title=t(current, title), url_path=url, icon=icon)
        for path, url, title, icon in PAGES
    ]
    page = st.navigation(pages)
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
