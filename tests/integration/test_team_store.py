"""The team page's reads on SQLite and PostgreSQL: a fixed number of queries, each row its own."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, event, update

from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.months import add_months, month_of
from ssi_coach.records import KpiEntry, ReadingSource, StoredTick
from ssi_coach.services.team import team_months, team_overview, team_roster
from ssi_coach.store import answers as answers_store
from ssi_coach.store import kpis as kpis_store
from ssi_coach.store import readings as readings_store
from ssi_coach.store import routine as routine_store
from ssi_coach.store.engine import read_only_view
from ssi_coach.store.profiles import (
    create_profile,
    profile_for_identity,
    record_login,
    rename_profile,
)
from ssi_coach.store.tables import IdentityRow
from ssi_coach.store.team import read_members, read_roster
from ssi_coach.team import MemberInput, Window, build_row, chart_months

TODAY = date.today()
THIS_MONTH = month_of(TODAY)
ISSUER = "https://idp.test"


def reading(day: date, total: float) -> Reading:
    """Return a check-in with the given total, spread over the four pillars."""
    quarter = round(total / 4, 3)
    return Reading(day, quarter, quarter, quarter, round(total - 3 * quarter, 3))


def seed_member(engine: Engine, index: int) -> int:
    """Store a member whose figures all carry their index, over two years, and return the id."""
    profile = profile_for_identity(
        engine, ISSUER, f"member-{index}", f"m{index}@example.com", f"Member {index:02d}"
    )
    goal = Goal.PROSPECTING if index % 2 else Goal.NOTORIETY
    answers_store.save_answers(
        engine, profile, Answers(goal=goal, role=Role.FREELANCE, already_converting=False)
    )
    # Monthly check-ins over two years, the older ones outside the page's window.
    for months_back in range(24, 0, -3):
        day = add_months(THIS_MONTH, -months_back) + timedelta(days=4)
        source = ReadingSource("pasted", "1", f"Secteur {index % 3}" if months_back < 9 else "")
        readings_store.save_reading(
            engine, profile, reading(day, 30 + index + months_back / 10), source=source
        )
    readings_store.save_reading(engine, profile, reading(TODAY - timedelta(days=2), 40 + index))
    for months_back in range(1, 16):
        month = add_months(THIS_MONTH, -months_back)
        kpis_store.save_kpis(
            engine,
            profile,
            KpiEntry(
                KpiMonth(
                    month,
                    impressions=1000 + index,
                    engagements=10 + months_back,
                    qualified_conversations=index + months_back,
                    opportunities=index,
                )
            ),
        )
    ticks = [
        StoredTick(TODAY - timedelta(days=n), f"task.{k}", "comments", 5)
        for n in range(0, 60, 2)
        for k in range(index % 4 + 1)
    ]
    routine_store.add_ticks(engine, profile, ticks)
    routine_store.set_day_mark(engine, profile, TODAY - timedelta(days=3), "skip")
    return profile


@contextmanager
def counted(engine: Engine) -> Iterator[list[str]]:
    """Collect every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", listen)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", listen)


def test_the_team_page_sends_as_many_queries_for_20_members_as_for_2(engine: Engine) -> None:
    for index in range(2):
        seed_member(engine, index)
    with counted(engine) as few:
        team = team_overview(engine, TODAY)
    assert len(team.rows) == 2
    for index in range(2, 20):
        seed_member(engine, index)
    with counted(engine) as many:
        team = team_overview(engine, TODAY)
    assert len(team.rows) == 20
    assert len(many) == len(few) == 7


def test_a_page_rerun_with_an_unchanged_roster_sends_one_query(engine: Engine) -> None:
    seed_member(engine, 1)
    with counted(engine) as sent:
        team_roster(engine, TODAY)
    assert len(sent) == 1


def test_the_roster_is_equal_while_nothing_changed(engine: Engine) -> None:
    seed_member(engine, 1)
    assert team_roster(engine, TODAY) == team_roster(engine, TODAY)


def _tick(engine: Engine, profile: int) -> None:
    routine_store.set_tick(engine, profile, TODAY, "task.new", "comments", 5, True)


def _untick(engine: Engine, profile: int) -> None:
    routine_store.set_tick(engine, profile, TODAY, "task.0", "comments", 5, False)


def _holiday(engine: Engine, profile: int) -> None:
    routine_store.set_day_mark(engine, profile, TODAY - timedelta(days=3), "holiday")


def _edit_reading(engine: Engine, profile: int) -> None:
    day = TODAY - timedelta(days=2)
    readings_store.save_reading(engine, profile, reading(day, 70), replace=True)


def _delete_old_reading(engine: Engine, profile: int) -> None:
    oldest = readings_store.list_readings(engine, profile)[0].taken_on
    readings_store.delete_reading(engine, profile, oldest)


def _delete_results(engine: Engine, profile: int) -> None:
    kpis_store.delete_kpis(engine, profile, add_months(THIS_MONTH, -15))


def _new_answers(engine: Engine, profile: int) -> None:
    answers_store.save_answers(
        engine, profile, Answers(goal=Goal.NOTORIETY, role=Role.SALES, already_converting=True)
    )


def _rename(engine: Engine, profile: int) -> None:
    rename_profile(engine, profile, "Renamed")


def _login(engine: Engine, profile: int) -> None:
    record_login(engine, ISSUER, "member-1")


@pytest.mark.parametrize(
    "change",
    [
        _tick,
        _untick,
        _holiday,
        _edit_reading,
        _delete_old_reading,
        _delete_results,
        _new_answers,
        _rename,
        _login,
    ],
)
def test_any_change_the_page_shows_makes_the_roster_differ(
    engine: Engine, change: Callable[[Engine, int], None]
) -> None:
    profile = seed_member(engine, 1)
    before = team_roster(engine, TODAY)
    change(engine, profile)
    assert team_roster(engine, TODAY) != before


def test_each_members_data_lands_on_that_members_row(engine: Engine) -> None:
    ids = {seed_member(engine, index): index for index in range(5)}
    team = team_overview(engine, TODAY)
    assert {row.profile_id for row in team.rows} == set(ids)
    for row in team.rows:
        index = ids[row.profile_id]
        assert row.name == f"Member {index:02d}"
        assert row.email == f"m{index}@example.com"
        assert row.ssi == 40 + index
        assert row.last_checkin == TODAY - timedelta(days=2)
        assert row.goal is (Goal.PROSPECTING if index % 2 else Goal.NOTORIETY)
        latest = add_months(THIS_MONTH, -1)
        assert row.results_month == latest
        if row.goal is Goal.PROSPECTING:
            assert [f.value for f in row.results] == [index + 1, index]
        else:
            assert row.results[0].value == 1000 + index


def test_the_team_totals_add_up_every_members_month(engine: Engine) -> None:
    for index in range(4):
        seed_member(engine, index)
    totals = {t.month: t for t in team_overview(engine, TODAY).totals}
    month = add_months(THIS_MONTH, -2)
    assert totals[month].qualified_conversations == sum(index + 2 for index in range(4))
    assert totals[month].opportunities == sum(range(4))
    assert totals[month].members == 4


def whole_history(engine: Engine, profile: int) -> MemberInput:
    """Return everything one member's profile holds, read through each table's own functions."""
    ticks = routine_store.list_ticks(engine, profile)
    sources = readings_store.list_sources(engine, profile)
    return MemberInput(
        profile_id=profile,
        name="",
        email="",
        answers=tuple(answers_store.answers_history(engine, profile)),
        readings=tuple(readings_store.list_readings(engine, profile)),
        industries=tuple(
            (day, s.industry_name) for day, s in sorted(sources.items()) if s.industry_name
        ),
        kpis=tuple(entry.kpis for entry in kpis_store.list_kpis(engine, profile)),
        ticks=tuple(ticks),
        marks=tuple(sorted(routine_store.list_day_marks(engine, profile).items())),
        first_tick=ticks[0].day if ticks else None,
        last_tick=ticks[-1].day if ticks else None,
    )


def test_the_window_read_for_the_team_gives_the_rows_of_the_whole_history(engine: Engine) -> None:
    for index in range(3):
        seed_member(engine, index)
    window = Window(TODAY)
    for read in read_members(engine, read_roster(engine, TODAY)):
        full = whole_history(engine, read.profile_id)
        assert len(read.readings) < len(full.readings)
        assert len(read.ticks) < len(full.ticks)
        mine = MemberInput(
            **{
                **full.__dict__,
                "name": read.name,
                "email": read.email,
                "last_login": read.last_login,
                "checkin_saved_at": read.checkin_saved_at,
                "kpis_saved_at": read.kpis_saved_at,
            }
        )
        assert build_row(read, window) == build_row(mine, window)


def test_the_charts_months_are_read_in_one_query_and_match_the_whole_history(
    engine: Engine,
) -> None:
    ids = [seed_member(engine, index) for index in range(4)]
    team = team_overview(engine, TODAY)
    with counted(engine) as sent:
        months = team_months(engine, team, ids[:3])
    assert len(sent) == 1
    assert set(months) == set(ids[:3])
    for pid, drawn in months.items():
        full = whole_history(engine, pid)
        assert drawn == chart_months(full.readings, full.kpis, TODAY)
        # The check-in of two days ago is drawn, this month or the one before.
        assert any(month.ssi is not None for month in drawn[-2:])


def test_local_profiles_and_the_coachs_own_are_left_off_the_team(engine: Engine) -> None:
    create_profile(engine, "Local")
    coach = profile_for_identity(engine, ISSUER, "coach", "coach@example.com", "Coach")
    member = seed_member(engine, 1)
    rows = team_overview(engine, TODAY, leave_out=coach).rows
    assert [row.profile_id for row in rows] == [member]


def test_a_team_without_members_is_empty_and_still_has_its_months(engine: Engine) -> None:
    team = team_overview(engine, TODAY)
    assert team.rows == ()
    assert len(team.totals) == 12


def test_the_team_is_read_through_a_view_that_refuses_writes(engine: Engine) -> None:
    seed_member(engine, 1)
    assert len(team_overview(read_only_view(engine), TODAY).rows) == 1


def test_last_activity_follows_the_latest_login(engine: Engine) -> None:
    profile = seed_member(engine, 1)
    with engine.begin() as connection:
        connection.execute(
            update(IdentityRow)
            .where(IdentityRow.profile_id == profile)
            .values(last_login_at=datetime.combine(TODAY + timedelta(days=5), time(12)))
        )
    assert team_overview(engine, TODAY).rows[0].last_activity == TODAY + timedelta(days=5)
