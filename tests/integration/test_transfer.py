"""Export, wipe, import: the same files again; imports are previewed, atomic and idempotent."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date, datetime

import pytest
from sqlalchemy import Engine, delete, inspect
from sqlalchemy.orm import Session

from ssi_coach.model import MINUTES_MAX, Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.records import (
    TABLE_NAMES,
    TABLES,
    DayMark,
    DraftEdit,
    ImportPreview,
    KpiEntry,
    ProfileData,
    ProfileText,
    ReadingRecord,
    ReadingSource,
    Setting,
    TableChange,
    TickRecord,
)
from ssi_coach.review import TextKind
from ssi_coach.ssi_text import MAX_TEXT_CHARS
from ssi_coach.store import transfer as store_transfer
from ssi_coach.store.answers import save_answers
from ssi_coach.store.drafts import save_draft
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.mapping import MODELS, stored_name
from ssi_coach.store.profile_texts import add_profile_text
from ssi_coach.store.profiles import default_profile_id, set_setting
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.revisions import schema_revisions
from ssi_coach.store.routine import set_day_mark, set_holiday, set_tick
from ssi_coach.store.tables import ProfileRow
from ssi_coach.store.transfer import apply_import, preview_import, read_profile, text_limits
from ssi_coach.transfer import (
    TASK_LEVERS,
    TransferError,
    export_json,
    export_zip,
    file_name,
    parse_import,
    read_import,
)
from tests.unit.test_transfer import OLD_EXPORTS, SAMPLE, TEXT_LIMITS

JANUARY = Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.948, 65, 72, 31, 30)
FEBRUARY = Reading(date(2025, 2, 1), 18.5, 11.25, 9.853, 13, 10, 12, 35.5, 34.25)
PASTED = ReadingSource("Votre Social Selling Index\n53 sur 100", "1", "Conseil en management")


def fill_history(engine: Engine, profile: int) -> None:
    """Store a bit of everything the app keeps."""
    save_reading(engine, profile, JANUARY)
    save_reading(engine, profile, FEBRUARY, source=PASTED)
    save_answers(engine, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False, 20, "DAF"))
    save_answers(engine, profile, Answers(Goal.PROSPECTING, Role.SALES, True, 30, "", "", "", "IT"))
    set_tick(engine, profile, date(2025, 2, 3), "comments.angle", "comments", 5, True)
    set_tick(engine, profile, date(2025, 2, 3), "messages.follow_up", "messages", 10, True)
    set_day_mark(engine, profile, date(2025, 2, 4), "skip")
    set_holiday(engine, profile, date(2025, 8, 1), date(2025, 8, 3))
    save_kpis(engine, profile, KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40, 2, 1), 300, 80))
    set_setting(engine, profile, "lang", "en")
    set_setting(engine, profile, "role", "sales")
    save_draft(
        engine, profile, DraftEdit("headline.1", "J’aide les DAF de PME à dormir tranquilles")
    )
    # Two versions within one microsecond, a formula to neutralise, an About's paragraphs.
    headline = ProfileText(TextKind.HEADLINE, datetime(2025, 2, 5, 9), "Titre de février")
    add_profile_text(engine, profile, headline)
    add_profile_text(engine, profile, replace(headline, text="=DAF + PME 🚀"))
    about = "Vos clôtures traînent ?\r\n\nJe les ramène à 5 jours.\n\t— Claire 👋"
    add_profile_text(engine, profile, ProfileText(TextKind.ABOUT, datetime(2025, 2, 6), about))


def wipe(engine: Engine, profile: int) -> None:
    """Delete every row of a profile, the profile itself staying."""
    with Session(engine) as session, session.begin():
        for model in MODELS.values():
            session.execute(delete(model).where(inspect(model).columns["profile_id"] == profile))


def add_profile(engine: Engine, name: str) -> int:
    """Create another profile and return its id."""
    with Session(engine) as session, session.begin():
        row = ProfileRow(name=name, created_at=datetime(2024, 1, 1))
        session.add(row)
        session.flush()
        return row.id


def import_file(engine: Engine, profile: int, content: bytes, name: str = "") -> ImportPreview:
    """Parse an exported file and import it, as the data page does."""
    data = parse_import(content, schema_revisions(), text_limits(), name)
    return apply_import(engine, profile, data)


@pytest.fixture
def profile(engine: Engine) -> int:
    """Return the default profile, filled with a bit of everything."""
    found = default_profile_id(engine)
    fill_history(engine, found)
    return found


def test_the_export_holds_every_table_of_the_profile(engine: Engine, profile: int) -> None:
    assert read_profile(engine, profile).counts() == {
        "readings": 2,
        "answers": 2,
        "routine_ticks": 2,
        "day_marks": 4,
        "kpi_months": 1,
        "settings": 2,
        "drafts": 1,
        "profile_texts": 3,
    }


def test_export_wipe_import_gives_a_byte_identical_json_export(
    engine: Engine, profile: int
) -> None:
    head = schema_revisions()[-1]
    exported = export_json(read_profile(engine, profile), head)
    wipe(engine, profile)
    import_file(engine, profile, exported)
    assert export_json(read_profile(engine, profile), head) == exported


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_export_wipe_import_gives_a_byte_identical_zip_export(
    engine: Engine, profile: int, lang: str
) -> None:
    head = schema_revisions()[-1]
    exported = export_zip(read_profile(engine, profile), head, lang)
    wipe(engine, profile)
    import_file(engine, profile, exported)
    assert export_zip(read_profile(engine, profile), head, lang) == exported


def test_an_import_into_an_empty_profile_adds_every_row(engine: Engine, profile: int) -> None:
    exported = export_json(read_profile(engine, profile), schema_revisions()[-1])
    other = add_profile(engine, "new machine")
    done = import_file(engine, other, exported)
    assert done.added == 17
    assert read_profile(engine, other) == read_profile(engine, profile)
    assert list_readings(engine, other) == [JANUARY, FEBRUARY]


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    engine: Engine, profile: int
) -> None:
    exported = export_zip(read_profile(engine, profile), schema_revisions()[-1], "fr")
    other = add_profile(engine, "new machine")
    import_file(engine, other, exported)
    after_first = read_profile(engine, other)
    second = import_file(engine, other, exported)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 17)
    assert read_profile(engine, other) == after_first


def test_the_preview_counts_added_replaced_and_unchanged_rows_and_writes_nothing(
    engine: Engine, profile: int
) -> None:
    changed = Reading(date(2025, 2, 1), 18.5, 11.25, 9.853, 14)
    march = Reading(date(2025, 3, 1), 19, 12, 10, 14)
    incoming = ProfileData(
        readings=(ReadingRecord(JANUARY), ReadingRecord(changed), ReadingRecord(march)),
        settings=(Setting("lang", "en"), Setting("role", "executive")),
    )
    before = read_profile(engine, profile)
    preview = preview_import(engine, profile, incoming)
    assert preview.tables["readings"] == TableChange(added=1, replaced=1, unchanged=1)
    assert preview.tables["settings"] == TableChange(added=0, replaced=1, unchanged=1)
    assert preview.tables["answers"] == TableChange()
    assert read_profile(engine, profile) == before


def test_an_import_replaces_rows_of_the_same_identity_and_keeps_the_others(
    engine: Engine, profile: int
) -> None:
    changed = Reading(date(2025, 2, 1), 18.5, 11.25, 9.853, 14)
    apply_import(engine, profile, ProfileData(readings=(ReadingRecord(changed),)))
    assert list_readings(engine, profile) == [JANUARY, changed]
    assert read_profile(engine, profile).counts()["answers"] == 2


def test_a_failure_midway_through_an_import_writes_nothing(
    engine: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    write = store_transfer._write

    def broken(session: Session, table: str, added: list[dict], changed: list[dict]) -> None:
        # Settings come last but one: every earlier table's rows are already written then.
        if table == "settings":
            raise RuntimeError("disk full")
        write(session, table, added, changed)

    monkeypatch.setattr(store_transfer, "_write", broken)
    other = add_profile(engine, "new machine")
    incoming = read_profile(engine, profile)
    with pytest.raises(RuntimeError):
        apply_import(engine, other, incoming)
    assert read_profile(engine, other) == ProfileData()


def test_a_bad_file_leaves_the_database_untouched(engine: Engine, profile: int) -> None:
    head = schema_revisions()[-1]
    exported = export_json(read_profile(engine, profile), head).decode()
    # The last table of the file holds the error: every earlier row is valid.
    broken = exported.replace('"value": "sales"', '"value": "astronaut"').encode()
    other = add_profile(engine, "new machine")
    with pytest.raises(TransferError):
        import_file(engine, other, broken)
    assert read_profile(engine, other) == ProfileData()


def test_values_at_the_column_limits_survive_the_round_trip(engine: Engine, profile: int) -> None:
    longest_task = max(TASK_LEVERS, key=len)
    incoming = ProfileData(
        readings=(ReadingRecord(JANUARY, "x" * MAX_TEXT_CHARS, "v" * 10, "i" * 120),),
        routine_ticks=(
            TickRecord(
                date(2025, 2, 3),
                longest_task,
                TASK_LEVERS[longest_task].value,
                MINUTES_MAX,
                datetime(2025, 2, 3),
            ),
        ),
        day_marks=(DayMark(date(2025, 2, 9), "holiday"),),
        settings=(Setting("role", "community_manager"),),
    )
    content = export_json(incoming, schema_revisions()[-1])
    other = add_profile(engine, "limits")
    import_file(engine, other, content)
    assert read_profile(engine, other) == incoming


def test_an_import_never_touches_another_profile(engine: Engine, profile: int) -> None:
    other = add_profile(engine, "someone else")
    apply_import(engine, other, ProfileData(readings=(ReadingRecord(FEBRUARY),)))
    assert list_readings(engine, profile) == [JANUARY, FEBRUARY]
    assert list_readings(engine, other) == [FEBRUARY]


def test_the_text_limits_are_the_lengths_of_the_string_columns() -> None:
    assert text_limits() == TEXT_LIMITS


@pytest.mark.parametrize(
    "incoming",
    [
        ProfileData(
            routine_ticks=(
                TickRecord(date(2025, 2, 3), "k" * 61, "searches", 5, datetime(2025, 2, 3)),
            )
        ),
        ProfileData(settings=(Setting("s", "v" * 201),)),
    ],
)
def test_a_text_one_longer_than_its_column_is_refused_and_nothing_is_written(
    engine: Engine, profile: int, incoming: ProfileData
) -> None:
    content = export_json(incoming, schema_revisions()[-1])
    other = add_profile(engine, "too long")
    with pytest.raises(TransferError) as caught:
        import_file(engine, other, content)
    assert caught.value.params["problem"] == "too_long"
    assert read_profile(engine, other) == ProfileData()


# The store's own columns: keys, and stamps the mapping sets itself.
STORE_COLUMNS = {"id", "profile_id", "created_at", "updated_at"}


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_stored_column_is_described_once_in_the_table_spec(table: str) -> None:
    described = {stored_name(column) for column in TABLES[table].columns}
    stored = set(inspect(MODELS[table]).columns.keys())
    assert described <= stored
    assert stored - described <= STORE_COLUMNS


def table_file(engine: Engine, profile: int, table: str, lang: str) -> str:
    """Return one table's CSV file of the profile's zip export, as text."""
    exported = export_zip(read_profile(engine, profile), schema_revisions()[-1], lang)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        return archive.read(file_name(table, lang)).decode("utf-8-sig")


@pytest.mark.parametrize(
    ("lang", "old", "new", "march"),
    [
        ("fr", ";11,25;", ";12,5;", "2025-03-01;19;12;10;14;;;;;;;\r\n"),
        ("en", ",11.25,", ",12.5,", "2025-03-01,19,12,10,14,,,,,,,\r\n"),
    ],
)
def test_one_edited_csv_file_changes_its_table_and_nothing_else(
    engine: Engine, profile: int, lang: str, old: str, new: str, march: str
) -> None:
    before = read_profile(engine, profile)
    edited = table_file(engine, profile, "readings", lang).replace(old, new) + march
    content = edited.encode("utf-8")
    incoming = read_import(content, schema_revisions(), text_limits(), "releves.csv")
    preview = preview_import(engine, profile, incoming.data)
    assert incoming.tables == ("readings",)
    assert preview.tables["readings"] == TableChange(added=1, replaced=1, unchanged=1)
    assert preview.added + preview.replaced == 2
    import_file(engine, profile, content, "releves.csv")
    after = read_profile(engine, profile)
    assert [r.reading.people for r in after.readings] == [6, 12.5, 12]
    assert after.readings[1].source_text == PASTED.text
    for table in TABLE_NAMES:
        if table != "readings":
            assert after.rows(table) == before.rows(table)


def test_a_csv_file_with_a_bad_row_writes_nothing(engine: Engine, profile: int) -> None:
    before = read_profile(engine, profile)
    edited = table_file(engine, profile, "kpi_months", "fr").replace(";1000;", ";-1;")
    with pytest.raises(TransferError) as caught:
        import_file(engine, profile, edited.encode("utf-8"), "resultats-mensuels.csv")
    assert caught.value.message("fr").startswith("resultats-mensuels.csv, ligne 2 (janvier 2025)")
    assert read_profile(engine, profile) == before


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_zip_exported_by_the_previous_version_imports_into_the_store(
    engine: Engine, lang: str
) -> None:
    other = add_profile(engine, "old export")
    import_file(engine, other, (OLD_EXPORTS / f"export-v1-{lang}.zip").read_bytes())
    assert read_profile(engine, other) == SAMPLE
