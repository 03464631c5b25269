"""A freelancer records a check-in in a real browser, and finds it again after a restart."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from playwright.sync_api import Browser, Locator, Page, expect

from ssi_coach.ui.shell import CLIENT_KEY
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, AppServer, field, open_app

PILLARS_FR = {
    "Établir votre marque professionnelle": "12,275",
    "Trouver les bonnes personnes": "6",
    "Échanger des informations": "3,1",
    "Établir des relations": "1,5",
}
TODAY_FR = date.today().strftime("%d/%m/%Y")


def nav_titles(*titles: str) -> list[re.Pattern[str]]:
    """Match sidebar links by their title; each link also holds its icon's name."""
    return [re.compile(re.escape(title) + "$") for title in titles]


NAV_FR = nav_titles(
    "Aujourd’hui",
    "Relevé SSI",
    "Plan d’action",
    "Relecture",
    "Progression",
    "Résultats",
    "Mon objectif",
    "Mes données",
    "Réglages",
)
NAV_EN = nav_titles(
    "Today",
    "SSI check-in",
    "Action plan",
    "Review",
    "Progress",
    "Results",
    "My goal",
    "My data",
    "Settings",
)


def record_check_in(page: Page) -> None:
    for label, value in PILLARS_FR.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Enregistrer le relevé").click()
    expect(page.get_by_text(f"Relevé du {TODAY_FR} enregistré.")).to_be_visible()


def test_a_deep_link_on_a_fresh_server_shows_every_page_in_the_sidebar(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    open_app(page, server, "progress", wait_for_app)
    expect(page.get_by_test_id("stSidebar").get_by_text("Langue")).to_be_visible()
    links = page.get_by_test_id("stSidebarNav").get_by_role("link")
    expect(links).to_have_text(NAV_FR)


def test_a_check_in_survives_a_server_restart(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "progress", wait_for_app)
    expect(page.get_by_text("Aucun relevé pour l’instant")).to_be_visible()
    screenshot(page, "fr-progress-empty")
    open_app(page, server, "checkin", wait_for_app)
    screenshot(page, "fr-checkin-empty")
    record_check_in(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("23")
    screenshot(page, "fr-checkin-saved")

    server.restart()
    open_app(page, server, "progress", wait_for_app)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("23")
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    screenshot(page, "fr-progress")


def test_bad_input_in_the_browser_names_the_field_and_saves_nothing(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    for label, value in (PILLARS_FR | {"Trouver les bonnes personnes": "26"}).items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Enregistrer le relevé").click()
    expect(
        page.get_by_text(
            "Trouver les bonnes personnes : la valeur doit être comprise entre 0 et 25."
        )
    ).to_be_visible()
    screenshot(page, "fr-checkin-error")
    open_app(page, server, "progress", wait_for_app)
    expect(page.get_by_text("Aucun relevé pour l’instant")).to_be_visible()


def test_switching_to_english_changes_the_labels_and_keeps_typed_values(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    field(page, "Établir votre marque professionnelle").fill("12,275")
    field(page, "Trouver les bonnes personnes").fill("6")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Monthly SSI check-in")
    expect(field(page, "Establish your professional brand")).to_have_value("12,275")
    expect(field(page, "Find the right people")).to_have_value("6")
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link")).to_have_text(NAV_EN)


def test_every_page_is_captured_in_both_languages(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    record_check_in(page)
    for lang, switch in (("fr", None), ("en", "English")):
        if switch:
            open_app(page, server, "settings", wait_for_app)
            page.get_by_test_id("stSidebar").get_by_text(switch).click()
            expect(page.locator("h1")).to_have_text("Settings")
        for path in ("checkin", "progress", "settings"):
            open_app(page, server, path, wait_for_app)
            expect(page.get_by_test_id("stException")).to_have_count(0)
            screenshot(page, f"{lang}-{path}")


PHONE = {"width": 390, "height": 844}
# True when the middle of the page's title is the title itself, not a menu drawn over it.
TITLE_UNCOVERED = """() => {
    const title = document.querySelector("h1");
    if (!title) return false;
    const box = title.getBoundingClientRect();
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return title.contains(hit);
}"""


def open_routed(page: Page, server: AppServer, path: str) -> None:
    """Open a page and wait until the router has drawn the frame, client script included.

    A deep link runs the page alone first, then again through the router: the idle state in
    between would let a test act before the frame is there.
    """
    open_app(page, server, path)
    expect(page.locator(f".st-key-{CLIENT_KEY}")).to_be_attached()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """Yield a page 390 px wide, as a phone held upright."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_on_a_phone_choosing_a_page_shows_it_in_one_tap(
    server: AppServer,
    phone: Page,
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_routed(phone, server, "settings")
    phone.get_by_test_id("stExpandSidebarButton").click()
    nav = phone.get_by_test_id("stSidebarNav")
    expect(nav).to_be_in_viewport()
    screenshot(phone, "phone-menu-open")
    nav.get_by_role("link", name="Progression").click()
    expect(phone.locator("h1")).to_have_text("Votre progression")
    phone.wait_for_function(TITLE_UNCOVERED)
    expect(nav).not_to_be_in_viewport()
    screenshot(phone, "phone-page-chosen")


def test_on_a_phone_the_language_switch_stays_within_reach(server: AppServer, phone: Page) -> None:
    open_routed(phone, server, "settings")
    phone.get_by_test_id("stExpandSidebarButton").click()
    phone.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(phone.locator("h1")).to_have_text("Settings")


@pytest.fixture
def english_browser(browser: Browser) -> Iterator[Page]:
    """Yield a desktop page whose browser speaks American English."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def open_date_picker(page: Page) -> None:
    page.get_by_role("button", name=re.compile("^(Choisir une date|Choose date)$")).first.click()


def shown_month(page: Page) -> Locator:
    """Return the month chooser of the open date picker (react-aria names it in the locale)."""
    return page.get_by_role("button", name=re.compile("^(mois|month)$"))


def test_the_date_picker_speaks_the_apps_language_whatever_the_browsers(
    server: AppServer,
    english_browser: Page,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page = english_browser
    open_routed(page, server, "checkin")
    open_date_picker(page)
    expect(shown_month(page)).to_have_text(format_date(date.today(), "LLLL", locale="fr"))
    # Weeks start on Monday, as in France: L(undi) heads the first column.
    expect(page.get_by_role("grid").locator("th").first).to_have_text("L")
    screenshot(page, "fr-checkin-date-picker")
    page.keyboard.press("Escape")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Monthly SSI check-in")
    open_date_picker(page)
    expect(shown_month(page)).to_have_text(format_date(date.today(), "LLLL", locale="en"))


def test_streamlits_own_labels_are_in_french_on_french_screens(
    server: AppServer, english_browser: Page
) -> None:
    page = english_browser
    # The settings' role question keeps a tooltip (the questionnaire shows its help inline).
    open_routed(page, server, "settings")
    expect(page.locator('[aria-label^="Aide\u00a0: "]').first).to_be_attached()
    expect(page.locator('[aria-label^="Help for"]')).to_have_count(0)
    # The copy block's button, the app's own, is named in French too.
    expect(page.locator('[aria-label="Copier"]')).to_have_count(1)
    expect(page.locator('[aria-label="Copy to clipboard"]')).to_have_count(0)


def test_streamlits_own_texts_are_in_french_on_french_screens(
    server: AppServer, english_browser: Page
) -> None:
    page = english_browser
    open_routed(page, server, "settings")
    # The skip link's text, not an attribute: the client script walks Streamlit's text places.
    expect(page.locator('a[href="#stMain"]')).to_have_text("Aller au contenu principal")
