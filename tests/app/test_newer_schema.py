"""A database of a newer version: the page says to update the app, and nothing is written."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, t
from ssi_coach.model import Reading
from ssi_coach.store.readings import save_reading
from tests.app.conftest import APP

NEWER = "9f3e2d1c0b_later_release"


@pytest.fixture
def newer(db: Engine, profile: int) -> Path:
    """Stamp the test database as written by a newer version; return its file."""
    save_reading(db, profile, Reading(date(2025, 1, 1), 12, 6, 3, 2))
    with db.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": NEWER})
    db.dispose()
    return Path(str(db.url.database))


def dump(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.mark.parametrize("page", [None, "pages/checkin.py", "pages/data.py"])
def test_every_page_says_to_update_the_app_instead_of_an_unexpected_error(
    newer: Path, page: str | None
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    [shown] = [error.value for error in at.error]
    for lang in Lang:
        assert t(lang, "safety.newer_schema") in shown
        assert t(lang, "error.unexpected") not in shown


def test_opening_the_app_on_a_newer_database_changes_nothing(newer: Path) -> None:
    before = dump(newer)
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    at.run()
    assert dump(newer) == before
    assert not (newer.parent / "backups").exists()
