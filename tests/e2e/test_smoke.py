"""The app starts under `streamlit run` and a real browser sees a page."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer


def test_the_started_app_reports_healthy(server: AppServer) -> None:
    assert server.health() == "ok"


def test_the_first_page_renders_a_title_without_an_error(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.goto(server.url)
    wait_for_app(page)
    screenshot(page, "smoke-first-page")

    expect(page.locator("h1").first).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
