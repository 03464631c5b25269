"""A refused import writes nothing, and two answers sharing a moment both travel in an export."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from ssi_coach.model import Answers, Goal, Role
from ssi_coach.records import ProfileData
from ssi_coach.services import data
from ssi_coach.services.repo import Repo
from ssi_coach.store.answers import answers_history, latest_answers, save_answers
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.revisions import schema_revisions
from ssi_coach.store.tables import AnswersRow
from ssi_coach.store.transfer import MICROSECOND, preview_import, read_profile, text_limits
from ssi_coach.transfer import MAX_ROWS, TransferError, export_json, export_zip, parse_import
from tests.integration.test_transfer import add_profile, fill_history, wipe

FIRST = Answers(Goal.NOTORIETY, Role.FREELANCE, False, 20, "DAF")
SECOND = Answers(Goal.PROSPECTING, Role.SALES, True, 30, "DRH")
SHARED = datetime(2025, 3, 1, 9, 30, 0, 250000)


@pytest.fixture
def repo(engine: Engine) -> Repo:
    """Return the default profile, filled with a bit of everything."""
    found = Repo(engine, default_profile_id(engine))
    fill_history(engine, found.profile_id)
    return found


def edited(repo: Repo, edit: Callable[[dict], None]) -> bytes:
    """Return the profile's JSON export with its document edited."""
    document = json.loads(data.export_file_json(repo))
    edit(document)
    return json.dumps(document).encode()


def set_field(table: str, column: str, value: object) -> Callable[[dict], None]:
    def edit(document: dict) -> None:
        document["tables"][table][0][column] = value

    return edit


def raw(table: str, column: str, text: str) -> Callable[[dict], None]:
    """Return an edit putting raw JSON text in a field, through a marker replaced afterwards."""

    def edit(document: dict) -> None:
        document["tables"][table][0][column] = f"RAW:{text}"

    return edit


def announce(table: str, count: int) -> Callable[[dict], None]:
    def edit(document: dict) -> None:
        document["counts"][table] = count

    return edit


# Files a form could never have produced: each must be refused, and nothing written.
ATTACKS: dict[str, Callable[[dict], None]] = {
    "answers dated 2999": set_field("answers", "answered_at", "2999-01-01T00:00:00"),
    "tick dated 9999": set_field("routine_ticks", "day", "9999-12-31"),
    "tick stamped 0001": set_field("routine_ticks", "ticked_at", "0001-01-01T00:00:00"),
    "day mark dated 0001": set_field("day_marks", "day", "0001-01-01"),
    "month 9999": set_field("kpi_months", "month", "9999-12-01"),
    "unknown task": set_field("routine_ticks", "task_key", "comments.spam"),
    "minutes 2^31-1": set_field("routine_ticks", "minutes", 2**31 - 1),
    "unknown setting": set_field("settings", "key", "theme"),
    "page of a megabyte": set_field("readings", "source_text", "x" * 1_000_000),
    "5,000 digits": raw("kpi_months", "impressions", "9" * 5000),
    "deep nesting": raw("readings", "brand", "[" * 50_000 + "]" * 50_000),
    "a million ticks announced": announce("routine_ticks", 1_000_000),
    "answers above the limit announced": announce("answers", MAX_ROWS["answers"] + 1),
}


def attack_file(repo: Repo, name: str) -> bytes:
    content = edited(repo, ATTACKS[name]).decode()
    marker = content.find('"RAW:')
    if marker >= 0:
        end = content.index('"', marker + 1)
        content = content[:marker] + content[marker + 5 : end] + content[end + 1 :]
    return content.encode()


@pytest.mark.parametrize("name", list(ATTACKS))
def test_a_file_no_form_could_have_made_is_refused_and_writes_nothing(
    repo: Repo, name: str
) -> None:
    content = attack_file(repo, name)
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    before = read_profile(repo.engine, repo.profile_id)
    for target in (repo, elsewhere):
        with pytest.raises(TransferError):
            data.import_file(target, content)
    assert read_profile(repo.engine, repo.profile_id) == before
    assert read_profile(repo.engine, elsewhere.profile_id) == ProfileData()


def test_answers_saved_after_a_refused_2999_file_are_the_current_ones(repo: Repo) -> None:
    with pytest.raises(TransferError):
        data.import_file(repo, attack_file(repo, "answers dated 2999"))
    save_answers(repo.engine, repo.profile_id, SECOND)
    assert latest_answers(repo.engine, repo.profile_id) == SECOND


# --- two answers of one moment ----------------------------------------------------------------


def share_a_moment(engine: Engine, profile: int) -> None:
    """Save two questionnaires, then give both the same moment, as a coarse clock would."""
    save_answers(engine, profile, FIRST)
    save_answers(engine, profile, SECOND)
    with Session(engine) as session, session.begin():
        session.execute(
            update(AnswersRow).where(AnswersRow.profile_id == profile).values(answered_at=SHARED)
        )


@pytest.fixture
def shared(engine: Engine) -> Repo:
    """Return a profile holding two questionnaires saved at the same moment."""
    found = Repo(engine, default_profile_id(engine))
    share_a_moment(engine, found.profile_id)
    return found


def test_two_answers_of_one_moment_are_two_rows_of_the_export(shared: Repo) -> None:
    exported = read_profile(shared.engine, shared.profile_id).answers
    assert [record.answers for record in exported] == [FIRST, SECOND]
    assert [record.answered_at for record in exported] == [SHARED, SHARED + MICROSECOND]


def test_the_latest_answers_stay_the_latest_in_the_export(shared: Repo) -> None:
    exported = read_profile(shared.engine, shared.profile_id).answers
    assert exported[-1].answers == latest_answers(shared.engine, shared.profile_id)


@pytest.mark.parametrize("kind", ["json", "fr", "en"])
def test_two_answers_of_one_moment_go_through_export_wipe_import_to_the_same_bytes(
    shared: Repo, kind: str
) -> None:
    def export() -> bytes:
        held = read_profile(shared.engine, shared.profile_id)
        head = schema_revisions()[-1]
        return export_json(held, head) if kind == "json" else export_zip(held, head, kind)

    exported = export()
    wipe(shared.engine, shared.profile_id)
    data.import_file(shared, exported)
    assert [answers for _, answers in answers_history(shared.engine, shared.profile_id)] == [
        FIRST,
        SECOND,
    ]
    assert export() == exported


def test_importing_that_export_back_into_the_same_profile_changes_nothing(shared: Repo) -> None:
    exported = data.export_file_json(shared)
    incoming = parse_import(exported, schema_revisions(), text_limits())
    preview = preview_import(shared.engine, shared.profile_id, incoming)
    assert (preview.added, preview.replaced, preview.unchanged) == (0, 0, 3)
    assert data.export_file_json(shared) == exported


def test_three_answers_of_one_moment_stay_three_rows_in_the_order_they_were_saved(
    engine: Engine,
) -> None:
    profile = default_profile_id(engine)
    share_a_moment(engine, profile)
    save_answers(engine, profile, FIRST)
    with Session(engine) as session, session.begin():
        session.execute(update(AnswersRow).values(answered_at=SHARED))
        ids = session.scalars(select(AnswersRow.id).order_by(AnswersRow.id)).all()
    exported = read_profile(engine, profile).answers
    assert len(ids) == len(exported) == 3
    assert [record.answers for record in exported] == [FIRST, SECOND, FIRST]
    assert exported[-1].answered_at == SHARED + 2 * MICROSECOND
