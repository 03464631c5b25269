"""Member A cannot read or change member B's rows through any service, on SQLite and PostgreSQL.

Two databases hold the same member A next to another member: B in the first, C in the second,
with as many rows in every table but other values. Every service called for A, under a stopped
clock, must give the same answer in both (nothing of B or C reaches A's answers), leave the
other member's rows exactly as they were, and leave A's rows alike in both. The services are
enumerated: one added without a case here fails the first test.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass, fields, is_dataclass, replace
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

import ssi_coach.services
from ssi_coach.model import KpiMonth, Reading
from ssi_coach.records import KpiEntry
from ssi_coach.review import TextKind
from ssi_coach.services import (
    checkin,
    data,
    journal,
    plan,
    profiles,
    progress,
    questionnaire,
    review,
    settings,
    today,
)
from ssi_coach.services.access import seat_for
from ssi_coach.services.repo import Repo
from ssi_coach.store import backup as store_backups
from ssi_coach.store.backup import BackupUnavailable, BadBackup
from ssi_coach.store.engine import ReadOnlyView, make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import create_profile
from tests.integration.isolation_seed import (
    ALICE,
    BRUNO,
    CHLOE,
    COACH,
    NOW,
    RULE,
    TODAY,
    Facts,
    Rows,
    at,
    rows_of,
    seed_members,
)

# --- the services, and one call of each on a member's behalf -------------------------------


class Kind(StrEnum):
    """What a service does to the rows: reads, writes the member's, or handles the whole file."""

    READ = "read"
    WRITE = "write"
    # Backups and restores: the whole database, in the local single-user mode only.
    WHOLE = "whole"


Call = Callable[[Repo, Facts], object]
LOCAL_AND_SHARED = (False, True)
WHOLE_REFUSALS: tuple[type[Exception], ...] = (BackupUnavailable, BadBackup)


@dataclass(frozen=True)
class Case:
    """One realistic call of a service for a member, and what it may do."""

    call: Call
    kind: Kind
    # The Repo's `shared` flags it runs with: server mode always, local mode where it differs.
    modes: tuple[bool, ...] = (True,)
    # Exceptions that are the service's answer (a refusal), not a failure of the call.
    refusals: tuple[type[Exception], ...] = ()


FORM = {"brand": "14,25", "people": "10", "insights": "8,5", "relationships": "11"}
MONTH_FORM = {"impressions": "2 400", "engagements": "80", "qualified_conversations": "5"}


def _stored_backup(repo: Repo) -> str:
    """Take a backup through the store where the app can, whatever the Repo, and name it."""
    if not store_backups.supports_backups(repo.engine):
        return "ssi_coach-20260617-093000-000000-manual.db"
    return store_backups.backup_now(repo.engine, "manual").name


def _listed_backups(repo: Repo) -> object:
    _stored_backup(repo)
    return data.list_backups(repo)


def _restored(repo: Repo, facts: Facts) -> object:
    return data.restore(repo, _stored_backup(repo))


def _edited(facts: Facts) -> Reading:
    stored = next(r for r in facts.readings if r.taken_on == facts.reading_day)
    return replace(stored, brand=stored.brand + 1)


CASES: Mapping[str, Case] = {
    # check-in
    "checkin.record_checkin": Case(
        lambda r, f: checkin.record_checkin(r, FORM | {"taken_on": f.new_day}), Kind.WRITE
    ),
    "checkin.store_checkin": Case(
        lambda r, f: checkin.store_checkin(r, Reading(f.new_day, 14.25, 10, 8.5, 11)), Kind.WRITE
    ),
    "checkin.edit_reading": Case(
        lambda r, f: checkin.edit_reading(r, f.reading_day, FORM | {"taken_on": f.reading_day}),
        Kind.WRITE,
    ),
    "checkin.store_edit": Case(
        lambda r, f: checkin.store_edit(r, f.reading_day, _edited(f)), Kind.WRITE
    ),
    "checkin.remove_reading": Case(
        lambda r, f: checkin.remove_reading(r, f.reading_day), Kind.WRITE
    ),
    "checkin.restore_reading": Case(lambda r, f: checkin.restore_reading(r, f.removed), Kind.WRITE),
    "checkin.list_readings": Case(lambda r, f: checkin.list_readings(r), Kind.READ),
    "checkin.readings_stamp": Case(lambda r, f: checkin.readings_stamp(r), Kind.READ),
    "checkin.latest_reading": Case(lambda r, f: checkin.latest_reading(r), Kind.READ),
    "checkin.industries": Case(lambda r, f: checkin.industries(r), Kind.READ),
    # data: export, import, backups
    "data.row_counts": Case(lambda r, f: data.row_counts(r), Kind.READ),
    "data.export_file_json": Case(lambda r, f: data.export_file_json(r), Kind.READ),
    "data.export_file_zip": Case(lambda r, f: data.export_file_zip(r, f.lang), Kind.READ),
    "data.check_import": Case(
        lambda r, f: data.check_import(r, f.export_json, "export.json"),
        Kind.READ,
        LOCAL_AND_SHARED,
    ),
    "data.preview_upload": Case(
        lambda r, f: data.preview_upload(r, data.read_upload(f.export_zip, "export.zip")),
        Kind.READ,
        LOCAL_AND_SHARED,
    ),
    "data.import_file": Case(
        lambda r, f: data.import_file(r, f.export_json, "export.json"),
        Kind.WRITE,
        LOCAL_AND_SHARED,
    ),
    "data.import_upload": Case(
        lambda r, f: data.import_upload(r, data.read_upload(f.export_zip, "export.zip")),
        Kind.WRITE,
        LOCAL_AND_SHARED,
    ),
    "data.backup_place": Case(lambda r, f: data.backup_place(r), Kind.READ, LOCAL_AND_SHARED),
    "data.list_backups": Case(lambda r, f: _listed_backups(r), Kind.READ, LOCAL_AND_SHARED),
    "data.backup_now": Case(
        lambda r, f: data.backup_now(r), Kind.WHOLE, LOCAL_AND_SHARED, WHOLE_REFUSALS
    ),
    "data.daily_backup": Case(
        lambda r, f: data.daily_backup(r, TODAY), Kind.WHOLE, LOCAL_AND_SHARED, WHOLE_REFUSALS
    ),
    "data.restore": Case(_restored, Kind.WHOLE, LOCAL_AND_SHARED, WHOLE_REFUSALS),
    # journal
    "journal.submit_month": Case(
        lambda r, f: journal.submit_month(r, MONTH_FORM | {"month": f.new_month}, TODAY),
        Kind.WRITE,
    ),
    "journal.save_month": Case(
        lambda r, f: journal.save_month(
            r, KpiEntry(KpiMonth(f.month, 3000, 90, 6, 2), followers=700), replace=True
        ),
        Kind.WRITE,
    ),
    "journal.delete_month": Case(lambda r, f: journal.delete_month(r, f.month), Kind.WRITE),
    "journal.restore_month": Case(
        lambda r, f: journal.restore_month(r, f.deleted_month), Kind.WRITE
    ),
    "journal.list_months": Case(lambda r, f: journal.list_months(r), Kind.READ),
    "journal.months_stamp": Case(lambda r, f: journal.months_stamp(r), Kind.READ),
    # plan and drafts
    "plan.current_plan": Case(lambda r, f: plan.current_plan(r), Kind.READ),
    "plan.save_draft": Case(
        lambda r, f: plan.save_draft(r, f.draft_code, "Un texte réécrit à la main", "proposé"),
        Kind.WRITE,
    ),
    "plan.reset_draft": Case(lambda r, f: plan.reset_draft(r, f.draft_code), Kind.WRITE),
    # local profiles
    "profiles.what_will_go": Case(lambda r, f: profiles.what_will_go(r), Kind.READ),
    # progress
    "progress.routine_stamp": Case(lambda r, f: progress.routine_stamp(r), Kind.READ),
    "progress.routine_month": Case(lambda r, f: progress.routine_month(r, TODAY, TODAY), Kind.READ),
    "progress.routine_period": Case(
        lambda r, f: progress.routine_period(r, f.readings[-2], f.readings[-1], TODAY),
        Kind.READ,
    ),
    "progress.headline_change": Case(
        lambda r, f: progress.headline_change(r, f.readings), Kind.READ
    ),
    # questionnaire
    "questionnaire.submit_questionnaire": Case(
        lambda r, f: questionnaire.submit_questionnaire(
            r,
            {
                "goal": "prospecting",
                "role": f.other_role,
                "already_converting": "yes",
                "minutes_per_day": "15",
                "target": "Dirigeants de TPE",
            },
        ),
        Kind.WRITE,
    ),
    "questionnaire.latest_answers": Case(lambda r, f: questionnaire.latest_answers(r), Kind.READ),
    "questionnaire.answers_history": Case(lambda r, f: questionnaire.answers_history(r), Kind.READ),
    # review: the user's own headline and About
    "review.save_profile_text": Case(
        lambda r, f: review.save_profile_text(r, TextKind.HEADLINE, "Nouveau titre, à l’essai"),
        Kind.WRITE,
    ),
    "review.profile_texts": Case(lambda r, f: review.profile_texts(r), Kind.READ),
    # settings
    "settings.language": Case(lambda r, f: settings.language(r), Kind.READ),
    "settings.set_language": Case(lambda r, f: settings.set_language(r, f.other_lang), Kind.WRITE),
    "settings.role": Case(lambda r, f: settings.role(r), Kind.READ),
    "settings.set_role": Case(lambda r, f: settings.set_role(r, f.other_role), Kind.WRITE),
    "settings.data_location": Case(lambda r, f: settings.data_location(r), Kind.READ),
    # today
    "today.onboarding_target": Case(lambda r, f: today.onboarding_target(r), Kind.READ),
    "today.load_today": Case(lambda r, f: today.load_today(r, TODAY), Kind.READ),
    "today.build_habit": Case(lambda r, f: today.build_habit(r, f.habit_inputs), Kind.READ),
    "today.tick_task": Case(
        lambda r, f: today.tick_task(r, TODAY, f.task, True, TODAY), Kind.WRITE
    ),
    "today.skip_day": Case(lambda r, f: today.skip_day(r, f.to_skip, TODAY), Kind.WRITE),
    "today.unskip_day": Case(lambda r, f: today.unskip_day(r, f.skipped, TODAY), Kind.WRITE),
    "today.add_holiday": Case(
        lambda r, f: today.add_holiday(r, f.new_holiday.start, f.new_holiday.end, TODAY),
        Kind.WRITE,
    ),
    "today.cancel_holiday": Case(
        lambda r, f: today.cancel_holiday(r, f.holiday, TODAY), Kind.WRITE
    ),
}


def _takes_repo(function: Callable[..., object]) -> bool:
    parameters = list(inspect.signature(function).parameters.values())
    if not parameters:
        return False
    first = parameters[0]
    return first.name == "repo" or first.annotation in ("Repo", Repo)


def enumerated_services() -> set[str]:
    """Return "module.function" for every public service function that takes a Repo first."""
    found = set()
    for module_info in pkgutil.iter_modules(ssi_coach.services.__path__):
        module = importlib.import_module(f"ssi_coach.services.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            defined_here = function.__module__ == module.__name__
            if defined_here and not name.startswith("_") and _takes_repo(function):
                found.add(f"{module_info.name}.{name}")
    return found


def test_every_service_that_takes_a_repo_has_an_isolation_case() -> None:
    services = enumerated_services()
    missing, stale = sorted(services - set(CASES)), sorted(set(CASES) - services)
    assert not missing, f"services without an isolation case in CASES: {missing}"
    assert not stale, f"cases for services that no longer exist: {stale}"


# --- two databases per backend, seeded once, copied for each call --------------------------


@dataclass(frozen=True)
class Seeded:
    """One template database: member A and the other member, with their rows as seeded."""

    a: Facts
    other: Facts
    a_rows: Rows
    other_rows: Rows


@dataclass
class Backend:
    """The two seeded template databases of one backend (A then B, A then C), to copy."""

    name: str
    templates: tuple[str, str]  # SQLite: file paths; PostgreSQL: database names
    seeded: tuple[Seeded, Seeded]
    admin: Engine | None = None

    @property
    def a(self) -> Facts:
        """Return member A's facts, the same in both databases."""
        return self.seeded[0].a

    @property
    def b(self) -> Facts:
        """Return member B's facts (first database)."""
        return self.seeded[0].other

    @property
    def c(self) -> Facts:
        """Return member C's facts (second database)."""
        return self.seeded[1].other

    @contextmanager
    def copy(self, which: int, where: Path) -> Iterator[tuple[Engine, str]]:
        """Yield an engine on a fresh copy of a template, and the text that names the copy."""
        if self.admin is None:
            where.mkdir()
            target = where / "ssi_coach.db"
            shutil.copyfile(self.templates[which], target)
            made = make_engine(f"sqlite:///{target}")
            try:
                yield made, str(where)
            finally:
                made.dispose()
            return
        name = f"iso_{uuid.uuid4().hex[:12]}"
        with self.admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{self.templates[which]}"'))
        made = make_engine(_database_url(self.admin, name))
        try:
            yield made, name
        finally:
            made.dispose()
            with self.admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))


def _database_url(server: Engine | str, database: str) -> str:
    url = server.url if isinstance(server, Engine) else make_url(server)
    return url.set(database=database).render_as_string(hide_password=False)


def _seed(url: str, other_is_b: bool) -> Seeded:
    engine = make_engine(url)
    try:
        migrate(engine)
        a, other = seed_members(engine, (ALICE, BRUNO if other_is_b else CHLOE))
        seeded = Seeded(a, other, rows_of(engine, a.profile_id), rows_of(engine, other.profile_id))
    finally:
        # A template database must have no connection left when it is copied.
        engine.dispose()
    if engine.url.get_backend_name() == "sqlite":
        # The copies are of the file alone: everything in the WAL goes into it first.
        with closing(sqlite3.connect(str(engine.url.database))) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return seeded


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Backend]:
    """Seed the two template databases of one backend: A then B, and A then C."""
    if request.param == "sqlite":
        folder = tmp_path_factory.mktemp("isolation")
        paths = (str(folder / "one" / "ssi_coach.db"), str(folder / "two" / "ssi_coach.db"))
        seeded = (
            _seed(f"sqlite:///{paths[0]}", other_is_b=True),
            _seed(f"sqlite:///{paths[1]}", other_is_b=False),
        )
        yield Backend("sqlite", paths, seeded)
        return
    admin = create_engine(request.getfixturevalue("pg_url"), isolation_level="AUTOCOMMIT")
    names = (f"iso_one_{uuid.uuid4().hex[:8]}", f"iso_two_{uuid.uuid4().hex[:8]}")
    try:
        for name in names:
            with admin.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
        seeded = (
            _seed(_database_url(admin, names[0]), other_is_b=True),
            _seed(_database_url(admin, names[1]), other_is_b=False),
        )
        yield Backend("postgres", names, seeded, admin)
    finally:
        with admin.connect() as connection:
            for name in names:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- comparing answers ----------------------------------------------------------------------


@dataclass(frozen=True)
class Raised:
    """A refusal raised by a service, as an answer to compare."""

    kind: str
    args: tuple[object, ...]


def normalised(value: object, place: str) -> object:
    """Return a value to compare across databases: the same, but for where each copy lives.

    The copies live in other folders or databases, so a path or a location names the copy
    (`place`). A backup's size is that of the whole file, every member included, in the local
    single-user mode where the file is the user's: it is left out. Nothing else is changed.
    """
    if isinstance(value, Path):
        return ("path", str(value).replace(place, "<copy>"))
    if isinstance(value, str):
        return value.replace(place, "<copy>")
    if isinstance(value, data.Backup):
        return ("backup", normalised(value.path, place), value.taken_at, value.reason)
    if is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__qualname__,
            tuple(
                (field.name, normalised(getattr(value, field.name), place))
                for field in fields(value)
                if field.compare
            ),
        )
    if isinstance(value, Mapping | MappingProxyType):
        return {key: normalised(item, place) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(normalised(item, place) for item in value)
    return value


def _answer(case: Case, repo: Repo, facts: Facts, place: str) -> object:
    """Call a case under the stopped clock and return its answer, a refusal included."""
    with at(NOW):
        try:
            result = case.call(repo, facts)
        except case.refusals as refused:
            args = tuple(normalised(arg, place) for arg in refused.args)
            return Raised(type(refused).__name__, args)
    return normalised(result, place)


@dataclass(frozen=True)
class Outcome:
    """What one call for A did in one database: its answer, and A's rows after it."""

    answer: object
    a_rows: Rows


def _run(backend: Backend, which: int, case: Case, shared: bool, where: Path) -> Outcome:
    seeded = backend.seeded[which]
    with backend.copy(which, where) as (engine, place):
        answer = _answer(case, Repo(engine, seeded.a.profile_id, shared=shared), seeded.a, place)
        other_rows = rows_of(engine, seeded.other.profile_id)
        assert other_rows == seeded.other_rows, "another member's rows changed"
        return Outcome(answer, rows_of(engine, seeded.a.profile_id))


CALLS = [
    pytest.param(name, shared, id=f"{name}-{'shared' if shared else 'local'}")
    for name, case in CASES.items()
    for shared in case.modes
]


@pytest.mark.parametrize(("name", "shared"), CALLS)
def test_a_service_answers_member_a_alike_whoever_else_is_stored(
    backend: Backend, tmp_path: Path, name: str, shared: bool
) -> None:
    case = CASES[name]
    with_b = _run(backend, 0, case, shared, tmp_path / "one")
    with_c = _run(backend, 1, case, shared, tmp_path / "two")
    assert with_b.answer == with_c.answer, f"{name}: A's answer depends on the other member"
    assert with_b.a_rows == with_c.a_rows, f"{name}: A's rows depend on the other member"
    seeded = backend.seeded[0].a_rows
    if case.kind is Kind.WRITE:
        assert with_b.a_rows != seeded, f"{name}: the call meant to write changed nothing"
    else:
        assert with_b.a_rows == seeded, f"{name}: a {case.kind} call changed A's rows"


def test_the_two_databases_hold_the_same_a_and_another_member_of_the_same_shape(
    backend: Backend,
) -> None:
    one, two = backend.seeded
    assert one.a == two.a
    assert one.a_rows == two.a_rows
    assert one.a.profile_id == 1
    assert one.other.profile_id == two.other.profile_id
    b, c = one.other_rows, two.other_rows
    assert {table: len(rows) for table, rows in b.items()} == {
        table: len(rows) for table, rows in c.items()
    }
    # Every table holds rows for them, and none of B's rows is one of C's.
    assert all(b.values())
    for table in b:
        assert not set(b[table]) & set(c[table]), table


# --- forged access: another profile asked for by a member, or written through a coach's view --


# What a session may send as the profile to view: a widget's or the URL's value, forged.
FORGED: tuple[str, ...] = ("b", "b_text", "coach", "local", "negative", "zero", "unknown")
FORGED += ("true", "false", "float", "empty", "list", "none")


def _forged(label: str, engine: Engine, backend: Backend) -> object:
    """Return the forged value a label names, making the profile it needs if any."""
    if label == "coach":
        return seat_for(engine, COACH, RULE).own.profile_id
    if label == "local":
        # A profile that exists but that no login owns: not a member.
        return create_profile(engine, "Profil local")
    b = backend.b.profile_id
    return {
        "b": b,
        # A URL's query string holds text: ?viewed=2 is never a profile id.
        "b_text": str(b),
        "negative": -b,
        "zero": 0,
        "unknown": 10_000,
        # True is 1, A's own id: a bool is never read as a profile id.
        "true": True,
        "false": False,
        "float": float(b),
        "empty": "",
        "list": [b],
        "none": None,
    }[label]


@pytest.mark.parametrize("label", FORGED)
def test_a_member_who_asks_for_another_profile_still_sees_only_their_own(
    backend: Backend, tmp_path: Path, label: str
) -> None:
    with backend.copy(0, tmp_path / "one") as (engine, _):
        asked = _forged(label, engine, backend)
        seat = seat_for(engine, backend.a.identity, RULE, viewed=asked)
        assert not seat.coach
        assert seat.shown == seat.own
        assert seat.shown.profile_id == backend.a.profile_id
        assert not seat.shown.read_only


@pytest.mark.parametrize("label", [label for label in FORGED if label != "b"])
def test_a_coach_view_ignores_a_forged_profile_value(
    backend: Backend, tmp_path: Path, label: str
) -> None:
    with backend.copy(0, tmp_path / "one") as (engine, _):
        asked = _forged(label, engine, backend)
        seat = seat_for(engine, COACH, RULE, viewed=asked)
        assert seat.coach
        assert seat.shown == seat.own
        assert not seat.viewing_other


def test_a_coach_sees_a_member_read_only(backend: Backend, tmp_path: Path) -> None:
    with backend.copy(0, tmp_path / "one") as (engine, _):
        seat = seat_for(engine, COACH, RULE, viewed=backend.b.profile_id)
        assert seat.viewing_other
        assert seat.shown.profile_id == backend.b.profile_id
        assert seat.shown.read_only
        assert seat.shown.shared
        with at(NOW):
            assert checkin.list_readings(seat.shown) == list(backend.b.readings)


WRITES = [name for name, case in CASES.items() if case.kind is not Kind.READ]


@pytest.mark.parametrize("name", WRITES)
def test_a_write_through_a_coach_view_of_a_member_is_refused_and_changes_nothing(
    backend: Backend, tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    with backend.copy(0, tmp_path / "one") as (engine, _):
        seat = seat_for(engine, COACH, RULE, viewed=backend.b.profile_id)
        before = rows_of(engine, backend.b.profile_id)
        with at(NOW):
            if case.kind is Kind.WRITE:
                with pytest.raises(ReadOnlyView):
                    case.call(seat.shown, backend.b)
            else:
                refusals: tuple[type[Exception], ...] = (ReadOnlyView, *case.refusals)
                try:
                    answer = case.call(seat.shown, backend.b)
                except refusals:
                    answer = None
                # Refused, or (a daily backup) answered by taking none.
                assert answer is None
        assert rows_of(engine, backend.b.profile_id) == before


# --- backups: the local single-user mode's, refused to one member of a shared database ------


def test_a_shared_database_refuses_a_member_every_backup_and_restore(
    backend: Backend, tmp_path: Path
) -> None:
    with backend.copy(0, tmp_path / "one") as (engine, _):
        member = Repo(engine, backend.a.profile_id, shared=True)
        with at(NOW):
            name = _stored_backup(member)
            assert data.backup_place(member) == data.BackupPlace(None, "shared")
            assert data.list_backups(member) == []
            with pytest.raises(BackupUnavailable) as refused:
                data.backup_now(member)
            assert refused.value.kind == "shared"
            assert data.daily_backup(member, TODAY) is None
            with pytest.raises(BadBackup):
                data.restore(member, name)
