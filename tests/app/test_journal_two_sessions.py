"""The journal page when another tab or device changed the month since it was shown."""

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, t
from ssi_coach.journal import default_month, month_label
from ssi_coach.model import KpiMonth
from ssi_coach.months import add_months
from ssi_coach.records import KpiEntry
from ssi_coach.services.journal import JournalOutcome, JournalStatus
from ssi_coach.store.kpis import delete_kpis, list_kpis, save_kpis
from ssi_coach.store.profiles import set_setting
from ssi_coach.ui.journal_view import OUTCOME

PAGE = "pages/journal.py"
MONTH = default_month(date.today())
LABEL = month_label(MONTH, "fr")
NNBSP = "\u202f"
STORED = KpiEntry(KpiMonth(MONTH, impressions=9000, engagements=90))
# What another session stores while this one is asked whether to replace STORED.
THEIRS = KpiEntry(KpiMonth(MONTH, impressions=10_500, engagements=120))
MINE = KpiEntry(KpiMonth(MONTH, impressions=12_400, engagements=372))

Opener = Callable[[str | None], AppTest]


def asked_to_replace(open_page: Opener, db: Engine, profile: int) -> AppTest:
    """Store a month, then submit other figures for it: the page asks to replace it."""
    save_kpis(db, profile, STORED)
    at = open_page(PAGE)
    at.text_input(key="journal_impressions").input("12 400")
    at.text_input(key="journal_engagements").input("372")
    at = at.button(key="journal_submit").click().run()
    assert at.button(key="journal_replace")
    return at


def starts(key: str) -> str:
    """Return the French message's words before its first figure, as the catalog words them."""
    return t(Lang.FR, key, month=LABEL, old="{old}", new="{new}").split("{")[0]


def test_a_month_changed_since_the_question_is_not_replaced_and_its_figures_are_shown(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_kpis(db, profile, THEIRS, replace=True)
    at = at.button(key="journal_replace").click().run()
    assert list_kpis(db, profile) == [THEIRS]
    warning = at.warning[0].value
    assert warning.startswith(starts("sessions.journal.changed"))
    # The newer stored figures, then the user's own.
    assert f"Impressions\u00a0: 10{NNBSP}500" in warning
    assert f"Impressions\u00a0: 12{NNBSP}400" in warning
    assert not at.success


def test_replacing_again_after_seeing_the_newer_month_replaces_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_kpis(db, profile, THEIRS, replace=True)
    at = at.button(key="journal_replace").click().run()
    at = at.button(key="journal_replace").click().run()
    assert list_kpis(db, profile) == [MINE]
    assert at.success[0].value == t(Lang.FR, "journal.replaced", month=LABEL)


def test_keeping_the_newer_month_changes_nothing(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    save_kpis(db, profile, THEIRS, replace=True)
    at = at.button(key="journal_replace").click().run()
    at = at.button(key="journal_keep").click().run()
    assert list_kpis(db, profile) == [THEIRS]


def test_a_month_deleted_since_the_question_is_not_saved_without_asking_again(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    delete_kpis(db, profile, MONTH)
    at = at.button(key="journal_replace").click().run()
    assert list_kpis(db, profile) == []
    assert at.warning[0].value.startswith(starts("sessions.journal.deleted"))
    at = at.button(key="journal_save_mine").click().run()
    assert list_kpis(db, profile) == [MINE]


def test_saving_nothing_after_a_deletion_says_so(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = asked_to_replace(open_page, db, profile)
    delete_kpis(db, profile, MONTH)
    at = at.button(key="journal_replace").click().run()
    at = at.button(key="journal_drop").click().run()
    assert list_kpis(db, profile) == []
    assert t(Lang.FR, "sessions.dropped") in [info.value for info in at.info]


def test_the_changed_month_is_explained_in_english(
    open_page: Opener, db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    # An earlier month than the picker's: AppTest formats the picker's choice outside the
    # page's run, in French, and fails on a French "(déjà saisi)" among English options.
    month = add_months(MONTH, -1)
    stored, mine, theirs = (
        replace(e, kpis=replace(e.kpis, month=month)) for e in (STORED, MINE, THEIRS)
    )
    save_kpis(db, profile, stored)
    at = open_page(PAGE)
    # The question as submitting these figures for that month leaves it.
    at.session_state[OUTCOME] = JournalOutcome(JournalStatus.EXISTS, mine, existing=stored)
    save_kpis(db, profile, theirs, replace=True)
    at = at.run().button(key="journal_replace").click().run()
    warning = at.warning[0].value
    label = month_label(month, "en")
    assert warning.startswith(f"The results of {label} were changed in the meantime")
    assert "Saved now: Impressions: 10,500" in warning
    assert list_kpis(db, profile) == [theirs]


# --- the correction form of a stored month ---------------------------------------------------


def corrected_while_changed(open_page: Opener, db: Engine, profile: int) -> AppTest:
    """Open the month's correction, let another session change it, then save 9,500."""
    save_kpis(db, profile, STORED)
    at = open_page(PAGE)
    at = at.button(key=f"journal_edit_{MONTH.isoformat()}").click().run()
    save_kpis(db, profile, THEIRS, replace=True)
    at.text_input(key="journal_fix_impressions").input("9 500")
    return at.button(key="journal_fix_save").click().run()


def test_a_correction_of_a_month_changed_meanwhile_is_not_saved(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = corrected_while_changed(open_page, db, profile)
    assert list_kpis(db, profile) == [THEIRS]
    warning = at.warning[0].value
    assert warning.startswith(starts("sessions.journal.fix_changed"))
    assert f"Impressions\u00a0: 10{NNBSP}500" in warning
    # The form stays open with the user's correction.
    assert at.text_input(key="journal_fix_impressions").value == "9 500"


def test_saving_the_correction_again_after_seeing_the_change_saves_it(
    open_page: Opener, db: Engine, profile: int
) -> None:
    at = corrected_while_changed(open_page, db, profile)
    at.button(key="journal_fix_save").click().run()
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(MONTH, 9500, 90))]


def test_a_correction_of_a_month_deleted_meanwhile_is_not_saved(
    open_page: Opener, db: Engine, profile: int
) -> None:
    save_kpis(db, profile, STORED)
    at = open_page(PAGE)
    at = at.button(key=f"journal_edit_{MONTH.isoformat()}").click().run()
    delete_kpis(db, profile, MONTH)
    at.text_input(key="journal_fix_impressions").input("9 500")
    at = at.button(key="journal_fix_save").click().run()
    assert list_kpis(db, profile) == []
    assert t(Lang.FR, "sessions.journal.fix_deleted", month=LABEL) in [w.value for w in at.warning]
