"""Export files and their import: round trips, spreadsheet style, and every bad file refused."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import fields
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.plan import Lever
from ssi_coach.records import (
    DAY_MARK_KINDS,
    IDENTITY,
    TABLE_NAMES,
    TABLES,
    AnswersRecord,
    DayMark,
    KpiEntry,
    ProfileData,
    ReadingRecord,
    Setting,
    TickRecord,
    Values,
)
from ssi_coach.transfer import (
    FORMAT,
    FORMAT_VERSION,
    MAX_IMPORT_BYTES,
    RowError,
    TransferError,
    export_json,
    export_zip,
    parse_import,
)
from tests.unit.strategies import all_task_keys, readings

SCHEMAS = ("0001", "0002", "0003", "0004", "0005")
HEAD = SCHEMAS[-1]
# The store reads these from its String(n) columns; tests/integration checks that they agree.
TEXT_LIMITS = {
    "readings": {"industry_name": 120, "parser_version": 10},
    "answers": {"target": 80, "outcome": 80, "means": 80, "sector": 80},
    "routine_ticks": {"task_key": 60},
    "day_marks": {},
    "kpi_months": {},
    "settings": {"key": 40, "value": 200},
}
# Timing varies on a shared machine; correctness, not speed, is under test here.
NO_DEADLINE = settings(deadline=None)

free_text = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)))
short_text = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80)
moments = st.datetimes(datetime(2014, 1, 1), datetime(2035, 12, 31))
days = st.dates(date(2014, 1, 1), date(2035, 12, 31))
counts = st.none() | st.integers(0, 10**9)


def optional_text(limit: int | None = None) -> st.SearchStrategy[str | None]:
    """Draw None or a non-empty text: an empty cell reads back as None."""
    return st.none() | free_text.filter(lambda s: s != "" and (limit is None or len(s) <= limit))


reading_records = st.builds(
    ReadingRecord,
    reading=readings,
    source_text=optional_text(),
    parser_version=optional_text(10),
    industry_name=optional_text(120),
)
answers_records = st.builds(
    AnswersRecord,
    answered_at=moments,
    answers=st.builds(
        Answers,
        goal=st.sampled_from(Goal),
        role=st.sampled_from(Role),
        already_converting=st.booleans(),
        minutes_per_day=st.integers(10, 60),
        target=short_text,
        outcome=short_text,
        means=short_text,
        sector=short_text,
    ),
)
tick_records = st.builds(
    TickRecord,
    day=days,
    task_key=st.sampled_from(all_task_keys()),
    lever=st.sampled_from([lever.value for lever in Lever]),
    minutes=st.integers(1, 60),
    ticked_at=moments,
)
marks = st.builds(DayMark, day=days, kind=st.sampled_from(DAY_MARK_KINDS))


@st.composite
def kpi_entries(draw: st.DrawFn) -> KpiEntry:
    """Draw a month of KPIs whose engagements never exceed its impressions."""
    impressions = draw(counts)
    engagements = draw(
        st.none() | st.integers(0, impressions if impressions is not None else 10**9)
    )
    month = draw(days).replace(day=1)
    kpis = KpiMonth(month, impressions, engagements, draw(counts), draw(counts))
    return KpiEntry(kpis, followers=draw(counts), profile_views=draw(counts))


settings_rows = st.builds(
    Setting,
    key=free_text.filter(lambda s: 0 < len(s) <= 40 and s not in ("lang", "role")),
    value=free_text.filter(lambda s: len(s) <= 200),
) | st.sampled_from([Setting("lang", "en"), Setting("role", "sales")])


def unique(table: str, rows: st.SearchStrategy) -> st.SearchStrategy[list]:
    """Draw a few rows with distinct identities."""
    return st.lists(rows, max_size=4, unique_by=IDENTITY[table])


profiles = st.builds(
    ProfileData,
    readings=unique("readings", reading_records),
    answers=unique("answers", answers_records),
    routine_ticks=unique("routine_ticks", tick_records),
    day_marks=unique("day_marks", marks),
    kpi_months=unique("kpi_months", kpi_entries()),
    settings=unique("settings", settings_rows),
)

SAMPLE = ProfileData(
    readings=(
        ReadingRecord(Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.948, 65, 72, 31, 30)),
        ReadingRecord(
            Reading(date(2025, 2, 1), 18.5, 11.25, 9.853, 13, 10, 12, 35.5),
            "Votre Social Selling Index\nTop 10 %",
            "1",
            "Conseil en management",
        ),
    ),
    answers=(
        AnswersRecord(
            datetime(2025, 1, 2, 9, 30, 0, 123456),
            Answers(Goal.NOTORIETY, Role.FREELANCE, False, 20, "DAF de PME", "", "", "SaaS"),
        ),
    ),
    routine_ticks=(
        TickRecord(date(2025, 1, 3), "comments.angle", "comments", 5, datetime(2025, 1, 3, 9)),
    ),
    day_marks=(DayMark(date(2025, 1, 4), "skip"),),
    kpi_months=(KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40), followers=300),),
    settings=(Setting("lang", "fr"), Setting("role", "sales")),
)


def unzip(content: bytes) -> dict[str, bytes]:
    """Return every member of a zip by name."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    """Return a zip of the given members."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def edited_zip(name: str, edit) -> bytes:
    """Return the French zip export of SAMPLE with one member's text edited."""
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files[name] = edit(files[name].decode("utf-8")).encode("utf-8")
    return rezip(files)


def refusal(content: bytes, lang: str = "fr") -> str:
    """Return the message of the error that refuses a file."""
    with pytest.raises(TransferError) as caught:
        parse_import(content, SCHEMAS, TEXT_LIMITS)
    return caught.value.message(lang)


def json_document(**changes: object) -> bytes:
    """Return the JSON export of SAMPLE with some top-level entries replaced."""
    document = json.loads(export_json(SAMPLE, HEAD)) | changes
    return json.dumps(document).encode("utf-8")


# --- round trips ----------------------------------------------------------------------------


@NO_DEADLINE
@given(profiles)
def test_a_json_export_reads_back_as_the_same_rows(data: ProfileData) -> None:
    assert parse_import(export_json(data, HEAD), SCHEMAS, TEXT_LIMITS) == data


@NO_DEADLINE
@given(profiles, st.sampled_from(["fr", "en"]))
def test_a_zip_export_reads_back_as_the_same_rows(data: ProfileData, lang: str) -> None:
    assert parse_import(export_zip(data, HEAD, lang), SCHEMAS, TEXT_LIMITS) == data


@NO_DEADLINE
@given(profiles)
def test_exporting_what_was_imported_gives_the_same_json_bytes(data: ProfileData) -> None:
    exported = export_json(data, HEAD)
    assert export_json(parse_import(exported, SCHEMAS, TEXT_LIMITS), HEAD) == exported


@NO_DEADLINE
@given(profiles)
def test_exporting_what_was_imported_gives_the_same_zip_bytes(data: ProfileData) -> None:
    exported = export_zip(data, HEAD, "fr")
    assert export_zip(parse_import(exported, SCHEMAS, TEXT_LIMITS), HEAD, "fr") == exported


def outcome(content: bytes) -> str:
    """Return "rows" when a file reads, else the message of its refusal."""
    try:
        parse_import(content, SCHEMAS, TEXT_LIMITS)
    except TransferError as error:
        return error.message("fr")
    return "rows"


def is_clear(message: str) -> bool:
    """Tell whether a message is a real text, not a missing catalog key."""
    return bool(message) and "data.error." not in message and "data.problem." not in message


@NO_DEADLINE
@given(st.binary(max_size=2000))
def test_any_bytes_give_rows_or_a_clear_refusal(content: bytes) -> None:
    assert is_clear(outcome(content))


@NO_DEADLINE
@given(st.integers(0, 10_000), st.integers(0, 255))
def test_a_damaged_zip_gives_rows_or_a_clear_refusal(position: int, byte: int) -> None:
    content = bytearray(export_zip(SAMPLE, HEAD, "fr"))
    content[position % len(content)] = byte
    assert is_clear(outcome(bytes(content)))


@NO_DEADLINE
@given(st.integers(0, 10_000), st.sampled_from(["", "x", "9", '"', ";", "\n", "é"]))
def test_a_damaged_json_file_gives_rows_or_a_clear_refusal(position: int, text: str) -> None:
    content = export_json(SAMPLE, HEAD).decode("utf-8")
    cut = position % len(content)
    assert is_clear(outcome((content[:cut] + text + content[cut + 1 :]).encode("utf-8")))


# --- what the files hold --------------------------------------------------------------------


def test_the_json_export_carries_its_format_versions_and_row_counts() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    assert document["format"] == FORMAT
    assert document["format_version"] == FORMAT_VERSION
    assert document["schema"] == HEAD
    assert document["counts"] == {
        "readings": 2,
        "answers": 1,
        "routine_ticks": 1,
        "day_marks": 1,
        "kpi_months": 1,
        "settings": 2,
    }


def test_the_json_export_writes_codes_iso_dates_and_plain_decimals() -> None:
    tables = json.loads(export_json(SAMPLE, HEAD))["tables"]
    first = tables["readings"][0]
    assert (first["taken_on"], first["brand"], first["people"], first["insights"]) == (
        "2025-01-01",
        12.275,
        6,
        3.1,
    )
    assert tables["answers"][0]["goal"] == "notoriety"
    assert tables["answers"][0]["answered_at"] == "2025-01-02T09:30:00.123456"


def test_the_json_export_holds_the_pasted_source_of_a_reading() -> None:
    second = json.loads(export_json(SAMPLE, HEAD))["tables"]["readings"][1]
    assert second["source_text"] == "Votre Social Selling Index\nTop 10 %"
    assert second["industry_name"] == "Conseil en management"


def test_the_zip_holds_a_manifest_and_one_csv_per_table() -> None:
    assert sorted(unzip(export_zip(SAMPLE, HEAD, "fr"))) == [
        "answers.csv",
        "day_marks.csv",
        "kpi_months.csv",
        "manifest.csv",
        "readings.csv",
        "routine_ticks.csv",
        "settings.csv",
    ]


def test_french_csv_files_use_semicolons_comma_decimals_and_a_bom() -> None:
    text = unzip(export_zip(SAMPLE, HEAD, "fr"))["readings.csv"].decode("utf-8")
    assert text.startswith("\ufefftaken_on;brand;people;")
    assert "2025-01-01;12,275;6;3,1;1,948;65;72;31;30;;;" in text


def test_english_csv_files_use_commas_and_decimal_points() -> None:
    text = unzip(export_zip(SAMPLE, HEAD, "en"))["readings.csv"].decode("utf-8")
    assert "2025-01-01,12.275,6,3.1,1.948,65,72,31,30,,," in text


def test_exporting_twice_gives_the_same_bytes() -> None:
    assert export_zip(SAMPLE, HEAD, "fr") == export_zip(SAMPLE, HEAD, "fr")
    assert export_json(SAMPLE, HEAD) == export_json(SAMPLE, HEAD)


def test_a_csv_saved_again_by_a_spreadsheet_with_true_in_capitals_still_reads() -> None:
    content = edited_zip("answers.csv", lambda text: text.replace(";false;", ";FAUX;"))
    assert (
        parse_import(content, SCHEMAS, TEXT_LIMITS).answers[0].answers.already_converting is False
    )


# --- refused files --------------------------------------------------------------------------


def test_an_empty_file_is_refused() -> None:
    assert refusal(b"") == "Le fichier est vide."


def test_a_file_above_the_upload_limit_is_refused() -> None:
    assert "5 Mo" in refusal(b"{" + b" " * MAX_IMPORT_BYTES)


def test_random_bytes_are_refused_as_not_an_export() -> None:
    message = refusal(bytes(range(256)) * 4)
    assert message == "Ce fichier n’est ni un export JSON ni un export zip de SSI Coach."


def test_a_truncated_zip_is_refused_as_damaged() -> None:
    content = export_zip(SAMPLE, HEAD, "fr")
    assert "endommagé ou incomplet" in refusal(content[: len(content) // 2])


def test_a_zip_of_other_files_is_refused_as_another_kind() -> None:
    assert "manifest.csv" in refusal(rezip({"notes.txt": b"hello"}))


def test_a_truncated_json_file_is_refused_with_its_line() -> None:
    content = export_json(SAMPLE, HEAD)
    message = refusal(content[:200])
    assert "endommagé ou incomplet" in message
    assert "ligne" in message


def test_a_json_file_of_another_kind_is_refused() -> None:
    assert "n’est pas un export de SSI Coach" in refusal(b'{"name": "my notes", "rows": []}')


def test_a_file_of_a_newer_format_version_is_refused() -> None:
    message = refusal(json_document(format_version=FORMAT_VERSION + 1), "en")
    assert message.startswith("This file comes from a newer version of SSI Coach (format 2;")


def test_a_file_of_a_newer_schema_is_refused() -> None:
    message = refusal(json_document(schema="0099"))
    assert "schéma 0099" in message
    assert "Mettez l’application à jour" in message


def test_a_zip_of_a_newer_schema_is_refused() -> None:
    content = edited_zip("manifest.csv", lambda text: text.replace(f"schema;{HEAD}", "schema;0099"))
    assert "schéma 0099" in refusal(content)


def test_a_csv_with_a_bad_value_names_its_file_line_and_column() -> None:
    content = edited_zip("readings.csv", lambda text: text.replace(";11,25;", ";26;"))
    assert refusal(content) == (
        "readings.csv, ligne 3, colonne « people » : la valeur doit être comprise entre 0 et 25."
    )


def test_a_csv_with_an_unreadable_date_names_its_line() -> None:
    content = edited_zip("day_marks.csv", lambda text: text.replace("2025-01-04", "04/01/2025"))
    assert refusal(content, "en") == (
        "day_marks.csv, line 2, column “day”: "
        "a date is expected as YYYY-MM-DD, for example 2026-01-31."
    )


def test_a_json_record_with_a_bad_value_names_its_table_and_record() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][1]["brand"] = 12.2755
    message = refusal(json.dumps(document).encode())
    assert message == (
        "table « readings », enregistrement 2, champ « brand » : "
        "3 décimales au maximum, comme sur LinkedIn."
    )


def test_a_reading_in_the_future_is_refused_by_the_domain() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][0]["taken_on"] = "2999-01-01"
    assert "ne peut pas être dans le futur" in refusal(json.dumps(document).encode())


def test_an_unknown_language_setting_is_refused() -> None:
    content = edited_zip("settings.csv", lambda text: text.replace("lang;fr", "lang;de"))
    assert refusal(content) == (
        "settings.csv, ligne 2, colonne « value » : "
        "valeur inconnue « de » ; valeurs possibles : fr, en."
    )


def test_two_readings_of_the_same_date_are_refused() -> None:
    content = edited_zip("readings.csv", lambda text: text.replace("2025-02-01", "2025-01-01"))
    with pytest.raises(RowError) as caught:
        parse_import(content, SCHEMAS, TEXT_LIMITS)
    assert (caught.value.place.number, caught.value.column) == (3, "taken_on")


def test_a_file_whose_rows_do_not_match_its_counts_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    del document["tables"]["readings"][1]
    message = refusal(json.dumps(document).encode())
    assert message.startswith("Le fichier annonce 2 ligne(s) pour « readings » mais en contient 1")


def test_a_csv_without_one_of_its_columns_is_refused() -> None:
    content = edited_zip("kpi_months.csv", lambda text: text.replace(";followers", ""))
    assert refusal(content) == "kpi_months.csv : la colonne « followers » manque."


def test_a_zip_missing_one_table_is_refused() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    del files["answers.csv"]
    assert refusal(rezip(files)) == "Le fichier answers.csv manque dans le zip."


def test_a_csv_with_a_missing_cell_names_its_line() -> None:
    content = edited_zip("day_marks.csv", lambda text: text.replace("2025-01-04;skip", "skip"))
    assert refusal(content) == "day_marks.csv, ligne 2 : 1 cellule(s) au lieu de 2."


def test_a_csv_that_is_not_utf8_is_refused_with_its_name() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files["answers.csv"] = files["answers.csv"].decode("utf-8").encode("utf-16")
    assert refusal(rezip(files)).startswith("answers.csv n’est pas encodé en UTF-8.")


def test_a_kpi_too_large_for_the_database_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["kpi_months"][0]["impressions"] = 10**12
    assert refusal(json.dumps(document).encode()) == (
        "table « kpi_months », enregistrement 1, champ « impressions » : "
        "nombre trop grand : 2147483647 au maximum."
    )


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"])
def test_a_text_no_database_can_store_is_refused(escape: str) -> None:
    content = export_json(SAMPLE, HEAD).decode().replace("Conseil en management", escape)
    assert "caractère invalide" in refusal(content.encode())


def test_a_text_longer_than_its_column_is_refused_with_the_limit_given() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][1]["industry_name"] = "x" * 121
    assert refusal(json.dumps(document).encode(), "en") == (
        "table “readings”, record 2, field “industry_name”: 120 characters at most."
    )


def test_a_tick_of_a_fraction_of_a_minute_names_the_minutes_column() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["routine_ticks"][0]["minutes"] = 2.5
    assert refusal(json.dumps(document).encode()) == (
        "table « routine_ticks », enregistrement 1, champ « minutes » : saisissez un nombre entier."
    )


def test_a_setting_without_a_key_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["settings"][0]["key"] = ""
    assert refusal(json.dumps(document).encode()) == (
        "table « settings », enregistrement 1, champ « key » : valeur manquante."
    )


# --- the table descriptions -----------------------------------------------------------------


def test_every_table_has_a_field_in_profile_data_in_the_export_order() -> None:
    assert tuple(field.name for field in fields(ProfileData)) == TABLE_NAMES == tuple(TABLES)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_identity_column_is_a_column_of_its_table(table: str) -> None:
    spec = TABLES[table]
    assert set(spec.identity_columns) <= set(spec.column_names)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_a_record_built_from_its_own_values_is_the_same_record(table: str) -> None:
    spec = TABLES[table]
    for record in SAMPLE.rows(table):
        values = dict(zip(spec.column_names, spec.values(record), strict=True))
        assert spec.build(Values(values)) == record
