"""A freelancer answers the questionnaire, checks in and works from the plan, in Chromium."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from ssi_coach.i18n import t
from ssi_coach.model import Reading
from ssi_coach.services import checkin, questionnaire
from ssi_coach.services.repo import open_default
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, AppServer, field, open_app, wait_for_app
from tests.e2e.test_foundation import record_check_in

ANSWERS_FR = {
    "Votre cible : qui aidez-vous ?": "les DAF de PME industrielles",
    "Les intitulés de poste à rechercher": "DAF, Directeur administratif et financier",
    "Le type d’entreprise de vos clients": "PME, ETI",
    "Le secteur de vos clients": "industrie",
    "Ce que vous les aidez à faire": "réduire leurs délais de clôture",
    "Comment\u00a0: votre méthode ou votre outil": "un tableau de bord automatisé",
}
HEADLINE_FR = (
    "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
    "grâce à un tableau de bord automatisé"
)


def choose(page: Page, option: str) -> None:
    page.get_by_test_id("stRadioOption").filter(has_text=option).click()
    expect(page.get_by_role("radio", name=option, exact=True)).to_be_checked()
    wait_for_app(page)


def answer_questionnaire(page: Page) -> None:
    choose(page, "Prospection")
    choose(page, "Pas encore, ou trop peu")
    for label, value in ANSWERS_FR.items():
        field(page, label).fill(value)
    page.get_by_role("button", name="Enregistrer mes réponses").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Réponses enregistrées le")


def test_the_plan_waits_for_the_questionnaire_and_the_check_in(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    open_app(page, server, "plan", wait_for_app)
    expect(page.get_by_text("il faut deux choses")).to_be_visible()
    page.get_by_role("link", name="Répondre au questionnaire").click()
    expect(page.locator("h1")).to_have_text("Votre objectif sur LinkedIn")


def test_questionnaire_and_check_in_give_a_plan_whose_drafts_can_be_edited_and_copied(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_app(page, server, "questionnaire", wait_for_app)
    answer_questionnaire(page)
    screenshot(page, "fr-questionnaire")
    open_app(page, server, "checkin", wait_for_app)
    record_check_in(page)

    open_app(page, server, "plan", wait_for_app)
    expect(page.locator("h1")).to_have_text("Votre plan d’action")
    expect(page.get_by_text("1. Envoyer des messages personnalisés")).to_be_visible()
    expect(page.get_by_text("Conversations qualifiées", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "fr-plan")

    page.get_by_role("tab", name="4. Profil").click()
    hidden = page.get_by_role("textbox", name="Titre 1", exact=True, include_hidden=True)
    page.get_by_test_id("stExpander").filter(has=hidden).get_by_text("Modifier ce texte").click()
    headline = page.get_by_role("textbox", name="Titre 1", exact=True)
    expect(headline).to_have_value(HEADLINE_FR)
    headline.fill("J’aide les DAF de PME à clôturer en 5 jours")
    headline.press("Control+Enter")
    block = page.locator(".ssi-copy").filter(has_text="clôturer en 5 jours")
    expect(block).to_be_visible()
    expect(page.get_by_text("43 / 220 caractères", exact=True)).to_be_visible()
    block.get_by_role("button", name="Copier").click()
    # The copy resolves asynchronously: the button says so once it is done.
    expect(block.get_by_role("button", name="Copié")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "J’aide les DAF de PME à clôturer en 5 jours"
    screenshot(page, "fr-plan-headline-edited")

    page.get_by_role("tab", name="2. Recherches").click()
    expect(
        page.locator(".ssi-copy").filter(has_text='DAF OR "Directeur administratif et financier"')
    ).to_be_visible()
    screenshot(page, "fr-plan-searches")
    page.get_by_role("tab", name="3. Commentaires").click()
    expect(
        page.get_by_test_id("stTabs").get_by_text("3 commentaires par jour au plus")
    ).to_be_visible()
    screenshot(page, "fr-plan-comments")


def test_a_language_switch_keeps_typed_answers_and_translates_both_pages(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    record_check_in(page)
    open_app(page, server, "questionnaire", wait_for_app)
    choose(page, "Notoriété")
    field(page, "Le secteur de vos clients").fill("industrie")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Your goal on LinkedIn")
    expect(field(page, "Your clients' sector")).to_have_value("industrie")
    choose(page, "Not yet, or too few")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Answers saved on")
    expect(page.get_by_role("radio", name="Visibility")).to_be_checked()
    expect(page.get_by_role("combobox", name="Your profile")).to_have_value(
        "Freelancer / consultant"
    )
    screenshot(page, "en-questionnaire")

    page.get_by_role("button", name="See my action plan").click()
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page.get_by_text("Engagement rate", exact=True)).to_be_visible()
    expect(page.get_by_text("To personalise this text").first).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "en-plan")


# --- drafts are yours, and Today leads to them ----------------------------------------------

SEEDED_ANSWERS = {
    "goal": "prospecting",
    "role": "freelance",
    "already_converting": "no",
    "minutes_per_day": "20",
    **dict(
        zip(
            ("target", "titles", "company_kind", "sector", "outcome", "means"),
            ANSWERS_FR.values(),
            strict=True,
        )
    ),
}
OWN_HEADLINE = "J’aide les DAF de PME à clôturer leurs comptes en 5 jours"


def seed_plan(server: AppServer) -> None:
    """Store answers and a check-in as the questionnaire and check-in pages would."""
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        migrate(engine)
        repo = open_default(engine)
        questionnaire.submit_questionnaire(repo, SEEDED_ANSWERS)
        checkin.store_checkin(repo, Reading(date.today(), 12, 5, 10, 9))
    finally:
        engine.dispose()


def headline_box(page: Page) -> Locator:
    """Return the first headline's edit box, opening its expander."""
    hidden = page.get_by_role("textbox", name="Titre 1", exact=True, include_hidden=True)
    page.get_by_test_id("stExpander").filter(has=hidden).get_by_text("Modifier ce texte").click()
    return page.get_by_role("textbox", name="Titre 1", exact=True)


def test_an_edited_draft_is_still_there_after_a_reload_until_reset(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed_plan(server)
    open_app(page, server, "plan", wait_for_app)
    page.get_by_role("tab", name="Profil").click()
    box = headline_box(page)
    box.fill(OWN_HEADLINE)
    box.press("Control+Enter")
    expect(page.get_by_text("Votre version est enregistrée.")).to_be_visible()

    page.reload()
    wait_for_app(page)
    page.get_by_role("tab", name="Profil").click()
    expect(page.locator(".ssi-copy").filter(has_text=OWN_HEADLINE)).to_be_visible()
    expect(headline_box(page)).to_have_value(OWN_HEADLINE)
    screenshot(page, "fr-plan-draft-saved")

    page.get_by_role("button", name="Revenir au texte proposé").click()
    expect(page.locator(".ssi-copy").filter(has_text=HEADLINE_FR)).to_be_visible()
    page.reload()
    wait_for_app(page)
    page.get_by_role("tab", name="Profil").click()
    # The helper runs once its tab is open: wait for it before checking what it leaves out.
    expect(page.locator(".ssi-copy").filter(has_text=HEADLINE_FR)).to_be_visible()
    expect(page.locator(".ssi-copy").filter(has_text=OWN_HEADLINE)).to_have_count(0)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_task_of_today_opens_its_draft_on_the_first_screen_of_the_plan(
    server: AppServer,
    browser: Browser,
    width: int,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed_plan(server)
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        page = context.new_page()
        open_app(page, server, "", wait_for_app)
        link = page.get_by_role("link", name="Ouvrir le texte").first
        query = parse_qs(urlsplit(link.get_attribute("href") or "").query)
        link.click()
        expect(page.locator("h1")).to_have_text("Votre plan d’action")
        tab = t("fr", f"planpage.tab.{query['lever'][0]}")
        expect(page.get_by_role("tab", selected=True)).to_contain_text(tab)
        focused = page.locator(".st-key-plan_focus")
        expect(focused.get_by_text("Pour votre tâche du jour", exact=True)).to_be_in_viewport()
        expect(focused.locator(".ssi-copy")).to_be_in_viewport()
        screenshot(page, f"fr-plan-from-today-{width}")
        focused.get_by_role("link", name="Revenir à ma routine du jour").click()
        expect(page.locator("h1")).to_have_text("Votre routine du jour")
    finally:
        context.close()


def test_a_tab_the_user_opened_stays_open_when_the_language_changes(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    seed_plan(server)
    open_app(page, server, "plan", wait_for_app)
    tabs = page.get_by_test_id("stTabs")
    expect(page.get_by_role("tab", selected=True)).to_have_text("1. Recherches")
    expect(tabs.locator(".ssi-copy").filter(has_text="Directeur administratif")).to_be_visible()
    page.get_by_role("tab", name="Commentaires").click()
    expect(page.get_by_role("tab", selected=True)).to_have_text("3. Commentaires")
    expect(tabs.get_by_text("Les exemples changent chaque jour", exact=False)).to_be_visible()
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page.get_by_role("tab", selected=True)).to_have_text("3. Comments")
    expect(tabs.get_by_text("The examples change every day", exact=False)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
