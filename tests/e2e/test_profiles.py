"""Two people on one computer: a second profile is made, chosen, and deleted from the sidebar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from ssi_coach.model import Reading
from ssi_coach.services import profiles
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from tests.e2e.conftest import AppServer, open_app, page_at

SEPTEMBER = Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5)
OCTOBER = Reading(date(2025, 10, 1), 13, 7.25, 4, 2)
NBSP = "\u00a0"
# The sidebar's texts in each language: the box to open, and the text that shows it opened.
MANAGE = {"fr": "Gérer les profils", "en": "Manage profiles"}
DELETE = {"fr": "Supprimer ce profil", "en": "Delete this profile"}


def with_engine(database: Path, use: Callable[[Engine], object]) -> None:
    """Run use() on a migrated engine of a database file, then let the file go."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        migrate(engine)
        use(engine)
    finally:
        engine.dispose()


def seed(engine: Engine) -> None:
    """Give the first profile one reading and a second profile, Camille, two."""
    save_reading(engine, default_profile_id(engine), SEPTEMBER)
    camille = profiles.create(engine, "Camille").id
    save_reading(engine, camille, SEPTEMBER)
    save_reading(engine, camille, OCTOBER)


def sidebar(page: Page) -> Locator:
    return page.get_by_test_id("stSidebar")


def choose_profile(page: Page, name: str) -> None:
    sidebar(page).get_by_role("combobox", name="Profil affiché").click()
    page.get_by_role("option", name=name, exact=True).click()


def test_a_second_person_gets_a_profile_of_their_own_and_can_delete_it(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    with_engine(
        server.database, lambda engine: save_reading(engine, default_profile_id(engine), SEPTEMBER)
    )
    open_app(page, server, "data", wait_for_app)
    expect(page.get_by_text("Ce profil contient")).to_be_visible()
    side = sidebar(page)
    side.get_by_text("Gérer les profils").click()
    side.get_by_role("textbox", name="Nom du nouveau profil").fill("Camille")
    side.get_by_role("button", name="Créer le profil").click()
    expect(side.get_by_text(f"Profil «{NBSP}Camille{NBSP}» créé")).to_be_visible()
    # The new profile is empty: the Data page says so, and nothing of the first one shows.
    expect(page.get_by_text("Ce profil ne contient encore aucune donnée")).to_be_visible()
    choose_profile(page, "Mon profil")
    expect(page.get_by_text("1 relevé SSI").first).to_be_visible()
    choose_profile(page, "Camille")
    expect(page.get_by_text("Ce profil ne contient encore aucune donnée")).to_be_visible()
    side.get_by_text(f"Je confirme la suppression de «{NBSP}Camille{NBSP}»").click()
    side.get_by_role("button", name="Supprimer ce profil").click()
    expect(side.get_by_text(f"Vous êtes maintenant sur «{NBSP}Mon profil{NBSP}»")).to_be_visible()
    expect(side.get_by_role("combobox", name="Profil affiché")).to_have_value("Mon profil")
    expect(page.get_by_text("1 relevé SSI").first).to_be_visible()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_open_switcher_fits_the_sidebar(
    tmp_path: Path,
    browser: Browser,
    lang: str,
    width: int,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    server = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    with_engine(server.database, seed)
    server.start()
    try:
        with page_at(browser, width) as page:
            open_app(page, server, "data", wait_for_app)
            if width < 768:
                page.get_by_test_id("stExpandSidebarButton").click()
            side = sidebar(page)
            if lang == "en":
                side.get_by_text("English").click()
                expect(page.locator("h1")).to_have_text("My data")
            side.get_by_text(MANAGE[lang]).click()
            delete = side.get_by_role("button", name=DELETE[lang])
            expect(delete).to_be_visible()
            # Nothing in the open box is wider than the sidebar: no sideways scrolling.
            content = side.get_by_test_id("stSidebarContent")
            assert content.evaluate("e => e.scrollWidth <= e.clientWidth")
            screenshot(page, f"profiles-{lang}-{width}-switcher-open")
    finally:
        server.stop()
