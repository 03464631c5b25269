"""The administrator's command on SQLite and PostgreSQL: list, export, import, delete a member."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ssi_coach import admin
from ssi_coach.access import CoachRule, Identity
from ssi_coach.services import admin as admin_services
from ssi_coach.services import checkin, data
from ssi_coach.services.access import seat_for
from ssi_coach.services.repo import Repo
from tests.conftest import _reset_postgres_schema, postgres_bin_dir, require

ROOT = Path(__file__).resolve().parents[2]
ISSUER = "https://id.example.com"
DAY = date(2026, 10, 5)
FORM = {"taken_on": DAY, "brand": "12,5", "people": "8", "insights": "6", "relationships": "9"}


def member(engine: Engine, subject: str, email: str, issuer: str = ISSUER) -> Repo:
    """Log a member in once, as the app does at their first login, and return their profile."""
    who = Identity(issuer, subject, email, subject.title(), email_verified=True)
    return seat_for(engine, who, CoachRule()).own


def run(engine: Engine, *argv: str, answer: str | None = None) -> int:
    """Run the command in English on the engine's database, typing answer when it asks."""

    def ask(prompt: str) -> str:
        if answer is None:
            raise AssertionError(f"the command asked {prompt!r}")
        return answer

    environ = {
        "LANG": "en_GB.UTF-8",
        "SSI_COACH_DATABASE_URL": engine.url.render_as_string(hide_password=False),
    }
    return admin.main(list(argv), environ, ask)


@pytest.fixture
def alice(engine: Engine) -> Repo:
    repo = member(engine, "alice", "alice@example.com")
    checkin.record_checkin(repo, FORM)
    return repo


@pytest.fixture
def bob(engine: Engine) -> Repo:
    repo = member(engine, "bob", "bob@example.com")
    checkin.record_checkin(repo, FORM | {"brand": "3"})
    return repo


def test_list_shows_each_member_with_their_profile_id_and_email(
    engine: Engine, alice: Repo, bob: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(engine, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["id", "e-mail", "name", "last", "login", "(UTC)"]
    assert [line.split()[:3] for line in lines[1:3]] == [
        [str(alice.profile_id), "alice@example.com", "Alice"],
        [str(bob.profile_id), "bob@example.com", "Bob"],
    ]
    assert lines[3] == "2 members"


def test_list_without_any_login_yet_says_members_appear_after_their_first_login(
    engine: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(engine, "list") == 0
    assert "after their first login" in capsys.readouterr().out


def test_export_writes_the_members_own_my_data_file_and_nobody_elses(
    engine: Engine, alice: Repo, bob: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "alice.json"
    assert run(engine, "export", "alice@example.com", str(target)) == 0
    assert target.read_bytes() == data.export_file_json(alice)
    readings = json.loads(target.read_text(encoding="utf-8"))["tables"]["readings"]
    assert [row["brand"] for row in readings] == [12.5]
    assert "1 SSI check-in" in capsys.readouterr().out


def test_export_finds_the_member_whatever_the_case_of_the_email(
    engine: Engine, alice: Repo, tmp_path: Path
) -> None:
    target = tmp_path / "alice.json"
    assert run(engine, "export", "Alice@Example.COM", str(target)) == 0
    assert target.read_bytes() == data.export_file_json(alice)


def test_export_never_overwrites_an_existing_file(
    engine: Engine, alice: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "bob.json"
    target.write_text("Bob's export", encoding="utf-8")
    assert run(engine, "export", "alice@example.com", str(target)) == 1
    assert target.read_text(encoding="utf-8") == "Bob's export"
    assert "already exists" in capsys.readouterr().err


def test_an_unknown_email_is_refused_and_named(
    engine: Engine, alice: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(engine, "export", "carol@example.com", str(tmp_path / "c.json")) == 1
    assert "No member has the e-mail or profile id carol@example.com" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def test_an_email_two_logins_share_is_refused_and_their_profile_ids_named(
    engine: Engine, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = member(engine, "alice", "alice@example.com")
    second = member(engine, "alice-2", "alice@example.com", issuer="https://other.example.com")
    assert run(engine, "export", "alice@example.com", str(tmp_path / "a.json")) == 1
    assert f"(profile ids {first.profile_id}, {second.profile_id})" in capsys.readouterr().err
    assert run(engine, "export", str(second.profile_id), str(tmp_path / "a.json")) == 0


def test_delete_without_the_email_typed_again_deletes_nothing(
    engine: Engine, alice: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(engine, "delete", "alice@example.com", answer="yes") == 1
    assert "nothing was changed" in capsys.readouterr().out
    assert len(checkin.list_readings(alice)) == 1


def test_delete_says_what_goes_then_removes_the_member_and_only_them(
    engine: Engine, alice: Repo, bob: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    bobs_rows = data.row_counts(bob)
    assert run(engine, "delete", "alice@example.com", answer="alice@example.com") == 0
    out = capsys.readouterr().out
    assert "all their data, for good: 1 SSI check-in" in out
    assert "Member deleted: Alice <alice@example.com>." in out
    assert not any(data.row_counts(alice).values())
    assert data.row_counts(bob) == bobs_rows
    assert run(engine, "export", "alice@example.com", "-") == 1


def test_delete_with_yes_does_not_ask(engine: Engine, alice: Repo) -> None:
    assert run(engine, "delete", "alice@example.com", "--yes") == 0
    assert not any(data.row_counts(alice).values())


def test_a_deleted_member_who_logs_in_again_starts_from_an_empty_profile(
    engine: Engine, alice: Repo
) -> None:
    assert run(engine, "delete", "alice@example.com", "--yes") == 0
    again = member(engine, "alice", "alice@example.com")
    assert checkin.list_readings(again) == []


def test_an_export_imported_back_restores_a_members_lost_reading_and_touches_nobody_else(
    engine: Engine, alice: Repo, bob: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "alice.json"
    assert run(engine, "export", "alice@example.com", str(saved)) == 0
    checkin.remove_reading(alice, DAY)
    bobs_readings = checkin.list_readings(bob)
    assert run(engine, "import", "alice@example.com", str(saved), answer="alice@example.com") == 0
    assert "Import done: 1 rows added" in capsys.readouterr().out
    assert [reading.brand for reading in checkin.list_readings(alice)] == [12.5]
    assert checkin.list_readings(bob) == bobs_readings


def test_import_without_confirmation_writes_nothing(
    engine: Engine, alice: Repo, tmp_path: Path
) -> None:
    saved = tmp_path / "alice.json"
    assert run(engine, "export", "alice@example.com", str(saved)) == 0
    checkin.remove_reading(alice, DAY)
    assert run(engine, "import", "alice@example.com", str(saved), answer="") == 1
    assert checkin.list_readings(alice) == []


def test_a_damaged_file_is_refused_with_the_apps_own_message_and_nothing_written(
    engine: Engine, alice: Repo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "alice.json"
    damaged.write_text("{not json", encoding="utf-8")
    assert run(engine, "import", "alice@example.com", str(damaged), "--yes") == 1
    assert "The JSON file is damaged or incomplete" in capsys.readouterr().err
    assert len(checkin.list_readings(alice)) == 1


def test_the_command_runs_as_a_module_from_a_shell(sqlite_url: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ssi_coach.admin", "list"],
        cwd=ROOT,
        env={"SSI_COACH_DATABASE_URL": sqlite_url, "LANG": "fr_FR.UTF-8", "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Aucun membre pour l’instant" in done.stdout


@pytest.fixture
def scratch_url(pg_url: str) -> Iterator[str]:
    """Yield the URL of an empty scratch database beside the test database, dropped after."""
    admin_url = pg_url.rsplit("/", 1)[0] + "/postgres"
    maintenance = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with maintenance.connect() as connection:
            connection.execute(text('DROP DATABASE IF EXISTS "ssi_restore"'))
            connection.execute(text('CREATE DATABASE "ssi_restore"'))
        yield pg_url.rsplit("/", 1)[0] + "/ssi_restore"
        with maintenance.connect() as connection:
            connection.execute(text('DROP DATABASE "ssi_restore" WITH (FORCE)'))
    finally:
        maintenance.dispose()


def pg_tool(name: str) -> str:
    """Return the path of a PostgreSQL client program (pg_dump, pg_restore)."""
    folder = postgres_bin_dir()
    found = shutil.which(name, path=str(folder)) if folder else shutil.which(name)
    require(found is not None, f"{name} not found (Debian package postgresql)")
    assert found is not None
    return found


def test_one_member_is_restored_from_a_pg_dump_through_a_scratch_database_as_the_readme_says(
    pg_url: str, scratch_url: str, tmp_path: Path
) -> None:
    _reset_postgres_schema(pg_url)
    live = admin_services.open_database(pg_url)
    try:
        alice, bob = member(live, "alice", "alice@example.com"), member(live, "bob", "bob@x.com")
        checkin.record_checkin(alice, FORM)
        checkin.record_checkin(bob, FORM | {"brand": "3"})
        plain = live.url.set(drivername="postgresql").render_as_string(hide_password=False)
        dump = tmp_path / "ssi_coach.dump"
        subprocess.run([pg_tool("pg_dump"), "--format=custom", f"--file={dump}", plain], check=True)
        # After the dump: Alice's reading is lost, and she records another one.
        checkin.remove_reading(alice, DAY)
        later = FORM | {"taken_on": date(2026, 11, 5), "brand": "14"}
        checkin.record_checkin(alice, later)
        scratch_plain = scratch_url.replace("postgresql+psycopg://", "postgresql://")
        subprocess.run(
            [pg_tool("pg_restore"), "--no-owner", f"--dbname={scratch_plain}", str(dump)],
            check=True,
        )
        saved = tmp_path / "alice.json"
        scratch = {"LANG": "en_GB.UTF-8", "SSI_COACH_DATABASE_URL": scratch_url}
        assert admin.main(["export", "alice@example.com", str(saved)], scratch) == 0
        assert run(live, "import", "alice@example.com", str(saved), "--yes") == 0
        assert [r.brand for r in checkin.list_readings(alice)] == [12.5, 14]
        assert [r.brand for r in checkin.list_readings(bob)] == [3]
    finally:
        live.dispose()
