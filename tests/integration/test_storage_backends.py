"""Storage behaviour, run once on SQLite and once on a real PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from alembic.script import ScriptDirectory
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import FIRST_SSI_DATE, Reading
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id, get_setting, set_setting
from ssi_coach.store.readings import (
    ReadingExists,
    delete_reading,
    list_readings,
    save_reading,
)
from ssi_coach.store.revisions import alembic_config, current_revision
from ssi_coach.store.tables import ProfileRow

FEW_EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def pillar_scores() -> st.SearchStrategy[float]:
    """Draw a pillar score as LinkedIn shows it: 0 to 25 with up to three decimals."""
    return st.decimals(0, 25, places=3, allow_nan=False, allow_infinity=False).map(float)


def averages() -> st.SearchStrategy[float | None]:
    """Draw an optional average SSI: 0 to 100 with up to three decimals."""
    return st.none() | st.decimals(0, 100, places=3, allow_nan=False, allow_infinity=False).map(
        float
    )


def readings() -> st.SearchStrategy[Reading]:
    """Draw any valid reading."""
    ranks = st.none() | st.integers(1, 100)
    return st.builds(
        Reading,
        taken_on=st.dates(FIRST_SSI_DATE, date.today()),
        brand=pillar_scores(),
        people=pillar_scores(),
        insights=pillar_scores(),
        relationships=pillar_scores(),
        industry_rank=ranks,
        network_rank=ranks,
        industry_average=averages(),
        network_average=averages(),
    )


def a_reading(day: date, brand: float = 12.5) -> Reading:
    """Return a plain valid reading for one date."""
    return Reading(taken_on=day, brand=brand, people=8.25, insights=10.0, relationships=14.75)


def add_profile(engine: Engine, name: str) -> int:
    """Create another profile and return its id."""
    with Session(engine) as session, session.begin():
        row = ProfileRow(name=name, created_at=datetime(2024, 1, 1))
        session.add(row)
        session.flush()
        return row.id


def test_migrating_again_is_harmless_and_stays_at_head(engine: Engine) -> None:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()

    migrate(engine)

    assert current_revision(engine) == head
    assert head is not None


def test_the_default_profile_is_created_once(engine: Engine) -> None:
    first = default_profile_id(engine)
    second = default_profile_id(engine)

    with Session(engine) as session:
        profiles = session.scalar(select(func.count()).select_from(ProfileRow))
    assert first == second
    assert profiles == 1


def test_a_setting_reads_back_as_stored(engine: Engine) -> None:
    profile = default_profile_id(engine)

    set_setting(engine, profile, "lang", "en")

    assert get_setting(engine, profile, "lang") == "en"


def test_setting_a_setting_again_replaces_its_value(engine: Engine) -> None:
    profile = default_profile_id(engine)
    set_setting(engine, profile, "lang", "en")

    set_setting(engine, profile, "lang", "fr")

    assert get_setting(engine, profile, "lang") == "fr"


def test_a_setting_never_set_reads_as_none(engine: Engine) -> None:
    assert get_setting(engine, default_profile_id(engine), "lang") is None


def test_a_reading_with_every_field_at_its_limit_round_trips_unchanged(engine: Engine) -> None:
    profile = default_profile_id(engine)
    reading = Reading(
        taken_on=FIRST_SSI_DATE,
        brand=25.0,
        people=0.0,
        insights=0.001,
        relationships=24.999,
        industry_rank=1,
        network_rank=100,
        industry_average=99.999,
        network_average=0.0,
    )

    save_reading(engine, profile, reading)

    assert list_readings(engine, profile) == [reading]


@FEW_EXAMPLES
@given(reading=readings())
def test_every_valid_reading_passes_through_storage_unchanged(
    engine: Engine, reading: Reading
) -> None:
    profile = default_profile_id(engine)

    save_reading(engine, profile, reading)
    try:
        assert list_readings(engine, profile) == [reading]
    finally:
        # Examples share the fixture's database, so each one leaves it empty.
        delete_reading(engine, profile, reading.taken_on)


def test_a_second_reading_for_the_same_date_is_refused_and_the_first_kept(
    engine: Engine,
) -> None:
    profile = default_profile_id(engine)
    day = date(2024, 3, 1)
    first = a_reading(day, brand=12.5)
    save_reading(engine, profile, first)

    with pytest.raises(ReadingExists) as refused:
        save_reading(engine, profile, a_reading(day, brand=20.0))

    assert refused.value.existing == first
    assert list_readings(engine, profile) == [first]


def test_replacing_a_reading_stores_the_new_figures(engine: Engine) -> None:
    profile = default_profile_id(engine)
    day = date(2024, 3, 1)
    save_reading(engine, profile, a_reading(day, brand=12.5))
    newer = a_reading(day, brand=20.0)

    save_reading(engine, profile, newer, replace=True)

    assert list_readings(engine, profile) == [newer]


def test_deleting_a_reading_removes_only_that_date(engine: Engine) -> None:
    profile = default_profile_id(engine)
    kept = a_reading(date(2024, 4, 1))
    save_reading(engine, profile, a_reading(date(2024, 3, 1)))
    save_reading(engine, profile, kept)

    deleted = delete_reading(engine, profile, date(2024, 3, 1))

    assert deleted is True
    assert list_readings(engine, profile) == [kept]


def test_deleting_a_date_without_reading_reports_nothing_deleted(engine: Engine) -> None:
    assert delete_reading(engine, default_profile_id(engine), date(2024, 3, 1)) is False


def test_readings_are_listed_oldest_first(engine: Engine) -> None:
    profile = default_profile_id(engine)
    days = [date(2025, 1, 1), date(2023, 6, 1), date(2024, 2, 29)]
    for day in days:
        save_reading(engine, profile, a_reading(day))

    assert [reading.taken_on for reading in list_readings(engine, profile)] == sorted(days)


def test_one_profiles_readings_and_settings_stay_out_of_another(engine: Engine) -> None:
    mine = default_profile_id(engine)
    theirs = add_profile(engine, "colleague")
    day = date(2024, 3, 1)
    save_reading(engine, theirs, a_reading(day))
    set_setting(engine, theirs, "lang", "en")

    assert list_readings(engine, mine) == []
    assert get_setting(engine, mine, "lang") is None
    assert delete_reading(engine, mine, day) is False
    assert list_readings(engine, theirs) == [a_reading(day)]


def test_the_same_date_can_hold_one_reading_per_profile(engine: Engine) -> None:
    mine = default_profile_id(engine)
    theirs = add_profile(engine, "colleague")
    day = date(2024, 3, 1)

    save_reading(engine, theirs, a_reading(day, brand=5.0))
    save_reading(engine, mine, a_reading(day, brand=6.0))

    assert list_readings(engine, mine) == [a_reading(day, brand=6.0)]
    assert list_readings(engine, theirs) == [a_reading(day, brand=5.0)]
