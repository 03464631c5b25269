"""A keyboard user sees where the focus is: an outline in the primary colour around the control."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from ssi_coach.ui.shell import CLIENT_KEY
from tests.e2e.conftest import AppServer, open_app

MAX_TABS = 40
# The theme's primaryColor, #0a5cad, as the browser writes it.
OUTLINE = ["solid", "2px", "rgb(10, 92, 173)"]
# The outline of the focused control; a radio button's is drawn around its label.
FOCUS_OUTLINE = """() => {
  const focused = document.activeElement;
  const shown = focused.matches("input") ? focused.closest("label") : focused;
  const style = getComputedStyle(shown);
  return [style.outlineStyle, style.outlineWidth, style.outlineColor];
}"""


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the focus reaches the target."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if target.evaluate_all("els => els.includes(document.activeElement)"):
            return
    pytest.fail(f"{target} not reached in {MAX_TABS} Tab presses", pytrace=False)


def nav_link(page: Page) -> Locator:
    return page.get_by_test_id("stSidebarNav").get_by_role("link")


def language_radio(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar").get_by_role("radio")


def copy_button(page: Page) -> Locator:
    # Always shown, phones having no hover: the button is a Tab stop of its own.
    button = page.locator(".ssi-copy").get_by_role("button", name="Copier", exact=True)
    expect(button).to_be_visible()
    return button


@pytest.mark.parametrize(
    "control",
    [nav_link, language_radio, copy_button],
    ids=["sidebar link", "radio button", "copy button"],
)
def test_a_control_reached_by_tab_shows_an_outline_in_the_primary_colour(
    server: AppServer, page: Page, control: Callable[[Page], Locator]
) -> None:
    # Settings holds each kind: the menu's links, the language switch and a block to copy.
    open_app(page, server, "settings")
    # The outline's rule comes with the client script, drawn once Streamlit has loaded its HTML
    # element: a Tab pressed before would meet Streamlit's own focus style.
    expect(page.locator(f".st-key-{CLIENT_KEY} style")).to_be_attached()
    tab_to(page, control(page))
    assert page.evaluate(FOCUS_OUTLINE) == OUTLINE
