"""Server mode in AppTest: the login gate, one profile per identity, a coach's read-only view."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Reading
from ssi_coach.services import checkin
from ssi_coach.services.repo import Repo
from ssi_coach.store.profiles import profile_for_identity
from tests.app.conftest import APP
from tests.app.server_login import AUTH, ISSUER, user


@pytest.fixture
def run_as_user(server: Engine) -> Callable[..., AppTest]:
    """Return a function that runs one page for a user, with complete [auth] secrets."""

    def _run(who: dict[str, object] | None, page: str | None = None, **state: object) -> AppTest:
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.secrets["auth"] = AUTH
        at.user = who if who is not None else {"is_logged_in": False}
        for key, value in state.items():
            at.session_state[key] = value
        if page is not None:
            at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
        return at

    return _run


def member_profile(engine: Engine, sub: str, email: str) -> Repo:
    """Return the profile the identity owns, made as its first login would."""
    return Repo(engine, profile_for_identity(engine, ISSUER, sub, email, sub.capitalize()))


def reading(day: date) -> Reading:
    """Return a reading of 71.25 (17.5 + 18.25 + 16.75 + 18.75): no page shows it by chance."""
    return Reading(day, 17.5, 18.25, 16.75, 18.75)


def texts(at: AppTest) -> str:
    """Return every text the run shows, sidebar included."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += (
        [e.value for e in at.error] + [i.value for i in at.info] + [w.value for w in at.warning]
    )
    parts += [b.label for b in at.button] + [t.value for t in at.title]
    return "\n".join(str(p) for p in parts)


def test_server_mode_without_auth_settings_names_what_is_missing_and_opens_no_page(
    server: Engine,
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.user = user("alice", "alice@example.com")
    at.run()
    assert not at.exception
    shown = at.error[0].value
    for name in AUTH:
        assert name in shown
    assert "[auth]" in shown
    # The file Streamlit actually reads, so that the administrator edits the right one.
    assert "secrets.toml" in shown
    assert not at.title, "no page may open without a configured login"


def test_a_visitor_who_is_not_logged_in_sees_only_the_login_screen(
    run_as_user: Callable[..., AppTest],
) -> None:
    at = run_as_user(None)
    assert [b.label for b in at.button] == ["Se connecter"]
    assert "Connectez-vous" in at.markdown[0].value
    assert not at.sidebar.radio, "no sidebar, no page before the login"


def test_a_visitor_with_an_english_browser_sees_the_login_screen_in_english(
    server: Engine,
) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = {"is_logged_in": False}
    at.context = {"locale": "en-GB"}
    at.run()
    assert [b.label for b in at.button] == ["Log in"]


def test_a_first_login_makes_the_member_a_profile_of_their_own(
    server: Engine, run_as_user: Callable[..., AppTest]
) -> None:
    at = run_as_user(user("alice", "alice@example.com"), "pages/checkin.py")
    assert "Compte\u00a0: alice@example.com" in texts(at)
    again = member_profile(server, "alice", "alice@example.com")
    other = member_profile(server, "bob", "bob@example.com")
    assert again.profile_id != other.profile_id


def test_a_member_never_sees_another_members_reading_even_with_forged_state_and_url(
    server: Engine, run_as_user: Callable[..., AppTest]
) -> None:
    alice = member_profile(server, "alice", "alice@example.com")
    bob = member_profile(server, "bob", "bob@example.com")
    checkin.store_checkin(alice, reading(date(2026, 10, 5)))
    at = run_as_user(
        user("bob", "bob@example.com"),
        "pages/checkin.py",
        # What a tampered session could hold: another profile's handle and a coach's request.
        **{
            "repo::" + str(server.url): Repo(server, alice.profile_id),
            "coach_viewed_member": alice.profile_id,
        },
    )
    at.query_params["member"] = str(alice.profile_id)
    at.run()
    assert not at.exception
    assert "71" not in texts(at)
    assert checkin.list_readings(bob) == []


def test_a_coach_views_a_member_read_only_and_cannot_save_for_them(
    server: Engine, run_as_user: Callable[..., AppTest]
) -> None:
    alice = member_profile(server, "alice", "alice@example.com")
    checkin.store_checkin(alice, reading(date(2026, 10, 5)))
    coach = user("coach", "coach@example.com")
    at = run_as_user(coach, "pages/checkin.py")
    picker = at.sidebar.selectbox(key="coach_view_picker")
    picker.select(alice.profile_id).run()
    assert not at.exception
    assert any("lecture seule" in i.value for i in at.info)
    before = checkin.list_readings(alice)
    for field, value in {
        "brand": "20",
        "people": "20",
        "insights": "20",
        "relationships": "20",
    }.items():
        at.text_input(key=f"checkin_{field}").input(value)
    at.button(key="checkin_submit").click().run()
    assert not at.exception
    assert checkin.list_readings(alice) == before
    assert any("rien n’a été enregistré" in w.value for w in at.warning)


def test_a_coach_listed_by_an_unverified_email_is_not_a_coach(
    server: Engine, run_as_user: Callable[..., AppTest]
) -> None:
    member_profile(server, "alice", "alice@example.com")
    at = run_as_user(user("mallory", "coach@example.com", verified=False))
    assert not at.sidebar.selectbox, "an unverified e-mail must not open the coach's picker"
