"""The check-in form: happy path, bad input, replacing a date, the monthly note."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.store.answers import save_answers
from ssi_coach.store.readings import list_readings, save_reading

TODAY = date.today()


def fill(at: AppTest, **values: str) -> AppTest:
    for field, value in values.items():
        if field == "taken_on":
            at.date_input(key="checkin_taken_on").set_value(value)
        else:
            at.text_input(key=f"checkin_{field}").input(value)
    return at.button(key="checkin_submit").click().run()


GOOD = {"brand": "12,275", "people": "6", "insights": "3,1", "relationships": "1,5"}


def test_a_valid_check_in_is_saved_and_confirmed(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert list_readings(db, profile) == [Reading(TODAY, 12.275, 6, 3.1, 1.5)]
    assert at.success[0].value.startswith("Relevé du")


def test_the_summary_shows_linkedins_rounded_total_beside_the_exact_sum(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert [m.value for m in at.metric][:2] == ["23", "22,875"]


def test_the_summary_shows_the_change_since_the_previous_check_in(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(TODAY - timedelta(days=30), 10, 6, 3.1, 1.5))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert at.metric[2].value == "+2,275"
    assert not at.info


def test_a_check_in_less_than_7_days_after_the_last_gets_a_gentle_note(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(TODAY - timedelta(days=3), 10, 6, 3.1, 1.5))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert "Un relevé par mois suffit" in at.info[0].value


def test_bad_input_names_the_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), **(GOOD | {"people": "26", "network_rank": "0"}))
    messages = [e.value for e in at.error]
    assert "Trouver les bonnes personnes : la valeur doit être comprise entre 0 et 25." in messages
    assert any(m.startswith("Classement dans le réseau (Top %) :") for m in messages)
    assert list_readings(db, profile) == []
    assert not at.success


def test_a_value_with_4_decimals_is_refused(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), **(GOOD | {"brand": "12,2755"}))
    assert any("3 décimales au maximum" in e.value for e in at.error)
    assert list_readings(db, profile) == []


def test_fixing_the_bad_field_then_saves(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), **(GOOD | {"people": "abc"}))
    at = fill(at, people="6")
    assert not at.error
    assert len(list_readings(db, profile)) == 1


def test_a_second_check_in_for_the_same_date_asks_before_replacing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(TODAY, 10, 10, 10, 10))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert "Un relevé existe déjà" in at.warning[0].value
    assert list_readings(db, profile) == [Reading(TODAY, 10, 10, 10, 10)]


def test_confirming_the_replacement_replaces_the_reading(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(TODAY, 10, 10, 10, 10))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    at.button(key="checkin_replace").click().run()
    assert list_readings(db, profile) == [Reading(TODAY, 12.275, 6, 3.1, 1.5)]
    assert at.success[0].value.startswith("Relevé du")


def test_keeping_the_old_reading_changes_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(TODAY, 10, 10, 10, 10))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    at.button(key="checkin_keep").click().run()
    assert list_readings(db, profile) == [Reading(TODAY, 10, 10, 10, 10)]
    assert "conservé" in at.info[0].value


def test_a_past_date_with_ranks_and_averages_is_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    day = date(2025, 3, 1)
    fill(
        open_page("pages/checkin.py"),
        taken_on=day,
        industry_rank="Top 10 %",
        network_rank="12",
        industry_average="35",
        network_average="30,5",
        **GOOD,
    )
    assert list_readings(db, profile) == [Reading(day, 12.275, 6, 3.1, 1.5, 10, 12, 35.0, 30.5)]


def test_saving_the_same_reading_twice_says_it_is_already_recorded_without_asking(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    at = at.button(key="checkin_submit").click().run()
    assert at.info[0].value.startswith("Ce relevé est déjà enregistré pour le")
    assert not at.warning
    assert not [b for b in at.button if b.key == "checkin_replace"]
    assert list_readings(db, profile) == [Reading(TODAY, 12.275, 6, 3.1, 1.5)]


def test_the_replace_question_lists_only_the_figures_that_change(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    # Same total (23, exact sum 22,875) with two pillars swapped: the totals alone tell nothing.
    save_reading(db, profile, Reading(TODAY, 6, 12.275, 3.1, 1.5))
    at = fill(open_page("pages/checkin.py"), **GOOD)
    question = at.warning[0].value
    assert "- Établir votre marque professionnelle : 6 → 12,275" in question
    assert "- Trouver les bonnes personnes : 12,275 → 6" in question
    assert "Échanger des informations" not in question


def test_a_typed_reading_shows_a_rounded_score_not_linkedins(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert at.metric[0].label == "Score arrondi"


def test_a_save_shows_a_single_confirmation(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    assert [s.value for s in at.success] == [f"Relevé du {TODAY:%d/%m/%Y} enregistré."]
    assert not at.toast


def test_a_future_date_names_the_date_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), taken_on=date(2025, 9, 1), **GOOD)
    at = fill(at, taken_on=TODAY + timedelta(days=15))
    assert "Date du relevé : la date ne peut pas être dans le futur." in [e.value for e in at.error]
    assert list_readings(db, profile) == [Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5)]
    assert not at.success


def test_a_date_before_the_ssi_existed_names_the_date_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page("pages/checkin.py"), taken_on=date(2013, 6, 1), **GOOD)
    assert any(e.value.startswith("Date du relevé : le SSI n’existe que depuis") for e in at.error)
    assert list_readings(db, profile) == []


def test_the_date_field_keeps_the_refused_date_so_the_user_sees_what_was_refused(
    open_page: Callable[[str | None], AppTest],
) -> None:
    future = TODAY + timedelta(days=15)
    at = fill(open_page("pages/checkin.py"), taken_on=future, **GOOD)
    assert at.date_input(key="checkin_taken_on").value == future


def test_the_pillars_come_in_linkedins_order(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page("pages/checkin.py")
    keys = [w.key for w in at.text_input if w.key and w.key.startswith("checkin_")]
    assert keys[:4] == [
        "checkin_brand",
        "checkin_people",
        "checkin_insights",
        "checkin_relationships",
    ]


def test_the_fields_carry_no_help_button(open_page: Callable[[str | None], AppTest]) -> None:
    at = open_page("pages/checkin.py")
    assert [w.key for w in at.text_input if w.help] == []


def test_without_a_goal_the_step_after_a_save_is_the_questionnaire(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = fill(open_page("pages/checkin.py"), **GOOD)
    labels = [b.label for b in at.button]
    assert "Définir mon objectif" in labels
    assert "Voir mon plan d’action" not in labels


def onboarding_at_the_check_in(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> AppTest:
    save_answers(db, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, already_converting=False))
    # Today sends a user who has a goal but no reading to the check-in, as their next step.
    at = open_page(None)
    assert at.title[0].value == "Relevé mensuel du SSI"
    return at


def test_during_onboarding_the_step_note_replaces_the_intro(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = onboarding_at_the_check_in(open_page, db, profile)
    assert [i.value for i in at.info if i.value.startswith("Étape")]
    assert not [m for m in at.markdown if m.value.startswith("Un relevé par mois suffit.")]


def test_the_first_save_during_onboarding_shows_one_confirmation_and_no_step_note(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(onboarding_at_the_check_in(open_page, db, profile), **GOOD)
    assert len(at.success) == 1
    assert not at.info
