"""A real OpenID Connect provider in the test process (oidc-provider-mock), and its login page."""

from __future__ import annotations

import json
import re
import secrets
import urllib.request
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import BrowserContext, Page

# The provider's pages take their style sheet from a CDN, which this machine's closed network
# refuses: the browser is told at once instead of waiting for it.
CDN = re.compile(r"^https://cdn\.jsdelivr\.net/")
CLIENT_ID = "ssi-coach"


@dataclass(frozen=True)
class Provider:
    """A running provider: its address, which is also the issuer of the tokens it signs."""

    url: str

    @property
    def discovery(self) -> str:
        """Return the address of its discovery document (server_metadata_url)."""
        return f"{self.url}/.well-known/openid-configuration"

    def add_user(self, sub: str, **claims: object) -> None:
        """Set the claims a subject logs in with (PUT /users/{sub}, the provider's own API)."""
        request = urllib.request.Request(
            f"{self.url}/users/{sub}",
            data=json.dumps(claims).encode(),
            method="PUT",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as answer:
            assert answer.status == 204


@contextmanager
def running_provider() -> Iterator[Provider]:
    """Serve discovery, authorize, token, JWKS and end-session on a free port of localhost."""
    # Imported here, where only the login tests need it, and quietly: the provider imports
    # Authlib modules that Authlib itself has deprecated, and Authlib's own filter would show
    # that notice whatever the test asks; it is not this project's to act on.
    with warnings.catch_warnings():
        import authlib.deprecate  # noqa: F401  (adds its "always" filter, overridden next)

        warnings.simplefilter("ignore", DeprecationWarning)
        from oidc_provider_mock import run_server_in_thread

    with run_server_in_thread(port=0) as server:
        # "localhost", as the provider names itself: not 127.0.0.1, where the app runs, so that
        # the two never share a cookie.
        yield Provider(f"http://localhost:{server.server_port}")


def write_secrets(path: Path, provider: Provider, app_url: str) -> Path:
    """Write the app's secrets.toml: an [auth] section that logs in through the provider."""
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "{app_url}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{CLIENT_ID}"\n'
        'client_secret = "any-secret-the-provider-accepts"\n'
        f'server_metadata_url = "{provider.discovery}"\n',
        encoding="utf-8",
    )
    return path


def offline_styles(context: BrowserContext) -> None:
    """Make the provider's pages give up their CDN style sheet at once."""
    context.route(CDN, lambda route: route.abort())


def authorize(page: Page, provider: Provider, sub: str) -> None:
    """On the provider's authorize page, log in as a subject."""
    page.wait_for_url(re.compile(re.escape(f"{provider.url}/oauth2/authorize")))
    page.locator('input[name="sub"]').fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()


def end_session(page: Page, provider: Provider) -> None:
    """On the provider's end-session page (after the app's logout), confirm."""
    page.wait_for_url(re.compile(re.escape(f"{provider.url}/oauth2/end_session")))
    page.get_by_role("button", name="End session", exact=True).click()
