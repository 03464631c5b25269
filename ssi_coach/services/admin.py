"""The server administrator's use cases: list the members, export, import or delete one."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from ssi_coach.records import ImportPreview
from ssi_coach.services import data
from ssi_coach.services.repo import Repo
from ssi_coach.store import lifecycle, profiles
from ssi_coach.store.engine import make_engine

# The command names these through the service: it never imports the store.
Member = profiles.Member
NewerSchema = lifecycle.NewerSchema


class DatabaseUnavailable(RuntimeError):
    """The database cannot be opened: wrong URL, server down, access refused."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


def _first_line(error: SQLAlchemyError) -> str:
    # The driver's own message says what is wrong; SQLAlchemy's wrapper adds pages of context.
    reason = str(getattr(error, "orig", None) or error).strip()
    return reason.splitlines()[0] if reason else type(error).__name__


class UnknownMember(LookupError):
    """No member has this e-mail or profile id."""

    def __init__(self, who: str) -> None:
        self.who = who
        super().__init__(who)


class SeveralMembers(LookupError):
    """Several members share this e-mail (logins from different providers): name one by id."""

    def __init__(self, who: str, members: list[profiles.Member]) -> None:
        self.who = who
        self.members = members
        super().__init__(who)


def open_database(url: str | None = None) -> Engine:
    """Open SSI_COACH_DATABASE_URL (or the URL given), migrated; NewerSchema if it is newer."""
    try:
        engine = make_engine(url)
    except SQLAlchemyError as error:
        # A malformed URL or a missing driver: the URL may hold a password, so it is not shown.
        raise DatabaseUnavailable("?", _first_line(error)) from error
    try:
        lifecycle.migrate(engine)
    except SQLAlchemyError as error:
        engine.dispose()
        raise DatabaseUnavailable(shown_url(engine), _first_line(error)) from error
    except Exception:
        engine.dispose()
        raise
    return engine


def shown_url(engine: Engine) -> str:
    """Return the database's URL without its password."""
    return engine.url.render_as_string(hide_password=True)


def members(engine: Engine) -> list[profiles.Member]:
    """Return every member (a profile owned by a login), by name."""
    return profiles.list_members(engine)


def find_member(engine: Engine, who: str) -> profiles.Member:
    """Return the member with this e-mail (any case) or profile id; raise when not exactly one."""
    wanted = who.strip()
    everyone = profiles.list_members(engine)
    if wanted.isdigit():
        found = [member for member in everyone if member.profile_id == int(wanted)]
    else:
        found = [member for member in everyone if member.email.lower() == wanted.lower()]
    if not found:
        raise UnknownMember(who)
    if len(found) > 1:
        raise SeveralMembers(who, found)
    return found[0]


def _repo(engine: Engine, member: profiles.Member) -> Repo:
    return Repo(engine, member.profile_id, shared=True)


def holdings(engine: Engine, member: profiles.Member) -> dict[str, int]:
    """Return how many rows each table holds for the member."""
    return data.row_counts(_repo(engine, member))


def export_member(engine: Engine, member: profiles.Member) -> bytes:
    """Return the member's data as the JSON export the My data page gives them."""
    return data.export_file_json(_repo(engine, member))


def preview_import(
    engine: Engine, member: profiles.Member, content: bytes, name: str
) -> data.ImportCheck:
    """Read an export and say what importing it into the member's data would change."""
    return data.check_import(_repo(engine, member), content, name)


def import_member(
    engine: Engine, member: profiles.Member, content: bytes, name: str
) -> ImportPreview:
    """Import an export into the member's data, all or nothing; rows it lacks are kept."""
    return data.import_file(_repo(engine, member), content, name)


def delete_member(engine: Engine, member: profiles.Member) -> bool:
    """Delete the member's profile, login and every row they own; False if already gone."""
    # The identity goes with the profile: a later login starts a new, empty profile.
    return profiles.delete_profile(engine, member.profile_id)
