"""A freelancer reviews their own texts in Chromium: findings as they go, a headline saved."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from ssi_coach.model import Reading
from ssi_coach.services import checkin, questionnaire, settings
from ssi_coach.services.repo import open_default
from ssi_coach.services.review import profile_texts
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from tests.e2e.conftest import AppServer, open_app, page_at
from tests.seed_answers import ANSWERS

WIDTHS = (1280, 390)
# Per language: the kinds' labels, a faulty headline, its first finding, a good headline, a
# generic comment and its finding, the save button and the saved caption.
TEXTS = {
    "fr": {
        "headline": "Titre",
        "comment": "Commentaire",
        "box_headline": "Votre titre (le texte sous votre nom)",
        "box_comment": "Votre commentaire",
        "faulty": "Consultante SEO passionnée | Experte WordPress 🚀",
        "finding": "ne donne qu’un poste",
        "good": "J’aide les artisans du bâtiment à remplir leur agenda grâce à Google",
        "no_fix": "Rien à corriger",
        "generic": "Super post, merci pour le partage 👏",
        "generic_finding": "n’importe quel post",
        "save": "Enregistrer comme mon titre actuel",
        "saved": "Votre titre enregistré le",
    },
    "en": {
        "headline": "Headline",
        "comment": "Comment",
        "box_headline": "Your headline (the line under your name)",
        "box_comment": "Your comment",
        "faulty": "Sales Executive at Acme | Passionate about SaaS",
        "finding": "only gives a job title",
        "good": "I help plumbers fill their calendar with local Google searches",
        "no_fix": "Nothing to fix",
        "generic": "Great post, thanks for sharing! 👏",
        "generic_finding": "could sit under any post",
        "save": "Save as my current headline",
        "saved": "Your headline saved on",
    },
}


@pytest.fixture(params=["fr", "en"])
def app_in(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[AppServer, str]]:
    """Yield a running app on an empty profile whose language is set."""
    running = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    engine = make_engine(f"sqlite:///{running.database}")
    try:
        migrate(engine)
        settings.set_language(open_default(engine), request.param)
    finally:
        engine.dispose()
    running.start()
    try:
        yield running, request.param
    finally:
        running.stop()


def type_into(page: Page, label: str, text: str) -> None:
    box = page.get_by_role("textbox", name=label, exact=True)
    box.fill(text)
    # Streamlit sends a text area's value when it loses focus.
    box.blur()


@pytest.mark.parametrize("width", WIDTHS)
def test_a_headline_and_a_comment_are_reviewed_and_the_headline_is_saved(
    app_in: tuple[AppServer, str],
    browser: Browser,
    width: int,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    server, lang = app_in
    text = TEXTS[lang]
    with page_at(browser, width) as page:
        open_app(page, server, "review", wait_for_app)
        expect(page.get_by_test_id("stException")).to_have_count(0)

        type_into(page, text["box_headline"], text["faulty"])
        errors = page.get_by_test_id("stAlertContentError")
        expect(errors.first).to_contain_text(text["finding"])
        screenshot(page, f"review-{lang}-{width}-headline")

        type_into(page, text["box_headline"], text["good"])
        expect(page.get_by_test_id("stAlertContentSuccess")).to_contain_text(text["no_fix"])
        expect(errors).to_have_count(0)
        page.get_by_role("button", name=text["save"]).click()
        expect(page.get_by_text(text["saved"])).to_be_visible()

        page.get_by_test_id("stButtonGroup").get_by_text(text["comment"], exact=True).click()
        type_into(page, text["box_comment"], text["generic"])
        expect(errors.first).to_contain_text(text["generic_finding"])
        screenshot(page, f"review-{lang}-{width}-comment")
        expect(page.get_by_test_id("stException")).to_have_count(0)

    engine = make_engine(f"sqlite:///{server.database}")
    try:
        saved = profile_texts(open_default(engine))
    finally:
        engine.dispose()
    assert [version.text for version in saved.headline] == [text["good"]]


@pytest.fixture
def planned(tmp_path: Path) -> Iterator[AppServer]:
    """Yield a running app whose profile has a questionnaire and a check-in, in French."""
    running = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    engine = make_engine(f"sqlite:///{running.database}")
    try:
        migrate(engine)
        repo = open_default(engine)
        questionnaire.submit_questionnaire(repo, ANSWERS)
        checkin.store_checkin(repo, Reading(date.today(), 12, 9, 7, 10))
    finally:
        engine.dispose()
    running.start()
    try:
        yield running
    finally:
        running.stop()


def test_a_drafts_review_button_and_a_tasks_check_link_open_the_review(
    planned: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, planned, "plan?lever=messages&draft=message.thank_you", wait_for_app)
    focus = page.locator(".st-key-plan_focus")
    focus.get_by_role("button", name="Relire").click()
    panel = page.locator(".st-key-plan_review_panel_message_thank_you")
    expect(panel.get_by_test_id("stAlertContentError").first).to_contain_text("à compléter")
    page.mouse.move(0, 0)
    screenshot(page, "review-fr-plan-draft")

    open_app(page, planned, "", wait_for_app)
    link = page.get_by_role("link", name="Relire mon texte").first
    expected = parse_qs(urlsplit(link.get_attribute("href") or "").query)["kind"][0]
    link.click()
    wait_for_app(page)
    expect(page.locator("h1")).to_have_text("Relire mon texte")
    label = {
        "comment": "Commentaire",
        "message": "Premier message",
        "invitation": "Note d’invitation",
    }
    chosen = page.get_by_test_id("stButtonGroup").locator(
        "[aria-checked=true], [aria-pressed=true]"
    )
    expect(chosen).to_have_text(label[expected])
