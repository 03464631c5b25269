"""Whose data a session reads: the member's own profile, or a member a coach views read-only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from ssi_coach.access import CoachRule, Identity, is_coach
from ssi_coach.services.repo import Repo, read_only
from ssi_coach.store import profiles
from ssi_coach.store.profiles import Member, list_members, profile_for_identity


@dataclass(frozen=True)
class Seat:
    """A logged-in session: its identity, its own profile, whether it coaches, and what it views."""

    identity: Identity
    own: Repo
    coach: bool
    # The profile the pages show: the own one, or a member's, read-only, for a coach.
    shown: Repo

    @property
    def viewing_other(self) -> bool:
        """Say whether the pages show another member's data."""
        return self.shown.profile_id != self.own.profile_id


def seat_for(engine: Engine, identity: Identity, rule: CoachRule, viewed: object = None) -> Seat:
    """Return the session of a verified identity; a coach may view another member, read-only."""
    own = Repo(
        engine,
        profile_for_identity(
            engine, identity.issuer, identity.subject, identity.email, identity.name
        ),
        shared=True,
    )
    coach = is_coach(identity, rule)
    shown = own
    # Whatever asks for another profile (a widget, the URL, a stored value) is a plain request:
    # only a coach's request for an existing member is followed, and never for writing.
    wanted = viewed if isinstance(viewed, int) and not isinstance(viewed, bool) else None
    if coach and wanted is not None and wanted != own.profile_id and _is_member(engine, wanted):
        shown = read_only(engine, wanted)
    return Seat(identity, own, coach, shown)


def _is_member(engine: Engine, profile_id: int) -> bool:
    return any(member.profile_id == profile_id for member in list_members(engine))


def members_for(seat: Seat) -> list[Member]:
    """Return the members a coach may view, by name; nobody for a member who is not a coach."""
    if not seat.coach:
        return []
    return list_members(seat.own.engine)


def record_login(engine: Engine, identity: Identity) -> None:
    """Remember when this identity logged in."""
    profiles.record_login(engine, identity.issuer, identity.subject)


def shown_name(seat: Seat) -> str:
    """Return the name of the profile the pages show."""
    return profiles.profile_name(seat.own.engine, seat.shown.profile_id) or ""
