"""Changes to the whole database: migrate it (backing it up first) and restore a backup.

This module sits above backup.py and revisions.py: a migration takes a backup first, and a
restore migrates the restored file, so neither of those modules needs to import the other way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from ssi_coach.store.backup import (
    BadBackup,
    backup_before_migration,
    check_backup,
    list_backups,
    remove_abandoned_partials,
    sqlite_connection,
    take_backup,
)
from ssi_coach.store.engine import READ_ONLY
from ssi_coach.store.revisions import alembic_config, current_revision, schema_revisions


class NewerSchema(Exception):
    """The database was written by a newer version of the app; nothing was changed."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(f"database at schema {revision!r}, unknown to this version of the app")


def refuse_newer_schema(engine: Engine) -> None:
    """Raise NewerSchema when the database is at a revision this version does not know."""
    revision = current_revision(engine.execution_options(**READ_ONLY))
    if revision is not None and revision not in schema_revisions():
        raise NewerSchema(revision)


def migrate(engine: Engine) -> None:
    """Bring the database schema to the latest revision, backing up an older SQLite file first.

    A database of a newer schema is left exactly as it is, and NewerSchema is raised.
    """
    refuse_newer_schema(engine)
    # At start: what an interrupted backup left behind is removed before it piles up.
    remove_abandoned_partials(engine)
    if current_revision(engine.execution_options(**READ_ONLY)) == schema_revisions()[-1]:
        return
    backup_before_migration(engine)
    # Only now: a database already at the latest schema never loads Alembic.
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def restore_backup(engine: Engine, path: Path) -> Path:
    """Replace the database with a backup, after backing up the current state; return that."""
    chosen = Path(path).absolute()
    if chosen not in {backup.path for backup in list_backups(engine)}:
        raise BadBackup("unknown")
    check_backup(chosen)
    # Taken first, so that this restore can itself be undone; the chosen file must survive it.
    undo = take_backup(engine, "restore", keep=chosen)
    source = sqlite3.connect(f"file:{chosen}?mode=ro", uri=True)
    raw = engine.raw_connection()
    try:
        source.backup(sqlite_connection(raw.driver_connection))
    finally:
        raw.close()
        source.close()
    # Pooled connections may hold pages of the replaced database in their cache.
    engine.dispose()
    # A backup taken before a migration has the older schema: bring it up to date.
    migrate(engine)
    return undo
