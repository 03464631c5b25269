"""Every page with a few months of history, at desktop and phone widths, in French and English."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ssi_coach.model import KpiMonth, Reading
from ssi_coach.records import KpiEntry
from ssi_coach.review import TextKind
from ssi_coach.services import checkin, journal, questionnaire, review, settings
from ssi_coach.services.repo import open_default
from ssi_coach.services.today import load_today, tick_task
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.ui.nav import PAGES
from tests.e2e.conftest import AppServer, open_app, page_at
from tests.seed_answers import ANSWERS

WIDTHS = (1280, 390)

HEADLINE = "J’aide les DAF de PME industrielles à réduire leurs délais de clôture"


def seed(database: Path, lang: str) -> None:
    """Store a questionnaire, three monthly check-ins, results and a week of ticks."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        migrate(engine)
        repo = open_default(engine)
        settings.set_language(repo, lang)
        questionnaire.submit_questionnaire(repo, ANSWERS)
        today = date.today()
        for months_ago, scores in (
            (2, (10.5, 7, 5.25, 8)),
            (1, (11, 8.5, 6, 9)),
            (0, (12, 9, 7, 10)),
        ):
            day = today - timedelta(days=30 * months_ago)
            checkin.store_checkin(repo, Reading(day, *scores, industry_rank=12, network_rank=20))
        first = today.replace(day=1)
        for back, figures in ((2, (3, 1)), (1, (4, 1))):
            month = (first - timedelta(days=28 * back)).replace(day=1)
            entry = KpiEntry(KpiMonth(month, 9000, 300, *figures))
            journal.save_month(repo, entry, replace=True)
        # The headline changed between the last two check-ins: Progress says so by the pillar.
        saved_at = datetime.combine(today - timedelta(days=20), time(9))
        review.save_profile_text(repo, TextKind.HEADLINE, HEADLINE, now=saved_at)
        for back in range(1, 6):
            day = today - timedelta(days=back)
            state = load_today(repo, today, day)
            assert state is not None
            for task in state.routine.tasks[:2]:
                tick_task(repo, day, task, True, today)
    finally:
        engine.dispose()


@pytest.fixture(params=["fr", "en"])
def seeded(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[AppServer, str]]:
    """Yield a running app whose profile has a few months of history, in one language."""
    running = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    seed(running.database, request.param)
    running.start()
    try:
        yield running, request.param
    finally:
        running.stop()


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_renders_with_history_at_each_width(
    seeded: tuple[AppServer, str],
    browser: Browser,
    width: int,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    server, lang = seeded
    with page_at(browser, width) as page:
        for entry in PAGES:
            open_app(page, server, entry.url_path, wait_for_app)
            expect(page.locator("h1")).to_have_count(1)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
            screenshot(page, f"screen-{lang}-{width}-{entry.url_path}")
