"""AppTest fixtures: the real router on a fresh SQLite database per test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Point the app at a fresh, migrated SQLite file and return its engine."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("SSI_COACH_DATABASE_URL", url)
    engine = make_engine(url)
    migrate(engine)
    return engine


@pytest.fixture
def profile(db: Engine) -> int:
    """Return the default profile of the test database."""
    return default_profile_id(db)


@pytest.fixture
def open_page(db: Engine) -> Callable[[str | None], AppTest]:
    """Return a function that runs the app on one page and fails on any exception."""

    def _open(page: str | None = None) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        # Open the page directly, as a bookmark does: the default page's onboarding redirect
        # would otherwise run first.
        if page is not None:
            at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
        return at

    return _open


@pytest.fixture
def server(db: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """Run the app in declared server mode with one coach, and return the engine."""
    monkeypatch.setenv("SSI_COACH_SERVER_MODE", "1")
    monkeypatch.setenv("SSI_COACH_COACHES", "coach@example.com")
    return db
