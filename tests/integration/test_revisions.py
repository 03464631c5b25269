"""Schema revisions read without Alembic, and Alembic loaded only to upgrade a database."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ssi_coach.store.engine import make_engine
from ssi_coach.store.revisions import alembic_config, current_revision, schema_revisions

ROOT = Path(__file__).resolve().parents[2]


def test_the_revisions_read_from_the_files_are_alembics_own_in_order() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    expected = tuple(reversed([revision.revision for revision in script.walk_revisions()]))
    assert schema_revisions() == expected


def test_the_current_revision_is_the_one_alembic_reads(engine: Engine) -> None:
    with engine.connect() as connection:
        expected = MigrationContext.configure(connection).get_current_revision()
    assert expected == schema_revisions()[-1]
    assert current_revision(engine) == expected


def test_a_database_before_its_first_migration_has_no_revision(tmp_path: Path) -> None:
    empty = make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        assert current_revision(empty) is None
    finally:
        empty.dispose()


def _loads_alembic(url: str) -> bool:
    script = (
        "import sys\n"
        "from ssi_coach.store.engine import make_engine\n"
        "from ssi_coach.store.lifecycle import migrate\n"
        f"migrate(make_engine({url!r}))\n"
        "print('alembic' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip() == "True"


def test_opening_a_database_at_the_latest_schema_never_loads_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    assert _loads_alembic(url)
    assert not _loads_alembic(url)
