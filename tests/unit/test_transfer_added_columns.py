"""Files written before the answers gained job titles, company kind and profile language."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime

import pytest

from ssi_coach.i18n import Lang
from ssi_coach.model import Answers, Goal, Role
from ssi_coach.records import AnswersRecord, ProfileData, Setting
from ssi_coach.transfer import (
    TransferError,
    column_label,
    export_json,
    export_zip,
    file_name,
    header_table,
    parse_import,
)
from tests.unit.test_transfer import TEXT_LIMITS

SCHEMAS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007")
HEAD, BEFORE = "0007", "0006"
ADDED = ("titles", "company_kind", "profile_lang")
LANGS = [lang.value for lang in Lang]
NEW = Answers(
    Goal.PROSPECTING,
    Role.FREELANCE,
    False,
    20,
    target="les DAF de PME industrielles",
    sector="Industrie manufacturière",
    titles="DAF, Directeur administratif et financier",
    company_kind="PME",
    profile_lang="en",
)
# What the same answers read as from a file that has no room for the new ones.
AS_BEFORE = Answers(
    NEW.goal, NEW.role, False, 20, target=NEW.target, sector=NEW.sector, profile_lang="fr"
)
MOMENT = datetime(2025, 1, 2, 9, 30)


def profile(lang: str | None = None, answers: Answers = NEW) -> ProfileData:
    """Return a profile with one questionnaire and, if given, an interface language."""
    settings = () if lang is None else (Setting("lang", lang),)
    return ProfileData(answers=(AnswersRecord(MOMENT, answers),), settings=settings)


def without_added(content: bytes, separator: str) -> bytes:
    """Return a CSV file without the columns added in 0007, as the version before wrote it."""
    text = io.StringIO(content.decode("utf-8-sig"), newline="")
    rows = list(csv.reader(text, delimiter=separator))
    added = {column_label("answers", column, lang) for column in ADDED for lang in Lang}
    keep = [i for i, title in enumerate(rows[0]) if title not in added]
    assert len(keep) == len(rows[0]) - len(ADDED)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerows([[row[i] for i in keep] for row in rows])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def old_zip(data: ProfileData, lang: str, schema: str = BEFORE) -> bytes:
    """Return a zip export whose questionnaires file lacks the added columns."""
    with zipfile.ZipFile(io.BytesIO(export_zip(data, HEAD, lang))) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    separator = ";" if lang == "fr" else ","
    answers = file_name("answers", lang)
    files[answers] = without_added(files[answers], separator)
    files["manifest.csv"] = files["manifest.csv"].replace(HEAD.encode(), schema.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def old_json(data: ProfileData, schema: str = BEFORE) -> bytes:
    """Return a JSON export whose questionnaires lack the added columns."""
    document = json.loads(export_json(data, HEAD))
    document["schema"] = schema
    for row in document["tables"]["answers"]:
        for column in ADDED:
            del row[column]
    return json.dumps(document).encode("utf-8")


def old_csv(lang: str) -> bytes:
    """Return the questionnaires file alone, as the version before exported it."""
    with zipfile.ZipFile(io.BytesIO(export_zip(profile(), HEAD, lang))) as archive:
        content = archive.read(file_name("answers", lang))
    return without_added(content, ";" if lang == "fr" else ",")


def read(content: bytes, name: str = "") -> tuple[Answers, ...]:
    """Return the answers a file holds."""
    data = parse_import(content, SCHEMAS, TEXT_LIMITS, name)
    return tuple(record.answers for record in data.answers)


def test_the_exports_carry_the_added_columns_after_the_others() -> None:
    document = json.loads(export_json(profile(), HEAD))
    assert list(document["tables"]["answers"][0])[-3:] == list(ADDED)


@pytest.mark.parametrize("lang", LANGS)
def test_a_questionnaires_csv_of_the_previous_version_imports_alone_with_the_defaults(
    lang: str,
) -> None:
    assert read(old_csv(lang), file_name("answers", lang)) == (AS_BEFORE,)


@pytest.mark.parametrize("lang", LANGS)
def test_the_titles_of_the_previous_questionnaires_csv_still_name_its_table(lang: str) -> None:
    separator = ";" if lang == "fr" else ","
    header = old_csv(lang).decode("utf-8-sig").splitlines()[0].split(separator)
    assert header_table(header) == "answers"


@pytest.mark.parametrize("lang", LANGS)
def test_a_zip_of_the_previous_version_imports_with_empty_titles_and_company(lang: str) -> None:
    assert read(old_zip(profile("fr"), lang)) == (AS_BEFORE,)


@pytest.mark.parametrize(("setting", "profile_lang"), [("en", "en"), ("fr", "fr"), (None, "fr")])
def test_an_earlier_zip_gives_its_answers_the_interface_language_it_was_using(
    setting: str | None, profile_lang: str
) -> None:
    (answers,) = read(old_zip(profile(setting), "fr"))
    assert answers.profile_lang == profile_lang


@pytest.mark.parametrize(("setting", "profile_lang"), [("en", "en"), ("fr", "fr"), (None, "fr")])
def test_an_earlier_json_file_gives_its_answers_the_interface_language_it_was_using(
    setting: str | None, profile_lang: str
) -> None:
    (answers,) = read(old_json(profile(setting)))
    assert (answers.titles, answers.company_kind, answers.profile_lang) == ("", "", profile_lang)


def test_a_zip_of_the_current_schema_without_the_titles_is_refused() -> None:
    with pytest.raises(TransferError) as refused:
        read(old_zip(profile("fr"), "fr", schema=HEAD))
    assert refused.value.message("fr").startswith("questionnaires.csv")
    assert "Intitulés de poste recherchés" in refused.value.message("fr")


def test_a_json_file_of_the_current_schema_without_the_titles_is_refused() -> None:
    with pytest.raises(TransferError) as refused:
        read(old_json(profile("fr"), schema=HEAD))
    assert "Intitulés de poste recherchés" in refused.value.message("fr")


def test_an_export_of_the_current_schema_keeps_the_new_answers() -> None:
    assert read(export_zip(profile("fr"), HEAD, "fr")) == (NEW,)


def test_an_unknown_profile_language_in_a_file_is_refused_with_the_languages_offered() -> None:
    content = export_json(profile("fr"), HEAD).replace(
        b'"profile_lang": "en"', b'"profile_lang": "de"'
    )
    with pytest.raises(TransferError) as refused:
        read(content)
    assert "fr, en" in refused.value.message("en")
