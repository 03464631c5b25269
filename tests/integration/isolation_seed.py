"""Members seeded through the services for the isolation test: A, and B or C of the same shape.

Both members of a database take each step in turn, A first, each step at a fixed moment, so that
member A seeded twice gives the same rows, ids and stamps in both databases. B and C take the same
steps (as many rows in every table) with other values: other dates, pillars, KPI figures, drafts,
texts, language, role and answers. B also holds rows under the keys A's calls write to.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import time_machine
from sqlalchemy import Engine, select
from sqlalchemy.engine import Row

from ssi_coach.access import CoachRule, Identity
from ssi_coach.checkin import CheckinStatus
from ssi_coach.habits import Holiday
from ssi_coach.model import KpiMonth, Reading
from ssi_coach.records import KpiEntry, ReadingSource
from ssi_coach.review import TextKind
from ssi_coach.routine import Task
from ssi_coach.services import checkin, data, journal, plan, questionnaire, review, settings, today
from ssi_coach.services.journal import JournalStatus
from ssi_coach.services.plan import DraftOutcome
from ssi_coach.services.questionnaire import QuestionnaireStatus
from ssi_coach.services.repo import Repo
from ssi_coach.ssi_text import PARSER_VERSION
from ssi_coach.store.engine import READ_ONLY
from ssi_coach.store.profiles import profile_for_identity
from ssi_coach.store.readings import RemovedReading
from ssi_coach.store.tables import Base, ProfileRow
from ssi_coach.today import HabitInputs

# The moment every call under test runs at: a Wednesday morning.
NOW = datetime(2026, 6, 17, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
ISSUER = "https://login.example.org"
COACH = Identity(ISSUER, "coach-sub", "coach@example.org", "Camille Coach", email_verified=True)
RULE = CoachRule(emails=frozenset({"coach@example.org"}))


@dataclass(frozen=True)
class Person:
    """What one member stores: the same steps for everyone, other values for each."""

    subject: str
    email: str
    name: str
    lang: str
    # Two questionnaires, the second one in force.
    answers: tuple[Mapping[str, object], Mapping[str, object]]
    # Four readings, oldest first; the last one is pasted, the second one is deleted at the end.
    readings: tuple[tuple[date, tuple[float, float, float, float]], ...]
    industry: str
    # Three months of results (impressions, engagements, conversations, opportunities), oldest
    # first; the oldest is deleted at the end.
    months: tuple[tuple[date, tuple[int, int, int, int]], ...]
    drafts: tuple[tuple[str, str], tuple[str, str]]
    headline: str
    about: str
    ticked: tuple[date, date]
    skipped: date
    to_skip: date
    holiday: tuple[date, date]
    new_holiday: tuple[date, date]
    new_day: date
    new_month: date


@dataclass(frozen=True)
class Facts:
    """What a call on a member's behalf needs: that member's stored dates, codes and files."""

    profile_id: int
    identity: Identity
    lang: str
    other_lang: str
    other_role: str
    readings: tuple[Reading, ...]
    # A stored reading to correct or delete, and a date that has none.
    reading_day: date
    new_day: date
    # A reading deleted at the end of the seeding, to put back.
    removed: RemovedReading
    month: date
    new_month: date
    # A month deleted at the end of the seeding, to put back.
    deleted_month: KpiEntry
    draft_code: str
    task: Task
    habit_inputs: HabitInputs
    skipped: date
    to_skip: date
    holiday: Holiday
    new_holiday: Holiday
    # The member's own export, taken before the last deletions: importing it adds them back.
    export_json: bytes
    export_zip: bytes


def _answers(goal: str, role: str, minutes: int, **texts: str) -> dict[str, object]:
    return {
        "goal": goal,
        "role": role,
        "already_converting": "no",
        "minutes_per_day": str(minutes),
        "profile_lang": texts.pop("profile_lang", "fr"),
        **texts,
    }


# A's days, months and draft codes.
A_DAYS = (date(2026, 3, 9), date(2026, 4, 8), date(2026, 5, 8), date(2026, 6, 7))
A_MONTHS = (date(2026, 3, 1), date(2026, 4, 1), date(2026, 5, 1))
A_DRAFTS = ("headline.1", "about")

ALICE = Person(
    subject="alice-sub",
    email="alice@example.org",
    name="Alice Martin",
    lang="fr",
    answers=(
        _answers("notoriety", "freelance", 20, target="DAF de PME", sector="Industrie"),
        _answers(
            "prospecting",
            "freelance",
            20,
            target="DAF de PME industrielles",
            outcome="clôturer plus vite",
            means="un audit de trésorerie",
            sector="Industrie",
            titles="Directeur financier",
            company_kind="PME",
        ),
    ),
    readings=tuple(
        zip(
            A_DAYS,
            (
                (10.5, 8.25, 6.0, 9.0),
                (11.0, 8.5, 6.5, 9.25),
                (12.5, 9.0, 7.0, 10.0),
                (13.75, 9.5, 7.25, 10.5),
            ),
            strict=True,
        )
    ),
    industry="Conseil en management",
    months=tuple(
        zip(A_MONTHS, ((1200, 30, 2, 1), (1500, 45, 3, 1), (1800, 60, 4, 2)), strict=True)
    ),
    drafts=(
        (A_DRAFTS[0], "J’aide les DAF de PME à clôturer plus vite"),
        (A_DRAFTS[1], "Ancienne DAF…"),
    ),
    headline="DAF à temps partagé | Clôtures plus rapides",
    about="Quinze ans de finance d’entreprise, au service des PME industrielles.",
    ticked=(date(2026, 6, 15), date(2026, 6, 16)),
    skipped=date(2026, 6, 11),
    to_skip=date(2026, 6, 12),
    holiday=(date(2026, 6, 22), date(2026, 6, 26)),
    new_holiday=(date(2026, 7, 6), date(2026, 7, 10)),
    new_day=date(2026, 6, 14),
    new_month=date(2026, 2, 1),
)

# B holds rows under the very keys A's calls write to (the same days, months, draft codes,
# skipped day and holiday): a write that forgets the profile would land on B's rows.
BRUNO = Person(
    subject="bruno-sub",
    email="bruno@example.org",
    name="Bruno Petit",
    lang="en",
    answers=(
        _answers("prospecting", "sales", 30, target="IT managers", profile_lang="en"),
        _answers(
            "notoriety",
            "sales",
            40,
            target="Heads of IT in retail",
            outcome="fewer outages",
            means="a cloud audit",
            sector="Retail",
            titles="Head of IT",
            company_kind="retail chains",
            profile_lang="en",
        ),
    ),
    readings=tuple(
        zip(
            A_DAYS,
            (
                (15.0, 12.0, 11.0, 14.0),
                (15.5, 12.5, 11.5, 14.5),
                (16.0, 13.0, 12.0, 15.0),
                (17.25, 13.5, 12.75, 15.5),
            ),
            strict=True,
        )
    ),
    industry="Information Technology",
    months=tuple(
        zip(A_MONTHS, ((9000, 400, 7, 3), (9500, 410, 8, 3), (9900, 420, 9, 4)), strict=True)
    ),
    drafts=((A_DRAFTS[0], "Cloud audits for retail IT"), (A_DRAFTS[1], "Ten years of uptime")),
    headline="Cloud audits for retail chains",
    about="Ten years keeping shops online.",
    ticked=(date(2026, 6, 15), date(2026, 6, 16)),
    skipped=date(2026, 6, 11),
    to_skip=date(2026, 6, 10),
    holiday=(date(2026, 6, 22), date(2026, 6, 26)),
    new_holiday=(date(2026, 7, 13), date(2026, 7, 17)),
    new_day=date(2026, 6, 13),
    new_month=date(2026, 1, 1),
)

# C: B's shape (as many rows in every table) with other dates and values than B's.
CHLOE = Person(
    subject="chloe-sub",
    email="chloe@example.org",
    name="Chloé Durand",
    lang="fr",
    answers=(
        _answers("prospecting", "executive", 10, target="DRH", profile_lang="en"),
        _answers(
            "notoriety",
            "executive",
            45,
            target="DRH de groupes",
            outcome="recruter mieux",
            means="des ateliers",
            sector="Santé",
            titles="DRH",
            company_kind="ETI",
            profile_lang="en",
        ),
    ),
    readings=(
        (date(2026, 3, 14), (20.0, 18.0, 17.0, 19.0)),
        (date(2026, 4, 13), (20.5, 18.25, 17.5, 19.5)),
        (date(2026, 5, 13), (21.0, 18.5, 18.0, 20.0)),
        (date(2026, 6, 9), (22.5, 19.0, 18.5, 21.0)),
    ),
    industry="Hospital & Health Care",
    months=(
        (date(2026, 1, 1), (20000, 900, 12, 6)),
        (date(2026, 2, 1), (21000, 950, 13, 7)),
        (date(2026, 3, 1), (22000, 990, 14, 8)),
    ),
    drafts=(("search.title", "DRH santé Lyon"), ("message.follow_up", "Bonjour, j’ai vu…")),
    headline="Ateliers RH pour les groupes de santé",
    about="Vingt ans de ressources humaines à l’hôpital.",
    ticked=(date(2026, 6, 10), date(2026, 6, 11)),
    skipped=date(2026, 6, 16),
    to_skip=date(2026, 6, 15),
    holiday=(date(2026, 6, 29), date(2026, 7, 3)),
    new_holiday=(date(2026, 8, 3), date(2026, 8, 7)),
    new_day=date(2026, 6, 8),
    new_month=date(2025, 12, 1),
)
EVERYONE = (ALICE, BRUNO, CHLOE)


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Stop the clock at a moment for the steps inside."""
    with time_machine.travel(moment, tick=False):
        yield


def identity_of(person: Person) -> Identity:
    """Return the verified login of a person."""
    return Identity(ISSUER, person.subject, person.email, person.name, email_verified=True)


@dataclass
class Member:
    """A member being seeded: the handle, and what the later steps and the facts need."""

    person: Person
    repo: Repo | None = None
    export_json: bytes = b""
    export_zip: bytes = b""
    removed: RemovedReading | None = None
    deleted: KpiEntry | None = None

    @property
    def handle(self) -> Repo:
        """Return the member's handle, in server mode."""
        assert self.repo is not None
        return self.repo


Step = Callable[[Engine, Member], None]


def _join(engine: Engine, member: Member) -> None:
    person = member.person
    profile_id = profile_for_identity(engine, ISSUER, person.subject, person.email, person.name)
    member.repo = Repo(engine, profile_id, shared=True)
    settings.set_language(member.repo, person.lang)


def _questionnaire(n: int) -> Step:
    def step(_engine: Engine, member: Member) -> None:
        outcome = questionnaire.submit_questionnaire(member.handle, member.person.answers[n])
        assert outcome.status is QuestionnaireStatus.SAVED, outcome

    return step


def _reading(n: int) -> Step:
    def step(_engine: Engine, member: Member) -> None:
        person = member.person
        day, pillars = person.readings[n]
        pasted = n == len(person.readings) - 1
        source = (
            ReadingSource(f"Social Selling Index\n{sum(pillars)}", PARSER_VERSION, person.industry)
            if pasted
            else None
        )
        reading = Reading(day, *pillars, industry_rank=10 + n, network_rank=5 + n)
        saved = checkin.store_checkin(member.handle, reading, source=source)
        assert saved.status is CheckinStatus.SAVED, saved

    return step


def _month(n: int) -> Step:
    def step(_engine: Engine, member: Member) -> None:
        month, (impressions, engagements, conversations, opportunities) = member.person.months[n]
        entry = KpiEntry(
            KpiMonth(month, impressions, engagements, conversations, opportunities),
            followers=impressions // 10,
            profile_views=engagements * 2,
        )
        result = journal.save_month(member.handle, entry, replace=False)
        assert result.status is JournalStatus.SAVED, result

    return step


def _drafts(_engine: Engine, member: Member) -> None:
    for code, text in member.person.drafts:
        assert plan.save_draft(member.handle, code, text, proposed="") is DraftOutcome.SAVED
    review.save_profile_text(member.handle, TextKind.HEADLINE, member.person.headline)


def _about(_engine: Engine, member: Member) -> None:
    review.save_profile_text(member.handle, TextKind.ABOUT, member.person.about)


def _ticks(n: int, on: date) -> Step:
    def step(_engine: Engine, member: Member) -> None:
        day = member.person.ticked[n]
        state = today.load_today(member.handle, on, day)
        assert state is not None
        assert len(state.routine.tasks) >= 2
        for task in state.routine.tasks[:2]:
            today.tick_task(member.handle, day, task, True, on)

    return step


def _pauses(_engine: Engine, member: Member) -> None:
    today.skip_day(member.handle, member.person.skipped, TODAY)
    today.add_holiday(member.handle, *member.person.holiday, TODAY)


def _export(_engine: Engine, member: Member) -> None:
    member.export_json = data.export_file_json(member.handle)
    member.export_zip = data.export_file_zip(member.handle, member.person.lang)


def _delete(_engine: Engine, member: Member) -> None:
    person = member.person
    member.removed = checkin.remove_reading(member.handle, person.readings[1][0])
    member.deleted = journal.delete_month(member.handle, person.months[0][0]).entry


def _evening(day: date) -> datetime:
    return datetime.combine(day, time(18, 0), tzinfo=UTC)


def steps() -> list[tuple[datetime, Step]]:
    """Return the seeding steps, each at one moment, in the order of their moments.

    A step's moment is the same whoever is seeded (it follows the latest date any person
    stores in it), so that A's stamps are alike in both databases; the clock never runs back,
    so that a leak during the seeding shows as a wrong answer, not as a date in the future.
    """
    found: list[tuple[datetime, Step]] = [
        (NOW - timedelta(days=120), _join),
        (NOW - timedelta(days=115), _questionnaire(0)),
        (NOW - timedelta(days=50), _questionnaire(1)),
        (NOW - timedelta(days=20), _drafts),
        (NOW - timedelta(days=19), _about),
        (NOW - timedelta(hours=2), _pauses),
        (NOW - timedelta(hours=1), _export),
        (NOW - timedelta(minutes=30), _delete),
    ]
    for n in range(len(ALICE.readings)):
        found.append((_evening(max(p.readings[n][0] for p in EVERYONE)), _reading(n)))
    for n in range(len(ALICE.months)):
        last = max(p.months[n][0] for p in EVERYONE)
        found.append((_evening((last + timedelta(days=31)).replace(day=1)), _month(n)))
    for n in range(len(ALICE.ticked)):
        day = max(p.ticked[n] for p in EVERYONE)
        found.append((_evening(day) + timedelta(hours=1), _ticks(n, day)))
    return sorted(found, key=lambda pair: pair[0])


def seed_members(engine: Engine, people: tuple[Person, Person]) -> tuple[Facts, Facts]:
    """Store what two members hold through the services, step by step, first then second."""
    members = (Member(people[0]), Member(people[1]))
    for moment, step in steps():
        for slot, member in enumerate(members):
            with at(moment + timedelta(minutes=slot)):
                step(engine, member)
    first, second = (facts_of(member) for member in members)
    return first, second


def facts_of(member: Member) -> Facts:
    """Return a seeded member's facts, read at the moment the calls under test run."""
    person, repo = member.person, member.handle
    with at(NOW):
        state = today.load_today(repo, TODAY)
        readings = tuple(checkin.list_readings(repo))
        role = settings.role(repo).value
    assert state is not None
    assert member.removed is not None
    assert member.deleted is not None
    return Facts(
        profile_id=repo.profile_id,
        identity=identity_of(person),
        lang=person.lang,
        other_lang="en" if person.lang == "fr" else "fr",
        other_role="community_manager" if role != "community_manager" else "sales",
        readings=readings,
        reading_day=readings[-2].taken_on,
        new_day=person.new_day,
        removed=member.removed,
        month=person.months[-1][0],
        new_month=person.new_month,
        deleted_month=member.deleted,
        draft_code=person.drafts[0][0],
        task=state.routine.tasks[0],
        habit_inputs=state.habit_inputs,
        skipped=person.skipped,
        to_skip=person.to_skip,
        holiday=Holiday(*person.holiday),
        new_holiday=Holiday(*person.new_holiday),
        export_json=member.export_json,
        export_zip=member.export_zip,
    )


# Every table whose rows belong to a profile, read generically from the models' metadata.
OWNED_TABLES = tuple(t for t in Base.metadata.sorted_tables if "profile_id" in t.c)
PROFILES = Base.metadata.tables[ProfileRow.__tablename__]
# A profile's rows, by table.
Rows = dict[str, list[tuple[tuple[str, object], ...]]]


def _typed(row: Row[tuple[object, ...]]) -> tuple[tuple[str, object], ...]:
    # With its type, each value compares as stored: 1 is not True, nor 1.0.
    return tuple((type(value).__name__, value) for value in row)


def rows_of(engine: Engine, profile_id: int) -> Rows:
    """Return every stored row of a profile: its profile row and its rows of every owned table."""
    with engine.connect().execution_options(**READ_ONLY) as connection:
        found: Rows = {
            PROFILES.name: [
                _typed(row)
                for row in connection.execute(select(PROFILES).where(PROFILES.c.id == profile_id))
            ]
        }
        for table in OWNED_TABLES:
            query = (
                select(table)
                .where(table.c.profile_id == profile_id)
                .order_by(*table.primary_key.columns)
            )
            found[table.name] = [_typed(row) for row in connection.execute(query)]
    return found
