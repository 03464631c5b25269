"""The questionnaire page: saving answers and the role, errors under fields, history, languages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.store.answers import answers_history, latest_answers, save_answers
from ssi_coach.store.profiles import get_setting, set_setting
from ssi_coach.store.readings import save_reading

PAGE = "pages/questionnaire.py"
TEXTS = {
    "target": "les DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "sector": "industrie",
}


def fill(at: AppTest, **values: object) -> AppTest:
    """Set the given answers and submit the form."""
    for field, value in values.items():
        if field in ("goal", "already_converting"):
            at.radio(key=f"questionnaire_{field}").set_value(value)
        elif field == "role":
            at.selectbox(key="questionnaire_role").set_value(value)
        elif field == "minutes_per_day":
            at.slider(key="questionnaire_minutes_per_day").set_value(value)
        else:
            at.text_input(key=f"questionnaire_{field}").input(value)
    return at.button(key="questionnaire_submit").click().run()


GOOD = {"goal": "prospecting", "already_converting": "no", "role": "sales", **TEXTS}


def test_the_page_runs_in_french_and_says_it_was_never_answered(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Votre objectif sur LinkedIn"
    assert at.info[0].value.startswith("Vous n’avez pas encore répondu")
    assert not at.error


def to_english(at: AppTest) -> AppTest:
    return at.sidebar.radio(key="sidebar_lang").set_value("en").run()


def test_the_page_runs_in_english(open_page: Callable[[str | None], AppTest]) -> None:
    at = to_english(open_page(PAGE))
    assert at.title[0].value == "Your goal on LinkedIn"
    assert at.radio(key="questionnaire_already_converting").label == (
        "Does your LinkedIn activity already bring you useful conversations or opportunities?"
    )


def test_each_goal_comes_with_one_line_saying_what_it_means(
    open_page: Callable[[str | None], AppTest],
) -> None:
    goal = open_page(PAGE).radio(key="questionnaire_goal")
    assert goal.options == ["Notoriété", "Prospection"]
    notoriety, prospecting = goal.proto.captions
    assert "impressions" in notoriety
    assert "conversations qualifiées" in prospecting


def test_minutes_start_at_20_within_10_to_60(open_page: Callable[[str | None], AppTest]) -> None:
    minutes = open_page(PAGE).slider(key="questionnaire_minutes_per_day")
    assert (minutes.value, minutes.min, minutes.max) == (20, 10, 60)


def test_a_completed_questionnaire_is_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    fill(open_page(PAGE), **GOOD, minutes_per_day=30)
    assert latest_answers(db, profile) == Answers(Goal.PROSPECTING, Role.SALES, False, 30, **TEXTS)


def test_saving_also_stores_the_role_in_the_settings(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    fill(open_page(PAGE), **GOOD)
    assert get_setting(db, profile, "role") == "sales"


def confirmations(at: AppTest) -> list[str]:
    """Return every message and caption on the page that says something was saved."""
    shown = [*at.success, *at.info, *at.toast, *at.caption]
    return [element.value for element in shown if "enregistrée" in element.value]


def test_a_save_is_confirmed_by_one_message(open_page: Callable[[str | None], AppTest]) -> None:
    at = fill(open_page(PAGE), **GOOD)
    assert len(confirmations(at)) == 1
    assert confirmations(at)[0].startswith("Réponses enregistrées le")


def test_a_second_save_is_confirmed_by_one_message_too(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(fill(open_page(PAGE), **GOOD), goal="notoriety")
    assert len(confirmations(at)) == 1


def test_saving_before_any_check_in_leads_to_the_first_check_in(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page(PAGE), **GOOD)
    assert not any("plan" in c for c in confirmations(at))
    assert at.button(key="onboarding_go_checkin").label == "Faire mon premier relevé"
    at.button(key="onboarding_go_checkin").click().run()
    assert at.title[0].value == "Relevé mensuel du SSI"


def test_saving_with_a_check_in_leads_to_the_plan(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(date.today(), 10, 8, 5, 7))
    at = fill(open_page(PAGE), **GOOD)
    assert "Votre plan d’action en tient compte" in confirmations(at)[0]
    assert at.button(key="next_step_plan").label == "Voir mon plan d’action"
    at.button(key="next_step_plan").click().run()
    assert at.title[0].value.startswith("Votre plan")


def test_during_the_first_run_the_page_opens_with_one_introduction(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page(None)  # Today sends a new user here
    assert at.title[0].value == "Votre objectif sur LinkedIn"
    assert [i.value[:15] for i in at.info] == ["Étape 1 sur 3 :"]


def test_the_first_run_goes_from_the_goal_to_the_check_in_then_to_the_plan_and_today(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page(None), **GOOD)
    at.button(key="onboarding_go_checkin").click().run()
    assert at.info[0].value.startswith("Étape 2 sur 3 : votre premier relevé SSI.")
    for field, value in {"brand": "12,275", "people": "6", "insights": "3,1"}.items():
        at.text_input(key=f"checkin_{field}").input(value)
    at.text_input(key="checkin_relationships").input("1,5")
    at.button(key="checkin_submit").click().run()
    assert any("Étape 3 sur 3 : tout est prêt." in m.value for m in at.markdown)
    assert at.button(key="onboarding_go_plan").label == "Voir mon plan d’action"
    at.button(key="onboarding_go_today").click().run()
    assert at.title[0].value == "Votre routine du jour"
    assert not at.error


def test_a_missing_goal_and_diagnostic_are_named_and_nothing_is_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), **TEXTS)
    messages = [e.value for e in at.error]
    assert "Objectif : ce champ est obligatoire." in messages
    assert "LinkedIn vous apporte déjà des échanges utiles : ce champ est obligatoire." in messages
    assert answers_history(db, profile) == []
    assert get_setting(db, profile, "role") is None


def test_a_control_character_names_the_field_and_nothing_is_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), **(GOOD | {"means": "un tableau\x07 de bord"}))
    assert "Moyen ou méthode : ce texte contient des caractères invisibles non autorisés." in [
        e.value for e in at.error
    ]
    assert answers_history(db, profile) == []
    assert not at.success


def test_fixing_the_bad_field_then_saves(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), **(GOOD | {"means": "un tableau\x07 de bord"}))
    at = fill(at, means="un tableau de bord")
    assert latest_answers(db, profile).means == "un tableau de bord"
    assert not at.error


def test_a_second_save_keeps_the_earlier_answers(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), **GOOD)
    fill(at, goal="notoriety")
    goals = [answers.goal for _, answers in answers_history(db, profile)]
    assert goals == [Goal.PROSPECTING, Goal.NOTORIETY]


def test_the_history_shows_every_save_newest_first_with_texts_verbatim(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page(PAGE), **(GOOD | {"target": "**les DAF** <b>"}))
    at = fill(at, goal="notoriety")
    assert at.main.expander[-1].label == "Historique de vos réponses (2)"
    table = at.dataframe[0].value
    assert list(table["Objectif"]) == ["Notoriété", "Prospection"]
    assert list(table["Cible"]) == ["**les DAF** <b>", "**les DAF** <b>"]


def test_the_page_says_when_it_was_last_answered(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, True))
    at = open_page(PAGE)
    assert any(c.value.startswith("Dernières réponses enregistrées le") for c in at.caption)


def test_the_form_is_prefilled_from_the_latest_answers(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_answers(db, profile, Answers(Goal.PROSPECTING, Role.SALES, False, 40, **TEXTS))
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.SALES, True, 25, target="les RH"))
    at = open_page(PAGE)
    assert at.radio(key="questionnaire_goal").value == "notoriety"
    assert at.radio(key="questionnaire_already_converting").value == "yes"
    assert at.slider(key="questionnaire_minutes_per_day").value == 25
    assert at.text_input(key="questionnaire_target").value == "les RH"
    assert at.text_input(key="questionnaire_sector").value == ""


def test_before_any_answer_the_role_comes_from_the_settings_and_nothing_is_chosen(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "role", "executive")
    at = open_page(PAGE)
    assert at.selectbox(key="questionnaire_role").value == "executive"
    assert at.radio(key="questionnaire_goal").value is None


def test_a_language_switch_keeps_the_answers(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page(PAGE), **GOOD)
    to_english(at)
    assert at.title[0].value == "Your goal on LinkedIn"
    assert at.radio(key="questionnaire_goal").value == "prospecting"
    assert at.text_input(key="questionnaire_target").value == TEXTS["target"]
    assert at.text_input(key="questionnaire_target").label == "Your target: who do you help?"


def test_english_errors_name_the_field_in_english(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(to_english(open_page(PAGE)), **(GOOD | {"goal": None}))
    assert "Goal: this field is required." in [e.value for e in at.error]
