"""Per-process engine, per-session profile and language, and the translation shortcut."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import ParamSpec

import streamlit as st
from sqlalchemy import Engine

from ssi_coach import access
from ssi_coach.i18n import Lang, as_lang, t
from ssi_coach.model import Reading, Role
from ssi_coach.records import KpiEntry
from ssi_coach.services import checkin, journal, settings
from ssi_coach.services.access import Seat, seat_for
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.engine import ReadOnlyView, database_url, make_engine
from ssi_coach.store.lifecycle import NewerSchema, migrate
from ssi_coach.ui.memo import mark_data_changed, session_memo

log = logging.getLogger("ssi_coach")
P = ParamSpec("P")
# Owned here: the session's language code, read from the database once.
LANG_KEY = "lang"
_REPO_KEY = "repo::"
ERROR_KEY = "unexpected_error"
# The value of ERROR_KEY when a write was refused by a coach's read-only view.
READ_ONLY_ERROR = "read_only"
# Owned here: the member a coach asked to view (a request, checked at every run).
VIEWED_KEY = "coach_viewed_member"


class NotSignedIn(RuntimeError):
    """Server mode, and this session has no verified login."""


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


def server_mode() -> bool:
    """Say whether this server requires a login (not loopback-only, or declared server mode)."""
    return access.login_required(st.get_option("server.address"), os.environ)


def coach_rule() -> access.CoachRule:
    """Return who is a coach, as configured in the environment."""
    return access.coach_rule(os.environ)


def identity() -> access.Identity | None:
    """Return the session's verified login, or None when nobody is logged in."""
    claims = st.user.to_dict()
    if claims.get("is_logged_in") is not True:
        return None
    return access.identity_from_claims(claims, coach_rule().groups_claim)


# The seat of the page run under way, resolved once by the shell from the login.
_RUN_SEAT: ContextVar[Seat | None] = ContextVar("ssi_coach_run_seat", default=None)


@contextmanager
def run_as(current: Seat | None) -> Iterator[None]:
    """Answer seat() with this seat until the page run ends."""
    token = _RUN_SEAT.set(current)
    try:
        yield
    finally:
        _RUN_SEAT.reset(token)


def seat() -> Seat:
    """Return the logged-in session's seat (server mode); raise NotSignedIn without a login."""
    during = _RUN_SEAT.get()
    if during is not None:
        return during
    # Read from the login at every call: nothing a browser can set chooses the profile.
    who = identity()
    if who is None:
        raise NotSignedIn
    return seat_for(engine(), who, coach_rule(), st.session_state.get(VIEWED_KEY))


def _local_repo() -> Repo:
    key = _REPO_KEY + database_url()
    if key not in st.session_state:
        st.session_state[key] = open_default(engine())
    found: Repo = st.session_state[key]
    return found


def own_repo() -> Repo:
    """Return the handle of the user's own profile: the login's, or the local one in use."""
    return seat().own if server_mode() else _local_repo()


def repo() -> Repo:
    """Return the handle of the profile the pages show (a coach's view of a member is read-only)."""
    return seat().shown if server_mode() else _local_repo()


def is_coach() -> bool:
    """Say whether the session is a logged-in coach's."""
    if not server_mode():
        return False
    try:
        return seat().coach
    except NotSignedIn:
        return False


def use_profile(profile_id: int) -> None:
    """Switch this session to another local profile."""
    st.session_state[_REPO_KEY + database_url()] = Repo(engine(), profile_id)
    data_changed()


def view_member(profile_id: int | None) -> None:
    """Ask to show a member's pages (coach only, checked at every run), or one's own with None."""
    st.session_state[VIEWED_KEY] = profile_id
    data_changed()


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
        # The reader's own language, also while a coach views a member's pages.
        st.session_state[LANG_KEY] = settings.language(own_repo()).value
    return as_lang(st.session_state[LANG_KEY])


def set_lang(code: str) -> None:
    """Store the language and apply it to this session."""
    st.session_state[LANG_KEY] = settings.set_language(own_repo(), code).value


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
        except ReadOnlyView:
            log.info("callback %s refused: read-only view", func.__name__)
            st.session_state[ERROR_KEY] = READ_ONLY_ERROR
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
