"""Integration fixtures shared by the migration tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.conftest import _reset_postgres_schema


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    found: str = request.getfixturevalue("pg_url")
    _reset_postgres_schema(found)
    return found


def profile_on_old_schema(engine: Engine) -> int:
    """Make the default profile of a database at an older revision, with the columns it had."""
    # The store's default_profile_id reads columns that later revisions add.
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO profiles (name, created_at) VALUES ('default', CURRENT_TIMESTAMP)")
        )
        found: int = connection.execute(
            text("SELECT id FROM profiles WHERE name = 'default'")
        ).scalar_one()
    return found
