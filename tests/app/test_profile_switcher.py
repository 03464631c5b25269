"""The sidebar's profile switcher: choose, create, rename and delete local profiles."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.services import profiles
from ssi_coach.store.answers import save_answers
from ssi_coach.store.profiles import profile_for_identity
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.ui.profile_switcher import (
    CHOICE,
    CONFIRM,
    CREATE,
    DELETE,
    MANAGE,
    NEW_NAME,
    RENAME,
    RENAME_NAME,
)
from tests.app.conftest import APP
from tests.app.server_login import AUTH, ISSUER, user

OpenPage = Callable[[str | None], AppTest]
TODAY = date.today()
SEPTEMBER = Reading(date(2025, 9, 1), 12.275, 6, 3.1, 1.5)
OCTOBER = Reading(date(2025, 10, 1), 13, 7.25, 4, 2)
DATA = "pages/data.py"


def choices(at: AppTest) -> list[str]:
    """Return the profiles the sidebar offers, as shown."""
    return list(at.sidebar.selectbox(key=CHOICE).options)


def shown(at: AppTest) -> str:
    """Return the name of the profile the sidebar shows."""
    box = at.sidebar.selectbox(key=CHOICE)
    return box.format_func(box.value)


def manage(at: AppTest) -> AppTest:
    """Open the « Gérer les profils » box."""
    at.session_state[MANAGE] = True
    return at.run()


def create(at: AppTest, name: str) -> AppTest:
    at.sidebar.text_input(key=NEW_NAME).input(name)
    return at.sidebar.button(key=CREATE).click().run()


def choose(at: AppTest, name: str) -> AppTest:
    box = at.sidebar.selectbox(key=CHOICE)
    return box.select_index(list(box.options).index(name)).run()


def sidebar_texts(at: AppTest) -> list[str]:
    """Return the sidebar's messages and Markdown, as shown."""
    found = [*at.sidebar.success, *at.sidebar.warning, *at.sidebar.error, *at.sidebar.info]
    return [element.value for element in (*found, *at.sidebar.markdown)]


def delete_current(at: AppTest) -> AppTest:
    at.sidebar.checkbox(key=CONFIRM).check().run()
    return at.sidebar.button(key=DELETE).click().run()


# --- choosing ------------------------------------------------------------------------------


def test_the_first_profile_shows_by_its_translated_name(open_page: OpenPage) -> None:
    at = open_page(DATA)
    assert (choices(at), shown(at)) == (["Mon profil"], "Mon profil")


def test_the_first_profile_shows_by_its_english_name_in_english(open_page: OpenPage) -> None:
    at = open_page(DATA)
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert shown(at) == "My profile"


def test_the_check_in_page_shows_the_chosen_profiles_readings_only(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profiles.create(db, "Camille").id, OCTOBER)
    at = choose(open_page("pages/checkin.py"), "Camille")
    assert at.dataframe[0].value["Date"].tolist() == ["01/10/2025"]


def test_the_data_page_counts_the_chosen_profiles_rows_only(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    second = profiles.create(db, "Camille").id
    save_reading(db, second, SEPTEMBER)
    save_reading(db, second, OCTOBER)
    at = choose(open_page(DATA), "Camille")
    assert "- 2 relevés SSI" in [element.value for element in at.main.markdown]


def test_today_shows_the_chosen_profiles_routine(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    second = profiles.create(db, "Camille").id
    save_answers(db, second, Answers(Goal.PROSPECTING, Role.FREELANCE, False, 20))
    save_reading(db, second, Reading(TODAY - timedelta(days=3), 10, 8, 5, 7))
    at = choose(open_page(DATA), "Camille")
    at.switch_page("pages/today.py")
    at.run()
    assert at.title[0].value == "Votre routine du jour"


def test_the_profile_chosen_is_the_one_the_next_session_opens(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    profiles.create(db, "Camille")
    choose(open_page(DATA), "Camille")
    assert shown(open_page(DATA)) == "Camille"


# --- creating and renaming -----------------------------------------------------------------


def test_a_new_profile_is_shown_at_once_and_announced(open_page: OpenPage) -> None:
    at = create(manage(open_page(DATA)), "  Camille ")
    assert (choices(at), shown(at)) == (["Mon profil", "Camille"], "Camille")
    assert "Profil «\u00a0Camille\u00a0» créé\u00a0: c’est lui qui est affiché maintenant." in (
        sidebar_texts(at)
    )


def test_a_new_profile_starts_empty(open_page: OpenPage, db: Engine, profile: int) -> None:
    save_reading(db, profile, SEPTEMBER)
    at = create(manage(open_page(DATA)), "Camille")
    assert "aucune donnée" in at.main.info[0].value


def test_a_name_already_used_is_refused_next_to_the_field_and_nothing_is_saved(
    open_page: OpenPage, db: Engine
) -> None:
    at = create(manage(open_page(DATA)), "mon PROFIL")
    assert [error.value for error in at.sidebar.error] == [
        "Nom du profil\u00a0: un autre profil porte déjà ce nom\u00a0: choisissez-en un autre."
    ]
    assert [found.name for found in profiles.list_local(db)] == ["default"]
    assert at.sidebar.text_input(key=NEW_NAME).value == "mon PROFIL"


def test_an_empty_name_is_refused_as_required(open_page: OpenPage) -> None:
    at = create(manage(open_page(DATA)), "   ")
    assert [error.value for error in at.sidebar.error] == [
        "Nom du profil\u00a0: ce champ est obligatoire."
    ]


def test_renaming_the_current_profile_shows_its_new_name(open_page: OpenPage) -> None:
    at = manage(open_page(DATA))
    assert at.sidebar.text_input(key=RENAME_NAME).value == "Mon profil"
    at.sidebar.text_input(key=RENAME_NAME).input("Claire")
    at = at.sidebar.button(key=RENAME).click().run()
    assert (choices(at), at.sidebar.text_input(key=RENAME_NAME).value) == (["Claire"], "Claire")


# --- deleting ------------------------------------------------------------------------------


def test_the_only_profile_cannot_be_deleted_and_says_why(open_page: OpenPage) -> None:
    at = manage(open_page(DATA))
    assert not [button for button in at.sidebar.button if button.key == DELETE]
    assert any("seul profil" in caption.value for caption in at.sidebar.caption)


def test_deleting_lists_what_will_go_in_words(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    profiles.create(db, "Camille")
    save_reading(db, profile, SEPTEMBER)
    save_reading(db, profile, OCTOBER)
    at = manage(open_page(DATA))
    assert "- 2 relevés SSI" in [element.value for element in at.sidebar.markdown]


def test_the_delete_button_waits_for_the_confirmation(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    profiles.create(db, "Camille")
    at = manage(open_page(DATA))
    assert at.sidebar.button(key=DELETE).disabled
    at.sidebar.checkbox(key=CONFIRM).check().run()
    assert not at.sidebar.button(key=DELETE).disabled


def test_deleting_offers_the_profiles_export_first(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    profiles.create(db, "Camille")
    at = manage(open_page(DATA))
    labels = [button.proto.label for button in at.sidebar.get("download_button")]
    assert labels == ["Télécharger son export (JSON)"]


def test_deleting_moves_to_another_profile_and_says_which(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, SEPTEMBER)
    camille = profiles.create(db, "Camille").id
    save_reading(db, camille, OCTOBER)
    at = delete_current(manage(choose(open_page(DATA), "Camille")))
    assert (choices(at), shown(at)) == (["Mon profil"], "Mon profil")
    assert sidebar_texts(at)[0] == (
        "Profil «\u00a0Camille\u00a0» supprimé, avec ses données (1 relevé SSI). "
        "Vous êtes maintenant sur «\u00a0Mon profil\u00a0». "
        "Une sauvegarde de tout le fichier a été faite juste avant\u00a0: "
        "«\u00a0Avant suppression d’un profil\u00a0», sur la page Mes données."
    )
    assert (list_readings(db, profile), list_readings(db, camille)) == ([SEPTEMBER], [])


def test_the_switcher_says_a_backup_covers_every_profile(open_page: OpenPage) -> None:
    at = manage(open_page(DATA))
    assert any("tous les profils à la fois" in caption.value for caption in at.sidebar.caption)


def test_a_profile_deleted_in_another_tab_gives_way_with_a_warning(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    camille = profiles.create(db, "Camille").id
    save_reading(db, profile, SEPTEMBER)
    at = choose(open_page("pages/checkin.py"), "Camille")
    # The other tab.
    profiles.switch(db, profile)
    profiles.delete(db, camille)
    at.run()
    assert not at.exception
    assert shown(at) == "Mon profil"
    assert [warning.value for warning in at.sidebar.warning] == [
        "Le profil que vous utilisiez a été supprimé, sans doute dans un autre onglet. "
        "Vous êtes maintenant sur «\u00a0Mon profil\u00a0»."
    ]
    assert at.dataframe[0].value["Date"].tolist() == ["01/09/2025"]


# --- server mode ---------------------------------------------------------------------------


def test_a_server_shows_no_profile_switcher(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSI_COACH_SERVER_MODE", "1")
    profile_for_identity(db, ISSUER, "ana", "ana@example.com", "Ana")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = user("ana", "ana@example.com")
    at.switch_page(DATA)
    at.run()
    assert not at.exception
    assert not [box for box in at.sidebar.selectbox if box.key == CHOICE]
