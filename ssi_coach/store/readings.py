"""Saving and loading SSI readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, CursorResult, Engine, Result, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.model import READING_FIELDS, Reading
from ssi_coach.records import READINGS, ReadingRecord, ReadingSource, reading_of
from ssi_coach.store.mapping import (
    UPDATED,
    fill,
    stored_columns,
    stored_values,
    to_record,
    values_from_columns,
)
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


class ReadingChanged(Exception):
    """The reading of a date is no longer the one the user was shown: nothing was written.

    `current` is what is stored now, None when the reading was deleted meanwhile.
    """

    def __init__(self, taken_on: date, current: Reading | None) -> None:
        self.taken_on = taken_on
        self.current = current
        super().__init__(f"the reading of {taken_on.isoformat()} changed since it was shown")


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


def _record(reading: Reading, source: ReadingSource | None) -> ReadingRecord:
    if source is None:
        return ReadingRecord(reading)
    return ReadingRecord(reading, source.text, source.parser_version, source.industry_name)


def save_reading(
    engine: Engine,
    profile_id: int,
    reading: Reading,
    replace: bool = False,
    source: ReadingSource | None = None,
) -> None:
    """Store a reading in one transaction; raise ReadingExists unless replace is true.

    A reading of the same date stored by another session in the meantime is reported like
    one stored before (ReadingExists), never as the database's IntegrityError.
    """
    try:
        _save_reading(engine, profile_id, reading, replace, source)
    except IntegrityError:
        existing = find_reading(engine, profile_id, reading.taken_on)
        if existing is None:
            raise
        if not replace:
            raise ReadingExists(existing) from None
        # Both sessions asked to overwrite whatever is there: the row exists now.
        _save_reading(engine, profile_id, reading, replace, source)


def _save_reading(
    engine: Engine, profile_id: int, reading: Reading, replace: bool, source: ReadingSource | None
) -> None:
    with Session(engine) as session, session.begin():
        row = _row_on(session, profile_id, reading.taken_on)
        if row is not None and not replace:
            raise ReadingExists(to_reading(row))
        if row is None:
            row = ReadingRow(profile_id=profile_id)
            session.add(row)
        fill(READINGS, row, _record(reading, source), now())


def _figures(reading: Reading) -> dict[str, object]:
    """Return a reading's date and figures as stored, by column name."""
    stored = stored_values(READINGS, ReadingRecord(reading))
    return {column.key: stored[column.key] for column in READING_COLUMNS if column.key}


def _holds(shown: Reading) -> list[ColumnElement[bool]]:
    """Return the conditions that a row still holds the figures of a reading, NULLs included."""
    figures = _figures(shown)
    return [
        column.is_not_distinct_from(figures[column.key]) for column in READING_COLUMNS if column.key
    ]


def _changed(result: Result[object]) -> bool:
    # A bulk UPDATE or DELETE answers with a cursor result, whose rowcount tells what it matched.
    return isinstance(result, CursorResult) and result.rowcount > 0


def replace_reading(
    engine: Engine,
    profile_id: int,
    reading: Reading,
    shown: Reading,
    source: ReadingSource | None = None,
) -> None:
    """Replace the reading of a date, only if it still holds the figures the user was shown.

    One conditional UPDATE decides, so that two sessions replacing the same reading cannot
    both win: the second finds other figures and gets ReadingChanged, with what is stored now.
    """
    if shown.taken_on != reading.taken_on:
        raise ValueError("a replacement keeps the date of the reading it replaces")
    values = stored_values(READINGS, _record(reading, source)) | {UPDATED: now()}
    with Session(engine) as session, session.begin():
        result = session.execute(
            update(ReadingRow)
            .where(
                ReadingRow.profile_id == profile_id,
                ReadingRow.taken_on == shown.taken_on,
                *_holds(shown),
            )
            .values(values)
            .execution_options(synchronize_session=False)
        )
        if _changed(result):
            return
        row = _row_on(session, profile_id, reading.taken_on)
        raise ReadingChanged(reading.taken_on, None if row is None else to_reading(row))


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
    engine: Engine,
    profile_id: int,
    original: date,
    reading: Reading,
    replace: bool = False,
    *,
    shown: Reading | None = None,
    occupant: Reading | None = None,
) -> None:
    """Put a corrected reading in place of the one of `original`, in one transaction.

    The pasted page it came from stays with it. When the date changes and another reading
    holds the new date, raise ReadingExists unless replace is true; then that one is dropped.
    Raise ReadingMissing when nothing is stored for `original` any more.

    `shown` is the reading of `original` as the correction form showed it, and `occupant` the
    reading of the new date as the replace question showed it: when given, each must still be
    stored as shown, or ReadingChanged says what is stored now and nothing is written.
    """
    try:
        with Session(engine) as session, session.begin():
            if reading.taken_on != original:
                _free_date(session, profile_id, reading.taken_on, replace, occupant)
            guard = [] if shown is None else _holds(shown)
            result = session.execute(
                update(ReadingRow)
                .where(ReadingRow.profile_id == profile_id, ReadingRow.taken_on == original, *guard)
                # Only the figures change: the pasted page's columns are left as they are.
                .values(_figures(reading) | {UPDATED: now()})
                .execution_options(synchronize_session=False)
            )
            if not _changed(result):
                row = _row_on(session, profile_id, original)
                if row is None:
                    raise ReadingMissing(original)
                raise ReadingChanged(original, to_reading(row))
    except IntegrityError:
        # Another session stored a reading on the new date between our check and our write.
        other = find_reading(engine, profile_id, reading.taken_on)
        if other is None:
            raise
        raise ReadingExists(other) from None


def _free_date(
    session: Session, profile_id: int, day: date, replace: bool, occupant: Reading | None
) -> None:
    """Remove the reading of `day` so that a corrected one can move there, if allowed."""
    row = _row_on(session, profile_id, day)
    if row is None:
        return
    if not replace:
        raise ReadingExists(to_reading(row))
    guard = [] if occupant is None else _holds(occupant)
    result = session.execute(
        delete(ReadingRow).where(
            ReadingRow.profile_id == profile_id, ReadingRow.taken_on == day, *guard
        )
    )
    if not _changed(result):
        current = _row_on(session, profile_id, day)
        if current is not None:
            raise ReadingChanged(day, to_reading(current))


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
