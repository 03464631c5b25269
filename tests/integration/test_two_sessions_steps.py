"""Two sessions step by step: what one writes between the other's question and its answer.

Each test plays both sessions in turn in one process, on SQLite and on PostgreSQL; the
concurrent runs are in test_two_sessions.py.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from ssi_coach.checkin import CheckinStatus
from ssi_coach.habits import Holiday
from ssi_coach.model import KpiMonth, Reading
from ssi_coach.plan import Lever
from ssi_coach.records import HOLIDAY, SKIP, KpiEntry, ReadingSource, StoredTick
from ssi_coach.routine import Task
from ssi_coach.services import checkin, journal, today
from ssi_coach.services.journal import JournalStatus
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store import readings as readings_store
from ssi_coach.store.kpis import KpiMonthChanged, delete_kpis, list_kpis, save_kpis
from ssi_coach.store.readings import (
    ReadingChanged,
    ReadingExists,
    delete_reading,
    list_readings,
    list_sources,
    move_reading,
    replace_reading,
    save_reading,
)
from ssi_coach.store.routine import (
    clear_day_marks,
    list_day_marks,
    list_ticks,
    set_day_mark,
    set_holiday,
    set_tick,
)
from ssi_coach.store.tables import ReadingRow
from tests.unit.strategies import readings

DAY = date(2025, 9, 1)
SHOWN = Reading(DAY, 10, 10, 10, 10)
THEIRS = Reading(DAY, 11, 10, 10, 10, industry_rank=20)
MINE = Reading(DAY, 12.275, 6, 3.1, 1.5)
MONTH = date(2025, 9, 1)
SHOWN_MONTH = KpiEntry(KpiMonth(MONTH, 9000, 90))
THEIR_MONTH = KpiEntry(KpiMonth(MONTH, 9000, 90), followers=850)
MY_MONTH = KpiEntry(KpiMonth(MONTH, 12_400, 372))
FEW_EXAMPLES = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def repo(engine: Engine) -> Repo:
    return open_default(engine)


# --- replacing a reading ---------------------------------------------------------------------


def test_a_reading_changed_since_it_was_shown_is_not_replaced(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SHOWN)
    save_reading(repo.engine, repo.profile_id, THEIRS, replace=True)
    with pytest.raises(ReadingChanged) as changed:
        replace_reading(repo.engine, repo.profile_id, MINE, SHOWN)
    assert changed.value.current == THEIRS
    assert list_readings(repo.engine, repo.profile_id) == [THEIRS]


def test_a_reading_unchanged_since_it_was_shown_is_replaced_with_its_page(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SHOWN)
    page = ReadingSource("Votre Social Selling Index…", "3", "Conseil")
    replace_reading(repo.engine, repo.profile_id, MINE, SHOWN, page)
    assert list_readings(repo.engine, repo.profile_id) == [MINE]
    assert list_sources(repo.engine, repo.profile_id) == {DAY: page}


def test_a_reading_deleted_since_it_was_shown_is_not_stored_again(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SHOWN)
    delete_reading(repo.engine, repo.profile_id, DAY)
    with pytest.raises(ReadingChanged) as changed:
        replace_reading(repo.engine, repo.profile_id, MINE, SHOWN)
    assert changed.value.current is None
    assert list_readings(repo.engine, repo.profile_id) == []


def test_the_service_answers_changed_with_the_newer_reading_to_decide_again(repo: Repo) -> None:
    asked = checkin.store_checkin(repo, SHOWN)
    asked = checkin.store_checkin(repo, MINE)
    assert asked.status is CheckinStatus.EXISTS
    save_reading(repo.engine, repo.profile_id, THEIRS, replace=True)
    again = checkin.store_checkin(repo, MINE, True, shown=asked.existing)
    assert (again.status, again.existing) == (CheckinStatus.CHANGED, THEIRS)
    done = checkin.store_checkin(repo, MINE, True, shown=again.existing)
    assert done.status is CheckinStatus.REPLACED
    assert list_readings(repo.engine, repo.profile_id) == [MINE]


def test_a_reading_changed_meanwhile_into_mine_is_already_recorded(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SHOWN)
    save_reading(repo.engine, repo.profile_id, MINE, replace=True)
    outcome = checkin.store_checkin(repo, MINE, True, shown=SHOWN)
    assert outcome.status is CheckinStatus.UNCHANGED


@FEW_EXAMPLES
@given(stored=readings, other=readings)
def test_a_replace_succeeds_exactly_when_the_stored_figures_are_the_ones_shown(
    repo: Repo, stored: Reading, other: Reading
) -> None:
    # Optional figures left empty (NULL) must compare equal to themselves, and only then.
    with repo.engine.begin() as connection:
        connection.execute(delete(ReadingRow))
    stored = replace(stored, taken_on=DAY)
    shown = replace(other, taken_on=DAY)
    save_reading(repo.engine, repo.profile_id, stored)
    outcome = checkin.store_checkin(repo, MINE, True, shown=shown)
    if shown == stored:
        assert outcome.status is CheckinStatus.REPLACED
        assert list_readings(repo.engine, repo.profile_id) == [MINE]
    else:
        assert (outcome.status, outcome.existing) == (CheckinStatus.CHANGED, stored)
        assert list_readings(repo.engine, repo.profile_id) == [stored]


@FEW_EXAMPLES
@given(steps=st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=1, max_size=20))
def test_interleaved_sessions_replace_only_what_they_last_saw(
    repo: Repo, steps: list[tuple[int, bool]]
) -> None:
    """Each step, one of four sessions either looks at the reading again or replaces it."""
    with repo.engine.begin() as connection:
        connection.execute(delete(ReadingRow))
    save_reading(repo.engine, repo.profile_id, SHOWN)
    stored = SHOWN
    seen = [SHOWN] * 4
    for number, (session, writes) in enumerate(steps):
        if not writes:
            seen[session] = stored
            continue
        mine = Reading(DAY, number, session, 10, 10)
        outcome = checkin.store_checkin(repo, mine, True, shown=seen[session])
        if seen[session] == stored:
            assert outcome.status is CheckinStatus.REPLACED
            stored = mine
        else:
            assert (outcome.status, outcome.existing) == (CheckinStatus.CHANGED, stored)
        seen[session] = stored
        assert list_readings(repo.engine, repo.profile_id) == [stored]


def test_a_reading_stored_between_the_check_and_the_write_is_reported_as_existing(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_reading(repo.engine, repo.profile_id, THEIRS)
    # The other session's insert lands after this one looked and found the date free.
    looked = readings_store._row_on
    first_look = iter([True])

    def look(session: Session, profile_id: int, taken_on: date) -> ReadingRow | None:
        return None if next(first_look, False) else looked(session, profile_id, taken_on)

    monkeypatch.setattr(readings_store, "_row_on", look)
    with pytest.raises(ReadingExists) as exists:
        save_reading(repo.engine, repo.profile_id, MINE)
    assert exists.value.existing == THEIRS


# --- correcting a reading of the history -----------------------------------------------------


def test_a_correction_of_a_reading_changed_since_the_form_opened_is_not_saved(
    repo: Repo,
) -> None:
    save_reading(repo.engine, repo.profile_id, SHOWN)
    save_reading(repo.engine, repo.profile_id, THEIRS, replace=True)
    outcome = checkin.store_edit(repo, DAY, MINE, shown=SHOWN)
    assert (outcome.status, outcome.existing) == (CheckinStatus.CHANGED, THEIRS)
    assert list_readings(repo.engine, repo.profile_id) == [THEIRS]


def test_a_move_onto_a_reading_changed_since_the_question_drops_nothing(repo: Repo) -> None:
    october = date(2025, 10, 1)
    occupant = Reading(october, 9, 9, 9, 9)
    save_reading(repo.engine, repo.profile_id, SHOWN)
    save_reading(repo.engine, repo.profile_id, occupant)
    theirs = Reading(october, 14, 9, 9, 9)
    save_reading(repo.engine, repo.profile_id, theirs, replace=True)
    moved = replace(MINE, taken_on=october)
    with pytest.raises(ReadingChanged) as changed:
        move_reading(repo.engine, repo.profile_id, DAY, moved, True, occupant=occupant)
    assert changed.value.current == theirs
    assert list_readings(repo.engine, repo.profile_id) == [SHOWN, theirs]


def test_a_move_onto_the_reading_shown_replaces_it(repo: Repo) -> None:
    october = date(2025, 10, 1)
    occupant = Reading(october, 9, 9, 9, 9)
    save_reading(repo.engine, repo.profile_id, SHOWN)
    save_reading(repo.engine, repo.profile_id, occupant)
    moved = replace(MINE, taken_on=october)
    move_reading(repo.engine, repo.profile_id, DAY, moved, True, shown=SHOWN, occupant=occupant)
    assert list_readings(repo.engine, repo.profile_id) == [moved]


# --- saving a month --------------------------------------------------------------------------


def test_a_month_changed_since_it_was_shown_is_not_replaced(repo: Repo) -> None:
    save_kpis(repo.engine, repo.profile_id, SHOWN_MONTH)
    save_kpis(repo.engine, repo.profile_id, THEIR_MONTH, replace=True)
    with pytest.raises(KpiMonthChanged) as changed:
        save_kpis(repo.engine, repo.profile_id, MY_MONTH, replace=True, shown=SHOWN_MONTH)
    assert changed.value.current == THEIR_MONTH
    assert list_kpis(repo.engine, repo.profile_id) == [THEIR_MONTH]


def test_the_journal_answers_changed_then_replaces_once_the_newer_month_was_seen(
    repo: Repo,
) -> None:
    journal.save_month(repo, SHOWN_MONTH, replace=False)
    asked = journal.save_month(repo, MY_MONTH, replace=False)
    save_kpis(repo.engine, repo.profile_id, THEIR_MONTH, replace=True)
    again = journal.save_month(repo, MY_MONTH, replace=True, shown=asked.existing)
    assert (again.status, again.existing) == (JournalStatus.CHANGED, THEIR_MONTH)
    done = journal.save_month(repo, MY_MONTH, replace=True, shown=again.existing)
    assert done.status is JournalStatus.REPLACED
    assert list_kpis(repo.engine, repo.profile_id) == [MY_MONTH]


def test_a_month_deleted_since_it_was_shown_is_not_stored_again(repo: Repo) -> None:
    save_kpis(repo.engine, repo.profile_id, SHOWN_MONTH)
    delete_kpis(repo.engine, repo.profile_id, MONTH)
    outcome = journal.save_month(repo, MY_MONTH, replace=True, shown=SHOWN_MONTH)
    assert (outcome.status, outcome.existing) == (JournalStatus.CHANGED, None)
    assert list_kpis(repo.engine, repo.profile_id) == []


def test_an_unchanged_correction_of_a_month_changed_meanwhile_is_reported(repo: Repo) -> None:
    save_kpis(repo.engine, repo.profile_id, SHOWN_MONTH)
    save_kpis(repo.engine, repo.profile_id, THEIR_MONTH, replace=True)
    outcome = journal.save_month(repo, SHOWN_MONTH, replace=True, shown=SHOWN_MONTH)
    assert (outcome.status, outcome.existing) == (JournalStatus.CHANGED, THEIR_MONTH)
    assert list_kpis(repo.engine, repo.profile_id) == [THEIR_MONTH]


# --- ticks and day marks ---------------------------------------------------------------------

TASK = Task(Lever.COMMENTS, 5, "comments.angle")


def test_ticking_or_unticking_twice_is_the_same_as_once(repo: Repo) -> None:
    for done in (True, True):
        today.tick_task(repo, DAY, TASK, done, DAY)
    assert list_ticks(repo.engine, repo.profile_id) == [StoredTick(DAY, TASK.key, "comments", 5)]
    for done in (False, False):
        today.tick_task(repo, DAY, TASK, done, DAY)
    assert list_ticks(repo.engine, repo.profile_id) == []


def test_a_second_tick_keeps_the_first_ones_minutes(repo: Repo) -> None:
    set_tick(repo.engine, repo.profile_id, DAY, TASK.key, "comments", 5, True)
    set_tick(repo.engine, repo.profile_id, DAY, TASK.key, "comments", 10, True)
    assert list_ticks(repo.engine, repo.profile_id) == [StoredTick(DAY, TASK.key, "comments", 5)]


def test_a_day_mark_set_twice_or_over_another_keeps_the_last_kind(repo: Repo) -> None:
    set_day_mark(repo.engine, repo.profile_id, DAY, SKIP)
    set_day_mark(repo.engine, repo.profile_id, DAY, SKIP)
    set_holiday(repo.engine, repo.profile_id, DAY, DAY + timedelta(days=1))
    set_holiday(repo.engine, repo.profile_id, DAY, DAY + timedelta(days=1))
    set_day_mark(repo.engine, repo.profile_id, DAY + timedelta(days=1), SKIP)
    assert list_day_marks(repo.engine, repo.profile_id) == {
        DAY: HOLIDAY,
        DAY + timedelta(days=1): SKIP,
    }


def test_unskipping_a_day_turned_holiday_meanwhile_keeps_the_holiday(repo: Repo) -> None:
    today.skip_day(repo, DAY, DAY)
    set_holiday(repo.engine, repo.profile_id, DAY, DAY)
    today.unskip_day(repo, DAY, DAY)
    assert list_day_marks(repo.engine, repo.profile_id) == {DAY: HOLIDAY}


def test_cancelling_a_holiday_keeps_a_day_skipped_meanwhile(repo: Repo) -> None:
    end = DAY + timedelta(days=2)
    today.add_holiday(repo, DAY, end, DAY)
    set_day_mark(repo.engine, repo.profile_id, end, SKIP)
    today.cancel_holiday(repo, Holiday(DAY, end), DAY)
    assert list_day_marks(repo.engine, repo.profile_id) == {end: SKIP}


def test_clearing_marks_of_one_kind_leaves_the_others(repo: Repo) -> None:
    set_day_mark(repo.engine, repo.profile_id, DAY, SKIP)
    set_holiday(repo.engine, repo.profile_id, DAY + timedelta(days=1), DAY + timedelta(days=1))
    clear_day_marks(repo.engine, repo.profile_id, [DAY, DAY + timedelta(days=1)], kind=SKIP)
    assert list_day_marks(repo.engine, repo.profile_id) == {DAY + timedelta(days=1): HOLIDAY}
