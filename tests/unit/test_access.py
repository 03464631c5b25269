"""Who must log in, who is a coach, and what a login's claims say."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.access import (
    AUTH_SETTINGS,
    CoachRule,
    coach_rule,
    identity_from_claims,
    is_coach,
    is_loopback,
    login_required,
    missing_auth_settings,
)

CLAIMS = {
    "iss": "https://idp.test",
    "sub": "alice",
    "email": "Alice@Example.com",
    "email_verified": True,
    "name": "Alice Martin",
}


@pytest.mark.parametrize("address", ["127.0.0.1", "127.5.0.9", "::1", "[::1]", "localhost"])
def test_a_loopback_address_serves_this_machine_only(address: str) -> None:
    assert is_loopback(address)


@pytest.mark.parametrize("address", ["0.0.0.0", "::", "192.168.1.20", "example.com", "", None])
def test_any_other_address_or_none_serves_the_network(address: str | None) -> None:
    assert not is_loopback(address)


def test_the_local_default_needs_no_login() -> None:
    assert not login_required("127.0.0.1", {})


def test_listening_on_every_interface_requires_a_login() -> None:
    assert login_required("0.0.0.0", {})


@pytest.mark.parametrize("value", ["1", "true", "TRUE", "yes", "on"])
def test_declared_server_mode_requires_a_login_even_on_loopback(value: str) -> None:
    assert login_required("127.0.0.1", {"SSI_COACH_SERVER_MODE": value})


@given(st.ip_addresses())
def test_a_login_is_required_exactly_when_the_address_is_not_loopback(address: object) -> None:
    assert login_required(str(address), {}) is not ipaddress_is_loopback(address)


def ipaddress_is_loopback(address: object) -> bool:
    """Return what the standard library says of the address."""
    return bool(address.is_loopback)


def test_coaches_are_read_as_lowercase_emails_and_a_group() -> None:
    rule = coach_rule(
        {"SSI_COACH_COACHES": " Coach@Example.com, ,b@x.fr", "SSI_COACH_COACH_GROUP": "coaches"}
    )
    assert rule == CoachRule(frozenset({"coach@example.com", "b@x.fr"}), "coaches", "groups")


def test_a_listed_verified_email_is_a_coach_whatever_its_case() -> None:
    who = identity_from_claims(CLAIMS)
    assert who is not None
    assert is_coach(who, CoachRule(frozenset({"alice@example.com"})))


def test_a_listed_email_the_provider_did_not_verify_is_not_a_coach() -> None:
    who = identity_from_claims(CLAIMS | {"email_verified": False})
    assert who is not None
    assert not is_coach(who, CoachRule(frozenset({"alice@example.com"})))


def test_a_member_of_the_coach_group_is_a_coach_without_a_listed_email() -> None:
    who = identity_from_claims(CLAIMS | {"roles": ["staff", "coaches"]}, groups_claim="roles")
    assert who is not None
    assert is_coach(who, CoachRule(group="coaches", groups_claim="roles"))


def test_nobody_is_a_coach_when_none_is_configured() -> None:
    who = identity_from_claims(CLAIMS)
    assert who is not None
    assert not is_coach(who, coach_rule({}))


@pytest.mark.parametrize("missing", ["iss", "sub"])
def test_claims_without_issuer_or_subject_are_no_identity(missing: str) -> None:
    claims = {key: value for key, value in CLAIMS.items() if key != missing}
    assert identity_from_claims(claims) is None


def test_an_identity_without_name_shows_its_email() -> None:
    who = identity_from_claims({"iss": "i", "sub": "s", "email": "a@b.c"})
    assert who is not None
    assert who.name == "a@b.c"


def test_every_auth_setting_is_missing_without_an_auth_section() -> None:
    assert missing_auth_settings(None) == AUTH_SETTINGS


def test_an_empty_auth_setting_counts_as_missing() -> None:
    given_settings = dict.fromkeys(AUTH_SETTINGS, "x") | {"client_secret": "  "}
    assert missing_auth_settings(given_settings) == ("client_secret",)


def test_a_complete_auth_section_misses_nothing() -> None:
    assert missing_auth_settings(dict.fromkeys(AUTH_SETTINGS, "x")) == ()
