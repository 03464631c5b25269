"""Time the app in Chromium against a reference page: python -m benchmarks.chromium (make bench).

Two servers run side by side, as `make run` starts them: the app on ten years of seeded data
(benchmarks.pages.seed) and the reference page (benchmarks/reference_page.py, one Altair chart
and four inputs). Debian's Chromium, headless with the e2e tests' flags, loads them in turn so
that both see the same machine load:

- first paint: from `goto` to the end of the page's first script run (Streamlit's root element
  says `notRunning`), for every page URL and every view of Progress that renders on demand (each
  has its own URL, /progress?progress_view=results), median of LOADS loads, each in a new tab;
- page switches: clicks on the sidebar's links inside one tab, median and worst;
- memory: each server's resident memory after every page was visited, as a ratio.

Figures for a person, never a test: the targets are printed beside them and the exit code is 0
even when one is missed.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Browser, Page, sync_playwright

from benchmarks.pages import APP, REFERENCE, ROOT, free_port, healthy, seed

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOADS = int(os.environ.get("BENCH_LOADS", "5"))
SWITCH_ROUNDS = 3
TARGET_PAINT = 1.3
TARGET_SWITCH_MEDIAN_MS = 250
TARGET_SWITCH_WORST_MS = 600
TARGET_MEMORY = 1.2
RUN_TIMEOUT_MS = 60_000
STARTUP_LIMIT_S = 60
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_CONNECTED = '[data-testid="stApp"][data-test-connection-state="CONNECTED"]'
# Views of a page that render only when chosen, by URL path: each opens at its own URL.
VIEWS = {"progress": ("results", "routine")}
# The reference page opened below the root: Streamlit's frontend first probes
# /<path>/_stcore/health, gets a 404 and waits 100 ms before it tries the root. Every page but
# the first pays that on a fresh tab (the first is served at the root, like the reference).
SUB_PATH = "page"


@dataclass
class Server:
    """One `streamlit run` on a free port of the loopback interface."""

    script: Path
    env: dict[str, str]
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Start the server and return once its health endpoint answers ok."""
        self.port = free_port()
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.script),
            "--server.headless", "true", "--server.port", str(self.port),
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + STARTUP_LIMIT_S
        while not healthy(self.url):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"{self.script.name} did not start")
            time.sleep(0.1)

    def resident_mb(self) -> float:
        """Return the server process's resident memory, in megabytes."""
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def stop(self) -> None:
        """Stop the server."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)


@contextmanager
def running(script: Path, env: dict[str, str]) -> Iterator[Server]:
    """Yield a started server, stopped at the end."""
    server = Server(script, env)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def wait_idle(page: Page) -> None:
    """Wait until the page is connected and its script run has finished."""
    page.wait_for_selector(APP_CONNECTED, state="attached", timeout=RUN_TIMEOUT_MS)
    page.wait_for_selector(APP_IDLE, state="attached", timeout=RUN_TIMEOUT_MS)


def first_paint(browser: Browser, url: str) -> float:
    """Return the seconds from opening a URL in a new tab to the end of its first script run."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        wait_idle(page)
        return time.perf_counter() - start
    finally:
        context.close()


def targets() -> list[tuple[str, str]]:
    """Return every page and view to time: (label, URL path and query)."""
    from ssi_coach.ui.nav import PAGES
    from ssi_coach.ui.progress_view import view_params

    found: list[tuple[str, str]] = []
    for number, entry in enumerate(PAGES):
        # The first page is served at the root URL; its own path answers "page not found".
        path = "" if number == 0 else entry.url_path
        found.append((entry.url_path, path))
        found.extend(
            (f"{entry.url_path} [{view}]", f"{path}?{urlencode(view_params(view))}")
            for view in VIEWS.get(entry.url_path, ())
        )
    return found


def page_switches(browser: Browser, app: Server) -> list[float]:
    """Return the milliseconds of each click on a sidebar link, inside one tab."""
    from ssi_coach.i18n import t
    from ssi_coach.ui.nav import PAGES

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    times = []
    try:
        page = context.new_page()
        page.goto(app.url)
        wait_idle(page)
        nav = page.get_by_test_id("stSidebarNav")
        for _ in range(SWITCH_ROUNDS):
            for entry in [*PAGES[1:], PAGES[0]]:
                link = nav.get_by_role("link", name=t("fr", entry.title_key), exact=True)
                start = time.perf_counter()
                link.click()
                page.wait_for_url(f"**/{entry.url_path if entry is not PAGES[0] else ''}")
                wait_idle(page)
                times.append((time.perf_counter() - start) * 1000)
    finally:
        context.close()
    return times


def main() -> int:
    """Print first paint per page, page switches and memory, each against its target."""
    with tempfile.TemporaryDirectory(prefix="ssi-coach-chromium-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        env = {**os.environ, "SSI_COACH_DATABASE_URL": url}
        seed(url)
        pages = targets()
        with (
            running(APP, env) as app,
            running(REFERENCE, env) as reference,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            # One load of each first: imports and caches warm up, as after a user's first visit.
            first_paint(browser, reference.url)
            for _, path in pages:
                first_paint(browser, f"{app.url}/{path}")
            paints: dict[str, list[float]] = {label: [] for label, _ in pages}
            reference_paints: list[float] = []
            sub_path_paints: list[float] = []
            for _ in range(LOADS):
                for label, path in pages:
                    reference_paints.append(first_paint(browser, reference.url))
                    paints[label].append(first_paint(browser, f"{app.url}/{path}"))
                sub_path_paints.append(first_paint(browser, f"{reference.url}/{SUB_PATH}"))
            switches = page_switches(browser, app)
            app_mb, reference_mb = app.resident_mb(), reference.resident_mb()
            browser.close()

    base = statistics.median(reference_paints)
    sub_base = statistics.median(sub_path_paints)
    print(
        f"Chromium first paint (goto -> first script run finished), median of {LOADS} loads "
        f"interleaved with the reference page; reference median {base:.2f} s at the root URL, "
        f"{sub_base:.2f} s at /{SUB_PATH} (Streamlit probes /{SUB_PATH}/_stcore/health first)"
    )
    print(f"{'page':<24}{'median':>9}{'ratio':>8}{'vs /' + SUB_PATH:>10}")
    worst = 0.0
    for label, path in pages:
        median = statistics.median(paints[label])
        ratio = median / base
        worst = max(worst, ratio)
        # Like for like: a page below the root against the reference below the root.
        alike = median / (sub_base if path else base)
        mark = "" if ratio <= TARGET_PAINT else f"  above the {TARGET_PAINT} target"
        print(f"{label:<24}{median:>8.2f}s{ratio:>8.2f}{alike:>10.2f}{mark}")
    print(
        f"page switches in one tab ({len(switches)} clicks): median "
        f"{statistics.median(switches):.0f} ms (target <= {TARGET_SWITCH_MEDIAN_MS}), worst "
        f"{max(switches):.0f} ms (target <= {TARGET_SWITCH_WORST_MS})"
    )
    print(
        f"server memory after every page: app {app_mb:.0f} MB, reference {reference_mb:.0f} MB, "
        f"ratio {app_mb / reference_mb:.2f} (target <= {TARGET_MEMORY})"
    )
    print(f"worst first-paint ratio {worst:.2f} (target <= {TARGET_PAINT})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
