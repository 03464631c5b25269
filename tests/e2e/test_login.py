"""Server mode in Chromium, with a real OpenID Connect provider and a real PostgreSQL server."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from ssi_coach import serve
from ssi_coach.access import COACHES_VARIABLE, SERVER_MODE_VARIABLE
from ssi_coach.model import Reading
from ssi_coach.months import add_months, month_of
from ssi_coach.services import checkin, journal, questionnaire, settings
from ssi_coach.services.admin import members, open_database
from ssi_coach.services.repo import Repo
from ssi_coach.store.profiles import profile_for_identity
from tests.conftest import _reset_postgres_schema
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, AppServer, open_app, wait_for_app
from tests.e2e.oidc import (
    Provider,
    authorize,
    end_session,
    offline_styles,
    running_provider,
    write_secrets,
)
from tests.e2e.test_foundation import TODAY_FR, record_check_in

# The provider runs in this process: its own deprecation notices (and Authlib's) are not ours.
pytestmark = [
    pytest.mark.filterwarnings("ignore::DeprecationWarning:authlib.*"),
    pytest.mark.filterwarnings("ignore::DeprecationWarning:oidc_provider_mock.*"),
]

COACH = "coach@example.com"
PEOPLE = {
    "alice": {"email": "alice@example.com", "name": "Alice"},
    "bob": {"email": "bob@example.com", "name": "Bob"},
    "coach": {"email": COACH, "name": "Claire"},
}
NO_READING = "Aucun relevé pour l’instant"
LOGIN = {"fr-FR": "Se connecter", "en-GB": "Log in"}
GOAL_ANSWERS = {"role": "freelance", "already_converting": "no", "minutes_per_day": "20"}


def start_app(
    folder: Path, database_url: str, secrets: Path, extra_env: dict[str, str] | None = None
) -> AppServer:
    """Start the app with the options of `python -m ssi_coach.serve`, in declared server mode."""
    app = AppServer(
        folder / "unused.db",
        folder / "streamlit.log",
        extra_env={"SSI_COACH_DATABASE_URL": database_url, SERVER_MODE_VARIABLE: "1"}
        | (extra_env or {}),
    )
    auth, _unread = serve.read_auth(secrets)
    settings = serve.Settings(
        address="127.0.0.1",
        port=app.port,
        allowed_hosts=serve.allowed_hosts([], serve.public_host(auth)),
        secrets=secrets,
    )
    app.extra_args = tuple(serve.streamlit_options(settings))
    app.start()
    return app


@pytest.fixture(scope="module")
def provider() -> Iterator[Provider]:
    with running_provider() as running:
        for sub, claims in PEOPLE.items():
            running.add_user(sub, email_verified=True, **claims)
        yield running


@pytest.fixture(scope="module")
def team_server(
    provider: Provider, pg_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[AppServer]:
    """Yield the app in server mode on an empty PostgreSQL database, with one coach."""
    _reset_postgres_schema(pg_url)
    folder = tmp_path_factory.mktemp("team-server")
    secrets = folder / "secrets.toml"
    # The app's port is chosen when it is made: the redirect URI names it through {port}.
    write_secrets(secrets, provider, "http://127.0.0.1:{port}")
    app = start_app(folder, pg_url, secrets, {COACHES_VARIABLE: COACH})
    try:
        yield app
    finally:
        app.stop()


@pytest.fixture
def visitor(browser: Browser) -> Iterator[Page]:
    """Yield a French browser tab with no cookie, which the provider's pages never hold up."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    offline_styles(context)
    try:
        yield context.new_page()
    finally:
        context.close()


def log_in(page: Page, app: AppServer, provider: Provider, sub: str) -> None:
    """Log in from the app's login screen as a subject of the provider."""
    open_app(page, app, "")
    page.get_by_role("button", name="Se connecter").click()
    authorize(page, provider, sub)
    page.wait_for_url(re.compile(re.escape(app.url)))
    wait_for_app(page)
    expect(page.get_by_text(f"Compte\u00a0: {PEOPLE[sub]['email']}")).to_be_visible()


def log_out(page: Page, app: AppServer, provider: Provider) -> None:
    """Log out through the sidebar, end the provider's session, and land on the login screen."""
    page.get_by_role("button", name="Se déconnecter").click()
    end_session(page, provider)
    page.wait_for_url(re.compile(re.escape(app.url)))
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()


def readings_of(pg_url: str) -> dict[str, int]:
    """Return how many readings each member holds, by e-mail, read from PostgreSQL."""
    engine = open_database(pg_url)
    try:
        return {
            m.email: len(checkin.list_readings(Repo(engine, m.profile_id))) for m in members(engine)
        }
    finally:
        engine.dispose()


def test_a_member_checks_in_a_second_cannot_see_it_and_the_coach_sees_both(
    team_server: AppServer,
    provider: Provider,
    visitor: Page,
    pg_url: str,
    screenshot: Callable[[Page, str], Path],
) -> None:
    page = visitor
    log_in(page, team_server, provider, "alice")
    open_app(page, team_server, "checkin")
    record_check_in(page)
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("23")
    log_out(page, team_server, provider)
    # After the logout, the app shows nothing of Alice's to whoever opens it.
    open_app(page, team_server, "progress")
    expect(page.get_by_role("button", name="Se connecter")).to_be_visible()
    expect(page.get_by_text("23")).to_have_count(0)

    log_in(page, team_server, provider, "bob")
    open_app(page, team_server, "progress")
    expect(page.get_by_text(NO_READING)).to_be_visible()
    open_app(page, team_server, "checkin")
    expect(page.get_by_text(NO_READING)).to_be_visible()
    expect(page.get_by_text(TODAY_FR)).to_have_count(0)
    log_out(page, team_server, provider)
    assert readings_of(pg_url) == {"alice@example.com": 1, "bob@example.com": 0}

    log_in(page, team_server, provider, "coach")
    # The small charts, one per member, each with its button to view that member's pages.
    open_app(page, team_server, "team?team_view=charts")
    expect(page.get_by_role("button", name="Voir les pages d’Alice")).to_be_visible()
    expect(page.get_by_role("button", name="Voir les pages de Bob")).to_be_visible()
    screenshot(page, "fr-coach-team")
    picker = page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox")
    picker.get_by_role("combobox").click()
    expect(page.get_by_role("option")).to_have_text(
        ["Mes données", "Alice (alice@example.com)", "Bob (bob@example.com)"]
    )
    page.keyboard.press("Escape")
    page.get_by_role("button", name="Voir les pages d’Alice").click()
    expect(page.get_by_text("Vous consultez les données d’Alice, en lecture seule")).to_be_visible()
    # Through the sidebar: the chosen member belongs to this browser session, which a reload ends.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Progression").click()
    expect(page.get_by_test_id("stMetricValue").first).to_have_text("23")
    expect(page.get_by_text("Vous consultez les données d’Alice, en lecture seule")).to_be_visible()
    screenshot(page, "fr-coach-viewing-member")
    # Viewing changed nothing: the coach's own profile holds no reading either.
    assert readings_of(pg_url) == {"alice@example.com": 1, "bob@example.com": 0, COACH: 0}


@pytest.mark.parametrize("locale", ["fr-FR", "en-GB"])
def test_the_login_screen_speaks_the_browsers_language_on_a_desktop_and_a_phone(
    team_server: AppServer,
    browser: Browser,
    locale: str,
    screenshot: Callable[[Page, str], Path],
) -> None:
    for width in (1280, 390):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale=locale)
        context.set_default_timeout(APP_RUN_TIMEOUT_MS)
        try:
            page = context.new_page()
            open_app(page, team_server, "progress")
            expect(page.get_by_role("button", name=LOGIN[locale])).to_be_visible()
            # Nothing of the app before the login: no page, no navigation.
            expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)
            screenshot(page, f"{locale[:2]}-login-{width}")
        finally:
            context.close()


def test_server_mode_without_auth_secrets_names_what_is_missing_and_shows_no_page(
    tmp_path: Path, visitor: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text("# no [auth] section yet\n", encoding="utf-8")
    app = start_app(tmp_path, f"sqlite:///{tmp_path / 'ssi_coach.db'}", secrets)
    try:
        open_app(visitor, app, "checkin")
        expect(visitor.get_by_text("la connexion n’est pas configurée")).to_be_visible()
        expect(
            visitor.get_by_text(
                "redirect_uri, cookie_secret, client_id, client_secret, server_metadata_url"
            ).first
        ).to_be_visible()
        expect(visitor.get_by_test_id("stSidebarNav")).to_have_count(0)
        expect(visitor.get_by_role("button", name="Se connecter")).to_have_count(0)
        screenshot(visitor, "fr-server-without-auth")
    finally:
        app.stop()
    refused = subprocess.run(
        [sys.executable, "-m", "ssi_coach.serve", "--secrets", str(secrets)],
        cwd=serve.ROOT,
        env={"SSI_COACH_DATABASE_URL": app.extra_env["SSI_COACH_DATABASE_URL"], "LANG": "C"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert refused.returncode == serve.EXIT_CONFIG
    assert f"- {secrets}\u00a0: il manque cookie_secret dans la section [auth]." in refused.stderr


def seed_member(pg_url: str, provider: Provider, sub: str, goal: str, figures: int) -> None:
    """Make a member as their first login would, with a goal, check-ins and months of results."""
    engine = open_database(pg_url)
    try:
        email = f"{sub}@example.com"
        member = Repo(engine, profile_for_identity(engine, provider.url, sub, email, sub.title()))
        questionnaire.submit_questionnaire(member, {**GOAL_ANSWERS, "goal": goal})
        today = date.today()
        for back in (4, 2, 1):
            month = add_months(month_of(today), -back)
            checkin.store_checkin(member, Reading(month + timedelta(days=4), 12.5, 8, 6, 9 + back))
            values = {
                "month": month,
                "impressions": str(figures * 100 * (5 - back)),
                "engagements": str(figures * (5 - back)),
                "qualified_conversations": str(figures + 3 - back),
                "opportunities": str(max(0, figures - back)),
            }
            journal.submit_month(member, values, today)
    finally:
        engine.dispose()


def test_the_team_page_reads_well_in_both_languages_on_a_desktop_and_a_phone(
    team_server: AppServer,
    provider: Provider,
    pg_url: str,
    visitor: Page,
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed_member(pg_url, provider, "dora", "prospecting", 4)
    seed_member(pg_url, provider, "elie", "notoriety", 9)
    log_in(visitor, team_server, provider, "coach")
    engine = open_database(pg_url)
    try:
        coach = next(m for m in members(engine) if m.email == COACH)
        for code, title in (("fr", "Équipe"), ("en", "Team")):
            settings.set_language(Repo(engine, coach.profile_id), code)
            for width in (1280, 390):
                visitor.set_viewport_size({"width": width, "height": 900})
                for view in ("table", "charts"):
                    open_app(visitor, team_server, f"team?team_view={view}")
                    expect(visitor.get_by_role("heading", name=title, level=1)).to_be_visible()
                    # In the table view the name sits in the data grid, drawn on a canvas.
                    expect(visitor.get_by_text("Dora").first).to_be_attached()
                    screenshot(visitor, f"team-{code}-{width}-{view}")
    finally:
        settings.set_language(Repo(engine, coach.profile_id), "fr")
        engine.dispose()
