"""SQLite backups: consistent, ten kept, one a day, before migrations, and restores undoable."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from shutil import copyfile

import pytest
from sqlalchemy import Engine

from ssi_coach.model import Reading
from ssi_coach.store.backup import (
    BACKUPS_KEPT,
    BackupUnavailable,
    BadBackup,
    backup_before_migration,
    backup_now,
    ensure_daily_backup,
    list_backups,
    supports_backups,
)
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate, restore_backup
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.revisions import current_revision, schema_revisions

FIXTURE_0001 = Path(__file__).parent / "fixtures" / "schema_0001.db"
JANUARY = Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.948)
FEBRUARY = Reading(date(2025, 2, 1), 13, 7, 4, 2)
TODAY = date(2026, 3, 15)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    """Yield a migrated SQLite file database holding one reading."""
    engine = make_engine(f"sqlite:///{tmp_path / 'ssi_coach.db'}")
    migrate(engine)
    save_reading(engine, default_profile_id(engine), JANUARY)
    try:
        yield engine
    finally:
        engine.dispose()


def query(path: Path, sql: str) -> list[tuple]:
    """Return the rows of one query on a database file."""
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def integrity(path: Path) -> str:
    """Return SQLite's integrity check of a file."""
    return query(path, "PRAGMA integrity_check")[0][0]


def readings_in(path: Path) -> list[Reading]:
    """Return the readings of the default profile stored in a database file."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        return list_readings(engine, default_profile_id(engine))
    finally:
        engine.dispose()


def test_a_backup_is_a_sound_copy_of_the_database(db: Engine) -> None:
    path = backup_now(db)
    assert integrity(path) == "ok"
    assert readings_in(path) == [JANUARY]


def test_a_backup_lives_in_a_backups_folder_beside_the_database(db: Engine, tmp_path: Path) -> None:
    assert backup_now(db).parent == tmp_path / "backups"


def test_a_backup_leaves_out_a_write_not_yet_committed(db: Engine, tmp_path: Path) -> None:
    writer = sqlite3.connect(tmp_path / "ssi_coach.db", isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM readings")
        path = backup_now(db)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert integrity(path) == "ok"
    assert readings_in(path) == [JANUARY]


def test_only_the_ten_latest_backups_are_kept(db: Engine) -> None:
    taken = [backup_now(db) for _ in range(BACKUPS_KEPT + 2)]
    assert [b.path for b in list_backups(db)] == taken[::-1][:BACKUPS_KEPT]
    assert not taken[0].exists()
    assert not taken[1].exists()


def test_the_daily_backup_is_taken_once_a_day(db: Engine) -> None:
    first = ensure_daily_backup(db, TODAY)
    again = ensure_daily_backup(db, TODAY)
    assert first is not None
    assert again is None
    assert [b.reason for b in list_backups(db)] == ["daily"]


def test_the_next_day_gets_its_own_daily_backup(db: Engine) -> None:
    ensure_daily_backup(db, TODAY)
    assert ensure_daily_backup(db, TODAY + timedelta(days=1)) is not None
    assert len(list_backups(db)) == 2


def test_a_restore_brings_the_backup_back(db: Engine) -> None:
    profile = default_profile_id(db)
    path = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    restore_backup(db, path)
    assert list_readings(db, profile) == [JANUARY]
    assert integrity(Path(db.url.database)) == "ok"


def test_a_restore_can_be_undone_by_restoring_the_state_saved_before_it(db: Engine) -> None:
    profile = default_profile_id(db)
    path = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    undo = restore_backup(db, path)
    restore_backup(db, undo)
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]


def test_restoring_the_oldest_of_ten_backups_keeps_it_until_it_is_restored(db: Engine) -> None:
    oldest = backup_now(db)
    save_reading(db, default_profile_id(db), FEBRUARY)
    for _ in range(BACKUPS_KEPT - 1):
        backup_now(db)
    restore_backup(db, oldest)
    assert list_readings(db, default_profile_id(db)) == [JANUARY]


def test_a_file_that_is_not_a_listed_backup_is_not_restored(db: Engine, tmp_path: Path) -> None:
    stranger = tmp_path / "elsewhere.db"
    copyfile(backup_now(db), stranger)
    with pytest.raises(BadBackup) as caught:
        restore_backup(db, stranger)
    assert caught.value.code == "unknown"


def test_a_damaged_backup_is_refused_and_nothing_changes(db: Engine) -> None:
    profile = default_profile_id(db)
    path = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    path.write_bytes(path.read_bytes()[:1000])
    count = len(list_backups(db))
    with pytest.raises(BadBackup) as caught:
        restore_backup(db, path)
    assert caught.value.code == "damaged"
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]
    assert len(list_backups(db)) == count


def test_a_database_of_the_first_schema_is_backed_up_before_its_migration(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    copyfile(FIXTURE_0001, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine)
    finally:
        engine.dispose()
    [backup] = [b.path for b in list_backups(engine)]
    assert integrity(backup) == "ok"
    assert query(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    days = query(backup, "SELECT taken_on FROM readings ORDER BY taken_on")
    assert days == [("2025-01-01",), ("2025-02-01",), ("2025-03-01",)]
    assert [b.reason for b in list_backups(engine)] == ["migration"]


def test_no_migration_backup_is_taken_at_the_latest_schema(db: Engine) -> None:
    assert backup_before_migration(db) is None
    assert list_backups(db) == []


def test_no_migration_backup_is_taken_for_a_new_database(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        assert backup_before_migration(engine) is None
    finally:
        engine.dispose()
    assert not (tmp_path / "backups").exists()


def test_restoring_a_backup_of_an_older_schema_brings_it_to_the_latest(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    copyfile(FIXTURE_0001, path)
    engine = make_engine(f"sqlite:///{path}")
    try:
        before = backup_before_migration(engine)
        assert before is not None
        migrate(engine)
        restore_backup(engine, before)
        assert current_revision(engine) == schema_revisions()[-1]
        assert len(list_readings(engine, default_profile_id(engine))) == 3
    finally:
        engine.dispose()


def test_postgresql_is_backed_up_with_pg_dump_not_by_the_app(pg_url: str) -> None:
    engine = make_engine(pg_url)
    try:
        assert not supports_backups(engine)
        with pytest.raises(BackupUnavailable, match="pg_dump"):
            backup_now(engine)
        assert ensure_daily_backup(engine, TODAY) is None
        assert backup_before_migration(engine) is None
        assert list_backups(engine) == []
    finally:
        engine.dispose()
