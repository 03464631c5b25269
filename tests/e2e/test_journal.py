"""A freelancer enters three months of results and sees them beside the score, in both languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from ssi_coach.i18n import elide_de, t
from ssi_coach.journal import default_month, month_label
from ssi_coach.model import Answers, KpiMonth, Reading
from ssi_coach.months import add_months
from ssi_coach.records import KpiEntry
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, AppServer, field, open_app

LAST = default_month(date.today())
# The score gains 2 points a month: 6 points over the three months the signal reads.
SCORES = {add_months(LAST, -back): 10 + 2 * (3 - back) for back in range(4)}
# Impressions stay flat while the score climbs: the vanity case.
RESULTS = {add_months(LAST, -3): "1 000", add_months(LAST, -2): "1 020", LAST: "1 000"}


def seed(server: AppServer) -> None:
    """Store a notoriety goal and four monthly check-ins in the server's own database."""
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        migrate(engine)
        profile = default_profile_id(engine)
        answers = Answers(goal="notoriety", role="freelance", already_converting=False)
        save_answers(engine, profile, answers)
        for month, brand in SCORES.items():
            reading = Reading(month.replace(day=15), brand, 10, 10, 10, industry_average=33.0)
            save_reading(engine, profile, reading)
    finally:
        engine.dispose()


def enter_month(page: Page, month: date, impressions: str) -> None:
    label = month_label(month, "fr")
    page.get_by_test_id("stSelectbox").filter(has_text="Mois").click()
    page.get_by_role("option", name=label, exact=True).click()
    field(page, "Impressions").fill(impressions)
    field(page, "Interactions").fill("30")
    page.get_by_role("button", name="Enregistrer ce mois").click()
    expect(page.get_by_text(f"Résultats {elide_de(label)} enregistrés.")).to_be_visible()


def test_three_months_of_flat_results_under_a_rising_score_raise_the_vanity_alert(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed(server)
    open_app(page, server, "journal", wait_for_app)
    screenshot(page, "fr-journal-empty")
    for month, impressions in RESULTS.items():
        enter_month(page, month, impressions)
    expect(page.get_by_text("Le score monte, pas vos résultats")).to_be_visible()
    for month in RESULTS:
        expect(row(page, month)).to_be_visible()
    screenshot(page, "fr-journal")

    open_app(page, server, "progress", wait_for_app)
    expect(page.get_by_text("Le score monte, pas vos résultats")).to_be_visible()
    page.get_by_test_id("stButtonGroup").get_by_text("Score et résultats").click()
    expect(page.get_by_role("heading", name="Votre score face à vos résultats")).to_be_visible()
    # Score beside results, and you against your industry.
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    expect(page.get_by_role("button", name="Télécharger l’image (PNG)")).to_be_visible()
    screenshot(page, "fr-progress-crossreading")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.get_by_role("heading", name="Your score against your results")).to_be_visible()
    expect(page.get_by_text("Your score rises, your results don't")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    screenshot(page, "en-progress-crossreading")

    open_app(page, server, "journal", wait_for_app)
    expect(page.locator("h1")).to_have_text("Your results, month by month")
    expect(page.get_by_text("Your score rises, your results don't")).to_be_visible()
    screenshot(page, "en-journal")


# Spaces inside a figure are no-break ones (and a narrow one groups the thousands).
IMPRESSIONS_1500 = re.compile(r"Impressions\s:\s1\s500")


def row(page: Page, month: date) -> Locator:
    """Return the row of one stored month in the list of months."""
    return page.locator(f".st-key-journal_row_{month.isoformat()}")


def go_to(page: Page, title: str, wait_for_app: Callable[[Page], None]) -> None:
    """Follow a sidebar entry, as a user does: the session, and its undo, stay alive."""
    page.get_by_test_id("stSidebarNav").get_by_text(title, exact=True).click()
    expect(page.locator("h1")).to_have_count(1)
    wait_for_app(page)


def seed_results(server: AppServer) -> None:
    """Store the goal, the check-ins and three months of results."""
    seed(server)
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        profile = default_profile_id(engine)
        for month, impressions in RESULTS.items():
            figures = int(impressions.replace(" ", ""))
            save_kpis(engine, profile, KpiEntry(KpiMonth(month, figures, 30)))
    finally:
        engine.dispose()


def test_a_wrong_month_is_corrected_then_deleted_and_the_deletion_undone(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed_results(server)
    open_app(page, server, "journal", wait_for_app)
    label = month_label(LAST, "fr")
    row(page, LAST).get_by_role("button", name="Corriger").click()
    box = row(page, LAST).get_by_role("textbox", name="Impressions", exact=True)
    expect(box).to_have_value("1000")
    box.fill("1 500")
    screenshot(page, "fr-journal-correcting")
    row(page, LAST).get_by_role("button", name="Enregistrer les corrections").click()
    expect(page.get_by_text(t("fr", "journal.replaced", month=label))).to_be_visible()
    expect(row(page, LAST)).to_contain_text(IMPRESSIONS_1500)

    row(page, LAST).get_by_role("button", name="Supprimer").click()
    row(page, LAST).get_by_role("button", name="Oui, supprimer").click()
    expect(page.get_by_text(t("fr", "history.deleted", month=label))).to_be_visible()
    expect(row(page, LAST)).to_have_count(0)
    screenshot(page, "fr-journal-deleted")
    page.get_by_role("button", name="Annuler la suppression").click()
    expect(page.get_by_text(t("fr", "history.restored", month=label))).to_be_visible()
    expect(row(page, LAST)).to_contain_text(IMPRESSIONS_1500)

    # Leaving the page makes a deletion final: back on Results, no undo is offered.
    row(page, LAST).get_by_role("button", name="Supprimer").click()
    row(page, LAST).get_by_role("button", name="Oui, supprimer").click()
    expect(page.get_by_role("button", name="Annuler la suppression")).to_be_visible()
    go_to(page, "Progression", wait_for_app)
    go_to(page, "Résultats", wait_for_app)
    expect(row(page, add_months(LAST, -2))).to_be_visible()
    expect(page.get_by_role("button", name="Annuler la suppression")).to_have_count(0)
    expect(row(page, LAST)).to_have_count(0)


@pytest.mark.parametrize("width", [1280, 390])
def test_results_and_the_monthly_card_fit_the_screen(
    server: AppServer,
    browser: Browser,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    width: int,
) -> None:
    seed_results(server)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        page = context.new_page()
        open_app(page, server, "journal", wait_for_app)
        expect(row(page, LAST)).to_be_visible()
        fits = "() => document.querySelector('[data-testid=stMain]').scrollWidth <= innerWidth"
        assert page.evaluate(fits)
        screenshot(page, f"fr-{width}-journal-months")
        open_app(page, server, "progress", wait_for_app)
        page.get_by_test_id("stButtonGroup").get_by_text("Score et résultats").click()
        expect(page.get_by_text("Votre bilan du mois, à partager")).to_be_visible()
        wait_for_app(page)
        assert page.evaluate(fits)
        screenshot(page, f"fr-{width}-progress-results")
    finally:
        context.close()


def test_bad_figures_in_the_browser_name_the_field_and_save_nothing(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "journal", wait_for_app)
    field(page, "Impressions").fill("100")
    field(page, "Interactions").fill("150")
    page.get_by_role("button", name="Enregistrer ce mois").click()
    expect(
        page.get_by_text("Interactions : les interactions ne peuvent pas dépasser les impressions.")
    ).to_be_visible()
    expect(page.get_by_text("Aucun mois enregistré pour l’instant")).to_be_visible()
    screenshot(page, "fr-journal-error")
