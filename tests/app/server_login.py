"""A test provider's login as AppTest feeds it to st.user, and the [auth] secrets it needs."""

from __future__ import annotations

ISSUER = "https://idp.test"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-secret-that-is-long-enough",
    "client_id": "ssi-coach",
    "client_secret": "client-secret",
    "server_metadata_url": "https://idp.test/.well-known/openid-configuration",
}


def user(sub: str, email: str, *, verified: bool = True) -> dict[str, object]:
    """Return what st.user holds for a logged-in identity of the test provider."""
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": sub,
        "email": email,
        "email_verified": verified,
        "name": sub.capitalize(),
    }
