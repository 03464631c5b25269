"""Time each page of the app against a reference page: python -m benchmarks.pages (make bench).

Every page listed by the router is rerun under AppTest with ten years of monthly readings and
KPIs and a questionnaire in a temporary SQLite database, interleaved with a reference page (one
Altair chart, four number inputs) so that both see the same machine load. The figure that
matters is the ratio of the medians; the target is at most 1.5. It also times `streamlit run`
until /_stcore/health answers ok.
"""

from __future__ import annotations

import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
REFERENCE = Path(__file__).resolve().parent / "reference_page.py"
MONTHS = 120
DAILY_TICK_DAYS = 3650
# Views of a page that only render when chosen: each is timed as a page of its own.
VIEWS = {"pages/progress.py": (("progress_view", "results"), ("progress_view", "routine"))}
RERUNS = 15
STARTS = 3
TARGET_RATIO = 1.5
RUN_TIMEOUT_S = 60
STARTUP_LIMIT_S = 60


def seed(url: str) -> None:
    """Store ten years of monthly readings and KPIs and a questionnaire, via the store."""
    from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
    from ssi_coach.months import add_months, month_of
    from ssi_coach.records import KpiEntry
    from ssi_coach.store.answers import save_answers
    from ssi_coach.store.engine import make_engine
    from ssi_coach.store.kpis import save_kpis
    from ssi_coach.store.lifecycle import migrate
    from ssi_coach.store.profiles import default_profile_id
    from ssi_coach.store.readings import save_reading

    engine = make_engine(url)
    migrate(engine)
    profile = default_profile_id(engine)
    save_answers(
        engine,
        profile,
        Answers(
            goal=Goal.PROSPECTING,
            role=Role.FREELANCE,
            already_converting=False,
            target="dirigeants de PME industrielles",
            outcome="deux rendez-vous qualifiés par mois",
            means="audits de production",
            sector="conseil industriel",
        ),
    )
    today = date.today()
    for index in range(MONTHS):
        month_start = add_months(month_of(today), index + 1 - MONTHS)
        growth = index / MONTHS
        save_reading(
            engine,
            profile,
            Reading(
                taken_on=month_start,
                brand=round(8 + 12 * growth, 3),
                people=round(6 + 10 * growth, 3),
                insights=round(5 + 9 * growth, 3),
                relationships=round(10 + 8 * growth, 3),
                industry_rank=max(1, 40 - index // 4),
                network_rank=max(1, 30 - index // 5),
            ),
        )
        impressions = 1500 + 40 * index
        save_kpis(
            engine,
            profile,
            KpiEntry(
                kpis=KpiMonth(
                    month=month_start,
                    impressions=impressions,
                    engagements=impressions // 25,
                    qualified_conversations=index % 7,
                    opportunities=index % 3,
                ),
                followers=300 + 5 * index,
                profile_views=60 + index,
            ),
        )
    seed_ticks(engine, profile, today)
    engine.dispose()


def seed_ticks(engine: Engine, profile: int, today: date) -> None:
    """Tick every task of every weekday for ten years, as a faithful user would."""
    from ssi_coach.plan import build_plan
    from ssi_coach.records import StoredTick
    from ssi_coach.routine import routine_for
    from ssi_coach.store.answers import latest_answers
    from ssi_coach.store.readings import list_readings
    from ssi_coach.store.routine import add_ticks

    answers = latest_answers(engine, profile)
    plan = build_plan(list_readings(engine, profile)[-1], answers)
    ticks = []
    for offset in range(1, DAILY_TICK_DAYS + 1):
        day = today - timedelta(days=offset)
        if day.weekday() < 5:
            ticks.extend(
                StoredTick(day, task.key, task.lever.value, task.minutes)
                for task in routine_for(plan, answers, day)
            )
    add_ticks(engine, profile, ticks)


def page_paths() -> list[str]:
    """Return the page files the router lists and their views, timed without edits here."""
    from ssi_coach.ui.nav import PAGES

    paths = []
    for entry in PAGES:
        paths.append(entry.script)
        paths.extend(f"{entry.script} [{value}]" for _, value in VIEWS.get(entry.script, ()))
    return paths


def opened(page: str | None) -> AppTest:
    """Return an AppTest that has run once on one page (or view) of the app, or the reference."""
    if page is None:
        return AppTest.from_file(str(REFERENCE), default_timeout=RUN_TIMEOUT_S).run()
    path, _, view = page.partition(" [")
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S).run()
    app.switch_page(path).run()
    for key, value in VIEWS.get(path, ()):
        if f"{value}]" == view:
            app.segmented_control(key=key).set_value(value).run()
    return app


def problems(app: AppTest) -> str:
    """Return what went wrong on a page, or an empty string."""
    shown = [element.value for element in app.exception] + [e.value for e in app.error]
    return "; ".join(str(text) for text in shown)


def rerun_seconds(app: AppTest) -> float:
    """Return the wall time of one rerun."""
    start = time.perf_counter()
    app.run()
    return time.perf_counter() - start


def time_pages(pages: list[str]) -> tuple[dict[str, float], float, dict[str, str]]:
    """Return each page's median rerun time, the reference's, and any page's problems."""
    apps = {page: opened(page) for page in pages}
    reference = opened(None)
    samples: dict[str, list[float]] = {page: [] for page in pages}
    reference_samples: list[float] = []
    for _ in range(RERUNS):
        reference_samples.append(rerun_seconds(reference))
        for page, app in apps.items():
            samples[page].append(rerun_seconds(app))
    medians = {page: statistics.median(times) for page, times in samples.items()}
    issues = {page: problems(app) for page, app in apps.items() if problems(app)}
    return medians, statistics.median(reference_samples), issues


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def healthy(url: str) -> bool:
    """Tell whether the server's health endpoint answers ok."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read() == b"ok"
    except (urllib.error.URLError, OSError):
        return False


def startup_seconds(env: dict[str, str]) -> float:
    """Return the time from `streamlit run` to a healthy /_stcore/health."""
    port = free_port()
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true", "--server.port", str(port),
    ]  # fmt: skip
    start = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while not healthy(f"http://127.0.0.1:{port}"):
            if time.perf_counter() - start > STARTUP_LIMIT_S:
                raise RuntimeError(f"streamlit run was not healthy after {STARTUP_LIMIT_S} s")
            try:
                server.wait(timeout=0.02)
            except subprocess.TimeoutExpired:
                continue
            raise RuntimeError(f"streamlit run exited with code {server.returncode}")
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> int:
    """Print the page timings, their ratio to the reference, and the start-up time."""
    # AppTest logs a harmless context warning per instance, which would bury the table.
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="ssi-coach-bench-") as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        os.environ["SSI_COACH_DATABASE_URL"] = url
        seed(url)
        pages = page_paths()
        medians, reference, issues = time_pages(pages)
        starts = [startup_seconds(dict(os.environ)) for _ in range(STARTS)]

    print(
        f"AppTest rerun, median of {RERUNS}: {MONTHS} monthly readings and KPIs, "
        f"{DAILY_TICK_DAYS} days of routine ticks stored"
    )
    print(f"{'page':<34}{'median':>10}{'reference':>12}{'ratio':>8}")
    worst = 0.0
    for page in pages:
        ratio = medians[page] / reference
        worst = max(worst, ratio)
        mark = "" if ratio <= TARGET_RATIO else f"  above the {TARGET_RATIO} target"
        print(
            f"{page:<34}{medians[page] * 1000:>8.1f}ms{reference * 1000:>10.1f}ms"
            f"{ratio:>8.2f}{mark}"
        )
    print(f"worst ratio {worst:.2f} (target <= {TARGET_RATIO})")
    print(
        f"streamlit run -> healthy /_stcore/health: median {statistics.median(starts):.2f} s "
        f"over {STARTS} starts ({', '.join(f'{s:.2f}' for s in starts)})"
    )
    for page, text in issues.items():
        print(f"PROBLEM on {page}: {text}")
    return 1 if issues else 0


if __name__ == "__main__":
    sys.exit(main())
