"""A shared database (server mode) is backed up by its administrator, never by one member."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from ssi_coach.model import Reading
from ssi_coach.services import checkin, data
from ssi_coach.services.repo import Repo
from ssi_coach.store.backup import backup_folder
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.transfer import Incoming


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Engine]:
    """Yield a migrated SQLite file holding one reading."""
    engine = make_engine(f"sqlite:///{tmp_path / 'shared.db'}")
    migrate(engine)
    here = Repo(engine, default_profile_id(engine))
    checkin.store_checkin(here, Reading(date(2026, 10, 5), 12.5, 8, 6, 9))
    yield engine
    engine.dispose()


def backups_in(engine: Engine) -> list[str]:
    """Return the names of the files in the database's backup folder."""
    folder = backup_folder(engine)
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_a_members_import_on_a_shared_file_takes_no_backup(db: Engine) -> None:
    member = Repo(db, default_profile_id(db), shared=True)
    before = backups_in(db)
    check = data.check_import(member, data.export_file_json(member), "export.json")
    assert not check.backed_up
    data.import_upload(member, Incoming(check.data, check.kind, check.tables))
    assert backups_in(db) == before


def test_a_local_import_on_the_same_file_is_backed_up_first(db: Engine) -> None:
    local = Repo(db, default_profile_id(db))
    check = data.check_import(local, data.export_file_json(local), "export.json")
    assert check.backed_up
    data.import_upload(local, Incoming(check.data, check.kind, check.tables))
    assert any("import" in name for name in backups_in(db))
