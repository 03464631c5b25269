"""Profiles and their stored settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ssi_coach.store.tables import IdentityRow, ProfileRow, SettingRow

DEFAULT_PROFILE_NAME = "default"


def now() -> datetime:
    """Return the current UTC time without tzinfo, as stored."""
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, slots=True)
class StoredProfile:
    """A profile as listed: its id, its name and when it was made and last used."""

    id: int
    name: str
    created_at: datetime
    last_used_at: datetime | None


@dataclass(frozen=True, slots=True)
class Member:
    """A profile owned by a login: the profile, the identity's e-mail and its last login."""

    profile_id: int
    name: str
    email: str
    last_login_at: datetime


class NameTaken(ValueError):
    """Another profile already has this name."""


def default_profile_id(engine: Engine) -> int:
    """Return the local profile used last (the first one made if none was), creating one if none."""
    with Session(engine) as session:
        found = session.scalar(
            select(ProfileRow.id)
            .where(~ProfileRow.id.in_(select(IdentityRow.profile_id)))
            .order_by(ProfileRow.last_used_at.desc().nulls_last(), ProfileRow.id)
            .limit(1)
        )
        if found is not None:
            return found
    try:
        with Session(engine) as session, session.begin():
            row = ProfileRow(name=DEFAULT_PROFILE_NAME, created_at=now())
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError:
        # Another process created it between our read and our write.
        return default_profile_id(engine)


def get_setting(engine: Engine, profile_id: int, key: str) -> str | None:
    """Return a stored setting, or None when it was never set."""
    with Session(engine) as session:
        return session.scalar(
            select(SettingRow.value).where(
                SettingRow.profile_id == profile_id, SettingRow.key == key
            )
        )


def set_setting(engine: Engine, profile_id: int, key: str, value: str) -> None:
    """Store a setting, replacing any earlier value."""
    with Session(engine) as session, session.begin():
        row = session.get(SettingRow, (profile_id, key))
        if row is None:
            session.add(SettingRow(profile_id=profile_id, key=key, value=value))
        else:
            row.value = value


def list_profiles(engine: Engine) -> list[StoredProfile]:
    """Return the local profiles (those no login owns), oldest first."""
    with Session(engine) as session:
        rows = session.execute(
            select(ProfileRow.id, ProfileRow.name, ProfileRow.created_at, ProfileRow.last_used_at)
            .where(~ProfileRow.id.in_(select(IdentityRow.profile_id)))
            .order_by(ProfileRow.id)
        )
        return [StoredProfile(*row) for row in rows]


def profile_name(engine: Engine, profile_id: int) -> str | None:
    """Return a profile's name, or None when it does not exist."""
    with Session(engine) as session:
        return session.scalar(select(ProfileRow.name).where(ProfileRow.id == profile_id))


def _name_taken(session: Session, name: str, except_id: int | None = None) -> bool:
    query = select(func.count()).where(func.lower(ProfileRow.name) == name.lower())
    if except_id is not None:
        query = query.where(ProfileRow.id != except_id)
    return bool(session.scalar(query))


def create_profile(engine: Engine, name: str) -> int:
    """Make a profile with this name and return its id; raise NameTaken if the name is in use."""
    try:
        with Session(engine) as session, session.begin():
            if _name_taken(session, name):
                raise NameTaken(name)
            row = ProfileRow(name=name, created_at=now())
            session.add(row)
            session.flush()
            return row.id
    except IntegrityError as error:
        raise NameTaken(name) from error


def rename_profile(engine: Engine, profile_id: int, name: str) -> bool:
    """Rename a profile; return False when it no longer exists, raise NameTaken if in use."""
    try:
        with Session(engine) as session, session.begin():
            if _name_taken(session, name, except_id=profile_id):
                raise NameTaken(name)
            row = session.get(ProfileRow, profile_id)
            if row is None:
                return False
            row.name = name
            return True
    except IntegrityError as error:
        raise NameTaken(name) from error


def delete_profile(engine: Engine, profile_id: int) -> bool:
    """Delete a profile and, by cascade, every row it owns; return False if it was already gone."""
    with Session(engine) as session, session.begin():
        found = session.scalar(select(ProfileRow.id).where(ProfileRow.id == profile_id))
        # A bulk delete: the database's ON DELETE CASCADE removes every row the profile owns.
        session.execute(delete(ProfileRow).where(ProfileRow.id == profile_id))
        return found is not None


def mark_used(engine: Engine, profile_id: int) -> None:
    """Remember that this profile is the one in use, for the next session."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(ProfileRow).where(ProfileRow.id == profile_id).values(last_used_at=now())
        )


def _free_name(session: Session, wanted: str) -> str:
    base = wanted[:70]
    name, suffix = base, 2
    while _name_taken(session, name):
        name, suffix = f"{base} ({suffix})", suffix + 1
    return name


def profile_for_identity(engine: Engine, issuer: str, subject: str, email: str, name: str) -> int:
    """Return the profile a verified identity owns, making it on its first login."""
    with Session(engine) as session:
        found = session.execute(
            select(IdentityRow.profile_id, IdentityRow.email).where(
                IdentityRow.issuer == issuer, IdentityRow.subject == subject
            )
        ).first()
    # Read first: this runs at every page run, and a write would take SQLite's lock each time.
    if found is not None and found.email == email:
        owner: int = found.profile_id
        return owner
    stamp = now()
    try:
        with Session(engine) as session, session.begin():
            identity = session.scalar(
                select(IdentityRow).where(
                    IdentityRow.issuer == issuer, IdentityRow.subject == subject
                )
            )
            if identity is not None:
                # The provider's e-mail may change; the identity (issuer, subject) does not.
                identity.email = email
                return identity.profile_id
            profile = ProfileRow(
                name=_free_name(session, name or email or subject), created_at=stamp
            )
            session.add(profile)
            session.flush()
            session.add(
                IdentityRow(
                    issuer=issuer,
                    subject=subject,
                    email=email,
                    profile_id=profile.id,
                    created_at=stamp,
                    last_login_at=stamp,
                )
            )
            return profile.id
    except IntegrityError:
        # The same identity's other tab made it between our read and our write.
        return profile_for_identity(engine, issuer, subject, email, name)


def record_login(engine: Engine, issuer: str, subject: str) -> None:
    """Remember when this identity last logged in (once per browser session)."""
    with Session(engine) as session, session.begin():
        session.execute(
            update(IdentityRow)
            .where(IdentityRow.issuer == issuer, IdentityRow.subject == subject)
            .values(last_login_at=now())
        )


def list_members(engine: Engine) -> list[Member]:
    """Return every profile a login owns, with its e-mail, by name."""
    with Session(engine) as session:
        rows = session.execute(
            select(ProfileRow.id, ProfileRow.name, IdentityRow.email, IdentityRow.last_login_at)
            .join(IdentityRow, IdentityRow.profile_id == ProfileRow.id)
            .order_by(func.lower(ProfileRow.name), ProfileRow.id)
        )
        return [Member(*row) for row in rows]


def member_by_email(engine: Engine, email: str) -> Member | None:
    """Return the member whose login has this e-mail (ignoring case), or None."""
    found = [m for m in list_members(engine) if m.email.lower() == email.strip().lower()]
    return found[0] if len(found) == 1 else None
