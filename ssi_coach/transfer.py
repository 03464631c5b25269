"""Export a profile as one JSON file or a zip of CSV files, and read either back, validated.

Both files carry a format marker, the export format version, the database schema revision and
the row count of each table. Reading a file checks all of it and builds every row through the
domain (Reading, Answers, KpiMonth, Tick...), so a file either yields valid rows or a
TransferError whose message names what is wrong: the CSV file and line, or the JSON table and
record. Identities (see store.transfer.IDENTITY) must be unique within a file.

An export holds no timestamp of its own, so exporting the same data twice gives the same bytes.
CSV line numbers count rows as a spreadsheet shows them: the header is line 1.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NoReturn, TypeVar

from ssi_coach.habits import Tick
from ssi_coach.i18n import Lang, as_lang, t
from ssi_coach.model import (
    READING_FIELDS,
    Answers,
    InvalidInput,
    KpiMonth,
    Pillar,
    Reading,
    Role,
)
from ssi_coach.store.kpis import EXTRA_FIELDS, KPI_FIELDS, KpiEntry
from ssi_coach.store.routine import DAY_MARK_KINDS
from ssi_coach.store.transfer import (
    IDENTITY,
    TABLE_NAMES,
    AnswersRecord,
    DayMark,
    ProfileData,
    ReadingRecord,
    Setting,
    TickRecord,
)

FORMAT = "ssi-coach-export"
FORMAT_VERSION = 1
MEGABYTE = 1024 * 1024
# The same limit as .streamlit/config.toml's maxUploadSize; years of history weigh far less.
MAX_IMPORT_BYTES = 5 * MEGABYTE
# A small zip may unpack to gigabytes; no real export comes near this.
MAX_UNPACKED_BYTES = 50 * MEGABYTE
MANIFEST = "manifest.csv"
# A fixed date inside the zip keeps two exports of the same data byte for byte identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BOM = "\ufeff"

COLUMNS: Mapping[str, tuple[str, ...]] = {
    "readings": (
        *READING_FIELDS,
        "industry_name",
        "parser_version",
        "source_text",
    ),
    "answers": (
        "answered_at",
        "goal",
        "role",
        "already_converting",
        "minutes_per_day",
        "target",
        "outcome",
        "means",
        "sector",
    ),
    "routine_ticks": ("day", "task_key", "lever", "minutes", "ticked_at"),
    "day_marks": ("day", "kind"),
    "kpi_months": ("month", *KPI_FIELDS, *EXTRA_FIELDS),
    "settings": ("key", "value"),
}
IDENTITY_COLUMN = {
    "readings": "taken_on",
    "answers": "answered_at",
    "routine_ticks": "task_key",
    "day_marks": "day",
    "kpi_months": "month",
    "settings": "key",
}
# The column lengths of store/tables.py: PostgreSQL refuses longer values mid-import.
TEXT_LIMITS = {"industry_name": 120, "parser_version": 10, "task_key": 60, "key": 40, "value": 200}
# Settings whose value is a code; the keys are those the app stores (ssi_coach/ui/context.py).
CHOICE_SETTINGS: Mapping[str, tuple[str, ...]] = {
    "lang": tuple(lang.value for lang in Lang),
    "role": tuple(role.value for role in Role),
}
# Whole numbers are stored in 32-bit columns; a larger KPI would fail halfway through an import.
MAX_STORED_NUMBER = 2**31 - 1
# Domain fields whose name differs from the column that holds them.
_COLUMN_OF_FIELD = {"tick_day": "day", "task_minutes": "minutes"}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", re.ASCII)
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?", re.ASCII)
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_TRUE = frozenset({"true", "vrai", "yes", "oui", "1"})
_FALSE = frozenset({"false", "faux", "no", "non", "0"})
T = TypeVar("T")


class TransferError(ValueError):
    """A file cannot be imported; `code` keys its message and nothing has been written."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}" if params else code)

    def message(self, lang: Lang | str) -> str:
        """Return what is wrong, in the given language."""
        shown = {
            name: value.describe(lang) if isinstance(value, Place) else value
            for name, value in self.params.items()
        }
        return t(lang, f"data.error.{self.code}", **shown)


@dataclass(frozen=True)
class Place:
    """Where a row sits: a line of a CSV file, or a record of a JSON table."""

    source: str
    number: int
    is_csv: bool

    def describe(self, lang: Lang | str) -> str:
        """Return the place as the user can find it: "readings.csv, line 5"."""
        key = "data.where.line" if self.is_csv else "data.where.record"
        return t(lang, key, source=self.source, number=self.number)


class RowError(TransferError):
    """One cell of one row is wrong: a domain error, or a `data.problem.*` code."""

    def __init__(
        self, place: Place, column: str, problem: InvalidInput | str, **params: object
    ) -> None:
        self.place = place
        self.column = column
        self.problem = problem
        self.problem_params = params
        code = problem.code if isinstance(problem, InvalidInput) else problem
        key = "row_csv" if place.is_csv else "row_json"
        super().__init__(key, where=place, column=column, problem=code, **params)

    def message(self, lang: Lang | str) -> str:
        """Return the place, the column and the problem, in the given language."""
        if isinstance(self.problem, InvalidInput):
            problem = self.problem.problem(lang)
        else:
            problem = t(lang, f"data.problem.{self.problem}", **self.problem_params)
        return t(
            lang,
            f"data.error.{self.code}",
            where=self.place.describe(lang),
            column=self.column,
            problem=problem,
        )


# --- export ---------------------------------------------------------------------------------


def _values(table: str, record: Any) -> tuple[object, ...]:
    """Return a record's values in the table's column order."""
    if table == "readings":
        reading = record.reading
        fields = (getattr(reading, name) for name in READING_FIELDS)
        return (*fields, record.industry_name, record.parser_version, record.source_text)
    if table == "answers":
        answers = record.answers
        rest = (getattr(answers, name) for name in COLUMNS["answers"][1:])
        return (record.answered_at, *(getattr(v, "value", v) for v in rest))
    if table == "kpi_months":
        kpis = record.kpis
        return (
            kpis.month,
            *(getattr(kpis, name) for name in KPI_FIELDS),
            *(getattr(record, name) for name in EXTRA_FIELDS),
        )
    return tuple(getattr(record, name) for name in COLUMNS[table])


def decimal_text(value: float, decimal_comma: bool = False) -> str:
    """Return a value of at most 3 decimals without trailing zeros: 12.275, 3.1, 6."""
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if decimal_comma else text


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        text = decimal_text(value)
        return float(text) if "." in text else int(text)
    return value


def _csv_value(value: object, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return decimal_text(value, decimal_comma)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def export_json(data: ProfileData, schema: str) -> bytes:
    """Return the whole profile as one UTF-8 JSON document."""
    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": schema,
        "counts": data.counts(),
        "tables": {
            table: [
                dict(zip(COLUMNS[table], map(_json_value, _values(table, record)), strict=True))
                for record in data.rows(table)
            ]
            for table in TABLE_NAMES
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def csv_separator(lang: Lang | str) -> str:
    """Return the separator a spreadsheet expects in this language: ; in French, , in English."""
    return ";" if as_lang(lang) is Lang.FR else ","


def _csv_bytes(rows: Sequence[Sequence[str]], separator: str) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=separator, lineterminator="\r\n").writerows(rows)
    # The BOM tells Excel the file is UTF-8, so accents show right.
    return (BOM + buffer.getvalue()).encode("utf-8")


def export_zip(data: ProfileData, schema: str, lang: Lang | str) -> bytes:
    """Return a zip with a manifest and one CSV per table, in the language's spreadsheet style."""
    separator = csv_separator(lang)
    comma = separator == ";"
    manifest = [
        ("key", "value"),
        ("format", FORMAT),
        ("format_version", str(FORMAT_VERSION)),
        ("schema", schema),
        *((f"rows.{table}", str(count)) for table, count in data.counts().items()),
    ]
    files = {MANIFEST: _csv_bytes(manifest, separator)}
    for table in TABLE_NAMES:
        rows = [COLUMNS[table]]
        rows.extend(
            tuple(_csv_value(value, comma) for value in _values(table, record))
            for record in data.rows(table)
        )
        files[f"{table}.csv"] = _csv_bytes(rows, separator)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content)
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _Cells:
    """One row's raw values, read as typed values; a bad cell raises RowError."""

    def __init__(self, raw: Mapping[str, object], place: Place) -> None:
        self.raw = raw
        self.place = place
        self.from_text = place.is_csv

    def fail(self, column: str, problem: str, **params: object) -> NoReturn:
        raise RowError(self.place, column, problem, **params)

    def value(self, column: str, optional: bool = False) -> object:
        value = self.raw[column]
        if self.from_text and isinstance(value, str) and not value.strip():
            value = None
        if value is None and not optional:
            self.fail(column, "missing")
        return value.strip() if self.from_text and isinstance(value, str) else value

    def day(self, column: str) -> date:
        value = self.value(column)
        if isinstance(value, str) and _DATE.fullmatch(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(column, "not_a_date")

    def moment(self, column: str) -> datetime:
        value = self.value(column)
        if isinstance(value, str) and _DATETIME.fullmatch(value.strip()):
            try:
                return datetime.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(column, "not_a_datetime")

    def number(self, column: str, optional: bool = False) -> float | int | None:
        value = self.value(column, optional)
        if value is None:
            return None
        number: float | int | None = None
        if self.from_text and isinstance(value, str):
            text = value.translate(_SPACES)
            if _NUMBER.fullmatch(text):
                number = int(text) if text.lstrip("+-").isdigit() else float(text.replace(",", "."))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        if number is None:
            self.fail(column, "not_a_number")
        if abs(number) > MAX_STORED_NUMBER:
            self.fail(column, "too_big", limit=MAX_STORED_NUMBER)
        return number

    def flag(self, column: str) -> bool:
        value = self.value(column)
        if isinstance(value, bool):
            return value
        if self.from_text and isinstance(value, str):
            if value.lower() in _TRUE:
                return True
            if value.lower() in _FALSE:
                return False
        self.fail(column, "not_a_bool")

    def text(self, column: str, optional: bool = False) -> str | None:
        value = self.raw[column]
        if value is None or (optional and value == ""):
            # A CSV cell cannot tell an empty text from a missing one, so neither can JSON.
            if optional:
                return None
            self.fail(column, "missing")
        if not isinstance(value, str):
            self.fail(column, "not_text")
        # PostgreSQL refuses NUL, and no database stores a lone surrogate from a JSON escape.
        if "\x00" in value or not _encodable(value):
            self.fail(column, "invalid_character")
        limit = TEXT_LIMITS.get(column)
        if limit is not None and len(value) > limit:
            self.fail(column, "too_long", limit=limit)
        return value

    def choice(self, column: str, choices: Sequence[str]) -> str:
        value = self.value(column)
        if value not in choices:
            self.fail(column, "unknown_value", value=str(value), expected=", ".join(choices))
        return str(value)

    def build(self, make: Callable[[], T]) -> T:
        """Return the domain object make() builds, naming the column of any invalid field."""
        try:
            return make()
        except InvalidInput as error:
            raise RowError(
                self.place, _COLUMN_OF_FIELD.get(error.field, error.field), error
            ) from None


def _reading(cells: _Cells) -> ReadingRecord:
    reading = cells.build(
        lambda: Reading(
            taken_on=cells.day("taken_on"),
            **{p.value: cells.number(p.value) for p in Pillar},
            industry_rank=cells.number("industry_rank", optional=True),
            network_rank=cells.number("network_rank", optional=True),
            industry_average=cells.number("industry_average", optional=True),
            network_average=cells.number("network_average", optional=True),
        )
    )
    return ReadingRecord(
        reading,
        source_text=cells.text("source_text", optional=True),
        parser_version=cells.text("parser_version", optional=True),
        industry_name=cells.text("industry_name", optional=True),
    )


def _answers(cells: _Cells) -> AnswersRecord:
    answered_at = cells.moment("answered_at")
    answers = cells.build(
        lambda: Answers(
            goal=cells.value("goal"),  # type: ignore[arg-type]
            role=cells.value("role"),  # type: ignore[arg-type]
            already_converting=cells.flag("already_converting"),
            minutes_per_day=cells.number("minutes_per_day"),  # type: ignore[arg-type]
            **{name: cells.text(name) for name in ("target", "outcome", "means", "sector")},
        )
    )
    return AnswersRecord(answered_at, answers)


def _tick(cells: _Cells) -> TickRecord:
    tick = cells.build(
        lambda: Tick(
            day=cells.day("day"),
            task_key=cells.text("task_key"),  # type: ignore[arg-type]
            lever=cells.value("lever"),  # type: ignore[arg-type]
            minutes=cells.number("minutes"),  # type: ignore[arg-type]
        )
    )
    return TickRecord(
        tick.day, tick.task_key, tick.lever.value, tick.minutes, cells.moment("ticked_at")
    )


def _day_mark(cells: _Cells) -> DayMark:
    return DayMark(cells.day("day"), cells.choice("kind", DAY_MARK_KINDS))


def _kpi_month(cells: _Cells) -> KpiEntry:
    return cells.build(
        lambda: KpiEntry(
            KpiMonth(
                cells.day("month"),
                **{name: cells.number(name, optional=True) for name in KPI_FIELDS},  # type: ignore[arg-type]
            ),
            **{name: cells.number(name, optional=True) for name in EXTRA_FIELDS},  # type: ignore[arg-type]
        )
    )


def _setting(cells: _Cells) -> Setting:
    key = cells.text("key")
    if not key:
        cells.fail("key", "missing")
    if key in CHOICE_SETTINGS:
        return Setting(key, cells.choice("value", CHOICE_SETTINGS[key]))
    return Setting(key, cells.text("value") or "")


_READERS: Mapping[str, Callable[[_Cells], Any]] = {
    "readings": _reading,
    "answers": _answers,
    "routine_ticks": _tick,
    "day_marks": _day_mark,
    "kpi_months": _kpi_month,
    "settings": _setting,
}


def _records(table: str, rows: Iterator[tuple[Place, Mapping[str, object]]]) -> list[Any]:
    """Return the validated records of one table, refusing a repeated identity."""
    records: list[Any] = []
    seen: set[object] = set()
    for place, raw in rows:
        record = _READERS[table](_Cells(raw, place))
        identity = IDENTITY[table](record)
        if identity in seen:
            raise RowError(place, IDENTITY_COLUMN[table], "duplicate")
        seen.add(identity)
        records.append(record)
    return records


def _check_versions(version: object, schema: object, known_schemas: Sequence[str]) -> None:
    if isinstance(version, str) and version.strip().isdigit():
        version = int(version)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TransferError("structure", detail="format_version")
    if version > FORMAT_VERSION:
        raise TransferError("newer_format", version=version, supported=FORMAT_VERSION)
    if not isinstance(schema, str) or not schema:
        raise TransferError("structure", detail="schema")
    if schema not in known_schemas:
        raise TransferError("newer_schema", schema=schema, head=known_schemas[-1])


def _check_count(table: str, counts: Mapping[str, object], found: int) -> None:
    expected = counts.get(table)
    if isinstance(expected, str) and expected.strip().isdigit():
        expected = int(expected)
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise TransferError("structure", detail=f"counts.{table}")
    if expected != found:
        raise TransferError("count_mismatch", table=table, expected=expected, found=found)


def _check_columns(source: str, columns: Sequence[str], table: str) -> None:
    expected = COLUMNS[table]
    for column in expected:
        if column not in columns:
            raise TransferError("missing_column", source=source, column=column)
    for column in columns:
        if column not in expected:
            raise TransferError("unknown_column", source=source, column=column)


def _read_json(text: str, known_schemas: Sequence[str]) -> ProfileData:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise TransferError("bad_json", line=error.lineno) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError("other_kind")
    _check_versions(document.get("format_version"), document.get("schema"), known_schemas)
    counts, tables = document.get("counts"), document.get("tables")
    if not isinstance(counts, dict):
        raise TransferError("structure", detail="counts")
    if not isinstance(tables, dict):
        raise TransferError("structure", detail="tables")
    for name in tables:
        if name not in TABLE_NAMES:
            raise TransferError("unknown_table", table=name)
    found: dict[str, list[Any]] = {}
    for table in TABLE_NAMES:
        rows = tables.get(table)
        if not isinstance(rows, list):
            raise TransferError("missing_table", table=table)
        _check_count(table, counts, len(rows))
        found[table] = _records(table, _json_rows(table, rows))
    return ProfileData(**found)


def _json_rows(table: str, rows: list[object]) -> Iterator[tuple[Place, Mapping[str, object]]]:
    for number, raw in enumerate(rows, start=1):
        place = Place(table, number, is_csv=False)
        if not isinstance(raw, dict):
            raise TransferError("not_a_record", where=place)
        for column in COLUMNS[table]:
            if column not in raw:
                raise RowError(place, column, "absent")
        for column in raw:
            if column not in COLUMNS[table]:
                raise RowError(place, str(column), "unknown_column")
        yield place, raw


def _csv_rows(name: str, content: bytes, table: str | None) -> list[tuple[Place, dict[str, str]]]:
    """Return the rows of one CSV file with their line numbers, checking its header."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TransferError("not_utf8", source=name) from None
    first_line = text.split("\n", 1)[0]
    separator = ";" if ";" in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[tuple[Place, dict[str, str]]] = []
    header: list[str] | None = None
    line = 0
    try:
        for cells in reader:
            line += 1
            if header is None:
                header = [cell.strip() for cell in cells]
                if table is not None:
                    _check_columns(name, header, table)
                continue
            # Spreadsheets leave empty rows behind; every table has a required column, so a
            # row with no cell filled in cannot be data.
            if not any(cells):
                continue
            place = Place(name, line, is_csv=True)
            if len(cells) != len(header):
                raise TransferError(
                    "cell_count", where=place, found=len(cells), expected=len(header)
                )
            rows.append((place, dict(zip(header, cells, strict=True))))
    except csv.Error:
        raise TransferError("bad_csv", where=Place(name, line + 1, is_csv=True)) from None
    if header is None:
        raise TransferError("empty_file", source=name)
    return rows


def _unzip(content: bytes) -> dict[str, bytes]:
    expected = {MANIFEST, *(f"{table}.csv" for table in TABLE_NAMES)}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            # ZipInfo.is_dir() crashes on the empty name a damaged header can carry.
            members = [info for info in archive.infolist() if not info.filename.endswith("/")]
            if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
                raise TransferError("too_large_unpacked", limit=MAX_UNPACKED_BYTES // MEGABYTE)
            names = [info.filename for info in members]
            if MANIFEST not in names:
                raise TransferError("other_kind_zip")
            for name in sorted(expected):
                if name not in names:
                    raise TransferError("missing_file", source=name)
            for name in names:
                if name not in expected:
                    raise TransferError("unexpected_file", source=name)
            return {name: archive.read(name) for name in expected}
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        IndexError,
        OSError,
    ):
        raise TransferError("corrupt_zip") from None


def _read_zip(content: bytes, known_schemas: Sequence[str]) -> ProfileData:
    files = _unzip(content)
    manifest = {
        row["key"]: row["value"]
        for _, row in _csv_rows(MANIFEST, files[MANIFEST], None)
        if "key" in row and "value" in row
    }
    if manifest.get("format") != FORMAT:
        raise TransferError("other_kind_zip")
    _check_versions(manifest.get("format_version"), manifest.get("schema"), known_schemas)
    counts = {table: manifest.get(f"rows.{table}") for table in TABLE_NAMES}
    found: dict[str, list[Any]] = {}
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        rows = _csv_rows(name, files[name], table)
        _check_count(table, counts, len(rows))
        found[table] = _records(table, iter(rows))
    return ProfileData(**found)


def parse_import(content: bytes, known_schemas: Sequence[str]) -> ProfileData:
    """Return the rows of an exported JSON or zip file, or raise TransferError saying why not."""
    if not content:
        raise TransferError("empty")
    if len(content) > MAX_IMPORT_BYTES:
        raise TransferError("too_large", limit=MAX_IMPORT_BYTES // MEGABYTE)
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_zip(content, known_schemas)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TransferError("not_an_export") from None
    if not text.lstrip().startswith("{"):
        raise TransferError("not_an_export")
    return _read_json(text, known_schemas)
