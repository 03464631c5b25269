"""The copy blocks in Chromium: the clipboard gets the text as typed, with no code highlighter."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from ssi_coach.services import plan
from ssi_coach.services.repo import open_default
from ssi_coach.store.engine import make_engine
from tests.e2e.conftest import AppServer, open_app
from tests.e2e.test_plan import seed_plan

# What a user may write in a post: spaces around, a line of spaces, a tab, markup, quotes,
# an emoji, a leading "=" that a spreadsheet would read as a formula, and French no-break
# spaces, which a copy of the selection would turn into plain ones.
POST = (
    '  = Trois leçons <script>alert(1)</script> & "guillemets" l’été 🚀\n'
    "\n"
    "   \n"
    "\t- clôturer en 5\u00a0jours\u00a0!  \n"
    "Dernière ligne "
)
CLIPBOARD = "navigator.clipboard.readText()"
# Streamlit's chunk of every Prism language, loaded by a single st.code.
HIGHLIGHTER = "StreamlitSyntaxHighlighter"


def seed_post(server: AppServer) -> None:
    """Store a plan whose post draft is the user's own multi-line text."""
    seed_plan(server)
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        plan.save_draft(open_default(engine), "post", POST, proposed="")
    finally:
        engine.dispose()


def open_post(page: Page, server: AppServer) -> Locator:
    """Open the plan on its profile tab and return the block holding the post draft."""
    open_app(page, server, "plan")
    page.get_by_role("tab", name="Profil").click()
    block = page.locator(".ssi-copy").filter(has_text="Dernière ligne")
    expect(block).to_be_visible()
    return block


def test_copying_a_draft_puts_exactly_its_text_in_the_clipboard_and_says_copied(
    server: AppServer, page: Page, screenshot: Callable[[Page, str], Path]
) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    seed_post(server)
    block = open_post(page, server)
    button = block.get_by_role("button", name="Copier", exact=True)
    button.click()
    expect(block.get_by_role("button", name="Copié", exact=True)).to_be_visible()
    assert page.evaluate(CLIPBOARD) == POST
    # Said to a screen reader too, politely.
    expect(block.locator('[aria-live="polite"]')).to_have_text("Copié")
    screenshot(page, "fr-plan-post-copied")
    # Then the button takes its name back, ready for another copy.
    expect(block.get_by_role("button", name="Copier", exact=True)).to_be_visible()
    expect(block.locator('[aria-live="polite"]')).to_have_text("")


def test_without_the_clipboard_api_the_copy_command_copies_the_text_as_typed(
    server: AppServer, page: Page
) -> None:
    # Over http under another host name the page is not a secure context: no clipboard API.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.add_init_script(
        "Object.defineProperty(window, 'testClipboard', { value: navigator.clipboard });"
        "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });"
    )
    seed_post(server)
    block = open_post(page, server)
    assert page.evaluate("navigator.clipboard") is None
    block.get_by_role("button", name="Copier", exact=True).click()
    expect(block.get_by_role("button", name="Copié", exact=True)).to_be_visible()
    assert page.evaluate("window.testClipboard.readText()") == POST


def test_the_plan_settings_and_data_pages_never_load_the_code_highlighter(
    server: AppServer, page: Page
) -> None:
    seed_plan(server)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in ("plan", "settings", "data"):
        open_app(page, server, path)
        # Each page shows text to copy: the highlighter would be loaded by now.
        expect(page.locator(".ssi-copy").first).to_be_visible()
    assert requested, "no request seen"
    assert [url for url in requested if HIGHLIGHTER in url] == []
