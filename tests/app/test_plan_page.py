"""The plan page: what is missing, the ranked actions, KPIs, the honest panel, editable drafts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.plan import Lever, build_plan
from ssi_coach.records import DRAFT_LEVERS, DRAFT_TEXT_MAX, DraftEdit
from ssi_coach.routine import TASK_DRAFTS, TASK_KEYS, routine_for
from ssi_coach.store.answers import save_answers
from ssi_coach.store.drafts import list_drafts
from ssi_coach.store.readings import save_reading
from ssi_coach.ui.plan_view import OPEN_LEVER_KEY, TABS_KEY
from tests.app.plan_tabs import open_tab, selected_tab
from tests.copy_blocks import copy_texts

PAGE = "pages/plan.py"
TEXTS = {
    "target": "les DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "sector": "industrie",
    "titles": "DAF, Directeur administratif et financier",
    "company_kind": "PME, ETI",
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


def test_a_full_plan_shows_actions_their_drafts_kpis_then_the_honest_panel(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    assert not at.error
    assert [h.value for h in at.header] == [
        "Vos leviers, par ordre de priorité",
        "Vos textes prêts à adapter",
        "Les indicateurs à suivre",
        "Ce que le SSI ne dit pas",
    ]


def test_the_actions_come_in_priority_order_with_the_users_numbers(
    plan_page: Callable[..., AppTest],
) -> None:
    text = markdown_text(plan_page())
    titles = ["**1. Cibler vos recherches**", "**2. Envoyer des messages personnalisés**"]
    assert text.index(titles[0]) < text.index(titles[1])
    assert "« Trouver les bonnes personnes » est à 5 sur 25 : il vous reste 80 % de marge" in text


def test_the_actions_steps_are_closed_to_keep_the_drafts_near_and_hold_the_quantities(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    steps = [e for e in at.expander if e.label == "Concrètement"]
    assert len(steps) == 4
    assert not any(e.proto.expanded for e in steps)
    assert "environ 10 prospects" in "\n".join(m.value for m in steps[0].markdown)


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
    assert [h.value for h in at.header][:2] == [
        "Les indicateurs à suivre",
        "Vos leviers, par ordre de priorité",
    ]


def test_the_plan_follows_the_latest_answers(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    save_answers(db, profile, prospecting(**TEXTS))
    at = plan_page(Answers(Goal.NOTORIETY, Role.FREELANCE, False, **TEXTS))
    assert "Objectif : Notoriété." in markdown_text(at)
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
    at = open_tab(to_english(plan_page()), Lever.HEADLINE)
    assert at.title[0].value == "Your action plan"
    assert at.tabs[0].label == "1. Searches"
    # The profile is written in French: the drafts stay French, the guidance turns English.
    assert at.text_area(key="plan_draft_headline_1").value == (
        "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé"
    )
    assert "Texts written in French, the language of your LinkedIn profile" in " ".join(
        c.value for c in at.caption
    )


def test_an_english_profile_gets_english_drafts_under_a_french_interface(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page(
        prospecting(
            target="CFOs of industrial SMEs",
            outcome="close their books faster",
            means="an automated dashboard",
            sector="Manufacturing",
            titles="CFO, Chief Financial Officer",
            company_kind="SMEs",
            profile_lang="en",
        )
    )
    assert at.title[0].value == "Votre plan d’action"
    assert at.text_area(key="plan_draft_search_title").value == 'CFO OR "Chief Financial Officer"'
    open_tab(at, Lever.HEADLINE)
    assert at.text_area(key="plan_draft_headline_1").value == (
        "I help CFOs of industrial SMEs to close their books faster with an automated dashboard"
    )


# --- drafts ---------------------------------------------------------------------------------


def test_the_headline_drafts_use_the_users_answers_with_their_length_against_220(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    headline = (
        "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé"
    )
    assert at.text_area(key="plan_draft_headline_1").value == headline
    assert headline in copy_texts(at)
    assert f"{len(headline)} / 220 caractères" in [c.value for c in at.caption]


def test_every_lever_has_its_drafts_to_edit(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page()
    keys = set()
    for lever in Lever:
        keys |= {area.key for area in open_tab(at, lever).text_area}
    assert keys == {
        f"plan_draft_{name}"
        for name in (
            "headline_1",
            "headline_2",
            "headline_3",
            "about",
            "recommendation",
            "post",
            "search_title",
            "search_query",
            "search_note",
            "comment_angle",
            "comment_experience",
            "comment_question",
            "share",
            "message_thank_you",
            "message_follow_up",
        )
    }


def test_the_search_helper_gives_the_title_and_keywords_fields_and_the_industry_filter(
    plan_page: Callable[..., AppTest],
) -> None:
    at = plan_page()
    title = 'DAF OR "Directeur administratif et financier"'
    keywords = "(PME OR ETI) NOT (stagiaire OR étudiant OR alternant)"
    assert at.text_area(key="plan_draft_search_title").value == title
    assert at.text_area(key="plan_draft_search_query").value == keywords
    # Each part has its own copy block, with its copy button.
    blocks = copy_texts(at)
    assert {title, keywords, "Secteur\u00a0: industrie"} <= set(blocks)
    # The sector is a filter, never a term of the query.
    assert "industrie" not in title + keywords
    assert "Chaque jour, une dizaine de prospects bien choisis au plus" in markdown_text(at)


def test_the_comment_helper_gives_three_frameworks_and_3_a_day(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_tab(plan_page(), Lever.COMMENTS)
    text = markdown_text(at)
    for name in ("Ajouter un angle", "Partager une expérience", "Poser une question"):
        assert f"**{name}**" in text
    assert "Environ 3 commentaires par jour" in text
    assert "secteur industrie" in at.text_area(key="plan_draft_comment_angle").value


def test_an_edited_draft_is_what_the_copy_block_shows(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    at.text_area(key="plan_draft_headline_2").input("Mon titre à moi").run()
    assert "Mon titre à moi" in copy_texts(at)
    assert at.text_area(key="plan_draft_headline_2").value == "Mon titre à moi"


def test_a_headline_over_220_characters_is_flagged(plan_page: Callable[..., AppTest]) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    at.text_area(key="plan_draft_headline_1").input("x" * 230).run()
    assert "230 / 220 caractères 10 caractères de trop" in at.warning[0].value


def test_empty_answers_leave_placeholders_and_a_note_pointing_to_the_questionnaire(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_tab(plan_page(prospecting()), Lever.HEADLINE)
    assert at.text_area(key="plan_draft_headline_1").value == (
        "J’aide [votre cible] à [ce que vous les aidez à faire] grâce à [votre méthode]"
    )
    # Each helper names what it misses, with its link to the questionnaire.
    open_tab(at, Lever.COMMENTS)
    assert [w.value for w in at.warning] == [
        "Pour personnaliser ce texte, complétez dans le questionnaire\u00a0: Cible, Secteur."
    ]
    for lever in Lever:
        assert links(open_tab(at, lever)).count("Répondre au questionnaire") == 1


def test_answers_with_markdown_are_shown_as_written(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page(prospecting(target="**DAF** :red[x]", sector="[lien](http://x.fr)"))
    assert "Secteur\u00a0: [lien] http://x.fr" in copy_texts(at)
    assert "[lien](http://x.fr)" not in markdown_text(at)
    assert "**DAF** :red[x]" not in markdown_text(at)
    open_tab(at, Lever.COMMENTS)
    assert "secteur [lien](http://x.fr)" in at.text_area(key="plan_draft_comment_angle").value


# --- drafts are yours -----------------------------------------------------------------------

HEADLINE = "plan_draft_headline_1"


def test_an_edited_draft_is_saved_at_once_and_comes_back_after_another_page(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    at.text_area(key=HEADLINE).input("J’aide les DAF à clôturer en 5 jours").run()
    assert list_drafts(db, profile) == (
        DraftEdit("headline.1", "J’aide les DAF à clôturer en 5 jours"),
    )
    at.switch_page("pages/progress.py").run()
    open_tab(at.switch_page(PAGE).run(), Lever.HEADLINE)
    assert at.text_area(key=HEADLINE).value == "J’aide les DAF à clôturer en 5 jours"
    assert "J’aide les DAF à clôturer en 5 jours" in copy_texts(at)


def test_an_edited_draft_comes_back_in_a_new_session_as_after_a_reload(
    plan_page: Callable[..., AppTest], open_page: Callable[[str | None], AppTest]
) -> None:
    first = open_tab(plan_page(), Lever.MESSAGES)
    first.text_area(key="plan_draft_message_thank_you").input("Merci, Claire !").run()
    at = open_tab(open_page(PAGE), Lever.MESSAGES)
    assert at.text_area(key="plan_draft_message_thank_you").value == "Merci, Claire !"
    saved = "C’est votre version, enregistrée : vous la retrouverez ici."
    assert any(c.value.endswith(saved) for c in at.caption)


def test_going_back_to_the_proposed_text_deletes_the_saved_edit(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    proposed = at.text_area(key=HEADLINE).value
    at.text_area(key=HEADLINE).input("Mon titre à moi").run()
    at.button(key="plan_reset_headline_1").click().run()
    assert list_drafts(db, profile) == ()
    assert at.text_area(key=HEADLINE).value == proposed
    assert not [b for b in at.button if b.key == "plan_reset_headline_1"]


def test_an_emptied_draft_goes_back_to_the_proposed_text_instead_of_saving_nothing(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    proposed = at.text_area(key=HEADLINE).value
    at.text_area(key=HEADLINE).input("Mon titre à moi").run()
    at.text_area(key=HEADLINE).input("   ").run()
    assert list_drafts(db, profile) == ()
    assert at.text_area(key=HEADLINE).value == proposed


def test_a_draft_longer_than_3000_characters_is_refused_naming_it_and_nothing_is_saved(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    too_long = "x" * (DRAFT_TEXT_MAX + 1)
    at.text_area(key="plan_draft_about").input(too_long).run()
    assert list_drafts(db, profile) == ()
    assert [e.value for e in at.error] == [
        "Votre section Infos : 3\u202f000 caractères au maximum. "
        "Cette version n’est pas enregistrée."
    ]
    # The refused text stays in its box, to be shortened rather than typed again.
    assert at.text_area(key="plan_draft_about").value == too_long


def test_a_saved_edit_outlives_new_answers_while_other_drafts_follow_them(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.HEADLINE)
    at.text_area(key=HEADLINE).input("Mon titre à moi").run()
    save_answers(db, profile, prospecting(**{**TEXTS, "target": "les DRH de PME"}))
    at.run()
    assert at.text_area(key=HEADLINE).value == "Mon titre à moi"
    assert "les DRH de PME" in at.text_area(key="plan_draft_headline_2").value


# --- arriving from Today --------------------------------------------------------------------


def open_focused(plan_page: Callable[..., AppTest], **params: str) -> AppTest:
    at = plan_page()
    at.query_params.update(params)
    at.run()
    # The shell turns a failure into an error message, so both are checked.
    assert not at.exception, at.exception
    assert not at.error, at.error
    return at


def test_arriving_for_a_draft_opens_its_levers_tab_with_that_draft_first(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_focused(plan_page, lever="comments", draft="comment.experience")
    assert selected_tab(at) == "3. Commentaires"
    tab = next(tab for tab in at.tabs if tab.label == "3. Commentaires")
    assert tab.caption[0].value == "Pour votre tâche du jour"
    assert tab.text_area[0].key == "plan_draft_comment_experience"
    assert "Revenir à ma routine du jour" in links(at)


def test_arriving_for_a_draft_puts_the_drafts_before_the_rest_of_the_plan(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_focused(plan_page, lever="messages", draft="message.follow_up")
    assert next(h.value for h in at.header) == "Vos textes prêts à adapter"
    assert selected_tab(at) == "2. Messages"
    # Shown once, first: no second box with the same draft further down.
    assert [a.key for a in at.text_area].count("plan_draft_message_follow_up") == 1


def test_a_draft_of_another_levers_helper_opens_that_helper(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_focused(plan_page, lever="messages", draft="search.note")
    assert selected_tab(at) == "1. Recherches"


def test_arriving_for_a_lever_alone_opens_its_helper(plan_page: Callable[..., AppTest]) -> None:
    at = open_focused(plan_page, lever="headline")
    assert selected_tab(at) == "4. Profil"
    assert next(h.value for h in at.header) == "Vos textes prêts à adapter"


def test_an_unknown_lever_in_the_address_is_ignored(plan_page: Callable[..., AppTest]) -> None:
    at = open_focused(plan_page, lever="bogus", draft="nothing")
    assert not at.exception
    assert selected_tab(at) == "1. Recherches"
    assert next(h.value for h in at.header) == "Vos leviers, par ordre de priorité"


# --- one tab at a time ---------------------------------------------------------------------


def test_only_the_open_tabs_helper_is_rendered(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page()
    assert selected_tab(at) == "1. Recherches"
    assert {area.key for area in at.text_area} == {
        "plan_draft_search_title",
        "plan_draft_search_query",
        "plan_draft_search_note",
    }
    assert [len(tab.children) > 0 for tab in at.tabs] == [True, False, False, False]


def test_another_tab_shows_its_own_helper_instead(plan_page: Callable[..., AppTest]) -> None:
    at = open_tab(plan_page(), Lever.MESSAGES)
    assert {area.key for area in at.text_area} == {
        "plan_draft_message_thank_you",
        "plan_draft_message_follow_up",
    }


def test_the_user_can_leave_the_focused_tab_while_the_focus_stays_in_the_address(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_focused(plan_page, lever="comments", draft="comment.experience")
    open_tab(at, Lever.HEADLINE)
    at.run()
    assert at.query_params["lever"] == "comments"
    assert selected_tab(at) == "4. Profil"
    assert "plan_draft_comment_experience" not in {area.key for area in at.text_area}


def leave_for_today(at: AppTest) -> AppTest:
    at.query_params.clear()
    at.switch_page("pages/today.py").run()
    assert not at.exception, at.exception
    return at


def test_arriving_again_with_another_focus_opens_that_levers_tab(
    plan_page: Callable[..., AppTest],
) -> None:
    at = leave_for_today(open_focused(plan_page, lever="comments", draft="comment.experience"))
    at.query_params.update(lever="messages", draft="message.follow_up")
    at.switch_page(PAGE).run()
    assert selected_tab(at) == "2. Messages"
    assert at.text_area[0].key == "plan_draft_message_follow_up"


def test_arriving_again_with_the_same_focus_reopens_its_tab_after_the_user_left_it(
    plan_page: Callable[..., AppTest],
) -> None:
    at = open_tab(open_focused(plan_page, lever="comments"), Lever.HEADLINE)
    leave_for_today(at).query_params.update(lever="comments")
    at.switch_page(PAGE).run()
    assert selected_tab(at) == "3. Commentaires"


def test_a_new_focus_on_the_page_opens_its_levers_tab(plan_page: Callable[..., AppTest]) -> None:
    at = open_tab(open_focused(plan_page, lever="comments"), Lever.HEADLINE)
    at.query_params.update(lever="messages")
    at.run()
    assert selected_tab(at) == "2. Messages"


def test_arriving_without_a_focus_opens_the_first_tab(plan_page: Callable[..., AppTest]) -> None:
    at = leave_for_today(open_tab(plan_page(), Lever.HEADLINE))
    at.switch_page(PAGE).run()
    assert selected_tab(at) == "1. Recherches"


def test_a_language_switch_keeps_the_open_lever(plan_page: Callable[..., AppTest]) -> None:
    at = to_english(open_tab(plan_page(), Lever.COMMENTS))
    assert not at.exception, at.exception
    assert selected_tab(at) == "3. Comments"
    assert "plan_draft_comment_angle" in {area.key for area in at.text_area}


def test_a_new_order_of_the_plan_keeps_the_open_lever_under_its_new_rank(
    plan_page: Callable[..., AppTest], db: Engine, profile: int
) -> None:
    at = open_tab(plan_page(), Lever.MESSAGES)
    # Weak insights, strong relationships: comments come first, messages third.
    save_reading(db, profile, Reading(date(2026, 10, 2), 15, 20, 2, 20))
    at.run()
    assert at.tabs[0].label == "1. Commentaires"
    assert selected_tab(at) == "3. Messages"
    assert "plan_draft_message_thank_you" in {area.key for area in at.text_area}


def test_a_stale_open_tab_falls_back_to_the_first_tab(plan_page: Callable[..., AppTest]) -> None:
    at = plan_page()
    at.session_state[TABS_KEY] = "9. Ancien onglet"
    at.session_state[OPEN_LEVER_KEY] = "gone"
    at.run()
    assert not at.exception, at.exception
    assert selected_tab(at) == "1. Recherches"
    assert "plan_draft_search_title" in {area.key for area in at.text_area}


def test_every_task_of_today_links_to_its_draft_on_the_plan(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    answers = prospecting(**TEXTS)
    save_reading(db, profile, READING)
    save_answers(db, profile, answers)
    at = open_page(None)
    tasks = routine_for(build_plan(READING, answers), answers, date.today())
    expected = []
    for task in tasks:
        if task.draft is None:
            expected.append(f"lever={task.lever.value}")
        else:
            expected.append(f"lever={DRAFT_LEVERS[task.draft].value}&draft={task.draft}")
    to_plan = [link.proto for link in at.get("page_link") if link.proto.page.endswith("plan")]
    assert [link.query_string for link in to_plan] == expected
    # Which levers today's tasks reach depends on the weekday: any lever's help is a right label.
    helper = re.compile("^Ouvrir l’aide «\u00a0[^»]+\u00a0»$")
    for label in {link.label for link in to_plan}:
        assert label in {"Ouvrir le texte", "Ouvrir la recherche"} or helper.match(label), label


def test_every_routine_task_has_a_draft_or_a_lever_helper_to_open() -> None:
    assert set(TASK_DRAFTS) <= set(TASK_KEYS)
    assert set(TASK_DRAFTS.values()) <= set(DRAFT_LEVERS)
