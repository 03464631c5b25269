"""The check-in page when another tab or device changed the reading since it was shown."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, format_date, t
from ssi_coach.model import Reading
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import delete_reading, list_readings, save_reading

PAGE = "pages/checkin.py"
TODAY = date.today()
DAY = format_date(TODAY, Lang.FR)
STORED = Reading(TODAY, 10, 10, 10, 10)
# What another session stores while this one is asked whether to replace STORED.
THEIRS = Reading(TODAY, 11, 10, 10, 10.5)
GOOD = {"brand": "12,275", "people": "6", "insights": "3,1", "relationships": "1,5"}
MINE = Reading(TODAY, 12.275, 6, 3.1, 1.5)
NBSP = "\u00a0"

Opener = Callable[[str | None], AppTest]


def asked_to_replace(open_page: Opener, db: Engine, profile: int) -> AppTest:
    """Store a reading, then submit another one for its date: the page asks to replace it."""
    save_reading(db, profile, STORED)
    at = open_page(PAGE)
    for field, value in GOOD.items():
        at.text_input(key=f"checkin_{field}").input(value)
    at = at.button(key="checkin_submit").click().run()
    assert at.button(key="checkin_replace")
    return at


def said(key: str, lang: Lang = Lang.FR) -> str:
    return t(lang, key, date=format_date(TODAY, lang))


def test_a_reading_changed_since_the_question_is_not_replaced_and_its_values_are_shown(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_reading(db, profile, THEIRS, replace=True)
    at = at.button(key="checkin_replace").click().run()
    assert list_readings(db, profile) == [THEIRS]
    warning = at.warning[0].value
    assert warning.startswith(said("sessions.checkin.changed"))
    # The newer stored figures, each beside what the user's reading would put instead.
    assert f"Établir votre marque professionnelle{NBSP}: 11 → 12,275" in warning
    assert f"Établir des relations{NBSP}: 10,5 → 1,5" in warning
    assert not at.success


def test_replacing_again_after_seeing_the_newer_reading_replaces_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_reading(db, profile, THEIRS, replace=True)
    at = at.button(key="checkin_replace").click().run()
    at = at.button(key="checkin_replace").click().run()
    assert list_readings(db, profile) == [MINE]
    assert at.success[0].value.startswith("Relevé du")


def test_keeping_the_newer_reading_changes_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_reading(db, profile, THEIRS, replace=True)
    at = at.button(key="checkin_replace").click().run()
    at = at.button(key="checkin_keep").click().run()
    assert list_readings(db, profile) == [THEIRS]
    assert "conservé" in at.info[0].value


def test_a_reading_deleted_since_the_question_is_not_saved_without_asking_again(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    delete_reading(db, profile, TODAY)
    at = at.button(key="checkin_replace").click().run()
    assert list_readings(db, profile) == []
    assert at.warning[0].value == said("sessions.checkin.deleted")


def test_saving_mine_after_a_deletion_stores_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    delete_reading(db, profile, TODAY)
    at = at.button(key="checkin_replace").click().run()
    at = at.button(key="checkin_save_mine").click().run()
    assert list_readings(db, profile) == [MINE]
    assert at.success[0].value.startswith("Relevé du")


def test_saving_nothing_after_a_deletion_says_so(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    delete_reading(db, profile, TODAY)
    at = at.button(key="checkin_replace").click().run()
    at = at.button(key="checkin_drop").click().run()
    assert list_readings(db, profile) == []
    assert at.info[0].value == said("sessions.dropped")


def test_the_changed_reading_is_explained_in_english(
    open_page: Opener, db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    save_reading(db, profile, STORED)
    at = open_page(PAGE)
    for field, value in {"brand": "12.275", "people": "6", "insights": "3.1"}.items():
        at.text_input(key=f"checkin_{field}").input(value)
    at.text_input(key="checkin_relationships").input("1.5")
    at = at.button(key="checkin_submit").click().run()
    save_reading(db, profile, THEIRS, replace=True)
    at = at.button(key="checkin_replace").click().run()
    warning = at.warning[0].value
    assert warning.startswith(said("sessions.checkin.changed", Lang.EN))
    assert "Establish your professional brand: 11 → 12.275" in warning
    assert list_readings(db, profile) == [THEIRS]


# --- the correction form of the history ------------------------------------------------------

SEPTEMBER = Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5)
THEIR_SEPTEMBER = Reading(date(2025, 9, 1), 14, 6, 3.1, 1.5)


def edited_while_open(open_page: Opener, db: Engine, profile: int) -> AppTest:
    """Open September's correction, let another session change it, then save brand = 13."""
    save_reading(db, profile, SEPTEMBER)
    at = open_page(PAGE)
    at.selectbox(key="checkin_history_pick").set_value(SEPTEMBER.taken_on.isoformat()).run()
    at = at.button(key="checkin_history_edit").click().run()
    save_reading(db, profile, THEIR_SEPTEMBER, replace=True)
    at.text_input(key="checkin_edit_brand").input("13")
    return at.button(key="checkin_edit_submit").click().run()


def test_a_correction_of_a_reading_changed_meanwhile_is_not_saved(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = edited_while_open(open_page, db, profile)
    assert list_readings(db, profile) == [THEIR_SEPTEMBER]
    warning = at.warning[0].value
    assert warning.startswith(t(Lang.FR, "sessions.history.changed", date="01/09/2025"))
    assert f"Établir votre marque professionnelle{NBSP}: 14 → 13" in warning
    # The form stays open with the user's correction.
    assert at.text_input(key="checkin_edit_brand").value == "13"


def test_saving_the_correction_again_after_seeing_the_change_saves_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = edited_while_open(open_page, db, profile)
    at.button(key="checkin_edit_submit").click().run()
    assert list_readings(db, profile) == [Reading(date(2025, 9, 1), 13, 6, 3.1, 1.5)]
