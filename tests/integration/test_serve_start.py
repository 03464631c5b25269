"""The server's start command on SQLite and PostgreSQL: migrate first, then hand over."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ssi_coach import serve
from ssi_coach.access import SERVER_MODE_VARIABLE
from ssi_coach.store.engine import make_engine
from ssi_coach.store.revisions import current_revision, schema_revisions
from tests.conftest import _reset_postgres_schema
from tests.unit.test_serve import secrets_file


@pytest.fixture(autouse=True)
def restored_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Give the working folder back after each test: the command moves to the project's."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(params=["sqlite", "postgres"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Return the URL of an empty database, never migrated."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'team.db'}"
    url: str = request.getfixturevalue("pg_url")
    _reset_postgres_schema(url)
    return url


def start(url: str, secrets: Path) -> tuple[int, list[tuple[list[str], dict[str, str]]]]:
    """Run the start command without --check; return its exit code and what it launched."""
    launched: list[tuple[list[str], dict[str, str]]] = []
    environ = {"LANG": "en_GB.UTF-8", "SSI_COACH_DATABASE_URL": url}
    code = serve.main(
        ["--secrets", str(secrets)], environ, lambda cmd, env: launched.append((cmd, env))
    )
    return code, launched


def test_the_server_migrates_the_database_then_starts_streamlit_in_server_mode(
    empty_url: str, tmp_path: Path
) -> None:
    code, launched = start(empty_url, secrets_file(tmp_path))
    assert code == 0
    engine = make_engine(empty_url)
    try:
        assert current_revision(engine) == schema_revisions()[-1]
    finally:
        engine.dispose()
    [(command, environment)] = launched
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert environment[SERVER_MODE_VARIABLE] == "1"
    assert environment["SSI_COACH_DATABASE_URL"] == empty_url


def test_the_server_does_not_start_when_its_configuration_is_incomplete(
    empty_url: str, tmp_path: Path
) -> None:
    code, launched = start(empty_url, secrets_file(tmp_path, auth=None))
    assert code == serve.EXIT_CONFIG
    assert launched == []


def test_an_unreachable_database_is_named_without_its_password_and_nothing_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://coach:s3cret@127.0.0.1:1/ssi_coach"
    code, launched = start(url, secrets_file(tmp_path))
    assert code == serve.EXIT_UNAVAILABLE
    assert launched == []
    err = capsys.readouterr().err
    assert "postgresql+psycopg://coach:***@127.0.0.1:1/ssi_coach could not be opened" in err
    assert "s3cret" not in err


def test_a_database_of_a_newer_version_is_left_alone_and_nothing_starts(
    sqlite_url: str, tmp_path: Path
) -> None:
    engine = create_engine(sqlite_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('9999_from_the_future')"))
    engine.dispose()
    code, launched = start(sqlite_url, secrets_file(tmp_path))
    assert code == serve.EXIT_CONFIG
    assert launched == []
