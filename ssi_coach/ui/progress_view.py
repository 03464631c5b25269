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
# Owned here: the chosen view, and the URL's query parameter that names it
# (/progress?progress_view=results), so that a view can be bookmarked, shared or opened directly.
VIEW_KEY = "progress_view"


def requested_view() -> str:
    """Return the view the URL names: the score view when it names none or an unknown one."""
    asked = st.query_params.get(VIEW_KEY, "")
    return asked if asked in PROGRESS_VIEWS else PROGRESS_VIEWS[0]


def view_params(view: str) -> dict[str, str]:
    """Return the query parameters of a view's URL (none for the score view, the page's own)."""
    return {} if view == PROGRESS_VIEWS[0] else {VIEW_KEY: view}


def _show_in_url(view: str) -> None:
    # The code, never the translated label (what bind="query-params" would store): a URL
    # stays valid in the other language and after a language switch.
    if view_params(view):
        st.query_params[VIEW_KEY] = view
    elif VIEW_KEY in st.query_params:
        del st.query_params[VIEW_KEY]


def _on_view_change() -> None:
    _show_in_url(st.session_state.get(VIEW_KEY) or PROGRESS_VIEWS[0])


def chosen_view() -> str:
    """Render the view switch and return the chosen view's code, which the URL carries."""
    current = lang()
    view = requested_view()
    # The URL is the truth: a link, a bookmark, the browser's back button or a click (whose
    # callback writes the URL before this run) all land here.
    st.session_state[VIEW_KEY] = view
    # An unknown value, or the score view named outright, leaves the URL as the page's own.
    if st.query_params.get(VIEW_KEY) != view_params(view).get(VIEW_KEY):
        _show_in_url(view)
    st.segmented_control(
        tr("progress.view.label"),
        options=PROGRESS_VIEWS,
        format_func=lambda code: t(current, f"progress.view.{code}"),
        key=VIEW_KEY,
        on_change=_on_view_change,
        required=True,
        label_visibility="collapsed",
    )
    return view


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
