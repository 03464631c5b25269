"""Rendering of the core's Altair charts."""

from __future__ import annotations

import altair as alt
import streamlit as st


def show_chart(chart: alt.TopLevelMixin, key: str) -> None:
    """Render a chart across the page width, without Streamlit's theme overriding its colours."""
    st.altair_chart(chart, theme=None, key=key, width="stretch")
