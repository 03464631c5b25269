"""The history of readings on the check-in page: listed, corrected, deleted, and undone."""

from collections.abc import Callable
from datetime import date, timedelta

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Reading
from ssi_coach.records import ReadingSource
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import list_readings, list_sources, save_reading

PAGE = "pages/checkin.py"
SEPTEMBER = Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5, industry_rank=10)
OCTOBER = Reading(date(2025, 10, 1), 13, 7.25, 4, 2)
PASTED = ReadingSource("Votre Social Selling Index\n…", "3", "Conseil en management")

Opener = Callable[[str | None], AppTest]


def pick(at: AppTest, day: date) -> AppTest:
    return at.selectbox(key="checkin_history_pick").set_value(day.isoformat()).run()


def start_editing(at: AppTest, day: date) -> AppTest:
    pick(at, day)
    return at.button(key="checkin_history_edit").click().run()


def save_edit(at: AppTest, taken_on: date | None = None, **values: str) -> AppTest:
    if taken_on is not None:
        at.date_input(key="checkin_edit_taken_on").set_value(taken_on)
    for field, value in values.items():
        at.text_input(key=f"checkin_edit_{field}").input(value)
    return at.button(key="checkin_edit_submit").click().run()


def delete(at: AppTest, day: date) -> AppTest:
    pick(at, day)
    at.button(key="checkin_history_delete").click().run()
    return at.button(key="checkin_history_delete_yes").click().run()


def test_the_history_lists_readings_newest_first_with_the_rounded_total_and_pillars(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    table = open_page(PAGE).dataframe[0].value
    assert list(table.columns) == ["Date", "Score", "Marque", "Personnes", "Échanges", "Relations"]
    assert table.values.tolist() == [
        ["01/10/2025", "26", "13", "7,25", "4", "2"],
        ["01/09/2025", "23", "12,275", "6", "3,1", "1,5"],
    ]


def test_an_empty_history_says_where_readings_will_appear(open_page: Opener) -> None:
    at = open_page(PAGE)
    assert not at.dataframe
    assert any("Aucun relevé pour l’instant" in caption.value for caption in at.caption)


def test_correcting_a_reading_opens_the_form_with_its_values(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = start_editing(open_page(PAGE), SEPTEMBER.taken_on)
    assert at.date_input(key="checkin_edit_taken_on").value == SEPTEMBER.taken_on
    shown = [at.text_input(key=f"checkin_edit_{f}").value for f in ("brand", "insights")]
    assert shown == ["12,275", "3,1"]
    assert at.text_input(key="checkin_edit_industry_rank").value == "10"


def test_saving_a_correction_replaces_that_reading_only(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), people="6,5")
    assert list_readings(db, profile) == [
        Reading(date(2025, 9, 1), 12.275, 6.5, 3.1, 1.5, 10),
        OCTOBER,
    ]
    assert at.success[0].value == "Relevé du 01/09/2025 corrigé."


def test_a_corrected_pasted_reading_keeps_its_pasted_page(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER, source=PASTED)
    save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), people="6,5")
    assert list_sources(db, profile)[SEPTEMBER.taken_on] == PASTED


def test_changing_the_date_while_correcting_moves_the_reading(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER, source=PASTED)
    moved_to = date(2025, 9, 3)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), taken_on=moved_to)
    assert list_readings(db, profile) == [Reading(moved_to, 12.275, 6, 3.1, 1.5, 10)]
    assert list_sources(db, profile) == {moved_to: PASTED}
    assert at.success[0].value == "Relevé déplacé du 01/09/2025 au 03/09/2025, et corrigé."


def test_moving_onto_the_date_of_another_reading_asks_before_replacing_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), taken_on=OCTOBER.taken_on)
    assert "Un relevé existe déjà pour le 01/10/2025" in at.warning[0].value
    assert list_readings(db, profile) == [SEPTEMBER, OCTOBER]


def test_confirming_the_move_replaces_the_other_reading_in_one_step(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), taken_on=OCTOBER.taken_on)
    at.button(key="checkin_edit_replace").click().run()
    assert list_readings(db, profile) == [Reading(OCTOBER.taken_on, 12.275, 6, 3.1, 1.5, 10)]


def test_a_correction_with_a_bad_value_names_the_field_and_saves_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), people="26")
    messages = [error.value for error in at.error]
    assert "Trouver les bonnes personnes : la valeur doit être comprise entre 0 et 25." in messages
    assert list_readings(db, profile) == [SEPTEMBER]


def test_a_correction_dated_in_the_future_names_the_date_and_saves_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    future = date.today() + timedelta(days=1)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on), taken_on=future)
    assert "Date du relevé : la date ne peut pas être dans le futur." in [e.value for e in at.error]
    assert list_readings(db, profile) == [SEPTEMBER]


def test_a_correction_that_changes_nothing_says_it_is_already_recorded(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = save_edit(start_editing(open_page(PAGE), SEPTEMBER.taken_on))
    assert at.info[0].value.startswith("Ce relevé est déjà enregistré pour le 01/09/2025")
    assert not at.warning


def test_cancelling_a_correction_closes_the_form_and_changes_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = start_editing(open_page(PAGE), SEPTEMBER.taken_on)
    at.text_input(key="checkin_edit_people").input("9")
    at = at.button(key="checkin_edit_cancel").click().run()
    assert not [w for w in at.text_input if w.key == "checkin_edit_people"]
    assert list_readings(db, profile) == [SEPTEMBER]


def test_deleting_asks_for_confirmation_first(open_page: Opener, db: Engine, profile: int) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = pick(open_page(PAGE), SEPTEMBER.taken_on)
    at = at.button(key="checkin_history_delete").click().run()
    assert at.warning[0].value.startswith("Supprimer le relevé du 01/09/2025 (score 23) ?")
    assert list_readings(db, profile) == [SEPTEMBER]


def test_keeping_the_reading_at_the_confirmation_deletes_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = pick(open_page(PAGE), SEPTEMBER.taken_on)
    at.button(key="checkin_history_delete").click().run()
    at = at.button(key="checkin_history_delete_no").click().run()
    assert not at.warning
    assert list_readings(db, profile) == [SEPTEMBER]


def test_confirming_deletes_only_that_reading(open_page: Opener, db: Engine, profile: int) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    assert list_readings(db, profile) == [OCTOBER]
    assert at.info[0].value.startswith("Relevé du 01/09/2025 supprimé.")
    assert at.dataframe[0].value["Date"].tolist() == ["01/10/2025"]


def test_undo_restores_the_deleted_reading_exactly_with_its_pasted_page(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER, source=PASTED)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    assert list_readings(db, profile) == []
    at = at.button(key="checkin_history_undo_button").click().run()
    assert list_readings(db, profile) == [SEPTEMBER]
    assert list_sources(db, profile) == {SEPTEMBER.taken_on: PASTED}
    assert at.success[0].value == "Relevé du 01/09/2025 rétabli, tel qu’il était."


def test_the_undo_stays_offered_while_the_user_stays_on_the_page(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    at.text_area(key="checkin_paste").input("texte").run()
    at.run()
    assert [b.key for b in at.button if b.key == "checkin_history_undo_button"]


def test_the_undo_is_gone_once_the_deletion_is_confirmed(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    at = at.button(key="checkin_history_forget").click().run()
    assert not [b for b in at.button if b.key == "checkin_history_undo_button"]
    assert list_readings(db, profile) == []


def test_the_undo_is_gone_after_leaving_the_page(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    at.switch_page("pages/settings.py").run()
    at = at.switch_page(PAGE).run()
    assert not [b for b in at.button if b.key == "checkin_history_undo_button"]
    assert list_readings(db, profile) == []


def test_the_history_speaks_english_when_english_is_chosen(
    open_page: Opener, db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    save_reading(db, profile, SEPTEMBER)
    table = open_page(PAGE).dataframe[0].value
    assert table.values.tolist() == [["2025-09-01", "23", "12.275", "6", "3.1", "1.5"]]


def test_an_undo_never_overwrites_a_reading_saved_on_that_date_since(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = delete(open_page(PAGE), SEPTEMBER.taken_on)
    newer = Reading(SEPTEMBER.taken_on, 1, 1, 1, 1)
    save_reading(db, profile, newer)
    at = at.button(key="checkin_history_undo_button").click().run()
    assert at.error[0].value.startswith("Le relevé du 01/09/2025 n’a pas été rétabli")
    assert list_readings(db, profile) == [newer]
