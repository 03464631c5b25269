"""Nothing leaves the machine: a whole first month in the browser asks only the app itself."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, expect

from ssi_coach.i18n import elide_de
from ssi_coach.journal import default_month, month_label
from tests.app.test_checkin_paste import FRENCH_PAGE
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, AppServer, field, open_app
from tests.e2e.test_data import download

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Schemes that never reach a network: the page's own data, blobs and in-page resources.
LOCAL_SCHEMES = {"data", "blob", "about"}


def sidebar_page(page: Page, title: str, wait_for_app: Callable[[Page], None]) -> None:
    """Open a page from the sidebar, as a user does."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title).click()
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name=title)).to_have_attribute(
        "aria-current", "page"
    )
    wait_for_app(page)


@pytest.fixture
def recorded(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """Yield a page in a fresh context, and the URL of every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    requests: list[str] = []

    def record(request: Request) -> None:
        requests.append(request.url)

    context.on("request", record)
    try:
        yield context.new_page(), requests
    finally:
        context.close()


def elsewhere(requests: list[str]) -> list[str]:
    """Return the requests to any host other than this machine."""
    return [
        url
        for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).hostname not in LOCAL_HOSTS
    ]


def test_a_first_month_in_the_browser_asks_nothing_of_another_host(
    server: AppServer,
    recorded: tuple[Page, list[str]],
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    page, requests = recorded
    # The goal: Today sends a new user to the questionnaire first.
    open_app(page, server, "", wait_for_app)
    expect(page.locator("h1")).to_have_text("Votre objectif sur LinkedIn")
    screenshot(page, "first-run-1-goal")
    page.get_by_text("Prospection", exact=True).click()
    page.get_by_text("Pas encore, ou trop peu", exact=True).click()
    field(page, "Le secteur de vos clients").fill("industrie")
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    expect(page.get_by_text("Réponses enregistrées le")).to_be_visible()
    screenshot(page, "first-run-1-goal-saved")
    page.get_by_role("button", name="Faire mon premier relevé").click()

    # The first check-in, from a pasted SSI page.
    expect(page.locator("h1")).to_have_text("Relevé mensuel du SSI")
    page.get_by_role("textbox", name="Texte de votre page SSI").fill(FRENCH_PAGE)
    page.get_by_role("button", name="Lire la page collée").click()
    expect(page.get_by_text("Voici ce que la page contient")).to_be_visible()
    # The paste fills the form in a rerun of its own: save only once the fields show its values.
    wait_for_app(page)
    expect(field(page, "Établir votre marque professionnelle")).not_to_have_value("")
    page.get_by_role("button", name="Enregistrer le relevé").click()
    today = date.today().strftime("%d/%m/%Y")
    expect(page.get_by_text(f"Relevé du {today} enregistré.")).to_be_visible()
    screenshot(page, "first-run-2-checkin-saved")

    # The plan, then a task ticked on Today.
    page.get_by_role("button", name="Voir mon plan d’action").click()
    expect(page.locator("h1")).to_contain_text("plan")
    sidebar_page(page, "Aujourd’hui", wait_for_app)
    expect(page.locator("h1")).to_have_text("Votre routine du jour")
    page.get_by_test_id("stCheckbox").first.locator("label").first.click()
    expect(page.get_by_test_id("stProgress")).not_to_contain_text("0 min faites")

    # A month of results.
    sidebar_page(page, "Résultats", wait_for_app)
    field(page, "Impressions").fill("1 200")
    field(page, "Interactions").fill("30")
    page.get_by_role("button", name="Enregistrer ce mois").click()
    month = elide_de(month_label(default_month(date.today()), "fr"))
    expect(page.get_by_text(f"Résultats {month} enregistrés.")).to_be_visible()

    # Every view of the progress page.
    sidebar_page(page, "Progression", wait_for_app)
    for view in ("Score SSI", "Score et résultats", "Routine et piliers"):
        page.get_by_test_id("stButtonGroup").get_by_text(view).click()
        wait_for_app(page)
        expect(page.get_by_test_id("stException")).to_have_count(0)

    # The export.
    sidebar_page(page, "Mes données", wait_for_app)
    download(page, "Télécharger tout (JSON)", tmp_path / "export.json")
    assert (tmp_path / "export.json").stat().st_size > 0

    # The tab icon is the app's own file, not one fetched from a font server.
    icon = page.evaluate("document.querySelector(\"link[rel='shortcut icon']\").href")
    assert urlsplit(icon).hostname in LOCAL_HOSTS
    assert any(urlsplit(url).hostname in LOCAL_HOSTS for url in requests)
    assert elsewhere(requests) == []
