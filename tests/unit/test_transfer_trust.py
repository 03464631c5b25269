"""An import accepts what the forms accept, stops early on an absurd file, and a CSV never runs."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import KpiMonth
from ssi_coach.records import (
    TABLE_NAMES,
    TABLES,
    AnswersRecord,
    Column,
    DayMark,
    DraftEdit,
    Kind,
    KpiEntry,
    ProfileData,
    ProfileText,
    ReadingRecord,
)
from ssi_coach.review import TextKind
from ssi_coach.routine import TASK_KEYS
from ssi_coach.ssi_text import MAX_TEXT_CHARS
from ssi_coach.transfer import (
    HOLIDAY_HORIZON,
    MANIFEST,
    MAX_ROWS,
    TASK_LEVERS,
    Clock,
    RowError,
    TransferError,
    export_json,
    export_zip,
    file_name,
    neutralised,
    parse_import,
    restored,
)
from tests.unit.test_transfer import (
    DEEP,
    HEAD,
    NO_DEADLINE,
    PEOPLE,
    SAMPLE,
    SCHEMAS,
    TEXT_LIMITS,
    _announcing,
    _json_text,
    _json_with,
    caught,
    edited_csv,
    refusal,
    rezip,
    table_csv,
    unzip,
)

# A fixed day and moment to check against: 2 January 2025 at 09:30:00.123456 UTC.
CLOCK = Clock(date(2025, 1, 2), datetime(2025, 1, 2, 9, 30, 0, 123456))


def refused_with(content: bytes, clock: Clock | None = None, name: str = "") -> TransferError:
    """Return the error that refuses a file read against a clock."""
    with pytest.raises(TransferError) as error:
        parse_import(content, SCHEMAS, TEXT_LIMITS, name, clock)
    return error.value


def spot(error: TransferError) -> tuple[str, int, str, object]:
    """Return where a row's refusal points: the table, record or line, column and problem."""
    assert isinstance(error, RowError), error
    return error.place.table, error.place.number, error.column, error.params["problem"]


def csv_cells(content: bytes, lang: str = "fr") -> list[list[str]]:
    """Return the cells of one CSV file of a zip export."""
    separator = ";" if lang == "fr" else ","
    return list(
        csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=separator)
    )


# --- dates: from 2014, and never later than a form would have saved them --------------------

MOMENTS = ("answered_at", "ticked_at")
DATED = [
    ("readings", "taken_on"),
    ("answers", "answered_at"),
    ("routine_ticks", "day"),
    ("routine_ticks", "ticked_at"),
    ("day_marks", "day"),
    ("kpi_months", "month"),
]


def as_cell(column: str, day: str) -> str:
    """Return a date as a column of that name holds it: a moment, a month or a day."""
    if column in MOMENTS:
        return f"{day}T09:00:00"
    return f"{day[:8]}01" if column == "month" else day


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2999-06-15", "2013-12-31"])
@pytest.mark.parametrize(("table", "column"), DATED)
def test_a_date_no_form_would_save_is_refused_naming_its_record_and_column(
    table: str, column: str, day: str
) -> None:
    error = caught(_json_with(table, 0, column, as_cell(column, day)))
    assert spot(error)[:3] == (table, 1, column)
    assert spot(error)[3] in ("in_future", "before_ssi")


def test_answers_dated_2999_are_refused_so_they_cannot_stay_the_current_ones() -> None:
    content = _json_with("answers", 0, "answered_at", "2999-01-01T00:00:00")
    assert refusal(content) == (
        "Questionnaires d’objectif, enregistrement n° 1 (questionnaire du 01/01/2999 à 00:00), "
        "champ «\u00a0Date et heure du questionnaire\u00a0»\u00a0: "
        "la date ne peut pas être dans le futur."
    )


ANSWERS_ONLY = ProfileData(answers=SAMPLE.answers)


def test_answers_saved_at_the_very_moment_of_the_import_are_kept() -> None:
    at_the_moment = Clock(CLOCK.today, SAMPLE.answers[0].answered_at)
    assert parse_import(export_json(ANSWERS_ONLY, HEAD), SCHEMAS, TEXT_LIMITS, clock=at_the_moment)


def test_answers_one_microsecond_after_the_import_are_refused() -> None:
    just_before = Clock(CLOCK.today, SAMPLE.answers[0].answered_at - timedelta(microseconds=1))
    error = refused_with(export_json(ANSWERS_ONLY, HEAD), just_before)
    assert spot(error) == ("answers", 1, "answered_at", "in_future")


def test_a_skip_day_after_today_is_refused() -> None:
    data = ProfileData(day_marks=(DayMark(CLOCK.today + timedelta(days=1), "skip"),))
    error = refused_with(export_json(data, HEAD), CLOCK)
    assert spot(error) == ("day_marks", 1, "day", "in_future")


def test_a_holiday_may_be_planned_as_far_ahead_as_the_today_page_allows() -> None:
    data = ProfileData(day_marks=(DayMark(CLOCK.today + HOLIDAY_HORIZON, "holiday"),))
    assert parse_import(export_json(data, HEAD), SCHEMAS, TEXT_LIMITS, clock=CLOCK) == data


def test_a_holiday_past_that_horizon_is_refused_naming_the_last_day_allowed() -> None:
    latest = CLOCK.today + HOLIDAY_HORIZON
    data = ProfileData(day_marks=(DayMark(latest + timedelta(days=1), "holiday"),))
    error = refused_with(export_json(data, HEAD), CLOCK)
    assert spot(error) == ("day_marks", 1, "day", "too_far")
    shown = f"date trop lointaine\u00a0: au plus tard le {latest:%d/%m/%Y}."
    assert error.message("fr").endswith(shown)


# --- keys and minutes: what Today saves ------------------------------------------------------


def test_every_task_of_the_routine_is_known_with_the_lever_it_is_ticked_under() -> None:
    assert set(TASK_LEVERS) == set(TASK_KEYS)
    assert all(key.startswith(f"{lever.value}.") for key, lever in TASK_LEVERS.items())


def test_a_tick_of_a_task_the_routine_never_had_is_refused_showing_its_key() -> None:
    error = caught(_json_with("routine_ticks", 0, "task_key", "comments.spam"))
    assert spot(error) == ("routine_ticks", 1, "task_key", "unknown_code")
    assert error.message("en").endswith("field “Task”: unknown value “comments.spam”.")


def test_a_tick_under_another_lever_than_its_tasks_is_refused() -> None:
    error = caught(_json_with("routine_ticks", 0, "lever", "messages"))
    assert spot(error) == ("routine_ticks", 1, "lever", "lever_mismatch")


@pytest.mark.parametrize("minutes", [61, 2**31 - 1])
def test_a_tick_of_more_minutes_than_a_days_budget_is_refused(minutes: int) -> None:
    error = caught(_json_with("routine_ticks", 0, "minutes", minutes))
    assert spot(error) == ("routine_ticks", 1, "minutes", "out_of_range")
    assert error.message("fr").endswith("la valeur doit être comprise entre 1 et 60.")


def test_a_tick_of_a_whole_days_budget_is_kept() -> None:
    tick = parse_import(_json_with("routine_ticks", 0, "minutes", 60), SCHEMAS, TEXT_LIMITS)
    assert tick.routine_ticks[0].minutes == 60


def test_a_setting_the_app_does_not_have_is_refused_showing_its_key() -> None:
    error = caught(_json_with("settings", 0, "key", "theme"))
    assert spot(error) == ("settings", 1, "key", "unknown_code")


# --- sizes -----------------------------------------------------------------------------------


def test_a_pasted_page_of_a_megabyte_is_refused_naming_its_column_and_the_limit() -> None:
    error = caught(_json_with("readings", 1, "source_text", "x" * 1_000_000))
    assert spot(error) == ("readings", 2, "source_text", "too_long")
    assert error.message("en").endswith(f"{MAX_TEXT_CHARS:,} characters at most.")


def test_the_longest_page_an_import_takes_is_the_longest_the_parser_reads() -> None:
    longest = ReadingRecord(SAMPLE.readings[1].reading, "x" * MAX_TEXT_CHARS)
    one_more = ReadingRecord(longest.reading, longest.source_text + "x")
    assert parse_import(export_json(ProfileData(readings=(longest,)), HEAD), SCHEMAS, TEXT_LIMITS)
    error = refused_with(export_json(ProfileData(readings=(one_more,)), HEAD))
    assert spot(error)[2:] == ("source_text", "too_long")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_longest_page_an_import_takes_goes_through_the_zip_export_and_back(lang: str) -> None:
    # A cell the csv module cannot read back would make the app's own zip refuse itself.
    assert csv.field_size_limit() > MAX_TEXT_CHARS + 1
    data = ProfileData(readings=(ReadingRecord(SAMPLE.readings[1].reading, "=" * MAX_TEXT_CHARS),))
    exported = export_zip(data, HEAD, lang)
    assert parse_import(exported, SCHEMAS, TEXT_LIMITS) == data


def test_a_csv_cell_past_what_the_csv_reader_takes_is_refused_naming_its_line() -> None:
    content = edited_csv("readings", lambda s: s.replace("Top 10 %", "x" * 200_000))
    error = refused_with(content, name="releves.csv")
    assert error.code == "cell_too_long"
    assert error.message("fr").startswith("releves.csv, ligne 3\u00a0: une cellule dépasse")


@pytest.mark.parametrize(
    ("column", "text"),
    [("source_text", "Top 10 %\x07"), ("industry_name", "Conseil\nen management")],
)
def test_a_text_no_form_could_have_saved_is_refused_naming_its_column(
    column: str, text: str
) -> None:
    error = caught(_json_with("readings", 1, column, text))
    assert spot(error) == ("readings", 2, column, "control_characters")


def test_a_pasted_page_keeps_its_tabs_and_line_breaks() -> None:
    page = "Votre SSI\r\n\tTop 10 %\n53 sur 100"
    read = parse_import(_json_with("readings", 1, "source_text", page), SCHEMAS, TEXT_LIMITS)
    assert read.readings[1].source_text == page


# --- rows per table: an absurd file is refused before it is read through ---------------------


def test_every_table_has_a_row_limit() -> None:
    assert set(MAX_ROWS) == set(TABLE_NAMES)


def test_the_row_limits_leave_room_for_years_of_daily_use() -> None:
    ten_years = 10 * 366
    assert MAX_ROWS["readings"] >= ten_years
    assert MAX_ROWS["day_marks"] >= ten_years
    assert MAX_ROWS["kpi_months"] >= 10 * 12
    # Every task a routine can hold, ticked on every day of ten years.
    assert MAX_ROWS["routine_ticks"] >= ten_years * len(TASK_KEYS)


@pytest.mark.parametrize("table", TABLE_NAMES)
def test_a_json_file_announcing_more_rows_than_a_table_holds_is_refused_at_once(table: str) -> None:
    error = caught(_announcing(table, 10**9))
    assert (error.code, error.params["table"].table) == ("too_many_rows", table)


def test_a_zip_whose_manifest_announces_a_million_ticks_is_refused_at_once() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files[MANIFEST] = files[MANIFEST].replace(
        b"rows.routine_ticks;1", b"rows.routine_ticks;1000000"
    )
    assert caught(rezip(files)).code == "too_many_rows"


def answers_file(count: int) -> bytes:
    """Return the answers CSV of `count` questionnaires, one second apart."""
    first = SAMPLE.answers[0]
    rows = tuple(
        AnswersRecord(first.answered_at + timedelta(seconds=i), first.answers) for i in range(count)
    )
    return table_csv(ProfileData(answers=rows), "answers")


def test_a_csv_holding_one_row_more_than_its_table_takes_is_refused() -> None:
    error = refused_with(answers_file(MAX_ROWS["answers"] + 1), name="questionnaires.csv")
    assert error.code == "too_many_rows"
    assert error.message("en").startswith("“Goal questionnaires”: the file announces or holds")


def test_reading_stops_at_the_first_row_past_the_limit() -> None:
    # A broken line further down is never reached: the count refuses the file first.
    content = answers_file(MAX_ROWS["answers"] + 1) + b'2025-01-01;"unclosed\r\n'
    assert refused_with(content, name="questionnaires.csv").code == "too_many_rows"


def test_a_csv_holding_as_many_rows_as_its_table_takes_imports() -> None:
    data = parse_import(answers_file(MAX_ROWS["answers"]), SCHEMAS, TEXT_LIMITS, "q.csv")
    assert len(data.answers) == MAX_ROWS["answers"]


# --- numbers and nesting a parser chokes on: the record and the field are named -------------

HUGE = "9" * 5000


def test_a_five_thousand_digit_number_in_a_json_record_names_its_record_and_field() -> None:
    error = caught(_json_text(lambda s: s.replace(PEOPLE, f'"people": {HUGE}')))
    assert spot(error) == ("readings", 2, "people", "too_big")


def test_a_five_thousand_digit_number_in_a_csv_cell_names_its_line_and_column() -> None:
    error = refused_with(edited_csv("kpi_months", lambda s: s.replace(";1000;", f";{HUGE};")))
    assert spot(error) == ("kpi_months", 2, "impressions", "too_big")


@pytest.mark.parametrize(
    ("number", "problem"),
    [("1e400", "too_big"), (f"{HUGE}.5", "too_big"), ("NaN", "not_a_number")],
)
def test_a_json_number_no_column_holds_names_its_record(number: str, problem: str) -> None:
    error = caught(_json_text(lambda s: s.replace(PEOPLE, f'"people": {number}')))
    assert spot(error) == ("readings", 2, "people", problem)


def test_a_five_thousand_digit_row_count_is_refused_as_a_damaged_description() -> None:
    content = _json_text(lambda s: s.replace('"readings": 2,', f'"readings": {HUGE},', 1))
    assert caught(content).code == "structure"


def test_a_five_thousand_digit_format_version_in_a_manifest_is_refused_as_damaged() -> None:
    files = unzip(export_zip(SAMPLE, HEAD, "fr"))
    files[MANIFEST] = files[MANIFEST].replace(
        b"format_version;1", f"format_version;{HUGE}".encode()
    )
    assert caught(rezip(files)).code == "structure"


def test_a_field_nested_deeper_than_python_reads_names_its_record_and_field() -> None:
    error = caught(_json_text(lambda s: s.replace(PEOPLE, f'"people": {DEEP}')))
    assert spot(error) == ("readings", 2, "people", "nested")


def with_raw(document: dict, marker: str, raw: str) -> bytes:
    """Return a JSON document whose one string `marker` is replaced by raw JSON text."""
    return json.dumps(document).replace(json.dumps(marker), raw, 1).encode()


def test_a_tick_nested_after_many_others_names_its_own_record() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    ticks = [
        {"day": "2025-01-03", "task_key": key, "lever": lever.value, "minutes": 5}
        | {"ticked_at": "2025-01-03T09:00:00"}
        for key, lever in TASK_LEVERS.items()
    ]
    ticks[-1]["minutes"] = "DEEP"
    document["tables"]["routine_ticks"] = ticks
    document["counts"]["routine_ticks"] = len(ticks)
    error = caught(with_raw(document, "DEEP", DEEP))
    assert spot(error) == ("routine_ticks", len(ticks), "minutes", "nested")


def test_a_record_nested_too_deep_is_refused_naming_the_record() -> None:
    content = _json_text(lambda s: s.replace('"day_marks": [', f'"day_marks": [{DEEP}, ', 1))
    error = caught(content)
    assert error.code == "not_a_record"
    assert error.message("en").startswith("Skip days and holidays, record 1")


def test_a_description_nested_too_deep_is_refused_as_damaged() -> None:
    content = _json_text(lambda s: s.replace('"schema": ', f'"notes": {DEEP}, "schema": ', 1))
    assert caught(content).code == "structure"


def test_a_list_where_a_value_belongs_names_its_field() -> None:
    error = caught(_json_text(lambda s: s.replace(PEOPLE, '"people": [11.25]')))
    assert spot(error) == ("readings", 2, "people", "not_a_number")


# --- keys a JSON file names twice -------------------------------------------------------------


def test_a_field_named_twice_in_a_record_is_refused_naming_both() -> None:
    error = caught(_json_text(lambda s: s.replace(PEOPLE, f"{PEOPLE}, {PEOPLE}")))
    assert spot(error) == ("readings", 2, "people", "repeated_field")


def test_a_table_named_twice_is_refused_rather_than_half_read() -> None:
    second = '"tables": {"readings": [], '
    error = caught(_json_text(lambda s: s.replace('"tables": {', second, 1)))
    assert (error.code, error.params["table"].table) == ("repeated_table", "readings")


@pytest.mark.parametrize(
    "edit",
    [
        lambda s: s.replace('"format": ', '"schema": "0001", "format": ', 1),
        lambda s: s.replace('"counts": {', '"counts": {"readings": 0, ', 1),
    ],
)
def test_a_description_naming_a_key_twice_is_refused(edit: Callable[[str], str]) -> None:
    assert caught(_json_text(edit)).code == "structure"


def test_two_answers_of_the_same_moment_are_refused_naming_the_second() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    answers = document["tables"]["answers"]
    answers.append(answers[0] | {"goal": "prospecting"})
    document["counts"]["answers"] = 2
    error = caught(json.dumps(document).encode())
    assert spot(error) == ("answers", 2, "answered_at", "duplicate")


# --- thousands in a whole number --------------------------------------------------------------


def test_a_whole_number_grouped_by_one_mark_is_refused_as_ambiguous() -> None:
    error = refused_with(edited_csv("kpi_months", lambda s: s.replace(";1000;", ";1.000;")))
    assert spot(error) == ("kpi_months", 2, "impressions", "ambiguous_number")


@pytest.mark.parametrize("written", ["1.234.567", "1 234 567", "1\u202f234\u202f567"])
def test_a_whole_number_grouped_more_than_once_reads_as_thousands(written: str) -> None:
    content = edited_csv("kpi_months", lambda s: s.replace(";1000;40", f";{written};40"))
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).kpi_months[0].kpis.impressions == 1234567


def test_a_pillar_with_three_decimals_still_reads_as_decimals() -> None:
    assert (
        parse_import(table_csv(SAMPLE, "readings"), SCHEMAS, TEXT_LIMITS).readings
        == SAMPLE.readings
    )


# --- CSV cells never run as formulas ----------------------------------------------------------

FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("text", FORMULAS)
def test_a_text_cell_beginning_like_a_formula_is_exported_behind_an_apostrophe(
    lang: str, text: str
) -> None:
    data = ProfileData(drafts=(DraftEdit("about", text),))
    cells = csv_cells(table_csv(data, "drafts", lang), lang)
    assert cells[1][1] == f"'{text}"


@pytest.mark.parametrize("text", FORMULAS)
def test_the_app_reads_its_neutralised_cells_back_as_they_were(text: str) -> None:
    data = ProfileData(drafts=(DraftEdit("about", text),))
    assert parse_import(export_zip(data, HEAD, "fr"), SCHEMAS, TEXT_LIMITS) == data


def test_the_csv_export_of_a_reading_holds_no_cell_a_spreadsheet_would_run() -> None:
    reading = ReadingRecord(SAMPLE.readings[0].reading, "=cmd|' /C calc'!A0", "-1", "@x")
    cells = csv_cells(table_csv(ProfileData(readings=(reading,)), "readings"))
    assert not [cell for cell in cells[1] if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_a_negative_number_is_exported_as_a_number_not_as_text() -> None:
    entry = KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40))
    # No form saves a negative figure; forced here to see that numbers are never touched.
    object.__setattr__(entry.kpis, "impressions", -1000)
    object.__setattr__(entry, "followers", -5)
    cells = csv_cells(table_csv(ProfileData(kpi_months=(entry,)), "kpi_months"))
    assert cells[1][1] == "-1000"
    assert cells[1][5] == "-5"


def test_a_cell_a_user_neutralised_by_hand_reads_without_its_apostrophe() -> None:
    content = edited_csv("answers", lambda s: s.replace(";DAF de PME;", ";'=DAF de PME;"))
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).answers[0].answers.target == "=DAF de PME"


def test_an_apostrophe_before_plain_text_is_kept() -> None:
    content = edited_csv("answers", lambda s: s.replace(";DAF de PME;", ";'DAF de PME;"))
    assert parse_import(content, SCHEMAS, TEXT_LIMITS).answers[0].answers.target == "'DAF de PME"


def test_a_json_export_keeps_its_texts_as_they_are() -> None:
    data = ProfileData(drafts=(DraftEdit("about", "=1+1"),))
    assert json.loads(export_json(data, HEAD))["tables"]["drafts"][0]["text"] == "=1+1"


@given(st.text())
def test_restoring_a_neutralised_text_gives_the_text_back(text: str) -> None:
    assert restored(neutralised(text)) == text


@given(st.text())
def test_a_neutralised_text_never_begins_as_a_formula(text: str) -> None:
    assert neutralised(text)[:1] not in ("=", "+", "-", "@", "\t", "\r")


# --- any bad cell, in any file: refused, naming its record or line and its column -------------

WITH_DRAFT = ProfileData(
    **{
        table: SAMPLE.rows(table)
        for table in TABLE_NAMES
        if table not in ("drafts", "profile_texts")
    },
    drafts=(DraftEdit("about", "Mon texte"),),
    profile_texts=(ProfileText(TextKind.HEADLINE, datetime(2025, 1, 5, 9), "J’aide les DAF"),),
)
# Raw JSON text, not a JSON string: numbers and nestings no dict holds.
RAW_VALUES = {
    "5,000 digits": "9" * 5000,
    "1e400": "1e400",
    "NaN": "NaN",
    "10**400": "1" + "0" * 400,
    "nested": "[" * 50_000 + "]" * 50_000,
}
BAD_BY_KIND: dict[Kind, list[object]] = {
    Kind.DATE: ["9999-12-31", "0001-01-01", "2999-01-01", "2013-12-31", "2025-02-30", "x", 5],
    Kind.MOMENT: ["9999-12-31T09:00:00", "0001-01-01T00:00:00", "2999-01-01T00:00:00", "x"],
    Kind.DECIMAL: [-1, 100.5, 1.0001, True, "abc", [1]],
    Kind.WHOLE: [2**53 + 1, 2**31, -1, 1.5, True, "abc", [1]],
    Kind.FLAG: ["maybe", 2, [True]],
    Kind.CODE: ["unknown", 5, [1]],
    Kind.TEXT: ["\x00", "\x07", "x" * 1_000_000, 5, [1], {"a": "b"}],
}
COLUMNS = [(t, c) for t in TABLE_NAMES for c in TABLES[t].columns]


def bad_values(table: str, column: Column) -> list[object]:
    """Return values no form saves in a column: by its kind, or any code it does not list."""
    if column.codes or column.codes_by:
        return ["unknown", 5, [1]]
    # What the domain builds but Today and Settings never save: SAMPLE's tick is a comment.
    own = {
        ("routine_ticks", "minutes"): [0, 61, 2**31 - 1, "abc"],
        ("routine_ticks", "task_key"): ["comments.spam", "Comments.Angle"],
        ("routine_ticks", "lever"): ["messages", "unknown"],
        ("settings", "key"): ["theme", "unknown"],
        # The first saved text is a headline: one line, of at most LinkedIn's 220 characters.
        ("profile_texts", "text"): [*BAD_BY_KIND[Kind.TEXT], "Deux\nlignes", "x" * 221, " "],
    }
    return own.get((table, column.name), BAD_BY_KIND[column.kind])


def in_zip(table: str, column: str, cell: str, lang: str) -> bytes:
    """Return the zip export of WITH_DRAFT with one cell of a table's first row replaced."""
    files = unzip(export_zip(WITH_DRAFT, HEAD, lang))
    name = file_name(table, lang)
    rows = csv_cells(files[name], lang)
    rows[1][list(TABLES[table].column_names).index(column)] = cell
    text = io.StringIO()
    separator = ";" if lang == "fr" else ","
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    files[name] = ("\ufeff" + text.getvalue()).encode("utf-8")
    return rezip(files)


def in_json(table: str, column: str, value: object) -> bytes:
    """Return the JSON export of WITH_DRAFT with one field of a table's first record replaced."""
    document = json.loads(export_json(WITH_DRAFT, HEAD))
    raw = isinstance(value, str) and value in RAW_VALUES
    document["tables"][table][0][column] = "RAW-HERE" if raw else value
    text = json.dumps(document)
    if raw:
        assert isinstance(value, str)
        text = text.replace('"RAW-HERE"', RAW_VALUES[value], 1)
    return text.encode()


@st.composite
def bad_cells(draw: st.DrawFn) -> tuple[str, int, str, bytes]:
    """Draw a file holding one bad cell: its table, row number, column, and bytes."""
    table, column = draw(st.sampled_from(COLUMNS))
    values = [*bad_values(table, column), *(() if column.codes else RAW_VALUES)]
    value = draw(st.sampled_from(values))
    form = draw(st.sampled_from(["json", "fr", "en"]))
    as_text = isinstance(value, str) and value not in RAW_VALUES
    if form == "json" or not as_text or (column.kind is Kind.TEXT and "\x00" in str(value)):
        return table, 1, column.name, in_json(table, column.name, value)
    return table, 2, column.name, in_zip(table, column.name, str(value), form)


@NO_DEADLINE
@given(bad_cells())
def test_a_bad_cell_in_any_file_is_refused_naming_its_row_and_column(
    drawn: tuple[str, int, str, bytes],
) -> None:
    table, number, column, content = drawn
    error = caught(content)
    if error.code == "cell_too_long":
        # The csv reader stops inside the row: the line is named, not the column.
        assert error.params["where"].number == number
        return
    found = spot(error)
    # A rule between two fields names the one the domain names: engagements above impressions.
    assert found[:3] == (table, number, column) or found[3] == "above_impressions"
