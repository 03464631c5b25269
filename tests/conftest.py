"""Shared test policy and fixtures: skip-or-fail, a throwaway PostgreSQL, migrated engines."""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from tests.clock import start_test_clock

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"
PG_URL_VARIABLE = "SSI_COACH_TEST_PG_URL"
PG_TEST_DATABASE = "ssi_coach_test"
PG_START_ATTEMPTS = 3


def pytest_configure(config: pytest.Config) -> None:
    """Put the whole run, test modules' import-time dates included, on the shared test clock."""
    start_test_clock()


def require(condition: bool, reason: str) -> None:
    """Skip the current test unless condition holds; under CI=true fail it instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: no test may be skipped)", pytrace=False)
    pytest.skip(reason)  # outside CI only; under CI=true the fail above runs (no skip in ci)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _major_version(initdb: Path) -> int:
    name = initdb.parent.parent.name
    return int(name) if name.isdigit() else 0


def postgres_bin_dir() -> Path | None:
    """Return the directory of Debian's newest PostgreSQL server binaries, or one on PATH."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=_major_version)
    if found:
        return found[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


class ThrowawayCluster:
    """A PostgreSQL cluster in a temporary directory, on 127.0.0.1, with trust authentication."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # The server refuses to run as root, so root hands the cluster to the postgres user.
        self.owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        # /tmp, not $TMPDIR: the postgres user must be able to reach the directory.
        where = "/tmp" if self.owner is not None else None
        self.home = Path(tempfile.mkdtemp(prefix="ssi-coach-pg-", dir=where))
        if self.owner is not None:
            os.chown(self.home, self.owner.pw_uid, self.owner.pw_gid)
        self.data = self.home / "data"
        self.log = self.home / "server.log"
        self.port = 0

    def _run(self, *command: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if self.owner is not None else []
        return subprocess.run(
            [*prefix, *command], cwd=self.home, capture_output=True, text=True, check=False
        )

    def _check(self, result: subprocess.CompletedProcess[str], what: str) -> None:
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"{what} failed:\n{result.stdout}\n{result.stderr}\n{log}")

    def start(self) -> None:
        """Initialise the cluster and start the server on a free port."""
        initdb = self._run(
            str(self.bin_dir / "initdb"),
            "-D", str(self.data), "-U", "postgres", "-A", "trust",
            "-E", "UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        self._check(initdb, "initdb")
        for _attempt in range(PG_START_ATTEMPTS):
            self.port = free_port()
            # fsync off: a throwaway cluster trades durability for speed.
            options = f"-h 127.0.0.1 -p {self.port} -k {self.home} -F"
            started = self._run(
                str(self.bin_dir / "pg_ctl"),
                "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60",
                "start",
            )  # fmt: skip
            if started.returncode == 0:
                return
        self._check(started, "pg_ctl start")

    def stop(self) -> None:
        """Stop the server and remove the cluster's directory."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "stop")
        finally:
            shutil.rmtree(self.home, ignore_errors=True)

    def url(self, database: str) -> str:
        """Return the SQLAlchemy URL of one database of the cluster."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"


def _create_database(admin_url: str, name: str) -> None:
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """Yield a PostgreSQL URL: SSI_COACH_TEST_PG_URL, or a database on a throwaway cluster."""
    given = os.environ.get(PG_URL_VARIABLE)
    if given:
        yield given
        return
    bin_dir = postgres_bin_dir()
    require(
        bin_dir is not None,
        "PostgreSQL server binaries not found (Debian package postgresql; `make test` installs "
        f"it as root) and {PG_URL_VARIABLE} is not set",
    )
    assert bin_dir is not None
    if os.geteuid() == 0:
        require(shutil.which("runuser") is not None, "runuser is missing: cannot start PostgreSQL")
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            require(False, "no postgres user to run the PostgreSQL server as (it refuses root)")
    cluster = ThrowawayCluster(bin_dir)
    try:
        cluster.start()
        _create_database(cluster.url("postgres"), PG_TEST_DATABASE)
        yield cluster.url(PG_TEST_DATABASE)
    finally:
        cluster.stop()


def _reset_postgres_schema(url: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """Yield a migrated engine on an empty database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ssi_coach.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        _reset_postgres_schema(url)
    made = make_engine(url)
    migrate(made)
    try:
        yield made
    finally:
        made.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """Return the URL of a fresh SQLite file database, not yet migrated."""
    return f"sqlite:///{tmp_path / 'ssi_coach.db'}"
