"""Without a mouse: a first run, a check-in, a ticked task and a copied draft, by keyboard only.

Every control is reached with Tab from where the focus stands, and each step asserts that the
focus is on the control before a key acts on it; nothing is clicked.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import AppServer, open_app, wait_for_app
from tests.e2e.test_foundation import PILLARS_FR

# More than the Tab stops of the longest page, so that an unreachable control fails the test.
MAX_TABS = 150
TRAIL_SHOWN = 12
TODAY_FR = date.today().strftime("%d/%m/%Y")
CONVERTING = (
    "Votre activité sur LinkedIn vous apporte-t-elle déjà des conversations ou des "
    "opportunités utiles\u00a0?"
)
CLIPBOARD_HOLDS = "async text => (await navigator.clipboard.readText()) === text"
# What the focused element is, for a failure message: its tag and its name or text.
FOCUSED = r"""() => {
  const e = document.activeElement;
  if (!e || e === document.body) return "body";
  const name = e.getAttribute("aria-label") || e.innerText || e.value || "";
  return `${e.tagName.toLowerCase()} "${name.replace(/\s+/g, " ").trim().slice(0, 40)}"`;
}"""


def has_focus(target: Locator) -> bool:
    """Tell whether the focus is on the target or, for several elements, on one of them."""
    return bool(target.evaluate_all("els => els.includes(document.activeElement)"))


def tab_to(page: Page, target: Locator) -> None:
    """Press Tab until the focus reaches the target; fail with the last stops it went through."""
    trail: list[str] = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if has_focus(target):
            return
        trail.append(page.evaluate(FOCUSED))
    pytest.fail(
        f"{target} not reached in {MAX_TABS} Tab presses; the last stops: "
        + ", ".join(trail[-TRAIL_SHOWN:]),
        pytrace=False,
    )


def press_button(page: Page, name: str) -> None:
    """Reach a button by Tab and press it with Enter."""
    button = page.get_by_role("button", name=name, exact=True)
    tab_to(page, button)
    expect(button).to_be_focused()
    page.keyboard.press("Enter")


def choose(page: Page, group: str, option: str) -> None:
    """Reach a radio group by Tab, move to an option with the arrows and select it."""
    group_box = page.get_by_role("radiogroup", name=group)
    radios = group_box.get_by_role("radio")
    wanted = group_box.get_by_role("radio", name=option, exact=True)
    tab_to(page, radios)
    # A native radio group is one Tab stop; the arrows move inside it.
    for _ in range(radios.count()):
        if has_focus(wanted):
            break
        page.keyboard.press("ArrowDown")
    expect(wanted).to_be_focused()
    page.keyboard.press("Space")
    expect(wanted).to_be_checked()


def type_into(page: Page, label: str, text: str) -> None:
    """Reach a labelled text box by Tab and type into it."""
    box = page.get_by_role("textbox", name=label, exact=True)
    tab_to(page, box)
    expect(box).to_be_focused()
    page.keyboard.type(text)


def answer_questionnaire(page: Page) -> None:
    expect(page.locator("h1")).to_have_text("Votre objectif sur LinkedIn")
    choose(page, "Votre objectif principal", "Prospection")
    choose(page, CONVERTING, "Pas encore, ou trop peu")
    type_into(page, "Le secteur de vos clients", "industrie")
    press_button(page, "Enregistrer mes réponses")
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Réponses enregistrées le")


def record_check_in(page: Page) -> None:
    expect(page.locator("h1")).to_have_text("Relevé mensuel du SSI")
    wait_for_app(page)
    for label, value in PILLARS_FR.items():
        type_into(page, label, value)
    press_button(page, "Enregistrer le relevé")
    expect(page.get_by_text(f"Relevé du {TODAY_FR} enregistré.")).to_be_visible()


def tick_first_task(page: Page) -> None:
    expect(page.locator("h1")).to_have_text("Votre routine du jour")
    wait_for_app(page)
    box = page.get_by_test_id("stCheckbox").first.get_by_role("checkbox")
    tab_to(page, box)
    expect(box).to_be_focused()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    expect(page.get_by_test_id("stProgress")).not_to_contain_text("0 min faites")


def copy_draft(page: Page) -> None:
    link = page.get_by_role("link", name=re.compile("Ouvrir")).first
    tab_to(page, link)
    expect(link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("plan")
    wait_for_app(page)
    block = page.locator(".ssi-copy:visible").first
    # The copy button always shows: a Tab stop of its own, right after the text it copies.
    copy = block.get_by_role("button", name="Copier", exact=True)
    tab_to(page, copy)
    expect(copy).to_be_focused()
    text = block.locator(".ssi-copy-text").text_content()
    page.evaluate("navigator.clipboard.writeText('')")
    page.keyboard.press("Enter")
    # The copy resolves asynchronously: wait until the clipboard holds the draft.
    page.wait_for_function(CLIPBOARD_HOLDS, arg=text)


def test_a_first_run_check_in_tick_and_copy_need_only_the_keyboard(
    server: AppServer, page: Page
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    # Today sends a new user to the questionnaire; each step then leads on by a button.
    open_app(page, server, "", wait_for_app)
    answer_questionnaire(page)
    press_button(page, "Faire mon premier relevé")
    record_check_in(page)
    press_button(page, "Voir ma routine du jour")
    tick_first_task(page)
    copy_draft(page)
