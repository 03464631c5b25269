"""Answers, routine ticks, day marks, KPI months and reading sources, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from shutil import copyfile

import pytest
from sqlalchemy import Engine

from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.records import KpiEntry, ReadingSource, StoredTick
from ssi_coach.store.answers import answers_history, latest_answers, save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.kpis import KpiMonthExists, list_kpis, save_kpis
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id, get_setting
from ssi_coach.store.readings import list_readings, list_sources, save_reading
from ssi_coach.store.revisions import current_revision, schema_revisions
from ssi_coach.store.routine import (
    list_day_marks,
    list_ticks,
    set_day_mark,
    set_holiday,
    set_tick,
)

FIXTURE_0001 = Path(__file__).parent / "fixtures" / "schema_0001.db"


def test_the_latest_answers_win_and_earlier_ones_are_kept(engine: Engine) -> None:
    profile = default_profile_id(engine)
    first = Answers(Goal.NOTORIETY, Role.FREELANCE, False, 20, "DAF de PME", "", "", "SaaS")
    second = Answers(Goal.PROSPECTING, Role.SALES, True, 30)
    save_answers(engine, profile, first)
    save_answers(engine, profile, second)
    assert latest_answers(engine, profile) == second
    assert [a for _, a in answers_history(engine, profile)] == [first, second]


def test_there_are_no_answers_before_the_first_questionnaire(engine: Engine) -> None:
    assert latest_answers(engine, default_profile_id(engine)) is None


def test_a_tick_is_stored_and_an_untick_removes_it(engine: Engine) -> None:
    profile = default_profile_id(engine)
    day = date(2028, 2, 29)
    set_tick(engine, profile, day, "comments.angle", "comments", 5, True)
    set_tick(engine, profile, day, "comments.angle", "comments", 5, True)
    set_tick(engine, profile, day, "messages.thanks", "messages", 5, True)
    set_tick(engine, profile, day, "messages.thanks", "messages", 5, False)
    assert list_ticks(engine, profile) == [StoredTick(day, "comments.angle", "comments", 5)]


def test_ticks_can_be_read_for_a_date_range(engine: Engine) -> None:
    profile = default_profile_id(engine)
    for day in (date(2026, 1, 31), date(2026, 2, 1), date(2026, 2, 2)):
        set_tick(engine, profile, day, "searches.prospects", "searches", 5, True)
    found = list_ticks(engine, profile, date(2026, 2, 1), date(2026, 2, 28))
    assert [t.day for t in found] == [date(2026, 2, 1), date(2026, 2, 2)]


def test_a_holiday_marks_every_day_of_the_range_and_a_mark_can_be_cleared(engine: Engine) -> None:
    profile = default_profile_id(engine)
    set_day_mark(engine, profile, date(2026, 12, 30), "skip")
    set_holiday(engine, profile, date(2026, 12, 31), date(2027, 1, 2))
    set_day_mark(engine, profile, date(2027, 1, 1), None)
    assert list_day_marks(engine, profile) == {
        date(2026, 12, 30): "skip",
        date(2026, 12, 31): "holiday",
        date(2027, 1, 2): "holiday",
    }


def test_a_kpi_month_is_stored_once_and_replaced_only_when_asked(engine: Engine) -> None:
    profile = default_profile_id(engine)
    first = KpiEntry(KpiMonth(date(2026, 10, 1), impressions=1000, engagements=40), followers=300)
    second = KpiEntry(KpiMonth(date(2026, 10, 1), qualified_conversations=4, opportunities=1))
    save_kpis(engine, profile, first)
    with pytest.raises(KpiMonthExists) as caught:
        save_kpis(engine, profile, second)
    assert caught.value.existing == first
    save_kpis(engine, profile, second, replace=True)
    assert list_kpis(engine, profile) == [second]


def test_kpi_months_can_be_read_for_a_range_of_months(engine: Engine) -> None:
    profile = default_profile_id(engine)
    for month in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1), date(2026, 4, 1)):
        save_kpis(engine, profile, KpiEntry(KpiMonth(month, opportunities=1)))
    found = list_kpis(engine, profile, date(2026, 2, 1), date(2026, 3, 1))
    assert [entry.kpis.month for entry in found] == [date(2026, 2, 1), date(2026, 3, 1)]


def test_a_pasted_source_is_kept_with_its_reading(engine: Engine) -> None:
    profile = default_profile_id(engine)
    reading = Reading(date(2026, 10, 1), 18.5, 11.25, 9.853, 13)
    source = ReadingSource("Votre Social Selling Index\n…", "1", "Conseil en management")
    save_reading(engine, profile, reading, source=source)
    assert list_readings(engine, profile) == [reading]
    assert list_sources(engine, profile) == {reading.taken_on: source}


def test_a_database_of_the_first_schema_migrates_without_losing_a_row(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    copyfile(FIXTURE_0001, path)
    engine = make_engine(f"sqlite:///{path}")
    assert current_revision(engine) == "0001"
    migrate(engine)
    profile = default_profile_id(engine)
    readings = list_readings(engine, profile)
    assert current_revision(engine) == schema_revisions()[-1]
    assert [r.taken_on for r in readings] == [date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1)]
    assert readings[0] == Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.5, 65, 72)
    assert readings[2].industry_average == 20.0
    assert get_setting(engine, profile, "role") == "sales"
