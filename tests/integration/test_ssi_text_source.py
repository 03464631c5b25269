"""The pasted page stored with a reading: a text no copy holds is refused and saves nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine

from ssi_coach.checkin import CheckinStatus
from ssi_coach.i18n import Lang
from ssi_coach.model import Reading
from ssi_coach.records import ReadingSource
from ssi_coach.services import checkin
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.ssi_text import PARSER_VERSION

READING = Reading(date(2026, 10, 5), 12.5, 8, 6, 9)


@pytest.fixture
def repo(engine: Engine) -> Repo:
    return open_default(engine)


@pytest.mark.parametrize("text", ["Votre Social Selling Index\x00", "Top 10 %\ud800"])
def test_a_pasted_page_holding_a_nul_or_a_lone_surrogate_saves_nothing(
    repo: Repo, text: str
) -> None:
    outcome = checkin.store_checkin(repo, READING, source=ReadingSource(text, PARSER_VERSION))
    assert outcome.status is CheckinStatus.INVALID
    assert [error.field for error in outcome.errors] == ["source_text"]
    assert checkin.list_readings(repo) == []


def test_the_refused_page_is_named_in_the_user_s_language(repo: Repo) -> None:
    source = ReadingSource("page\x00", PARSER_VERSION)
    (error,) = checkin.store_checkin(repo, READING, source=source).errors
    assert error.message(Lang.FR).startswith("Page SSI collée\u00a0: ce texte contient")
    assert error.message(Lang.EN).startswith("Pasted SSI page: this text holds")


def test_a_clean_pasted_page_is_stored_with_its_reading(repo: Repo) -> None:
    source = ReadingSource("Votre Social Selling Index\n53 sur 100", PARSER_VERSION)
    assert checkin.store_checkin(repo, READING, source=source).status is CheckinStatus.SAVED
    assert checkin.list_readings(repo) == [READING]
