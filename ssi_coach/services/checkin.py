"""Check-in use cases: save or replace a reading, delete one, list the history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from ssi_coach.checkin import (
    CheckinOutcome,
    CheckinStatus,
    FormErrors,
    reading_from_form,
    summarize_checkin,
)
from ssi_coach.model import Reading
from ssi_coach.records import ReadingSource
from ssi_coach.services.repo import Repo
from ssi_coach.store import readings as store


def record_checkin(
    repo: Repo,
    values: Mapping[str, object],
    replace: bool = False,
    source: ReadingSource | None = None,
) -> CheckinOutcome:
    """Validate and store a typed check-in; never overwrite a stored date unless replace is true."""
    try:
        reading = reading_from_form(values)
    except FormErrors as invalid:
        return CheckinOutcome(status=CheckinStatus.INVALID, errors=invalid.errors)
    return store_checkin(repo, reading, replace, source)


def store_checkin(
    repo: Repo,
    reading: Reading,
    replace: bool = False,
    source: ReadingSource | None = None,
) -> CheckinOutcome:
    """Store a valid reading and sum it up, or report the reading already stored for that date."""
    try:
        store.save_reading(repo.engine, repo.profile_id, reading, replace=replace, source=source)
    except store.ReadingExists as exists:
        return CheckinOutcome(
            status=CheckinStatus.EXISTS, reading=reading, existing=exists.existing
        )
    summary = summarize_checkin(reading, store.list_readings(repo.engine, repo.profile_id))
    status = CheckinStatus.REPLACED if replace else CheckinStatus.SAVED
    return CheckinOutcome(status=status, reading=reading, summary=summary)


def delete_reading(repo: Repo, taken_on: date) -> bool:
    """Delete the reading of one date; return whether there was one."""
    return store.delete_reading(repo.engine, repo.profile_id, taken_on)


def list_readings(repo: Repo) -> list[Reading]:
    """Return the profile's readings, oldest first."""
    return store.list_readings(repo.engine, repo.profile_id)


def readings_stamp(repo: Repo) -> tuple[int, object]:
    """Return a cheap summary that changes whenever a reading is added, changed or removed."""
    return store.readings_stamp(repo.engine, repo.profile_id)


def latest_reading(repo: Repo) -> Reading | None:
    """Return the most recent reading, or None before the first check-in."""
    return store.latest_reading(repo.engine, repo.profile_id)


def industries(repo: Repo) -> tuple[tuple[date, str], ...]:
    """Return the industry named on each pasted page, by date."""
    return tuple(
        (day, source.industry_name)
        for day, source in sorted(store.list_sources(repo.engine, repo.profile_id).items())
        if source.industry_name
    )
