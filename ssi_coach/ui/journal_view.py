"""The KPI journal: the monthly entry form, the replace question, and the past months."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ssi_coach.i18n import Lang
from ssi_coach.journal import (
    NUMBER_FIELDS,
    TABLE_COLUMNS,
    default_month,
    entry_values,
    goal_fields,
    journal_months,
    journal_table,
    month_label,
    other_fields,
)
from ssi_coach.model import Answers, Goal
from ssi_coach.records import EXTRA_FIELDS, KpiEntry
from ssi_coach.services import questionnaire
from ssi_coach.services.journal import JournalOutcome, JournalStatus, save_month, submit_month
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, load_kpis, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.memo import session_memo

PREFIX = "journal_"
OUTCOME = "journal_outcome"
TOASTED = "journal_toasted"


def _values() -> dict[str, object]:
    chosen = st.session_state.get(PREFIX + "month")
    values: dict[str, object] = {"month": None if chosen is None else date.fromisoformat(chosen)}
    for field in NUMBER_FIELDS:
        values[field] = st.session_state.get(PREFIX + field)
    return values


@writing_callback
def _on_submit() -> None:
    st.session_state[OUTCOME] = submit_month(repo(), _values(), date.today())


@writing_callback
def _on_replace() -> None:
    outcome: JournalOutcome = st.session_state[OUTCOME]
    if outcome.entry is not None:
        st.session_state[OUTCOME] = save_month(repo(), outcome.entry, replace=True)


@safe_callback
def _on_keep() -> None:
    st.session_state[OUTCOME] = JournalOutcome(JournalStatus.KEPT)


def _field_errors(outcome: JournalOutcome | None, field: str) -> None:
    if outcome is None:
        return
    for error in outcome.errors:
        if error.field == field:
            st.error(error.message(lang()), icon=":material/error:")


def _number_field(field: str, outcome: JournalOutcome | None) -> None:
    st.text_input(
        tr(f"field.{field}"),
        key=PREFIX + field,
        placeholder=tr(f"journal.placeholder.{field}"),
        help=tr(f"journal.help.{field}"),
        max_chars=15,
    )
    _field_errors(outcome, field)


def _field_grid(fields: tuple[str, ...], outcome: JournalOutcome | None) -> None:
    # One row per pair: an error under a field then only pushes down its own row.
    for start in range(0, len(fields), 2):
        for column, field in zip(st.columns(2), fields[start : start + 2], strict=False):
            with column:
                _number_field(field, outcome)
    if "engagements" in fields:
        st.caption(tr("journal.rate_note"))


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
    st.session_state.setdefault(PREFIX + "month", default_month(today).isoformat())

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
        first = goal_fields(goal)
        if first:
            st.markdown(f"**{tr('journal.section.goal')}**")
            _field_grid(first, outcome)
            st.markdown(f"**{tr('journal.section.others')}**")
        else:
            st.markdown(f"**{tr('journal.section.all')}**")
        _field_grid(other_fields(goal), outcome)
        audience_error = outcome is not None and any(
            e.field in EXTRA_FIELDS for e in outcome.errors
        )
        with st.expander(tr("journal.section.audience"), expanded=audience_error):
            st.caption(tr("journal.audience_help"))
            _field_grid(EXTRA_FIELDS, outcome)
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


def journal_history(entries: list[KpiEntry]) -> None:
    """Render the months entered so far, newest first, with the computed engagement rate."""
    st.subheader(tr("journal.history.title"))
    if not entries:
        st.caption(tr("journal.history.empty"))
        return
    current = lang()
    table = session_memo(
        "journal_table", (tuple(entries), current.value), lambda: journal_table(entries, current)
    )
    st.dataframe(table, hide_index=True, key="journal_table")


def journal_entries() -> list[KpiEntry]:
    """Return the stored months of the current profile."""
    return load_kpis()


def goal_answers() -> Answers | None:
    """Return the latest questionnaire, whose goal orders the form."""
    return questionnaire.latest_answers(repo())
