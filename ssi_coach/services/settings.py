"""Settings use cases: the language and the role of a profile, and where the data lives."""

from __future__ import annotations

from ssi_coach.benchmarks import DEFAULT_ROLE
from ssi_coach.i18n import DEFAULT_LANG, Lang, as_lang
from ssi_coach.model import Role
from ssi_coach.services.repo import Repo
from ssi_coach.settings import LANG, ROLE
from ssi_coach.store.engine import describe_database
from ssi_coach.store.profiles import get_setting, set_setting


def language(repo: Repo) -> Lang:
    """Return the language chosen for this profile, French by default."""
    return as_lang(get_setting(repo.engine, repo.profile_id, LANG) or DEFAULT_LANG)


def set_language(repo: Repo, code: str) -> Lang:
    """Store the language and return it."""
    chosen = as_lang(code)
    set_setting(repo.engine, repo.profile_id, LANG, chosen.value)
    return chosen


def role(repo: Repo) -> Role:
    """Return the stored role, a freelancer until the user says otherwise."""
    stored = get_setting(repo.engine, repo.profile_id, ROLE)
    try:
        return Role(stored) if stored else DEFAULT_ROLE
    except ValueError:
        return DEFAULT_ROLE


def set_role(repo: Repo, code: str) -> Role:
    """Store the role and return it."""
    chosen = Role(code)
    set_setting(repo.engine, repo.profile_id, ROLE, chosen.value)
    return chosen


def data_location(repo: Repo) -> str:
    """Return where the data lives, with any password hidden."""
    return describe_database(repo.engine.url.render_as_string(hide_password=False))
