"""The use cases on SQLite and PostgreSQL: each does its whole job, with a typed result."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from ssi_coach.checkin import CheckinStatus
from ssi_coach.i18n import Lang
from ssi_coach.model import Goal, Reading, Role
from ssi_coach.services import checkin, data, journal, questionnaire, settings
from ssi_coach.services.journal import JournalStatus
from ssi_coach.services.plan import current_plan
from ssi_coach.services.questionnaire import QuestionnaireStatus
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.transfer import TransferError

DAY = date(2026, 10, 5)
FORM = {"taken_on": DAY, "brand": "12,5", "people": "8", "insights": "6", "relationships": "9"}
ANSWERS = {
    "goal": "prospecting",
    "role": "sales",
    "already_converting": "no",
    "minutes_per_day": "20",
}


@pytest.fixture
def repo(engine: Engine) -> Repo:
    return open_default(engine)


def test_a_typed_check_in_is_saved_and_summed_up(repo: Repo) -> None:
    outcome = checkin.record_checkin(repo, FORM)
    assert outcome.status is CheckinStatus.SAVED
    assert outcome.summary is not None
    assert outcome.summary.total == 35.5
    assert checkin.list_readings(repo) == [Reading(DAY, 12.5, 8, 6, 9)]


def test_a_second_check_in_on_the_same_date_waits_for_a_replace_decision(repo: Repo) -> None:
    checkin.record_checkin(repo, FORM)
    outcome = checkin.record_checkin(repo, FORM | {"brand": "13"})
    assert outcome.status is CheckinStatus.EXISTS
    assert checkin.list_readings(repo)[0].brand == 12.5
    assert outcome.reading is not None
    replaced = checkin.store_checkin(repo, outcome.reading, replace=True)
    assert replaced.status is CheckinStatus.REPLACED
    assert checkin.list_readings(repo)[0].brand == 13


def test_an_invalid_check_in_names_the_field_and_saves_nothing(repo: Repo) -> None:
    outcome = checkin.record_checkin(repo, FORM | {"people": "26"})
    assert outcome.status is CheckinStatus.INVALID
    assert [error.field for error in outcome.errors] == ["people"]
    assert checkin.list_readings(repo) == []


def test_a_reading_can_be_deleted_once(repo: Repo) -> None:
    checkin.record_checkin(repo, FORM)
    assert checkin.remove_reading(repo, DAY) is not None
    assert checkin.remove_reading(repo, DAY) is None
    assert checkin.list_readings(repo) == []


def test_a_saved_questionnaire_also_stores_its_role(repo: Repo) -> None:
    outcome = questionnaire.submit_questionnaire(repo, ANSWERS)
    assert outcome.status is QuestionnaireStatus.SAVED
    assert settings.role(repo) is Role.SALES
    latest = questionnaire.latest_answers(repo)
    assert latest is not None
    assert latest.goal is Goal.PROSPECTING


def test_an_invalid_questionnaire_stores_neither_answers_nor_role(repo: Repo) -> None:
    outcome = questionnaire.submit_questionnaire(repo, ANSWERS | {"minutes_per_day": "5"})
    assert outcome.status is QuestionnaireStatus.INVALID
    assert questionnaire.answers_history(repo) == []
    assert settings.role(repo) is Role.FREELANCE


def test_the_plan_waits_for_both_a_reading_and_answers(repo: Repo) -> None:
    assert current_plan(repo).plan is None
    checkin.record_checkin(repo, FORM)
    assert current_plan(repo).plan is None
    questionnaire.submit_questionnaire(repo, ANSWERS)
    view = current_plan(repo)
    assert view.plan is not None
    assert view.reading == Reading(DAY, 12.5, 8, 6, 9)


def test_a_month_of_results_is_saved_then_waits_for_a_replace_decision(repo: Repo) -> None:
    values = {"month": date(2026, 9, 1), "impressions": "1 200", "engagements": "30"}
    first = journal.submit_month(repo, values, DAY)
    assert first.status is JournalStatus.SAVED
    second = journal.submit_month(repo, values | {"impressions": "1 300"}, DAY)
    assert second.status is JournalStatus.EXISTS
    assert [entry.kpis.impressions for entry in journal.list_months(repo)] == [1200]


def test_a_month_with_no_figure_is_refused_as_empty(repo: Repo) -> None:
    outcome = journal.submit_month(repo, {"month": date(2026, 9, 1)}, DAY)
    assert outcome.status is JournalStatus.EMPTY
    assert journal.list_months(repo) == []


def test_the_language_is_french_until_english_is_stored(repo: Repo) -> None:
    assert settings.language(repo) is Lang.FR
    settings.set_language(repo, "en")
    assert settings.language(repo) is Lang.EN


def test_an_export_imported_back_gives_the_same_export(repo: Repo) -> None:
    checkin.record_checkin(repo, FORM)
    questionnaire.submit_questionnaire(repo, ANSWERS)
    exported = data.export_file_json(repo)
    checkin.remove_reading(repo, DAY)
    check = data.check_import(repo, exported)
    assert check.preview.added == 1
    data.import_file(repo, exported)
    assert data.export_file_json(repo) == exported


def test_a_file_that_is_no_export_is_refused_and_changes_nothing(repo: Repo) -> None:
    with pytest.raises(TransferError):
        data.import_file(repo, b"not an export")
    assert data.row_counts(repo) == dict.fromkeys(data.row_counts(repo), 0)
