"""Edited drafts as records: what a draft may hold, and how exports carry them, old or new."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.model import InvalidInput, Reading
from ssi_coach.records import (
    DRAFT_CODES,
    DRAFT_TEXT_MAX,
    TABLES,
    DraftEdit,
    ProfileData,
    ReadingRecord,
)
from ssi_coach.transfer import TransferError, export_json, parse_import

# The store's revisions, oldest first (store.revisions.schema_revisions reads them from Alembic).
SCHEMAS = ("0001", "0002", "0003", "0004", "0005", "0006")
BEFORE_DRAFTS = "0005"
HEAD = SCHEMAS[-1]
POST = "Une astuce :\n\n\t1. lire ses posts ;\n\t2. commenter.\r\n« Et vous ? »"
SAMPLE = ProfileData(
    readings=(ReadingRecord(Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.948)),),
    drafts=(DraftEdit("share", POST), DraftEdit("headline.1", "J’aide les DAF")),
)

# Any text a user may type or paste: line breaks and tabs, but no other control character.
typed = st.text(
    st.characters(exclude_categories=("Cc", "Cs")) | st.sampled_from("\n\t\r"),
    min_size=1,
    max_size=DRAFT_TEXT_MAX,
).filter(str.strip)


# --- what a draft holds -----------------------------------------------------------------------


@given(st.sampled_from(DRAFT_CODES), typed)
def test_any_typed_text_up_to_the_limit_is_kept_exactly(code: str, text: str) -> None:
    assert DraftEdit(code, text).text == text


def test_a_text_one_character_over_the_limit_is_refused_with_the_limit() -> None:
    with pytest.raises(InvalidInput) as refused:
        DraftEdit("about", "x" * (DRAFT_TEXT_MAX + 1))
    assert refused.value.field == "text"
    assert refused.value.problem("fr") == "3000 caractères au maximum."


@pytest.mark.parametrize("blank", ["", " ", "\n\t "])
def test_a_blank_text_is_not_a_draft(blank: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        DraftEdit("about", blank)
    assert (refused.value.field, refused.value.code) == ("text", "required")


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f"])
def test_a_control_character_from_a_bad_paste_is_refused(character: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        DraftEdit("about", f"Bonjour{character}")
    assert refused.value.code == "control_characters"


def test_a_draft_the_plan_does_not_have_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        DraftEdit("headline.4", "Mon titre")
    assert refused.value.field == "code"


# --- exports ----------------------------------------------------------------------------------


def first(pair: tuple[str, str]) -> str:
    return pair[0]


def read(content: bytes) -> ProfileData:
    return parse_import(content, SCHEMAS, {})


@given(
    st.lists(st.tuples(st.sampled_from(DRAFT_CODES), typed), max_size=4, unique_by=lambda d: d[0])
)
def test_edited_drafts_read_back_from_a_json_export_as_written(
    edits: list[tuple[str, str]],
) -> None:
    data = ProfileData(drafts=tuple(DraftEdit(code, text) for code, text in edits))
    assert read(export_json(data, HEAD)) == data


def previous_json(**changes: object) -> bytes:
    """Return SAMPLE's JSON export as the version before drafts wrote it: no drafts table."""
    document = json.loads(export_json(SAMPLE, HEAD))
    del document["tables"]["drafts"]
    del document["counts"]["drafts"]
    document["schema"] = BEFORE_DRAFTS
    return json.dumps(document | changes).encode("utf-8")


def test_a_json_export_of_the_previous_version_imports_without_drafts() -> None:
    assert read(previous_json()) == ProfileData(readings=SAMPLE.readings)


def test_a_json_export_of_this_version_without_its_drafts_is_refused() -> None:
    with pytest.raises(TransferError) as refused:
        read(previous_json(schema=HEAD))
    assert refused.value.code == "missing_table"


def cell(value: object) -> str:
    """Return a value as the previous version wrote it in a CSV cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def previous_zip(schema: str = BEFORE_DRAFTS) -> bytes:
    """Return SAMPLE as the previous version zipped it: code names, and no drafts file."""
    tables = json.loads(export_json(SAMPLE, HEAD))["tables"]
    files = {
        "manifest.csv": [
            ["key", "value"],
            ["format", "ssi-coach-export"],
            ["format_version", "1"],
            ["schema", schema],
            *([f"rows.{name}", str(len(tables[name]))] for name in TABLES if name != "drafts"),
        ]
    }
    for name, spec in TABLES.items():
        if name != "drafts":
            rows = [[cell(row[column]) for column in spec.column_names] for row in tables[name]]
            files[f"{name}.csv"] = [list(spec.column_names), *rows]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in files.items():
            text = io.StringIO()
            csv.writer(text, lineterminator="\r\n").writerows(rows)
            archive.writestr(name, "\ufeff" + text.getvalue())
    return buffer.getvalue()


def test_a_zip_export_of_the_previous_version_imports_without_drafts() -> None:
    assert read(previous_zip()) == ProfileData(readings=SAMPLE.readings)


def test_a_zip_export_of_this_version_without_its_drafts_is_refused() -> None:
    with pytest.raises(TransferError) as refused:
        read(previous_zip(schema=HEAD))
    assert refused.value.code == "missing_file"


def test_an_imported_draft_longer_than_the_limit_is_refused_naming_its_record() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["drafts"][0]["text"] = "x" * (DRAFT_TEXT_MAX + 1)
    with pytest.raises(TransferError) as refused:
        read(json.dumps(document).encode())
    assert "3000 caractères au maximum" in refused.value.message("fr")


def test_an_imported_draft_of_an_unknown_code_is_refused() -> None:
    document = json.loads(export_json(SAMPLE, HEAD))
    document["tables"]["drafts"][0]["code"] = "headline.9"
    with pytest.raises(TransferError) as refused:
        read(json.dumps(document).encode())
    assert "headline.9" in refused.value.message("fr")
