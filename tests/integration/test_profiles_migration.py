"""Revision 0009 (profiles.last_used_at, identities) keeps every row, up and back down."""

from __future__ import annotations

from sqlalchemy import Engine

from ssi_coach.store.lifecycle import migrate
from tests.integration.test_answers_migration import at_revision, downgrade, every_row, opened

BEFORE = "0008"
__all__ = ["opened"]


def kept_columns(
    before: dict[str, list[dict[str, object]]], after: dict[str, list[dict[str, object]]]
) -> dict[str, list[dict[str, object]]]:
    """Return the rows after, with only the columns each table had before."""
    return {
        name: [{column: row[column] for column in rows[0]} for row in after[name]] if rows else []
        for name, rows in before.items()
    }


def test_migrating_to_several_profiles_keeps_every_row_and_adds_no_identity(
    url: str, opened: list[Engine]
) -> None:
    engine = at_revision(url, BEFORE, opened)
    before = every_row(engine)
    assert all(before[name] for name in ("profiles", "readings", "answers", "kpi_months"))
    migrate(engine)
    after = every_row(engine)
    assert kept_columns(before, after) == before
    assert after["identities"] == []
    assert {row["last_used_at"] for row in after["profiles"]} == {None}


def test_going_back_before_several_profiles_keeps_every_row_of_every_table(
    url: str, opened: list[Engine]
) -> None:
    # Every table refers to profiles with ON DELETE CASCADE: copying and dropping the profiles
    # table to remove a column would empty them all.
    engine = at_revision(url, BEFORE, opened)
    before = every_row(engine)
    migrate(engine)
    downgrade(engine, BEFORE)
    assert every_row(engine) == before
