"""Local profiles: several people's separate histories on one computer, without a login.

A local profile is one no login owns. Server mode has none of these use cases: there the login
decides the profile (services/access.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.profile_names import FIELD, clashes, clean_name, keeps_name
from ssi_coach.records import TABLE_NAMES
from ssi_coach.services.repo import Repo
from ssi_coach.settings import LANG
from ssi_coach.store import backup as backups
from ssi_coach.store import profiles as store
from ssi_coach.store.transfer import count_rows

TAKEN = "profile_name_taken"


@dataclass(frozen=True)
class LocalProfile:
    """A local profile: its id, its stored name (see profile_names.shown_name) and last use."""

    id: int
    name: str
    last_used_at: datetime | None = None


class ProfileRefused(ValueError):
    """A profile cannot be used, renamed or deleted; `code` keys the reason.

    "gone": it no longer exists (deleted in another tab); "not_local": a login owns it;
    "last": it is the only local profile left, and the app always has one.
    """

    def __init__(self, code: str, profile_id: int) -> None:
        self.code = code
        self.profile_id = profile_id
        super().__init__(f"profile {profile_id}: {code}")


@dataclass(frozen=True)
class Deleted:
    """A profile deleted: its name, the rows that went with it, and the profile now in use."""

    name: str
    # (table, rows) in the export's table order, tables that held nothing left out.
    removed: tuple[tuple[str, int], ...]
    now: LocalProfile
    # Whether the whole database was backed up just before (SQLite files only).
    backed_up: bool


@dataclass(frozen=True)
class SessionProfile:
    """The profile a session shows, checked against the database, and the local profiles."""

    repo: Repo
    profiles: tuple[LocalProfile, ...]
    # The session's profile had been deleted (in another tab): this is another one.
    fell_back: bool = False


def list_local(engine: Engine) -> tuple[LocalProfile, ...]:
    """Return the local profiles, oldest first."""
    return tuple(
        LocalProfile(found.id, found.name, found.last_used_at)
        for found in store.list_profiles(engine)
    )


def _local(engine: Engine, profile_id: int) -> tuple[LocalProfile, tuple[LocalProfile, ...]]:
    """Return a local profile and all of them, or raise ProfileRefused."""
    every = list_local(engine)
    for found in every:
        if found.id == profile_id:
            return found, every
    exists = store.profile_name(engine, profile_id) is not None
    raise ProfileRefused("not_local" if exists else "gone", profile_id)


def _free(name: str, others: tuple[LocalProfile, ...]) -> str:
    """Return the name unless another profile already reads the same, else raise InvalidInput."""
    if clashes(name, (other.name for other in others)):
        raise InvalidInput(FIELD, TAKEN)
    return name


def create(engine: Engine, typed: object, language: Lang | None = None) -> LocalProfile:
    """Make a local profile with a valid, unused name; it starts in the given language."""
    name = _free(clean_name(typed), list_local(engine))
    try:
        made = store.create_profile(engine, name)
    except store.NameTaken as error:
        # A login's profile has it, or another tab took it since the check above.
        raise InvalidInput(FIELD, TAKEN) from error
    if language is not None:
        # A second transaction: should it fail, the new profile only shows in French.
        store.set_setting(engine, made, LANG, language.value)
    return LocalProfile(made, name)


def rename(engine: Engine, profile_id: int, typed: object) -> LocalProfile:
    """Give a local profile a valid name no other profile reads the same; return it."""
    name = clean_name(typed)
    current, every = _local(engine, profile_id)
    if keeps_name(current.name, name):
        # The default profile's translated label, as the field shows it: it stays translated.
        return current
    _free(name, tuple(other for other in every if other.id != profile_id))
    try:
        renamed = store.rename_profile(engine, profile_id, name)
    except store.NameTaken as error:
        raise InvalidInput(FIELD, TAKEN) from error
    if not renamed:
        raise ProfileRefused("gone", profile_id)
    return LocalProfile(profile_id, name, current.last_used_at)


def switch(engine: Engine, profile_id: int) -> Repo:
    """Use a local profile from now on, and in the next session; return its handle."""
    _local(engine, profile_id)
    store.mark_used(engine, profile_id)
    return Repo(engine, profile_id)


def what_will_go(repo: Repo) -> tuple[tuple[str, int], ...]:
    """Return, per table, how many rows deleting the profile would remove (none left out)."""
    counts = count_rows(repo.engine, repo.profile_id)
    return tuple((table, counts[table]) for table in TABLE_NAMES if counts.get(table))


def delete(engine: Engine, profile_id: int) -> Deleted:
    """Delete a local profile and every row it owns, after a backup; move on to another one.

    Refuse the only local profile, and any profile a login owns.
    """
    doomed, every = _local(engine, profile_id)
    if len(every) < 2:
        raise ProfileRefused("last", profile_id)
    removed = what_will_go(Repo(engine, profile_id))
    backed_up = backups.supports_backups(engine)
    if backed_up:
        # A profile's years of history go at one click: the file as it was stays restorable.
        backups.backup_now(engine, "deletion")
    if not store.delete_profile(engine, profile_id):
        raise ProfileRefused("gone", profile_id)
    now = store.default_profile_id(engine)
    store.mark_used(engine, now)
    name = store.profile_name(engine, now) or ""
    return Deleted(doomed.name, removed, LocalProfile(now, name), backed_up)


def session_profile(engine: Engine, chosen_id: int | None) -> SessionProfile:
    """Return the session's profile if it is still a local one, else the one used last."""
    every = list_local(engine)
    if chosen_id is not None and any(found.id == chosen_id for found in every):
        return SessionProfile(Repo(engine, chosen_id), every)
    # Deleted in another tab (or none chosen yet): the local profile used last takes over.
    fallback = store.default_profile_id(engine)
    if not any(found.id == fallback for found in every):
        # No local profile was left: default_profile_id has just made one.
        every = list_local(engine)
    return SessionProfile(Repo(engine, fallback), every, fell_back=chosen_id is not None)
