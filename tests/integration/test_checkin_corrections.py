"""Correcting, moving, deleting and restoring readings, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ssi_coach.checkin import CheckinStatus
from ssi_coach.model import Reading
from ssi_coach.records import ReadingSource
from ssi_coach.services import checkin
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.readings import list_sources, save_reading
from ssi_coach.store.tables import ReadingRow

SEPTEMBER = Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5)
OCTOBER = Reading(date(2025, 10, 1), 13, 7.25, 4, 2)
FORM = {"taken_on": OCTOBER.taken_on, "brand": "12,275", "people": "6", "insights": "3,1"}
PASTED = ReadingSource("Votre Social Selling Index\n…", "3", "Conseil en management")


@pytest.fixture
def repo(engine: Engine) -> Repo:
    return open_default(engine)


def created_at(repo: Repo, day: date) -> object:
    with Session(repo.engine) as session:
        return session.scalar(select(ReadingRow.created_at).where(ReadingRow.taken_on == day))


def test_moving_a_reading_onto_another_date_replaces_that_one_in_one_step(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SEPTEMBER, source=PASTED)
    save_reading(repo.engine, repo.profile_id, OCTOBER)
    moved = Reading(OCTOBER.taken_on, 12.275, 6, 3.1, 1.5)
    asked = checkin.store_edit(repo, SEPTEMBER.taken_on, moved)
    assert asked.status is CheckinStatus.EXISTS
    assert checkin.list_readings(repo) == [SEPTEMBER, OCTOBER]
    done = checkin.store_edit(repo, SEPTEMBER.taken_on, moved, replace=True)
    assert done.status is CheckinStatus.EDITED
    assert checkin.list_readings(repo) == [moved]
    assert list_sources(repo.engine, repo.profile_id) == {OCTOBER.taken_on: PASTED}


def test_correcting_a_reading_deleted_meanwhile_saves_nothing(repo: Repo) -> None:
    outcome = checkin.store_edit(repo, SEPTEMBER.taken_on, SEPTEMBER)
    assert outcome.status is CheckinStatus.MISSING
    assert checkin.list_readings(repo) == []


def test_an_invalid_correction_names_the_field_and_changes_nothing(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, OCTOBER)
    outcome = checkin.edit_reading(repo, OCTOBER.taken_on, FORM | {"relationships": "26"})
    assert [error.field for error in outcome.errors] == ["relationships"]
    assert checkin.list_readings(repo) == [OCTOBER]


def test_a_deleted_reading_comes_back_exactly_as_it_was(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SEPTEMBER, source=PASTED)
    first_saved = created_at(repo, SEPTEMBER.taken_on)
    removed = checkin.remove_reading(repo, SEPTEMBER.taken_on)
    assert removed is not None
    assert checkin.list_readings(repo) == []
    assert checkin.restore_reading(repo, removed).done
    assert checkin.list_readings(repo) == [SEPTEMBER]
    assert list_sources(repo.engine, repo.profile_id) == {SEPTEMBER.taken_on: PASTED}
    assert created_at(repo, SEPTEMBER.taken_on) == first_saved


def test_an_undo_never_overwrites_a_reading_saved_on_that_date_since(repo: Repo) -> None:
    save_reading(repo.engine, repo.profile_id, SEPTEMBER)
    removed = checkin.remove_reading(repo, SEPTEMBER.taken_on)
    assert removed is not None
    newer = Reading(SEPTEMBER.taken_on, 1, 1, 1, 1)
    save_reading(repo.engine, repo.profile_id, newer)
    restored = checkin.restore_reading(repo, removed)
    assert restored.blocking == newer
    assert checkin.list_readings(repo) == [newer]


def test_removing_a_reading_that_is_not_there_returns_nothing(repo: Repo) -> None:
    assert checkin.remove_reading(repo, SEPTEMBER.taken_on) is None
