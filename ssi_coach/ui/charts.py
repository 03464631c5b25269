"""Rendering of the core's Altair charts, converted once and drawn on every run."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import altair as alt
import pandas as pd
import pyarrow as pa
import streamlit as st

from ssi_coach.ui.memo import session_memo

# Altair checks every object it builds against the Vega-Lite schema, which costs about as much
# as the rest of a fresh Progress run. The app's charts are fixed code, checked whole by the unit
# tests (tests/unit/test_charts_*.py convert each one with validation), so the running app skips
# the check; the flag is process-wide and only the app sets it.
alt.utils.schemapi.disable_debug_mode()


@dataclass(frozen=True)
class ChartSpec:
    """A Vega-Lite chart ready to send: its JSON without data, and its datasets as Arrow bytes."""

    spec: str
    datasets: Mapping[str, bytes]


def _arrow_bytes(frame: pd.DataFrame) -> bytes:
    """Return a table as an Arrow IPC stream, the form Streamlit sends datasets in."""
    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def chart_spec(chart: alt.TopLevelMixin) -> ChartSpec:
    """Convert a chart once to its spec and Streamlit's Arrow encoding of its data."""
    # Not checked against the schema here either: see disable_debug_mode above.
    spec = chart.to_dict(validate=False)
    datasets = spec.pop("datasets", {})
    return ChartSpec(
        spec=json.dumps(spec),
        datasets={name: _arrow_bytes(pd.DataFrame(rows)) for name, rows in datasets.items()},
    )


def show_spec(chart: ChartSpec, key: str, stretch: bool = True, summary: str | None = None) -> None:
    """Render a converted chart across the page width (or at its own), its summary under it.

    The chart's description becomes its ARIA label (Vega sets it on the chart's container);
    the summary says its figures in words, for whoever cannot see them or read them off a line.
    """
    # Streamlit sends datasets that are already Arrow bytes as they are, and edits the spec it
    # is given: each run gets a fresh copy.
    spec = json.loads(chart.spec)
    spec["datasets"] = dict(chart.datasets)
    st.vega_lite_chart(spec=spec, theme=None, key=key, width="stretch" if stretch else "content")
    if summary:
        st.caption(summary)


def show_memo_chart(
    key: str,
    inputs: tuple[object, ...],
    build: Callable[[], alt.TopLevelMixin | None],
    summary: str | None = None,
) -> bool:
    """Draw a chart built from `inputs`, converted only when they change; False if there is none."""

    def converted() -> ChartSpec | None:
        chart = build()
        return None if chart is None else chart_spec(chart)

    built = session_memo(key, inputs, converted)
    if built is None:
        return False
    show_spec(built, key, summary=summary)
    return True
