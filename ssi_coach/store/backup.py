"""Consistent SQLite backups: before each migration, once a day, on demand, and their checks.

A backup is made with SQLite's online backup API, never by copying the open file: a copy taken
while the app writes, or without the WAL file beside it, can be torn or miss recent rows. Backups
live in a "backups" folder beside the database file; the newest BACKUPS_KEPT are kept.

PostgreSQL databases are backed up with the server's own tools, pg_dump and pg_restore: the
functions that take or restore a backup raise BackupUnavailable for them, and the automatic
ones do nothing. Restoring a backup migrates it, so it lives above this module, in lifecycle.py.

A backup is written under a ".partial" name and renamed once complete. Writers hold a shared
lock (flock on a file beside the backups, released by the system even when the process is
killed) while they write: when nobody holds it, every partial file was left by a backup cut
short. Those are removed at start and at each pruning; partial files that cannot be removed yet
count against the number of backups kept, so that the folder never holds more than that.
"""

from __future__ import annotations

import fcntl
import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine

from ssi_coach.store.engine import READ_ONLY
from ssi_coach.store.revisions import current_revision, schema_revisions

BACKUPS_KEPT = 10
BACKUP_FOLDER = "backups"
REASONS = ("manual", "daily", "migration", "import", "restore", "deletion")
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[a-z]+)\.db")
PARTIAL_SUFFIX = ".partial"
LOCK_SUFFIX = ".backup-lock"
# What SQLite may leave beside a partial file cut short: its journal, or its WAL files while the
# copy, which carries the source's WAL mode, is switched back to a single file.
_PARTIAL_COMPANIONS = ("-journal", "-wal", "-shm")


class BackupUnavailable(Exception):
    """This database cannot be backed up by the app; `kind` says why: postgresql, memory, shared."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        if kind == "postgresql":
            text = "PostgreSQL databases are backed up with pg_dump and restored with pg_restore"
        elif kind == "shared":
            text = "a database shared by several people is backed up by its administrator"
        else:
            text = "an in-memory SQLite database has no file to back up"
        super().__init__(text)


@dataclass(frozen=True)
class Backup:
    """One backup file."""

    path: Path
    taken_at: datetime
    reason: str
    size: int


def database_file(engine: Engine) -> Path:
    """Return the SQLite file of an engine, or raise BackupUnavailable."""
    if engine.url.get_backend_name() != "sqlite":
        raise BackupUnavailable("postgresql")
    database = engine.url.database
    if not database or database == ":memory:" or database.startswith("file::memory:"):
        raise BackupUnavailable("memory")
    return Path(database).absolute()


def supports_backups(engine: Engine) -> bool:
    """Tell whether the app can back this database up itself (a SQLite file)."""
    try:
        database_file(engine)
    except BackupUnavailable:
        return False
    return True


def backup_folder(engine: Engine) -> Path:
    """Return the folder where the backups of this database live."""
    return database_file(engine).parent / BACKUP_FOLDER


def list_backups(engine: Engine) -> list[Backup]:
    """Return the backups of this database, newest first; none for PostgreSQL."""
    if not supports_backups(engine):
        return []
    folder = backup_folder(engine)
    stem = database_file(engine).stem
    found = []
    for path in folder.glob(f"{stem}-*.db") if folder.is_dir() else ():
        match = _NAME.fullmatch(path.name)
        if match is None or match["stem"] != stem or match["reason"] not in REASONS:
            continue
        taken_at = datetime.strptime(match["stamp"], _STAMP)
        found.append(Backup(path, taken_at, match["reason"], path.stat().st_size))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def _sync_folder(folder: Path) -> None:
    # A rename only survives a power cut once the folder itself is on disk.
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _partials(engine: Engine) -> list[Path]:
    """Return the partial files of this database's backups, being written or abandoned."""
    folder = backup_folder(engine)
    if not folder.is_dir():
        return []
    stem = database_file(engine).stem
    found = []
    for path in folder.glob(f"{stem}-*.db{PARTIAL_SUFFIX}"):
        match = _NAME.fullmatch(path.name.removesuffix(PARTIAL_SUFFIX))
        if match is not None and match["stem"] == stem:
            found.append(path)
    return found


def _partial_of(target: Path) -> Path:
    """Return the name a backup is written under until it is complete."""
    return target.with_name(target.name + PARTIAL_SUFFIX)


def _remove_partial(path: Path) -> None:
    """Remove a partial file and what SQLite left beside it."""
    path.unlink(missing_ok=True)
    for companion in _PARTIAL_COMPANIONS:
        path.with_name(path.name + companion).unlink(missing_ok=True)


def _lock_file(engine: Engine) -> Path:
    """Return the file whose lock says whether backups of this database are being written."""
    return backup_folder(engine) / f".{database_file(engine).stem}{LOCK_SUFFIX}"


@contextmanager
def _writing(engine: Engine) -> Iterator[None]:
    """Hold the backups' lock, shared, while one backup is written: several may write at once."""
    descriptor = os.open(_lock_file(engine), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH)
        yield
    finally:
        # Closing releases the lock; so does the end of the process, however it ends.
        os.close(descriptor)


def remove_abandoned_partials(engine: Engine) -> int:
    """Remove what interrupted backups left; return how many partial files are left, if any.

    With no backup being written (the lock is free), every partial file was abandoned. While one
    is written, none can be told apart: all are left, and counted.
    """
    if not supports_backups(engine) or not _partials(engine):
        return 0
    descriptor = os.open(_lock_file(engine), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return len(_partials(engine))
        for path in _partials(engine):
            _remove_partial(path)
        return 0
    finally:
        os.close(descriptor)


def _prune(engine: Engine, keep: Path | None = None) -> None:
    """Delete the oldest backups so that, with the partial files left, BACKUPS_KEPT remain.

    Abandoned partial files go first; `keep` and the newest backup are always spared.
    """
    room = max(1, BACKUPS_KEPT - remove_abandoned_partials(engine))
    for old in list_backups(engine)[room:]:
        if keep is None or old.path != keep:
            old.path.unlink(missing_ok=True)


def sqlite_connection(driver_connection: object) -> sqlite3.Connection:
    """Return the sqlite3 connection under a pooled SQLAlchemy connection."""
    if not isinstance(driver_connection, sqlite3.Connection):
        raise TypeError(f"not a SQLite connection: {type(driver_connection).__name__}")
    return driver_connection


def take_backup(
    engine: Engine, reason: str, at: datetime | None = None, keep: Path | None = None
) -> Path:
    """Take a consistent backup for a reason and return its path, sparing `keep` when pruning."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    source_file = database_file(engine)
    folder = backup_folder(engine)
    folder.mkdir(parents=True, exist_ok=True)
    moment = at or datetime.now()
    target = folder / f"{source_file.stem}-{moment.strftime(_STAMP)}-{reason}.db"
    while target.exists() or _partial_of(target).exists():
        moment = moment.replace(microsecond=(moment.microsecond + 1) % 1_000_000)
        target = folder / f"{source_file.stem}-{moment.strftime(_STAMP)}-{reason}.db"
    # Written under another name first, so that an interrupted backup never looks complete.
    partial = _partial_of(target)
    with _writing(engine):
        raw = engine.raw_connection()
        try:
            destination = sqlite3.connect(partial)
            try:
                sqlite_connection(raw.driver_connection).backup(destination)
                # A single self-contained file: no -wal or -shm needed beside it to open it.
                destination.execute("PRAGMA journal_mode=DELETE")
            finally:
                destination.close()
        except BaseException:
            _remove_partial(partial)
            raise
        finally:
            raw.close()
        os.replace(partial, target)
    _sync_folder(folder)
    _prune(engine, keep)
    return target


def backup_now(engine: Engine, reason: str = "manual") -> Path:
    """Take a consistent backup of the SQLite database and return its path."""
    return take_backup(engine, reason)


def ensure_daily_backup(engine: Engine, today: date) -> Path | None:
    """Take the day's backup unless one was already taken today; None when none is taken."""
    if not supports_backups(engine):
        return None
    if any(backup.taken_at.date() == today for backup in list_backups(engine)):
        return None
    return take_backup(engine, "daily", at=datetime.combine(today, datetime.now().time()))


def backup_before_migration(engine: Engine) -> Path | None:
    """Back up a SQLite database that a migration is about to upgrade; None when there is none."""
    if not supports_backups(engine) or not database_file(engine).exists():
        return None
    revision = current_revision(engine.execution_options(**READ_ONLY))
    known = schema_revisions()
    # A newer schema is not migrated: nothing to back up, and no older backup pruned for it.
    if revision is None or revision == known[-1] or revision not in known:
        return None
    return take_backup(engine, "migration")


class BadBackup(ValueError):
    """A file cannot be restored; `code` says why ("unknown", "damaged", "newer")."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(code)


def check_backup(path: Path) -> None:
    """Refuse a damaged backup, or one of a schema this version of the app does not know."""
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (result,) = connection.execute("PRAGMA integrity_check").fetchone()
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        raise BadBackup("damaged") from None
    if result != "ok" or revision is None:
        raise BadBackup("damaged")
    if revision[0] not in schema_revisions():
        raise BadBackup("newer")
