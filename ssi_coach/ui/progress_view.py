"""The Progress page's views: the score over time, and the switch between views."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from ssi_coach.benchmarks import band_for
from ssi_coach.chart_text import pillars_summary, ranks_summary, total_summary
from ssi_coach.charts.progress import pillar_chart, ranks_chart, total_chart
from ssi_coach.i18n import format_date, format_number, t
from ssi_coach.model import Reading
from ssi_coach.progress import checkin_table, has_ranks, headline_caption, latest_ranks
from ssi_coach.services.progress import headline_change
from ssi_coach.ui.charts import show_memo_chart
from ssi_coach.ui.context import lang, repo, role, tr
from ssi_coach.ui.memo import session_memo

# Each view renders only when chosen: years of history make the three together slow to draw.
PROGRESS_VIEWS = ("score", "results", "routine")
# Owned here: the chosen view (the benchmarks and tests set it to open a view directly).
VIEW_KEY = "progress_view"


def chosen_view() -> str:
    """Render the view switch and return the chosen view's code."""
    current = lang()
    st.session_state.setdefault(VIEW_KEY, PROGRESS_VIEWS[0])
    chosen = st.segmented_control(
        tr("progress.view.label"),
        options=PROGRESS_VIEWS,
        format_func=lambda code: t(current, f"progress.view.{code}"),
        key=VIEW_KEY,
        required=True,
        label_visibility="collapsed",
    )
    return chosen or PROGRESS_VIEWS[0]


def score_view(readings: Sequence[Reading]) -> None:
    """Show the latest score, the total against the role band, the pillars, ranks and table."""
    current = lang()
    chosen_role = role()
    band = band_for(chosen_role)
    role_name = tr(f"role.{chosen_role.value}")
    latest = readings[-1]
    previous = readings[-2] if len(readings) > 1 else None

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
            color: Literal["off", "normal"] = "off"
            # An unchanged rank has no direction: no arrow.
            arrow: Literal["off", "auto"] = "off"
        else:
            better = rank.improved_by > 0
            key = "progress.rank.delta_better" if better else "progress.rank.delta_worse"
            delta = tr(key, points=abs(rank.improved_by))
            # Streamlit colours a delta by its sign; a better rank is a smaller number.
            delta = delta if better else "-" + delta
            color = "normal"
            arrow = "auto"
        column.metric(
            tr(f"progress.rank.{rank.kind}"),
            tr("progress.rank.top", rank=rank.rank),
            delta=delta,
            delta_color=color,
            delta_arrow=arrow,
        )

    st.header(tr("progress.total.title"))
    band_label = tr("progress.band.label", role=role_name, low=band.low, high=band.high)
    show_memo_chart(
        "chart_total",
        (tuple(readings), band, band_label, current),
        lambda: total_chart(readings, band, band_label, current),
        summary=total_summary(readings, current),
    )
    st.caption(tr("progress.band.caption", role=role_name, low=band.low, high=band.high))

    st.header(tr("progress.pillars.title"))
    show_memo_chart(
        "chart_pillars",
        (tuple(readings), current),
        lambda: pillar_chart(readings, current),
        summary=pillars_summary(readings, current),
    )
    # Read at every run: a headline saved on the Review page shows as soon as Progress opens.
    change = headline_change(repo(), readings)
    if change is not None:
        st.caption(headline_caption(change, current))

    st.header(tr("progress.ranks.title"))
    if has_ranks(readings):
        st.caption(tr("progress.ranks.caption"))
        show_memo_chart(
            "chart_ranks",
            (tuple(readings), current),
            lambda: ranks_chart(readings, current),
            summary=ranks_summary(readings, current),
        )
    else:
        st.caption(tr("progress.ranks.none"))

    st.header(tr("progress.table.title"))
    table = session_memo(
        "checkin_table", (tuple(readings), current), lambda: checkin_table(readings, current)
    )
    st.dataframe(table, hide_index=True, key="checkin_table")
