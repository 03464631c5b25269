"""Export a profile as one JSON file or a zip of CSV files, and read either back, validated.

Both files carry a format marker, the export format version, the database schema revision and
the row count of each table. Reading a file checks all of it and builds every row through the
domain (Reading, Answers, KpiMonth, Tick...), so a file either yields valid rows or a
TransferError whose message names what is wrong in the user's terms: the CSV file and line, or
the kind of data and record number, the row's date or month, and the column's title, never a
table or column code. Identities (see records.IDENTITY) must be unique within a file.

The JSON file is the machine format: its keys are the codes of records.TABLES. The zip speaks
the user's language: its CSV files and column titles are named by the catalogs
(transfer.file.*, transfer.header.*), with the language's separator and decimal mark. An import
accepts titles in any language, and the codes that earlier versions wrote. A single CSV file,
one table edited in a spreadsheet, imports too: its titles say which table it holds; it has no
manifest, so it is read as the current format. A title once shipped must keep importing: when
one is reworded, the old wording goes on in _OLD_TITLES. A column added to a table once it had
shipped goes in _ADDED_COLUMNS: a file of an earlier schema, or a CSV file alone, may lack it.

The columns of each file, their order and kinds, come from records.TABLES; the longest text
each column takes comes from the store (its String(n) columns) as the `text_limits` argument,
since this module must not import the store.

An export holds no timestamp of its own, so exporting the same data twice gives the same bytes.
CSV line numbers count rows as a spreadsheet shows them: the header is line 1.

An import is held to what the forms accept (see _admit): dates from 2014 and not in the future
(a holiday may be planned ahead, as on the Today page), moments not after now, task keys and
settings the app knows, minutes within a day's budget, and a pasted page no longer than the
parser reads. Each table holds at most MAX_ROWS rows, far above years of use: a file that
announces or holds more is refused as soon as that shows, before the rest is read.

A spreadsheet runs a cell that begins with = + - @, a tab or a carriage return as a formula, so
the zip's text cells that begin so get a leading ' (OWASP's advice on CSV injection); an import
takes that ' back off, so export, import and export again give the same bytes. Only text cells
are touched: a number keeps its sign.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import math
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, partial
from pathlib import PurePosixPath
from types import MappingProxyType
from typing import Literal, NoReturn, TypeVar

from ssi_coach.i18n import Lang, as_lang, catalog, format_count, format_date, format_month_long, t
from ssi_coach.model import (
    FIRST_SSI_DATE,
    MINUTES_MAX,
    InvalidInput,
    check_characters,
    check_whole,
)
from ssi_coach.plan import Lever
from ssi_coach.records import (
    HOLIDAY,
    TABLE_NAMES,
    TABLES,
    Column,
    Kind,
    ProfileData,
    Setting,
    Table,
    TextLimits,
    TickRecord,
    Values,
)
from ssi_coach.review import LIMITS, TextKind
from ssi_coach.routine import DAILY_VARIANTS, DEPTH_VARIANTS, PUBLISH_VARIANT, WEEKLY_VARIANTS
from ssi_coach.settings import CHOICES as KNOWN_SETTINGS
from ssi_coach.settings import LANG
from ssi_coach.ssi_text import MAX_TEXT_CHARS
from ssi_coach.today import HOLIDAY_MAX_DAYS

FORMAT = "ssi-coach-export"
FORMAT_VERSION = 1
MEGABYTE = 1024 * 1024
# The same limit as .streamlit/config.toml's maxUploadSize; years of history weigh far less.
MAX_IMPORT_BYTES = 5 * MEGABYTE
# A small zip may unpack to gigabytes. Years of ticks take a few megabytes and a pasted page a
# few kilobytes; this leaves room for thousands of pages, and keeps an import's memory bounded.
MAX_UNPACKED_BYTES = 30 * MEGABYTE
# The most rows a table of one profile may hold: far above years of real use, so that a file
# announcing or holding more is refused at once. Readings and day marks are one a day at most,
# months one a month, ticks one per task of a day (the routine knows about twenty tasks).
MAX_ROWS: Mapping[str, int] = MappingProxyType(
    {
        "readings": 5_000,
        "answers": 5_000,
        "routine_ticks": 100_000,
        "day_marks": 10_000,
        "kpi_months": 1_200,
        "settings": 100,
        "drafts": 100,
        # A new headline or About every day for five years would not reach it.
        "profile_texts": 2_000,
    }
)
# The Today page lets a holiday start up to a year ahead and last up to HOLIDAY_MAX_DAYS days.
HOLIDAY_HORIZON = timedelta(days=365 + HOLIDAY_MAX_DAYS)
# The longest text a column the store leaves unbounded takes: a pasted page is read by the
# parser up to MAX_TEXT_CHARS, which also keeps its CSV cell under the csv module's own limit;
# a saved headline or About, up to LinkedIn's limit for an About (the record checks its kind's).
UNBOUNDED_TEXT_LIMITS: Mapping[str, Mapping[str, int]] = MappingProxyType(
    {
        "readings": MappingProxyType({"source_text": MAX_TEXT_CHARS}),
        "profile_texts": MappingProxyType({"text": LIMITS[TextKind.ABOUT]}),
    }
)
MANIFEST = "manifest.csv"
# A fixed date inside the zip keeps two exports of the same data byte for byte identical.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BOM = "\ufeff"

# Whole numbers are stored in 32-bit columns; a larger KPI would fail halfway through an import.
MAX_STORED_NUMBER = 2**31 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?", re.ASCII)
# How a French spreadsheet saves back the ISO dates it recognised: 31/01/2026, 31/01/2026 09:30.
_DAY_FIRST = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?", re.ASCII
)
# The separators a spreadsheet saves a CSV with, the language's own first.
SEPARATORS = (";", ",", "\t")
# What a spreadsheet writes for a flag, in each language; any of them reads back.
_FLAGS: Mapping[Lang, tuple[str, str]] = {Lang.FR: ("oui", "non"), Lang.EN: ("yes", "no")}
# Members a zip tool adds on its own when a user zips a folder again.
_ZIP_CLUTTER = ("__MACOSX/", ".DS_Store", "Thumbs.db", "desktop.ini")
_NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?", re.ASCII)
# The texts that may hold tabs and line breaks: a pasted page, a post, an About. Every other is
# one line; a saved headline is too, which its record checks.
MULTILINE_TEXTS = frozenset(
    {("readings", "source_text"), ("drafts", "text"), ("profile_texts", "text")}
)
# More digits than any stored number has: int() would refuse past 4,300 of them with ValueError.
_MAX_DIGITS = 18
# A whole number grouped by thousands with one mark, "12,000" or "1.234.567". One group alone
# reads as a decimal too (12,000 = 12 in French), so the cell is refused as ambiguous.
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:(,)\d{3}(?:,\d{3})*|(\.)\d{3}(?:\.\d{3})*)", re.ASCII)
# A cell a spreadsheet would run as a formula: what follows any leading ' (see module doc).
_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_SPACES = str.maketrans("", "", " \u00a0\u202f")
_TRUE = frozenset({"true", "vrai", "yes", "oui", "1"})
_FALSE = frozenset({"false", "faux", "no", "non", "0"})
R = TypeVar("R")


class Shown:
    """A part of a message that each language words its own way."""

    def describe(self, lang: Lang | str) -> str:
        """Return the part as the user reads it."""
        raise NotImplementedError


class TransferError(ValueError):
    """A file cannot be imported; `code` keys its message and nothing has been written."""

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(f"{code} {params}" if params else code)

    def message(self, lang: Lang | str) -> str:
        """Return what is wrong, in the given language."""
        shown = {
            name: value.describe(lang) if isinstance(value, Shown) else value
            for name, value in self.params.items()
        }
        return t(lang, f"data.error.{self.code}", **shown)


# --- the user's terms: file names, column titles, rows ---------------------------------------

# Titles an earlier version shipped and a later one reworded, by (table, column): a file saved
# with the old wording must keep importing.
_OLD_TITLES: Mapping[tuple[str, str], tuple[str, ...]] = {}


@dataclass(frozen=True)
class _Added:
    """A column added to a table after the table shipped, and what a file without it holds."""

    # The schema revision that added the column.
    since: str
    # The cell a file without the column reads as: the value its migration gave stored rows.
    default: str
    # A setting of the same file whose value, when it is one of the column's codes, is read
    # instead, as the migration read it from the stored settings.
    setting: str = ""


# Columns added to a table after it shipped, by table then column.
_ADDED_COLUMNS: Mapping[str, Mapping[str, _Added]] = {
    "answers": {
        "titles": _Added("0007", ""),
        "company_kind": _Added("0007", ""),
        # Until 0007 the drafts were written in the interface language.
        "profile_lang": _Added("0007", "fr", setting=LANG),
    },
}


def _term(lang: Lang | str, key: str) -> str | None:
    return catalog(as_lang(lang)).get(key)


def table_label(table: str, lang: Lang | str) -> str:
    """Return what the user calls a table's rows: "Relevés SSI", "SSI check-ins"."""
    return _term(lang, f"transfer.table.{table}") or table


def column_label(table: str, column: str, lang: Lang | str) -> str:
    """Return a column's title in a language; a name no table has is returned as given."""
    return _term(lang, f"transfer.header.{table}.{column}") or column


def file_name(table: str, lang: Lang | str) -> str:
    """Return the name of a table's CSV file in the language's zip: "releves.csv"."""
    return f"{_term(lang, f'transfer.file.{table}') or table}.csv"


def row_label(table: str, when: date | None, lang: Lang | str) -> str | None:
    """Return how the user knows a row by its date: "relevé du 01/02/2025", "octobre 2026"."""
    key = f"transfer.row.{table}"
    if when is None or _term(lang, key) is None:
        return None
    day = when.date() if isinstance(when, datetime) else when
    time = when.strftime("%H:%M") if isinstance(when, datetime) else ""
    return t(
        lang,
        key,
        date=format_date(day, lang),
        month=format_month_long(day, lang),
        time=time,
    )


def _folded(text: str) -> str:
    """Return a title as compared: without case, accents, underscores or extra spaces."""
    plain = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    return " ".join(plain.casefold().replace("_", " ").split())


@cache
def _titles(table: str) -> Mapping[str, str]:
    """Return every title a table's columns are known by, folded: codes and both languages."""
    found: dict[str, str] = {}
    for column in TABLES[table].column_names:
        labels = (column_label(table, column, lang) for lang in Lang)
        for title in (column, *labels, *_OLD_TITLES.get((table, column), ())):
            found.setdefault(_folded(title), column)
    return found


@cache
def _french_titles(table: str) -> frozenset[str]:
    """Return the titles of a table that only a French file carries."""
    other = {_folded(column_label(table, c, Lang.EN)) for c in TABLES[table].column_names}
    other |= {_folded(column) for column in TABLES[table].column_names}
    french = {_folded(column_label(table, c, Lang.FR)) for c in TABLES[table].column_names}
    return frozenset(french - other)


def _resolve(header: Sequence[str], table: str) -> list[str | None]:
    """Return the column each title names in a table, None for a title it does not know."""
    titles = _titles(table)
    return [titles.get(_folded(cell)) for cell in header]


def header_table(header: Sequence[str]) -> str | None:
    """Return the table whose columns a CSV's titles name, each once and nothing else.

    A file of an earlier schema may lack the columns added to the table since.
    """
    for table, spec in TABLES.items():
        resolved = _resolve(header, table)
        if None in resolved or len(set(resolved)) != len(resolved):
            continue
        if set(spec.column_names) - set(map(str, resolved)) <= set(_ADDED_COLUMNS.get(table, {})):
            return table
    return None


def _nearest_table(header: Sequence[str]) -> str | None:
    """Return the one table most titles belong to, when at least two of them do."""
    scores = {table: sum(c is not None for c in _resolve(header, table)) for table in TABLES}
    best = max(scores.values())
    leaders = [table for table, score in scores.items() if score == best]
    return leaders[0] if best >= 2 and len(leaders) == 1 else None


@cache
def _file_tables() -> Mapping[str, str]:
    """Return the table of each CSV file name a zip may hold, folded and without .csv."""
    found: dict[str, str] = {}
    for table in TABLES:
        for name in (table, *(file_name(table, lang).removesuffix(".csv") for lang in Lang)):
            found.setdefault(_folded(name), table)
    return found


def _table_of_file(name: str) -> str | None:
    path = PurePosixPath(name)
    if path.suffix.casefold() != ".csv":
        return None
    return _file_tables().get(_folded(path.stem))


@dataclass(frozen=True)
class TableName(Shown):
    """A table, named as the user knows its rows."""

    table: str

    def describe(self, lang: Lang | str) -> str:
        """Return the table's name in the language: "Relevés SSI"."""
        return table_label(self.table, lang)


@dataclass(frozen=True)
class ColumnName(Shown):
    """A column of a table, named by its title."""

    table: str
    column: str

    def describe(self, lang: Lang | str) -> str:
        """Return the column's title in the language: "Trouver les bonnes personnes"."""
        return column_label(self.table, self.column, lang)


@dataclass(frozen=True)
class FileName(Shown):
    """A file of an import: the name it came with, or the one an export gives its table."""

    name: str = ""
    table: str = ""

    def describe(self, lang: Lang | str) -> str:
        """Return the file's name, "releves.csv", or "Le fichier CSV" when it came unnamed."""
        if self.name:
            return self.name
        if self.table:
            return file_name(self.table, lang)
        return t(lang, "transfer.unnamed_file")


@dataclass(frozen=True)
class Place(Shown):
    """Where a row sits: a line of a CSV file, or a record of a JSON table, and its date."""

    source: str  # the CSV file's name, or the table of a JSON record
    number: int
    is_csv: bool
    table: str = ""
    # The row's date or moment, when it reads as one: the user finds a row by it.
    when: date | None = None

    def describe(self, lang: Lang | str) -> str:
        """Return the place as the user can find it: "releves.csv, ligne 5 (relevé du …)"."""
        if self.is_csv:
            source = FileName(self.source).describe(lang)
            where = t(lang, "data.where.line", source=source, number=self.number)
        else:
            table = table_label(self.table or self.source, lang)
            where = t(lang, "data.where.record", table=table, number=self.number)
        row = row_label(self.table, self.when, lang)
        return where if row is None else t(lang, "transfer.where.row", where=where, row=row)


@dataclass(frozen=True)
class Count(Shown):
    """A number of rows or characters, grouped as the language writes it."""

    value: int

    def describe(self, lang: Lang | str) -> str:
        """Return the number as the user reads it: "5 000", "5,000"."""
        return format_count(self.value, lang)


@dataclass(frozen=True)
class Day(Shown):
    """A date, written as the language writes it."""

    value: date

    def describe(self, lang: Lang | str) -> str:
        """Return the date as the user reads it: "31/01/2026", "2026-01-31"."""
        return format_date(self.value, lang)


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
        shown = ColumnName(place.table, column)
        super().__init__(key, where=place, column=shown, problem=code, **params)

    def dated(self, when: date | None) -> RowError:
        """Return the same error, its place known by the row's date or moment too."""
        place = replace(self.place, when=when)
        return RowError(place, self.column, self.problem, **self.problem_params)

    def message(self, lang: Lang | str) -> str:
        """Return the place, the column and the problem, in the given language."""
        if isinstance(self.problem, InvalidInput):
            problem = self.problem.problem(lang)
        else:
            params = {
                name: value.describe(lang) if isinstance(value, Shown) else value
                for name, value in self.problem_params.items()
            }
            problem = t(lang, f"data.problem.{self.problem}", **params)
        return t(
            lang,
            f"data.error.{self.code}",
            where=self.place.describe(lang),
            column=column_label(self.place.table, self.column, lang),
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


def neutralised(text: str) -> str:
    """Return a text cell that a spreadsheet shows as text, never runs as a formula."""
    return f"'{text}" if _FORMULA.match(text) else text


def restored(text: str) -> str:
    """Return a text cell as it was before neutralised(): its added ' taken off."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


def _csv_value(value: object, lang: Lang, kind: Kind) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        yes, no = _FLAGS[lang]
        return yes if value else no
    if isinstance(value, float):
        return decimal_text(value, decimal_comma=lang is Lang.FR)
    if isinstance(value, date):
        return value.isoformat()
    # Only free text: a number's sign or a code is no formula, and must stay as it is.
    return neutralised(str(value)) if kind is Kind.TEXT else str(value)


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


def _csv_bytes(rows: Iterable[Sequence[str]], separator: str) -> bytes:
    """Return rows as a CSV file's bytes, encoded as they are written: no text copy is kept."""
    buffer = io.BytesIO()
    # The BOM tells Excel the file is UTF-8, so accents show right.
    text = io.TextIOWrapper(buffer, encoding="utf-8-sig", newline="")
    csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows(rows)
    text.flush()
    content = buffer.getvalue()
    text.detach()
    return content


def _table_rows(data: ProfileData, table: str, lang: Lang) -> Iterator[tuple[str, ...]]:
    """Return a table's titles, then its rows, one by one, as its CSV file holds them."""
    spec = TABLES[table]
    yield tuple(column_label(table, column, lang) for column in spec.column_names)
    langs, kinds = (lang,) * len(spec.columns), tuple(column.kind for column in spec.columns)
    for record in data.rows(table):
        yield tuple(map(_csv_value, spec.values(record), langs, kinds))


def export_zip(data: ProfileData, schema: str, lang: Lang | str) -> bytes:
    """Return a zip with a manifest and one CSV per table, in the language's words and style.

    Each table's file and column titles are named in the language; the manifest, read by the
    app alone, keeps its codes. Each file is written and packed before the next is made.
    """
    code = as_lang(lang)
    separator = csv_separator(code)
    manifest = [
        ("key", "value"),
        ("format", FORMAT),
        ("format_version", str(FORMAT_VERSION)),
        ("schema", schema),
        *((f"rows.{table}", str(count)) for table, count in data.counts().items()),
    ]
    files: Iterator[tuple[str, Callable[[], bytes]]] = itertools.chain(
        ((MANIFEST, lambda: _csv_bytes(manifest, separator)),),
        (
            (file_name(table, code), partial(_csv_bytes, _table_rows(data, table, code), separator))
            for table in TABLES
        ),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, content())
    return buffer.getvalue()


# --- import ---------------------------------------------------------------------------------


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _day_of(text: str, day_first: bool) -> date | None:
    """Return the date of an ISO text, or of a day-first one when the file may hold them."""
    text = text.strip()
    try:
        if _DATE.fullmatch(text):
            return date.fromisoformat(text)
        found = _DAY_FIRST.fullmatch(text) if day_first else None
        if found is not None and found[4] is None:
            return date(int(found[3]), int(found[2]), int(found[1]))
    except ValueError:
        pass
    return None


def _moment_of(text: str, day_first: bool) -> datetime | None:
    """Return the date and time of an ISO text, or of a day-first one with its time."""
    text = text.strip()
    try:
        if _DATETIME.fullmatch(text):
            return datetime.fromisoformat(text)
        found = _DAY_FIRST.fullmatch(text) if day_first else None
        # A moment without its time would be another moment: only a full one reads.
        if found is not None and found[4] is not None:
            day, month, year, hour, minute = (int(found[i]) for i in (1, 2, 3, 4, 5))
            return datetime(year, month, day, hour, minute, int(found[6] or 0))
    except ValueError:
        pass
    return None


def _when(spec: Table[R], raw: Mapping[str, object], day_first: bool) -> date | None:
    """Return the date or moment a row is known by: its first identity column that holds one."""
    by_name = {c.name: c for c in spec.columns}
    identity = (by_name[name] for name in spec.identity_columns)
    column = next((c for c in identity if c.kind in (Kind.DATE, Kind.MOMENT)), None)
    value = None if column is None else raw.get(column.name)
    if column is None or not isinstance(value, str):
        return None
    if column.kind is Kind.DATE:
        return _day_of(value, day_first)
    return _moment_of(value, day_first)


class _Cells:
    """One row's raw values, read as typed values; a bad cell raises RowError.

    day_first: the row comes from a CSV file a French spreadsheet may have saved, whose dates
    may read 31/01/2026 rather than 2026-01-31.
    """

    def __init__(self, raw: Mapping[str, object], place: Place, day_first: bool = False) -> None:
        self.raw = raw
        self.place = place
        self.from_text = place.is_csv
        self.day_first = day_first

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
        found = _day_of(value, self.day_first) if isinstance(value, str) else None
        if found is None:
            self.fail(column, "not_a_date_dmy" if self.day_first else "not_a_date")
        return found

    def moment(self, column: str, optional: bool = False) -> datetime | None:
        value = self.value(column, optional)
        if value is None:
            return None
        found = _moment_of(value, self.day_first) if isinstance(value, str) else None
        if found is None:
            self.fail(column, "not_a_datetime_dmy" if self.day_first else "not_a_datetime")
        return found

    def number(
        self, column: str, optional: bool = False, whole: bool = False
    ) -> float | int | None:
        value = self.value(column, optional)
        if value is None:
            return None
        number: float | int | None = None
        if isinstance(value, _BadNumber):
            self.fail(column, value.problem, limit=MAX_STORED_NUMBER)
        if self.from_text and isinstance(value, str):
            number = self._number_of(column, value.translate(_SPACES), whole)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            number = value
        if number is None:
            self.fail(column, "not_a_number")
        if not abs(number) <= MAX_STORED_NUMBER and not math.isnan(number):
            self.fail(column, "too_big", limit=MAX_STORED_NUMBER)
        return number

    def _number_of(self, column: str, text: str, whole: bool) -> float | int | None:
        """Return the number a cell's text writes, or None when it writes none."""
        grouped = _GROUPED.fullmatch(text) if whole else None
        if grouped is not None:
            # Two marks or more can only group thousands; one may be a decimal mark too.
            if text.count(grouped[1] or grouped[2]) == 1:
                self.fail(column, "ambiguous_number", value=text)
            text = text.replace(grouped[1] or grouped[2], "")
        if not _NUMBER.fullmatch(text):
            return None
        # Checked before int(), which refuses thousands of digits with a ValueError.
        if len(text.lstrip("+-").split(",")[0].split(".")[0]) > _MAX_DIGITS:
            self.fail(column, "too_big", limit=MAX_STORED_NUMBER)
        return int(text) if text.lstrip("+-").isdigit() else float(text.replace(",", "."))

    def whole(self, column: str, optional: bool = False) -> int | None:
        number = self.number(column, optional, whole=True)
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
        if self.from_text:
            value = restored(value)
        # PostgreSQL refuses NUL, and no database stores a lone surrogate from a JSON escape.
        if "\x00" in value or not _encodable(value):
            self.fail(column, "invalid_character")
        # Nor could a form have saved a control character, or a line break in a one-line text.
        check_characters(column, value, multiline=(self.place.table, column) in MULTILINE_TEXTS)
        # Checked here because a database refuses a longer text halfway through an import.
        if limit is not None and len(value) > limit:
            self.fail(column, "too_long", limit=Count(limit))
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


def _record(spec: Table[R], cells: _Cells, limits: Mapping[str, int], clock: Clock) -> R:
    """Return the record of one row, built through the domain; a bad value raises RowError."""
    row: dict[str, object] = {}
    try:
        for column in spec.columns:
            row[column.name] = cells.read(column, row, limits.get(column.name))
        _check_dates(spec.name, row, cells.place, clock)
        record = spec.build(Values(row))
    except InvalidInput as error:
        name = spec.column_of(error.field)
        if error.code == "unknown_choice" and isinstance(row.get(name), str):
            # A form offers its choices; a file shows the value it holds instead.
            raise RowError(cells.place, name, "unknown_code", value=row[name]) from None
        raise RowError(cells.place, name, error) from None
    _admit(record, cells.place)
    return record


# --- what an import may hold: what the forms accept -----------------------------------------


@dataclass(frozen=True)
class Clock:
    """The day and the moment an import is checked against: nothing may come after them."""

    today: date
    # UTC without an offset, as moments are stored.
    now: datetime

    @classmethod
    def current(cls) -> Clock:
        """Return this computer's date and the current UTC moment."""
        return cls(date.today(), datetime.now(UTC).replace(tzinfo=None))


# The lever of every task a routine can hold: a tick's lever is its task's, as Today saves it.
TASK_LEVERS: Mapping[str, Lever] = MappingProxyType(
    {
        **{variant.key: lever for lever, pool in DAILY_VARIANTS.items() for variant in pool},
        **{variant.key: Lever.HEADLINE for variant in (*WEEKLY_VARIANTS, PUBLISH_VARIANT)},
        **{variant.key: lever for lever, variant in DEPTH_VARIANTS.items()},
    }
)
_FIRST_MOMENT = datetime.combine(FIRST_SSI_DATE, time())
_BEFORE_SSI = {"first": FIRST_SSI_DATE.year}


@cache
def _dated(table: str) -> tuple[tuple[str, Kind], ...]:
    """Return the columns of a table that hold a date or a moment, with their kind."""
    kinds = (Kind.DATE, Kind.MOMENT)
    return tuple((c.name, c.kind) for c in TABLES[table].columns if c.kind in kinds)


def _check_dates(table: str, row: Mapping[str, object], place: Place, clock: Clock) -> None:
    """Refuse a date before the SSI existed, or later than a form would have saved it."""
    for name, kind in _dated(table):
        value = row[name]
        if kind is Kind.MOMENT and isinstance(value, datetime):
            if value < _FIRST_MOMENT:
                raise RowError(place, name, InvalidInput(name, "before_ssi", **_BEFORE_SSI))
            # An answers row dated in the future would stay the current one for good.
            if value > clock.now:
                raise RowError(place, name, InvalidInput(name, "in_future"))
        elif kind is Kind.DATE and isinstance(value, date):
            if value < FIRST_SSI_DATE:
                raise RowError(place, name, InvalidInput(name, "before_ssi", **_BEFORE_SSI))
            if table == "day_marks" and row.get("kind") == HOLIDAY:
                latest = clock.today + HOLIDAY_HORIZON
                if value > latest:
                    raise RowError(place, name, "too_far", latest=Day(latest))
            elif value > clock.today:
                raise RowError(place, name, InvalidInput(name, "in_future"))


def _check_tick(tick: TickRecord, place: Place) -> None:
    """Refuse a tick that Today could not have saved: its task, lever or minutes."""
    lever = TASK_LEVERS.get(tick.task_key)
    if lever is None:
        raise RowError(place, "task_key", "unknown_code", value=tick.task_key)
    if tick.lever != lever.value:
        raise RowError(place, "lever", "lever_mismatch")
    # A task takes at most the day's whole budget.
    if tick.minutes > MINUTES_MAX:
        limits = {"low": 1, "high": MINUTES_MAX}
        raise RowError(place, "minutes", InvalidInput("minutes", "out_of_range", **limits))


def _admit(record: object, place: Place) -> None:
    """Refuse a record that the domain builds but no form of the app would have saved."""
    if isinstance(record, TickRecord):
        _check_tick(record, place)
    elif isinstance(record, Setting) and record.key not in KNOWN_SETTINGS:
        raise RowError(place, "key", "unknown_code", value=record.key)


def _records(
    table: str,
    rows: Iterator[tuple[Place, Mapping[str, object]]],
    text_limits: TextLimits,
    clock: Clock,
    day_first: bool = False,
    defaults: Mapping[str, str] | None = None,
) -> list[object]:
    """Return the validated records of one table, refusing a repeated identity.

    Reading stops at the first row past the table's MAX_ROWS. defaults: the cells of the
    columns the file may lack, for the rows that lack them.
    """
    spec = TABLES[table]
    limits = {**UNBOUNDED_TEXT_LIMITS.get(table, {}), **text_limits.get(table, {})}
    records: list[object] = []
    seen: set[object] = set()
    for found, cells in rows:
        if len(records) == MAX_ROWS[table]:
            raise TransferError("too_many_rows", table=TableName(table), limit=Count(len(records)))
        raw = {**defaults, **cells} if defaults else cells
        try:
            record = _record(spec, _Cells(raw, found, day_first), limits, clock)
            identity = spec.identity(record)
            if identity in seen:
                raise RowError(found, spec.identity_column, "duplicate")
        except RowError as error:
            # The row's date, which the user finds it by, is read only for a message.
            raise error.dated(_when(spec, raw, day_first)) from None
        seen.add(identity)
        records.append(record)
    return records


def _check_versions(version: object, schema: object, known_schemas: Sequence[str]) -> None:
    if isinstance(version, str) and version.strip().isdigit() and len(version) <= _MAX_DIGITS:
        version = int(version)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise TransferError("structure", detail="format_version")
    if version > FORMAT_VERSION:
        raise TransferError("newer_format", version=version, supported=FORMAT_VERSION)
    if not isinstance(schema, str) or not schema:
        raise TransferError("structure", detail="schema")
    if schema not in known_schemas:
        raise TransferError("newer_schema", schema=schema, head=known_schemas[-1])


def _predates(schema: object, since: str, known_schemas: Sequence[str]) -> bool:
    """Tell whether a file's schema comes before a revision."""
    if schema not in known_schemas:
        return False
    # A revision this app does not know yet comes after every one it knows.
    return since not in known_schemas or known_schemas.index(schema) < known_schemas.index(since)


def _absent_allowed(table: str, schema: object, known_schemas: Sequence[str]) -> bool:
    """Tell whether a file may leave a table out: a file written before the table existed."""
    since = TABLES[table].since
    return since is not None and _predates(schema, since, known_schemas)


# The columns of a table a file may lack, by table.
Lacking = Callable[[str], frozenset[str]]


def _lacking(schema: object | None, known_schemas: Sequence[str]) -> Lacking:
    """Return which columns a file of this schema may lack; a CSV file alone has no schema."""

    def lacking(table: str) -> frozenset[str]:
        added = _ADDED_COLUMNS.get(table, {})
        return frozenset(
            name
            for name, column in added.items()
            if schema is None or _predates(schema, column.since, known_schemas)
        )

    return lacking


def _file_settings(rows: Iterable[object]) -> dict[str, str]:
    """Return the settings a file holds by key, as far as they read: they only pick defaults."""
    found: dict[str, str] = {}
    for row in rows:
        if isinstance(row, Setting):
            row = {"key": row.key, "value": row.value}
        if not isinstance(row, Mapping):
            continue
        key, value = row.get("key"), row.get("value")
        if isinstance(key, str) and isinstance(value, str):
            found[key.strip()] = value.strip()
    return found


def _defaults(table: str, columns: Iterable[str], settings: Mapping[str, str]) -> dict[str, str]:
    """Return the cell each of these added columns reads as in a file that lacks it."""
    spec = {column.name: column for column in TABLES[table].columns}
    defaults: dict[str, str] = {}
    for name in columns:
        added = _ADDED_COLUMNS[table][name]
        setting = settings.get(added.setting, "") if added.setting else ""
        defaults[name] = setting if setting in spec[name].codes else added.default
    return defaults


def _declared(table: str, counts: Mapping[str, object]) -> int:
    """Return the number of rows a file announces for a table."""
    expected = counts.get(table)
    if isinstance(expected, str) and expected.strip().isdigit() and len(expected) <= _MAX_DIGITS:
        expected = int(expected)
    if isinstance(expected, bool) or not isinstance(expected, int):
        raise TransferError("structure", detail=f"counts.{table}")
    return expected


def _check_announced(tables: Iterable[str], counts: Mapping[str, object]) -> None:
    """Refuse a file that announces more rows than a table may hold, before reading any."""
    for table in tables:
        if _declared(table, counts) > MAX_ROWS[table]:
            raise TransferError(
                "too_many_rows", table=TableName(table), limit=Count(MAX_ROWS[table])
            )


def _check_count(table: str, counts: Mapping[str, object], found: int) -> None:
    expected = _declared(table, counts)
    if expected != found:
        raise TransferError(
            "count_mismatch", table=TableName(table), expected=expected, found=found
        )


# --- JSON -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _BadNumber:
    """A JSON number no column can hold, kept as written so that the cell holding it is named."""

    text: str
    problem: Literal["too_big", "not_a_number"]

    def __str__(self) -> str:
        return self.text


def _json_int(text: str) -> int | _BadNumber:
    # int() refuses thousands of digits with a ValueError that would name no record.
    return int(text) if len(text) <= _MAX_DIGITS + 1 else _BadNumber(text, "too_big")


def _json_float(text: str) -> float | _BadNumber:
    value = float(text)
    return value if math.isfinite(value) else _BadNumber(text, "too_big")


def _json_constant(text: str) -> _BadNumber:
    # NaN and Infinity: Python's json reads them, JSON itself has no such numbers.
    return _BadNumber(text, "not_a_number")


class _Repeated(dict[str, object]):
    """A JSON object that names a key twice: `key`, whose last value alone would be kept."""

    def __init__(self, pairs: Mapping[str, object], key: str) -> None:
        super().__init__(pairs)
        self.key = key


def _json_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            return _Repeated(found, key)
        seen.add(key)
    raise AssertionError("unreachable: a repeated key was counted")


# A JSON string, or one of the signs that open, close or separate: what nesting is made of.
_JSON_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},:]')
# The document, its tables, a table's list, a record: a container opened inside holds a field.
_RECORD_DEPTH = 4


def _key_text(token: str) -> str:
    try:
        key = json.loads(token)
    except ValueError:
        return token[1:-1]
    return key if isinstance(key, str) else token[1:-1]


def _too_deep(text: str) -> TransferError:
    """Return the refusal of a JSON text nested deeper than Python reads, naming its record.

    Only a file Python could not read comes here: the text is walked once more, sign by sign,
    up to the first list or object opened inside a record's field.
    """
    # One entry per open container: the key or the position being read in it.
    path: list[str | int] = []
    expect_key = False
    for token in _JSON_TOKEN.finditer(text):
        sign = token[0]
        if sign in "{[":
            if len(path) == _RECORD_DEPTH:
                return _nested_at(path)
            path.append("" if sign == "{" else 0)
            expect_key = sign == "{"
        elif sign in "}]":
            if path:
                path.pop()
            expect_key = False
        elif sign == ",":
            if path and isinstance(path[-1], int):
                path[-1] += 1
            expect_key = bool(path) and isinstance(path[-1], str)
        elif sign == ":":
            expect_key = False
        elif expect_key and path:
            path[-1] = _key_text(sign)
            expect_key = False
    return TransferError("structure", detail="nesting")


def _nested_at(path: Sequence[str | int]) -> TransferError:
    """Return the refusal of a list or object found where a record's field holds a value."""
    top, table, number, column = path
    if top != "tables" or not isinstance(table, str) or not isinstance(number, int):
        return TransferError("structure", detail=str(top))
    if table not in TABLES:
        return TransferError("unknown_table", table=table)
    place = Place(table, number + 1, is_csv=False, table=table)
    if not isinstance(column, str):
        return TransferError("not_a_record", where=place)
    return RowError(place, column, "nested")


def _load_json(text: str) -> object:
    """Return a JSON document; a number or a nesting no record can hold is kept to be named."""
    try:
        return json.loads(
            text,
            object_pairs_hook=_json_object,
            parse_int=_json_int,
            parse_float=_json_float,
            parse_constant=_json_constant,
        )
    except json.JSONDecodeError as error:
        raise TransferError("bad_json", line=error.lineno) from None
    except RecursionError:
        raise _too_deep(text) from None


def _read_json(
    text: str, known_schemas: Sequence[str], text_limits: TextLimits, clock: Clock
) -> ProfileData:
    document = _load_json(text)
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError("other_kind")
    if isinstance(document, _Repeated):
        raise TransferError("structure", detail=document.key)
    _check_versions(document.get("format_version"), document.get("schema"), known_schemas)
    counts, tables = document.get("counts"), document.get("tables")
    if not isinstance(counts, dict) or isinstance(counts, _Repeated):
        raise TransferError("structure", detail="counts")
    if not isinstance(tables, dict):
        raise TransferError("structure", detail="tables")
    for name in tables:
        if name not in TABLE_NAMES:
            raise TransferError("unknown_table", table=name)
    if isinstance(tables, _Repeated):
        raise TransferError("repeated_table", table=TableName(tables.key))
    _check_announced((table for table in TABLE_NAMES if table in tables), counts)
    found: dict[str, list[object]] = {}
    lacking = _lacking(document.get("schema"), known_schemas)
    held = tables.get("settings")
    settings = _file_settings(held) if isinstance(held, list) else {}
    for table in TABLE_NAMES:
        rows = tables.get(table)
        absent = rows is None and table not in counts
        if absent and _absent_allowed(table, document.get("schema"), known_schemas):
            found[table] = []
            continue
        if not isinstance(rows, list):
            raise TransferError("missing_table", table=TableName(table))
        _check_count(table, counts, len(rows))
        may_lack = lacking(table)
        found[table] = _records(
            table,
            _json_rows(table, rows, may_lack),
            text_limits,
            clock,
            defaults=_defaults(table, may_lack, settings),
        )
    return ProfileData.of(found)


def _json_rows(
    table: str, rows: list[object], may_lack: frozenset[str] = frozenset()
) -> Iterator[tuple[Place, Mapping[str, object]]]:
    for number, raw in enumerate(rows, start=1):
        place = Place(table, number, is_csv=False, table=table)
        if not isinstance(raw, dict):
            raise TransferError("not_a_record", where=place)
        if isinstance(raw, _Repeated):
            raise RowError(place, raw.key, "repeated_field")
        expected = TABLES[table].column_names
        for column in expected:
            if column not in raw and column not in may_lack:
                raise RowError(place, column, "absent")
        for column in raw:
            if column not in expected:
                raise RowError(place, str(column), "unknown_column")
        yield place, raw


# --- CSV ------------------------------------------------------------------------------------


def _split(line: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=separator), [])
    except csv.Error:
        return []


def _separator(first_line: str) -> str:
    """Return the separator of a CSV: the one whose titles name a table, else the most used."""
    for separator in SEPARATORS:
        if header_table(_split(first_line, separator)) is not None:
            return separator
    return max(SEPARATORS, key=first_line.count)


def _encoding(source: FileName, content: bytes) -> str:
    """Return what a CSV file is written in: UTF-8, UTF-16 with a BOM, or Windows-1252.

    Windows-1252 is what Excel's plain "CSV" saves in Western Europe. The whole file is checked
    here, a slice at a time, so that reading its rows one by one later cannot fail halfway.
    """
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "cp1252")
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            for start in range(0, len(content), MEGABYTE):
                decoder.decode(content[start : start + MEGABYTE])
            decoder.decode(b"", final=True)
            if len(content) < len(codecs.BOM_UTF8) + 1:
                # The incremental UTF-8-sig decoder lets a lone start of a BOM (b"\xef") through.
                content.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    raise TransferError("not_utf8", source=source)


def _decode(source: FileName, content: bytes) -> str:
    """Return a CSV file's text; see _encoding."""
    return content.decode(_encoding(source, content))


def _file_lines(source: FileName, content: bytes) -> Iterator[str]:
    """Return a CSV file's lines one by one, decoded as they are read: never a whole copy."""
    encoding = _encoding(source, content)
    return io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")


# A line with its end, as a spreadsheet may end it: \r\n, \n, or an old Mac's \r alone.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(text: str) -> Iterator[str]:
    """Return a text's lines one by one, so that no copy of the whole text is made."""
    # io.StringIO would hold the text again, four bytes a character.
    return (found[0] for found in _LINE.finditer(text))


def _csv_refusal(source: FileName, line: int, error: csv.Error) -> TransferError:
    where = Place(source.name, line, is_csv=True)
    if "field larger than field limit" in str(error):
        return TransferError("cell_too_long", where=where, limit=Count(csv.field_size_limit()))
    return TransferError("bad_csv", where=where)


@dataclass(frozen=True)
class _Grid:
    """A CSV file as cells: its titles, its rows as read, with line numbers, and its separator."""

    header: list[str]
    rows: Iterator[tuple[int, list[str]]]
    separator: str


def _grid(source: FileName, lines: Iterator[str]) -> _Grid:
    """Return the cells of a CSV file, whichever separator and line ends a spreadsheet chose."""
    first_line = next(lines, "")
    line = 0
    separator = ""
    # Excel reads, and some users write, a first line that names the separator: "sep=;".
    if re.fullmatch(r"sep=.", first_line.strip(), re.IGNORECASE):
        separator, line = first_line.strip()[-1], 1
        first_line = next(lines, "")
    separator = separator or _separator(first_line.rstrip("\r\n"))
    reader = csv.reader(itertools.chain((first_line,), lines), delimiter=separator, strict=True)
    try:
        cells = next(reader, None)
    except csv.Error as error:
        raise _csv_refusal(source, line + 1, error) from None
    header = [cell.strip() for cell in cells or ()]
    # A spreadsheet may save the empty columns right of the table.
    while header and not header[-1]:
        header.pop()
    if not header:
        raise TransferError("empty_file", source=source)
    return _Grid(header, _grid_rows(source, reader, line + 1, len(header)), separator)


def _grid_rows(
    source: FileName, reader: Iterator[list[str]], line: int, width: int
) -> Iterator[tuple[int, list[str]]]:
    """Return the rows below the titles one by one, with their line numbers."""
    try:
        for cells in reader:
            line += 1
            # Spreadsheets leave empty rows behind; every table has a required column, so a
            # row with no cell filled in cannot be data.
            if not any(cells):
                continue
            if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
                cells = cells[:width]
            yield line, cells
    except csv.Error as error:
        raise _csv_refusal(source, line + 1, error) from None


def _check_columns(
    source: FileName, header: Sequence[str], table: str, may_lack: frozenset[str]
) -> list[str]:
    """Return the column each title names, refusing a missing, unknown or repeated one."""
    resolved = _resolve(header, table)
    for column in TABLES[table].column_names:
        if column not in resolved and column not in may_lack:
            raise TransferError("missing_column", source=source, column=ColumnName(table, column))
        if resolved.count(column) > 1:
            raise TransferError("repeated_column", source=source, column=ColumnName(table, column))
    for position, (title, found) in enumerate(zip(header, resolved, strict=True), start=1):
        if found is None and not title:
            raise TransferError("untitled_column", source=source, position=position)
        if found is None:
            raise TransferError("unknown_column", source=source, column=title)
    return [str(column) for column in resolved]


@dataclass(frozen=True)
class _Sheet:
    """One CSV file of a table: its rows by column, read one by one, and how its dates read."""

    table: str
    rows: Iterator[tuple[Place, dict[str, str]]]
    day_first: bool
    # The columns added since the file's schema that it does not have.
    lacks: frozenset[str] = frozenset()


def _sheet(source: FileName, lines: Iterator[str], known: str | None, lacking: Lacking) -> _Sheet:
    """Return the rows of a table's CSV file; when the table is not known, its titles say it."""
    grid = _grid(source, lines)
    table = known or header_table(grid.header) or _nearest_table(grid.header)
    if table is None:
        raise TransferError("unknown_header", source=source)
    columns = _check_columns(source, grid.header, table, lacking(table))
    # A French spreadsheet saves the dates it recognised day first; an English one may save
    # them month first, which no rule could tell from day first: only French files may.
    french = any(_folded(title) in _french_titles(table) for title in grid.header)
    lacks = frozenset(TABLES[table].column_names) - frozenset(columns)
    rows = _sheet_rows(source, grid.rows, table, columns)
    return _Sheet(table, rows, day_first=french or grid.separator == ";", lacks=lacks)


def _sheet_rows(
    source: FileName, rows: Iterator[tuple[int, list[str]]], table: str, columns: list[str]
) -> Iterator[tuple[Place, dict[str, str]]]:
    for line, cells in rows:
        place = Place(source.name, line, is_csv=True, table=table)
        if len(cells) != len(columns):
            raise TransferError("cell_count", where=place, found=len(cells), expected=len(columns))
        yield place, dict(zip(columns, cells, strict=True))


# --- zip ------------------------------------------------------------------------------------


def _clutter(name: str) -> bool:
    """Tell whether a zip member is one a zip tool added on its own, not the user."""
    return any(part in name for part in _ZIP_CLUTTER) or PurePosixPath(name).name.startswith(".")


def _from_zip(action: Callable[[], R]) -> R:
    """Return what a zip operation gives; a damaged archive is refused as such."""
    try:
        return action()
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


@dataclass(frozen=True)
class _Members:
    """An export's zip, open: its manifest's name and each table's CSV file's name."""

    archive: zipfile.ZipFile
    manifest: str
    files: Mapping[str, str]

    def read(self, name: str) -> bytes:
        """Return one member's bytes, unpacked only now: one file in memory at a time."""
        return _from_zip(lambda: self.archive.read(name))


def _unzip(archive: zipfile.ZipFile) -> _Members:
    """Return the manifest and each table's CSV file of a zip, by table."""
    # ZipInfo.is_dir() crashes on the empty name a damaged header can carry.
    members = [
        info
        for info in _from_zip(archive.infolist)
        if not info.filename.endswith("/") and not _clutter(info.filename)
    ]
    if sum(info.file_size for info in members) > MAX_UNPACKED_BYTES:
        raise TransferError("too_large_unpacked", limit=MAX_UNPACKED_BYTES // MEGABYTE)
    names = [info.filename for info in members]
    # A user who unzips and zips again may add the folder to every name.
    manifest = next((n for n in names if PurePosixPath(n).name == MANIFEST), None)
    if manifest is None:
        raise TransferError("other_kind_zip")
    files: dict[str, str] = {}
    for name in names:
        if name == manifest:
            continue
        table = _table_of_file(name)
        if table is None:
            raise TransferError("unexpected_file", source=FileName(name))
        if table in files:
            first = FileName(files[table])
            raise TransferError("repeated_file", table=TableName(table), first=first, second=name)
        files[table] = name
    return _Members(archive, manifest, files)


# The manifest holds a dozen lines; reading stops well after them.
_MANIFEST_LINES = 1000


def _manifest(name: str, content: bytes) -> dict[str, str]:
    source = FileName(name)
    grid = _grid(source, _file_lines(source, content))
    if grid.header[:2] != ["key", "value"]:
        return {}
    rows = (cells for _, cells in itertools.islice(grid.rows, _MANIFEST_LINES))
    return {cells[0].strip(): cells[1].strip() for cells in rows if len(cells) >= 2}


@dataclass(frozen=True)
class Incoming:
    """A file read and validated: its rows, what kind of file it was, and the tables it holds."""

    data: ProfileData
    kind: Literal["json", "zip", "csv"]
    # The tables a CSV file is for, or those an export holds rows of.
    tables: tuple[str, ...]


def _held(data: ProfileData) -> tuple[str, ...]:
    """Return the tables an export holds rows of: an empty one changes nothing."""
    return tuple(table for table in TABLE_NAMES if data.rows(table))


def _read_zip(
    content: bytes, known_schemas: Sequence[str], text_limits: TextLimits, clock: Clock
) -> Incoming:
    archive = _from_zip(lambda: zipfile.ZipFile(io.BytesIO(content)))
    with archive:
        return _read_members(_unzip(archive), known_schemas, text_limits, clock)


def _read_members(
    members: _Members, known_schemas: Sequence[str], text_limits: TextLimits, clock: Clock
) -> Incoming:
    manifest = _manifest(members.manifest, members.read(members.manifest))
    if manifest.get("format") != FORMAT:
        raise TransferError("other_kind_zip")
    _check_versions(manifest.get("format_version"), manifest.get("schema"), known_schemas)
    counts = {table: manifest.get(f"rows.{table}") for table in TABLE_NAMES}
    for table in TABLE_NAMES:
        # Only a table added after the file's schema may be missing.
        if table not in members.files and not _absent_allowed(
            table, manifest.get("schema"), known_schemas
        ):
            expected = FileName(table=table)
            raise TransferError("missing_file", table=TableName(table), source=expected)
    _check_announced(members.files, counts)
    lacking = _lacking(manifest.get("schema"), known_schemas)
    # Settings first: a column the file lacks may take its value from a setting.
    order = sorted(members.files, key=lambda table: table != "settings")
    settings: dict[str, str] = {}
    found: dict[str, list[object]] = {}
    for table in order:
        name = members.files[table]
        source = FileName(name)
        sheet = _sheet(source, _file_lines(source, members.read(name)), table, lacking)
        defaults = _defaults(table, sheet.lacks, settings)
        found[table] = _records(table, sheet.rows, text_limits, clock, sheet.day_first, defaults)
        _check_count(table, counts, len(found[table]))
        if table == "settings":
            settings = _file_settings(found[table])
    data = ProfileData.of(found)
    return Incoming(data, "zip", _held(data))


def _not_manifest(
    rows: Iterator[tuple[Place, dict[str, str]]], name: str
) -> Iterator[tuple[Place, dict[str, str]]]:
    """Return the rows of a CSV file, refusing the manifest, whose format marker gives it away."""
    for place, row in rows:
        if any(cell.strip() == FORMAT for cell in row.values()):
            raise TransferError("manifest_alone", source=FileName(name))
        yield place, row


def _read_csv(text: str, name: str, text_limits: TextLimits, clock: Clock) -> Incoming:
    """Return the rows of one table's CSV file, edited in a spreadsheet; it has no manifest."""
    # Without a manifest, the file's schema is unknown: it may be one of an earlier version.
    sheet = _sheet(FileName(name), _lines(text), None, _lacking(None, ()))
    # The manifest's key and value titles read as settings.
    rows = _not_manifest(sheet.rows, name)
    defaults = _defaults(sheet.table, sheet.lacks, {})
    records = _records(sheet.table, rows, text_limits, clock, sheet.day_first, defaults)
    return Incoming(ProfileData.of({sheet.table: records}), "csv", (sheet.table,))


def _text(content: bytes) -> str | None:
    """Return the text of a file, or None for a file no text editor or spreadsheet writes."""
    try:
        text = _decode(FileName(), content)
    except TransferError:
        return None
    return None if "\x00" in text else text


def read_import(
    content: bytes,
    known_schemas: Sequence[str],
    text_limits: TextLimits,
    name: str = "",
    clock: Clock | None = None,
) -> Incoming:
    """Return what a JSON export, a zip export or one table's CSV file holds, validated.

    Raise TransferError saying why a file cannot be imported. known_schemas are the schema
    revisions this app can store, oldest first; text_limits the longest text each table's
    columns hold (store.transfer.text_limits()); name the file's own name, for the messages;
    clock the day and moment nothing in the file may come after (now, by default).
    """
    clock = clock or Clock.current()
    if not content:
        raise TransferError("empty")
    if len(content) > MAX_IMPORT_BYTES:
        raise TransferError("too_large", limit=MAX_IMPORT_BYTES // MEGABYTE)
    if content.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _read_zip(content, known_schemas, text_limits, clock)
    text = _text(content)
    if text is None:
        raise TransferError("not_an_export")
    if text.lstrip().startswith("{"):
        data = _read_json(text, known_schemas, text_limits, clock)
        return Incoming(data, "json", _held(data))
    return _read_csv(text, name, text_limits, clock)


def parse_import(
    content: bytes,
    known_schemas: Sequence[str],
    text_limits: TextLimits,
    name: str = "",
    clock: Clock | None = None,
) -> ProfileData:
    """Return the rows of an export, or of one table's CSV file; see read_import."""
    return read_import(content, known_schemas, text_limits, name, clock).data
