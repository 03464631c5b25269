"""Per-process engine, per-session profile and language, and the translation shortcut."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec

import streamlit as st
from sqlalchemy import Engine

from ssi_coach.i18n import Lang, as_lang, t
from ssi_coach.model import Reading, Role
from ssi_coach.records import KpiEntry
from ssi_coach.services import checkin, journal, settings
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.engine import database_url, make_engine
from ssi_coach.store.lifecycle import NewerSchema, migrate
from ssi_coach.ui.memo import mark_data_changed, session_memo

log = logging.getLogger("ssi_coach")
P = ParamSpec("P")
# Owned here: the session's language code, read from the database once.
LANG_KEY = "lang"
_REPO_KEY = "repo::"
ERROR_KEY = "unexpected_error"


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    """Return the engine of one database URL, migrated once per process."""
    engine = make_engine(url)
    try:
        migrate(engine)
    except BaseException:
        # Not cached: the next run tries again, and this engine's connections are let go.
        engine.dispose()
        raise
    return engine


def engine() -> Engine:
    """Return the migrated engine of the configured database; stop the page at a newer schema."""
    try:
        return _engine_for(database_url())
    except NewerSchema:
        log.warning("the database is at a newer schema; nothing was changed")
        # The language is stored in that database, which is not to be read: both are shown.
        st.error(
            "\n\n".join(t(code, "safety.newer_schema") for code in Lang), icon=":material/update:"
        )
        st.stop()


def repo() -> Repo:
    """Return the handle of the session's profile, the default one made on first run."""
    key = _REPO_KEY + database_url()
    if key not in st.session_state:
        st.session_state[key] = open_default(engine())
    found: Repo = st.session_state[key]
    return found


# The language of the page run under way: a page asks for it for every text it shows.
_RUN_LANG: ContextVar[Lang | None] = ContextVar("ssi_coach_run_lang", default=None)


@contextmanager
def run_in_language(current: Lang) -> Iterator[None]:
    """Answer lang() with this language until the page run ends, without reading the session."""
    token = _RUN_LANG.set(current)
    try:
        yield
    finally:
        _RUN_LANG.reset(token)


def lang() -> Lang:
    """Return the language chosen for this profile, French by default."""
    during_run = _RUN_LANG.get()
    if during_run is not None:
        return during_run
    if LANG_KEY not in st.session_state:
        st.session_state[LANG_KEY] = settings.language(repo()).value
    return as_lang(st.session_state[LANG_KEY])


def set_lang(code: str) -> None:
    """Store the language and apply it to this session."""
    st.session_state[LANG_KEY] = settings.set_language(repo(), code).value


def role() -> Role:
    """Return the stored role, a freelancer until the user says otherwise."""
    return settings.role(repo())


def tr(key: str, **params: object) -> str:
    """Return a text in the session's language."""
    return t(lang(), key, **params)


def data_changed() -> None:
    """Say that this session changed the profile's data: memos and the language are read again."""
    mark_data_changed()
    # An import or a restore may bring another language.
    st.session_state.pop(LANG_KEY, None)


def safe_callback(func: Callable[P, None]) -> Callable[P, None]:
    """Run a widget callback, turning any unexpected error into a message instead of a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            log.exception("callback %s failed", func.__name__)
            st.session_state[ERROR_KEY] = True

    return wrapper


def writing_callback(func: Callable[P, None]) -> Callable[P, None]:
    """Run a widget callback that writes, then make what was read from the data stale."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            func(*args, **kwargs)
        finally:
            data_changed()

    return safe_callback(wrapper)


def load_readings() -> list[Reading]:
    """Return the profile's readings, read again only when one was added, changed or removed."""
    here = repo()
    stamp = (database_url(), here.profile_id, *checkin.readings_stamp(here))
    return session_memo("readings", stamp, lambda: checkin.list_readings(here))


def load_kpis() -> list[KpiEntry]:
    """Return the profile's KPI months, read again only when one was added or changed."""
    here = repo()
    stamp = (database_url(), here.profile_id, *journal.months_stamp(here))
    return session_memo("kpis", stamp, lambda: journal.list_months(here))
