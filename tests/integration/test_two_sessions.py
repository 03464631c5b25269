"""Two sessions at once: four processes tick, mark days, replace readings and save months.

Each writer is a process of its own, on SQLite and on a real PostgreSQL server, and goes
through the services the pages call. What a writer's user would see is tallied: an exception
is an error reaching the user; an answer of the service (saved, replaced, "changed since you
saw it") is not. No assertion is about time.
"""

from __future__ import annotations

import multiprocessing
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from typing import Any, TypeVar

from sqlalchemy import Engine

from ssi_coach.checkin import CheckinStatus
from ssi_coach.model import KpiMonth, Reading
from ssi_coach.plan import Lever
from ssi_coach.records import HOLIDAY, SKIP, KpiEntry
from ssi_coach.routine import Task
from ssi_coach.services import checkin, journal, today
from ssi_coach.services.journal import JournalStatus
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.engine import make_engine
from ssi_coach.store.kpis import list_kpis
from ssi_coach.store.readings import list_readings
from ssi_coach.store.routine import list_day_marks, list_ticks

V = TypeVar("V")
WRITERS = 4
ROUNDS = 12
# After "changed since you saw it", a writer's user decides again to replace, this many times.
RETRIES = 2
# A writer that waits longer than this for the others has lost them: the test fails, not hangs.
WAIT_S = 120
TASKS = (
    Task(Lever.COMMENTS, 5, "comments.angle"),
    Task(Lever.MESSAGES, 5, "messages.thanks"),
    Task(Lever.SEARCHES, 10, "searches.prospects"),
)
# The last task is ticked by every writer, then unticked by every writer.
KEPT_TASKS = TASKS[:-1]
SAVED = (CheckinStatus.SAVED.value, CheckinStatus.REPLACED.value)
REFUSED_STALE = CheckinStatus.CHANGED.value
assert JournalStatus.CHANGED.value == REFUSED_STALE
assert (JournalStatus.SAVED.value, JournalStatus.REPLACED.value) == SAVED


@dataclass(frozen=True)
class Attempt:
    """One write a writer's user asked for, the version they were shown, and the answer."""

    writer: int
    key: date
    shown: object  # the stored value the user agreed to replace; None for a first save
    wrote: object
    status: str  # the service's answer, or "error" when it raised


@dataclass(frozen=True)
class Report:
    """What one writer did and was told."""

    writer: int
    attempts: tuple[Attempt, ...] = ()
    calls: int = 0
    errors: tuple[str, ...] = ()


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _run_writers(engine: Engine, work: Callable[[Repo, int, Barrier], Report]) -> list[Report]:
    """Run `work(repo, writer, barrier)` in WRITERS processes of their own, released together."""
    open_default(engine)
    # Spawned, not forked: each writer opens its own connections, as a second session would.
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS, timeout=WAIT_S)
    reports: Queue[Report] = context.Queue()
    writers = [
        context.Process(target=_write, args=(work, _url(engine), writer, barrier, reports))
        for writer in range(WRITERS)
    ]
    for process in writers:
        process.start()
    try:
        return sorted(
            (reports.get(timeout=WAIT_S * ROUNDS) for _ in writers), key=lambda r: r.writer
        )
    finally:
        for process in writers:
            process.join(WAIT_S)


def _write(
    work: Callable[[Repo, int, Barrier], Report],
    url: str,
    writer: int,
    barrier: Barrier,
    reports: Queue[Report],
) -> None:
    """Run one writer and hand back its report, a failure of its own included."""
    engine = make_engine(url)
    try:
        reports.put(work(open_default(engine), writer, barrier))
    except Exception as error:
        # The others must not wait for this writer at the next barrier.
        barrier.abort()
        reports.put(Report(writer, errors=(f"writer failed: {error!r}",)))
    finally:
        engine.dispose()


def _tried(call: Callable[[], Any], errors: list[str]) -> Any:
    """Call a service as a page would; an exception is an error the user would see."""
    try:
        return call()
    except Exception as error:
        errors.append(repr(error))
        return None


# --- ticks and day marks ---------------------------------------------------------------------


def _round_day(round_: int) -> date:
    # One round a month: each month's skip budget has room for the round's contested skip.
    return date(2024 + round_ // 12, round_ % 12 + 1, 10)


def _routine_writer(repo: Repo, writer: int, barrier: Barrier) -> Report:
    errors: list[str] = []
    calls = 0
    for round_ in range(ROUNDS):
        day = _round_day(round_)
        barrier.wait(WAIT_S)
        for task in TASKS:
            _tried(lambda t=task, d=day: today.tick_task(repo, d, t, True, d), errors)
        barrier.wait(WAIT_S)
        _tried(lambda d=day: today.tick_task(repo, d, TASKS[-1], False, d), errors)
        barrier.wait(WAIT_S)
        if writer % 2:
            _tried(lambda d=day: today.skip_day(repo, d, d), errors)
        else:
            _tried(lambda d=day: today.add_holiday(repo, d, d + timedelta(days=1), d), errors)
        calls += len(TASKS) + 2
    return Report(writer, calls=calls, errors=tuple(errors))


def test_four_writers_ticking_and_marking_the_same_days_see_no_error_and_lose_nothing(
    engine: Engine,
) -> None:
    reports = _run_writers(engine, _routine_writer)
    repo = open_default(engine)
    errors = [error for report in reports for error in report.errors]
    ticks = {(tick.day, tick.task_key) for tick in list_ticks(engine, repo.profile_id)}
    marks = list_day_marks(engine, repo.profile_id)
    days = [_round_day(round_) for round_ in range(ROUNDS)]
    print(  # the figures of the closing note; pytest shows them with -s
        f"\nroutine: {sum(r.calls for r in reports)} calls by {WRITERS} writers, "
        f"{len(errors)} errors, {len(ticks)} ticks, {len(marks)} day marks"
    )
    assert errors == []
    assert ticks == {(day, task.key) for day in days for task in KEPT_TASKS}
    assert {day: marks.get(day) in (SKIP, HOLIDAY) for day in days} == dict.fromkeys(days, True)
    assert {day + timedelta(days=1): marks.get(day + timedelta(days=1)) for day in days} == (
        dict.fromkeys((day + timedelta(days=1) for day in days), HOLIDAY)
    )
    assert len(marks) == 2 * ROUNDS


# --- replacing a reading and saving a month ------------------------------------------------


def lost_updates(attempts: Iterable[Attempt], final: dict[date, object]) -> int:
    """Count the acknowledged writes that another write undid without its user seeing them.

    A write is lost when two replaces acknowledged over the same version (the second never
    saw the first), or when an acknowledged value is gone and no replace was based on it.
    """
    lost = 0
    by_key: dict[date, list[Attempt]] = {}
    for attempt in attempts:
        by_key.setdefault(attempt.key, []).append(attempt)
    for key, tried in by_key.items():
        done = [attempt for attempt in tried if attempt.status in SAVED]
        based_on = Counter(attempt.shown for attempt in done if attempt.shown is not None)
        lost += sum(count - 1 for count in based_on.values())
        lost += sum(1 for a in done if a.wrote != final.get(key) and not based_on[a.wrote])
    return lost


def _contest(
    writer: int,
    barrier: Barrier,
    keys: Iterable[date],
    value: Callable[[date, int, int], V],
    save: Callable[[V], Any],
    replace: Callable[[V, V], Any],
) -> Report:
    """Save a value per key at once with the others, then replace what each was shown.

    A writer told "changed since you saw it" decides again: it replaces the newer value.
    """
    errors: list[str] = []
    attempts: list[Attempt] = []
    calls = 0
    for key in keys:
        barrier.wait(WAIT_S)
        mine = value(key, writer, 0)
        first = _tried(lambda mine=mine: save(mine), errors)
        calls += 1
        status = "error" if first is None else first.status.value
        attempts.append(Attempt(writer, key, None, mine, status))
        # Everyone has the answer to their first save, and the question it asked, before
        # anyone replaces: all replaces of the round are based on the same stored value.
        barrier.wait(WAIT_S)
        shown = None if first is None else (first.existing or mine)
        for retry in range(1, RETRIES + 2):
            mine = value(key, writer, retry)
            outcome = _tried(lambda mine=mine, shown=shown: replace(mine, shown), errors)
            calls += 1
            status = "error" if outcome is None else outcome.status.value
            attempts.append(Attempt(writer, key, shown, mine, status))
            if status != REFUSED_STALE or outcome.existing is None:
                break
            shown = outcome.existing
    return Report(writer, tuple(attempts), calls, tuple(errors))


def _reading_day(round_: int) -> date:
    return date(2024, 1, 1) + timedelta(days=round_)


def _reading(day: date, writer: int, attempt: int) -> Reading:
    # Every writer and attempt writes its own figures, so each value tells who wrote it.
    return Reading(day, 1 + writer + WRITERS * attempt, 10, 10, 10, industry_rank=writer + 1)


def _checkin_writer(repo: Repo, writer: int, barrier: Barrier) -> Report:
    return _contest(
        writer,
        barrier,
        (_reading_day(round_) for round_ in range(ROUNDS)),
        _reading,
        lambda reading: checkin.store_checkin(repo, reading),
        lambda reading, shown: checkin.store_checkin(repo, reading, True, shown=shown),
    )


def _month(round_: int) -> date:
    return date(2020 + round_ // 12, round_ % 12 + 1, 1)


def _entry(month: date, writer: int, attempt: int) -> KpiEntry:
    return KpiEntry(KpiMonth(month, 1000 + 10 * attempt + writer, writer), followers=attempt)


def _journal_writer(repo: Repo, writer: int, barrier: Barrier) -> Report:
    return _contest(
        writer,
        barrier,
        (_month(round_) for round_ in range(ROUNDS)),
        _entry,
        lambda entry: journal.save_month(repo, entry, replace=False),
        lambda entry, shown: journal.save_month(repo, entry, replace=True, shown=shown),
    )


def _figures(name: str, reports: list[Report], lost: int, rows: int) -> str:
    statuses = Counter(a.status for report in reports for a in report.attempts)
    return (
        f"\n{name}: {sum(r.calls for r in reports)} calls by {WRITERS} writers, "
        f"{sum(len(r.errors) for r in reports)} errors, {dict(statuses)}, "
        f"{lost} lost updates, {rows} rows"
    )


def _check_rounds(attempts: list[Attempt], stored: dict[date, object]) -> None:
    """Check each key: one first save won, one replace of it won, and what is stored was said."""
    for key, value in stored.items():
        tried = [attempt for attempt in attempts if attempt.key == key]
        firsts = [a for a in tried if a.shown is None and a.status in SAVED]
        assert len(firsts) == 1
        # All four replaced the value they were all shown: exactly one may win.
        on_first = sorted(a.status for a in tried if a.shown == firsts[0].wrote)
        assert on_first == [REFUSED_STALE] * (WRITERS - 1) + [CheckinStatus.REPLACED.value]
        # What is stored was acknowledged to the writer who wrote it.
        assert value in {a.wrote for a in tried if a.status in SAVED}


def test_four_writers_replacing_the_same_readings_lose_no_update_and_see_no_error(
    engine: Engine,
) -> None:
    reports = _run_writers(engine, _checkin_writer)
    stored = {r.taken_on: r for r in list_readings(engine, open_default(engine).profile_id)}
    attempts = [attempt for report in reports for attempt in report.attempts]
    lost = lost_updates(attempts, dict(stored))
    print(_figures("replace", reports, lost, len(stored)))
    assert [error for report in reports for error in report.errors] == []
    assert lost == 0
    assert sorted(stored) == [_reading_day(round_) for round_ in range(ROUNDS)]
    _check_rounds(attempts, dict(stored))


def test_four_writers_saving_the_same_months_lose_no_update_and_see_no_error(
    engine: Engine,
) -> None:
    reports = _run_writers(engine, _journal_writer)
    stored = {e.kpis.month: e for e in list_kpis(engine, open_default(engine).profile_id)}
    attempts = [attempt for report in reports for attempt in report.attempts]
    lost = lost_updates(attempts, dict(stored))
    print(_figures("save month", reports, lost, len(stored)))
    assert [error for report in reports for error in report.errors] == []
    assert lost == 0
    assert sorted(stored) == [_month(round_) for round_ in range(ROUNDS)]
    _check_rounds(attempts, dict(stored))
