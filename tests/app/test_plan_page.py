"""The plan page: what is missing, the ranked actions, KPIs, the honest panel, editable drafts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.store.answers import save_answers
from ssi_coach.store.readings import save_reading

PAGE = "pages/plan.py"
TEXTS = {
    "target": "les DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "sector": "industrie",
}
# Prospecting with a weak "find the right people" pillar: searches come first.
READING = Reading(date(2026, 10, 1), brand=15, people=5, insights=10, relationships=12)


def prospecting(**texts: str) -> Answers:
    return Answers(Goal.PROSPECTING, Role.FREELANCE, False, **texts)


@pytest.fixture
def plan_page(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> Callable[..., AppTest]:
    """Return a function that stores a reading and answers, then opens the plan."""

    def _open(answers: Answers | None = None) -> AppTest:
        save_reading(db, profile, READING)
        save_answers(db, profile, answers or prospecting(**TEXTS))
        return open_page(PAGE)

    return _open


def links(at: AppTest) -> list[str]:
    return [link.proto.label for link in at.get("page_link")]


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


# --- what is missing ------------------------------------------------------------------------


def test_without_answers_or_check_in_the_page_asks_for_both(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Votre plan d’action"
    assert "votre objectif et un relevé SSI" in at.info[0].value
    assert links(at) == ["Répondre au questionnaire", "Faire mon relevé SSI"]
    assert not at.text_area


def test_without_a_check_in_the_page_asks_for_one(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_answers(db, profile, prospecting(**TEXTS))
    at = open_page(PAGE)
    assert at.info[0].value.startswith("Il manque un relevé SSI")
    assert links(at) == ["Faire mon relevé SSI"]


def test_without_answers_the_page_asks_for_the_questionnaire(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, READING)
    at = open_page(PAGE)
    assert at.info[0].value.startswith("Il manque vos réponses au questionnaire")
    assert links(at) == ["Répondre au questionnaire"]


def to_english(at: AppTest) -> AppTest:
    return at.sidebar.radio(key="sidebar_lang").set_value("en").run()


def test_the_empty_page_speaks_english_too(open_page: Callable[[str | None], AppTest]) -> None:
    at = to_english(open_page(PAGE))
    assert at.title[0].value == "Your action plan"
    assert links(at) == ["Answer the questionnaire", "Record my SSI check-in"]


# --- the plan -------------------------------------------------------------------------------


def test_a_full_plan_shows_actions_kpis_drafts_then_the_honest_panel(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    assert not at.error
    assert [s.value for s in at.subheader] == [
        "Vos leviers, par ordre de priorité",
        "Les indicateurs à suivre",
        "Vos textes prêts à adapter",
        "Ce que le SSI ne dit pas",
    ]


def test_the_actions_come_in_priority_order_with_the_users_numbers(
    plan_page: Callable[..., AppTest],
) -> None:
    text = markdown_text(plan_page())
    titles = ["**1. Cibler vos recherches**", "**2. Envoyer des messages personnalisés**"]
    assert text.index(titles[0]) < text.index(titles[1])
    assert "« Trouver les bonnes personnes » est à 5 sur 25 : il vous reste 80 % de marge" in text


def test_the_top_actions_steps_are_open_with_their_daily_quantities(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    first = at.expander[0]
    assert first.label == "Concrètement"
    assert "environ 10 prospects" in "\n".join(m.value for m in first.markdown)


def test_the_helpers_follow_the_priority_order(plan_page: Callable[..., AppTest]) -> None:
    labels = [tab.label for tab in plan_page().tabs]
    assert labels == ["1. Recherches", "2. Messages", "3. Commentaires", "4. Profil"]


def test_the_prospecting_kpis_sit_next_to_the_plan_with_their_reason(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    text = markdown_text(at)
    assert "**Conversations qualifiées**" in text
    assert "**Opportunités**" in text
    assert "Noter mes résultats du mois" in links(at)


def test_the_notoriety_kpis_explain_the_engagement_rate(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page(Answers(Goal.NOTORIETY, Role.FREELANCE, False, **TEXTS))
    assert "**Taux d’engagement**" in markdown_text(at)
    assert any("Interactions ÷ impressions" in m.value for m in at.markdown)


def test_the_honest_panel_says_what_the_ssi_does_not_measure(
    plan_page: Callable[..., AppTest],
) -> None:
    text = markdown_text(plan_page())
    assert "pas vos affaires" in text
    assert "Un score stable et cohérent avec votre objectif" in text


def test_maintenance_says_the_score_is_not_the_priority_and_leads_with_the_kpis(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page(Answers(Goal.PROSPECTING, Role.FREELANCE, True, **TEXTS))
    assert at.title[0].value == "Entretenir ce qui fonctionne"
    assert "faire monter votre score n’est pas la priorité" in at.info[0].value
    assert [s.value for s in at.subheader][:2] == [
        "Les indicateurs à suivre",
        "Vos leviers, par ordre de priorité",
    ]


def test_the_plan_follows_the_latest_answers(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    save_answers(db, profile, prospecting(**TEXTS))
    at = plan_page(Answers(Goal.NOTORIETY, Role.FREELANCE, False, **TEXTS))
    assert "Objectif : Notoriété." in markdown_text(at)
    assert at.tabs[0].label == "1. Commentaires"


def test_the_plan_says_what_it_was_built_from_and_links_to_the_answers(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    assert any(
        c.value.startswith("Établi à partir de votre relevé du 01/10/2026") for c in at.caption
    )
    assert "Modifier mes réponses" in links(at)


def test_the_plan_speaks_english(plan_page: Callable[..., AppTest]) -> None:
    at = to_english(plan_page())
    assert at.title[0].value == "Your action plan"
    assert at.tabs[0].label == "1. Searches"
    assert at.text_area(key="plan_draft_headline_1").value == (
        "I help les DAF de PME industrielles to réduire leurs délais de clôture "
        "with un tableau de bord automatisé"
    )


# --- drafts ---------------------------------------------------------------------------------


def test_the_headline_drafts_use_the_users_answers_with_their_length_against_220(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    headline = (
        "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé"
    )
    assert at.text_area(key="plan_draft_headline_1").value == headline
    assert headline in [c.value for c in at.code]
    assert f"{len(headline)} / 220 caractères" in [c.value for c in at.caption]


def test_every_lever_has_its_drafts_to_edit(plan_page: Callable[..., AppTest]) -> None:
    keys = {area.key for area in plan_page().text_area}
    assert keys == {
        f"plan_draft_{name}"
        for name in (
            "headline_1",
            "headline_2",
            "headline_3",
            "about",
            "recommendation",
            "search_query",
            "search_note",
            "comment_angle",
            "comment_experience",
            "comment_question",
            "share",
            "thank_you",
            "follow_up",
        )
    }


def test_the_search_helper_builds_the_query_from_target_and_sector(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    assert at.text_area(key="plan_draft_search_query").value == (
        '"DAF de PME industrielles" AND "industrie"'
    )
    assert "Chaque jour, environ 10 prospects bien choisis" in markdown_text(at)


def test_the_comment_helper_gives_three_frameworks_and_3_a_day(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    text = markdown_text(at)
    for name in ("Ajouter un angle", "Partager une expérience", "Poser une question"):
        assert f"**{name}**" in text
    assert "Environ 3 commentaires par jour" in text
    assert "secteur industrie" in at.text_area(key="plan_draft_comment_angle").value


def test_an_edited_draft_is_what_the_copy_block_shows(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    at.text_area(key="plan_draft_headline_2").input("Mon titre à moi").run()
    assert "Mon titre à moi" in [c.value for c in at.code]
    assert at.text_area(key="plan_draft_headline_2").value == "Mon titre à moi"


def test_a_headline_over_220_characters_is_flagged(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page()
    at.text_area(key="plan_draft_headline_1").input("x" * 230).run()
    assert "230 / 220 caractères 10 caractères de trop" in at.warning[0].value


def test_empty_answers_leave_placeholders_and_a_note_pointing_to_the_questionnaire(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page(prospecting())
    assert at.text_area(key="plan_draft_headline_1").value == (
        "J’aide [votre cible] à [le résultat apporté] grâce à [votre méthode]"
    )
    notes = [w.value for w in at.warning]
    assert "Pour personnaliser ce texte, complétez dans le questionnaire : Cible, Secteur." in notes
    assert links(at).count("Répondre au questionnaire") == 4


def test_answers_with_markdown_are_shown_as_written(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page(prospecting(target="**DAF** :red[x]", sector="[lien](http://x.fr)"))
    filters = next(m.value for m in at.markdown if "Titre" in m.value)
    assert "\\*\\*DAF\\*\\* \\:red\\[x\\]" in filters
    assert "[lien](http://x.fr)" not in markdown_text(at)
    assert "secteur [lien](http://x.fr)" in at.text_area(key="plan_draft_comment_angle").value
