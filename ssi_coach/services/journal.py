"""Journal use cases: save or replace a month of results, and list the months."""

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
    """What became of a submitted month."""

    SAVED = "saved"
    REPLACED = "replaced"
    EXISTS = "exists"
    KEPT = "kept"  # the user chose to keep the month already stored
    INVALID = "invalid"
    EMPTY = "empty"


@dataclass(frozen=True)
class JournalOutcome:
    """What became of a submitted month: saved, waiting for a replace decision, or refused."""

    status: JournalStatus
    entry: KpiEntry | None = None
    existing: KpiEntry | None = None
    errors: tuple[InvalidInput, ...] = ()


def submit_month(repo: Repo, values: Mapping[str, object], today: date) -> JournalOutcome:
    """Validate a typed month and store it unless that month is already stored."""
    try:
        entry = entry_from_form(values, today)
    except FormErrors as invalid:
        return JournalOutcome(JournalStatus.INVALID, errors=invalid.errors)
    except EmptyEntry:
        return JournalOutcome(JournalStatus.EMPTY)
    return save_month(repo, entry, replace=False)


def save_month(repo: Repo, entry: KpiEntry, replace: bool) -> JournalOutcome:
    """Store a valid month, or report the month already stored unless replace is true."""
    try:
        store.save_kpis(repo.engine, repo.profile_id, entry, replace=replace)
    except store.KpiMonthExists as exists:
        return JournalOutcome(JournalStatus.EXISTS, entry=entry, existing=exists.existing)
    return JournalOutcome(JournalStatus.REPLACED if replace else JournalStatus.SAVED, entry=entry)


def list_months(repo: Repo) -> list[KpiEntry]:
    """Return the profile's months of results, oldest first."""
    return store.list_kpis(repo.engine, repo.profile_id)


def months_stamp(repo: Repo) -> tuple[int, object]:
    """Return a cheap summary that changes whenever a month is added or changed."""
    return store.kpis_stamp(repo.engine, repo.profile_id)
