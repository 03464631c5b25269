"""End-to-end fixtures: the app under `streamlit run`, and a headless Debian Chromium."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, ViewportSize, sync_playwright

from tests.conftest import free_port, require

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
# Without the background-networking switch Chromium keeps dialling out, and this
# machine's closed network refuses every attempt.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
STARTUP_SECONDS = 60
HEALTH_POLL_SECONDS = 0.2
APP_RUN_TIMEOUT_MS = 30_000
# Charts and tables draw on a canvas after the script run ends; a screenshot waits this long.
SETTLE_MS = 800
# Streamlit's root element says when a script run has finished (see its own e2e suite).
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'


class AppServer:
    """The app as `make run` starts it, headless, on a free port, with its own SQLite file."""

    def __init__(
        self,
        database: Path,
        log: Path,
        extra_env: dict[str, str] | None = None,
        extra_args: tuple[str, ...] = (),
    ) -> None:
        self.database = database
        self.log = log
        # Added to (and overriding) the environment and the `streamlit run` options.
        self.extra_env = dict(extra_env or {})
        self.extra_args = extra_args
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def env(self) -> dict[str, str]:
        """Return the environment the server runs with."""
        own = {"SSI_COACH_DATABASE_URL": f"sqlite:///{self.database}"}
        return {**os.environ, **own, **self.extra_env}

    def start(self) -> None:
        """Start `streamlit run app.py` and return once /_stcore/health answers ok."""
        command = [
            sys.executable, "-m", "tests.clocked_streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(self.port),
            *self.extra_args,
        ]  # fmt: skip
        with self.log.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_healthy()

    def health(self) -> str:
        """Return the body of /_stcore/health, or the reason it could not be read."""
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                return answer.read().decode()
        except (urllib.error.URLError, OSError) as error:
            return f"unreachable: {error}"

    def _wait_healthy(self) -> None:
        assert self._process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.health() == "ok":
                return
            try:
                # Waiting on the process doubles as the poll interval and notices a crash at once.
                self._process.wait(timeout=HEALTH_POLL_SECONDS)
            except subprocess.TimeoutExpired:
                continue
            break
        self.stop()
        pytest.fail(
            f"streamlit run did not become healthy within {STARTUP_SECONDS} s "
            f"(exit code {self._process.returncode}); its log:\n{self.log_tail()}",
            pytrace=False,
        )

    def log_tail(self, lines: int = 40) -> str:
        """Return the end of the server's output."""
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        """Stop the server, politely first."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def restart(self) -> None:
        """Stop and start again on the same port and database, as after a reboot."""
        self.stop()
        self.start()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[AppServer]:
    """Yield a running app with an empty database of its own; stopped after the test."""
    running = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Yield Debian's Chromium, headless, driven by Playwright."""
    require(
        os.access(CHROMIUM, os.X_OK),
        f"{CHROMIUM} missing or not executable "
        "(Debian package chromium; `make test` installs it as root)",
    )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield launched
        finally:
            launched.close()


@contextmanager
def page_at(browser: Browser, width: int = 1280) -> Iterator[Page]:
    """Yield a page of a given width in a fresh browser context (no cookies, no storage)."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Yield a page in a fresh browser context (no cookies, no storage)."""
    with page_at(browser) as fresh:
        yield fresh


def wait_for_app(page: Page) -> None:
    """Wait until the app is connected and its script run has finished.

    Right after a click the previous run's idle state may still show, so after an
    interaction assert on the expected result with `expect(...)`, which retries.
    """
    page.wait_for_selector(APP_CONNECTED, state="attached", timeout=APP_RUN_TIMEOUT_MS)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=APP_RUN_TIMEOUT_MS)


def open_app(
    page: Page, server: AppServer, path: str, wait: Callable[[Page], None] | None = None
) -> None:
    """Open one page of the app by its URL path and wait for its script run to end."""
    page.goto(f"{server.url}/{path}")
    (wait or wait_for_app)(page)


def field(page: Page, label: str) -> Locator:
    """Return the text box of a labelled field (its help button shares the label)."""
    return page.get_by_role("textbox", name=label, exact=True)


def fit_viewport_to_content(page: Page) -> ViewportSize:
    """Grow the viewport to the whole content and return the size it had before.

    Streamlit scrolls inside its main container, so whatever lies below the first screen is
    outside the viewport: a "full page" shot would stop there, and axe could not measure its
    contrast. Put the returned size back with `page.set_viewport_size` when done.
    """
    viewport = page.viewport_size or {"width": 1280, "height": 900}
    height = viewport["height"]
    # Charts grow once they are drawn: measure again after each resize until the page is still.
    for _ in range(3):
        content = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('[data-testid=stMain], "
            "[data-testid=stSidebarContent]')].map(e => e.scrollHeight), 0)"
        )
        if content <= height:
            break
        height = content
        page.set_viewport_size({"width": viewport["width"], "height": height})
        page.wait_for_timeout(SETTLE_MS)
    return viewport


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG under tests/e2e/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    target = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    viewport = fit_viewport_to_content(page)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size(viewport)
    return target


@pytest.fixture(name="wait_for_app")
def wait_for_app_fixture() -> Callable[[Page], None]:
    """Give tests the wait_for_app helper without importing a conftest."""
    return wait_for_app


@pytest.fixture(name="screenshot")
def screenshot_fixture() -> Callable[[Page, str], Path]:
    """Give tests the screenshot helper without importing a conftest."""
    return screenshot
