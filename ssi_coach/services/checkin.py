"""Check-in use cases: save, replace, correct, delete and restore readings; list the history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ssi_coach.checkin import (
    CheckinOutcome,
    CheckinStatus,
    FormErrors,
    reading_from_form,
    summarize_checkin,
)
from ssi_coach.model import InvalidInput, Reading
from ssi_coach.records import ReadingSource
from ssi_coach.services.repo import Repo
from ssi_coach.ssi_text import check_source_text
from ssi_coach.store import readings as store

# Re-exported: the UI keeps a removed reading for an undo but never imports the store.
from ssi_coach.store.readings import RemovedReading as RemovedReading


@dataclass(frozen=True)
class Restored:
    """What became of an undone deletion: back in place, or blocked by a reading of that date."""

    taken_on: date
    blocking: Reading | None = None

    @property
    def done(self) -> bool:
        """Tell whether the reading is stored again."""
        return self.blocking is None


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
    shown: Reading | None = None,
) -> CheckinOutcome:
    """Store a valid reading and sum it up, or report the reading already stored for that date.

    The very same reading stored again changes nothing and asks nothing. `shown` is the
    stored reading the user agreed to replace: if another session changed or deleted it since,
    nothing is written and the outcome (CHANGED) holds what is stored now, to decide again.
    """
    pasted = source is not None
    if source is not None:
        try:
            # A NUL or a lone surrogate stored with a reading would break the export and
            # fail on PostgreSQL: the pasted page is checked whoever calls.
            check_source_text(source.text)
        except InvalidInput as invalid:
            return CheckinOutcome(
                status=CheckinStatus.INVALID, reading=reading, errors=(invalid,), pasted=True
            )
    try:
        if replace and shown is not None:
            store.replace_reading(repo.engine, repo.profile_id, reading, shown, source)
        else:
            store.save_reading(repo.engine, repo.profile_id, reading, replace, source)
    except store.ReadingExists as exists:
        status = CheckinStatus.UNCHANGED if exists.existing == reading else CheckinStatus.EXISTS
        return CheckinOutcome(
            status=status, reading=reading, existing=exists.existing, pasted=pasted
        )
    except store.ReadingChanged as changed:
        status = CheckinStatus.UNCHANGED if changed.current == reading else CheckinStatus.CHANGED
        return CheckinOutcome(
            status=status, reading=reading, existing=changed.current, pasted=pasted
        )
    summary = summarize_checkin(reading, store.list_readings(repo.engine, repo.profile_id))
    status = CheckinStatus.REPLACED if replace else CheckinStatus.SAVED
    return CheckinOutcome(status=status, reading=reading, summary=summary, pasted=pasted)


def edit_reading(
    repo: Repo,
    original: date,
    values: Mapping[str, object],
    replace: bool = False,
    shown: Reading | None = None,
) -> CheckinOutcome:
    """Correct the reading of `original` from a typed form, moving it if its date changed.

    One transaction; the pasted page it came from stays with it. Another reading on the new
    date is replaced only when replace is true; otherwise the outcome asks first. `shown` is
    the reading as the form showed it: changed since by another session, it is not overwritten.
    """
    try:
        reading = reading_from_form(values)
    except FormErrors as invalid:
        return CheckinOutcome(
            status=CheckinStatus.INVALID, errors=invalid.errors, original=original
        )
    return store_edit(repo, original, reading, replace, shown=shown)


def store_edit(
    repo: Repo,
    original: date,
    reading: Reading,
    replace: bool = False,
    *,
    shown: Reading | None = None,
    occupant: Reading | None = None,
) -> CheckinOutcome:
    """Put a valid corrected reading in place of the one of `original`, in one transaction.

    `shown` is the reading of `original` as the form showed it and `occupant` the reading of
    the new date the user agreed to replace; if another session changed either since, nothing
    is written and the outcome (CHANGED) holds the reading stored now, to decide again.
    """
    stored = store.find_reading(repo.engine, repo.profile_id, original)
    if stored is None:
        return CheckinOutcome(status=CheckinStatus.MISSING, reading=reading, original=original)
    if stored == reading:
        return CheckinOutcome(
            status=CheckinStatus.UNCHANGED, reading=reading, existing=stored, original=original
        )
    try:
        store.move_reading(
            repo.engine,
            repo.profile_id,
            original,
            reading,
            replace=replace,
            shown=shown,
            occupant=occupant,
        )
    except store.ReadingExists as exists:
        return CheckinOutcome(
            status=CheckinStatus.EXISTS,
            reading=reading,
            existing=exists.existing,
            original=original,
        )
    except store.ReadingMissing:
        return CheckinOutcome(status=CheckinStatus.MISSING, reading=reading, original=original)
    except store.ReadingChanged as changed:
        return CheckinOutcome(
            status=CheckinStatus.CHANGED,
            reading=reading,
            existing=changed.current,
            original=original,
        )
    summary = summarize_checkin(reading, store.list_readings(repo.engine, repo.profile_id))
    return CheckinOutcome(
        status=CheckinStatus.EDITED, reading=reading, summary=summary, original=original
    )


def remove_reading(repo: Repo, taken_on: date) -> RemovedReading | None:
    """Delete the reading of one date and return it, pasted page included, for an undo."""
    return store.remove_reading(repo.engine, repo.profile_id, taken_on)


def restore_reading(repo: Repo, removed: RemovedReading) -> Restored:
    """Put a deleted reading back exactly as it was, unless its date was taken meanwhile."""
    taken_on = removed.record.reading.taken_on
    try:
        store.restore_reading(repo.engine, repo.profile_id, removed)
    except store.ReadingExists as exists:
        return Restored(taken_on, blocking=exists.existing)
    return Restored(taken_on)


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
