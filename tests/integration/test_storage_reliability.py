"""A local SQLite file survives writers killed mid-stream and writers running at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import list_readings

ROOT = Path(__file__).resolve().parents[2]
WRITER = Path(__file__).with_name("reading_writer.py")
KILLS = 20
# Each restart writes into its own stretch of dates, longer than any run can reach before its kill.
STRETCH_DAYS = 80
MOST_LINES_BEFORE_KILL = 40
CONCURRENT_READINGS = 200


def start_writer(url: str, first: date, count: int, wait: bool = False) -> subprocess.Popen[str]:
    """Start a writer process whose stdout reports each committed date."""
    command = [sys.executable, str(WRITER), url, first.isoformat(), str(count)]
    return subprocess.Popen(
        [*command, "--wait"] if wait else command,
        stdin=subprocess.PIPE if wait else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def prepared(url: str) -> int:
    """Migrate the database and return the default profile's id."""
    engine = make_engine(url)
    try:
        migrate(engine)
        return default_profile_id(engine)
    finally:
        engine.dispose()


def stored_dates(url: str, profile: int) -> set[date]:
    """Return the dates of every stored reading."""
    engine = make_engine(url)
    try:
        return {reading.taken_on for reading in list_readings(engine, profile)}
    finally:
        engine.dispose()


def integrity(path: Path) -> str:
    """Return SQLite's own verdict on the file."""
    with sqlite3.connect(path) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def test_killed_writers_lose_no_reported_reading_and_leave_a_sound_file(tmp_path: Path) -> None:
    path = tmp_path / "ssi_coach.db"
    url = f"sqlite:///{path}"
    profile = prepared(url)
    chance = random.Random(20261122)
    reported: list[date] = []

    for kill in range(KILLS):
        first = date(2015, 1, 1) + timedelta(days=kill * STRETCH_DAYS)
        writer = start_writer(url, first, STRETCH_DAYS)
        assert writer.stdout is not None
        for _ in range(chance.randrange(MOST_LINES_BEFORE_KILL)):
            line = writer.stdout.readline()
            if not line:
                break
            reported.append(date.fromisoformat(line.strip()))
        writer.kill()
        rest, errors = writer.communicate()
        reported.extend(date.fromisoformat(line) for line in rest.split())
        assert writer.returncode in (-signal.SIGKILL, 0), errors

    assert integrity(path) == "ok"
    assert len(reported) > KILLS
    assert set(reported) <= stored_dates(url, profile)


def test_two_writers_at_once_store_every_reading_without_a_locked_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ssi_coach.db'}"
    profile = prepared(url)
    starts = (date(2015, 1, 1), date(2016, 1, 1))
    writers = [start_writer(url, first, CONCURRENT_READINGS, wait=True) for first in starts]
    for writer in writers:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"

    # Both are loaded and waiting: release them together so their transactions overlap.
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outcomes = [writer.communicate() for writer in writers]

    for writer, (_, errors) in zip(writers, outcomes, strict=True):
        assert writer.returncode == 0, errors
        assert "database is locked" not in errors
    expected = {
        first + timedelta(days=offset) for first in starts for offset in range(CONCURRENT_READINGS)
    }
    assert stored_dates(url, profile) == expected
