"""The questionnaire core: typed form values to Answers, every bad field named, the history."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.checkin import FormErrors
from ssi_coach.model import PROFILE_LANGUAGES, Answers, Goal, Role
from ssi_coach.questionnaire import (
    QUESTIONNAIRE_FIELDS,
    TEXT_FIELDS,
    answers_from_form,
    answers_so_far,
    form_values,
    format_moment,
    history_rows,
)

GOOD = {
    "goal": "prospecting",
    "role": "freelance",
    "already_converting": "no",
    "minutes_per_day": 20,
    "target": "les DAF de PME industrielles",
    "titles": "DAF, Directeur administratif et financier",
    "company_kind": "PME",
    "sector": "Industrie manufacturière",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "profile_lang": "fr",
}


def texts(limit: int = 80) -> st.SearchStrategy[str]:
    """Draw a one-line answer of at most `limit` characters, as the form tidies it."""
    return st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=limit).map(
        lambda s: " ".join(s.split())
    )


valid_answers = st.builds(
    Answers,
    goal=st.sampled_from(Goal),
    role=st.sampled_from(Role),
    already_converting=st.booleans(),
    minutes_per_day=st.integers(10, 60),
    target=texts(),
    outcome=texts(),
    means=texts(),
    sector=texts(),
    titles=texts(160),
    company_kind=texts(),
    profile_lang=st.sampled_from(PROFILE_LANGUAGES),
)
anything = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=120), st.dates()
)


def errors_of(**changes: object) -> FormErrors:
    with pytest.raises(FormErrors) as raised:
        answers_from_form(GOOD | changes)
    return raised.value


def test_a_complete_form_gives_the_answers() -> None:
    assert answers_from_form(GOOD) == Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        20,
        target="les DAF de PME industrielles",
        outcome="réduire leurs délais de clôture",
        means="un tableau de bord automatisé",
        sector="Industrie manufacturière",
        titles="DAF, Directeur administratif et financier",
        company_kind="PME",
        profile_lang="fr",
    )


def test_the_text_questions_come_in_the_order_that_builds_a_sentence() -> None:
    assert TEXT_FIELDS == ("target", "titles", "company_kind", "sector", "outcome", "means")


def test_yes_to_the_diagnostic_question_means_already_converting() -> None:
    assert answers_from_form(GOOD | {"already_converting": "yes"}).already_converting is True


def test_the_free_text_answers_may_be_left_empty() -> None:
    answers = answers_from_form(GOOD | {"target": "", "outcome": None, "means": "  "})
    assert (answers.target, answers.outcome, answers.means) == ("", "", "")


def test_an_empty_form_names_goal_role_diagnostic_and_minutes_as_required() -> None:
    with pytest.raises(FormErrors) as raised:
        answers_from_form({})
    assert raised.value.fields == ("goal", "role", "already_converting", "minutes_per_day")
    assert {e.code for e in raised.value.errors} == {"required"}


def test_every_bad_field_is_named_at_once_in_the_forms_order() -> None:
    error = errors_of(
        goal="fame",
        role="astronaut",
        already_converting="maybe",
        minutes_per_day=5,
        target="x" * 81,
        outcome="bell\x07",
        means=42,
        sector="x" * 200,
        titles="x" * 161,
        company_kind=["PME"],
        profile_lang="de",
    )
    assert error.fields == QUESTIONNAIRE_FIELDS


def test_an_unknown_goal_asks_to_choose_an_offered_option() -> None:
    assert errors_of(goal="fame").errors[0].message("fr") == (
        "Objectif : choisissez une des options proposées."
    )


@pytest.mark.parametrize("minutes", [10, 60, "45"])
def test_minutes_from_10_to_60_are_accepted(minutes: object) -> None:
    assert answers_from_form(GOOD | {"minutes_per_day": minutes}).minutes_per_day == int(minutes)


@pytest.mark.parametrize("minutes", [9, 61, 0, -20])
def test_minutes_outside_10_to_60_are_refused_with_the_bounds(minutes: int) -> None:
    assert errors_of(minutes_per_day=minutes).errors[0].message("fr") == (
        "Minutes par jour : la valeur doit être comprise entre 10 et 60."
    )


def test_minutes_must_be_a_whole_number() -> None:
    assert errors_of(minutes_per_day="20,5").errors[0].code == "not_whole"


def test_minutes_cannot_be_a_yes_or_no() -> None:
    assert errors_of(minutes_per_day=True).errors[0].code == "not_a_number"


def test_an_80_character_answer_is_accepted() -> None:
    assert answers_from_form(GOOD | {"target": "x" * 80}).target == "x" * 80


def test_an_81_character_answer_is_refused_with_the_limit() -> None:
    assert errors_of(sector="x" * 81).errors[0].message("en") == "Sector: 80 characters at most."


def test_several_job_titles_take_up_to_160_characters() -> None:
    titles = ", ".join(["Directeur administratif et financier"] * 4)[:160]
    assert answers_from_form(GOOD | {"titles": titles}).titles == titles


def test_job_titles_over_160_characters_are_refused_naming_the_field_and_the_limit() -> None:
    error = errors_of(titles="x" * 161)
    assert error.fields == ("titles",)
    assert error.errors[0].message("fr") == "Intitulés de poste\u00a0: 160 caractères au maximum."


def test_the_kind_of_company_takes_80_characters_like_the_other_answers() -> None:
    error = errors_of(company_kind="x" * 81)
    assert error.errors[0].message("en") == "Kind of company: 80 characters at most."


@pytest.mark.parametrize("code", PROFILE_LANGUAGES)
def test_the_profiles_language_is_read_as_its_code(code: str) -> None:
    assert answers_from_form(GOOD | {"profile_lang": code}).profile_lang == code


@pytest.mark.parametrize("value", ["de", "English", "", True])
def test_a_profile_language_other_than_french_or_english_is_refused_naming_the_field(
    value: object,
) -> None:
    error = errors_of(profile_lang=value)
    assert error.errors[0].message("en") == ("LinkedIn profile language: pick one of the options.")


def test_a_caller_that_does_not_ask_the_profiles_language_gets_french() -> None:
    values = {k: v for k, v in GOOD.items() if k != "profile_lang"}
    assert answers_from_form(values).profile_lang == "fr"


def test_the_length_counts_after_spaces_are_tidied() -> None:
    assert answers_from_form(GOOD | {"means": "  " + "x" * 80 + "   "}).means == "x" * 80


def test_an_answer_with_a_control_character_is_refused() -> None:
    error = errors_of(outcome="réduire\x00 leurs délais")
    assert (error.fields, error.errors[0].code) == (("outcome",), "control_characters")


def test_tabs_and_line_breaks_become_single_spaces() -> None:
    assert answers_from_form(GOOD | {"target": "les DAF\tde\n\nPME"}).target == "les DAF de PME"


def test_text_that_is_not_a_string_is_refused() -> None:
    assert errors_of(target=12).errors[0].code == "not_text"


@given(valid_answers)
def test_the_prefilled_form_gives_back_the_same_answers(answers: Answers) -> None:
    assert answers_from_form(form_values(answers, answers.role, "en")) == answers


@given(st.fixed_dictionaries({field: anything for field in QUESTIONNAIRE_FIELDS}))
def test_any_form_gives_answers_or_names_its_bad_fields(values: dict[str, object]) -> None:
    named: tuple[str, ...] = ()
    try:
        answers_from_form(values)
    except FormErrors as invalid:
        named = invalid.fields or ("<none named>",)
    assert set(named) <= set(QUESTIONNAIRE_FIELDS)


def test_before_any_answer_the_form_starts_from_the_stored_role_and_20_minutes() -> None:
    assert form_values(None, Role.SALES, "fr") == {
        "role": "sales",
        "minutes_per_day": 20,
        "profile_lang": "fr",
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_before_any_answer_the_profiles_language_is_the_interface_language(lang: str) -> None:
    assert form_values(None, Role.SALES, lang)["profile_lang"] == lang


def test_saved_answers_prefill_their_profile_language_whatever_the_interface_language() -> None:
    answers = answers_from_form(GOOD | {"profile_lang": "en"})
    assert form_values(answers, Role.FREELANCE, "fr")["profile_lang"] == "en"


def test_saved_answers_prefill_the_job_titles_and_the_kind_of_company() -> None:
    values = form_values(answers_from_form(GOOD), Role.FREELANCE, "fr")
    assert (values["titles"], values["company_kind"]) == (GOOD["titles"], GOOD["company_kind"])


def test_answers_saved_before_the_titles_were_asked_prefill_them_empty_and_save_again() -> None:
    old = Answers(Goal.NOTORIETY, Role.SALES, True, 30, "les RH", sector="SaaS")
    values = form_values(old, Role.SALES, "en")
    assert (values["titles"], values["company_kind"], values["profile_lang"]) == ("", "", "fr")
    assert answers_from_form(values) == old


def test_the_form_takes_the_role_from_the_settings_over_the_last_answers() -> None:
    answers = answers_from_form(GOOD)
    assert form_values(answers, Role.EXECUTIVE, "fr")["role"] == "executive"


# --- the answers so far, for the headline preview ------------------------------------------


def test_the_answers_so_far_keep_every_field_that_reads() -> None:
    assert answers_so_far(GOOD) == answers_from_form(GOOD)


def test_the_answers_so_far_leave_a_wrong_text_empty_and_keep_the_others() -> None:
    answers = answers_so_far(GOOD | {"target": "x" * 81, "means": "bell\x07"})
    assert (answers.target, answers.means) == ("", "")
    assert answers.outcome == GOOD["outcome"]


def test_the_answers_so_far_need_no_choice_made_yet() -> None:
    answers = answers_so_far({"target": "les DAF", "profile_lang": "en"})
    assert (answers.target, answers.profile_lang) == ("les DAF", "en")


@given(st.fixed_dictionaries({field: anything for field in QUESTIONNAIRE_FIELDS}))
def test_any_form_gives_answers_so_far_with_each_readable_text_kept(
    values: dict[str, object],
) -> None:
    answers = answers_so_far(values)
    for field in TEXT_FIELDS:
        try:
            expected = getattr(answers_from_form(GOOD | {field: values[field]}), field)
        except FormErrors:
            expected = ""
        assert getattr(answers, field) == expected


def test_a_moment_is_written_with_the_languages_date() -> None:
    moment = datetime(2026, 11, 22, 14, 5)
    assert (format_moment(moment, "fr"), format_moment(moment, "en")) == (
        "22/11/2026 à 14:05",
        "2026-11-22 at 14:05",
    )


def test_the_history_lists_the_newest_answers_first_with_the_texts_verbatim() -> None:
    older = answers_from_form(GOOD | {"target": "**les RH**"})
    newer = answers_from_form(GOOD | {"goal": "notoriety", "already_converting": "yes"})
    rows = history_rows(
        [(datetime(2026, 10, 1, 9, 0), older), (datetime(2026, 11, 2, 10, 30), newer)], "fr"
    )
    assert [(r["Enregistré le"], r["Objectif"], r["Déjà des échanges utiles"]) for r in rows] == [
        ("02/11/2026 à 10:30", "Notoriété", "Oui"),
        ("01/10/2026 à 09:00", "Prospection", "Non"),
    ]
    assert rows[1]["Cible"] == "**les RH**"


def test_the_history_shows_the_new_answers_and_the_profiles_language_by_name() -> None:
    answers = answers_from_form(GOOD | {"profile_lang": "en"})
    (row,) = history_rows([(datetime(2026, 10, 1, 9, 0), answers)], "fr")
    assert row["Intitulés de poste"] == GOOD["titles"]
    assert row["Type d’entreprise"] == "PME"
    assert row["Langue du profil LinkedIn"] == "Anglais"
    assert list(row)[-1] == "Langue du profil LinkedIn"
