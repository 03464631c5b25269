"""The questionnaire's composable answers: inline help, the live headline preview, the language."""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from ssi_coach.model import Answers, Goal, Role
from ssi_coach.store.answers import answers_history, latest_answers, save_answers
from ssi_coach.store.profiles import set_setting
from tests.app.test_questionnaire_page import GOOD, PAGE, fill, to_english

OpenPage = Callable[[str | None], AppTest]
NEW_TEXTS = ("titles", "company_kind")


def preview(at: AppTest) -> Block:
    """Return the bordered block that holds the headline preview."""
    found = [
        block
        for block in at.main.children.values()
        if isinstance(block, Block) and block.proto.id.endswith("-questionnaire_preview")
    ]
    assert len(found) == 1
    return found[0]


def headline(at: AppTest) -> str:
    """Return the headline the preview shows, as the user reads it."""
    return re.sub(r"\\(.)", r"\1", preview(at).markdown[1].value)


def type_in(at: AppTest, field: str, value: str) -> AppTest:
    """Type an answer and leave the field, as Enter or a click elsewhere does; no submit."""
    return at.text_input(key=f"questionnaire_{field}").input(value).run()


def test_each_text_question_shows_its_help_under_its_label_not_in_a_tooltip(
    open_page: OpenPage,
) -> None:
    at = open_page(PAGE)
    for field in ("target", *NEW_TEXTS, "sector", "outcome", "means"):
        assert not at.text_input(key=f"questionnaire_{field}").help, field
    captions = [caption.value for caption in at.caption]
    assert any(c.startswith("Au singulier, tels que vos clients") for c in captions)
    assert any("«\u00a0Industrie manufacturière\u00a0»" in c for c in captions)
    assert any(c.startswith("Commencez par un verbe") for c in captions)


def test_the_other_questions_show_their_help_inline_too(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    assert not at.radio(key="questionnaire_already_converting").help
    assert not at.selectbox(key="questionnaire_role").help
    assert not at.slider(key="questionnaire_minutes_per_day").help
    assert any(c.value.startswith("Une vingtaine de minutes") for c in at.caption)


def test_the_text_questions_come_in_the_order_that_builds_a_sentence(open_page: OpenPage) -> None:
    keys = [element.key for element in open_page(PAGE).text_input]
    assert keys == [
        "questionnaire_target",
        "questionnaire_titles",
        "questionnaire_company_kind",
        "questionnaire_sector",
        "questionnaire_outcome",
        "questionnaire_means",
    ]


def test_the_preview_starts_with_placeholders_and_its_length_against_220(
    open_page: OpenPage,
) -> None:
    at = open_page(PAGE)
    assert "[" in headline(at)
    assert preview(at).caption[1].value.endswith("caractères sur 220")


def test_the_preview_follows_the_target_as_it_is_typed(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    before = headline(at)
    at = type_in(at, "target", "les DAF de PME industrielles")
    assert "les DAF de PME industrielles" in headline(at)
    assert headline(at) != before
    at = type_in(at, "target", "les DRH d’ETI")
    assert "les DRH d’ETI" in headline(at)
    assert "DAF" not in headline(at)


def test_the_preview_follows_the_outcome_as_it_is_typed(open_page: OpenPage) -> None:
    at = type_in(open_page(PAGE), "outcome", "réduire leurs délais de clôture")
    assert "réduire leurs délais de clôture" in headline(at)
    at = type_in(at, "outcome", "fiabiliser leurs prévisions")
    assert "fiabiliser leurs prévisions" in headline(at)
    assert "clôture" not in headline(at)


def test_the_preview_counts_the_characters_of_the_headline(open_page: OpenPage) -> None:
    at = type_in(open_page(PAGE), "target", "les DAF de PME industrielles")
    length = len(headline(at))
    assert preview(at).caption[1].value == f"{length} caractères sur 220"


def test_typing_saves_nothing_until_the_answers_are_submitted(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = type_in(open_page(PAGE), "target", "les DAF de PME industrielles")
    assert answers_history(db, profile) == []
    assert not at.success


def test_the_preview_is_written_in_the_profiles_language(open_page: OpenPage) -> None:
    at = type_in(open_page(PAGE), "target", "les DAF de PME industrielles")
    french = headline(at)
    at.radio(key="questionnaire_profile_lang").set_value("en").run()
    assert headline(at) != french
    assert "les DAF de PME industrielles" in headline(at)
    # The page stays in French: only the drafts follow the profile's language.
    assert at.title[0].value == "Votre objectif sur LinkedIn"


def test_a_new_users_profile_language_is_the_interface_language(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    assert open_page(PAGE).radio(key="questionnaire_profile_lang").value == "fr"
    set_setting(db, profile, "lang", "en")
    at = open_page(PAGE)
    assert at.radio(key="questionnaire_profile_lang").value == "en"
    assert at.radio(key="questionnaire_profile_lang").options == ["French", "English"]


def test_the_profiles_language_is_saved_as_its_code(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = open_page(PAGE)
    assert at.radio(key="questionnaire_profile_lang").options == ["Français", "Anglais"]
    at.radio(key="questionnaire_profile_lang").set_value("en")
    fill(at, **GOOD)
    assert latest_answers(db, profile).profile_lang == "en"


def test_the_profiles_language_survives_a_switch_of_the_interface_language(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = open_page(PAGE)
    at.radio(key="questionnaire_profile_lang").set_value("en").run()
    to_english(at)
    assert at.radio(key="questionnaire_profile_lang").value == "en"
    fill(at, **GOOD)
    assert latest_answers(db, profile).profile_lang == "en"


def test_the_saved_answers_prefill_the_new_questions(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    saved = Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        titles="DAF, Directeur administratif et financier",
        company_kind="ETI industrielles",
        profile_lang="en",
    )
    save_answers(db, profile, saved)
    at = open_page(PAGE)
    assert at.text_input(key="questionnaire_titles").value == saved.titles
    assert at.text_input(key="questionnaire_company_kind").value == "ETI industrielles"
    assert at.radio(key="questionnaire_profile_lang").value == "en"


def test_the_new_answers_are_saved(open_page: OpenPage, db: Engine, profile: int) -> None:
    fill(open_page(PAGE), **GOOD, titles="DAF, Directeur financier", company_kind="PME")
    saved = latest_answers(db, profile)
    assert (saved.titles, saved.company_kind) == ("DAF, Directeur financier", "PME")


def test_answers_saved_before_the_new_questions_still_open_and_save(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.SALES, True, 25, target="les RH"))
    at = open_page(PAGE)
    assert at.text_input(key="questionnaire_titles").value == ""
    fill(at, company_kind="startups SaaS")
    assert latest_answers(db, profile) == Answers(
        Goal.NOTORIETY, Role.SALES, True, 25, target="les RH", company_kind="startups SaaS"
    )


def test_the_job_titles_field_takes_160_characters(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    titles = ", ".join(["Directeur administratif et financier"] * 5)[:160]
    fill(open_page(PAGE), **GOOD, titles=titles)
    assert latest_answers(db, profile).titles == titles


def test_a_bad_job_title_is_named_under_its_field_and_nothing_is_saved(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), **GOOD, titles="DAF\x07")
    assert [e.value for e in at.error] == [
        "Intitulés de poste\u00a0: ce texte contient des caractères invisibles non autorisés.",
        "Corrigez les champs signalés\u00a0: rien n’a été enregistré.",
    ]
    assert answers_history(db, profile) == []


def test_an_error_leaves_its_field_once_the_field_is_corrected(open_page: OpenPage) -> None:
    at = fill(open_page(PAGE), **GOOD, titles="DAF\x07")
    at = type_in(at, "titles", "DAF")
    assert not at.error


def test_the_saved_confirmation_goes_once_an_answer_changes(open_page: OpenPage) -> None:
    at = fill(open_page(PAGE), **GOOD)
    assert at.success
    at = type_in(at, "target", "les DRH d’ETI")
    assert not at.success
    assert any(c.value.startswith("Dernières réponses enregistrées le") for c in at.caption)
