"""Export a profile as one JSON file or a zip of CSV files, and read either back, validated.

Both files carry a format marker, the export format version, the database schema revision and
the row count of each table. Reading a file checks all of it and builds every row through the
domain (Reading, Answers, KpiMonth, Tick...), so a file either yields valid rows or a
TransferError whose message names what is wrong: the CSV file and line, or the JSON table and
record. Identities (see records.IDENTITY) must be unique within a file.

The columns of each file, their order and kinds, come from records.TABLES; the longest text
each column takes comes from the store (its String(n) columns) as the `text_limits` argument,
since this module must not import the store.

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
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import NoReturn, TypeVar

from ssi_coach.i18n import Lang, as_lang, t
from ssi_coach.model import InvalidInput, check_whole
from ssi_coach.records import (
    TABLE_NAMES,
    TABLES,
    Column,
    Kind,
    ProfileData,
    Table,
    TextLimits,
    Values,
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

# Whole numbers are stored in 32-bit columns; a larger KPI would fail halfway through an import.
MAX_STORED_NUMBER = 2**31 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", re.ASCII)
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?", re.ASCII)
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_TRUE = frozenset({"true", "vrai", "yes", "oui", "1"})
_FALSE = frozenset({"false", "faux", "no", "non", "0"})
R = TypeVar("R")


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
            name: [
                dict(zip(spec.column_names, map(_json_value, spec.values(record)), strict=True))
                for record in data.rows(name)
            ]
            for name, spec in TABLES.items()
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
    for name, spec in TABLES.items():
        rows = [spec.column_names]
        rows.extend(
            tuple(_csv_value(value, comma) for value in spec.values(record))
            for record in data.rows(name)
        )
        files[f"{name}.csv"] = _csv_bytes(rows, separator)
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

    def day(self, column: str, optional: bool = False) -> date | None:
        value = self.value(column, optional)
        if value is None:
            return None
        if isinstance(value, str) and _DATE.fullmatch(value.strip()):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.fail(column, "not_a_date")

    def moment(self, column: str, optional: bool = False) -> datetime | None:
        value = self.value(column, optional)
        if value is None:
            return None
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

    def whole(self, column: str, optional: bool = False) -> int | None:
        number = self.number(column, optional)
        if number is None or isinstance(number, int):
            return number
        # "3.0" is a whole number; the domain's own check words the refusal of anything else.
        return check_whole(column, number, -MAX_STORED_NUMBER)

    def flag(self, column: str, optional: bool = False) -> bool | None:
        value = self.value(column, optional)
        if value is None or isinstance(value, bool):
            return value
        if self.from_text and isinstance(value, str):
            if value.lower() in _TRUE:
                return True
            if value.lower() in _FALSE:
                return False
        self.fail(column, "not_a_bool")

    def text(self, column: str, optional: bool = False, limit: int | None = None) -> str | None:
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
        # Checked here because a database refuses a longer text halfway through an import.
        if limit is not None and len(value) > limit:
            self.fail(column, "too_long", limit=limit)
        return value

    def code(self, column: str, optional: bool = False) -> str | None:
        value = self.value(column, optional)
        # The domain type the code is for tells a known code from an unknown one.
        return None if value is None else str(value)

    def choice(self, column: str, choices: Sequence[str], optional: bool = False) -> str | None:
        value = self.value(column, optional)
        if value is None:
            return None
        if value not in choices:
            self.fail(column, "unknown_value", value=str(value), expected=", ".join(choices))
        return str(value)

    def read(self, column: Column, row: Mapping[str, object], limit: int | None) -> object:
        """Return one cell as its column's kind says; `row` holds the cells read before it."""
        name, optional = column.name, column.optional
        codes = column.codes
        if column.codes_by is not None:
            other, codes_of = column.codes_by
            codes = codes_of.get(str(row[other]), ())
        if codes:
            return self.choice(name, codes, optional)
        match column.kind:
            case Kind.DATE:
                return self.day(name, optional)
            case Kind.MOMENT:
                return self.moment(name, optional)
            case Kind.DECIMAL:
                return self.number(name, optional)
            case Kind.WHOLE:
                return self.whole(name, optional)
            case Kind.FLAG:
                return self.flag(name, optional)
            case Kind.CODE:
                return self.code(name, optional)
            case Kind.TEXT:
                text = self.text(name, optional, limit)
                if not column.blank and not text:
                    self.fail(name, "missing")
                return text


def _record(spec: Table[R], cells: _Cells, limits: Mapping[str, int]) -> R:
    """Return the record of one row, built through the domain; a bad value raises RowError."""
    row: dict[str, object] = {}
    try:
        for column in spec.columns:
            row[column.name] = cells.read(column, row, limits.get(column.name))
        return spec.build(Values(row))
    except InvalidInput as error:
        raise RowError(cells.place, spec.column_of(error.field), error) from None


def _records(
    table: str, rows: Iterator[tuple[Place, Mapping[str, object]]], text_limits: TextLimits
) -> list[object]:
    """Return the validated records of one table, refusing a repeated identity."""
    spec = TABLES[table]
    limits = text_limits.get(table, {})
    records: list[object] = []
    seen: set[object] = set()
    for place, raw in rows:
        record = _record(spec, _Cells(raw, place), limits)
        identity = spec.identity(record)
        if identity in seen:
            raise RowError(place, spec.identity_column, "duplicate")
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
    expected = TABLES[table].column_names
    for column in expected:
        if column not in columns:
            raise TransferError("missing_column", source=source, column=column)
    for column in columns:
        if column not in expected:
            raise TransferError("unknown_column", source=source, column=column)


def _read_json(text: str, known_schemas: Sequence[str], text_limits: TextLimits) -> ProfileData:
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
    found: dict[str, list[object]] = {}
    for table in TABLE_NAMES:
        rows = tables.get(table)
        if not isinstance(rows, list):
            raise TransferError("missing_table", table=table)
        _check_count(table, counts, len(rows))
        found[table] = _records(table, _json_rows(table, rows), text_limits)
    return ProfileData.of(found)


def _json_rows(table: str, rows: list[object]) -> Iterator[tuple[Place, Mapping[str, object]]]:
    for number, raw in enumerate(rows, start=1):
        place = Place(table, number, is_csv=False)
        if not isinstance(raw, dict):
            raise TransferError("not_a_record", where=place)
        expected = TABLES[table].column_names
        for column in expected:
            if column not in raw:
                raise RowError(place, column, "absent")
        for column in raw:
            if column not in expected:
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
    except TransferError:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        IndexError,
        OSError,
        # A damaged offset makes zipfile seek before the start of the file.
        ValueError,
    ):
        raise TransferError("corrupt_zip") from None


def _read_zip(content: bytes, known_schemas: Sequence[str], text_limits: TextLimits) -> ProfileData:
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
    found: dict[str, list[object]] = {}
    for table in TABLE_NAMES:
        name = f"{table}.csv"
        rows = _csv_rows(name, files[name], table)
        _check_count(table, counts, len(rows))
        found[table] = _records(table, iter(rows), text_limits)
    return ProfileData.of(found)


def parse_import(
    content: bytes, known_schemas: Sequence[str], text_limits: TextLimits
) -> ProfileData:
    """Return the rows of an exported JSON or zip file, or raise TransferError saying why not.

    known_schemas are the schema revisions this app can store, oldest first; text_limits the
    longest text each table's columns hold (store.transfer.text_limits()).
    """
    if not content:
        raise TransferError("empty")
    if len(content) > MAX_IMPORT_BYTES:
        raise TransferError("too_large", limit=MAX_IMPORT_BYTES // MEGABYTE)
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_zip(content, known_schemas, text_limits)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TransferError("not_an_export") from None
    if not text.lstrip().startswith("{"):
        raise TransferError("not_an_export")
    return _read_json(text, known_schemas, text_limits)
