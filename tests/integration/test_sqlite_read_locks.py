"""SQLite reads take no write lock: a long read never holds up a write; writes still lock first."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, func, insert, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session
from sqlalchemy.pool import ConnectionPoolEntry

from ssi_coach.model import Reading
from ssi_coach.store.engine import READ_ONLY, WriteInReadTransaction, make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.routine import list_ticks, set_tick
from ssi_coach.store.tables import ReadingRow

JANUARY = Reading(date(2025, 1, 1), 12, 6, 3, 2)
FEBRUARY = Reading(date(2025, 2, 1), 13, 7, 4, 2)
MARCH = Reading(date(2025, 3, 1), 14, 8, 5, 3)
# Small, so that a write held up by a lock fails at once instead of waiting 30 s: no timing
# is measured, a lock shows as "database is locked".
SHORT_WAIT_MS = 50


@pytest.fixture
def url(tmp_path: Path) -> str:
    """Return the URL of a migrated SQLite file holding one reading."""
    address = f"sqlite:///{tmp_path / 'ssi_coach.db'}"
    engine = make_engine(address)
    try:
        migrate(engine)
        save_reading(engine, default_profile_id(engine), JANUARY)
    finally:
        engine.dispose()
    return address


@pytest.fixture
def app(url: str) -> Iterator[Engine]:
    """Yield the engine the app reads and writes with."""
    engine = make_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def other(url: str) -> Iterator[Engine]:
    """Yield a second engine, as another session or process, that waits little for a lock."""
    engine = make_engine(url, busy_timeout_ms=SHORT_WAIT_MS)
    try:
        yield engine
    finally:
        engine.dispose()


def count_readings(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ReadingRow)) or 0


def test_a_write_commits_while_a_long_read_is_still_open(app: Engine, other: Engine) -> None:
    profile = default_profile_id(app)
    # As every read of the store does: a Session without begin(), left open mid-read.
    with Session(app) as reading:
        assert count_readings(reading) == 1
        save_reading(other, profile, FEBRUARY)
        set_tick(other, profile, date(2025, 2, 3), "searches.find_people", "searches", 5, True)
        # The read goes on from its own snapshot.
        assert count_readings(reading) == 1
    assert list_readings(app, profile) == [JANUARY, FEBRUARY]
    assert len(list_ticks(app, profile)) == 1


def test_a_write_commits_while_a_read_only_connection_is_open(app: Engine, other: Engine) -> None:
    with app.connect().execution_options(**READ_ONLY) as reading:
        assert reading.scalar(select(func.count()).select_from(ReadingRow)) == 1
        save_reading(other, default_profile_id(other), FEBRUARY)
    assert len(list_readings(app, default_profile_id(app))) == 2


def test_a_write_transaction_still_takes_the_write_lock_before_it_reads(
    app: Engine, other: Engine
) -> None:
    profile = default_profile_id(app)
    with Session(app) as writing, writing.begin():
        assert count_readings(writing) == 1
        with pytest.raises(OperationalError, match="database is locked"):
            save_reading(other, profile, FEBRUARY)
        # Reads are never held up, even by a write under way.
        assert list_readings(other, profile) == [JANUARY]
    assert list_readings(app, profile) == [JANUARY]


def test_a_core_transaction_is_a_write_unless_it_says_it_reads(app: Engine, other: Engine) -> None:
    with app.begin() as writing:
        writing.scalar(select(func.count()).select_from(ReadingRow))
        with pytest.raises(OperationalError, match="database is locked"):
            save_reading(other, default_profile_id(other), FEBRUARY)


def test_a_write_inside_a_read_transaction_is_refused_and_nothing_is_written(
    app: Engine,
) -> None:
    profile = default_profile_id(app)
    figures = {f"{name}_milli": 1000 for name in ("brand", "people", "insights", "relationships")}
    stamp = datetime(2025, 3, 1, 9, 0)
    row = {"profile_id": profile, "taken_on": MARCH.taken_on, **figures}
    statement = insert(ReadingRow).values(**row, created_at=stamp, updated_at=stamp)
    with Session(app) as reading:
        count_readings(reading)
        with pytest.raises(WriteInReadTransaction):
            reading.execute(statement)
    assert list_readings(app, profile) == [JANUARY]


def test_the_stores_reads_begin_deferred_and_its_writes_begin_immediate(url: str) -> None:
    engine = make_engine(url)
    sent: list[str] = []

    @event.listens_for(engine, "connect")
    def _trace(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.set_trace_callback(sent.append)

    try:
        profile = default_profile_id(engine)
        sent.clear()
        list_readings(engine, profile)
        list_ticks(engine, profile)
        reads = [statement for statement in sent if statement.startswith("BEGIN")]
        sent.clear()
        save_reading(engine, profile, FEBRUARY)
        set_tick(engine, profile, date(2025, 2, 3), "searches.find_people", "searches", 5, True)
        writes = [statement for statement in sent if statement.startswith("BEGIN")]
    finally:
        engine.dispose()
    assert reads == ["BEGIN", "BEGIN"]
    assert writes == ["BEGIN IMMEDIATE", "BEGIN IMMEDIATE"]
