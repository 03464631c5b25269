"""Edited drafts: stored per profile and code, migrated in losing no row, exported, imported."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, MetaData, Table, inspect, select

from ssi_coach.model import Answers, Goal, InvalidInput, KpiMonth, Reading, Role
from ssi_coach.records import DRAFT_TEXT_MAX, DraftEdit, KpiEntry, ReadingSource, TableChange
from ssi_coach.services import data
from ssi_coach.services.plan import DraftOutcome, current_plan, reset_draft, save_draft
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.store.answers import save_answers
from ssi_coach.store.drafts import delete_draft, list_drafts
from ssi_coach.store.drafts import save_draft as store_draft
from ssi_coach.store.engine import make_engine
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id, set_setting
from ssi_coach.store.readings import save_reading
from ssi_coach.store.revisions import alembic_config, current_revision, schema_revisions
from ssi_coach.store.routine import set_day_mark, set_tick
from tests.conftest import _reset_postgres_schema
from tests.integration.conftest import profile_on_old_schema
from tests.integration.test_storage_backends import add_profile

# The schema before the drafts table: a database or an export of the previous version.
PREVIOUS_HEAD = "0005"
POST = "Je partage ce retour de [auteur] :\n\n« Clôturer en 5 jours, c’est possible. »\n\t— Claire"


@pytest.fixture
def repo(engine: Engine) -> Repo:
    """Return the default profile's handle, with a reading and answers so that a plan exists."""
    here = open_default(engine)
    save_reading(engine, here.profile_id, Reading(date(2025, 2, 1), 12, 8, 10, 14))
    save_answers(engine, here.profile_id, Answers(Goal.PROSPECTING, Role.FREELANCE, False, 20))
    return here


# --- the store --------------------------------------------------------------------------------


def test_an_edit_is_stored_read_back_and_replaced_by_the_next(engine: Engine) -> None:
    profile = default_profile_id(engine)
    store_draft(engine, profile, DraftEdit("share", "Première version"))
    store_draft(engine, profile, DraftEdit("share", POST))
    store_draft(engine, profile, DraftEdit("about", "Mon infos"))
    assert list_drafts(engine, profile) == (
        DraftEdit("about", "Mon infos"),
        DraftEdit("share", POST),
    )


def test_deleting_an_edit_removes_only_that_draft(engine: Engine) -> None:
    profile = default_profile_id(engine)
    store_draft(engine, profile, DraftEdit("share", POST))
    store_draft(engine, profile, DraftEdit("about", "Mon infos"))
    assert delete_draft(engine, profile, "share")
    assert not delete_draft(engine, profile, "share")
    assert list_drafts(engine, profile) == (DraftEdit("about", "Mon infos"),)


def test_one_profiles_edits_stay_out_of_another(engine: Engine) -> None:
    mine, other = default_profile_id(engine), add_profile(engine, "other")
    store_draft(engine, mine, DraftEdit("headline.1", "Mon titre"))
    store_draft(engine, other, DraftEdit("headline.1", "Son titre"))
    delete_draft(engine, other, "headline.1")
    assert list_drafts(engine, mine) == (DraftEdit("headline.1", "Mon titre"),)
    assert list_drafts(engine, other) == ()


def test_the_longest_draft_allowed_is_stored_whole(engine: Engine) -> None:
    profile = default_profile_id(engine)
    longest = "é" * DRAFT_TEXT_MAX
    store_draft(engine, profile, DraftEdit("about", longest))
    assert list_drafts(engine, profile)[0].text == longest


# --- the use case -----------------------------------------------------------------------------


def test_the_plan_view_returns_the_saved_texts_by_code(repo: Repo) -> None:
    assert save_draft(repo, "message.thank_you", POST, "Merci !") is DraftOutcome.SAVED
    assert dict(current_plan(repo).edits) == {"message.thank_you": POST}


def test_an_empty_edit_resets_the_draft_instead_of_storing_it(repo: Repo) -> None:
    save_draft(repo, "about", "Mon infos", "Texte proposé")
    assert save_draft(repo, "about", " \n ", "Texte proposé") is DraftOutcome.RESET
    assert list_drafts(repo.engine, repo.profile_id) == ()


def test_an_edit_equal_to_the_proposed_text_is_not_kept(repo: Repo) -> None:
    save_draft(repo, "about", "Mon infos", "Texte proposé")
    assert save_draft(repo, "about", "Texte proposé", "Texte proposé") is DraftOutcome.RESET
    assert current_plan(repo).edits == {}


def test_a_text_too_long_is_refused_naming_the_text_and_the_earlier_edit_stays(
    repo: Repo,
) -> None:
    save_draft(repo, "about", "Mon infos", "Texte proposé")
    with pytest.raises(InvalidInput) as refused:
        save_draft(repo, "about", "x" * (DRAFT_TEXT_MAX + 1), "Texte proposé")
    assert (refused.value.field, refused.value.code) == ("text", "too_long")
    assert list_drafts(repo.engine, repo.profile_id) == (DraftEdit("about", "Mon infos"),)


def test_resetting_a_draft_forgets_the_edit(repo: Repo) -> None:
    save_draft(repo, "share", POST, "Texte proposé")
    assert reset_draft(repo, "share")
    assert current_plan(repo).edits == {}


@pytest.mark.parametrize("text", ["Mon titre", ""])
def test_saving_a_draft_the_plan_does_not_have_is_refused(repo: Repo, text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        save_draft(repo, "headline.9", text, "")
    assert refused.value.field == "code"


def test_resetting_a_draft_the_plan_does_not_have_is_refused(repo: Repo) -> None:
    with pytest.raises(InvalidInput) as refused:
        reset_draft(repo, "headline.9")
    assert refused.value.field == "code"


# --- the migration ----------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgres"])
def old_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """Yield an engine on a database at the schema before the drafts table."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.db'}"
    else:
        url = request.getfixturevalue("pg_url")
        _reset_postgres_schema(url)
    made = make_engine(url)
    config = alembic_config()
    with made.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, PREVIOUS_HEAD)
    try:
        yield made
    finally:
        made.dispose()


def every_row(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Return every row of every table but Alembic's, in a stable order."""
    metadata = MetaData()
    found = {}
    for name in sorted(inspect(engine).get_table_names()):
        if name == "alembic_version":
            continue
        table = Table(name, metadata, autoload_with=engine)
        with engine.connect() as connection:
            rows = connection.execute(select(table).order_by(*table.columns))
            found[name] = [tuple(row) for row in rows]
    return found


def test_a_database_at_the_previous_head_migrates_with_every_row_kept(old_engine: Engine) -> None:
    profile = profile_on_old_schema(old_engine)
    save_reading(old_engine, profile, Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.5, 65, 72))
    source = ReadingSource("Votre Social Selling Index\n53 sur 100", "1", "Conseil")
    save_reading(old_engine, profile, Reading(date(2025, 2, 1), 13, 7, 4, 2), source=source)
    # The answers table changed since: test_answers_migration writes it at every schema.
    set_tick(old_engine, profile, date(2025, 2, 3), "comments.angle", "comments", 5, True)
    set_day_mark(old_engine, profile, date(2025, 2, 4), "skip")
    save_kpis(old_engine, profile, KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40, 2, 1), 300))
    set_setting(old_engine, profile, "lang", "en")
    before = every_row(old_engine)
    assert current_revision(old_engine) == PREVIOUS_HEAD
    assert all(before[name] for name in before if name not in ("profiles", "answers"))

    migrate(old_engine)

    after = every_row(old_engine)
    assert current_revision(old_engine) == schema_revisions()[-1]
    # Later revisions may add tables and columns: every row and value there was is still there.
    kept = {
        # A new column comes last: the columns there were are the first ones.
        name: [row[: len(rows[0])] for row in after[name]] if rows else []
        for name, rows in before.items()
    }
    assert kept == before
    assert after["drafts"] == []
    store_draft(old_engine, profile, DraftEdit("about", "Mon infos"))
    assert list_drafts(old_engine, profile) == (DraftEdit("about", "Mon infos"),)


# --- export and import ------------------------------------------------------------------------


def test_edited_drafts_travel_in_a_json_export_that_imports_back_to_the_same_bytes(
    repo: Repo,
) -> None:
    save_draft(repo, "share", POST, "")
    save_draft(repo, "headline.2", "J’aide les DAF à clôturer en 5 jours", "")
    exported = data.export_file_json(repo)
    assert json.loads(exported)["tables"]["drafts"] == [
        {"code": "headline.2", "text": "J’aide les DAF à clôturer en 5 jours"},
        {"code": "share", "text": POST},
    ]
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    data.import_file(elsewhere, exported)
    assert data.export_file_json(elsewhere) == exported


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_edited_drafts_travel_in_a_zip_export_that_imports_back_to_the_same_bytes(
    repo: Repo, lang: str
) -> None:
    save_draft(repo, "share", POST, "")
    exported = data.export_file_zip(repo, lang)
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    data.import_file(elsewhere, exported)
    assert list_drafts(repo.engine, elsewhere.profile_id) == (DraftEdit("share", POST),)
    assert data.export_file_zip(elsewhere, lang) == exported


def previous_version_json(repo: Repo) -> bytes:
    """Return the profile's JSON export as the version before the drafts table wrote it."""
    document = json.loads(data.export_file_json(repo))
    document["schema"] = PREVIOUS_HEAD
    del document["tables"]["drafts"]
    del document["counts"]["drafts"]
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def test_an_export_of_the_previous_version_imports_and_keeps_the_drafts_already_there(
    repo: Repo,
) -> None:
    old_file = previous_version_json(repo)
    save_draft(repo, "about", "Mon infos", "")
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    save_draft(elsewhere, "share", POST, "")

    change = data.import_file(elsewhere, old_file)

    assert change.tables["readings"].added == 1
    assert change.tables["drafts"] == TableChange()
    assert list_drafts(repo.engine, elsewhere.profile_id) == (DraftEdit("share", POST),)
