"""Journal use cases: save, correct, delete or restore a month of results, and list the months."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ssi_coach.checkin import FormErrors
from ssi_coach.journal import EmptyEntry, entry_from_form
from ssi_coach.model import InvalidInput
from ssi_coach.records import KpiEntry
from ssi_coach.services.repo import Repo
from ssi_coach.store import kpis as store


class JournalStatus(StrEnum):
    """What became of a submitted, deleted or restored month."""

    SAVED = "saved"
    REPLACED = "replaced"
    UNCHANGED = "unchanged"  # the month is already stored with exactly these figures
    EXISTS = "exists"
    KEPT = "kept"  # the user chose to keep the month already stored
    INVALID = "invalid"
    EMPTY = "empty"
    DELETED = "deleted"
    RESTORED = "restored"
    MISSING = "missing"  # the month to delete is no longer stored
    # The stored month changed (or went) since the user was shown it: nothing was written.
    CHANGED = "changed"


@dataclass(frozen=True)
class JournalOutcome:
    """What became of a month: saved, waiting for a replace decision, refused, or deleted."""

    status: JournalStatus
    entry: KpiEntry | None = None
    existing: KpiEntry | None = None
    errors: tuple[InvalidInput, ...] = ()


def submit_month(
    repo: Repo,
    values: Mapping[str, object],
    today: date,
    *,
    replace: bool = False,
    shown: KpiEntry | None = None,
) -> JournalOutcome:
    """Validate a typed month and store it; replace a stored month only when asked to.

    `shown` is the month as the user saw it (see save_month).
    """
    try:
        entry = entry_from_form(values, today)
    except FormErrors as invalid:
        return JournalOutcome(JournalStatus.INVALID, errors=invalid.errors)
    except EmptyEntry:
        return JournalOutcome(JournalStatus.EMPTY)
    return save_month(repo, entry, replace=replace, shown=shown)


def save_month(
    repo: Repo, entry: KpiEntry, replace: bool, shown: KpiEntry | None = None
) -> JournalOutcome:
    """Store a valid month, or report the month already stored unless replace is true.

    `shown` is the stored month the user agreed to replace: if another session changed or
    deleted it since, nothing is written and the outcome (CHANGED) holds what is stored now.
    """
    try:
        result = store.save_kpis(repo.engine, repo.profile_id, entry, replace=replace, shown=shown)
    except store.KpiMonthExists as exists:
        return JournalOutcome(JournalStatus.EXISTS, entry=entry, existing=exists.existing)
    except store.KpiMonthChanged as changed:
        return JournalOutcome(JournalStatus.CHANGED, entry=entry, existing=changed.current)
    return JournalOutcome(JournalStatus(result), entry=entry)


def delete_month(repo: Repo, month: date) -> JournalOutcome:
    """Delete a stored month and return what it held, so that the deletion can be undone."""
    deleted = store.delete_kpis(repo.engine, repo.profile_id, month)
    if deleted is None:
        return JournalOutcome(JournalStatus.MISSING)
    return JournalOutcome(JournalStatus.DELETED, entry=deleted)


def restore_month(repo: Repo, entry: KpiEntry) -> JournalOutcome:
    """Store a deleted month again, unless the month was entered anew in the meantime."""
    outcome = save_month(repo, entry, replace=False)
    if outcome.status in (JournalStatus.SAVED, JournalStatus.UNCHANGED):
        return JournalOutcome(JournalStatus.RESTORED, entry=entry)
    return outcome


def list_months(repo: Repo) -> list[KpiEntry]:
    """Return the profile's months of results, oldest first."""
    return store.list_kpis(repo.engine, repo.profile_id)


def months_stamp(repo: Repo) -> tuple[int, object]:
    """Return a cheap summary that changes whenever a month is added or changed."""
    return store.kpis_stamp(repo.engine, repo.profile_id)
