"""Interrupted backups leave nothing behind for long, and backups under way count in the limit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ssi_coach.model import Reading
from ssi_coach.store import backup as backups
from ssi_coach.store.backup import (
    BACKUPS_KEPT,
    PARTIAL_SUFFIX,
    backup_now,
    ensure_daily_backup,
    list_backups,
    remove_abandoned_partials,
)
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading

ROOT = Path(__file__).resolve().parents[2]
JANUARY = Reading(date(2025, 1, 1), 12, 6, 3, 2)
TODAY = date(2026, 3, 15)
# A backup cut short by a kill: the copy and the journal SQLite keeps beside it.
LEFT_BEHIND = (
    "ssi_coach-20260101-090000-000000-daily.db.partial",
    "ssi_coach-20260101-090000-000000-daily.db.partial-journal",
)
# Stops inside the online backup, after its first page, until killed.
BACKUP_THAT_HANGS = """
import sys
from ssi_coach.store import backup
from ssi_coach.store.engine import make_engine

real = backup.sqlite_connection

class Hanging:
    def __init__(self, connection):
        self.connection = connection

    def backup(self, target):
        def stop(status, remaining, total):
            print("copying", flush=True)
            # Blocks until the test kills this process: its stdin is a pipe nobody writes to.
            sys.stdin.read()

        self.connection.backup(target, pages=1, progress=stop)

backup.sqlite_connection = lambda raw: Hanging(real(raw))
backup.backup_now(make_engine(sys.argv[1]))
"""


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


def folder(engine: Engine) -> Path:
    return backups.backup_folder(engine)


def partials(engine: Engine) -> list[str]:
    """Return the names of the partial files, and of what SQLite left beside them."""
    return sorted(p.name for p in folder(engine).glob(f"*{PARTIAL_SUFFIX}*"))


def leave_abandoned(engine: Engine) -> None:
    """Put in the backup folder what a backup killed mid-way leaves: nobody holds it."""
    folder(engine).mkdir(exist_ok=True)
    for name in LEFT_BEHIND:
        (folder(engine) / name).write_bytes(b"\0" * 4096)


def test_what_an_interrupted_backup_left_is_removed_at_start(db: Engine) -> None:
    leave_abandoned(db)
    migrate(db)
    assert partials(db) == []


def test_what_an_interrupted_backup_left_is_removed_when_a_backup_prunes(db: Engine) -> None:
    leave_abandoned(db)
    path = backup_now(db)
    assert partials(db) == []
    assert [b.path for b in list_backups(db)] == [path]


def test_the_daily_backup_removes_what_an_interrupted_one_left(db: Engine) -> None:
    leave_abandoned(db)
    assert ensure_daily_backup(db, TODAY) is not None
    assert partials(db) == []


def test_another_databases_partial_files_are_left_alone(db: Engine) -> None:
    folder(db).mkdir(exist_ok=True)
    stranger = folder(db) / "other-20260101-090000-000000-daily.db.partial"
    stranger.write_bytes(b"kept")
    migrate(db)
    backup_now(db)
    assert stranger.read_bytes() == b"kept"


def test_a_backup_killed_mid_copy_leaves_a_partial_that_the_next_start_removes(
    db: Engine, tmp_path: Path
) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", BACKUP_THAT_HANGS, str(db.url)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "copying\n"
        # While the copy runs, it is neither a backup nor something to remove.
        assert remove_abandoned_partials(db) == 1
        assert len(partials(db)) >= 1
        assert list_backups(db) == []
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert partials(db) != []
    migrate(db)
    assert partials(db) == []


class HeldBackup:
    """A backup held in the middle of its copy, in a thread, until released."""

    def __init__(self, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
        self.copying = threading.Event()
        self.release = threading.Event()
        self.taken: list[Path] = []
        real = backups.sqlite_connection
        held = self

        class Held:
            def __init__(self, connection: object) -> None:
                self.connection = real(connection)

            def backup(self, target: object) -> None:
                held.copying.set()
                held.release.wait()
                self.connection.backup(target)  # type: ignore[arg-type]

        monkeypatch.setattr(backups, "sqlite_connection", Held)
        self.thread = threading.Thread(target=lambda: self.taken.append(backup_now(engine)))
        self.thread.start()
        assert self.copying.wait(timeout=60)
        # The other backups of the test copy for real.
        monkeypatch.setattr(backups, "sqlite_connection", real)

    def finish(self) -> Path:
        self.release.set()
        self.thread.join()
        return self.taken[0]


def test_a_backup_under_way_is_kept_and_counts_against_the_number_kept(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    under_way = HeldBackup(db, monkeypatch)
    try:
        taken = [backup_now(db) for _ in range(BACKUPS_KEPT + 1)]
        migrate(db)
        # One place is the backup under way's: never more than BACKUPS_KEPT files of backups.
        assert [b.path for b in list_backups(db)] == taken[::-1][: BACKUPS_KEPT - 1]
        assert len(partials(db)) == 1
    finally:
        last = under_way.finish()
    assert partials(db) == []
    assert last in [b.path for b in list_backups(db)]
    assert len(list_backups(db)) == BACKUPS_KEPT
