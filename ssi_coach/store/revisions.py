"""The Alembic side of the schema: where the migrations live and which revisions exist.

Nothing else from the store is imported here, so that the engine, the backups and the
migrations can all read revisions without importing one another. The revisions are read from
the migration files and the database's alembic_version table directly: Alembic itself (about
11 MB of a server's memory) is imported only when a database has to be upgraded.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
# How every migration file names itself and the one before it (see script.py.mako).
_REVISION = re.compile(r'^revision = "([^"]+)"$', re.MULTILINE)
_DOWN_REVISION = re.compile(r'^down_revision = (?:"([^"]+)"|None)$', re.MULTILINE)


def alembic_config() -> Config:
    """Return the Alembic configuration of the package's migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def schema_revisions() -> tuple[str, ...]:
    """Return every schema revision this version of the app knows, oldest first."""
    parent: dict[str | None, str] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        revision, down = _REVISION.search(source), _DOWN_REVISION.search(source)
        if revision is None or down is None:
            raise ValueError(f"{path.name}: no revision or down_revision line")
        if down.group(1) in parent:
            raise ValueError(f"{path.name}: a second revision after {down.group(1)!r}")
        parent[down.group(1)] = revision.group(1)
    chain: list[str] = []
    current = parent.get(None)
    while current is not None:
        chain.append(current)
        current = parent.get(current)
    if len(chain) != len(parent):
        raise ValueError("the migrations do not form one chain")
    return tuple(chain)


def current_revision(engine: Engine) -> str | None:
    """Return the schema revision the database is at, or None before the first migration."""
    with engine.connect() as connection:
        if not inspect(connection).has_table(VERSION_TABLE):
            return None
        found = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
        return None if found is None else str(found)
