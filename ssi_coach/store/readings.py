"""Saving and loading SSI readings."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import Pillar, Reading, to_thousandths
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import ReadingRow


class ReadingExists(Exception):
    """A reading is already stored for that date; the caller must ask before replacing it."""

    def __init__(self, existing: Reading) -> None:
        self.existing = existing
        super().__init__(f"a reading already exists for {existing.taken_on.isoformat()}")


def _milli(value: float | None) -> int | None:
    return None if value is None else to_thousandths(value)


def _unmilli(value: int | None) -> float | None:
    return None if value is None else value / 1000


# Plain columns, not ORM objects: loading years of history must stay cheap on every page run.
READING_COLUMNS = (
    ReadingRow.taken_on,
    ReadingRow.brand_milli,
    ReadingRow.people_milli,
    ReadingRow.insights_milli,
    ReadingRow.relationships_milli,
    ReadingRow.industry_rank,
    ReadingRow.network_rank,
    ReadingRow.industry_average_milli,
    ReadingRow.network_average_milli,
)


def to_reading(row: ReadingRow) -> Reading:
    """Return the domain reading of a stored row."""
    return reading_from_columns([getattr(row, column.key) for column in READING_COLUMNS])


def reading_from_columns(row: Sequence[Any]) -> Reading:
    """Return the domain reading of a row of READING_COLUMNS."""
    taken_on, brand, people, insights, relationships, industry, network, ind_avg, net_avg = row
    return Reading(
        taken_on=taken_on,
        brand=brand / 1000,
        people=people / 1000,
        insights=insights / 1000,
        relationships=relationships / 1000,
        industry_rank=industry,
        network_rank=network,
        industry_average=_unmilli(ind_avg),
        network_average=_unmilli(net_avg),
    )


def _fill(row: ReadingRow, reading: Reading) -> None:
    for pillar in Pillar:
        setattr(row, f"{pillar.value}_milli", to_thousandths(reading.score(pillar)))
    row.industry_rank = reading.industry_rank
    row.network_rank = reading.network_rank
    row.industry_average_milli = _milli(reading.industry_average)
    row.network_average_milli = _milli(reading.network_average)
    row.updated_at = now()


@dataclass(frozen=True)
class ReadingSource:
    """The pasted page a reading came from, kept so that it can be parsed again."""

    text: str
    parser_version: str
    industry_name: str | None = None


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
            row = ReadingRow(profile_id=profile_id, taken_on=reading.taken_on, created_at=now())
            session.add(row)
        _fill(row, reading)
        row.source_text = None if source is None else source.text
        row.parser_version = None if source is None else source.parser_version
        row.industry_name = None if source is None else source.industry_name


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


def get_reading(engine: Engine, profile_id: int, taken_on: date) -> Reading | None:
    """Return the reading of one date, or None."""
    with Session(engine) as session:
        row = session.execute(
            select(*READING_COLUMNS).where(
                ReadingRow.profile_id == profile_id, ReadingRow.taken_on == taken_on
            )
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
        return bool(result.rowcount)


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
        return {
            day: ReadingSource(text, version, industry) for day, text, version, industry in rows
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
