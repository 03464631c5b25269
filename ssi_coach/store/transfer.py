"""Read everything a profile holds, and apply an import in one all-or-nothing transaction."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from alembic.script import ScriptDirectory
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import Answers, KpiMonth, Pillar, Reading, to_thousandths
from ssi_coach.store.engine import alembic_config
from ssi_coach.store.kpis import EXTRA_FIELDS, KPI_FIELDS, KpiEntry
from ssi_coach.store.profiles import now
from ssi_coach.store.readings import to_reading
from ssi_coach.store.tables import (
    AnswersRow,
    DayMarkRow,
    KpiMonthRow,
    ReadingRow,
    SettingRow,
    TickRow,
)

TABLE_NAMES = ("readings", "answers", "routine_ticks", "day_marks", "kpi_months", "settings")
ANSWER_TEXTS = ("target", "outcome", "means", "sector")


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


# What makes two rows the same row: importing a row whose identity exists replaces it.
IDENTITY: Mapping[str, Callable[[Any], Hashable]] = {
    "readings": lambda r: r.reading.taken_on,
    "answers": lambda r: r.answered_at,
    "routine_ticks": lambda r: (r.day, r.task_key),
    "day_marks": lambda r: r.day,
    "kpi_months": lambda r: r.kpis.month,
    "settings": lambda r: r.key,
}


@dataclass(frozen=True)
class ProfileData:
    """Everything one profile holds, each table sorted by its identity."""

    readings: tuple[ReadingRecord, ...] = ()
    answers: tuple[AnswersRecord, ...] = ()
    routine_ticks: tuple[TickRecord, ...] = ()
    day_marks: tuple[DayMark, ...] = ()
    kpi_months: tuple[KpiEntry, ...] = ()
    settings: tuple[Setting, ...] = ()

    def __post_init__(self) -> None:
        for table in TABLE_NAMES:
            rows = tuple(sorted(getattr(self, table), key=IDENTITY[table]))
            keys = [IDENTITY[table](row) for row in rows]
            if len(set(keys)) != len(keys):
                raise ValueError(f"{table}: two rows share the same identity")
            object.__setattr__(self, table, rows)

    def rows(self, table: str) -> tuple[Any, ...]:
        """Return the rows of one table."""
        return getattr(self, table)

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


def schema_revisions() -> tuple[str, ...]:
    """Return every schema revision this version of the app knows, oldest first."""
    script = ScriptDirectory.from_config(alembic_config())
    return tuple(reversed([revision.revision for revision in script.walk_revisions()]))


def _reading_record(row: ReadingRow) -> ReadingRecord:
    return ReadingRecord(to_reading(row), row.source_text, row.parser_version, row.industry_name)


def _fill_reading(row: ReadingRow, record: ReadingRecord) -> None:
    reading = record.reading
    row.taken_on = reading.taken_on
    for pillar in Pillar:
        setattr(row, f"{pillar.value}_milli", to_thousandths(reading.score(pillar)))
    row.industry_rank = reading.industry_rank
    row.network_rank = reading.network_rank
    for name in ("industry_average", "network_average"):
        value = getattr(reading, name)
        setattr(row, f"{name}_milli", None if value is None else to_thousandths(value))
    row.source_text = record.source_text
    row.parser_version = record.parser_version
    row.industry_name = record.industry_name
    stamp = now()
    if row.created_at is None:
        row.created_at = stamp
    row.updated_at = stamp


def _answers_record(row: AnswersRow) -> AnswersRecord:
    answers = Answers(
        goal=row.goal,  # type: ignore[arg-type]
        role=row.role,  # type: ignore[arg-type]
        already_converting=row.already_converting,
        minutes_per_day=row.minutes_per_day,
        **{name: getattr(row, name) for name in ANSWER_TEXTS},
    )
    return AnswersRecord(row.answered_at, answers)


def _fill_answers(row: AnswersRow, record: AnswersRecord) -> None:
    answers = record.answers
    row.answered_at = record.answered_at
    row.goal = answers.goal.value
    row.role = answers.role.value
    row.already_converting = answers.already_converting
    row.minutes_per_day = answers.minutes_per_day
    for name in ANSWER_TEXTS:
        setattr(row, name, getattr(answers, name))


def _tick_record(row: TickRow) -> TickRecord:
    return TickRecord(row.day, row.task_key, row.lever, row.minutes, row.ticked_at)


def _fill_tick(row: TickRow, record: TickRecord) -> None:
    row.day = record.day
    row.task_key = record.task_key
    row.lever = record.lever
    row.minutes = record.minutes
    row.ticked_at = record.ticked_at


def _mark_record(row: DayMarkRow) -> DayMark:
    return DayMark(row.day, row.kind)


def _fill_mark(row: DayMarkRow, record: DayMark) -> None:
    row.day = record.day
    row.kind = record.kind


def _kpi_record(row: KpiMonthRow) -> KpiEntry:
    kpis = KpiMonth(row.month, **{name: getattr(row, name) for name in KPI_FIELDS})
    return KpiEntry(kpis, **{name: getattr(row, name) for name in EXTRA_FIELDS})


def _fill_kpi(row: KpiMonthRow, record: KpiEntry) -> None:
    row.month = record.kpis.month
    for name in KPI_FIELDS:
        setattr(row, name, getattr(record.kpis, name))
    for name in EXTRA_FIELDS:
        setattr(row, name, getattr(record, name))
    row.updated_at = now()


def _setting_record(row: SettingRow) -> Setting:
    return Setting(row.key, row.value)


def _fill_setting(row: SettingRow, record: Setting) -> None:
    row.key = record.key
    row.value = record.value


@dataclass(frozen=True)
class _Table:
    model: Any
    to_record: Callable[[Any], Any]
    fill: Callable[[Any, Any], None]


_TABLES: Mapping[str, _Table] = {
    "readings": _Table(ReadingRow, _reading_record, _fill_reading),
    "answers": _Table(AnswersRow, _answers_record, _fill_answers),
    "routine_ticks": _Table(TickRow, _tick_record, _fill_tick),
    "day_marks": _Table(DayMarkRow, _mark_record, _fill_mark),
    "kpi_months": _Table(KpiMonthRow, _kpi_record, _fill_kpi),
    "settings": _Table(SettingRow, _setting_record, _fill_setting),
}


def _stored(session: Session, table: str, profile_id: int) -> dict[Hashable, tuple[Any, Any]]:
    """Return the stored rows of one table by identity, with their records."""
    spec = _TABLES[table]
    found: dict[Hashable, tuple[Any, Any]] = {}
    for row in session.scalars(select(spec.model).where(spec.model.profile_id == profile_id)):
        record = spec.to_record(row)
        # Answers may in theory share a timestamp; the first one stands for that identity.
        found.setdefault(IDENTITY[table](record), (record, row))
    return found


def read_profile(engine: Engine, profile_id: int) -> ProfileData:
    """Return everything a profile holds."""
    with Session(engine) as session:
        return ProfileData(
            **{
                table: tuple(record for record, _ in _stored(session, table, profile_id).values())
                for table in TABLE_NAMES
            }
        )


def _merge(session: Session, profile_id: int, data: ProfileData, write: bool) -> ImportPreview:
    changes: dict[str, TableChange] = {}
    for table in TABLE_NAMES:
        spec = _TABLES[table]
        stored = _stored(session, table, profile_id)
        added = replaced = unchanged = 0
        for record in data.rows(table):
            found = stored.get(IDENTITY[table](record))
            if found is None:
                added += 1
                if write:
                    row = spec.model(profile_id=profile_id)
                    spec.fill(row, record)
                    session.add(row)
            elif found[0] == record:
                unchanged += 1
            else:
                replaced += 1
                if write:
                    spec.fill(found[1], record)
        changes[table] = TableChange(added, replaced, unchanged)
    return ImportPreview(changes)


def preview_import(engine: Engine, profile_id: int, data: ProfileData) -> ImportPreview:
    """Return what importing data would add, replace and leave unchanged, writing nothing."""
    with Session(engine) as session:
        return _merge(session, profile_id, data, write=False)


def apply_import(engine: Engine, profile_id: int, data: ProfileData) -> ImportPreview:
    """Add and replace the imported rows in one transaction; rows not in data are kept."""
    with Session(engine) as session, session.begin():
        return _merge(session, profile_id, data, write=True)


def count_rows(engine: Engine, profile_id: int) -> dict[str, int]:
    """Return how many rows each table holds for a profile, without loading them."""
    with Session(engine) as session:
        return {
            table: session.scalar(
                select(func.count())
                .select_from(spec.model)
                .where(spec.model.profile_id == profile_id)
            )
            or 0
            for table, spec in _TABLES.items()
        }
