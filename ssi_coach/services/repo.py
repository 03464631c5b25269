"""The handle every use case takes: one profile's data in one database."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from ssi_coach.store.profiles import default_profile_id


@dataclass(frozen=True)
class Repo:
    """The database and the profile a use case reads and writes."""

    engine: Engine
    profile_id: int


def open_default(engine: Engine) -> Repo:
    """Return the handle of the default profile, creating it on first run."""
    return Repo(engine, default_profile_id(engine))
