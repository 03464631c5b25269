"""Who may use the app and see what: local mode, server mode, members and coaches."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass

# The environment variables a coach's server is configured with (see the README).
SERVER_MODE_VARIABLE = "SSI_COACH_SERVER_MODE"
COACHES_VARIABLE = "SSI_COACH_COACHES"
COACH_GROUP_VARIABLE = "SSI_COACH_COACH_GROUP"
GROUPS_CLAIM_VARIABLE = "SSI_COACH_GROUPS_CLAIM"
DEFAULT_GROUPS_CLAIM = "groups"
# What Streamlit's OpenID Connect login needs in the [auth] section of secrets.toml.
AUTH_SETTINGS = (
    "redirect_uri",
    "cookie_secret",
    "client_id",
    "client_secret",
    "server_metadata_url",
)
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class Identity:
    """A verified login: its issuer and subject, and the e-mail and name shown for it."""

    issuer: str
    subject: str
    email: str
    name: str
    groups: tuple[str, ...] = ()
    # Only a verified e-mail names a coach: some providers let users type any address.
    email_verified: bool = False


@dataclass(frozen=True)
class CoachRule:
    """Who is a coach: listed e-mails (any case), or members of one group of the provider."""

    emails: frozenset[str] = frozenset()
    group: str | None = None
    groups_claim: str = DEFAULT_GROUPS_CLAIM


def is_loopback(address: str | None) -> bool:
    """Say whether the server listens on this machine only (127.0.0.0/8, ::1 or localhost)."""
    if not address:
        # Streamlit listens on every interface when no address is set.
        return False
    if address.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def login_required(address: str | None, environ: Mapping[str, str]) -> bool:
    """Say whether users must log in: on any non-loopback address, or in declared server mode."""
    declared = environ.get(SERVER_MODE_VARIABLE, "").strip().lower() in _TRUE
    # Behind a reverse proxy the app listens on loopback yet serves the network: the serve
    # command declares server mode so that the login is still required.
    return declared or not is_loopback(address)


def coach_rule(environ: Mapping[str, str]) -> CoachRule:
    """Read who is a coach from the environment (comma-separated e-mails, a group name)."""
    emails = frozenset(
        part.strip().lower()
        for part in environ.get(COACHES_VARIABLE, "").split(",")
        if part.strip()
    )
    group = environ.get(COACH_GROUP_VARIABLE, "").strip() or None
    claim = environ.get(GROUPS_CLAIM_VARIABLE, "").strip() or DEFAULT_GROUPS_CLAIM
    return CoachRule(emails=emails, group=group, groups_claim=claim)


def identity_from_claims(
    claims: Mapping[str, object], groups_claim: str = DEFAULT_GROUPS_CLAIM
) -> Identity | None:
    """Return the identity of a logged-in user's claims, or None without issuer and subject."""
    issuer, subject = claims.get("iss"), claims.get("sub")
    if not isinstance(issuer, str) or not isinstance(subject, str) or not issuer or not subject:
        return None
    email = claims.get("email")
    name = claims.get("name")
    raw_groups = claims.get(groups_claim)
    groups: tuple[str, ...] = ()
    if isinstance(raw_groups, str):
        groups = (raw_groups,)
    elif isinstance(raw_groups, list | tuple):
        groups = tuple(str(group) for group in raw_groups)
    shown_email = email if isinstance(email, str) else ""
    shown_name = name if isinstance(name, str) and name.strip() else shown_email or subject
    verified = claims.get("email_verified") is True
    return Identity(issuer, subject, shown_email, shown_name.strip(), groups, verified)


def is_coach(identity: Identity, rule: CoachRule) -> bool:
    """Say whether this identity is one of the coaches the configuration names."""
    if identity.email_verified and identity.email.strip().lower() in rule.emails:
        return True
    return rule.group is not None and rule.group in identity.groups


def missing_auth_settings(auth: Mapping[str, object] | None) -> tuple[str, ...]:
    """Return the [auth] settings a login needs that are absent or empty, in a stable order."""
    if auth is None:
        return AUTH_SETTINGS
    return tuple(key for key in AUTH_SETTINGS if not str(auth.get(key) or "").strip())
