"""Time the coach's team page at 200 members: python -m benchmarks.team (make bench).

On SQLite and on a throwaway PostgreSQL, 200 member profiles are seeded with ten years each of
monthly readings and KPIs and of daily routine ticks (bulk inserts, not one ORM object at a
time). It prints, for each backend:
- the service's time (services.team.team_overview), against the 300 ms target;
- the team page's server time under AppTest, opened in a fresh session (nothing memoised), and
  its ratio to one profile's Progress page (the coach's own, ten years too) opened the same way
  on the same database (target at most 1.5); and the reruns of both pages once open;
- the SQL statements one service call, a first page run and a rerun send, at 20 and at 200
  members: each must be the same number at both sizes (no query per member).
Figures for a person, never a test.
"""

from __future__ import annotations

import logging
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sqlalchemy import Engine, event, insert, select
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
MEMBERS = 200
FIRST_COUNT = 20
MONTHS = 120
TICK_DAYS = 3650
RERUNS = 15
SERVICE_RUNS = 15
SERVICE_TARGET_MS = 300.0
TARGET_RATIO = 1.5
RUN_TIMEOUT_S = 120
ISSUER = "https://idp.bench"
COACH_EMAIL = "coach@example.com"
COACH_SUBJECT = "coach"
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-bench-secret-that-is-long-enough",
    "client_id": "ssi-coach",
    "client_secret": "client-secret",
    "server_metadata_url": "https://idp.bench/.well-known/openid-configuration",
}
NO_QUERY: Mapping[str, str] = MappingProxyType({})
# Rows per INSERT statement: well under any backend's limit on bound parameters.
BATCH = 2000


def claims(sub: str, email: str, name: str) -> dict[str, object]:
    """Return what st.user holds for a login of the bench's provider."""
    return {
        "is_logged_in": True,
        "iss": ISSUER,
        "sub": sub,
        "email": email,
        "email_verified": True,
        "name": name,
    }


def _stamp() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _insert(engine: Engine, table: Any, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert rows in batches of executemany, in one transaction."""
    with engine.begin() as connection:
        for start in range(0, len(rows), BATCH):
            connection.execute(insert(table), list(rows[start : start + BATCH]))


def _tick_template(today: date) -> list[tuple[date, str, str, int]]:
    """Return every task of every weekday of ten years, as a faithful member would tick them."""
    from ssi_coach.model import Reading
    from ssi_coach.plan import build_plan
    from ssi_coach.routine import routine_for

    answers = _answers(0)
    plan = build_plan(Reading(today, 16.0, 14.0, 12.5, 15.0), answers)
    template = []
    for offset in range(1, TICK_DAYS + 1):
        day = today - timedelta(days=offset)
        if day.weekday() < 5:
            template.extend(
                (day, task.key, task.lever.value, task.minutes)
                for task in routine_for(plan, answers, day)
            )
    return template


def _answers(index: int) -> Any:
    from ssi_coach.model import Answers, Goal, Role

    return Answers(
        goal=Goal.PROSPECTING if index % 3 else Goal.NOTORIETY,
        role=Role.FREELANCE,
        already_converting=False,
        target="dirigeants de PME industrielles",
        outcome="deux rendez-vous qualifiés par mois",
        means="audits de production",
        sector="conseil industriel",
    )


def seed_members(engine: Engine, first: int, count: int, today: date) -> None:
    """Store members first..first+count-1, ten years each, with a few bulk INSERTs per table."""
    from ssi_coach.model import KpiMonth, Reading
    from ssi_coach.months import add_months, month_of
    from ssi_coach.records import (
        ANSWERS,
        KPI_MONTHS,
        READINGS,
        AnswersRecord,
        KpiEntry,
        ReadingRecord,
    )
    from ssi_coach.store.mapping import stored_values
    from ssi_coach.store.tables import (
        AnswersRow,
        IdentityRow,
        KpiMonthRow,
        ProfileRow,
        ReadingRow,
        TickRow,
    )

    stamp = _stamp()
    indexes = range(first, first + count)
    # Profile 0 is the coach's own, with ten years too: it is the one-profile Progress page
    # timed against the team (whose roster leaves it out, so that its logins change nothing).
    names = {index: f"Membre {index:03d}" if index else "Coach" for index in indexes}
    _insert(
        engine,
        ProfileRow,
        [{"name": names[i], "created_at": stamp, "last_used_at": None} for i in indexes],
    )
    with engine.connect() as connection:
        ids = dict(
            connection.execute(
                select(ProfileRow.name, ProfileRow.id).where(ProfileRow.name.in_(names.values()))
            ).all()
        )
    profile = {index: ids[names[index]] for index in indexes}
    _insert(
        engine,
        IdentityRow,
        [
            {
                "issuer": ISSUER,
                "subject": f"member-{i}" if i else COACH_SUBJECT,
                "email": f"membre{i}@example.com" if i else COACH_EMAIL,
                "profile_id": profile[i],
                "created_at": stamp,
                # Spread over a month, so that the activity order means something.
                "last_login_at": stamp - timedelta(hours=i * 3),
            }
            for i in indexes
        ],
    )
    _insert(
        engine,
        AnswersRow,
        [
            {
                **stored_values(
                    ANSWERS, AnswersRecord(stamp - timedelta(days=TICK_DAYS), _answers(i))
                ),
                "profile_id": profile[i],
            }
            for i in indexes
        ],
    )
    readings, kpis = [], []
    for i in indexes:
        for n in range(MONTHS):
            month = add_months(month_of(today), n + 1 - MONTHS)
            growth = n / MONTHS
            taken_on = month + timedelta(days=i % 20)
            if taken_on > today:
                taken_on = today
            reading = Reading(
                taken_on=taken_on,
                brand=round(8 + 12 * growth, 3),
                people=round(6 + 10 * growth + (i % 5) / 10, 3),
                insights=round(5 + 9 * growth, 3),
                relationships=round(10 + 8 * growth, 3),
                industry_rank=max(1, 40 - n // 4),
                network_rank=max(1, 30 - n // 5),
            )
            readings.append(
                {
                    **stored_values(READINGS, ReadingRecord(reading)),
                    "profile_id": profile[i],
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            impressions = 1500 + 40 * n + i
            entry = KpiEntry(
                KpiMonth(
                    month=month,
                    impressions=impressions,
                    engagements=impressions // 25,
                    qualified_conversations=(n + i) % 7,
                    opportunities=(n + i) % 3,
                ),
                followers=300 + 5 * n,
                profile_views=60 + n,
            )
            kpis.append(
                {**stored_values(KPI_MONTHS, entry), "profile_id": profile[i], "updated_at": stamp}
            )
    _insert(engine, ReadingRow, readings)
    _insert(engine, KpiMonthRow, kpis)
    template = _tick_template(today)
    for i in indexes:
        # Each member misses a different weekday now and then: their regularity differs.
        ticks = [
            {
                "profile_id": profile[i],
                "day": day,
                "task_key": key,
                "lever": lever,
                "minutes": minutes,
                "ticked_at": stamp,
            }
            for day, key, lever, minutes in template
            if (day.toordinal() + i) % (3 + i % 5)
        ]
        _insert(engine, TickRow, ticks)


@contextmanager
def statements() -> Iterator[list[str]]:
    """Collect the SQL statements any engine of this process sends while the block runs."""
    sent: list[str] = []

    def listen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(Engine, "before_cursor_execute", listen)
    try:
        yield sent
    finally:
        event.remove(Engine, "before_cursor_execute", listen)


def prepared(page: str, who: dict[str, object], query: Mapping[str, str] = NO_QUERY) -> AppTest:
    """Return an AppTest of a fresh session on one page of the app, logged in as `who`."""
    app = AppTest.from_file(str(APP), default_timeout=RUN_TIMEOUT_S)
    app.secrets["auth"] = AUTH
    app.user = who
    app.switch_page(page)
    app.query_params.update(query)
    return app


def checked(app: AppTest, page: str) -> AppTest:
    """Return the app after a run, or raise with what went wrong on the page."""
    if app.exception or app.error:
        shown = [e.value for e in app.exception] + [e.value for e in app.error]
        raise RuntimeError(f"{page} failed: {shown}")
    return app


def opened(page: str, who: dict[str, object], query: Mapping[str, str] = NO_QUERY) -> AppTest:
    """Return an AppTest that has run once on one page of the app, logged in as `who`."""
    return checked(prepared(page, who, query).run(), page)


def first_open_seconds(
    page: str, who: dict[str, object], query: Mapping[str, str] = NO_QUERY
) -> float:
    """Return the wall time of a fresh session's first run of a page: nothing memoised yet."""
    app = prepared(page, who, query)
    start = time.perf_counter()
    app.run()
    elapsed = time.perf_counter() - start
    checked(app, page)
    return elapsed


def rerun_seconds(app: AppTest) -> float:
    """Return the wall time of one rerun."""
    start = time.perf_counter()
    app.run()
    return time.perf_counter() - start


def median_seconds(run: Callable[[], object], times: int) -> float:
    """Return the median wall time of a call, after one call that warms it up."""
    run()
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def counts(engine: Engine, coach: dict[str, object], today: date, own: int) -> tuple[int, ...]:
    """Return the statements one service call, a first team-page run and a rerun send (table)."""
    from ssi_coach.services.team import team_overview

    with statements() as service:
        team_overview(engine, today, leave_out=own)
    page = prepared("pages/team.py", coach)
    with statements() as first:
        checked(page.run(), "pages/team.py")
    with statements() as rerun:
        page.run()
    return len(service), len(first), len(rerun)


def bench(url: str, label: str) -> list[str]:
    """Seed one database, measure it, and return the lines to print."""
    from ssi_coach.services.team import team_overview
    from ssi_coach.store.engine import make_engine
    from ssi_coach.store.lifecycle import migrate
    from ssi_coach.store.profiles import profile_for_identity

    os.environ["SSI_COACH_DATABASE_URL"] = url
    engine = make_engine(url)
    migrate(engine)
    today = date.today()
    coach = claims(COACH_SUBJECT, COACH_EMAIL, "Coach")
    start = time.perf_counter()
    seed_members(engine, 0, FIRST_COUNT + 1, today)
    own = profile_for_identity(engine, ISSUER, COACH_SUBJECT, COACH_EMAIL, "Coach")
    # A first run creates and migrates the app's own engine: not part of any page's figures.
    opened("pages/team.py", coach)
    few = counts(engine, coach, today, own)
    seed_members(engine, FIRST_COUNT + 1, MEMBERS - FIRST_COUNT, today)
    seeded = time.perf_counter() - start
    many = counts(engine, coach, today, own)
    service = median_seconds(lambda: team_overview(engine, today, leave_out=own), SERVICE_RUNS)
    pages = {
        "team, table": ("pages/team.py", coach, NO_QUERY),
        "team, charts": ("pages/team.py", coach, {"team_view": "charts"}),
        "Progress": ("pages/progress.py", coach, NO_QUERY),
    }
    first: dict[str, list[float]] = {name: [] for name in pages}
    again: dict[str, list[float]] = {name: [] for name in pages}
    apps = {name: opened(*page) for name, page in pages.items()}
    # Interleaved, so that every page sees the same machine load.
    for _ in range(RERUNS):
        for name, page in pages.items():
            first[name].append(first_open_seconds(*page))
            again[name].append(rerun_seconds(apps[name]))
    engine.dispose()
    service_ms = service * 1000
    equal = "equal" if few == many else "NOT EQUAL: a query per member"
    lines = [
        f"{label}: {MEMBERS} members x {MONTHS} months of readings and KPIs, "
        f"{TICK_DAYS} days of ticks (seeded in {seeded:.1f} s)",
        f"  team_overview (service), median of {SERVICE_RUNS}: {service_ms:.1f} ms "
        f"(target < {SERVICE_TARGET_MS:g} ms){'' if service_ms < SERVICE_TARGET_MS else '  ABOVE'}",
    ]
    for what, samples in (("opened in a fresh session", first), ("rerun once open", again)):
        times = {name: statistics.median(found) * 1000 for name, found in samples.items()}
        reference = times["Progress"]
        lines.append(
            f"  page {what} (AppTest), median of {RERUNS}; the coach's own Progress "
            f"(one profile, ten years): {reference:.1f} ms"
        )
        for name in ("team, table", "team, charts"):
            ratio = times[name] / reference
            mark = "" if ratio <= TARGET_RATIO else "  ABOVE"
            lines.append(
                f"    {name}: {times[name]:.1f} ms, ratio {ratio:.2f} "
                f"(target <= {TARGET_RATIO}){mark}"
            )
    lines.append(
        f"  SQL statements (service / first page run / rerun): "
        f"{' / '.join(map(str, few))} at {FIRST_COUNT} members, "
        f"{' / '.join(map(str, many))} at {MEMBERS} members: {equal}"
    )
    return lines


@contextmanager
def postgres() -> Iterator[str | None]:
    """Yield the URL of a database on a throwaway PostgreSQL cluster, None when none can run."""
    from tests.conftest import ThrowawayCluster, _create_database, postgres_bin_dir

    given = os.environ.get("SSI_COACH_BENCH_PG_URL")
    if given:
        yield given
        return
    bin_dir = postgres_bin_dir()
    if bin_dir is None:
        yield None
        return
    cluster = ThrowawayCluster(bin_dir)
    try:
        cluster.start()
        _create_database(cluster.url("postgres"), "ssi_coach_bench")
        yield cluster.url("ssi_coach_bench")
    finally:
        cluster.stop()


def main() -> int:
    """Print the team page's figures on SQLite and on PostgreSQL."""
    # AppTest logs a harmless context warning per instance, which would bury the figures.
    logging.disable(logging.WARNING)
    os.environ["SSI_COACH_SERVER_MODE"] = "1"
    os.environ["SSI_COACH_COACHES"] = COACH_EMAIL
    lines = []
    with tempfile.TemporaryDirectory(prefix="ssi-coach-team-bench-") as folder:
        lines += bench(f"sqlite:///{Path(folder) / 'team.db'}", "SQLite")
    with postgres() as url:
        if url is None:
            lines.append("PostgreSQL: no server binaries found (Debian package postgresql)")
        else:
            lines += bench(url, "PostgreSQL")
    print("\n".join(lines))
    # Times are figures for a person; a query per member is a bug.
    return 1 if any("NOT EQUAL" in line for line in lines) else 0


if __name__ == "__main__":
    sys.exit(main())
