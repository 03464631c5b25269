"""Per-process engine, per-session profile and language, and the translation shortcut."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

import streamlit as st
from sqlalchemy import Engine

from ssi_coach.benchmarks import DEFAULT_ROLE
from ssi_coach.i18n import DEFAULT_LANG, Lang, as_lang, t
from ssi_coach.model import Reading, Role
from ssi_coach.store.engine import database_url, make_engine, migrate
from ssi_coach.store.kpis import KpiEntry, kpis_stamp, list_kpis
from ssi_coach.store.profiles import default_profile_id, get_setting, set_setting
from ssi_coach.store.readings import list_readings, readings_stamp
from ssi_coach.ui.charts import session_memo

LANG_SETTING = "lang"
log = logging.getLogger("ssi_coach")
P = ParamSpec("P")


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    """Return the engine of one database URL, migrated once per process."""
    engine = make_engine(url)
    migrate(engine)
    return engine


def engine() -> Engine:
    """Return the migrated engine of the configured database."""
    return _engine_for(database_url())


def profile_id() -> int:
    """Return the current profile, the default one made on first run."""
    key = f"profile_id::{database_url()}"
    if key not in st.session_state:
        st.session_state[key] = default_profile_id(engine())
    return st.session_state[key]


def lang() -> Lang:
    """Return the language chosen for this profile, French by default."""
    if "lang" not in st.session_state:
        stored = get_setting(engine(), profile_id(), LANG_SETTING)
        st.session_state["lang"] = as_lang(stored or DEFAULT_LANG).value
    return as_lang(st.session_state["lang"])


def set_lang(code: str) -> None:
    """Store the language and apply it to this session."""
    chosen = as_lang(code)
    set_setting(engine(), profile_id(), LANG_SETTING, chosen.value)
    st.session_state["lang"] = chosen.value


def tr(key: str, **params: object) -> str:
    """Return a text in the session's language."""
    return t(lang(), key, **params)


def safe_callback(func: Callable[P, None]) -> Callable[P, None]:
    """Run a widget callback, turning any unexpected error into a message instead of a traceback."""

    @wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> None:
        try:
            func(*args, **kwargs)
        except Exception:
            log.exception("callback %s failed", func.__name__)
            st.session_state["unexpected_error"] = True

    return wrapper


ROLE_SETTING = "role"


def role() -> Role:
    """Return the stored role, a freelancer until the user says otherwise."""
    stored = get_setting(engine(), profile_id(), ROLE_SETTING)
    try:
        return Role(stored) if stored else DEFAULT_ROLE
    except ValueError:
        return DEFAULT_ROLE


def set_role(code: str) -> None:
    """Store the role."""
    set_setting(engine(), profile_id(), ROLE_SETTING, Role(code).value)


def load_readings() -> list[Reading]:
    """Return the profile's readings, read again only when one was added, changed or removed."""
    stamp = (database_url(), profile_id(), *readings_stamp(engine(), profile_id()))
    return session_memo("readings", stamp, lambda: list_readings(engine(), profile_id()))


def load_kpis() -> list[KpiEntry]:
    """Return the profile's KPI months, read again only when one was added or changed."""
    stamp = (database_url(), profile_id(), *kpis_stamp(engine(), profile_id()))
    return session_memo("kpis", stamp, lambda: list_kpis(engine(), profile_id()))
