"""The team page's core: rows from plain data, the team's totals, and orders that ignore the SSI."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
import vl_convert
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_coach.charts.results import GOAL_COLOR
from ssi_coach.charts.team import member_chart
from ssi_coach.habits import monday_of
from ssi_coach.i18n import Lang, t
from ssi_coach.kpis import GOAL_KPIS, SSI, MonthRow
from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.months import add_months, month_of
from ssi_coach.plan import Lever
from ssi_coach.records import StoredTick
from ssi_coach.signals import SignalKind
from ssi_coach.team import (
    SORTS,
    TOTAL_KPIS,
    MemberInput,
    TeamRow,
    Window,
    build_row,
    build_team,
    chart_months,
    chart_summary,
    columns,
    sort_rows,
    table_cells,
    team_table,
    totals_table,
)
from tests.unit.strategies import pillar_scores

TODAY = date.today()
THIS_MONTH = month_of(TODAY)
NBSP = "\u00a0"


def prospect(answered: date = TODAY - timedelta(days=200), minutes: int = 20) -> Answers:
    """Return a prospecting questionnaire."""
    return Answers(
        goal=Goal.PROSPECTING,
        role=Role.FREELANCE,
        already_converting=False,
        minutes_per_day=minutes,
    )


def at(day: date) -> datetime:
    """Return noon UTC of a day, as the store keeps moments."""
    return datetime(day.year, day.month, day.day, 12)


def member(
    profile_id: int = 1,
    name: str = "Alice",
    *,
    goal: Goal | None = Goal.PROSPECTING,
    readings: Sequence[Reading] = (),
    kpis: Sequence[KpiMonth] = (),
    ticks: Sequence[StoredTick] = (),
    marks: Sequence[tuple[date, str]] = (),
    industries: Sequence[tuple[date, str]] = (),
    answered: date = TODAY - timedelta(days=200),
    last_login: datetime | None = None,
    checkin_saved_at: datetime | None = None,
    kpis_saved_at: datetime | None = None,
) -> MemberInput:
    """Return a member's whole history, with the first and last ticks taken from the ticks."""
    answers = ()
    if goal is not None:
        answers = ((at(answered), replace(prospect(), goal=goal)),)
    days = [tick.day for tick in ticks]
    return MemberInput(
        profile_id=profile_id,
        name=name,
        email=f"{name.lower()}@example.com",
        last_login=last_login,
        answers=answers,
        readings=tuple(readings),
        industries=tuple(industries),
        kpis=tuple(kpis),
        ticks=tuple(ticks),
        marks=tuple(marks),
        first_tick=min(days, default=None),
        last_tick=max(days, default=None),
        checkin_saved_at=checkin_saved_at,
        kpis_saved_at=kpis_saved_at,
    )


def reading(day: date, total: float) -> Reading:
    """Return a check-in with the given total, spread over the four pillars."""
    quarter = round(total / 4, 3)
    return Reading(day, quarter, quarter, quarter, round(total - 3 * quarter, 3))


def row_of(data: MemberInput, today: date = TODAY) -> TeamRow:
    """Return the member's row as of today."""
    return build_row(data, Window(today))


# --- one row ------------------------------------------------------------------------------


def test_a_row_shows_the_latest_ssi_and_its_change_since_the_previous_checkin() -> None:
    row = row_of(
        member(
            readings=[
                reading(TODAY - timedelta(days=70), 50),
                reading(TODAY - timedelta(days=40), 61.9),
                reading(TODAY - timedelta(days=5), 64.1),
            ]
        )
    )
    assert row.ssi == 64.1
    assert row.ssi_change == 2.2
    assert row.last_checkin == TODAY - timedelta(days=5)


def test_a_single_checkin_has_no_change() -> None:
    row = row_of(member(readings=[reading(TODAY - timedelta(days=5), 40)]))
    assert (row.ssi, row.ssi_change) == (40.0, None)


def test_a_row_gives_the_goals_two_kpis_of_the_latest_month_with_their_change_over_3_months() -> (
    None
):
    end = add_months(THIS_MONTH, -1)
    row = row_of(
        member(
            kpis=[
                KpiMonth(add_months(end, -3), qualified_conversations=4, opportunities=1),
                KpiMonth(end, qualified_conversations=6, opportunities=1, impressions=900),
            ]
        )
    )
    assert row.results_month == end
    assert [f.name for f in row.results] == list(GOAL_KPIS[Goal.PROSPECTING])
    conversations, opportunities = row.results
    assert (conversations.value, conversations.change.percent) == (6, 50.0)
    assert (opportunities.value, opportunities.change.percent) == (1, 0.0)


def test_a_visibility_goal_reads_impressions_and_engagement_rate() -> None:
    row = row_of(
        member(
            goal=Goal.NOTORIETY,
            kpis=[KpiMonth(THIS_MONTH, impressions=1000, engagements=50, opportunities=3)],
        )
    )
    assert [(f.name, f.value) for f in row.results] == [
        ("impressions", 1000),
        ("engagement_rate", 0.05),
    ]


def test_results_older_than_the_charts_year_are_not_shown_as_the_latest() -> None:
    old = add_months(THIS_MONTH, -14)
    row = row_of(member(kpis=[KpiMonth(old, qualified_conversations=9)]))
    assert (row.results_month, row.results) == (None, ())


def test_a_member_without_a_goal_has_no_results_and_no_routine() -> None:
    row = row_of(
        member(
            goal=None,
            readings=[reading(TODAY - timedelta(days=5), 40)],
            kpis=[KpiMonth(THIS_MONTH, qualified_conversations=2)],
        )
    )
    assert (row.goal, row.results, row.routine, row.routine_weeks) == (None, (), None, ())


def task_ticks(day: date, minutes: Sequence[int]) -> list[StoredTick]:
    """Return ticks of one day, one task per figure of minutes."""
    return [StoredTick(day, f"task.{n}", Lever.MESSAGES.value, m) for n, m in enumerate(minutes)]


def test_the_routine_is_the_mean_completion_of_the_counted_days_of_the_last_four_weeks() -> None:
    # A Wednesday, so that the last four ISO weeks hold exactly the days chosen below.
    today = monday_of(TODAY) + timedelta(days=2)
    monday = monday_of(today)
    ticks = task_ticks(monday, [10, 10]) + task_ticks(monday + timedelta(days=1), [5])
    row = row_of(
        member(
            readings=[reading(monday - timedelta(days=40), 40)],
            ticks=ticks,
            answered=monday,
        ),
        today,
    )
    # Monday done (1), Tuesday a quarter (0.25); today is pending: it does not count yet.
    assert row.routine == pytest.approx((1 + 0.25) / 2)
    assert [w.week_start for w in row.routine_weeks] == [monday]


def test_a_paused_day_does_not_count_in_the_routine() -> None:
    today = monday_of(TODAY) + timedelta(days=2)
    monday = monday_of(today)
    data = member(
        readings=[reading(monday - timedelta(days=40), 40)],
        ticks=task_ticks(monday, [20]),
        marks=[(monday + timedelta(days=1), "holiday")],
        answered=monday,
    )
    assert row_of(data, today).routine == 1.0


def test_the_routine_spans_four_iso_weeks_this_one_included() -> None:
    data = member(
        readings=[reading(TODAY - timedelta(days=300), 40)],
        ticks=task_ticks(TODAY - timedelta(days=100), [20]),
    )
    weeks = row_of(data).routine_weeks
    assert len(weeks) == 4
    assert weeks[-1].week_start == monday_of(TODAY)


def test_last_activity_is_the_latest_of_a_login_a_checkin_saved_results_saved_and_a_tick() -> None:
    base = member(
        last_login=at(TODAY - timedelta(days=30)),
        checkin_saved_at=at(TODAY - timedelta(days=20)),
        kpis_saved_at=at(TODAY - timedelta(days=10)),
        ticks=task_ticks(TODAY - timedelta(days=15), [5]),
    )
    assert row_of(base).last_activity == TODAY - timedelta(days=10)
    ticked = replace(base, last_tick=TODAY - timedelta(days=2))
    assert row_of(ticked).last_activity == TODAY - timedelta(days=2)


def test_a_member_who_never_did_anything_has_no_last_activity() -> None:
    assert row_of(member()).last_activity is None


def test_a_row_carries_the_members_signals() -> None:
    # The score climbs 10 points over three months while conversations stay flat: vanity.
    end = add_months(THIS_MONTH, -1)
    data = member(
        readings=[reading(add_months(end, -3), 40), reading(end, 50)],
        kpis=[
            KpiMonth(add_months(end, -3), qualified_conversations=4, opportunities=1),
            KpiMonth(end, qualified_conversations=4, opportunities=1),
        ],
    )
    assert [s.kind for s in row_of(data).signals] == [SignalKind.VANITY]


def test_check_ins_days_apart_show_the_too_frequent_signal() -> None:
    data = member(
        readings=[reading(TODAY - timedelta(days=3), 40), reading(TODAY - timedelta(days=1), 41)]
    )
    assert SignalKind.TOO_FREQUENT in [s.kind for s in row_of(data).signals]


def test_a_members_chart_months_span_the_charts_year_up_to_this_month() -> None:
    months = chart_months([], [], TODAY)
    assert months[0].month == add_months(THIS_MONTH, -11)
    assert months[-1].month == THIS_MONTH
    assert len(months) == 12


# --- the whole history against the window the store reads ---------------------------------


def windowed(data: MemberInput, today: date) -> MemberInput:
    """Return the member as the store reads them: only the window of each table."""
    window = Window(today)
    days = sorted(r.taken_on for r in data.readings)
    latest = days[-1] if days else None
    previous = days[-2] if len(days) > 1 else None
    since = window.readings_since(latest, previous)
    kpis_since = window.kpis_since(latest)
    named = sorted((day, name) for day, name in data.industries if name)
    return replace(
        data,
        readings=tuple(r for r in data.readings if r.taken_on >= since),
        kpis=tuple(k for k in data.kpis if k.month >= kpis_since),
        ticks=tuple(tk for tk in data.ticks if window.routine_since <= tk.day <= today),
        marks=tuple(m for m in data.marks if window.marks_since <= m[0] <= today),
        industries=tuple(named[-2:]),
    )


HISTORY_START = TODAY - timedelta(days=3 * 365)
history_days = st.dates(HISTORY_START, TODAY)
recent_days = st.dates(TODAY - timedelta(days=70), TODAY)
counts = st.none() | st.integers(0, 40)


@st.composite
def histories(draw: st.DrawFn, profile_id: int = 1) -> MemberInput:
    """Draw a member with up to three years of check-ins and results, and weeks of routine."""
    reading_days = draw(st.lists(history_days, max_size=14, unique=True))
    readings = [
        Reading(day, draw(pillar_scores), draw(pillar_scores), draw(pillar_scores), 10.0)
        for day in reading_days
    ]
    months = draw(st.lists(history_days.map(month_of), max_size=14, unique=True))
    kpis = [
        KpiMonth(
            month,
            impressions=draw(st.none() | st.integers(50, 5000)),
            engagements=draw(st.none() | st.integers(0, 50)),
            qualified_conversations=draw(counts),
            opportunities=draw(counts),
        )
        for month in months
    ]
    tick_days = draw(st.lists(recent_days, max_size=25, unique=True))
    ticks = [
        StoredTick(day, key, Lever.COMMENTS.value, draw(st.integers(1, 15)))
        for day in tick_days
        for key in draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=3, unique=True))
    ]
    mark_days = draw(st.lists(recent_days, max_size=6, unique=True))
    marks = [(day, draw(st.sampled_from(["skip", "holiday"]))) for day in mark_days]
    industry_days = draw(st.lists(history_days, max_size=4, unique=True))
    industries = [
        (day, draw(st.sampled_from(["Conseil", "conseil", "Informatique", ""])))
        for day in industry_days
    ]
    goal = draw(st.none() | st.sampled_from(Goal))
    return member(
        profile_id,
        draw(st.sampled_from(["Alice", "bob", "Chloé", "Émile"])),
        goal=goal,
        readings=readings,
        kpis=kpis,
        ticks=ticks,
        marks=marks,
        industries=industries,
        answered=draw(history_days),
        last_login=draw(st.none() | history_days.map(at)),
        checkin_saved_at=draw(st.none() | history_days.map(at)),
    )


@settings(max_examples=150, deadline=None)
@given(histories())
def test_a_row_built_from_the_window_the_store_reads_equals_the_row_of_the_whole_history(
    data: MemberInput,
) -> None:
    assert row_of(windowed(data, TODAY)) == row_of(data)


@settings(max_examples=100, deadline=None)
@given(histories())
def test_the_charts_months_from_the_window_equal_those_of_the_whole_history(
    data: MemberInput,
) -> None:
    # The store reads the charts' readings apart, from the charts' first month, for the members
    # drawn; their KPIs are the row's.
    first = Window(TODAY).first_month
    readings = [r for r in data.readings if r.taken_on >= first]
    whole = chart_months(data.readings, data.kpis, TODAY)
    assert chart_months(readings, windowed(data, TODAY).kpis, TODAY) == whole


def test_the_window_keeps_the_results_around_an_old_checkin_that_the_signals_read() -> None:
    # The last check-in is two years old: its signals compare months the charts' year leaves out.
    end = add_months(THIS_MONTH, -24)
    data = member(
        readings=[reading(add_months(end, -3), 40), reading(end, 50)],
        kpis=[
            KpiMonth(add_months(end, -3), qualified_conversations=4, opportunities=1),
            KpiMonth(end, qualified_conversations=4, opportunities=1),
        ],
    )
    assert [s.kind for s in row_of(windowed(data, TODAY)).signals] == [SignalKind.VANITY]


def test_the_window_keeps_the_skips_of_the_month_that_use_up_its_budget() -> None:
    # A day on which the routine's four weeks start some days into their month.
    today = next(
        TODAY - timedelta(days=n)
        for n in range(40)
        if Window(TODAY - timedelta(days=n)).routine_since.day >= 5
    )
    first = Window(today).routine_since
    month_start = month_of(first)
    data = member(
        readings=[reading(month_start - timedelta(days=40), 40)],
        answered=month_start - timedelta(days=30),
        # Two skips early in the month use its budget: the third, inside the weeks, is missed.
        marks=[(month_start, "skip"), (month_start + timedelta(days=1), "skip"), (first, "skip")],
        ticks=task_ticks(first + timedelta(days=1), [20]),
    )
    honoured = replace(data, marks=((first, "skip"),))
    done = row_of(data, today).routine
    assert done is not None
    assert done < (row_of(honoured, today).routine or 0)
    assert row_of(windowed(data, today), today).routine == done


# --- totals -------------------------------------------------------------------------------


@st.composite
def teams(draw: st.DrawFn) -> list[MemberInput]:
    """Draw a team of up to five members with distinct profile ids."""
    size = draw(st.integers(0, 5))
    return [draw(histories(profile_id=n)) for n in range(1, size + 1)]


@settings(max_examples=60, deadline=None)
@given(teams())
def test_each_months_total_is_the_sum_of_the_members_figures_none_when_nobody_entered_one(
    members: list[MemberInput],
) -> None:
    team = build_team(members, TODAY)
    for total in team.totals:
        for name in TOTAL_KPIS:
            known = [
                getattr(k, name)
                for m in members
                for k in m.kpis
                if k.month == total.month and getattr(k, name) is not None
            ]
            assert total.value(name) == (sum(known) if known else None)


def test_the_totals_count_the_members_who_entered_a_figure_each_month() -> None:
    month = add_months(THIS_MONTH, -2)
    team = build_team(
        [
            member(1, "A", kpis=[KpiMonth(month, qualified_conversations=3)]),
            member(2, "B", kpis=[KpiMonth(month, opportunities=2, impressions=10)]),
            member(3, "C", kpis=[KpiMonth(month, impressions=10)]),
        ],
        TODAY,
    )
    total = next(tot for tot in team.totals if tot.month == month)
    assert (total.qualified_conversations, total.opportunities, total.members) == (3, 2, 2)


def test_the_totals_span_the_charts_year() -> None:
    totals = build_team([], TODAY).totals
    assert [tot.month for tot in totals] == [add_months(THIS_MONTH, n) for n in range(-11, 1)]


# --- orders -------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None)
@given(teams(), st.sampled_from(SORTS))
def test_sorting_is_a_permutation_of_the_rows(members: list[MemberInput], by: str) -> None:
    rows = build_team(members, TODAY).rows
    assert sorted(r.profile_id for r in sort_rows(rows, by)) == sorted(r.profile_id for r in rows)


ssi_values = st.none() | st.floats(0, 100, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(teams(), st.sampled_from(SORTS), st.data())
def test_no_order_depends_on_the_ssi(
    members: list[MemberInput], by: str, data: st.DataObject
) -> None:
    rows = build_team(members, TODAY).rows
    other_scores = tuple(
        replace(row, ssi=data.draw(ssi_values), ssi_change=data.draw(ssi_values), signals=())
        for row in rows
    )
    assert [r.profile_id for r in sort_rows(other_scores, by)] == [
        r.profile_id for r in sort_rows(rows, by)
    ]


@pytest.mark.parametrize("key", ["ssi", "SSI", "ssi_change", "score", ""])
def test_an_ssi_sort_key_is_refused(key: str) -> None:
    rows = build_team([member()], TODAY).rows
    with pytest.raises(ValueError, match="name or activity"):
        sort_rows(rows, key)


def test_the_only_orders_are_by_name_and_by_activity() -> None:
    assert SORTS == ("name", "activity")


def test_the_name_order_ignores_case_and_accents() -> None:
    names = ["François", "bob", "Élodie", "Alice", "Didier"]
    rows = build_team([member(n, name) for n, name in enumerate(names, start=1)], TODAY).rows
    assert [r.name for r in sort_rows(rows, "name")] == [
        "Alice",
        "bob",
        "Didier",
        "Élodie",
        "François",
    ]


def test_the_activity_order_puts_the_longest_quiet_member_first_and_the_never_active_before() -> (
    None
):
    rows = build_team(
        [
            member(1, "Recent", last_login=at(TODAY - timedelta(days=1))),
            member(2, "Never"),
            member(3, "Quiet", last_login=at(TODAY - timedelta(days=40))),
        ],
        TODAY,
    ).rows
    assert [r.name for r in sort_rows(rows, "activity")] == ["Never", "Quiet", "Recent"]


def test_the_team_lists_its_rows_by_name() -> None:
    rows = build_team([member(1, "Zoé"), member(2, "Alice")], TODAY).rows
    assert [r.name for r in rows] == ["Alice", "Zoé"]


# --- texts --------------------------------------------------------------------------------


def test_the_table_shows_the_goal_results_and_the_routine_before_the_ssi(lang: Lang) -> None:
    titles = columns(lang)
    place = {key: titles.index(t(lang, f"team.col.{key}")) for key in ("result_1", "routine")}
    ssi = titles.index(t(lang, "team.col.ssi"))
    assert max(place.values()) < ssi
    assert titles[-1] == t(lang, "team.col.signals")


@pytest.fixture(params=list(Lang))
def lang(request: pytest.FixtureRequest) -> Lang:
    """Run a test in each language."""
    found: Lang = request.param
    return found


def test_a_row_reads_in_french_with_french_numbers_and_spaces() -> None:
    end = add_months(THIS_MONTH, -1)
    data = member(
        readings=[
            reading(TODAY - timedelta(days=40), 61.9),
            reading(TODAY - timedelta(days=5), 64.1),
        ],
        kpis=[
            KpiMonth(add_months(end, -3), qualified_conversations=4, opportunities=2),
            KpiMonth(end, qualified_conversations=6, opportunities=2),
        ],
    )
    cells = dict(zip(columns(Lang.FR), table_cells(row_of(data), Lang.FR), strict=True))
    assert cells["Objectif"] == "Prospection"
    assert cells["Résultat 1"] == f"Conversations qualifiées{NBSP}: 6 (+50,0{NBSP}% en 3 mois)"
    assert cells["SSI"] == "64,1"
    assert cells["SSI depuis le relevé précédent"] == "+2,2 points"


def test_a_row_reads_in_english() -> None:
    data = member(goal=None, readings=[reading(TODAY - timedelta(days=5), 40)])
    cells = dict(zip(columns(Lang.EN), table_cells(row_of(data), Lang.EN), strict=True))
    assert cells["Goal"] == "—"
    assert cells["SSI"] == "40"
    assert cells["Routine (4 weeks)"] == "—"


def test_a_kpi_without_a_figure_three_months_earlier_says_so_instead_of_a_change() -> None:
    data = member(kpis=[KpiMonth(THIS_MONTH, qualified_conversations=3, opportunities=1)])
    cells = table_cells(row_of(data), Lang.EN)
    assert "Qualified conversations: 3 (no figure 3 months earlier)" in cells


def test_signals_are_named_for_the_coach_not_addressed_to_the_member(lang: Lang) -> None:
    data = member(
        readings=[reading(TODAY - timedelta(days=3), 40), reading(TODAY - timedelta(days=1), 41)]
    )
    signals = table_cells(row_of(data), lang)[-1]
    assert signals == t(lang, "team.signal.too_frequent")


def test_the_totals_table_lists_months_with_figures_newest_first_with_a_dash_for_none() -> None:
    older, newer = add_months(THIS_MONTH, -3), add_months(THIS_MONTH, -1)
    team = build_team(
        [
            member(1, "A", kpis=[KpiMonth(older, qualified_conversations=1200)]),
            member(2, "B", kpis=[KpiMonth(newer, opportunities=2)]),
        ],
        TODAY,
    )
    table = totals_table(team.totals, Lang.FR)
    assert list(table.columns) == [
        "Mois",
        "Conversations qualifiées",
        "Opportunités",
        "Membres ayant saisi",
    ]
    assert len(table) == 2
    assert table.iloc[0, 1:].tolist() == ["—", "2", "1"]
    assert table.iloc[1, 1] == "1\u202f200"


def test_the_team_table_keeps_the_order_it_is_given() -> None:
    rows = build_team([member(1, "A"), member(2, "B")], TODAY).rows
    table = team_table(tuple(reversed(rows)), Lang.EN)
    assert table["Member"].tolist() == ["B", "A"]


# --- the small multiples ------------------------------------------------------------------


def drawn(data: MemberInput) -> tuple[TeamRow, tuple[MonthRow, ...]]:
    """Return a member's row and the months their small chart draws."""
    return row_of(data), chart_months(data.readings, data.kpis, TODAY)


def charted(goal: Goal | None = Goal.PROSPECTING) -> tuple[TeamRow, tuple[MonthRow, ...]]:
    """Return a row with a year of check-ins and results to draw, and its months."""
    months = [add_months(THIS_MONTH, n) for n in range(-11, 0)]
    return drawn(
        member(
            goal=goal,
            readings=[reading(m + timedelta(days=9), 40 + n) for n, m in enumerate(months)],
            kpis=[
                KpiMonth(m, qualified_conversations=n, impressions=100)
                for n, m in enumerate(months)
            ],
        )
    )


def panel_titles(spec: dict[str, object]) -> list[str]:
    """Return the titles of a chart's stacked panels."""
    panels = spec["vconcat"]
    assert isinstance(panels, list)
    return [panel["title"]["text"] for panel in panels]


def test_a_members_chart_draws_the_goals_kpis_then_the_ssi() -> None:
    chart = member_chart(*charted(), Lang.EN)
    assert chart is not None
    assert panel_titles(chart.to_dict()) == [
        "Qualified conversations",
        "Opportunities",
        "Total SSI",
    ]


def test_a_member_without_a_goal_gets_a_chart_of_the_ssi_alone() -> None:
    chart = member_chart(*charted(goal=None), Lang.FR)
    assert chart is not None
    assert panel_titles(chart.to_dict()) == [t(Lang.FR, f"kpi_chart.kpi.{SSI}")]


def test_every_members_chart_spans_the_same_year_so_that_they_read_alike() -> None:
    full = member_chart(*charted(), Lang.FR)
    sparse = member_chart(*drawn(member(readings=[reading(TODAY, 50)])), Lang.FR)
    assert full is not None
    assert sparse is not None
    lines = [
        panel
        for chart in (full, sparse)
        for panel in chart.to_dict()["vconcat"]
        if panel["mark"]["type"] == "line"
    ]
    assert len(lines) == 3
    domains = {tuple(p["encoding"]["x"]["scale"]["domain"]) for p in lines}
    assert domains == {(add_months(THIS_MONTH, -11).isoformat(), THIS_MONTH.isoformat())}


def test_the_goal_is_drawn_in_the_goal_colour_and_the_ssi_starts_at_zero_out_of_100() -> None:
    chart = member_chart(*charted(), Lang.EN)
    assert chart is not None
    conversations, _, ssi = chart.to_dict()["vconcat"]
    assert conversations["mark"]["color"] == GOAL_COLOR
    assert ssi["encoding"]["y"]["scale"]["domain"] == [0, 100]


def test_a_members_chart_is_titled_by_their_name_and_described_for_screen_readers() -> None:
    chart = member_chart(*charted(), Lang.FR)
    assert chart is not None
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Alice"
    assert "Alice" in spec["description"]
    assert "conversations qualifiées" in spec["description"]


@pytest.mark.parametrize("goal", [Goal.PROSPECTING, Goal.NOTORIETY, None])
def test_a_members_chart_is_valid_vega_lite_and_renders(goal: Goal | None) -> None:
    chart = member_chart(*charted(goal), Lang.FR)
    assert chart is not None
    svg = vl_convert.vegalite_to_svg(chart.to_json(validate=True))
    assert "<svg" in svg


def test_a_members_chart_summary_says_the_latest_figure_of_each_series() -> None:
    summary = chart_summary(*charted(), Lang.EN)
    assert summary.startswith("Qualified conversations: 10 in ")
    assert "Total SSI: 50 in " in summary


def test_a_chart_summary_without_a_goal_ends_its_figures_before_the_note() -> None:
    summary = chart_summary(*charted(goal=None), Lang.FR)
    assert summary.endswith(". Pas encore d’objectif\u00a0: seul le SSI est tracé.")
