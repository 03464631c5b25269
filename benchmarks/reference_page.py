"""Reference page for the benchmark: one Altair line chart and four number inputs."""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

MONTHS = 120

frame = pd.DataFrame(
    {
        "month": [date(2016 + m // 12, m % 12 + 1, 1) for m in range(MONTHS)],
        "total": [40 + 30 * m / MONTHS for m in range(MONTHS)],
    }
)
st.title("Reference")
st.altair_chart(alt.Chart(frame).mark_line().encode(x="month:T", y="total:Q"), width="stretch")
for name in ("brand", "people", "insights", "relationships"):
    st.number_input(name, min_value=0.0, max_value=25.0, step=0.001, format="%.3f", key=name)
