"""Each Progress view has its own URL: a bookmark or a shared link opens it in a fresh tab."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Page, expect

from ssi_coach.model import Reading
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from tests.e2e.conftest import AppServer, open_app, wait_for_app


def seed(server: AppServer) -> None:
    """Store two monthly check-ins in the server's own database: Progress shows its views."""
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        migrate(engine)
        profile = default_profile_id(engine)
        save_reading(engine, profile, Reading(date(2025, 9, 15), 10, 10, 10, 10))
        save_reading(engine, profile, Reading(date(2025, 10, 15), 12, 10, 10, 10))
    finally:
        engine.dispose()


def choose(page: Page, view: str) -> None:
    """Click a view in the Progress switch."""
    page.get_by_test_id("stButtonGroup").get_by_text(view, exact=True).click()
    wait_for_app(page)


def test_opening_the_results_url_shows_the_results_view(server: AppServer, page: Page) -> None:
    seed(server)
    open_app(page, server, "progress?progress_view=results")
    expect(page.get_by_role("heading", name="Votre score face à vos résultats")).to_be_visible()
    chosen = page.get_by_test_id("stButtonGroup").locator(
        "[aria-checked=true], [aria-pressed=true]"
    )
    expect(chosen).to_have_text("Score et résultats")


def test_choosing_a_view_puts_it_in_the_url(server: AppServer, page: Page) -> None:
    seed(server)
    open_app(page, server, "progress")
    choose(page, "Routine et piliers")
    expect(page).to_have_url(f"{server.url}/progress?progress_view=routine")


def test_the_back_button_returns_to_the_view_shown_before(server: AppServer, page: Page) -> None:
    seed(server)
    open_app(page, server, "progress?progress_view=results")
    choose(page, "Score SSI")
    expect(page).to_have_url(f"{server.url}/progress")
    page.go_back()
    expect(page.get_by_role("heading", name="Votre score face à vos résultats")).to_be_visible()
