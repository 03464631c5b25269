"""The coach's team page: why the SSI ranks nobody, the members' rows, totals and small charts."""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from ssi_coach.charts.team import member_chart
from ssi_coach.i18n import t
from ssi_coach.services.team import Roster, team_months, team_of, team_roster
from ssi_coach.team import (
    SORTS,
    Team,
    TeamRow,
    chart_summary,
    columns,
    sort_rows,
    team_table,
    totals_table,
)
from ssi_coach.ui import nav
from ssi_coach.ui.charts import show_memo_chart
from ssi_coach.ui.context import engine, is_coach, lang, own_repo, safe_callback, tr, view_member
from ssi_coach.ui.markdown import escape_markdown
from ssi_coach.ui.memo import session_memo

# Owned here: the chosen order and view, each also the URL's query parameter of the same name
# (/team?team_sort=activity&team_view=charts), and the page of small charts shown.
SORT_KEY = "team_sort"
VIEW_KEY = "team_view"
# Each view renders only when chosen, as on Progress: the small charts cost as much to draw as
# the whole table, and a coach who opens the page wants the table first.
VIEWS = ("table", "charts")
CHARTS_PAGE_KEY = "team_charts_page"
# Small charts drawn at a time: eight read at a glance (four rows of two), and each costs the
# server a few milliseconds to draw; two hundred would bury the page.
CHARTS_PER_PAGE = 8


def requested(key: str, options: tuple[str, ...]) -> str:
    """Return the code the URL gives for a choice: the first option for none or an unknown one."""
    asked = st.query_params.get(key, "")
    return asked if asked in options else options[0]


def _show_in_url(key: str, options: tuple[str, ...], code: str) -> None:
    # The code, never the translated label: a shared URL means the same in either language.
    if code == options[0]:
        if key in st.query_params:
            del st.query_params[key]
    else:
        st.query_params[key] = code


def _choice(key: str, options: tuple[str, ...], label_key: str) -> str:
    """Render a switch between codes kept in the URL, and return the chosen code."""
    # Captured: Streamlit may format the options outside the page run, where lang() cannot read.
    current = lang()
    code = requested(key, options)
    # The URL is the truth: a link, a bookmark, the back button or a click (whose callback
    # writes the URL before this run) all land here.
    st.session_state[key] = code
    if st.query_params.get(key, options[0]) != code:
        _show_in_url(key, options, code)
    st.segmented_control(
        tr(f"{label_key}.label"),
        options=options,
        format_func=lambda option: t(current, f"{label_key}.{option}"),
        key=key,
        on_change=lambda: _show_in_url(key, options, st.session_state.get(key) or options[0]),
        required=True,
    )
    return code


def chosen_sort() -> str:
    """Render the order switch (name or last activity, never the SSI) and return its code."""
    return _choice(SORT_KEY, SORTS, "team.sort")


def chosen_view() -> str:
    """Render the switch between the table and the small charts, and return its code."""
    return _choice(VIEW_KEY, VIEWS, "team.view")


@safe_callback
def _view(profile_id: int) -> None:
    view_member(profile_id)
    # Opened through the router, as nav.button does: a callback cannot switch pages itself.
    st.session_state[nav.REQUESTED] = nav.PROGRESS.url_path


def _table(rows: tuple[TeamRow, ...]) -> None:
    current = lang()
    st.header(tr("team.table.title"))
    st.caption(tr("team.table.caption"))
    member = columns(current)[0]
    table = session_memo("team_table", (rows, current.value), lambda: team_table(rows, current))
    st.dataframe(
        table,
        hide_index=True,
        key="team_table",
        # The name stays in view while a phone scrolls the other columns sideways.
        column_config={member: st.column_config.TextColumn(member, pinned=True, width="medium")},
    )


def _totals(team: Team) -> None:
    current = lang()
    st.header(tr("team.totals.title"))
    table = totals_table(team.totals, current)
    if table.empty:
        st.caption(tr("team.totals.none"))
        return
    st.caption(tr("team.totals.caption"))
    st.dataframe(table, hide_index=True, key="team_totals")


def _page_of_charts(rows: tuple[TeamRow, ...]) -> tuple[TeamRow, ...]:
    """Render the choice of members to draw when there are many; return those to draw."""
    pages = range(0, len(rows), CHARTS_PER_PAGE)
    if len(pages) <= 1:
        return rows
    if st.session_state.get(CHARTS_PAGE_KEY) not in pages:
        st.session_state[CHARTS_PAGE_KEY] = 0
    current = lang()
    st.selectbox(
        tr("team.charts.page"),
        options=pages,
        format_func=lambda start: t(
            current,
            "team.charts.page_option",
            first=start + 1,
            last=min(start + CHARTS_PER_PAGE, len(rows)),
            total=len(rows),
        ),
        key=CHARTS_PAGE_KEY,
    )
    start = st.session_state[CHARTS_PAGE_KEY]
    return rows[start : start + CHARTS_PER_PAGE]


def _small_multiples(roster: Roster, team: Team, rows: tuple[TeamRow, ...]) -> None:
    current = lang()
    st.header(tr("team.charts.title"))
    st.caption(tr("team.charts.caption"))
    shown = _page_of_charts(rows)
    ids = tuple(row.profile_id for row in shown)
    drawn = session_memo("team_months", (roster, ids), lambda: team_months(engine(), team, ids))
    for pair_start in range(0, len(shown), 2):
        for column, row in zip(st.columns(2), shown[pair_start : pair_start + 2], strict=False):
            months = drawn[row.profile_id]
            with column, st.container(border=True, key=f"team_member_{row.profile_id}"):
                show_memo_chart(
                    f"team_chart_{row.profile_id}",
                    (row.name, row.goal, months, current.value),
                    partial(member_chart, row, months, current),
                    summary=chart_summary(row, months, current),
                )
                st.button(
                    tr("team.open", name=escape_markdown(row.name)),
                    key=f"team_open_{row.profile_id}",
                    help=tr("team.open_help"),
                    icon=":material/visibility:",
                    on_click=_view,
                    args=(row.profile_id,),
                )


def team_page() -> None:
    """Render the team page for a coach; refuse anyone else before anything is read."""
    # Checked at the last moment, on the login itself: a member who reaches this script by any
    # route (a forged URL, a stale navigation) stops here.
    if not is_coach():
        st.error(tr("team.refused"), icon=":material/lock:")
        st.stop()
    st.title(tr("team.title"))
    with st.container(border=True, key="team_why_not_ssi"):
        st.markdown(tr("team.why_not_ssi"))
    # The roster is one cheap query; the team is read again only when it changed (a member's
    # tick, check-in, results, answers, day mark, login or name), or on another day.
    roster = team_roster(engine(), date.today(), leave_out=own_repo().profile_id)
    team = session_memo("team", (roster,), lambda: team_of(engine(), roster))
    if not team.rows:
        st.info(tr("team.empty"), icon=":material/group_add:")
        return
    view = chosen_view()
    rows = sort_rows(team.rows, chosen_sort())
    if view == "charts":
        _small_multiples(roster, team, rows)
    else:
        _table(rows)
        _totals(team)
