"""The questionnaire core: typed form values to Answers, every bad field named, the history."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.checkin import FormErrors
from ssi_coach.model import Answers, Goal, Role
from ssi_coach.questionnaire import (
    QUESTIONNAIRE_FIELDS,
    answers_from_form,
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
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "sector": "industrie",
}

texts = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80).map(
    lambda s: " ".join(s.split())
)
valid_answers = st.builds(
    Answers,
    goal=st.sampled_from(Goal),
    role=st.sampled_from(Role),
    already_converting=st.booleans(),
    minutes_per_day=st.integers(10, 60),
    target=texts,
    outcome=texts,
    means=texts,
    sector=texts,
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
        "les DAF de PME industrielles",
        "réduire leurs délais de clôture",
        "un tableau de bord automatisé",
        "industrie",
    )


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
    assert answers_from_form(form_values(answers, answers.role)) == answers


@given(st.fixed_dictionaries({field: anything for field in QUESTIONNAIRE_FIELDS}))
def test_any_form_gives_answers_or_names_its_bad_fields(values: dict[str, object]) -> None:
    named: tuple[str, ...] = ()
    try:
        answers_from_form(values)
    except FormErrors as invalid:
        named = invalid.fields or ("<none named>",)
    assert set(named) <= set(QUESTIONNAIRE_FIELDS)


def test_before_any_answer_the_form_starts_from_the_stored_role_and_20_minutes() -> None:
    assert form_values(None, Role.SALES) == {"role": "sales", "minutes_per_day": 20}


def test_the_form_takes_the_role_from_the_settings_over_the_last_answers() -> None:
    answers = answers_from_form(GOOD)
    assert form_values(answers, Role.EXECUTIVE)["role"] == "executive"


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
