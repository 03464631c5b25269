"""A freelancer records a check-in in a real browser, and finds it again after a restart."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, field, open_app

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
    "Progression",
    "Résultats",
    "Mon objectif",
    "Mes données",
    "Réglages",
)
NAV_EN = nav_titles(
    "Today", "SSI check-in", "Action plan", "Progress", "Results", "My goal", "My data", "Settings"
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
