"""Database URL, and the engine with safe SQLite settings.

SQLite transactions say up front whether they write. A write transaction, opened with
`session.begin()` or `engine.begin()`, starts with BEGIN IMMEDIATE: it takes the write lock
before reading, so that it never has to upgrade a stale snapshot (which fails at once with
"database is locked" instead of waiting). A read, a Session used without `begin()` (autobegin)
or a connection with the READ_ONLY execution option, starts with a deferred BEGIN: under WAL it
reads a consistent snapshot and takes no lock, so that a long read never holds up a tick.
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExecutionContext, make_url
from sqlalchemy.orm import Session, SessionTransaction, SessionTransactionOrigin
from sqlalchemy.pool import ConnectionPoolEntry

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DEFAULT_DB_PATH = DATA_DIR / "ssi_coach.db"
BUSY_TIMEOUT_MS = 30_000
# The execution option that opens a Core connection's transactions as reads:
# engine.connect().execution_options(**READ_ONLY).
_READ_ONLY_OPTION = "ssi_coach_read_only"
READ_ONLY = {_READ_ONLY_OPTION: True}
_DEFERRED = "BEGIN"
_IMMEDIATE = "BEGIN IMMEDIATE"
# Where a connection keeps the BEGIN it owes until its first statement, then the one it sent.
_PENDING = "ssi_coach_pending_begin"
_OPENED = "ssi_coach_opened_with"
_WRITE = re.compile(r"\s*(INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER)\b", re.IGNORECASE)


_VIEWS: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()


class WriteInReadTransaction(RuntimeError):
    """A statement tried to write inside a transaction opened as a read."""


class ReadOnlyView(PermissionError):
    """A statement tried to write through a read-only view of the database."""


def database_url() -> str:
    """Return the URL from SSI_COACH_DATABASE_URL, or the local SQLite file under data/."""
    return os.environ.get("SSI_COACH_DATABASE_URL") or f"sqlite:///{DEFAULT_DB_PATH}"


def make_engine(url: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> Engine:
    """Return an engine; SQLite gets WAL, synchronous=FULL, foreign keys and a busy timeout."""
    url = url or database_url()
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        # The driver's own transaction handling is turned off so that the BEGIN chosen below
        # is the one sent; the driver would otherwise begin deferred before its first write.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()

    event.listen(engine, "begin", _on_begin)
    event.listen(engine, "before_cursor_execute", _before_statement)
    event.listen(engine, "commit", _on_end)
    event.listen(engine, "rollback", _on_end)
    return engine


def _on_begin(connection: Connection) -> None:
    """Owe a BEGIN: IMMEDIATE unless the connection is a read; a Session may still say it reads."""
    read_only = connection.get_execution_options().get(_READ_ONLY_OPTION, False)
    connection.info[_PENDING] = _DEFERRED if read_only else _IMMEDIATE
    connection.info.pop(_OPENED, None)


@event.listens_for(Session, "after_begin")
def _on_session_begin(
    _session: Session, transaction: SessionTransaction, connection: Connection
) -> None:
    """Open a Session's transaction as a read when it began by itself, without session.begin()."""
    if _PENDING not in connection.info or transaction.parent is not None:
        return
    if transaction.origin is SessionTransactionOrigin.AUTOBEGIN:
        connection.info[_PENDING] = _DEFERRED


def _before_statement(
    connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    """Send the owed BEGIN before the transaction's first statement; refuse a write in a read."""
    owed = connection.info.pop(_PENDING, None)
    driver = connection.connection.driver_connection
    if owed is not None and isinstance(driver, sqlite3.Connection) and not driver.in_transaction:
        driver.execute(owed)
        connection.info[_OPENED] = owed
    if connection.info.get(_OPENED) == _DEFERRED and _WRITE.match(statement):
        # A read that writes may find its snapshot stale and fail at once: open it as a write.
        raise WriteInReadTransaction(
            "a write inside a read transaction: use session.begin() or engine.begin()"
        )


def _on_end(connection: Connection) -> None:
    """Forget the transaction's BEGIN once it commits or rolls back."""
    connection.info.pop(_PENDING, None)
    connection.info.pop(_OPENED, None)


def read_only_view(engine: Engine) -> Engine:
    """Return a view of the engine that refuses every write, on SQLite and PostgreSQL alike."""
    view = _VIEWS.get(engine)
    if view is None:
        view = engine.execution_options(**READ_ONLY)
        # Listeners added to an option engine are its own: the engine it views still writes.
        event.listen(view, "before_cursor_execute", _refuse_write)
        # One view per engine: handles compare equal from one page run to the next.
        _VIEWS[engine] = view
    return view


def _refuse_write(
    _connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: ExecutionContext | None,
    _executemany: bool,
) -> None:
    """Refuse a write statement before it reaches the database."""
    if _WRITE.match(statement):
        raise ReadOnlyView("this view of the data is read-only")


def describe_database(url: str | None = None) -> str:
    """Return where the data lives, with any password hidden."""
    parsed = make_url(url or database_url())
    if parsed.get_backend_name() == "sqlite":
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)
