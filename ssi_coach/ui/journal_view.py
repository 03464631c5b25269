"""The KPI journal: the monthly entry form, the replace question, and the months to correct."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from ssi_coach.i18n import Lang, format_count, plural_form
from ssi_coach.journal import (
    FORM_LANG,
    NUMBER_FIELDS,
    TABLE_COLUMNS,
    MissingMonths,
    StoredMonth,
    default_month,
    entry_form_values,
    entry_values,
    goal_fields,
    journal_lines,
    journal_months,
    month_label,
    other_fields,
)
from ssi_coach.model import Answers, Goal
from ssi_coach.records import EXTRA_FIELDS, KpiEntry
from ssi_coach.services import questionnaire
from ssi_coach.services.journal import (
    JournalOutcome,
    JournalStatus,
    delete_month,
    restore_month,
    save_month,
    submit_month,
)
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, load_kpis, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.kpi_view import set_viewed_month, viewed_month
from ssi_coach.ui.memo import session_memo

PREFIX = "journal_"
OUTCOME = "journal_outcome"
TOASTED = "journal_toasted"
# The user chose to save nothing after the month asked about was deleted meanwhile.
DROPPED = "journal_dropped"
# The month as the correction form was opened with it: only that one is overwritten.
FIX_SHOWN = "journal_fix_shown"
# Correcting a stored month happens in its own form, inside the month's row of the list.
FIX = "journal_fix_"
EDITING = "journal_editing"
FIX_OUTCOME = "journal_fix_outcome"
CONFIRMING = "journal_confirming"
DELETED = "journal_deleted"
UNDO = "journal_undo"
NOTICE = "journal_notice"
SHOW_OLDER = "journal_show_older"
# Half a year of months is shown at once (corrections are of recent months); older ones on
# demand, so years of use stay quick to draw.
RECENT_MONTHS = 6


@dataclass(frozen=True)
class DeletedCopy:
    """A deleted month kept in the session, so that the deletion can be undone."""

    entry: KpiEntry
    shown: bool = False  # its undo button has been drawn once


@dataclass(frozen=True)
class Notice:
    """A message about the months list, shown once above it."""

    kind: str  # "success", "info" or "warning"
    text: str


def _values(prefix: str, month: date | None) -> dict[str, object]:
    # The figures read as the language the form is shown in writes them.
    values: dict[str, object] = {"month": month, FORM_LANG: lang()}
    for field in NUMBER_FIELDS:
        values[field] = st.session_state.get(prefix + field)
    return values


def _form_month() -> date | None:
    chosen = st.session_state.get(PREFIX + "month")
    return None if chosen is None else date.fromisoformat(chosen)


@writing_callback
def _on_submit() -> None:
    month = _form_month()
    if month is not None:
        set_viewed_month(month)
    st.session_state[OUTCOME] = submit_month(repo(), _values(PREFIX, month), date.today())


@writing_callback
def _on_replace() -> None:
    outcome: JournalOutcome = st.session_state[OUTCOME]
    if outcome.entry is not None:
        # Only the month the user was shown is replaced; changed since, they decide again.
        shown = outcome.existing
        st.session_state[OUTCOME] = save_month(repo(), outcome.entry, replace=True, shown=shown)


@writing_callback
def _on_save_mine() -> None:
    outcome: JournalOutcome = st.session_state[OUTCOME]
    if outcome.entry is not None:
        st.session_state[OUTCOME] = save_month(repo(), outcome.entry, replace=False)


@safe_callback
def _on_drop() -> None:
    st.session_state.pop(OUTCOME, None)
    st.session_state[DROPPED] = True


@safe_callback
def _on_keep() -> None:
    st.session_state[OUTCOME] = JournalOutcome(JournalStatus.KEPT)


def _field_errors(outcome: JournalOutcome | None, field: str) -> None:
    if outcome is None:
        return
    for error in outcome.errors:
        if error.field == field:
            st.error(error.message(lang()), icon=":material/error:")


def _number_field(field: str, outcome: JournalOutcome | None, prefix: str) -> None:
    st.text_input(
        tr(f"field.{field}"),
        key=prefix + field,
        placeholder=tr(f"journal.placeholder.{field}"),
        help=tr(f"journal.help.{field}"),
        max_chars=15,
    )
    _field_errors(outcome, field)


def _field_grid(fields: tuple[str, ...], outcome: JournalOutcome | None, prefix: str) -> None:
    # One row per pair: an error under a field then only pushes down its own row.
    for start in range(0, len(fields), 2):
        for column, field in zip(st.columns(2), fields[start : start + 2], strict=False):
            with column:
                _number_field(field, outcome, prefix)
    if "engagements" in fields:
        st.caption(tr("journal.rate_note"))


def _figure_fields(goal: Goal | None, outcome: JournalOutcome | None, prefix: str) -> None:
    """Render the figures of a month: the goal's KPIs first, then the others, then audience."""
    first = goal_fields(goal)
    if first:
        st.markdown(f"**{tr('journal.section.goal')}**")
        _field_grid(first, outcome, prefix)
        st.markdown(f"**{tr('journal.section.others')}**")
    else:
        st.markdown(f"**{tr('journal.section.all')}**")
    _field_grid(other_fields(goal), outcome, prefix)
    audience = any(st.session_state.get(prefix + field) for field in EXTRA_FIELDS)
    audience_error = outcome is not None and any(e.field in EXTRA_FIELDS for e in outcome.errors)
    with st.expander(tr("journal.section.audience"), expanded=audience or audience_error):
        st.caption(tr("journal.audience_help"))
        _field_grid(EXTRA_FIELDS, outcome, prefix)


def goal_note(goal: Goal | None) -> None:
    """Say which goal sets the highlighted KPIs, or how to state one."""
    if goal is None:
        st.info(tr("journal.no_goal"), icon=":material/flag:")
        nav.link(nav.QUESTIONNAIRE, tr("journal.no_goal_link"), ":material/flag:")
        return
    st.caption(tr("journal.goal", goal=tr(f"goal.{goal.value}")))


def journal_form(goal: Goal | None, entries: list[KpiEntry], today: date) -> None:
    """Render the monthly entry form, the goal's KPIs first, errors under their fields."""
    outcome: JournalOutcome | None = st.session_state.get(OUTCOME)
    if outcome is not None and outcome.status not in ("invalid", "empty"):
        outcome = None
    current = lang()
    entered = {e.kpis.month for e in entries}
    options = [month.isoformat() for month in journal_months(today)]
    # The month looked at on the card is offered first; else the last month that is over.
    viewed = viewed_month()
    start = viewed if viewed is not None and viewed.isoformat() in options else None
    st.session_state.setdefault(PREFIX + "month", (start or default_month(today)).isoformat())
    if viewed is None:
        # The card sums up the month this form shows until the user picks another one.
        set_viewed_month(date.fromisoformat(st.session_state[PREFIX + "month"]))

    def month_option(code: str) -> str:
        month = date.fromisoformat(code)
        label = month_label(month, current)
        return tr("journal.month_entered", month=label) if month in entered else label

    with st.form("journal_form", enter_to_submit=False):
        st.selectbox(
            tr("field.month"),
            options=options,
            format_func=month_option,
            key=PREFIX + "month",
            help=tr("journal.month_help"),
        )
        _field_errors(outcome, "month")
        _figure_fields(goal, outcome, PREFIX)
        st.form_submit_button(
            tr("journal.submit"), key="journal_submit", type="primary", on_click=_on_submit
        )
    if outcome is not None:
        message = "journal.errors" if outcome.status is JournalStatus.INVALID else "journal.empty"
        st.error(tr(message), icon=":material/error:")


def _figures_text(entry: KpiEntry, current: Lang) -> str:
    values = entry_values(entry, current)
    shown = [
        tr("journal.figure", field=tr(f"journal.col.{field}"), value=values[field])
        for field in TABLE_COLUMNS
        if values[field]
    ]
    return tr("journal.figure_separator").join(shown)


def journal_result() -> None:
    """Render what happened to the last submitted month."""
    if st.session_state.pop(DROPPED, False):
        st.info(tr("sessions.dropped"), icon=":material/info:")
    outcome: JournalOutcome | None = st.session_state.get(OUTCOME)
    if outcome is None or outcome.status in (JournalStatus.INVALID, JournalStatus.EMPTY):
        return
    current = lang()
    if outcome.status is JournalStatus.KEPT:
        st.info(tr("journal.kept"), icon=":material/info:")
        return
    entry = outcome.entry
    if entry is None:
        return
    month = month_label(entry.kpis.month, current)
    if outcome.status is JournalStatus.UNCHANGED:
        st.info(tr("history.unchanged", month=month), icon=":material/info:")
        return
    if outcome.status is JournalStatus.CHANGED:
        _changed_question(outcome, entry, month)
        return
    if outcome.status is JournalStatus.EXISTS:
        if outcome.existing is None:
            return
        st.warning(
            tr(
                "journal.exists",
                month=month,
                old=_figures_text(outcome.existing, current),
                new=_figures_text(entry, current),
            ),
            icon=":material/warning:",
        )
        left, right, _ = st.columns([1, 1, 2])
        left.button(tr("journal.replace"), key="journal_replace", on_click=_on_replace)
        right.button(tr("journal.keep"), key="journal_keep", on_click=_on_keep)
        return
    message = "journal.replaced" if outcome.status is JournalStatus.REPLACED else "journal.saved"
    st.success(tr(message, month=month), icon=":material/check_circle:")
    if st.session_state.get(TOASTED) is not outcome:
        st.toast(tr("journal.toast"), icon=":material/check_circle:")
        st.session_state[TOASTED] = outcome
    rate = entry_values(entry, current)["engagement_rate"]
    if rate:
        st.caption(tr("journal.rate", month=month, rate=rate))


def _changed_question(outcome: JournalOutcome, entry: KpiEntry, month: str) -> None:
    """Say that the month asked about changed or went meanwhile, show it, and ask again."""
    current = lang()
    if outcome.existing is None:
        text = tr("sessions.journal.deleted", month=month, new=_figures_text(entry, current))
        st.warning(text, icon=":material/warning:")
        left, right, _ = st.columns([1, 1, 2])
        left.button(
            tr("sessions.journal.save_mine"), key="journal_save_mine", on_click=_on_save_mine
        )
        right.button(tr("sessions.drop"), key="journal_drop", on_click=_on_drop)
        return
    old = _figures_text(outcome.existing, current)
    text = tr("sessions.journal.changed", month=month, old=old, new=_figures_text(entry, current))
    st.warning(text, icon=":material/warning:")
    left, right, _ = st.columns([1, 1, 2])
    left.button(tr("journal.replace"), key="journal_replace", on_click=_on_replace)
    right.button(tr("journal.keep"), key="journal_keep", on_click=_on_keep)


# --- correcting and deleting a stored month ------------------------------------------------


def _notify(kind: str, key: str, month: date) -> None:
    st.session_state[NOTICE] = Notice(kind, tr(key, month=month_label(month, lang())))


@safe_callback
def _on_edit(entry: KpiEntry) -> None:
    month = entry.kpis.month
    st.session_state[EDITING] = month.isoformat()
    st.session_state[FIX_SHOWN] = entry
    st.session_state.pop(FIX_OUTCOME, None)
    st.session_state.pop(CONFIRMING, None)
    # The form opens with the month's figures, as stored.
    for field, value in entry_form_values(entry).items():
        st.session_state[FIX + field] = value
    set_viewed_month(month)


@safe_callback
def _on_cancel_edit() -> None:
    st.session_state.pop(EDITING, None)
    st.session_state.pop(FIX_OUTCOME, None)
    st.session_state.pop(FIX_SHOWN, None)


@writing_callback
def _on_save_fix(month: date) -> None:
    values = _values(FIX, month)
    shown: KpiEntry | None = st.session_state.get(FIX_SHOWN)
    outcome = submit_month(repo(), values, date.today(), replace=True, shown=shown)
    if outcome.status in (JournalStatus.INVALID, JournalStatus.EMPTY):
        st.session_state[FIX_OUTCOME] = outcome
        return
    if outcome.status is JournalStatus.CHANGED and outcome.existing is not None:
        # The form stays open with the user's figures; saving again replaces what they now see.
        st.session_state[FIX_SHOWN] = outcome.existing
        st.session_state[FIX_OUTCOME] = outcome
        return
    st.session_state.pop(EDITING, None)
    st.session_state.pop(FIX_OUTCOME, None)
    st.session_state.pop(FIX_SHOWN, None)
    if outcome.status is JournalStatus.CHANGED:
        # Deleted meanwhile: its row, and the form in it, are gone from the list.
        _notify("warning", "sessions.journal.fix_deleted", month)
        return
    key = "history.unchanged" if outcome.status is JournalStatus.UNCHANGED else "journal.replaced"
    _notify("info" if outcome.status is JournalStatus.UNCHANGED else "success", key, month)
    set_viewed_month(month)


@safe_callback
def _on_ask_delete(month: date) -> None:
    st.session_state[CONFIRMING] = month.isoformat()
    st.session_state.pop(EDITING, None)


@safe_callback
def _on_keep_month() -> None:
    st.session_state.pop(CONFIRMING, None)


@writing_callback
def _on_delete(month: date) -> None:
    st.session_state.pop(CONFIRMING, None)
    outcome = delete_month(repo(), month)
    if outcome.entry is None:
        _notify("info", "history.delete.missing", month)
        return
    # A copy stays in the session until the user leaves the page or confirms.
    st.session_state[DELETED] = DeletedCopy(outcome.entry)


@writing_callback
def _on_undo() -> None:
    copy: DeletedCopy | None = st.session_state.pop(DELETED, None)
    if copy is None:
        return
    month = copy.entry.kpis.month
    outcome = restore_month(repo(), copy.entry)
    if outcome.status is JournalStatus.RESTORED:
        _notify("success", "history.restored", month)
    else:
        _notify("warning", "history.restore_conflict", month)


@safe_callback
def _on_confirm_deletion() -> None:
    st.session_state.pop(DELETED, None)


def forget_deleted_after_leaving() -> None:
    """Drop the copy of a deleted month once the user has been on another page.

    Streamlit forgets the state of a widget that a run did not draw: when the undo button
    drawn on this page is gone from the session, another page ran in between.
    """
    copy: DeletedCopy | None = st.session_state.get(DELETED)
    if copy is not None and copy.shown and UNDO not in st.session_state:
        del st.session_state[DELETED]


def _undo_bar() -> None:
    copy: DeletedCopy | None = st.session_state.get(DELETED)
    if copy is None:
        return
    month = month_label(copy.entry.kpis.month, lang())
    with st.container(border=True, key="journal_deleted_bar"):
        st.info(tr("history.deleted", month=month), icon=":material/delete:")
        buttons = st.container(horizontal=True)
        buttons.button(
            tr("history.undo"), key=UNDO, icon=":material/undo:", type="primary", on_click=_on_undo
        )
        buttons.button(tr("history.undo_ok"), key="journal_undo_ok", on_click=_on_confirm_deletion)
    if not copy.shown:
        st.session_state[DELETED] = DeletedCopy(copy.entry, shown=True)


def _show_notice() -> None:
    notice: Notice | None = st.session_state.pop(NOTICE, None)
    if notice is None:
        return
    show = {"success": st.success, "warning": st.warning}.get(notice.kind, st.info)
    show(notice.text, icon=":material/info:" if notice.kind == "info" else None)


def _figures_markdown(line: StoredMonth) -> str:
    # Catalog labels and formatted numbers only: nothing the user typed as text. Each figure
    # keeps its label on its line (no-break spaces); the list wraps between figures only.
    return tr("history.figure_separator").join(
        tr("journal.figure", field=label, value=f"**{value}**").replace(" ", "\u00a0")
        for label, value in line.figures
    )


def _fix_form(entry: KpiEntry, goal: Goal | None) -> None:
    month = entry.kpis.month
    outcome: JournalOutcome | None = st.session_state.get(FIX_OUTCOME)
    with st.form("journal_fix_form", enter_to_submit=False, border=False):
        st.caption(tr("history.edit.caption", month=month_label(month, lang())))
        _figure_fields(goal, outcome, FIX)
        buttons = st.container(horizontal=True)
        buttons.form_submit_button(
            tr("history.edit.save"),
            key="journal_fix_save",
            type="primary",
            on_click=_on_save_fix,
            args=(month,),
        )
        buttons.form_submit_button(
            tr("history.edit.cancel"), key="journal_fix_cancel", on_click=_on_cancel_edit
        )
    if outcome is not None and outcome.status is JournalStatus.CHANGED:
        if outcome.existing is not None:
            current = lang()
            old = _figures_text(outcome.existing, current)
            label = month_label(month, current)
            text = tr("sessions.journal.fix_changed", month=label, old=old)
            st.warning(text, icon=":material/warning:")
    elif outcome is not None:
        message = (
            "journal.errors" if outcome.status is JournalStatus.INVALID else "history.edit.empty"
        )
        st.error(tr(message), icon=":material/error:")


def _confirm_delete(line: StoredMonth) -> None:
    figures = tr("journal.figure_separator").join(
        tr("journal.figure", field=label, value=value) for label, value in line.figures
    )
    st.warning(tr("history.delete.confirm", month=line.title, figures=figures))
    buttons = st.container(horizontal=True)
    buttons.button(
        tr("history.delete.yes"),
        key="journal_delete_yes",
        type="primary",
        icon=":material/delete:",
        on_click=_on_delete,
        args=(line.month,),
    )
    buttons.button(tr("history.delete.no"), key="journal_delete_no", on_click=_on_keep_month)


def _month_row(line: StoredMonth, entry: KpiEntry, goal: Goal | None) -> None:
    code = line.month.isoformat()
    editing = st.session_state.get(EDITING) == code
    with st.container(border=True, key=f"journal_row_{code}"):
        head = st.container(horizontal=True, vertical_alignment="center")
        head.markdown(f"**{line.title}**", width="stretch")
        if not editing:
            head.button(
                tr("history.edit"),
                key=f"journal_edit_{code}",
                icon=":material/edit:",
                type="tertiary",
                on_click=_on_edit,
                args=(entry,),
            )
            head.button(
                tr("history.delete"),
                key=f"journal_delete_{code}",
                icon=":material/delete:",
                type="tertiary",
                on_click=_on_ask_delete,
                args=(line.month,),
            )
            st.markdown(_figures_markdown(line))
        else:
            _fix_form(entry, goal)
        if st.session_state.get(CONFIRMING) == code:
            _confirm_delete(line)


def journal_history(entries: list[KpiEntry], goal: Goal | None) -> None:
    """Render the months entered so far, newest first, each one to correct or delete."""
    st.header(tr("journal.history.title"))
    forget_deleted_after_leaving()
    _show_notice()
    _undo_bar()
    if not entries:
        st.caption(tr("journal.history.empty"))
        return
    current = lang()
    st.caption(tr("history.list.caption"))
    lines = session_memo(
        "journal_lines",
        (tuple(entries), goal, current.value),
        lambda: journal_lines(entries, goal, current),
    )
    by_month = {entry.kpis.month: entry for entry in entries}
    older = max(0, len(entries) - RECENT_MONTHS)
    shown = 0
    for line in lines:
        if shown == RECENT_MONTHS and not st.session_state.get(SHOW_OLDER):
            break
        if isinstance(line, MissingMonths):
            st.caption(line.text)
            continue
        _month_row(line, by_month[line.month], goal)
        shown += 1
    if older:
        label = f"history.older.{plural_form(older, current)}"
        st.toggle(tr(label, count=format_count(older, current)), key=SHOW_OLDER)


def journal_entries() -> list[KpiEntry]:
    """Return the stored months of the current profile."""
    return load_kpis()


def goal_answers() -> Answers | None:
    """Return the latest questionnaire, whose goal orders the form."""
    return questionnaire.latest_answers(repo())
