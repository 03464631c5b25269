"""Progress: the total against the role band, the pillars, the ranks and the check-ins."""

import streamlit as st

from ssi_coach.benchmarks import band_for
from ssi_coach.i18n import format_date, format_number
from ssi_coach.progress import (
    checkin_table,
    has_ranks,
    latest_ranks,
    pillar_chart,
    ranks_chart,
    total_chart,
)
from ssi_coach.store.readings import list_readings
from ssi_coach.ui.charts import show_chart
from ssi_coach.ui.context import engine, lang, profile_id, role, tr
from ssi_coach.ui.shell import ensure_routed

ensure_routed()

st.title(tr("progress.title"))
readings = list_readings(engine(), profile_id())
if not readings:
    st.info(tr("progress.empty"), icon=":material/info:")
    st.page_link("pages/checkin.py", label=tr("progress.empty_link"), icon=":material/edit_note:")
    st.stop()

current = lang()
band = band_for(role())
role_name = tr(f"role.{role().value}")
latest = readings[-1]
previous = readings[-2] if len(readings) > 1 else None

st.caption(tr("progress.honest"))
columns = st.columns(1 + len(latest_ranks(readings)))
columns[0].metric(
    tr("progress.latest"),
    latest.total_shown,
    delta=None if previous is None else latest.total_shown - previous.total_shown,
    help=tr(
        "progress.latest_help",
        date=format_date(latest.taken_on, current),
        exact=format_number(latest.total, current),
    ),
)

columns[0].caption(tr(f"progress.band.position.{band.position(latest.total)}", role=role_name))
for column, rank in zip(columns[1:], latest_ranks(readings), strict=True):
    if rank.improved_by is None or rank.improved_by == 0:
        delta = None if rank.improved_by is None else tr("progress.rank.delta_same")
        color = "off"
    else:
        points = abs(rank.improved_by)
        delta = tr(
            "progress.rank.delta_better" if rank.improved_by > 0 else "progress.rank.delta_worse",
            points=points,
        )
        # Streamlit colours a delta by its sign; a better rank is a smaller number.
        delta = delta if rank.improved_by > 0 else "-" + delta
        color = "normal"
    column.metric(
        tr(f"progress.rank.{rank.kind}"),
        tr("progress.rank.top", rank=rank.rank),
        delta=delta,
        delta_color=color,
    )

st.subheader(tr("progress.total.title"))
band_label = tr("progress.band.label", role=role_name, low=band.low, high=band.high)
show_chart(total_chart(readings, band, band_label, current), key="chart_total")
st.caption(tr("progress.band.caption", role=role_name, low=band.low, high=band.high))

st.subheader(tr("progress.pillars.title"))
show_chart(pillar_chart(readings, current), key="chart_pillars")

st.subheader(tr("progress.ranks.title"))
if has_ranks(readings):
    st.caption(tr("progress.ranks.caption"))
    show_chart(ranks_chart(readings, current), key="chart_ranks")
else:
    st.caption(tr("progress.ranks.none"))

st.subheader(tr("progress.table.title"))
st.dataframe(checkin_table(readings, current), hide_index=True, key="checkin_table")
