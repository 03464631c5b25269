"""Integration fixtures shared by the migration tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import _reset_postgres_schema


@pytest.fixture(params=["sqlite", "postgres"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    found: str = request.getfixturevalue("pg_url")
    _reset_postgres_schema(found)
    return found
