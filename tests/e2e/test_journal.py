"""A freelancer enters three months of results and sees them beside the score, in both languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from ssi_coach.journal import default_month, month_label
from ssi_coach.model import Answers, Reading
from ssi_coach.months import add_months
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from tests.e2e.conftest import AppServer, field, open_app

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
    expect(page.get_by_text(f"Résultats de {label} enregistrés.")).to_be_visible()


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
    table = page.get_by_test_id("stDataFrame")
    expect(table).to_be_visible()
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
