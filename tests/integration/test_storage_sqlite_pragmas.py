"""Every SQLite connection carries the settings that keep a local file safe."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.pool import PoolProxiedConnection

from ssi_coach.store.engine import BUSY_TIMEOUT_MS, make_engine
from ssi_coach.store.lifecycle import migrate

SYNCHRONOUS_FULL = 2


def pragma(connection: PoolProxiedConnection, name: str) -> object:
    """Return the value of one PRAGMA on a DBAPI connection."""
    cursor = connection.cursor()
    try:
        return cursor.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        cursor.close()


def open_two(engine: Engine) -> tuple[PoolProxiedConnection, PoolProxiedConnection]:
    """Return two distinct pooled DBAPI connections, both open at once."""
    return engine.raw_connection(), engine.raw_connection()


def test_every_sqlite_connection_gets_wal_full_sync_foreign_keys_and_a_busy_timeout(
    sqlite_url: str,
) -> None:
    engine = make_engine(sqlite_url)
    migrate(engine)
    connections = open_two(engine)
    try:
        for connection in connections:
            assert pragma(connection, "journal_mode") == "wal"
            assert pragma(connection, "synchronous") == SYNCHRONOUS_FULL
            assert pragma(connection, "foreign_keys") == 1
            assert pragma(connection, "busy_timeout") == BUSY_TIMEOUT_MS
    finally:
        for connection in connections:
            connection.close()
        engine.dispose()
