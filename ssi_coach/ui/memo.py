"""A per-session memo of costly results, forgotten whenever this session changes the data."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

T = TypeVar("T")
_MEMO = "_memo_"
# Bumped by every write of this session: a memo built before it is stale.
DATA_VERSION = "_profile_data_version"


def data_version() -> int:
    """Return how many times this session changed the profile's data."""
    version: int = st.session_state.get(DATA_VERSION, 0)
    return version


def mark_data_changed() -> None:
    """Make every memo of this session stale: the profile's data changed."""
    st.session_state[DATA_VERSION] = data_version() + 1


def session_memo(key: str, inputs: tuple[object, ...], build: Callable[[], T]) -> T:
    """Return build(), computed again only when `inputs` or the data differ from last time.

    Kept in the session, never shared between users: charts and tables of years of data cost
    several times a whole page run to rebuild, and most reruns leave the data unchanged.
    Inputs should include a stamp of what they read from the database, so that a change made
    by another tab or process is seen too.
    """
    memo_key = _MEMO + key
    full_inputs = (data_version(), *inputs)
    memo = st.session_state.get(memo_key)
    if memo is None or memo[0] != full_inputs:
        memo = (full_inputs, build())
        st.session_state[memo_key] = memo
    result: T = memo[1]
    return result
