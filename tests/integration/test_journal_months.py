"""Correcting the journal on SQLite and PostgreSQL: replace, leave alone, delete, restore."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine

from ssi_coach.model import KpiMonth
from ssi_coach.records import KpiEntry
from ssi_coach.services import journal
from ssi_coach.services.journal import JournalStatus
from ssi_coach.services.repo import open_default

SEPTEMBER = date(2026, 9, 1)
TODAY = date(2026, 11, 30)
ENTRY = KpiEntry(KpiMonth(SEPTEMBER, 1200, 30, 2, 1), followers=850, profile_views=40)
FORM = {"month": SEPTEMBER, "impressions": "1 200", "engagements": "30"}
FORM |= {"qualified_conversations": "2", "opportunities": "1"}
FORM |= {"followers": "850", "profile_views": "40"}


def test_a_correction_replaces_the_month_without_asking(engine: Engine) -> None:
    repo = open_default(engine)
    journal.save_month(repo, ENTRY, replace=False)
    outcome = journal.submit_month(repo, FORM | {"impressions": "1 500"}, TODAY, replace=True)
    assert outcome.status is JournalStatus.REPLACED
    assert [e.kpis.impressions for e in journal.list_months(repo)] == [1500]


def test_the_same_figures_again_are_already_recorded_and_nothing_is_written(
    engine: Engine,
) -> None:
    repo = open_default(engine)
    journal.save_month(repo, ENTRY, replace=False)
    stamp = journal.months_stamp(repo)
    for replace in (False, True):
        outcome = journal.submit_month(repo, FORM, TODAY, replace=replace)
        assert outcome.status is JournalStatus.UNCHANGED
    assert journal.months_stamp(repo) == stamp


def test_a_deleted_month_is_returned_whole_and_restored_as_it_was(engine: Engine) -> None:
    repo = open_default(engine)
    journal.save_month(repo, ENTRY, replace=False)
    deleted = journal.delete_month(repo, SEPTEMBER)
    assert (deleted.status, deleted.entry) == (JournalStatus.DELETED, ENTRY)
    assert journal.list_months(repo) == []
    assert journal.restore_month(repo, ENTRY).status is JournalStatus.RESTORED
    assert journal.list_months(repo) == [ENTRY]


def test_deleting_a_month_leaves_the_other_months(engine: Engine) -> None:
    repo = open_default(engine)
    october = KpiEntry(KpiMonth(date(2026, 10, 1), impressions=10))
    journal.save_month(repo, ENTRY, replace=False)
    journal.save_month(repo, october, replace=False)
    journal.delete_month(repo, SEPTEMBER)
    assert journal.list_months(repo) == [october]


def test_deleting_a_month_that_is_not_stored_says_so(engine: Engine) -> None:
    outcome = journal.delete_month(open_default(engine), SEPTEMBER)
    assert (outcome.status, outcome.entry) == (JournalStatus.MISSING, None)


def test_a_month_entered_again_after_deletion_is_not_overwritten_by_the_undo(
    engine: Engine,
) -> None:
    repo = open_default(engine)
    journal.save_month(repo, ENTRY, replace=False)
    journal.delete_month(repo, SEPTEMBER)
    again = KpiEntry(KpiMonth(SEPTEMBER, impressions=5))
    journal.save_month(repo, again, replace=False)
    assert journal.restore_month(repo, ENTRY).status is JournalStatus.EXISTS
    assert journal.list_months(repo) == [again]
