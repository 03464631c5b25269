"""Data use cases: export, import with its preview, backups and restore."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ssi_coach.i18n import Lang
from ssi_coach.records import ImportPreview, ProfileData
from ssi_coach.services.repo import Repo
from ssi_coach.store import backup as backups
from ssi_coach.store import transfer as store
from ssi_coach.store.lifecycle import restore_backup
from ssi_coach.store.revisions import schema_revisions
from ssi_coach.transfer import Incoming, export_json, export_zip, read_import


def row_counts(repo: Repo) -> dict[str, int]:
    """Return how many rows each table holds for the profile."""
    return store.count_rows(repo.engine, repo.profile_id)


def export_file_json(repo: Repo) -> bytes:
    """Return everything the profile holds as one JSON file."""
    data = store.read_profile(repo.engine, repo.profile_id)
    return export_json(data, schema_revisions()[-1])


def export_file_zip(repo: Repo, lang: Lang | str) -> bytes:
    """Return everything the profile holds as a zip of CSV files in the language's style."""
    data = store.read_profile(repo.engine, repo.profile_id)
    return export_zip(data, schema_revisions()[-1], lang)


@dataclass(frozen=True)
class ImportCheck:
    """A file read and validated, with what importing it would change."""

    data: ProfileData
    preview: ImportPreview
    backed_up: bool
    # "json", "zip" or "csv" (one table edited in a spreadsheet), and the tables the file holds.
    kind: str = "json"
    tables: tuple[str, ...] = ()


def read_upload(content: bytes, name: str = "") -> Incoming:
    """Read and check an uploaded file: the costly part of an import, to do once per file.

    Raise TransferError, whose message names the file by `name`, when it cannot be imported.
    """
    return read_import(content, schema_revisions(), store.text_limits(), name)


def _backs_up_imports(repo: Repo) -> bool:
    """Say whether an import first backs up the file: a local SQLite file, never a shared one."""
    # A shared database's backups are its administrator's: a member's import must not take one,
    # nor push older ones out of the folder.
    return not repo.shared and backups.supports_backups(repo.engine)


def preview_upload(repo: Repo, incoming: Incoming) -> ImportCheck:
    """Say what importing a file already read would change, writing nothing."""
    preview = store.preview_import(repo.engine, repo.profile_id, incoming.data)
    backed_up = _backs_up_imports(repo)
    return ImportCheck(incoming.data, preview, backed_up, incoming.kind, incoming.tables)


def import_upload(repo: Repo, incoming: Incoming) -> ImportPreview:
    """Import a file already read, all or nothing, after a backup; rows it lacks are kept."""
    if _backs_up_imports(repo):
        backups.backup_now(repo.engine, "import")
    return store.apply_import(repo.engine, repo.profile_id, incoming.data)


def check_import(repo: Repo, content: bytes, name: str = "") -> ImportCheck:
    """Read an export, or one table's CSV file, and say what importing it would change.

    Raise TransferError, whose message names the file by `name`, when it cannot be imported.
    """
    return preview_upload(repo, read_upload(content, name))


def import_file(repo: Repo, content: bytes, name: str = "") -> ImportPreview:
    """Import an export, or one table's CSV file, all or nothing, after a backup.

    Raise TransferError when it cannot be imported; rows the file does not hold are kept.
    """
    return import_upload(repo, read_upload(content, name))


@dataclass(frozen=True)
class BackupPlace:
    """Where this database's backups go, or why the app cannot take them."""

    folder: Path | None
    unavailable: str | None  # "postgresql" or "memory" when folder is None


def backup_place(repo: Repo) -> BackupPlace:
    """Return the backup folder of a SQLite file, or why there is none."""
    if repo.shared:
        return BackupPlace(None, "shared")
    try:
        backups.database_file(repo.engine)
    except backups.BackupUnavailable as unavailable:
        return BackupPlace(None, unavailable.kind)
    return BackupPlace(backups.backup_folder(repo.engine), None)


def list_backups(repo: Repo) -> list[backups.Backup]:
    """Return the backups of the database, newest first; none for one member of a shared one."""
    if repo.shared:
        return []
    return backups.list_backups(repo.engine)


def backup_now(repo: Repo) -> Path:
    """Take a backup now, on the user's demand."""
    if repo.shared:
        raise backups.BackupUnavailable("shared")
    return backups.backup_now(repo.engine, "manual")


def daily_backup(repo: Repo, today: date) -> Path | None:
    """Take the day's backup unless one was already taken today (never for a shared database)."""
    if repo.shared:
        return None
    return backups.ensure_daily_backup(repo.engine, today)


@dataclass(frozen=True)
class Restored:
    """A backup put back, and the backup of the state it replaced (to undo the restore)."""

    chosen: backups.Backup
    undo: Path


def restore(repo: Repo, name: str) -> Restored:
    """Put back the backup of that file name; raise BadBackup when it cannot be."""
    if repo.shared:
        # A restore puts back every member's data: a member must never roll back another's.
        raise backups.BadBackup("unknown")
    chosen = next((b for b in backups.list_backups(repo.engine) if b.path.name == name), None)
    if chosen is None:
        raise backups.BadBackup("unknown")
    return Restored(chosen, restore_backup(repo.engine, chosen.path))


# The UI names these through the service: it never imports the store.
Backup = backups.Backup
BadBackup = backups.BadBackup
BACKUPS_KEPT = backups.BACKUPS_KEPT
