"""Export files and their import: round trips, spreadsheet style, and every bad file refused."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ssi_coach.i18n import Lang, catalog
from ssi_coach.model import PROFILE_LANGUAGES, Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.records import (
    DRAFT_CODES,
    IDENTITY,
    TABLE_NAMES,
    TABLES,
    AnswersRecord,
    DayMark,
    DraftEdit,
    KpiEntry,
    ProfileData,
    ProfileText,
    ReadingRecord,
    Setting,
    TickRecord,
    Values,
)
from ssi_coach.review import LIMITS, PROFILE_KINDS, TextKind
from ssi_coach.settings import CHOICES as KNOWN_SETTINGS
from ssi_coach.transfer import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    MAX_IMPORT_BYTES,
    MAX_ROWS,
    MAX_UNPACKED_BYTES,
    TASK_LEVERS,
    RowError,
    TransferError,
    column_label,
    export_json,
    export_zip,
    file_name,
    header_table,
    parse_import,
    read_import,
    table_label,
)
from tests.unit.strategies import all_task_keys, readings

SCHEMAS = ("0001", "0002", "0003", "0004", "0005")
HEAD = SCHEMAS[-1]
# The store reads these from its String(n) columns; tests/integration checks that they agree.
TEXT_LIMITS = {
    "readings": {"industry_name": 120, "parser_version": 10},
    "answers": {
        "target": 80,
        "outcome": 80,
        "means": 80,
        "sector": 80,
        "titles": 160,
        "company_kind": 80,
    },
    "routine_ticks": {"task_key": 60},
    "day_marks": {},
    "kpi_months": {},
    "settings": {"key": 40, "value": 200},
    "drafts": {},
    "profile_texts": {},
}
LANGS = [lang.value for lang in Lang]
# Zips that the version before French titles exported, from SAMPLE, in each language.
OLD_EXPORTS = Path(__file__).resolve().parent / "fixtures" / "exports"
# Timing varies on a shared machine; correctness, not speed, is under test here.
NO_DEADLINE = settings(deadline=None)

# What a spreadsheet would run as a formula, and the ' that neutralises it, at a text's start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'", "'=", "''+", "'x", "=-")
# A one-line text holds no control character; a pasted page or a post, tabs and line breaks too.
one_line = st.characters(exclude_categories=("Cc", "Cs"))
free_text = st.text(one_line | st.sampled_from("\t\n\r"))


def messy(
    text: st.SearchStrategy[str], starts: tuple[str, ...] = FORMULA_STARTS
) -> st.SearchStrategy[str]:
    """Draw texts, often beginning as a formula would, or with the ' that hides one."""
    return text | st.builds(str.__add__, st.sampled_from(starts), text)


ONE_LINE_STARTS = tuple(start for start in FORMULA_STARTS if start not in ("\t", "\r"))
short_text = messy(st.text(one_line, max_size=70), ONE_LINE_STARTS)
# Moments are stored in UTC; none may come after now.
NOW = datetime.now(UTC).replace(tzinfo=None)
moments = st.datetimes(datetime(2014, 1, 1), NOW)
days = st.dates(date(2014, 1, 1), date.today())
counts = st.none() | st.integers(0, 10**9)


def optional_text(
    limit: int | None = None, multiline: bool = False
) -> st.SearchStrategy[str | None]:
    """Draw None or a non-empty text: an empty cell reads back as None."""
    text = messy(free_text) if multiline else messy(st.text(one_line), ONE_LINE_STARTS)
    return st.none() | text.filter(lambda s: s != "" and (limit is None or len(s) <= limit))


reading_records = st.builds(
    ReadingRecord,
    reading=readings,
    source_text=optional_text(multiline=True),
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
        titles=messy(st.text(one_line, max_size=150), ONE_LINE_STARTS),
        company_kind=short_text,
        profile_lang=st.sampled_from(PROFILE_LANGUAGES),
    ),
)


@st.composite
def tick_records(draw: st.DrawFn) -> TickRecord:
    """Draw a tick as Today saves it: a known task, with its own lever."""
    key = draw(st.sampled_from(all_task_keys()))
    minutes = draw(st.integers(1, 60))
    return TickRecord(draw(days), key, TASK_LEVERS[key].value, minutes, draw(moments))


# A skip is for a day already lived; a holiday may be planned up to a year ahead.
marks = st.builds(DayMark, day=days, kind=st.just("skip")) | st.builds(
    DayMark,
    day=st.dates(date(2014, 1, 1), date.today() + timedelta(days=365)),
    kind=st.just("holiday"),
)


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


draft_edits = st.builds(
    DraftEdit,
    code=st.sampled_from(DRAFT_CODES),
    text=messy(free_text).filter(lambda s: s.strip() and len(s) <= 300),
)


@st.composite
def profile_texts(draw: st.DrawFn) -> ProfileText:
    """Draw a saved headline, one line, or About, with paragraphs, within LinkedIn's limit."""
    kind = draw(st.sampled_from(PROFILE_KINDS))
    one_line_text = messy(st.text(one_line, max_size=LIMITS[kind]), ONE_LINE_STARTS)
    text = messy(free_text) if kind is TextKind.ABOUT else one_line_text
    typed = draw(text.filter(lambda s: s.strip() and len(s) <= LIMITS[kind]))
    return ProfileText(kind, draw(moments), typed)


settings_rows = st.sampled_from(
    [Setting(key, value) for key, values in KNOWN_SETTINGS.items() for value in values]
)


def unique(table: str, rows: st.SearchStrategy) -> st.SearchStrategy[list]:
    """Draw a few rows with distinct identities."""
    return st.lists(rows, max_size=4, unique_by=IDENTITY[table])


profiles = st.builds(
    ProfileData,
    readings=unique("readings", reading_records),
    answers=unique("answers", answers_records),
    routine_ticks=unique("routine_ticks", tick_records()),
    day_marks=unique("day_marks", marks),
    kpi_months=unique("kpi_months", kpi_entries()),
    settings=unique("settings", settings_rows),
    drafts=unique("drafts", draft_edits),
    profile_texts=unique("profile_texts", profile_texts()),
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


def edited_zip(table: str, edit: Callable[[str], str], lang: str = "fr") -> bytes:
    """Return the zip export of SAMPLE with one table's file edited."""
    files = unzip(export_zip(SAMPLE, HEAD, lang))
    name = file_name(table, lang)
    files[name] = edit(files[name].decode("utf-8")).encode("utf-8")
    return rezip(files)


def table_csv(data: ProfileData, table: str, lang: str = "fr") -> bytes:
    """Return one table's CSV file, as the zip export writes it."""
    return unzip(export_zip(data, HEAD, lang))[file_name(table, lang)]


def edited_csv(table: str, edit: Callable[[str], str], lang: str = "fr") -> bytes:
    """Return one table's CSV file of SAMPLE, edited as in a spreadsheet."""
    return edit(table_csv(SAMPLE, table, lang).decode("utf-8")).encode("utf-8")


def refusal(content: bytes, lang: str = "fr", name: str = "") -> str:
    """Return the message of the error that refuses a file."""
    with pytest.raises(TransferError) as caught:
        parse_import(content, SCHEMAS, TEXT_LIMITS, name)
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
@given(profiles, st.sampled_from(LANGS))
def test_exporting_what_was_imported_gives_the_same_zip_bytes(data: ProfileData, lang: str) -> None:
    exported = export_zip(data, HEAD, lang)
    assert export_zip(parse_import(exported, SCHEMAS, TEXT_LIMITS), HEAD, lang) == exported


@pytest.mark.parametrize("lang", LANGS)
def test_a_zip_exported_by_the_previous_version_with_code_titles_still_imports(lang: str) -> None:
    old = (OLD_EXPORTS / f"export-v1-{lang}.zip").read_bytes()
    assert "readings.csv" in unzip(old)
    assert parse_import(old, SCHEMAS, TEXT_LIMITS) == SAMPLE


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
# A lone start of a UTF-8 BOM once passed the encoding check and failed while the rows were read.
@example(content=b"\xef")
@example(content=b"\xef\xbb")
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
        "drafts": 0,
        "profile_texts": 0,
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


@pytest.mark.parametrize("lang", LANGS)
def test_the_zip_holds_a_manifest_and_one_csv_per_table_named_in_the_language(lang: str) -> None:
    names = set(unzip(export_zip(SAMPLE, HEAD, lang)))
    assert names == {MANIFEST, *(file_name(table, lang) for table in TABLE_NAMES)}


def test_the_french_zip_names_its_files_in_french() -> None:
    names = unzip(export_zip(SAMPLE, HEAD, "fr"))
    assert "releves.csv" in names
    assert "resultats-mensuels.csv" in names


def test_french_csv_files_use_french_titles_semicolons_comma_decimals_and_a_bom() -> None:
    text = table_csv(SAMPLE, "readings", "fr").decode("utf-8")
    assert text.startswith(
        "\ufeffDate du relevé;Établir votre marque professionnelle;Trouver les bonnes personnes;"
    )
    assert "2025-01-01;12,275;6;3,1;1,948;65;72;31;30;;;" in text


def test_english_csv_files_use_english_titles_commas_and_decimal_points() -> None:
    text = table_csv(SAMPLE, "readings", "en").decode("utf-8")
    assert text.startswith("\ufeffCheck-in date,Establish your professional brand,")
    assert "2025-01-01,12.275,6,3.1,1.948,65,72,31,30,,," in text


@pytest.mark.parametrize(("lang", "answer"), [("fr", ";non;"), ("en", ",no,")])
def test_a_yes_or_no_answer_is_written_in_the_language(lang: str, answer: str) -> None:
    assert answer in table_csv(SAMPLE, "answers", lang).decode("utf-8")


def test_exporting_twice_gives_the_same_bytes() -> None:
    assert export_zip(SAMPLE, HEAD, "fr") == export_zip(SAMPLE, HEAD, "fr")
    assert export_json(SAMPLE, HEAD) == export_json(SAMPLE, HEAD)


def test_a_csv_saved_again_by_a_spreadsheet_with_true_in_capitals_still_reads() -> None:
    content = edited_zip("answers", lambda text: text.replace(";non;", ";FAUX;"))
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
    assert message == (
        "Ce fichier n’est ni un export de SSI Coach (JSON ou zip), ni un fichier CSV de l’export."
    )


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
    assert "révision 0099" in message
    assert "Mettez l’application à jour" in message


def test_a_zip_of_a_newer_schema_is_refused() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files[MANIFEST] = files[MANIFEST].replace(f"schema;{HEAD}".encode(), b"schema;0099")
    assert "révision 0099" in refusal(rezip(files))


def test_a_csv_with_a_bad_value_names_its_file_line_date_and_pillar() -> None:
    content = edited_zip("readings", lambda text: text.replace(";11,25;", ";26;"))
    assert refusal(content) == (
        "releves.csv, ligne 3 (relevé du 01/02/2025), colonne « Trouver les bonnes personnes » : "
        "la valeur doit être comprise entre 0 et 25."
    )


def test_a_bad_month_of_results_is_named_by_its_month() -> None:
    content = edited_csv("kpi_months", lambda text: text.replace(";1000;", ";-5;"))
    assert refusal(content, name="resultats-mensuels.csv") == (
        "resultats-mensuels.csv, ligne 2 (janvier 2025), colonne « Impressions » : "
        "la valeur doit être supérieure ou égale à 0."
    )


def test_a_csv_with_an_unreadable_date_names_its_line() -> None:
    content = edited_zip("day_marks", lambda text: text.replace("2025-01-04", "1/4/2025"), "en")
    assert refusal(content, "en") == (
        "skip-and-holiday-days.csv, line 2, column “Day”: "
        "a date is expected as YYYY-MM-DD, for example 2026-01-31."
    )


def test_a_json_record_with_a_bad_value_names_its_data_record_date_and_pillar() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][1]["brand"] = 12.2755
    message = refusal(json.dumps(document).encode())
    assert message == (
        "Relevés SSI, enregistrement n° 2 (relevé du 01/02/2025), "
        "champ « Établir votre marque professionnelle » : "
        "3 décimales au maximum, comme sur LinkedIn."
    )


def test_a_reading_in_the_future_is_refused_by_the_domain() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][0]["taken_on"] = "2999-01-01"
    assert "ne peut pas être dans le futur" in refusal(json.dumps(document).encode())


def test_an_unknown_language_setting_is_refused() -> None:
    content = edited_zip("settings", lambda text: text.replace("lang;fr", "lang;de"))
    assert refusal(content) == (
        "reglages.csv, ligne 2, colonne « Valeur » : "
        "valeur inconnue « de » ; valeurs possibles : fr, en."
    )


def test_an_unknown_goal_is_refused_showing_the_value_in_the_file() -> None:
    content = edited_csv("answers", lambda text: text.replace(";notoriety;", ";visibilité;"))
    assert refusal(content, name="questionnaires.csv") == (
        "questionnaires.csv, ligne 2 (questionnaire du 02/01/2025 à 09:30), "
        "colonne « Objectif » : valeur inconnue « visibilité »."
    )


def test_two_readings_of_the_same_date_are_refused() -> None:
    content = edited_zip("readings", lambda text: text.replace("2025-02-01", "2025-01-01"))
    with pytest.raises(RowError) as caught:
        parse_import(content, SCHEMAS, TEXT_LIMITS)
    assert (caught.value.place.number, caught.value.column) == (3, "taken_on")


def test_a_file_whose_rows_do_not_match_its_counts_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    del document["tables"]["readings"][1]
    message = refusal(json.dumps(document).encode())
    assert message.startswith("« Relevés SSI » : le fichier en annonce 2 mais en contient 1")


def test_a_csv_without_one_of_its_columns_is_refused_naming_its_title() -> None:
    content = edited_zip("kpi_months", lambda text: text.replace(";Abonnés", ""))
    assert refusal(content) == "resultats-mensuels.csv : la colonne « Abonnés » manque."


def test_a_zip_missing_one_table_is_refused_naming_the_data_and_the_file() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    del files["questionnaires.csv"]
    assert refusal(rezip(files)) == (
        "Le zip ne contient pas le fichier des « Questionnaires d’objectif » (questionnaires.csv)."
    )


def test_a_csv_with_a_missing_cell_names_its_line() -> None:
    content = edited_zip("day_marks", lambda text: text.replace("2025-01-04;skip", "skip"))
    assert refusal(content) == (
        "pauses-et-conges.csv, ligne 2 : le nombre de cellules (1) "
        "ne correspond pas au nombre de colonnes (2)."
    )


def test_a_csv_no_encoding_reads_is_refused_with_its_name() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    # 0x81 is a byte neither UTF-8 nor Windows-1252 gives a meaning to.
    files["questionnaires.csv"] = b"\x81\x81;\x81\n"
    assert refusal(rezip(files)).startswith(
        "questionnaires.csv n’est pas un fichier texte lisible."
    )


def test_a_kpi_too_large_for_the_database_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["kpi_months"][0]["impressions"] = 10**12
    assert refusal(json.dumps(document).encode()) == (
        "Mois de résultats, enregistrement n° 1 (janvier 2025), champ « Impressions » : "
        "nombre trop grand pour être enregistré."
    )


@pytest.mark.parametrize("escape", ["\\u0000", "\\ud800"])
def test_a_text_no_database_can_store_is_refused(escape: str) -> None:
    content = export_json(SAMPLE, HEAD).decode().replace("Conseil en management", escape)
    assert "caractère invalide" in refusal(content.encode())


def test_a_text_longer_than_its_column_is_refused_with_the_limit_given() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["readings"][1]["industry_name"] = "x" * 121
    assert refusal(json.dumps(document).encode(), "en") == (
        "SSI check-ins, record 2 (check-in of 2025-02-01), field “Industry shown by LinkedIn”: "
        "120 characters at most."
    )


def test_a_tick_of_a_fraction_of_a_minute_names_the_minutes_column() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["routine_ticks"][0]["minutes"] = 2.5
    assert refusal(json.dumps(document).encode()) == (
        "Tâches cochées, enregistrement n° 1 (tâche du 03/01/2025), champ « Minutes » : "
        "saisissez un nombre entier."
    )


def test_a_setting_without_a_key_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["settings"][0]["key"] = ""
    assert refusal(json.dumps(document).encode()) == (
        "Réglages, enregistrement n° 1, champ « Réglage » : valeur manquante."
    )


# --- one table's CSV file, edited in a spreadsheet -------------------------------------------


@NO_DEADLINE
@given(profiles, st.sampled_from(TABLE_NAMES), st.sampled_from(LANGS))
def test_one_tables_csv_file_imports_alone_as_that_tables_rows(
    data: ProfileData, table: str, lang: str
) -> None:
    incoming = read_import(table_csv(data, table, lang), SCHEMAS, TEXT_LIMITS, "edited.csv")
    assert (incoming.kind, incoming.tables) == ("csv", (table,))
    assert incoming.data == ProfileData.of({table: data.rows(table)})


def resaved(content: bytes, lang: str, separator: str, bom: bool, line_end: str) -> bytes:
    """Return a CSV file as a spreadsheet may save it again: its own separator and line ends."""
    text = content.decode("utf-8-sig")
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=";" if lang == "fr" else ",")
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator=line_end).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


@NO_DEADLINE
@given(
    st.sampled_from(TABLE_NAMES),
    st.sampled_from(LANGS),
    st.sampled_from([";", ",", "\t"]),
    st.booleans(),
    st.sampled_from(["\r\n", "\n"]),
)
def test_a_csv_saved_again_by_a_spreadsheet_reads_the_same(
    table: str, lang: str, separator: str, bom: bool, line_end: str
) -> None:
    content = resaved(table_csv(SAMPLE, table, lang), lang, separator, bom, line_end)
    assert parse_import(content, SCHEMAS, TEXT_LIMITS) == ProfileData.of(
        {table: SAMPLE.rows(table)}
    )


def test_a_csv_saved_by_excel_in_the_windows_code_page_reads_its_accents() -> None:
    content = table_csv(SAMPLE, "answers").decode("utf-8-sig").encode("cp1252")
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).answers == SAMPLE.answers


def test_a_csv_saved_as_utf16_by_a_spreadsheet_reads() -> None:
    content = table_csv(SAMPLE, "readings").decode("utf-8-sig").encode("utf-16")
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).readings == SAMPLE.readings


def test_a_french_csv_whose_dates_the_spreadsheet_wrote_day_first_reads_the_same() -> None:
    def day_first(text: str) -> str:
        text = re.sub(r"(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):\d{2}", r"\3/\2/\1 \4", text)
        return re.sub(r"(\d{4})-(\d{2})-(\d{2})", r"\3/\2/\1", text)

    content = edited_csv("routine_ticks", day_first)
    assert "03/01/2025;" in content.decode("utf-8")
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).routine_ticks == SAMPLE.routine_ticks


def test_an_english_csv_refuses_a_date_that_could_be_month_first() -> None:
    content = edited_csv("day_marks", lambda text: text.replace("2025-01-04", "01/04/2025"), "en")
    assert "YYYY-MM-DD" in refusal(content, "en")


def test_a_csv_with_the_rest_of_the_sheet_saved_as_empty_columns_reads() -> None:
    def widen(text: str) -> str:
        return "\r\n".join(line + ";;" if line else line for line in text.split("\r\n"))

    content = edited_csv("kpi_months", widen)
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).kpi_months == SAMPLE.kpi_months


def test_a_csv_whose_first_line_names_its_separator_reads() -> None:
    content = edited_csv("day_marks", lambda text: "sep=;\r\n" + text.lstrip("\ufeff"))
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).day_marks == SAMPLE.day_marks


def test_a_csv_whose_titles_match_no_table_is_refused_naming_the_file() -> None:
    content = b"Nom;Ville\r\nDupont;Lyon\r\n"
    assert refusal(content, name="contacts.csv") == (
        "contacts.csv : ses titres de colonnes (la première ligne) ne correspondent à aucun "
        "tableau de SSI Coach. Partez d’un fichier CSV de l’export zip et gardez sa première "
        "ligne telle quelle."
    )


def test_a_csv_missing_one_title_of_its_table_is_refused_naming_that_title() -> None:
    content = edited_csv("readings", lambda text: text.replace(";Page SSI collée", ";Notes"))
    assert refusal(content, name="releves.csv") == (
        "releves.csv : la colonne « Page SSI collée » manque."
    )


def test_a_csv_repeating_a_column_in_two_languages_is_refused() -> None:
    content = edited_csv("day_marks", lambda text: text.replace("Jour;", "Jour;Day;", 1))
    assert refusal(content, "en", "marks.csv") == "marks.csv: the column “Day” appears twice."


def test_a_csv_file_without_a_name_is_called_the_csv_file() -> None:
    content = edited_csv("readings", lambda text: text.replace(";11,25;", ";26;"))
    assert refusal(content).startswith("Le fichier CSV, ligne 3 (relevé du 01/02/2025)")


def test_the_manifest_alone_is_refused_rather_than_read_as_settings() -> None:
    manifest = unzip(export_zip(SAMPLE, HEAD, "en"))[MANIFEST]
    assert refusal(manifest, "en", MANIFEST) == (
        "manifest.csv describes the export but holds no data: choose the whole zip, "
        "or one of its other CSV files."
    )


def test_a_zip_zipped_again_with_its_folder_and_a_macos_trace_still_imports() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    again = {f"export/{name}": content for name, content in files.items()}
    again["__MACOSX/export/._releves.csv"] = b"\x00\x05\x16\x07"
    assert parse_import(rezip(again), SCHEMAS, TEXT_LIMITS) == SAMPLE


def test_a_zip_holding_one_table_twice_is_refused_naming_both_files() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files["readings.csv"] = files["releves.csv"]
    assert refusal(rezip(files)) == (
        "Le zip contient deux fichiers des « Relevés SSI » : releves.csv et readings.csv. "
        "Gardez-en un seul."
    )


# --- the user's terms -----------------------------------------------------------------------


TITLE_FORMS = st.sampled_from(["code", *LANGS])


@st.composite
def headers(draw: st.DrawFn) -> tuple[str, list[str]]:
    """Draw a table and its titles, each in any language or as its code, reordered and recased."""
    table = draw(st.sampled_from(TABLE_NAMES))
    titles = []
    for column in TABLES[table].column_names:
        form = draw(TITLE_FORMS)
        title = column if form == "code" else column_label(table, column, form)
        case = draw(st.sampled_from([str, str.upper, str.lower]))
        titles.append(f"{draw(st.sampled_from(['', ' ']))}{case(title)}")
    return table, draw(st.permutations(titles))


@NO_DEADLINE
@given(headers())
def test_titles_in_either_language_or_as_codes_in_any_order_name_their_table(
    drawn: tuple[str, list[str]],
) -> None:
    table, titles = drawn
    assert header_table(titles) == table


@NO_DEADLINE
@given(st.sampled_from(TABLE_NAMES), st.sampled_from(LANGS), st.sampled_from(LANGS))
def test_a_csv_in_one_language_reads_the_same_as_in_the_other(
    table: str, first: str, second: str
) -> None:
    read = [
        parse_import(table_csv(SAMPLE, table, lang), SCHEMAS, TEXT_LIMITS)
        for lang in (first, second)
    ]
    assert read[0] == read[1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("table", TABLE_NAMES)
def test_every_table_and_column_has_its_own_words_in_each_language(table: str, lang: str) -> None:
    words = catalog(lang)
    assert f"transfer.table.{table}" in words
    assert f"transfer.file.{table}" in words
    for column in TABLES[table].column_names:
        assert f"transfer.header.{table}.{column}" in words


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_no_two_columns_of_a_table_share_a_title(table: str) -> None:
    owners: dict[str, set[str]] = {}
    for column in TABLES[table].column_names:
        for title in (column, *(column_label(table, column, lang) for lang in LANGS)):
            folded = " ".join(title.casefold().replace("_", " ").split())
            owners.setdefault(folded, set()).add(column)
    assert all(len(columns) == 1 for columns in owners.values())


@pytest.mark.parametrize("lang", LANGS)
def test_no_title_holds_a_character_a_spreadsheet_would_split_or_quote(lang: str) -> None:
    for table, spec in TABLES.items():
        for column in spec.column_names:
            assert not set(column_label(table, column, lang)) & set(';,\t"\n')


def test_no_two_tables_share_a_file_name() -> None:
    names = [
        (table, name.casefold())
        for table in TABLE_NAMES
        for name in (f"{table}.csv", *(file_name(table, lang) for lang in LANGS))
    ]
    owners: dict[str, set[str]] = {}
    for table, name in names:
        owners.setdefault(name, set()).add(table)
    assert all(len(tables) == 1 for tables in owners.values())


def test_the_data_is_named_in_the_users_words() -> None:
    assert table_label("kpi_months", "fr") == "Mois de résultats"
    assert column_label("readings", "people", "fr") == "Trouver les bonnes personnes"


# Every refusal a file can earn, one file per message, so that each message is read below.
def _json_with(table: str, index: int, column: str, value: object) -> bytes:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"][table][index][column] = value
    return json.dumps(document).encode()


def _json_without(key: str) -> bytes:
    document = json.loads(export_json(SAMPLE, HEAD))
    del document[key]
    return json.dumps(document).encode()


def _json_tables(edit: Callable[[dict], None]) -> bytes:
    document = json.loads(export_json(SAMPLE, HEAD))
    edit(document["tables"])
    return json.dumps(document).encode()


def _zip_with(name: str, content: bytes) -> bytes:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files[name] = content
    return rezip(files)


def _big_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, b"\0" * (MAX_UNPACKED_BYTES + 1))
    return buffer.getvalue()


def _pop(key: str, index: int = 0) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        del tables["readings"][index][key]

    return edit


def _add_field(tables: dict) -> None:
    tables["readings"][0]["mood"] = "happy"


def _add_table(tables: dict) -> None:
    tables["contacts"] = []


def _drop_table(tables: dict) -> None:
    del tables["answers"]


def _not_a_record(tables: dict) -> None:
    tables["readings"][0] = "2025-01-01"


def _json_text(edit: Callable[[str], str]) -> bytes:
    """Return the JSON export of SAMPLE edited as text: what a dict cannot hold."""
    return edit(export_json(SAMPLE, HEAD).decode("utf-8")).encode("utf-8")


def _announcing(table: str, count: int) -> bytes:
    """Return the JSON export of SAMPLE announcing `count` rows of one table."""
    document = json.loads(export_json(SAMPLE, HEAD))
    document["counts"][table] = count
    return json.dumps(document).encode()


def _holiday_in(days: int) -> Callable[[dict], None]:
    def edit(tables: dict) -> None:
        tables["day_marks"][0] = {
            "day": (date.today() + timedelta(days)).isoformat(),
            "kind": "holiday",
        }

    return edit


# Deeper than Python's own reader goes: it gives up with a RecursionError.
DEEP = "[" * 100_000 + "]" * 100_000
PEOPLE = '"people": 11.25'


BAD_FILES: dict[str, Callable[[], tuple[bytes, str]]] = {
    "empty": lambda: (b"", ""),
    "too_large": lambda: (b"{" + b" " * MAX_IMPORT_BYTES, ""),
    "too_large_unpacked": lambda: (_big_zip(), ""),
    "not_an_export": lambda: (b"\x00\x01binary", ""),
    "other_kind": lambda: (b'{"rows": []}', ""),
    "other_kind_zip": lambda: (rezip({"notes.txt": b"hi"}), ""),
    "corrupt_zip": lambda: (export_zip(SAMPLE, HEAD, "fr")[:300], ""),
    "bad_json": lambda: (export_json(SAMPLE, HEAD)[:100], ""),
    "newer_format": lambda: (json_document(format_version=9), ""),
    "newer_schema": lambda: (json_document(schema="0099"), ""),
    "structure": lambda: (_json_without("counts"), ""),
    "unknown_table": lambda: (_json_tables(_add_table), ""),
    "missing_table": lambda: (_json_tables(_drop_table), ""),
    "count_mismatch": lambda: (_json_tables(lambda t: t["readings"].pop()), ""),
    "missing_file": lambda: (
        rezip(
            {k: v for k, v in unzip(export_zip(SAMPLE, HEAD, "fr")).items() if k != "reglages.csv"}
        ),
        "",
    ),
    "unexpected_file": lambda: (_zip_with("notes.csv", b"a;b"), ""),
    "repeated_file": lambda: (_zip_with("readings.csv", table_csv(SAMPLE, "readings")), ""),
    "not_utf8": lambda: (_zip_with("releves.csv", b"\x81\x8d"), ""),
    "empty_file": lambda: (_zip_with("releves.csv", b""), ""),
    "missing_column": lambda: (
        edited_csv("kpi_months", lambda s: s.replace(";Abonnés", "")),
        "resultats.csv",
    ),
    "unknown_column": lambda: (
        edited_csv("kpi_months", lambda s: s.replace("Mois;", "Mois;Humeur;")),
        "resultats.csv",
    ),
    "repeated_column": lambda: (
        edited_csv("day_marks", lambda s: s.replace("Jour;", "Jour;day;")),
        "pauses.csv",
    ),
    "untitled_column": lambda: (
        edited_csv("kpi_months", lambda s: s.replace("Mois;", "Mois;;")),
        "resultats.csv",
    ),
    "unknown_header": lambda: (b"Nom;Ville\r\nDupont;Lyon\r\n", "contacts.csv"),
    "manifest_alone": lambda: (unzip(export_zip(SAMPLE, HEAD, "fr"))[MANIFEST], MANIFEST),
    "cell_count": lambda: (edited_csv("day_marks", lambda s: s.replace(";skip", "")), "pauses.csv"),
    "bad_csv": lambda: (
        edited_csv("day_marks", lambda s: s.replace(";skip", ';"skip')),
        "pauses.csv",
    ),
    "not_a_record": lambda: (_json_tables(_not_a_record), ""),
    "row_csv": lambda: (
        edited_csv("readings", lambda s: s.replace(";11,25;", ";26;")),
        "releves.csv",
    ),
    "row_json": lambda: (_json_with("readings", 1, "people", 26), ""),
    "too_many_rows": lambda: (_announcing("answers", MAX_ROWS["answers"] + 1), ""),
    "cell_too_long": lambda: (
        edited_csv("readings", lambda s: s.replace("Top 10 %", "x" * 200_000)),
        "releves.csv",
    ),
    "repeated_table": lambda: (
        _json_text(lambda s: s.replace('"tables": {', '"tables": {"drafts": [], ', 1)),
        "",
    ),
}
# Every cell problem, with the table and column of a file that earns it.
BAD_CELLS: dict[str, tuple[str, str, object]] = {
    "missing": ("readings", "brand", None),
    "not_a_date": ("readings", "taken_on", "01/02/2025"),
    "not_a_datetime": ("answers", "answered_at", "02/01/2025"),
    "not_a_number": ("readings", "people", "beaucoup"),
    "not_a_bool": ("answers", "already_converting", "peut-être"),
    "not_text": ("readings", "industry_name", 12),
    "invalid_character": ("readings", "industry_name", "\x00"),
    "too_big": ("kpi_months", "impressions", 10**12),
    "too_long": ("readings", "industry_name", "x" * 121),
    "unknown_value": ("settings", "value", "de"),
    "unknown_code": ("answers", "goal", "fame"),
}
# The problems a JSON file alone can earn: a record without a field, or with one too many.
JSON_ONLY_PROBLEMS: dict[str, Callable[[dict], None]] = {
    "absent": _pop("brand"),
    "unknown_column": _add_field,
    "too_far": _holiday_in(800),
    "lever_mismatch": lambda tables: tables["routine_ticks"][0].update(lever="messages"),
}
# The problems of a JSON text that no dict can show: a field named twice, a nesting too deep.
JSON_TEXT_PROBLEMS: dict[str, Callable[[str], str]] = {
    "repeated_field": lambda s: s.replace(PEOPLE, f"{PEOPLE}, {PEOPLE}"),
    "nested": lambda s: s.replace(PEOPLE, f'"people": {DEEP}'),
}
# Problems a French CSV file earns: read by its own rules (dates may be day first).
CSV_PROBLEMS: dict[str, tuple[str, Callable[[str], str]]] = {
    "not_a_date_dmy": ("readings", lambda s: s.replace("2025-02-01", "2025-02-31")),
    "not_a_datetime_dmy": ("answers", lambda s: s.replace("2025-01-02T09:30:00.123456", "hier")),
    "duplicate": ("readings", lambda s: s.replace("2025-02-01", "2025-01-01")),
    "ambiguous_number": ("kpi_months", lambda s: s.replace(";1000;", ";1,000;")),
}


def _bad_cell(problem: str) -> bytes:
    table, column, value = BAD_CELLS[problem]
    return _json_with(table, 0, column, value)


def caught(content: bytes, name: str = "") -> TransferError:
    """Return the error that refuses a file."""
    with pytest.raises(TransferError) as error:
        parse_import(content, SCHEMAS, TEXT_LIMITS, name)
    return error.value


def every_refusal() -> list[tuple[str, TransferError]]:
    """Return one refusal of each kind, keyed by its message's catalog family and code."""
    found = [(f"error.{code}", caught(*make())) for code, make in BAD_FILES.items()]
    found += [(f"problem.{code}", caught(_bad_cell(code))) for code in BAD_CELLS]
    found += [
        (f"problem.{code}", caught(_json_tables(e))) for code, e in JSON_ONLY_PROBLEMS.items()
    ]
    found += [
        (f"problem.{code}", caught(edited_csv(table, edit), "f.csv"))
        for code, (table, edit) in CSV_PROBLEMS.items()
    ]
    found += [(f"problem.{code}", caught(_json_text(e))) for code, e in JSON_TEXT_PROBLEMS.items()]
    return found


def test_every_refusal_is_earned_by_the_file_meant_to_earn_it() -> None:
    for key, error in every_refusal():
        family, code = key.split(".")
        shown = error.code if family == "error" else error.params.get("problem")
        assert shown == code, (key, error)


def test_every_message_of_the_catalog_is_earned_by_one_sample_file() -> None:
    earned = {f"data.{key}" for key, _ in every_refusal()}
    written = {key for key in catalog("fr") if key.startswith(("data.error.", "data.problem."))}
    assert written == earned


# Every code a file carries, which a message must never show.
CODES = {*TABLE_NAMES, *(c for spec in TABLES.values() for c in spec.column_names)}
# Codes that are also French words, or the French title of their own column.
FRENCH_WORDS = {"impressions", "minutes"}


def _words(message: str) -> set[str]:
    return set(re.findall(r"[\w.]+", message))


@pytest.mark.parametrize("lang", LANGS)
def test_no_message_shows_a_table_or_column_code(lang: str) -> None:
    for key, error in every_refusal():
        message = error.message(lang)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", message), (key, message)
        for code in CODES:
            quoted = (f"« {code} »", f"“{code}”", f'"{code}"', f"'{code}'")
            assert not any(q in message for q in quoted), (key, message)


def test_no_french_message_holds_a_code_as_a_word() -> None:
    for key, error in every_refusal():
        message = error.message("fr")
        assert not (_words(message) & (CODES - FRENCH_WORDS)), (key, message)


@pytest.mark.parametrize("family", ["error", "problem"])
def test_a_french_message_of_each_family_names_no_people_kpi_months_or_taken_on(
    family: str,
) -> None:
    for key, error in every_refusal():
        if key.startswith(family):
            assert not _words(error.message("fr")) & {"people", "kpi_months", "taken_on"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_place_a_message_names_reads_without_codes(lang: str) -> None:
    places = [e.params["where"] for _, e in every_refusal() if "where" in e.params]
    assert places
    for place in places:
        text = place.describe(lang)
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text
        assert not _words(text) & {"readings", "kpi_months", "routine_ticks"}, text


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
