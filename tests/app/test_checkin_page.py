"""The check-in form: happy path, bad input, replacing a date, the monthly note."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Reading
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
    assert "Trouver les bonnes personnes : la valeur doit être comprise entre 0 et 25." in messages
    assert any(m.startswith("Classement dans le réseau (Top %) :") for m in messages)
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
