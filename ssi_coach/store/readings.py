"""Saving and loading SSI readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import CursorResult, Engine, delete, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import READING_FIELDS, Reading
from ssi_coach.records import READINGS, ReadingRecord, ReadingSource, reading_of
from ssi_coach.store.mapping import fill, stored_columns, to_record, values_from_columns
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import ReadingRow


class ReadingExists(Exception):
    """A reading is already stored for that date; the caller must ask before replacing it."""

    def __init__(self, existing: Reading) -> None:
        self.existing = existing
        super().__init__(f"a reading already exists for {existing.taken_on.isoformat()}")


class ReadingMissing(Exception):
    """The reading to change is no longer stored, deleted meanwhile from another tab."""

    def __init__(self, taken_on: date) -> None:
        self.taken_on = taken_on
        super().__init__(f"no reading stored for {taken_on.isoformat()}")


@dataclass(frozen=True)
class RemovedReading:
    """A deleted reading, with its pasted page and first save, enough to put it back as it was."""

    record: ReadingRecord
    created_at: datetime


# Plain columns, not ORM objects: loading years of history must stay cheap on every page run.
_READING_PART = tuple(column for column in READINGS.columns if column.name in READING_FIELDS)
READING_COLUMNS = stored_columns(ReadingRow, _READING_PART)


def reading_from_columns(row: Sequence[object]) -> Reading:
    """Return the domain reading of a row of READING_COLUMNS."""
    return reading_of(values_from_columns(_READING_PART, row))


def to_reading(row: ReadingRow) -> Reading:
    """Return the domain reading of a stored row."""
    return to_record(READINGS, row).reading


def save_reading(
    engine: Engine,
    profile_id: int,
    reading: Reading,
    replace: bool = False,
    source: ReadingSource | None = None,
) -> None:
    """Store a reading in one transaction; raise ReadingExists unless replace is true."""
    with Session(engine) as session, session.begin():
        row = session.scalar(
            select(ReadingRow).where(
                ReadingRow.profile_id == profile_id, ReadingRow.taken_on == reading.taken_on
            )
        )
        if row is not None and not replace:
            raise ReadingExists(to_reading(row))
        if row is None:
            row = ReadingRow(profile_id=profile_id)
            session.add(row)
        record = ReadingRecord(reading)
        if source is not None:
            record = ReadingRecord(
                reading, source.text, source.parser_version, source.industry_name
            )
        fill(READINGS, row, record, now())


def _row_on(session: Session, profile_id: int, taken_on: date) -> ReadingRow | None:
    return session.scalar(
        select(ReadingRow).where(
            ReadingRow.profile_id == profile_id, ReadingRow.taken_on == taken_on
        )
    )


def find_reading(engine: Engine, profile_id: int, taken_on: date) -> Reading | None:
    """Return the reading of one date, or None when there is none."""
    with Session(engine) as session:
        row = _row_on(session, profile_id, taken_on)
        return None if row is None else to_reading(row)


def move_reading(
    engine: Engine, profile_id: int, original: date, reading: Reading, replace: bool = False
) -> None:
    """Put a corrected reading in place of the one of `original`, in one transaction.

    The pasted page it came from stays with it. When the date changes and another reading
    holds the new date, raise ReadingExists unless replace is true; then that one is dropped.
    Raise ReadingMissing when nothing is stored for `original` any more.
    """
    with Session(engine) as session, session.begin():
        row = _row_on(session, profile_id, original)
        if row is None:
            raise ReadingMissing(original)
        if reading.taken_on != original:
            other = _row_on(session, profile_id, reading.taken_on)
            if other is not None:
                if not replace:
                    raise ReadingExists(to_reading(other))
                session.delete(other)
                # The unique date must be free before this row takes it.
                session.flush()
        kept = to_record(READINGS, row)
        record = ReadingRecord(reading, kept.source_text, kept.parser_version, kept.industry_name)
        fill(READINGS, row, record, now())


def remove_reading(engine: Engine, profile_id: int, taken_on: date) -> RemovedReading | None:
    """Delete the reading of one date in one transaction and return it, or None if none."""
    with Session(engine) as session, session.begin():
        row = _row_on(session, profile_id, taken_on)
        if row is None:
            return None
        removed = RemovedReading(to_record(READINGS, row), row.created_at)
        session.delete(row)
        return removed


def restore_reading(engine: Engine, profile_id: int, removed: RemovedReading) -> None:
    """Store a deleted reading again as it was; raise ReadingExists if its date is taken."""
    with Session(engine) as session, session.begin():
        existing = _row_on(session, profile_id, removed.record.reading.taken_on)
        if existing is not None:
            raise ReadingExists(to_reading(existing))
        row = ReadingRow(profile_id=profile_id, created_at=removed.created_at)
        session.add(row)
        # The change stamp moves on, so that every page reads the history again.
        fill(READINGS, row, removed.record, now())


def list_readings(engine: Engine, profile_id: int) -> list[Reading]:
    """Return a profile's readings, oldest first."""
    with Session(engine) as session:
        rows = session.execute(
            select(*READING_COLUMNS)
            .where(ReadingRow.profile_id == profile_id)
            .order_by(ReadingRow.taken_on)
        )
        return [reading_from_columns(row) for row in rows]


def latest_reading(engine: Engine, profile_id: int) -> Reading | None:
    """Return the profile's most recent reading, or None before the first check-in."""
    with Session(engine) as session:
        row = session.execute(
            select(*READING_COLUMNS)
            .where(ReadingRow.profile_id == profile_id)
            .order_by(ReadingRow.taken_on.desc())
            .limit(1)
        ).first()
        return None if row is None else reading_from_columns(row)


def delete_reading(engine: Engine, profile_id: int, taken_on: date) -> bool:
    """Delete the reading of one date; return whether there was one."""
    with Session(engine) as session, session.begin():
        result = session.execute(
            delete(ReadingRow).where(
                ReadingRow.profile_id == profile_id, ReadingRow.taken_on == taken_on
            )
        )
        # A bulk delete answers with a cursor result, whose rowcount tells whether a row went.
        return isinstance(result, CursorResult) and bool(result.rowcount)


def list_sources(engine: Engine, profile_id: int) -> dict[date, ReadingSource]:
    """Return the pasted source of every reading that has one, by date."""
    with Session(engine) as session:
        rows = session.execute(
            select(
                ReadingRow.taken_on,
                ReadingRow.source_text,
                ReadingRow.parser_version,
                ReadingRow.industry_name,
            ).where(ReadingRow.profile_id == profile_id, ReadingRow.source_text.is_not(None))
        )
        # An imported page may come without the version of the parser that read it.
        return {
            day: ReadingSource(text, version or "", industry)
            for day, text, version, industry in rows
            if text is not None
        }


def readings_stamp(engine: Engine, profile_id: int) -> tuple[int, object]:
    """Return how many readings a profile has and when one last changed: cheap to compare."""
    with Session(engine) as session:
        count, changed = session.execute(
            select(func.count(), func.max(ReadingRow.updated_at)).where(
                ReadingRow.profile_id == profile_id
            )
        ).one()
        return int(count), changed
