"""A database written by a newer version of the app is refused clearly and left as it is."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from ssi_coach.i18n import Lang, t
from ssi_coach.model import Reading
from ssi_coach.store.backup import backup_before_migration, backup_now, list_backups
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import NewerSchema, migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.revisions import current_revision, schema_revisions

ROOT = Path(__file__).resolve().parents[2]
# A revision id no version of this app has: the schema of a later release.
NEWER = "9f3e2d1c0b_later_release"
JANUARY = Reading(date(2025, 1, 1), 12, 6, 3, 2)


def set_revision(engine: Engine, revision: str) -> None:
    """Stamp the database as written by a given schema revision."""
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": revision})


def dump(path: Path) -> list[str]:
    """Return every statement that rebuilds a SQLite file: its schema and all its rows."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def newer(tmp_path: Path) -> Iterator[Engine]:
    """Yield a SQLite file with one reading and its backups, stamped by a newer version."""
    engine = make_engine(f"sqlite:///{tmp_path / 'ssi_coach.db'}")
    migrate(engine)
    save_reading(engine, default_profile_id(engine), JANUARY)
    for _ in range(3):
        backup_now(engine)
    set_revision(engine, NEWER)
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_newer_schema_is_refused_with_its_revision(engine: Engine) -> None:
    set_revision(engine, NEWER)
    try:
        with pytest.raises(NewerSchema) as refused:
            migrate(engine)
        assert refused.value.revision == NEWER
        assert current_revision(engine) == NEWER
    finally:
        # The PostgreSQL database is shared by the session's tests.
        set_revision(engine, schema_revisions()[-1])


def test_a_newer_schema_is_left_exactly_as_it_was(newer: Engine) -> None:
    path = Path(str(newer.url.database))
    before = dump(path)
    with pytest.raises(NewerSchema):
        migrate(newer)
    newer.dispose()
    assert dump(path) == before


def test_a_newer_schema_takes_no_backup_and_removes_none(newer: Engine) -> None:
    before = list_backups(newer)
    with pytest.raises(NewerSchema):
        migrate(newer)
    assert backup_before_migration(newer) is None
    assert list_backups(newer) == before


def test_after_the_refusal_the_data_is_still_there_for_the_newer_version(newer: Engine) -> None:
    with pytest.raises(NewerSchema):
        migrate(newer)
    set_revision(newer, schema_revisions()[-1])
    assert list_readings(newer, default_profile_id(newer)) == [JANUARY]


def test_make_migrate_says_so_in_both_languages_without_a_traceback(newer: Engine) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ssi_coach.store.migrate"],
        cwd=ROOT,
        env={**os.environ, "SSI_COACH_DATABASE_URL": str(newer.url)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.splitlines() == [t(lang, "safety.newer_schema") for lang in Lang]
    assert "Traceback" not in done.stdout + done.stderr
