"""The pages of the app, defined once: their scripts, language-neutral URL paths and icons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import streamlit as st

from ssi_coach.i18n import Lang, t

if TYPE_CHECKING:
    # The type st.Page is documented to return; named for the type checker only.
    from streamlit.navigation.page import StreamlitPage


@dataclass(frozen=True)
class PageEntry:
    """One page: its script, its URL path (never translated), its title key and icon."""

    script: str
    url_path: str
    title_key: str
    icon: str


# url_path values never change with the language: links and tests rely on them.
# The first page is the default one, served at the root URL.
TODAY = PageEntry("pages/today.py", "today", "nav.today", ":material/today:")
CHECKIN = PageEntry("pages/checkin.py", "checkin", "nav.checkin", ":material/edit_note:")
PLAN = PageEntry("pages/plan.py", "plan", "nav.plan", ":material/checklist:")
REVIEW = PageEntry("pages/review.py", "review", "nav.review", ":material/spellcheck:")
PROGRESS = PageEntry("pages/progress.py", "progress", "nav.progress", ":material/monitoring:")
JOURNAL = PageEntry("pages/journal.py", "journal", "nav.journal", ":material/query_stats:")
QUESTIONNAIRE = PageEntry(
    "pages/questionnaire.py", "questionnaire", "nav.questionnaire", ":material/flag:"
)
DATA = PageEntry("pages/data.py", "data", "nav.data", ":material/database:")
SETTINGS = PageEntry("pages/settings.py", "settings", "nav.settings", ":material/settings:")
# The coach's page: in the navigation of a logged-in coach only (see shell.run_app).
TEAM = PageEntry("pages/team.py", "team", "nav.team", ":material/groups:")
PAGES = (TODAY, CHECKIN, PLAN, REVIEW, PROGRESS, JOURNAL, QUESTIONNAIRE, DATA, SETTINGS)
BY_URL = {entry.url_path: entry for entry in PAGES}
# Owned here: the url_path of the page a button asked to open (see `button`).
REQUESTED = "nav_requested"


def st_pages(lang: Lang, extra: tuple[PageEntry, ...] = ()) -> list[StreamlitPage]:
    """Return the st.Page of every entry, and of the extra ones, titled in the language."""
    return [
        st.Page(
            entry.script, title=t(lang, entry.title_key), url_path=entry.url_path, icon=entry.icon
        )
        for entry in (*PAGES, *extra)
    ]


def link(
    entry: PageEntry,
    label: str,
    icon: str | None = None,
    query_params: dict[str, str] | None = None,
) -> None:
    """Render a link to a page, with query parameters the page reads (language-neutral codes)."""
    st.page_link(entry.script, label=label, icon=icon, query_params=query_params)


def _request(entry: PageEntry) -> None:
    st.session_state[REQUESTED] = entry.url_path


def button(
    entry: PageEntry, label: str, key: str, icon: str | None = None, *, primary: bool = False
) -> None:
    """Render a button that opens a page: a next step must look clickable, which a link does not."""
    # Through a callback: a click survives a rerun that happens before the page runs again.
    st.button(
        label,
        key=key,
        icon=icon,
        type="primary" if primary else "secondary",
        on_click=_request,
        args=(entry,),
    )


def follow_request() -> None:
    """Switch to the page a button asked for, once; the router calls it before the page runs."""
    requested = st.session_state.pop(REQUESTED, None)
    if requested in BY_URL:
        go(BY_URL[requested])


def go(entry: PageEntry) -> None:
    """Switch to a page now."""
    st.switch_page(entry.script)
