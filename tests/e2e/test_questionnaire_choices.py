"""The questionnaire's choices in a browser: quick clicks and a language switch keep them."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, open_app


def test_two_choices_clicked_one_after_the_other_survive_a_language_switch(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    open_app(page, server, "questionnaire", wait_for_app)
    # No wait between the clicks: the second lands while the first one's run is under way.
    page.get_by_test_id("stRadioOption").filter(has_text="Prospection").click()
    page.get_by_test_id("stRadioOption").filter(has_text="Pas encore, ou trop peu").click()
    expect(page.get_by_role("radio", name="Pas encore, ou trop peu")).to_be_checked()
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Your goal on LinkedIn")
    expect(page.get_by_role("radio", name="Prospecting", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="Not yet, or too few", exact=True)).to_be_checked()
