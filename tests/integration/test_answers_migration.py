"""Answers stored or exported before the questionnaire asked for titles, company and language.

Every earlier schema migrates on SQLite and PostgreSQL keeping every row of every table; the
answers gain empty titles and company kind, and the language their drafts were written in: the
profile's interface language. An export of the previous version imports with the same values.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, MetaData, Table, insert, inspect, select

from ssi_coach.model import ANSWER_TEXTS, Answers, Goal, Role, answer_limit
from ssi_coach.services import data
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.answers import answers_history, latest_answers, save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.mapping import text_limits
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.revisions import alembic_config, current_revision, schema_revisions
from ssi_coach.store.tables import Base
from tests.integration.test_storage_backends import add_profile

# The revision that added the three answers; the schema just before it.
ADDED_IN = "0007"
BEFORE = "0006"
EARLIER = schema_revisions()[: schema_revisions().index(ADDED_IN)]
STAMP = datetime(2025, 1, 2, 9, 30)
FRENCH, ENGLISH, UNSET = 1, 2, 3
# One row or more for each table of every schema; a table or column a schema lacks is skipped.
ROWS: dict[str, list[dict[str, object]]] = {
    "profiles": [
        {"id": FRENCH, "name": "default", "created_at": STAMP},
        {"id": ENGLISH, "name": "english", "created_at": STAMP},
        {"id": UNSET, "name": "never chose", "created_at": STAMP},
    ],
    "settings": [
        {"profile_id": FRENCH, "key": "lang", "value": "fr"},
        {"profile_id": ENGLISH, "key": "lang", "value": "en"},
        {"profile_id": ENGLISH, "key": "role", "value": "sales"},
        {"profile_id": UNSET, "key": "role", "value": "executive"},
    ],
    "readings": [
        {
            "profile_id": FRENCH,
            "taken_on": date(2025, 1, 1),
            "brand_milli": 12275,
            "people_milli": 6000,
            "insights_milli": 3100,
            "relationships_milli": 1500,
            "industry_rank": 65,
            "network_rank": 72,
            "industry_average_milli": None,
            "network_average_milli": 20000,
            "source_text": "Votre Social Selling Index\n53 sur 100",
            "parser_version": "1",
            "industry_name": "Conseil",
            "created_at": STAMP,
            "updated_at": STAMP,
        }
    ],
    "answers": [
        {
            "profile_id": FRENCH,
            "answered_at": STAMP,
            "goal": "prospecting",
            "role": "freelance",
            "already_converting": False,
            "minutes_per_day": 20,
            "target": "les DAF de PME industrielles",
            "outcome": "réduire leurs délais de clôture",
            "means": "un tableau de bord automatisé",
            "sector": "industrie",
        },
        {
            "profile_id": ENGLISH,
            "answered_at": STAMP,
            "goal": "notoriety",
            "role": "sales",
            "already_converting": True,
            "minutes_per_day": 30,
            "target": "CFOs of industrial SMEs",
            "outcome": "",
            "means": "",
            "sector": "",
        },
        {
            "profile_id": ENGLISH,
            "answered_at": datetime(2025, 3, 4, 10, 0),
            "goal": "prospecting",
            "role": "sales",
            "already_converting": False,
            "minutes_per_day": 45,
            "target": "",
            "outcome": "",
            "means": "",
            "sector": "SaaS",
        },
        {
            "profile_id": UNSET,
            "answered_at": STAMP,
            "goal": "notoriety",
            "role": "executive",
            "already_converting": False,
            "minutes_per_day": 10,
            "target": "",
            "outcome": "",
            "means": "",
            "sector": "",
        },
    ],
    "routine_ticks": [
        {
            "profile_id": FRENCH,
            "day": date(2025, 2, 3),
            "task_key": "comments.angle",
            "lever": "comments",
            "minutes": 5,
            "ticked_at": STAMP,
        }
    ],
    "day_marks": [{"profile_id": FRENCH, "day": date(2025, 2, 4), "kind": "skip"}],
    "kpi_months": [
        {
            "profile_id": ENGLISH,
            "month": date(2025, 1, 1),
            "impressions": 1000,
            "engagements": 40,
            "qualified_conversations": 2,
            "opportunities": 1,
            "followers": 300,
            "profile_views": None,
            "updated_at": STAMP,
        }
    ],
    "drafts": [
        {"profile_id": FRENCH, "code": "about", "text": "Mon infos", "updated_at": STAMP},
    ],
}
# What the migration gives the answers of each profile: the drafts' language until then.
PROFILE_LANG = {FRENCH: "fr", ENGLISH: "en", UNSET: "fr"}


@pytest.fixture
def opened(url: str) -> Iterator[list[Engine]]:
    """Yield a list the test puts its engine in, disposed of at the end."""
    engines: list[Engine] = []
    yield engines
    for engine in engines:
        engine.dispose()


def at_revision(url: str, revision: str, opened: list[Engine]) -> Engine:
    """Return an engine on a database brought to one revision, holding ROWS as it can."""
    engine = make_engine(url)
    opened.append(engine)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    metadata = MetaData()
    with engine.begin() as connection:
        for name, rows in ROWS.items():
            if not inspect(connection).has_table(name):
                continue
            table = Table(name, metadata, autoload_with=connection)
            held = [{k: v for k, v in row.items() if k in table.columns} for row in rows]
            connection.execute(insert(table), held)
    return engine


def downgrade(engine: Engine, revision: str) -> None:
    """Bring a database back down to an earlier revision."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def every_row(engine: Engine) -> dict[str, list[dict[str, object]]]:
    """Return every row of every table but Alembic's, by column name, in a stable order."""
    metadata = MetaData()
    found = {}
    with engine.connect() as connection:
        for name in sorted(inspect(connection).get_table_names()):
            if name == "alembic_version":
                continue
            table = Table(name, metadata, autoload_with=connection)
            rows = connection.execute(select(table).order_by(*table.primary_key.columns))
            found[name] = [dict(row._mapping) for row in rows]
    return found


@pytest.mark.parametrize("revision", EARLIER)
def test_a_database_of_every_earlier_schema_migrates_keeping_every_row(
    url: str, opened: list[Engine], revision: str
) -> None:
    engine = at_revision(url, revision, opened)
    before = every_row(engine)
    migrate(engine)
    after = every_row(engine)
    assert current_revision(engine) == schema_revisions()[-1]
    for name, rows in before.items():
        kept = [{k: row[k] for k in rows[0]} for row in after[name]] if rows else after[name]
        assert kept == rows, name
    assert set(after) >= set(before)


@pytest.mark.parametrize("revision", [r for r in EARLIER if r >= "0002"])
def test_migrated_answers_get_empty_titles_and_company_and_their_drafts_language(
    url: str, opened: list[Engine], revision: str
) -> None:
    engine = at_revision(url, revision, opened)
    migrate(engine)
    answers = every_row(engine)["answers"]
    assert [(a["titles"], a["company_kind"]) for a in answers] == [("", "")] * len(answers)
    assert [a["profile_lang"] for a in answers] == [PROFILE_LANG[a["profile_id"]] for a in answers]


def test_migrated_answers_read_back_through_the_store(url: str, opened: list[Engine]) -> None:
    engine = at_revision(url, BEFORE, opened)
    migrate(engine)
    assert latest_answers(engine, ENGLISH) == Answers(
        Goal.PROSPECTING, Role.SALES, False, 45, sector="SaaS", profile_lang="en"
    )
    first = answers_history(engine, FRENCH)[0][1]
    assert (first.target, first.titles, first.company_kind, first.profile_lang) == (
        "les DAF de PME industrielles",
        "",
        "",
        "fr",
    )


def test_answers_saved_after_the_migration_keep_their_new_answers(
    url: str, opened: list[Engine]
) -> None:
    engine = at_revision(url, BEFORE, opened)
    migrate(engine)
    answers = Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        titles="DAF, " + "x" * 155,
        company_kind="ETI industrielles",
        profile_lang="en",
    )
    save_answers(engine, FRENCH, answers)
    assert latest_answers(engine, FRENCH) == answers


def test_going_back_to_the_previous_schema_keeps_the_earlier_answers(
    url: str, opened: list[Engine]
) -> None:
    engine = at_revision(url, BEFORE, opened)
    before = every_row(engine)
    migrate(engine)
    downgrade(engine, BEFORE)
    assert every_row(engine) == before


def test_the_migrated_schema_matches_the_models(url: str, opened: list[Engine]) -> None:
    engine = at_revision(url, BEFORE, opened)
    migrate(engine)
    # Alembic reads SQLite's empty-text default back as a change: defaults compare on PostgreSQL.
    defaults = engine.dialect.name == "postgresql"
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": defaults}
        )
        assert compare_metadata(context, Base.metadata) == []


def test_each_answer_is_stored_in_as_many_characters_as_the_questionnaire_takes() -> None:
    assert {name: text_limits()["answers"][name] for name in ANSWER_TEXTS} == {
        name: answer_limit(name) for name in ANSWER_TEXTS
    }


# --- files exported before the change ---------------------------------------------------------


@pytest.fixture
def repo(url: str, opened: list[Engine]) -> Repo:
    """Return the default profile's handle on a migrated, empty database."""
    engine = make_engine(url)
    opened.append(engine)
    migrate(engine)
    return open_default(engine)


def previous_version_json(repo: Repo, lang: str | None) -> bytes:
    """Return a JSON export as the version before 0007 wrote it, with its interface language."""
    here = Repo(repo.engine, add_profile(repo.engine, "exported"))
    save_answers(repo.engine, here.profile_id, Answers(Goal.NOTORIETY, Role.SALES, True, 30, "RH"))
    if lang is not None:
        set_setting(repo.engine, here.profile_id, "lang", lang)
    document = json.loads(data.export_file_json(here))
    document["schema"] = BEFORE
    for row in document["tables"]["answers"]:
        for column in ("titles", "company_kind", "profile_lang"):
            del row[column]
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize(("lang", "profile_lang"), [("en", "en"), ("fr", "fr"), (None, "fr")])
def test_an_export_of_the_previous_version_imports_in_its_interface_language(
    repo: Repo, lang: str | None, profile_lang: str
) -> None:
    data.import_file(repo, previous_version_json(repo, lang))
    assert latest_answers(repo.engine, repo.profile_id) == Answers(
        Goal.NOTORIETY, Role.SALES, True, 30, "RH", profile_lang=profile_lang
    )


OLD_ANSWERS_CSV = (
    "\ufeffDate et heure du questionnaire;Objectif;Profil;"
    "LinkedIn vous apporte déjà des échanges utiles;Minutes par jour;Cible;Résultat apporté;"
    "Moyen ou méthode;Secteur\r\n"
    "2025-01-02T09:30:00;prospecting;freelance;non;20;les DAF de PME industrielles;"
    "réduire leurs délais de clôture;un tableau de bord automatisé;industrie\r\n"
).encode()


def test_an_answers_csv_of_the_previous_version_imports_with_the_defaults(repo: Repo) -> None:
    change = data.import_file(repo, OLD_ANSWERS_CSV, "questionnaires.csv")
    assert change.tables["answers"].added == 1
    assert latest_answers(repo.engine, repo.profile_id) == Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        20,
        target="les DAF de PME industrielles",
        outcome="réduire leurs délais de clôture",
        means="un tableau de bord automatisé",
        sector="industrie",
    )
