"""Local profiles through their service: create, rename, switch and delete, on both databases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.profile_names import DEFAULT_NAME, FIELD
from ssi_coach.services import data, profiles, settings
from ssi_coach.services.profiles import TAKEN, ProfileRefused
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.backup import list_backups
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import DEFAULT_PROFILE_NAME, default_profile_id, profile_for_identity
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.tables import Base
from tests.integration.test_transfer import FEBRUARY, JANUARY, fill_history


def names(engine: Engine) -> list[str]:
    """Return the local profiles' stored names, oldest first."""
    return [found.name for found in profiles.list_local(engine)]


def rows_per_profile(engine: Engine) -> dict[tuple[str, int], int]:
    """Return, for every table that has a profile_id, how many rows each profile owns."""
    counted: dict[tuple[str, int], int] = {}
    with Session(engine) as session:
        for table in Base.metadata.sorted_tables:
            if "profile_id" not in table.columns:
                continue
            owner = table.columns["profile_id"]
            for profile_id, count in session.execute(select(owner, func.count()).group_by(owner)):
                counted[(table.name, profile_id)] = count
    return counted


@pytest.fixture
def first(engine: Engine) -> int:
    """Return the default profile, made as on first run."""
    return default_profile_id(engine)


def refused_code(error: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, str]:
    return error.value.field, error.value.code


# --- create --------------------------------------------------------------------------------


def test_a_new_profile_is_stored_under_its_trimmed_name(engine: Engine, first: int) -> None:
    made = profiles.create(engine, "  Camille   Martin ")
    assert made.name == "Camille Martin"
    assert names(engine) == [DEFAULT_NAME, "Camille Martin"]


def test_a_name_already_used_in_another_case_is_refused_and_nothing_is_saved(
    engine: Engine, first: int
) -> None:
    profiles.create(engine, "Élodie")
    with pytest.raises(InvalidInput) as error:
        profiles.create(engine, "éLODIE")
    assert refused_code(error) == (FIELD, TAKEN)
    assert names(engine) == [DEFAULT_NAME, "Élodie"]


def test_the_default_profiles_shown_name_counts_as_taken(engine: Engine, first: int) -> None:
    with pytest.raises(InvalidInput) as error:
        profiles.create(engine, "mon profil")
    assert refused_code(error) == (FIELD, TAKEN)


def test_an_empty_name_is_refused_as_required(engine: Engine, first: int) -> None:
    with pytest.raises(InvalidInput) as error:
        profiles.create(engine, "   ")
    assert refused_code(error) == (FIELD, "required")
    assert names(engine) == [DEFAULT_NAME]


def test_a_new_profile_starts_in_its_creators_language(engine: Engine, first: int) -> None:
    made = profiles.create(engine, "Sam", Lang.EN)
    assert settings.language(Repo(engine, made.id)) is Lang.EN


# --- rename --------------------------------------------------------------------------------


def test_renaming_changes_the_name_and_keeps_the_data(engine: Engine, first: int) -> None:
    save_reading(engine, first, JANUARY)
    profiles.rename(engine, first, "Camille")
    assert names(engine) == ["Camille"]
    assert list_readings(engine, first) == [JANUARY]


def test_renaming_to_another_profiles_name_is_refused(engine: Engine, first: int) -> None:
    other = profiles.create(engine, "Sam")
    with pytest.raises(InvalidInput) as error:
        profiles.rename(engine, other.id, "Mon Profil")
    assert refused_code(error) == (FIELD, TAKEN)
    assert names(engine) == [DEFAULT_NAME, "Sam"]


def test_a_profile_may_take_its_own_name_in_another_case(engine: Engine, first: int) -> None:
    made = profiles.create(engine, "sam")
    profiles.rename(engine, made.id, "Sam")
    assert names(engine) == [DEFAULT_NAME, "Sam"]


def test_the_default_profile_keeps_its_translated_name_when_its_label_is_sent_back(
    engine: Engine, first: int
) -> None:
    profiles.rename(engine, first, "My profile")
    assert names(engine) == [DEFAULT_PROFILE_NAME]


# --- switch --------------------------------------------------------------------------------


def test_the_profile_switched_to_is_the_one_the_next_session_opens(
    engine: Engine, first: int
) -> None:
    made = profiles.create(engine, "Sam")
    profiles.switch(engine, made.id)
    assert open_default(engine).profile_id == made.id


def test_the_export_holds_only_the_profile_switched_to(engine: Engine, first: int) -> None:
    save_reading(engine, first, JANUARY)
    here = profiles.switch(engine, profiles.create(engine, "Sam").id)
    save_reading(engine, here.profile_id, FEBRUARY)
    exported = json.loads(data.export_file_json(here))
    assert [row["taken_on"] for row in exported["tables"]["readings"]] == ["2025-02-01"]


# --- delete --------------------------------------------------------------------------------


def test_deleting_a_profile_removes_every_row_it_owns_and_no_other(
    engine: Engine, first: int
) -> None:
    doomed = profiles.create(engine, "Sam").id
    fill_history(engine, first)
    fill_history(engine, doomed)
    before = rows_per_profile(engine)
    profiles.delete(engine, doomed)
    after = rows_per_profile(engine)
    assert {key for key in before if key[1] == doomed}
    assert after == {key: count for key, count in before.items() if key[1] != doomed}


def test_deleting_says_what_went_and_which_profile_is_used_now(engine: Engine, first: int) -> None:
    doomed = profiles.create(engine, "Sam").id
    save_reading(engine, doomed, JANUARY)
    save_reading(engine, doomed, FEBRUARY)
    gone = profiles.delete(engine, doomed)
    assert (gone.name, gone.removed, gone.now.id) == ("Sam", (("readings", 2),), first)


def test_what_will_go_counts_only_the_tables_that_hold_rows(engine: Engine, first: int) -> None:
    save_reading(engine, first, JANUARY)
    assert profiles.what_will_go(Repo(engine, first)) == (("readings", 1),)


def test_the_last_local_profile_cannot_be_deleted(engine: Engine, first: int) -> None:
    save_reading(engine, first, JANUARY)
    with pytest.raises(ProfileRefused) as refused:
        profiles.delete(engine, first)
    assert refused.value.code == "last"
    assert list_readings(engine, first) == [JANUARY]


def test_a_profile_a_login_owns_is_not_deleted_from_the_local_switcher(
    engine: Engine, first: int
) -> None:
    member = profile_for_identity(engine, "https://idp.test", "sub-1", "a@example.com", "Ana")
    save_reading(engine, member, JANUARY)
    profiles.create(engine, "Sam")
    with pytest.raises(ProfileRefused) as refused:
        profiles.delete(engine, member)
    assert refused.value.code == "not_local"
    assert list_readings(engine, member) == [JANUARY]


def test_a_profile_a_login_owns_cannot_be_switched_to(engine: Engine, first: int) -> None:
    member = profile_for_identity(engine, "https://idp.test", "sub-1", "a@example.com", "Ana")
    with pytest.raises(ProfileRefused) as refused:
        profiles.switch(engine, member)
    assert refused.value.code == "not_local"


def test_deleting_a_profile_already_deleted_elsewhere_is_refused_as_gone(
    engine: Engine, first: int
) -> None:
    doomed = profiles.create(engine, "Sam").id
    profiles.create(engine, "Ana")
    profiles.delete(engine, doomed)
    with pytest.raises(ProfileRefused) as refused:
        profiles.delete(engine, doomed)
    assert refused.value.code == "gone"


def test_deleting_a_profile_backs_the_sqlite_file_up_first(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'ssi_coach.db'}")
    try:
        migrate(engine)
        default_profile_id(engine)
        gone = profiles.delete(engine, profiles.create(engine, "Sam").id)
        assert gone.backed_up
        assert [found.reason for found in list_backups(engine)] == ["deletion"]
    finally:
        engine.dispose()


# --- the session's profile -----------------------------------------------------------------


def test_a_session_keeps_its_profile_while_it_exists(engine: Engine, first: int) -> None:
    made = profiles.create(engine, "Sam")
    found = profiles.session_profile(engine, made.id)
    assert (found.repo.profile_id, found.fell_back) == (made.id, False)


def test_a_profile_deleted_in_another_tab_falls_back_to_the_one_used_last(
    engine: Engine, first: int
) -> None:
    doomed = profiles.create(engine, "Sam").id
    used_last = profiles.create(engine, "Ana").id
    profiles.switch(engine, used_last)
    # The other tab deletes the profile this session still shows.
    profiles.delete(engine, doomed)
    found = profiles.session_profile(engine, doomed)
    assert (found.repo.profile_id, found.fell_back) == (used_last, True)
    assert [p.id for p in found.profiles] == [first, used_last]


def test_a_session_never_opens_a_profile_a_login_owns(engine: Engine, first: int) -> None:
    member = profile_for_identity(engine, "https://idp.test", "sub-1", "a@example.com", "Ana")
    found = profiles.session_profile(engine, member)
    assert (found.repo.profile_id, found.fell_back) == (first, True)
