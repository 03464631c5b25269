"""The history of readings on the check-in page: the list, corrections, deletion and its undo."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd
import streamlit as st

from ssi_coach.checkin import CheckinOutcome, CheckinStatus, form_values
from ssi_coach.i18n import format_date, format_number
from ssi_coach.model import Pillar, Reading
from ssi_coach.services.checkin import (
    RemovedReading,
    edit_reading,
    remove_reading,
    restore_reading,
    store_edit,
)
from ssi_coach.ui.checkin_form import (
    OUTCOME,
    already_recorded,
    changes_warning,
    invalid_outcome,
    reading_fields,
    replace_question,
    typed_values,
)
from ssi_coach.ui.context import lang, load_readings, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.memo import session_memo

EDIT_PREFIX = "checkin_edit_"
EDITING = "checkin_history_editing"  # the date of the reading in the correction form
# The reading as the correction form showed it: only that one is overwritten.
EDIT_SHOWN = "checkin_history_edit_shown"
EDIT_OUTCOME = "checkin_history_edit_outcome"
PICK = "checkin_history_pick"
CONFIRM = "checkin_history_confirm"  # the date of the reading whose deletion awaits a yes
UNDO = "checkin_history_undo"
UNDO_BUTTON = "checkin_history_undo_button"
NOTICE = "checkin_history_notice"
_OPTIONAL = ("industry_rank", "network_rank", "industry_average", "network_average")
# What the correction form ends with: the form closes and the message stays below the list.
_CLOSING = (CheckinStatus.EDITED, CheckinStatus.UNCHANGED, CheckinStatus.MISSING)


@dataclass(frozen=True)
class _Undo:
    """A deleted reading kept in the session; `shown` once its undo button was on screen."""

    removed: RemovedReading
    shown: bool = False


@dataclass(frozen=True)
class _Notice:
    """What became of an undo, shown once."""

    taken_on: date
    restored: bool


# --- callbacks -----------------------------------------------------------------------------


def _forget_results(wrote: bool = False) -> None:
    for key in (EDIT_OUTCOME, NOTICE):
        st.session_state.pop(key, None)
    saved: CheckinOutcome | None = st.session_state.get(OUTCOME)
    if wrote and saved is not None and saved.status is not CheckinStatus.INVALID:
        # A summary or a question about a reading the history just changed would be stale;
        # the errors of what the user is typing in the form above still hold.
        st.session_state.pop(OUTCOME, None)


@safe_callback
def _on_edit(reading: Reading) -> None:
    _forget_results()
    st.session_state.pop(CONFIRM, None)
    for field, value in form_values(reading, lang()).items():
        st.session_state[EDIT_PREFIX + field] = value
    st.session_state[EDITING] = reading.taken_on
    st.session_state[EDIT_SHOWN] = reading


@safe_callback
def _on_cancel_edit() -> None:
    st.session_state.pop(EDITING, None)
    st.session_state.pop(EDIT_OUTCOME, None)


def _settle_edit(outcome: CheckinOutcome) -> None:
    _forget_results(wrote=True)
    st.session_state[EDIT_OUTCOME] = outcome
    if outcome.status in _CLOSING:
        st.session_state.pop(EDITING, None)
    changed = outcome.existing
    if outcome.status is CheckinStatus.CHANGED and changed and changed.taken_on == outcome.original:
        # Saving again now overwrites, knowingly, the reading the warning shows.
        st.session_state[EDIT_SHOWN] = changed
    if outcome.status is CheckinStatus.EDITED and outcome.reading is not None:
        # The list's choice follows the reading to its new date.
        st.session_state[PICK] = outcome.reading.taken_on.isoformat()


@writing_callback
def _on_save_edit() -> None:
    original: date | None = st.session_state.get(EDITING)
    if original is not None:
        shown = st.session_state.get(EDIT_SHOWN)
        _settle_edit(edit_reading(repo(), original, typed_values(EDIT_PREFIX), shown=shown))


@writing_callback
def _on_replace_edit() -> None:
    outcome: CheckinOutcome | None = st.session_state.get(EDIT_OUTCOME)
    if outcome is not None and outcome.reading is not None and outcome.original is not None:
        shown = st.session_state.get(EDIT_SHOWN)
        _settle_edit(
            store_edit(
                repo(),
                outcome.original,
                outcome.reading,
                replace=True,
                shown=shown,
                occupant=outcome.existing,
            )
        )


@safe_callback
def _on_keep_edit() -> None:
    outcome: CheckinOutcome | None = st.session_state.get(EDIT_OUTCOME)
    original = None if outcome is None else outcome.original
    st.session_state[EDIT_OUTCOME] = CheckinOutcome(status=CheckinStatus.KEPT, original=original)


@safe_callback
def _on_ask_delete(taken_on: date) -> None:
    _forget_results()
    st.session_state.pop(EDITING, None)
    st.session_state[CONFIRM] = taken_on


@safe_callback
def _on_cancel_delete() -> None:
    st.session_state.pop(CONFIRM, None)


@writing_callback
def _on_delete(taken_on: date) -> None:
    st.session_state.pop(CONFIRM, None)
    _forget_results(wrote=True)
    removed = remove_reading(repo(), taken_on)
    # A later deletion takes the place of an earlier one: only the last can be undone.
    st.session_state.pop(UNDO, None)
    if removed is not None:
        st.session_state[UNDO] = _Undo(removed)


@writing_callback
def _on_undo() -> None:
    pending: _Undo | None = st.session_state.pop(UNDO, None)
    if pending is None:
        return
    _forget_results(wrote=True)
    restored = restore_reading(repo(), pending.removed)
    st.session_state[NOTICE] = _Notice(restored.taken_on, restored.done)
    if restored.done:
        st.session_state[PICK] = restored.taken_on.isoformat()


@safe_callback
def _on_forget_undo() -> None:
    st.session_state.pop(UNDO, None)


# --- rendering -----------------------------------------------------------------------------


def _undo_notice() -> None:
    """Offer to undo the last deletion, until the user confirms it or leaves the page."""
    pending: _Undo | None = st.session_state.get(UNDO)
    if pending is None:
        return
    if pending.shown and UNDO_BUTTON not in st.session_state:
        # Streamlit forgets a widget that a run did not draw: the undo button of the last run
        # is gone, so another page ran in between and the deletion now stands.
        st.session_state.pop(UNDO, None)
        return
    st.session_state[UNDO] = replace(pending, shown=True)
    day = format_date(pending.removed.record.reading.taken_on, lang())
    st.info(tr("checkin_history.deleted", date=day), icon=":material/delete:")
    with st.container(horizontal=True):
        st.button(
            tr("checkin_history.undo"),
            key=UNDO_BUTTON,
            icon=":material/undo:",
            type="primary",
            on_click=_on_undo,
        )
        st.button(
            tr("checkin_history.forget"), key="checkin_history_forget", on_click=_on_forget_undo
        )


def _notice() -> None:
    notice: _Notice | None = st.session_state.pop(NOTICE, None)
    if notice is None:
        return
    day = format_date(notice.taken_on, lang())
    if notice.restored:
        st.success(tr("checkin_history.restored", date=day), icon=":material/undo:")
    else:
        st.error(tr("checkin_history.restore_blocked", date=day), icon=":material/error:")


def _table(newest_first: tuple[Reading, ...]) -> pd.DataFrame:
    """Return the list of readings as shown: dates and figures written for the language."""
    current = lang()
    columns = [tr("checkin_history.col.date"), tr("checkin_history.col.total")]
    columns += [tr(f"pillar.short.{pillar.value}") for pillar in Pillar]
    rows = [
        [
            format_date(reading.taken_on, current),
            str(reading.total_shown),
            *(format_number(reading.score(pillar), current) for pillar in Pillar),
        ]
        for reading in newest_first
    ]
    return pd.DataFrame(rows, columns=columns)


def _pick(by_iso: dict[str, Reading]) -> Reading:
    """Render the choice of a reading to correct or delete; return the chosen one."""
    options = list(by_iso)
    if st.session_state.get(PICK) not in by_iso:
        st.session_state[PICK] = options[0]
    current = lang()

    def label(iso: str) -> str:
        # The date alone: the browser keeps showing an option's old label after a correction
        # changes its score, and a date never changes under its own option.
        return format_date(date.fromisoformat(iso), current)

    chosen: str = st.selectbox(
        tr("checkin_history.pick"), options=options, format_func=label, key=PICK
    )
    return by_iso[chosen]


def _actions(reading: Reading) -> None:
    with st.container(horizontal=True):
        st.button(
            tr("checkin_history.edit"),
            key="checkin_history_edit",
            icon=":material/edit:",
            on_click=_on_edit,
            args=(reading,),
        )
        st.button(
            tr("checkin_history.delete"),
            key="checkin_history_delete",
            icon=":material/delete:",
            on_click=_on_ask_delete,
            args=(reading.taken_on,),
        )


def _confirm_delete(by_date: dict[date, Reading]) -> None:
    taken_on: date | None = st.session_state.get(CONFIRM)
    reading = None if taken_on is None else by_date.get(taken_on)
    if reading is None:
        return
    day = format_date(reading.taken_on, lang())
    st.warning(
        tr("checkin_history.confirm", date=day, total=reading.total_shown),
        icon=":material/delete:",
    )
    with st.container(horizontal=True):
        st.button(
            tr("checkin_history.confirm_yes"),
            key="checkin_history_delete_yes",
            type="primary",
            on_click=_on_delete,
            args=(reading.taken_on,),
        )
        st.button(
            tr("checkin_history.confirm_no"),
            key="checkin_history_delete_no",
            on_click=_on_cancel_delete,
        )


def _edit_form(original: date) -> None:
    outcome = invalid_outcome(st.session_state.get(EDIT_OUTCOME))
    current = lang()
    st.markdown(f"**{tr('checkin_history.editing', date=format_date(original, current))}**")
    optional = any(st.session_state.get(EDIT_PREFIX + field) for field in _OPTIONAL)
    with st.form("checkin_edit_form", enter_to_submit=False):
        reading_fields(EDIT_PREFIX, outcome, expand_optional=optional)
        with st.container(horizontal=True):
            st.form_submit_button(
                tr("checkin_history.save_edit"),
                key="checkin_edit_submit",
                type="primary",
                on_click=_on_save_edit,
            )
            st.form_submit_button(
                tr("checkin_history.cancel_edit"),
                key="checkin_edit_cancel",
                on_click=_on_cancel_edit,
            )
    if outcome is not None:
        st.error(tr("checkin.errors"), icon=":material/error:")


def _edit_result() -> None:
    outcome: CheckinOutcome | None = st.session_state.get(EDIT_OUTCOME)
    if outcome is None or outcome.status is CheckinStatus.INVALID:
        return
    current = lang()
    if outcome.status is CheckinStatus.EXISTS:
        replace_question(outcome, _on_replace_edit, _on_keep_edit, "checkin_edit")
    elif outcome.status is CheckinStatus.CHANGED and outcome.existing is not None:
        if outcome.existing.taken_on == outcome.original:
            changes_warning(outcome, "sessions.history.changed")
        else:
            question = "sessions.checkin.changed"
            replace_question(outcome, _on_replace_edit, _on_keep_edit, "checkin_edit", question)
    elif outcome.status is CheckinStatus.KEPT:
        st.info(tr("checkin.kept"), icon=":material/info:")
    elif outcome.status is CheckinStatus.UNCHANGED and outcome.reading is not None:
        already_recorded(outcome.reading)
    elif outcome.status is CheckinStatus.MISSING and outcome.original is not None:
        day = format_date(outcome.original, current)
        st.error(tr("checkin_history.missing", date=day), icon=":material/error:")
    elif outcome.status is CheckinStatus.EDITED and outcome.reading is not None:
        new_day = format_date(outcome.reading.taken_on, current)
        if outcome.original is not None and outcome.original != outcome.reading.taken_on:
            old_day = format_date(outcome.original, current)
            message = tr("checkin_history.moved", old=old_day, new=new_day)
        else:
            message = tr("checkin_history.edited", date=new_day)
        st.success(message, icon=":material/check_circle:")


def checkin_history() -> None:
    """Render the readings, newest first, each one open to a correction or a deletion."""
    st.header(tr("checkin_history.title"))
    _undo_notice()
    _notice()
    readings = load_readings()
    if not readings:
        st.caption(tr("checkin_history.empty"))
        return
    newest = tuple(reversed(readings))
    table = session_memo("checkin_history", (lang(), newest), lambda: _table(newest))
    st.dataframe(table, hide_index=True)
    by_iso = {reading.taken_on.isoformat(): reading for reading in newest}
    chosen = _pick(by_iso)
    _actions(chosen)
    _confirm_delete({reading.taken_on: reading for reading in newest})
    original: date | None = st.session_state.get(EDITING)
    if original is not None:
        _edit_form(original)
    _edit_result()
