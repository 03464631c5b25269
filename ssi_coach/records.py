"""The records a profile holds, as the store returns them and as exports carry them.

Each table is described once, in TABLES: its columns in file order, the kind of each, where each
value sits in its record, its identity, and how a record is built through the domain. The export
and import (transfer.py) and the store's row mapping (store/mapping.py) derive from it, and the
store reads each text's limit from its String(n) column.

To add a column: change the SQLAlchemy model, write the migration, add one Column below (and the
field its table's build reads). To add a table: also a record type, a ProfileData field and, in
store/mapping.py, its model in MODELS.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import Enum, StrEnum
from functools import cached_property
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Generic, TypeVar

from ssi_coach.habits import Tick
from ssi_coach.model import (
    PROFILE_LANGUAGES,
    Answers,
    Goal,
    InvalidInput,
    KpiMonth,
    Reading,
    Role,
    check_characters,
    check_figure,
)
from ssi_coach.plan import Lever
from ssi_coach.review import LIMITS, PROFILE_KINDS, TextKind
from ssi_coach.settings import CHOICES as CODED_SETTINGS

KPI_FIELDS = ("impressions", "engagements", "qualified_conversations", "opportunities")
EXTRA_FIELDS = ("followers", "profile_views")
SKIP = "skip"
HOLIDAY = "holiday"
DAY_MARK_KINDS = (SKIP, HOLIDAY)
# The plan's drafts a user may rewrite, each with the lever whose helper shows it. An edit is
# stored under its draft's code, the same in every language.
DRAFT_LEVERS: Mapping[str, Lever] = MappingProxyType(
    {
        "headline.1": Lever.HEADLINE,
        "headline.2": Lever.HEADLINE,
        "headline.3": Lever.HEADLINE,
        "about": Lever.HEADLINE,
        "recommendation": Lever.HEADLINE,
        "post": Lever.HEADLINE,
        "search.title": Lever.SEARCHES,
        "search.query": Lever.SEARCHES,
        "search.note": Lever.SEARCHES,
        "comment.angle": Lever.COMMENTS,
        "comment.experience": Lever.COMMENTS,
        "comment.question": Lever.COMMENTS,
        "share": Lever.COMMENTS,
        "message.thank_you": Lever.MESSAGES,
        "message.follow_up": Lever.MESSAGES,
    }
)
DRAFT_CODES = tuple(DRAFT_LEVERS)
# LinkedIn's longest field (a post) takes 3,000 characters; no draft needs more.
DRAFT_TEXT_MAX = 3000

R = TypeVar("R")
V = TypeVar("V")
E = TypeVar("E", bound=StrEnum)
# What makes two rows of a table the same row: the values of its identity columns.
Identity = tuple[object, ...]
# The longest text each column holds, by table then column; the store reads them from its models.
TextLimits = Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class KpiEntry:
    """A month of KPIs with the optional audience figures the contract leaves out."""

    kpis: KpiMonth
    followers: int | None = None
    profile_views: int | None = None

    def __post_init__(self) -> None:
        for name in EXTRA_FIELDS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, check_figure(name, value))


@dataclass(frozen=True)
class ReadingSource:
    """The pasted page a reading came from, kept so that it can be parsed again."""

    text: str
    parser_version: str
    industry_name: str | None = None


@dataclass(frozen=True, slots=True)
class StoredTick:
    """One ticked task as stored."""

    day: date
    task_key: str
    lever: str
    minutes: int


@dataclass(frozen=True)
class TickStamp:
    """A cheap summary of a profile's ticks: how many, and the first and last ticked days."""

    count: int
    first_day: date | None
    last_day: date | None


@dataclass(frozen=True)
class ReadingRecord:
    """A reading with the pasted page it came from, if any."""

    reading: Reading
    source_text: str | None = None
    parser_version: str | None = None
    industry_name: str | None = None


@dataclass(frozen=True)
class AnswersRecord:
    """One filled questionnaire and when it was filled."""

    answered_at: datetime
    answers: Answers


@dataclass(frozen=True)
class TickRecord:
    """One routine task ticked on one day."""

    day: date
    task_key: str
    lever: str
    minutes: int
    ticked_at: datetime


@dataclass(frozen=True)
class DayMark:
    """A day taken out of the routine: "skip" or "holiday"."""

    day: date
    kind: str


@dataclass(frozen=True)
class Setting:
    """One stored setting."""

    key: str
    value: str

    def __post_init__(self) -> None:
        check_characters("key", self.key)
        check_characters("value", self.value)


@dataclass(frozen=True)
class DraftEdit:
    """A draft of the plan in the user's own words: the draft's code and their text."""

    code: str
    text: str

    def __post_init__(self) -> None:
        if self.code not in DRAFT_LEVERS:
            raise InvalidInput("code", "unknown_choice")
        # Line breaks and tabs belong in a post; other control characters come from a bad paste.
        check_characters("text", self.text, multiline=True)
        # An empty edit means "no edit": the proposed text stands.
        if not self.text.strip():
            raise InvalidInput("text", "required")
        if len(self.text) > DRAFT_TEXT_MAX:
            raise InvalidInput("text", "too_long", limit=DRAFT_TEXT_MAX)


@dataclass(frozen=True)
class ProfileText:
    """A version of the user's own headline or About, saved on a date."""

    kind: TextKind
    saved_at: datetime
    text: str

    def __post_init__(self) -> None:
        if self.kind not in PROFILE_KINDS:
            raise InvalidInput("kind", "unknown_choice")
        # A code read from a file or the store becomes the enum, so that equal versions compare.
        object.__setattr__(self, "kind", TextKind(self.kind))
        if isinstance(self.text, str) and not self.text.strip():
            raise InvalidInput("text", "required")
        # A headline is one line on LinkedIn; an About keeps its paragraphs.
        check_characters("text", self.text, multiline=self.kind is TextKind.ABOUT)
        limit = LIMITS[self.kind]
        if len(self.text) > limit:
            raise InvalidInput("text", "too_long", limit=limit)


class Kind(StrEnum):
    """What a column holds, which says how a file writes it and how the store keeps it."""

    DATE = "date"  # ISO 8601 date
    MOMENT = "moment"  # ISO 8601 date and time, UTC without an offset
    DECIMAL = "decimal"  # at most 3 decimals; the store keeps exact thousandths in <name>_milli
    WHOLE = "whole"
    FLAG = "flag"
    CODE = "code"  # a language-neutral code: the domain checks it, or `codes` lists the valid ones
    TEXT = "text"  # free text, as long as the store's column allows


@dataclass(frozen=True)
class Column:
    """One column of a table: its name in files and in the store, and what it holds."""

    name: str
    kind: Kind
    optional: bool = False
    # Where the value sits in the record, as a dotted path; the column's name when empty.
    attr: str = ""
    # The codes a CODE column takes, when no domain type checks them.
    codes: tuple[str, ...] = ()
    # A TEXT column holding a code when another column says so: (that column, its value → codes).
    codes_by: tuple[str, Mapping[str, tuple[str, ...]]] | None = None
    # Whether an empty text is a value; when False, an empty cell is a missing one.
    blank: bool = True


@dataclass(frozen=True)
class Values:
    """One row's values by column name, each as its column's kind says; the domain checks them."""

    by_column: Mapping[str, object]

    def _of(self, name: str, kind: type[V]) -> V:
        value = self.by_column[name]
        if not isinstance(value, kind):
            raise TypeError(f"{name}: a {kind.__name__} was expected, not {type(value).__name__}")
        return value

    def day(self, name: str) -> date:
        """Return a DATE value."""
        return self._of(name, date)

    def moment(self, name: str) -> datetime:
        """Return a MOMENT value."""
        return self._of(name, datetime)

    def decimal(self, name: str) -> float:
        """Return a DECIMAL value; a whole number is a decimal too."""
        value = self.by_column[name]
        if isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        return self._of(name, float)

    def optional_decimal(self, name: str) -> float | None:
        """Return a DECIMAL value, or None."""
        return None if self.by_column[name] is None else self.decimal(name)

    def whole(self, name: str) -> int:
        """Return a WHOLE value."""
        return self._of(name, int)

    def optional_whole(self, name: str) -> int | None:
        """Return a WHOLE value, or None."""
        return None if self.by_column[name] is None else self.whole(name)

    def flag(self, name: str) -> bool:
        """Return a FLAG value."""
        return self._of(name, bool)

    def text(self, name: str) -> str:
        """Return a TEXT value, or a CODE that `codes` checked."""
        return self._of(name, str)

    def optional_text(self, name: str) -> str | None:
        """Return a TEXT value, or None."""
        return None if self.by_column[name] is None else self.text(name)

    def code(self, name: str, codes: type[E]) -> E:
        """Return a CODE value as its enum, or raise InvalidInput naming the column."""
        try:
            return codes(self.text(name))
        except ValueError:
            raise InvalidInput(name, "unknown_choice") from None


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


@dataclass(frozen=True)
class Table(Generic[R]):
    """One table: its columns in file order, its identity, and how its records are built."""

    name: str
    columns: tuple[Column, ...]
    # The columns whose values make two rows the same row; importing one replaces the other.
    identity_columns: tuple[str, ...]
    # Builds a record through the domain, which raises InvalidInput for a wrong value.
    build: Callable[[Values], R]
    # Domain fields whose name differs from the column that holds them.
    renamed: Mapping[str, str] = field(default_factory=dict)
    # The schema revision that added the table: a file of an earlier schema may leave it out.
    since: str | None = None
    _getters: tuple[Callable[[R], object], ...] = field(init=False, repr=False, compare=False)
    _identity_getters: tuple[Callable[[R], object], ...] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        getters = {column.name: attrgetter(column.attr or column.name) for column in self.columns}
        object.__setattr__(self, "_getters", tuple(getters.values()))
        identity = tuple(getters[name] for name in self.identity_columns)
        object.__setattr__(self, "_identity_getters", identity)

    @cached_property
    def column_names(self) -> tuple[str, ...]:
        """Return the names of the columns, in file order."""
        return tuple(column.name for column in self.columns)

    @property
    def identity_column(self) -> str:
        """Return the column an import names when two rows share an identity."""
        return self.identity_columns[-1]

    def column_of(self, field_name: str) -> str:
        """Return the column that holds a domain field."""
        return self.renamed.get(field_name, field_name)

    def values(self, record: R) -> tuple[object, ...]:
        """Return a record's values in column order, codes as plain strings."""
        return tuple([_plain(get(record)) for get in self._getters])

    def identity(self, record: R) -> Identity:
        """Return the values that make a record the same row as another."""
        return tuple([_plain(get(record)) for get in self._identity_getters])


def reading_of(v: Values) -> Reading:
    """Return the Reading that the first columns of READINGS describe."""
    return Reading(
        taken_on=v.day("taken_on"),
        brand=v.decimal("brand"),
        people=v.decimal("people"),
        insights=v.decimal("insights"),
        relationships=v.decimal("relationships"),
        industry_rank=v.optional_whole("industry_rank"),
        network_rank=v.optional_whole("network_rank"),
        industry_average=v.optional_decimal("industry_average"),
        network_average=v.optional_decimal("network_average"),
    )


def _reading(v: Values) -> ReadingRecord:
    return ReadingRecord(
        reading_of(v),
        source_text=v.optional_text("source_text"),
        parser_version=v.optional_text("parser_version"),
        industry_name=v.optional_text("industry_name"),
    )


def _answers(v: Values) -> AnswersRecord:
    answers = Answers(
        goal=v.code("goal", Goal),
        role=v.code("role", Role),
        already_converting=v.flag("already_converting"),
        minutes_per_day=v.whole("minutes_per_day"),
        target=v.text("target"),
        outcome=v.text("outcome"),
        means=v.text("means"),
        sector=v.text("sector"),
        titles=v.text("titles"),
        company_kind=v.text("company_kind"),
        profile_lang=v.text("profile_lang"),
    )
    return AnswersRecord(v.moment("answered_at"), answers)


def _tick(v: Values) -> TickRecord:
    # Built through the domain's Tick, which checks the lever and the minutes and cleans the key.
    tick = Tick(
        day=v.day("day"),
        task_key=v.text("task_key"),
        lever=v.code("lever", Lever),
        minutes=v.whole("minutes"),
    )
    return TickRecord(
        tick.day, tick.task_key, tick.lever.value, tick.minutes, v.moment("ticked_at")
    )


def _day_mark(v: Values) -> DayMark:
    return DayMark(v.day("day"), v.text("kind"))


def _kpi_entry(v: Values) -> KpiEntry:
    kpis = KpiMonth(
        v.day("month"),
        impressions=v.optional_whole("impressions"),
        engagements=v.optional_whole("engagements"),
        qualified_conversations=v.optional_whole("qualified_conversations"),
        opportunities=v.optional_whole("opportunities"),
    )
    return KpiEntry(
        kpis,
        followers=v.optional_whole("followers"),
        profile_views=v.optional_whole("profile_views"),
    )


def _setting(v: Values) -> Setting:
    return Setting(v.text("key"), v.text("value"))


def _draft_edit(v: Values) -> DraftEdit:
    return DraftEdit(v.text("code"), v.text("text"))


def _profile_text(v: Values) -> ProfileText:
    return ProfileText(v.code("kind", TextKind), v.moment("saved_at"), v.text("text"))


def _in(record: str, *columns: Column) -> tuple[Column, ...]:
    """Return columns whose values sit in one field of the record."""
    return tuple(replace(column, attr=f"{record}.{column.name}") for column in columns)


READINGS = Table(
    "readings",
    columns=(
        *_in(
            "reading",
            Column("taken_on", Kind.DATE),
            Column("brand", Kind.DECIMAL),
            Column("people", Kind.DECIMAL),
            Column("insights", Kind.DECIMAL),
            Column("relationships", Kind.DECIMAL),
            Column("industry_rank", Kind.WHOLE, optional=True),
            Column("network_rank", Kind.WHOLE, optional=True),
            Column("industry_average", Kind.DECIMAL, optional=True),
            Column("network_average", Kind.DECIMAL, optional=True),
        ),
        Column("industry_name", Kind.TEXT, optional=True),
        Column("parser_version", Kind.TEXT, optional=True),
        Column("source_text", Kind.TEXT, optional=True),
    ),
    identity_columns=("taken_on",),
    build=_reading,
)
ANSWERS = Table(
    "answers",
    columns=(
        Column("answered_at", Kind.MOMENT),
        *_in(
            "answers",
            Column("goal", Kind.CODE),
            Column("role", Kind.CODE),
            Column("already_converting", Kind.FLAG),
            Column("minutes_per_day", Kind.WHOLE),
            Column("target", Kind.TEXT),
            Column("outcome", Kind.TEXT),
            Column("means", Kind.TEXT),
            Column("sector", Kind.TEXT),
            Column("titles", Kind.TEXT),
            Column("company_kind", Kind.TEXT),
            Column("profile_lang", Kind.CODE, codes=PROFILE_LANGUAGES),
        ),
    ),
    identity_columns=("answered_at",),
    build=_answers,
)
ROUTINE_TICKS = Table(
    "routine_ticks",
    columns=(
        Column("day", Kind.DATE),
        Column("task_key", Kind.TEXT),
        Column("lever", Kind.CODE),
        Column("minutes", Kind.WHOLE),
        Column("ticked_at", Kind.MOMENT),
    ),
    identity_columns=("day", "task_key"),
    build=_tick,
    renamed={"tick_day": "day", "task_minutes": "minutes"},
)
DAY_MARKS = Table(
    "day_marks",
    columns=(Column("day", Kind.DATE), Column("kind", Kind.CODE, codes=DAY_MARK_KINDS)),
    identity_columns=("day",),
    build=_day_mark,
)
KPI_MONTHS = Table(
    "kpi_months",
    columns=(
        *_in(
            "kpis",
            Column("month", Kind.DATE),
            *(Column(name, Kind.WHOLE, optional=True) for name in KPI_FIELDS),
        ),
        *(Column(name, Kind.WHOLE, optional=True) for name in EXTRA_FIELDS),
    ),
    identity_columns=("month",),
    build=_kpi_entry,
)
SETTINGS = Table(
    "settings",
    columns=(
        Column("key", Kind.TEXT, blank=False),
        Column("value", Kind.TEXT, codes_by=("key", CODED_SETTINGS)),
    ),
    identity_columns=("key",),
    build=_setting,
)
DRAFTS = Table(
    "drafts",
    columns=(
        Column("code", Kind.CODE, codes=DRAFT_CODES),
        Column("text", Kind.TEXT, blank=False),
    ),
    identity_columns=("code",),
    build=_draft_edit,
    since="0006",
)
PROFILE_TEXTS = Table(
    "profile_texts",
    columns=(
        Column("saved_at", Kind.MOMENT),
        Column("kind", Kind.CODE, codes=tuple(kind.value for kind in PROFILE_KINDS)),
        Column("text", Kind.TEXT, blank=False),
    ),
    identity_columns=("kind", "saved_at"),
    build=_profile_text,
    since="0008",
)

# Any: each table has its own record type; ProfileData's typed fields keep them apart.
TABLES: Mapping[str, Table[Any]] = {
    table.name: table
    for table in (
        READINGS,
        ANSWERS,
        ROUTINE_TICKS,
        DAY_MARKS,
        KPI_MONTHS,
        SETTINGS,
        DRAFTS,
        PROFILE_TEXTS,
    )
}
TABLE_NAMES = tuple(TABLES)
# What makes two rows the same row: importing a row whose identity exists replaces it.
IDENTITY: Mapping[str, Callable[[Any], Identity]] = {
    name: table.identity for name, table in TABLES.items()
}


def _first(pair: tuple[Identity, object]) -> Identity:
    return pair[0]


@dataclass(frozen=True)
class ProfileData:
    """Everything one profile holds, each table sorted by its identity."""

    readings: tuple[ReadingRecord, ...] = ()
    answers: tuple[AnswersRecord, ...] = ()
    routine_ticks: tuple[TickRecord, ...] = ()
    day_marks: tuple[DayMark, ...] = ()
    kpi_months: tuple[KpiEntry, ...] = ()
    settings: tuple[Setting, ...] = ()
    drafts: tuple[DraftEdit, ...] = ()
    profile_texts: tuple[ProfileText, ...] = ()

    def __post_init__(self) -> None:
        for table in TABLE_NAMES:
            identity = IDENTITY[table]
            # Each identity computed once: an import may hold a hundred thousand rows.
            keyed = sorted(((identity(row), row) for row in getattr(self, table)), key=_first)
            if len({key for key, _ in keyed}) != len(keyed):
                raise ValueError(f"{table}: two rows share the same identity")
            object.__setattr__(self, table, tuple(row for _, row in keyed))

    @classmethod
    def of(cls, tables: Mapping[str, Iterable[object]]) -> ProfileData:
        """Return the profile holding these rows, table by table; a table left out is empty."""
        # Any: each table's spec built its rows, of the record type its field declares.
        rows: dict[str, tuple[Any, ...]] = {name: tuple(tables.get(name, ())) for name in TABLES}
        return cls(**rows)

    def rows(self, table: str) -> tuple[Any, ...]:
        """Return the rows of one table."""
        rows: tuple[Any, ...] = getattr(self, table)
        return rows

    def counts(self) -> dict[str, int]:
        """Return the number of rows of each table."""
        return {table: len(self.rows(table)) for table in TABLE_NAMES}


@dataclass(frozen=True)
class TableChange:
    """What an import does to one table."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0


@dataclass(frozen=True)
class ImportPreview:
    """What an import changes, table by table."""

    tables: Mapping[str, TableChange] = field(default_factory=dict)

    @property
    def added(self) -> int:
        """Return the number of rows the import adds."""
        return sum(change.added for change in self.tables.values())

    @property
    def replaced(self) -> int:
        """Return the number of rows the import replaces."""
        return sum(change.replaced for change in self.tables.values())

    @property
    def unchanged(self) -> int:
        """Return the number of rows already there with the same values."""
        return sum(change.unchanged for change in self.tables.values())

    @property
    def changes_anything(self) -> bool:
        """Tell whether the import would write anything."""
        return self.added + self.replaced > 0
