"""The handle every use case takes: one profile's data in one database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from ssi_coach.store.engine import read_only_view
from ssi_coach.store.profiles import default_profile_id


@dataclass(frozen=True)
class Repo:
    """The database and the profile a use case reads and writes."""

    engine: Engine
    profile_id: int
    # A coach's view of a member: the engine refuses every write (see read_only).
    read_only: bool = False
    # Several people's data in one database (server mode): whole-database operations, such as
    # a backup or a restore, belong to the server's administrator, never to one member.
    shared: bool = False


def open_default(engine: Engine) -> Repo:
    """Return the handle of the default profile, creating it on first run."""
    return Repo(engine, default_profile_id(engine))


def read_only(engine: Engine, profile_id: int) -> Repo:
    """Return a handle that reads one shared profile and refuses any write at the database."""
    return Repo(read_only_view(engine), profile_id, read_only=True, shared=True)
