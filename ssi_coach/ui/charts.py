"""Rendering of the core's Altair charts, and a per-session memo of costly results."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

T = TypeVar("T")
_MEMO = "_memo_"


def session_memo(key: str, inputs: tuple[object, ...], build: Callable[[], T]) -> T:
    """Return build(), computed again only when `inputs` differ from the previous run's.

    Kept in the session, never shared between users: charts and tables of years of data cost
    several times a whole page run to rebuild, and most reruns leave the data unchanged.
    """
    memo_key = _MEMO + key
    memo = st.session_state.get(memo_key)
    if memo is None or memo[0] != inputs:
        memo = (inputs, build())
        st.session_state[memo_key] = memo
    return memo[1]


def forget_memo(*keys: str) -> None:
    """Drop memoised results whose inputs cannot tell that the data changed."""
    for key in keys:
        st.session_state.pop(_MEMO + key, None)


@dataclass(frozen=True)
class ChartSpec:
    """A Vega-Lite chart ready to send: its JSON without data, and its datasets as Arrow bytes."""

    spec: str
    datasets: Mapping[str, bytes]


def chart_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """Convert a chart once: Altair validates its schema, Streamlit's Arrow encoding of data."""
    spec = chart.to_dict()
    datasets = spec.pop("datasets", {})
    return ChartSpec(
        spec=json.dumps(spec),
        datasets={
            name: convert_anything_to_arrow_bytes(pd.DataFrame(rows))
            for name, rows in datasets.items()
        },
    )


def show_spec(chart: ChartSpec, key: str) -> None:
    """Render a converted chart across the page width, in its own colours."""
    # Streamlit sends datasets that are already Arrow bytes as they are, and edits the spec it
    # is given: each run gets a fresh copy.
    spec = json.loads(chart.spec)
    spec["datasets"] = dict(chart.datasets)
    st.vega_lite_chart(spec=spec, theme=None, key=key, width="stretch")


def show_memo_chart(
    key: str, inputs: tuple[object, ...], build: Callable[[], alt.TopLevelMixin | None]
) -> bool:
    """Draw a chart built from `inputs`, converted only when they change; False if there is none."""

    def converted() -> ChartSpec | None:
        chart = build()
        return None if chart is None else chart_spec(chart)

    built = session_memo(key, inputs, converted)
    if built is None:
        return False
    show_spec(built, key)
    return True
