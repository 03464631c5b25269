"""The frame around every page: page config, sidebar, navigation and the error boundary."""

from __future__ import annotations

import json
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ssi_coach.i18n import Lang, t
from ssi_coach.services import data
from ssi_coach.services.access import Seat
from ssi_coach.ui import auth, copy_block, profile_switcher
from ssi_coach.ui.context import (
    ERROR_KEY,
    READ_ONLY_ERROR,
    ReadOnlyView,
    lang,
    log,
    repo,
    run_as,
    run_in_language,
    safe_callback,
    server_mode,
    set_lang,
    tr,
)
from ssi_coach.ui.nav import TEAM, follow_request, st_pages

# Owned here: the two language switches (sidebar and settings) and the daily backup flag.
LANG_WIDGETS = ("sidebar_lang", "settings_lang")
BACKUP_CHECKED = "daily_backup_checked"
_ROUTED: ContextVar[bool] = ContextVar("ssi_coach_routed", default=False)

STATIC = Path(__file__).resolve().parents[2] / "static"
# Served by the app itself: a ":material/…:" page icon is fetched from Google's font servers.
PAGE_ICON = STATIC / "icon.png"
CLIENT_SCRIPT = STATIC / "shell.js"
CONFIG_PLACEHOLDER = "SSI_COACH_CONFIG"
# The container of the client script; hidden, as it shows nothing.
CLIENT_KEY = "shell_client"
# The browser language the client script sets when the browser's own is another language:
# both write weeks from Monday, as the app's habit charts do.
BROWSER_LOCALES = {Lang.FR: "fr-FR", Lang.EN: "en-GB"}
# Below this width Streamlit's sidebar covers the page instead of sitting beside it.
OVERLAY_WIDTH_PX = 768
# Streamlit shows a focused link, checkbox, radio button or icon button (copy, chart tools) by a
# faint grey background only, and no theme option changes that: an outline in the primary colour
# (6.67:1 on white) shows a keyboard user where they are. Text fields keep Streamlit's own border.
FOCUS_STYLE = (
    ":is(a, button, summary, [tabindex]):focus-visible, label:has(input:focus-visible) "
    "{{ outline: 2px solid {colour} !important; outline-offset: 2px; }}"
)
# The day, month, year, hour and minute parts of Streamlit's date and time fields are about
# 18 x 20 px: WCAG 2.2 (2.5.8) asks 24 x 24 px for a target a finger or a pointer must hit.
TARGET_STYLE = (
    '[role="spinbutton"][data-type]:not([data-type="literal"]) '
    "{ display: inline-block; min-width: 24px; min-height: 24px; line-height: 24px; "
    "text-align: center; }"
)
# The copy blocks (ui/copy_block.py) in the look of Streamlit's code block, which they replace:
# its colours, font, wrapped lines and corners. Their button always shows (a phone has no
# hover), at the top right, and the text keeps clear of it.
COPY_STYLE = (
    ".ssi-copy {{ position: relative; }} "
    ".ssi-copy-text {{ margin: 0; padding: 1rem 3rem 1rem 1rem; border-radius: 0.5rem; "
    "background: {background}; color: {colour}; font-family: 'Source Code Pro', monospace; "
    "font-size: 0.875rem; line-height: 1.6; white-space: pre-wrap; overflow-wrap: break-word; }} "
    ".ssi-copy-button {{ position: absolute; top: 0.7rem; right: 0.5rem; display: flex; "
    "align-items: center; justify-content: center; width: 2rem; height: 2rem; margin: 0; "
    "padding: 0; border: none; border-radius: 0.5rem; background: transparent; "
    "color: {colour}; cursor: pointer; }} "
    ".ssi-copy-button:hover {{ background: rgba(0, 0, 0, 0.06); }} "
    ".ssi-copy-icon {{ display: block; width: 1.125rem; height: 1.125rem; opacity: 0.6; "
    "background-color: currentColor; -webkit-mask: {copy} center / contain no-repeat; "
    "mask: {copy} center / contain no-repeat; }} "
    ".ssi-copy-button:is(:hover, :focus-visible, [data-copied]) .ssi-copy-icon "
    "{{ opacity: 1; }} "
    ".ssi-copy-button[data-copied] .ssi-copy-icon "
    "{{ -webkit-mask-image: {check}; mask-image: {check}; }} "
    ".ssi-copy-status {{ position: absolute; width: 1px; height: 1px; overflow: hidden; "
    "clip-path: inset(50%); white-space: nowrap; }} "
    # Windows' contrast themes replace background colours: the masked icon takes the button's.
    "@media (forced-colors: active) {{ .ssi-copy-icon {{ background-color: ButtonText; "
    "forced-color-adjust: none; }} }}"
)
# Streamlit's own English texts that no parameter of its API translates, with their catalog keys.
STREAMLIT_TEXTS = {
    "Copy to clipboard": "shell.streamlit.copy",
    "Copied": "shell.streamlit.copied",
    "Help": "shell.streamlit.help",
    "Fullscreen": "shell.streamlit.fullscreen",
    "Close fullscreen": "shell.streamlit.close_fullscreen",
    "Download as CSV": "shell.streamlit.download_csv",
    "Download as PNG": "shell.streamlit.download_png",
    "Copy Vega-Lite spec": "shell.streamlit.copy_spec",
    "Show data": "shell.streamlit.show_data",
    "Search": "shell.streamlit.search",
    "Show/hide columns": "shell.streamlit.columns",
    "Sidebar": "shell.streamlit.sidebar",
    "Collapse sidebar": "shell.streamlit.collapse_sidebar",
    "Expand sidebar": "shell.streamlit.expand_sidebar",
    "App pages": "shell.streamlit.app_pages",
    "Link to heading": "shell.streamlit.heading_link",
    "Open": "shell.streamlit.open",
    "Close": "shell.streamlit.close",
    "Dismiss": "shell.streamlit.dismiss",
    "Increment": "shell.streamlit.increment",
    "Decrement": "shell.streamlit.decrement",
    "Choose date": "shell.streamlit.choose_date",
    "Choose date range": "shell.streamlit.choose_dates",
    "Skip to main content": "shell.streamlit.skip_to_content",
    "progress": "shell.streamlit.progress",
    "Vega visualization": "shell.streamlit.chart",
    "Press Enter to apply": "shell.streamlit.enter_apply",
    "Press Enter to submit form": "shell.streamlit.enter_submit",
    "Press Ctrl+Enter to apply": "shell.streamlit.ctrl_enter_apply",
    "Press Ctrl+Enter to submit form": "shell.streamlit.ctrl_enter_submit",
    "Press \u2318+Enter to apply": "shell.streamlit.cmd_enter_apply",
    "Press \u2318+Enter to submit form": "shell.streamlit.cmd_enter_submit",
}
# ...and those around a label, written here as the catalogs write them, with {label}.
STREAMLIT_LABELLED = {
    "Help for {label}": "shell.streamlit.help_for",
    "day, {label}": "shell.streamlit.day_of",
    "month, {label}": "shell.streamlit.month_of",
    "year, {label}": "shell.streamlit.year_of",
    "hour, {label}": "shell.streamlit.hour_of",
    "minute, {label}": "shell.streamlit.minute_of",
    "Choose date, {label}": "shell.streamlit.choose_date_of",
    "Choose date range, {label}": "shell.streamlit.choose_dates_of",
    "{label} start date": "shell.streamlit.start_date_of",
    "{label} end date": "shell.streamlit.end_date_of",
}
_LABEL = "\x00"


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
    found = st.session_state.pop(ERROR_KEY, False)
    if found == READ_ONLY_ERROR:
        st.warning(tr("auth.read_only"), icon=":material/visibility:")
    elif found:
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


def _around(template: str) -> list[str]:
    """Return what a labelled text writes before and after its label."""
    before, _, after = template.partition(_LABEL)
    return [before, after]


def _around_label(language: Lang, key: str) -> list[str]:
    """Return what a language writes before and after a label in a labelled text."""
    return _around(t(language, key, label=_LABEL))


def client_config(current: Lang) -> dict[str, object]:
    """Return what the client script needs: the language and Streamlit's texts translated."""
    return {
        # Also the page's <html lang>, so that a screen reader pronounces French as French.
        "lang": current.value,
        # The name of the file upload button, whose own text the Data page hides.
        "uploadLabel": t(current, "transfer.upload.button"),
        "locale": BROWSER_LOCALES[current],
        "overlayWidth": OVERLAY_WIDTH_PX,
        # The copy blocks' button names, read at each click: the language may have changed.
        "copy": {
            "label": t(current, copy_block.COPY_KEY),
            "done": t(current, copy_block.COPIED_KEY),
        },
        "texts": [
            # Every language's version is known, so that a switch translates the shown one.
            {"all": [text, *(t(code, key) for code in Lang)], "now": t(current, key)}
            for text, key in STREAMLIT_TEXTS.items()
        ],
        "prefixes": [
            {
                "all": [
                    _around(text.format(label=_LABEL)),
                    *(_around_label(code, key) for code in Lang),
                ],
                "now": _around_label(current, key),
            }
            for text, key in STREAMLIT_LABELLED.items()
        ],
    }


@cache
def client_script(current: Lang) -> str:
    """Return the HTML that runs the client script with the language's configuration."""
    # "<" escaped, so that no text can close the script element early.
    config = json.dumps(client_config(current)).replace("<", "\\u003c")
    script = CLIENT_SCRIPT.read_text(encoding="utf-8").replace(CONFIG_PLACEHOLDER, config)
    hidden = f".st-key-{CLIENT_KEY} {{ display: none; }}"
    focus = FOCUS_STYLE.format(colour=st.get_option("theme.primaryColor") or "currentColor")
    copying = COPY_STYLE.format(
        background=st.get_option("theme.codeBackgroundColor") or "transparent",
        colour=st.get_option("theme.textColor") or "inherit",
        copy=copy_block.COPY_ICON,
        check=copy_block.CHECK_ICON,
    )
    return f"<style>{hidden} {focus} {TARGET_STYLE} {copying}</style><script>{script}</script>"


def run_app() -> None:
    """Route to the current page inside the shared frame."""
    st.set_page_config(page_title=t(Lang.FR, "app.title"), page_icon=PAGE_ICON)
    current_seat: Seat | None = None
    try:
        if server_mode():
            current_seat = auth.gate()
        with run_as(current_seat):
            current = lang()
    except Exception:
        log.exception("could not open the database")
        st.error(t(Lang.FR, "error.unexpected"))
        return
    with run_as(current_seat), run_in_language(current):
        _run_page(current, current_seat)


def _run_page(current: Lang, current_seat: Seat | None) -> None:
    daily_backup()
    coach = current_seat is not None and current_seat.coach
    page = st.navigation(st_pages(current, extra=(TEAM,) if coach else ()))
    follow_request()
    with st.sidebar:
        language_switch("sidebar_lang", "sidebar.language")
        if current_seat is None:
            profile_switcher.sidebar()
            st.caption(tr("sidebar.local"))
        else:
            auth.account_box(current_seat)
        with st.container(key=CLIENT_KEY):
            st.html(client_script(lang()), unsafe_allow_javascript=True)
    show_unexpected_error()
    if current_seat is not None:
        auth.viewing_banner(current_seat)
    token = _ROUTED.set(True)
    try:
        page.run()
    except ReadOnlyView:
        st.warning(tr("auth.read_only"), icon=":material/visibility:")
    except Exception:
        log.exception("page %s failed", page.url_path)
        st.error(tr("error.unexpected"), icon=":material/error:")
    finally:
        _ROUTED.reset(token)
