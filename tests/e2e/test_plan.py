"""A freelancer answers the questionnaire, checks in and works from the plan, in Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e.conftest import AppServer, field, open_app
from tests.e2e.test_foundation import record_check_in

ANSWERS_FR = {
    "Votre cible : qui aidez-vous ?": "les DAF de PME industrielles",
    "Le résultat que vous leur apportez": "réduire leurs délais de clôture",
    "Votre moyen ou votre méthode": "un tableau de bord automatisé",
    "Votre secteur": "industrie",
}
HEADLINE_FR = (
    "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
    "grâce à un tableau de bord automatisé"
)


def choose(page: Page, option: str) -> None:
    page.get_by_test_id("stRadioOption").filter(has_text=option).click()


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
    block = page.get_by_test_id("stCode").filter(has_text="clôturer en 5 jours")
    expect(block).to_be_visible()
    expect(page.get_by_text("43 / 220 caractères", exact=True)).to_be_visible()
    block.hover()
    block.get_by_role("button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == "J’aide les DAF de PME à clôturer en 5 jours"
    screenshot(page, "fr-plan-headline-edited")

    page.get_by_role("tab", name="2. Recherches").click()
    expect(
        page.get_by_test_id("stCode").filter(has_text='"DAF de PME industrielles" AND "industrie"')
    ).to_be_visible()
    screenshot(page, "fr-plan-searches")
    page.get_by_role("tab", name="3. Commentaires").click()
    expect(
        page.get_by_test_id("stTabs").get_by_text("Environ 3 commentaires par jour")
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
    field(page, "Votre secteur").fill("industrie")
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Your goal on LinkedIn")
    expect(field(page, "Your sector")).to_have_value("industrie")
    choose(page, "Not yet, or too few")
    page.get_by_role("button", name="Save my answers").click()
    expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Answers saved on")
    expect(page.get_by_role("radio", name="Notoriety")).to_be_checked()
    expect(page.get_by_role("combobox", name="Your profile")).to_have_value(
        "Freelancer / consultant"
    )
    screenshot(page, "en-questionnaire")

    page.get_by_role("link", name="See my action plan").click()
    expect(page.locator("h1")).to_have_text("Your action plan")
    expect(page.get_by_text("Engagement rate", exact=True)).to_be_visible()
    expect(page.get_by_text("To personalise this text").first).to_be_attached()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "en-plan")
