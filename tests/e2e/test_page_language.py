"""A screen reader reads the app in the chosen language: the page's lang attribute follows it."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from ssi_coach.ui.shell import CLIENT_KEY
from tests.e2e.conftest import AppServer, open_app


def open_routed(page: Page, server: AppServer, path: str) -> None:
    """Open a page and wait until the router has drawn the frame, client script included."""
    open_app(page, server, path)
    expect(page.locator(f".st-key-{CLIENT_KEY}")).to_be_attached()


def test_the_page_is_in_french_then_in_english_after_switching_the_language(
    server: AppServer, page: Page
) -> None:
    open_routed(page, server, "settings")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Settings")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_the_page_stays_in_french_on_the_next_page(server: AppServer, page: Page) -> None:
    open_routed(page, server, "settings")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Progression").click()
    expect(page.locator("h1")).to_have_text("Votre progression")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
