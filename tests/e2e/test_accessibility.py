"""Every routed page passes axe-core's WCAG 2.2 AA checks, in both languages, at two widths.

axe-core comes inside the axe-playwright-python package (its axe.min.js), so nothing is
downloaded at run time. Every finding of every scan, whatever its impact, is also written to
tests/e2e/screenshots/axe-<lang>-<width>-<state>.json; `python -m tests.e2e.test_accessibility`
lists them all, moderate and minor ones included.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from ssi_coach.i18n import t
from ssi_coach.services import settings
from ssi_coach.services.repo import open_default
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.ui.nav import PAGES, TODAY, PageEntry
from tests.e2e.conftest import (
    SCREENSHOTS,
    AppServer,
    fit_viewport_to_content,
    open_app,
    page_at,
    wait_for_app,
)
from tests.e2e.test_screens import WIDTHS, seed

LANGS = ("fr", "en")
STATES = ("empty", "seeded")
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 adds no level A rule to axe), and axe's best
# practices, where heading-order is.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Failed whatever impact axe gives it: a skipped heading level breaks the page's outline.
ALWAYS_BLOCKING = {"heading-order"}
TARGETS_SHOWN = 3
SELECTOR_STEPS = 2
SNIPPET_CHARS = 50
GENERATED_NAMES = re.compile(r"\.(st-emotion-cache-|e[0-9a-z]{6,})[\w-]*|#react-aria[^ ]*")
AXE = Axe()


@dataclass(frozen=True)
class Scan:
    """Where axe ran: the page, the language, the viewport width and the profile's state."""

    path: str
    lang: str
    width: int
    state: str

    def __str__(self) -> str:
        return f"/{self.path} ({self.lang}, {self.width} px, {self.state})"


def url_path(entry: PageEntry) -> str:
    """Return the path a page is served at: the first page answers at the root only."""
    return "" if entry is TODAY else entry.url_path


def open_page(page: Page, server: AppServer, entry: PageEntry, lang: str) -> None:
    """Open a page as a reader finds it, and wait until its script run has finished."""
    open_app(page, server, url_path(entry), wait_for_app)
    if entry is TODAY and page.url != f"{server.url}/":
        # Today sends a new user to the first-run step once per session; back on Today, the
        # user sees its own card for that step.
        page.get_by_test_id("stSidebarNav").get_by_role("link").first.press("Enter")
        expect(page.locator("h1")).to_have_text(t(lang, "today.title"))
        wait_for_app(page)


def prepare(database: Path, lang: str, state: str) -> None:
    """Give the database a profile in the language: empty, or with months of history."""
    if state == "seeded":
        seed(database, lang)
        return
    engine = make_engine(f"sqlite:///{database}")
    try:
        migrate(engine)
        settings.set_language(open_default(engine), lang)
    finally:
        engine.dispose()


@pytest.fixture(
    params=[(lang, state) for lang in LANGS for state in STATES],
    ids=lambda param: "-".join(param),
)
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[AppServer, str, str]]:
    """Yield a running app, its language and its profile's state (empty or seeded)."""
    lang, state = request.param
    running = AppServer(tmp_path / "ssi_coach.db", tmp_path / "streamlit.log")
    prepare(running.database, lang, state)
    running.start()
    try:
        yield running, lang, state
    finally:
        running.stop()


def wait_for_charts(page: Page) -> None:
    """Wait until every chart of the page is drawn: axe must see what a reader sees."""
    charts = page.get_by_test_id("stVegaLiteChart")
    for index in range(charts.count()):
        expect(charts.nth(index).locator("canvas, svg").first).to_be_attached()


def run_axe(page: Page) -> dict[str, Any]:
    """Run axe-core on the whole document and return its results."""
    # Streamlit scrolls inside its own container: axe leaves text outside the viewport as
    # "incomplete" (no background to measure), so the viewport grows to the whole content.
    viewport = fit_viewport_to_content(page)
    try:
        options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
        results: dict[str, Any] = AXE.run(page, options=options).response
    finally:
        page.set_viewport_size(viewport)
    return results


def blocking(violations: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the violations that fail the test: serious, critical, or a skipped heading."""
    return [
        violation
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS or violation["id"] in ALWAYS_BLOCKING
    ]


def _contrast(node: dict[str, Any]) -> str:
    """Return the colours and ratio axe measured for a contrast finding, if it did."""
    for check in node.get("any", []):
        data = check.get("data")
        if isinstance(data, dict) and "contrastRatio" in data:
            return (
                f" [{data.get('fgColor')} on {data.get('bgColor')}: "
                f"{data['contrastRatio']}:1, needs {data.get('expectedContrastRatio')}]"
            )
    return ""


def _element(node: dict[str, Any]) -> str:
    """Return a short name for a node: the end of its selector, and its text or its label."""
    html = node.get("html", "")
    # Streamlit's generated class names and React's generated ids say nothing to a reader.
    selector = GENERATED_NAMES.sub("", str(node["target"][-1]))
    steps = [step for step in selector.split(" > ") if step and not step.startswith("#")]
    if not steps:
        tag = re.match(r"<([\w-]+)", html)
        test_id = re.search(r'data-testid="[^"]*"', html.partition(">")[0])
        steps = [(tag.group(1) if tag else "?") + (f"[{test_id.group(0)}]" if test_id else "")]
    text = " ".join(re.sub(r"<[^>]*>", " ", html).split())
    label = re.search(r'aria-label="([^"]*)"', html)
    words = text or (label.group(1) if label else "")
    quoted = f' "{words[:SNIPPET_CHARS]}"' if words else ""
    return " > ".join(steps[-SELECTOR_STEPS:]) + quoted + _contrast(node)


def describe(where: Scan | str, violation: dict[str, Any]) -> str:
    """Return one readable line per violation: where, which rule, how bad, a few elements."""
    nodes = violation["nodes"]
    shown = "; ".join(_element(node) for node in nodes[:TARGETS_SHOWN])
    more = f" (+{len(nodes) - TARGETS_SHOWN} more)" if len(nodes) > TARGETS_SHOWN else ""
    return f"{where}: {violation['id']} ({violation['impact']}) on {shown}{more}"


def findings_file(lang: str, width: int, state: str) -> Path:
    """Return where the findings of one language, width and state are written."""
    return SCREENSHOTS / f"axe-{lang}-{width}-{state}.json"


def save_findings(target: Path, findings: dict[str, dict[str, Any]]) -> None:
    """Write every violation and every incomplete check, by page, for the closing notes."""
    SCREENSHOTS.mkdir(exist_ok=True)
    kept = {
        path: {"violations": result["violations"], "incomplete": result["incomplete"]}
        for path, result in findings.items()
    }
    target.write_text(json.dumps(kept, indent=1, ensure_ascii=False), encoding="utf-8")


def summarise(files: Iterable[Path]) -> str:
    """Return one line per violation of any impact found in saved findings files."""
    lines = []
    for file in sorted(files):
        for path, result in json.loads(file.read_text(encoding="utf-8")).items():
            place = f"{file.stem.removeprefix('axe-')} /{path}"
            lines.extend(describe(place, violation) for violation in result["violations"])
    return "\n".join(lines)


def test_no_page_has_a_serious_accessibility_violation_or_a_skipped_heading(
    app: tuple[AppServer, str, str], browser: Browser
) -> None:
    server, lang, state = app
    failures: list[str] = []
    for width in WIDTHS:
        findings: dict[str, dict[str, Any]] = {}
        with page_at(browser, width) as page:
            for entry in PAGES:
                open_page(page, server, entry, lang)
                wait_for_charts(page)
                results = run_axe(page)
                findings[entry.url_path] = results
                scan = Scan(entry.url_path, lang, width, state)
                failures.extend(describe(scan, v) for v in blocking(results["violations"]))
        save_findings(findings_file(lang, width, state), findings)
    assert not failures, f"{len(failures)} accessibility violations:\n" + "\n".join(failures)


if __name__ == "__main__":
    print(summarise(SCREENSHOTS.glob("axe-*.json")) or "no finding")
