"""The coach's team page: every member's row and the team's totals, read in a few queries."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import Engine

from ssi_coach.kpis import MonthRow
from ssi_coach.store import team as team_store

# Named here for the page, which reaches the store only through the services.
from ssi_coach.store.team import Roster as Roster
from ssi_coach.team import Team, Window, build_team, chart_months

# These span every member's profile, so they take the engine rather than one profile's Repo;
# the caller checks that the session is a coach's right before. `leave_out` is a profile to
# leave off the team: the coach's own.


def team_roster(engine: Engine, today: date, *, leave_out: int | None = None) -> Roster:
    """Return who is on the team and how much data each holds, in one query."""
    # Equal from one call to the next while no member's data changed: a page keeps the team
    # it built from an equal roster instead of reading every member again.
    return team_store.read_roster(engine, today, leave_out)


def team_of(engine: Engine, roster: Roster) -> Team:
    """Return the team of a roster: one row per member by name, and the monthly totals."""
    return build_team(team_store.read_members(engine, roster), roster.today)


def team_overview(engine: Engine, today: date, *, leave_out: int | None = None) -> Team:
    """Return the team as of today, read in a fixed number of queries whatever its size."""
    return team_of(engine, team_roster(engine, today, leave_out=leave_out))


def team_months(
    engine: Engine, team: Team, profile_ids: Sequence[int]
) -> dict[int, tuple[MonthRow, ...]]:
    """Return the months the small charts of some members draw, reading their year in one query."""
    since = Window(team.today).first_month
    readings = team_store.read_chart_readings(engine, profile_ids, since)
    return {
        pid: chart_months(readings.get(pid, ()), team.members[pid].kpis, team.today)
        for pid in profile_ids
    }
