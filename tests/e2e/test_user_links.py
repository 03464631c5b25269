"""In Chromium, web and e-mail addresses typed in the answers show as text, never as links."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from tests.e2e.conftest import AppServer, open_app

TYPED = "chez https://evil.example/x, www.evil.example ou a@b.fr"
ANSWER_FIELDS = ("target", "outcome", "means", "sector", "titles", "company_kind")
# Any link the addresses could give: to the hosts, or an e-mail.
LINKS = "a[href*='evil.example'], a[href*='b.fr'], a[href^='mailto:']"


@pytest.fixture
def seeded(server: AppServer) -> AppServer:
    """Store answers whose every text holds addresses, and a recent check-in."""
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        migrate(engine)
        profile = default_profile_id(engine)
        texts = {name: TYPED for name in ANSWER_FIELDS}
        save_answers(engine, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, False, 40, **texts))
        save_reading(engine, profile, Reading(date.today() - timedelta(days=3), 10, 8, 5, 7))
    finally:
        engine.dispose()
    return server


@pytest.mark.parametrize("path", ["today", "plan", "questionnaire"])
def test_the_addresses_in_the_answers_show_without_a_link(
    seeded: AppServer, page: Page, wait_for_app: Callable[[Page], None], path: str
) -> None:
    open_app(page, seeded, path, wait_for_app)
    # The words are on the page (so the check below is not vacuous)…
    expect(page.get_by_text("evil.example").first).to_be_attached()
    # …but nothing links to them.
    assert page.locator(LINKS).count() == 0
