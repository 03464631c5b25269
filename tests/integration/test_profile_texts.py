"""Saved headlines and Abouts: stored as dated versions, migrated in, exported and imported."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from alembic import command
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ssi_coach.model import InvalidInput, Reading
from ssi_coach.records import ProfileText, TableChange
from ssi_coach.review import LIMITS, TextKind
from ssi_coach.services import data
from ssi_coach.services.progress import headline_change
from ssi_coach.services.repo import Repo, open_default
from ssi_coach.services.review import SavedTexts, SaveOutcome, profile_texts, save_profile_text
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profile_texts import add_profile_text, list_profile_texts
from ssi_coach.store.readings import save_reading
from ssi_coach.store.revisions import alembic_config, current_revision, schema_revisions
from ssi_coach.store.tables import ProfileTextRow
from ssi_coach.transfer import file_name
from tests.integration.test_answers_migration import at_revision, every_row
from tests.integration.test_transfer import add_profile

# The revision that added the table, and the schema just before it.
ADDED_IN = "0008"
BEFORE = "0007"
MOMENT = datetime(2025, 11, 12, 9, 30, 0, 123456)
HEADLINE = "J’aide les DAF de PME industrielles à clôturer en 5 jours 🚀"
# What a spreadsheet would run as a formula, and an About's paragraphs, tab and emoji.
FORMULA = "=SOMME(A1:A3) | DAF freelance 📈"
ABOUT = "Vos clôtures prennent 15 jours ?\r\n\nJe les ramène à 5.\n\t— Claire 👋\n+33 6 00 00 00 00"


@pytest.fixture
def repo(engine: Engine) -> Repo:
    """Return the default profile's handle on a migrated, empty database."""
    return open_default(engine)


def stored_rows(repo: Repo) -> int:
    """Return how many saved versions the profile holds."""
    with Session(repo.engine) as session:
        found = session.scalar(
            select(func.count())
            .select_from(ProfileTextRow)
            .where(ProfileTextRow.profile_id == repo.profile_id)
        )
        return found or 0


# --- the store --------------------------------------------------------------------------------


def test_versions_are_read_back_newest_first_of_one_kind_or_both(repo: Repo) -> None:
    first = ProfileText(TextKind.HEADLINE, MOMENT, "Premier titre")
    about = ProfileText(TextKind.ABOUT, MOMENT + timedelta(hours=1), ABOUT)
    second = ProfileText(TextKind.HEADLINE, MOMENT + timedelta(days=1), HEADLINE)
    for version in (first, about, second):
        assert add_profile_text(repo.engine, repo.profile_id, version) == version
    engine, profile = repo.engine, repo.profile_id
    assert list_profile_texts(engine, profile, TextKind.HEADLINE) == (second, first)
    assert list_profile_texts(engine, profile, TextKind.ABOUT) == (about,)
    assert list_profile_texts(engine, profile) == (second, about, first)


def test_the_longest_about_is_stored_whole(repo: Repo) -> None:
    longest = "é\n" * (LIMITS[TextKind.ABOUT] // 2 - 1) + "éx"
    assert len(longest) == LIMITS[TextKind.ABOUT]
    save_profile_text(repo, TextKind.ABOUT, longest, MOMENT)
    assert profile_texts(repo).about[0].text == longest


def test_one_profiles_versions_stay_out_of_another(repo: Repo) -> None:
    other = Repo(repo.engine, add_profile(repo.engine, "other"))
    save_profile_text(repo, TextKind.HEADLINE, "Mon titre", MOMENT)
    save_profile_text(other, TextKind.HEADLINE, "Son titre", MOMENT)
    assert [v.text for v in profile_texts(repo).headline] == ["Mon titre"]
    assert [v.text for v in profile_texts(other).headline] == ["Son titre"]


# --- saving -----------------------------------------------------------------------------------


def test_a_saved_headline_is_the_latest_with_its_moment_and_without_its_spaces(
    repo: Repo,
) -> None:
    assert save_profile_text(repo, TextKind.HEADLINE, f"  {HEADLINE}\n", MOMENT) is (
        SaveOutcome.SAVED
    )
    saved = profile_texts(repo)
    assert saved.latest(TextKind.HEADLINE) == ProfileText(TextKind.HEADLINE, MOMENT, HEADLINE)
    assert saved.latest(TextKind.ABOUT) is None


def test_two_saves_in_the_same_microsecond_stay_two_rows_the_second_newest(repo: Repo) -> None:
    save_profile_text(repo, TextKind.HEADLINE, "Premier titre", MOMENT)
    assert save_profile_text(repo, TextKind.HEADLINE, "Second titre", MOMENT) is SaveOutcome.SAVED
    headlines = profile_texts(repo).headline
    assert [v.text for v in headlines] == ["Second titre", "Premier titre"]
    assert headlines[0].saved_at == MOMENT + timedelta(microseconds=1)


def test_a_save_after_the_clock_went_back_is_still_the_newest(repo: Repo) -> None:
    save_profile_text(repo, TextKind.ABOUT, "Avant", MOMENT)
    save_profile_text(repo, TextKind.ABOUT, "Après", MOMENT - timedelta(hours=1))
    assert [v.text for v in profile_texts(repo).about] == ["Après", "Avant"]


def test_a_headline_and_an_about_of_the_same_moment_are_two_rows(repo: Repo) -> None:
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT)
    save_profile_text(repo, TextKind.ABOUT, HEADLINE, MOMENT)
    saved = profile_texts(repo)
    assert [v.saved_at for v in (*saved.headline, *saved.about)] == [MOMENT, MOMENT]


def test_saving_the_latest_text_again_writes_nothing(repo: Repo) -> None:
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT)
    again = save_profile_text(repo, TextKind.HEADLINE, f"\t{HEADLINE}  ", MOMENT + timedelta(1))
    assert again is SaveOutcome.UNCHANGED
    assert stored_rows(repo) == 1
    assert profile_texts(repo).headline[0].saved_at == MOMENT


def test_an_earlier_text_saved_again_is_a_new_version(repo: Repo) -> None:
    for day, text in enumerate(("Titre A", "Titre B", "Titre A")):
        save_profile_text(repo, TextKind.HEADLINE, text, MOMENT + timedelta(days=day))
    assert [v.text for v in profile_texts(repo).headline] == ["Titre A", "Titre B", "Titre A"]


def test_the_headline_text_saved_as_the_about_is_a_new_version(repo: Repo) -> None:
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT)
    assert save_profile_text(repo, TextKind.ABOUT, HEADLINE, MOMENT) is SaveOutcome.SAVED


def test_a_moment_with_a_zone_is_stored_in_utc(repo: Repo) -> None:
    paris = timezone(timedelta(hours=1))
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT.replace(tzinfo=paris))
    assert profile_texts(repo).headline[0].saved_at == MOMENT - timedelta(hours=1)


def test_without_a_moment_the_save_is_dated_now_in_utc(repo: Repo) -> None:
    before = datetime.now(UTC).replace(tzinfo=None)
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE)
    after = datetime.now(UTC).replace(tzinfo=None)
    assert before <= profile_texts(repo).headline[0].saved_at <= after


@pytest.mark.parametrize(
    ("kind", "text", "field", "code"),
    [
        (TextKind.HEADLINE, "x" * 221, "text", "too_long"),
        (TextKind.ABOUT, "x" * 2601, "text", "too_long"),
        (TextKind.HEADLINE, "Deux\nlignes", "text", "control_characters"),
        (TextKind.ABOUT, " \n\t ", "text", "required"),
        (TextKind.COMMENT, "Bravo pour ce post", "kind", "unknown_choice"),
    ],
)
def test_a_bad_text_is_refused_naming_its_field_and_nothing_is_saved(
    repo: Repo, kind: TextKind, text: str, field: str, code: str
) -> None:
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT)
    with pytest.raises(InvalidInput) as refused:
        save_profile_text(repo, kind, text, MOMENT + timedelta(days=1))
    assert (refused.value.field, refused.value.code) == (field, code)
    assert profile_texts(repo) == SavedTexts(
        headline=(ProfileText(TextKind.HEADLINE, MOMENT, HEADLINE),)
    )


# --- the headline's change on Progress --------------------------------------------------------


def test_progress_reads_the_brand_around_the_latest_headline(repo: Repo) -> None:
    october = Reading(date(2025, 10, 15), 14.2, 10, 10, 10)
    december = Reading(date(2025, 12, 15), 16, 10, 10, 10)
    for reading in (october, december):
        save_reading(repo.engine, repo.profile_id, reading)
    assert headline_change(repo, [october, december]) is None
    save_profile_text(repo, TextKind.HEADLINE, "Ancien titre", datetime(2025, 9, 1, 12))
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, datetime(2025, 11, 12, 12))
    # An About saved later is not a headline change.
    save_profile_text(repo, TextKind.ABOUT, ABOUT, datetime(2025, 12, 1, 12))
    change = headline_change(repo, [october, december])
    assert change is not None
    assert (change.saved_on, change.brand_before, change.brand_after) == (
        date(2025, 11, 12),
        14.2,
        16,
    )


# --- the migration ----------------------------------------------------------------------------


@pytest.fixture
def opened() -> Iterator[list[Engine]]:
    """Yield a list the test puts its engines in, disposed of at the end."""
    engines: list[Engine] = []
    yield engines
    for engine in engines:
        engine.dispose()


def test_a_database_at_the_previous_schema_migrates_keeping_every_row(
    url: str, opened: list[Engine]
) -> None:
    engine = at_revision(url, BEFORE, opened)
    before = every_row(engine)
    assert all(before.values())
    migrate(engine)
    after = every_row(engine)
    assert current_revision(engine) == schema_revisions()[-1]
    # Later revisions may add tables and columns: every row and value there was is still there.
    kept = {
        name: [{column: row[column] for column in rows[0]} for row in after[name]]
        for name, rows in before.items()
    }
    assert kept == before
    assert after["profile_texts"] == []


def test_a_migrated_database_saves_and_reads_versions(url: str, opened: list[Engine]) -> None:
    engine = at_revision(url, BEFORE, opened)
    migrate(engine)
    here = open_default(engine)
    save_profile_text(here, TextKind.HEADLINE, HEADLINE, MOMENT)
    assert profile_texts(here).latest(TextKind.HEADLINE) == ProfileText(
        TextKind.HEADLINE, MOMENT, HEADLINE
    )


def test_going_back_to_the_previous_schema_drops_only_the_saved_texts(
    url: str, opened: list[Engine]
) -> None:
    engine = at_revision(url, BEFORE, opened)
    before = every_row(engine)
    migrate(engine)
    save_profile_text(open_default(engine), TextKind.HEADLINE, HEADLINE, MOMENT)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, BEFORE)
    assert every_row(engine) == before


def test_the_revision_that_adds_the_table_is_the_one_the_table_names() -> None:
    assert ADDED_IN in schema_revisions()
    assert schema_revisions()[schema_revisions().index(ADDED_IN) - 1] == BEFORE


# --- export and import ------------------------------------------------------------------------


def save_texts(repo: Repo) -> None:
    """Save a headline twice in one microsecond, a formula-like one, and an About."""
    save_profile_text(repo, TextKind.HEADLINE, "Premier titre", MOMENT)
    save_profile_text(repo, TextKind.HEADLINE, HEADLINE, MOMENT)
    save_profile_text(repo, TextKind.HEADLINE, FORMULA, MOMENT + timedelta(days=1))
    save_profile_text(repo, TextKind.ABOUT, ABOUT, MOMENT + timedelta(days=2))


def test_saved_texts_travel_in_a_json_export_that_imports_back_to_the_same_bytes(
    repo: Repo,
) -> None:
    save_texts(repo)
    exported = data.export_file_json(repo)
    assert [row["text"] for row in json.loads(exported)["tables"]["profile_texts"]] == [
        ABOUT,
        "Premier titre",
        HEADLINE,
        FORMULA,
    ]
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    data.import_file(elsewhere, exported)
    assert profile_texts(elsewhere) == profile_texts(repo)
    assert data.export_file_json(elsewhere) == exported


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_saved_texts_travel_in_a_zip_export_that_imports_back_to_the_same_bytes(
    repo: Repo, lang: str
) -> None:
    save_texts(repo)
    exported = data.export_file_zip(repo, lang)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        cells = archive.read(file_name("profile_texts", lang)).decode("utf-8-sig")
    # A spreadsheet shows the formula as text; the import takes the ' back off.
    assert f"'{FORMULA}" in cells
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    data.import_file(elsewhere, exported)
    assert profile_texts(elsewhere) == profile_texts(repo)
    assert data.export_file_zip(elsewhere, lang) == exported


def test_the_french_zip_names_the_saved_texts_in_french(repo: Repo) -> None:
    save_texts(repo)
    with zipfile.ZipFile(io.BytesIO(data.export_file_zip(repo, "fr"))) as archive:
        header = archive.read("titres-infos.csv").decode("utf-8-sig").splitlines()[0]
    assert header == "Enregistré le;Titre ou Infos;Texte enregistré"


def previous_version_json(repo: Repo) -> bytes:
    """Return the profile's JSON export as the version before the saved texts wrote it."""
    document = json.loads(data.export_file_json(repo))
    document["schema"] = BEFORE
    del document["tables"]["profile_texts"]
    del document["counts"]["profile_texts"]
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def previous_version_zip(repo: Repo, lang: str) -> bytes:
    """Return the profile's zip export as the version before the saved texts wrote it."""
    with zipfile.ZipFile(io.BytesIO(data.export_file_zip(repo, lang))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    del files[file_name("profile_texts", lang)]
    manifest = files["manifest.csv"].decode("utf-8-sig").splitlines()
    separator = ";" if lang == "fr" else ","
    kept = [line for line in manifest if not line.startswith("rows.profile_texts")]
    kept = [f"schema{separator}{BEFORE}" if line.startswith("schema") else line for line in kept]
    files["manifest.csv"] = ("\ufeff" + "\r\n".join(kept) + "\r\n").encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize("form", ["json", "fr", "en"])
def test_an_export_of_the_previous_version_imports_and_keeps_the_saved_texts_already_there(
    repo: Repo, form: str
) -> None:
    save_reading(repo.engine, repo.profile_id, Reading(date(2025, 10, 15), 14.2, 10, 10, 10))
    old_file = previous_version_json(repo) if form == "json" else previous_version_zip(repo, form)
    elsewhere = Repo(repo.engine, add_profile(repo.engine, "elsewhere"))
    save_profile_text(elsewhere, TextKind.HEADLINE, HEADLINE, MOMENT)

    change = data.import_file(elsewhere, old_file)

    assert change.tables["readings"].added == 1
    assert change.tables["profile_texts"] == TableChange()
    assert [v.text for v in profile_texts(elsewhere).headline] == [HEADLINE]
