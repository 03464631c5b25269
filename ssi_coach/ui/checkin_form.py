"""The check-in form, its inline errors, the replace question and the saved summary.

The fields are shared with the correction form of the history (ui/checkin_history.py).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pandas as pd
import streamlit as st

from ssi_coach.checkin import (
    AVERAGE_FIELDS,
    CHECKIN_FIELDS,
    PILLAR_FIELDS,
    RANK_FIELDS,
    CheckinOutcome,
    CheckinStatus,
)
from ssi_coach.i18n import format_date, format_number, format_signed
from ssi_coach.model import Reading
from ssi_coach.records import ReadingSource
from ssi_coach.services.checkin import record_checkin, store_checkin
from ssi_coach.ssi_text import PARSER_VERSION, ParsedSsi, SsiTextError, parse_ssi_text
from ssi_coach.today import days_text
from ssi_coach.ui.context import lang, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.markdown import escape_markdown

PREFIX = "checkin_"
OUTCOME = "checkin_outcome"
PASTE = "checkin_paste"
PASTED = "checkin_pasted"
PASTE_ERROR = "checkin_paste_error"
# The user chose to save nothing after the reading asked about was deleted meanwhile.
DROPPED = "checkin_dropped"
# A whole SSI page is a few thousand characters; this leaves room for menus copied along.
PASTE_MAX_CHARS = 30_000
# The date widget keeps one format in both languages: changing it would reset the typed date.
DATE_FORMAT = "DD/MM/YYYY"
# The widget's own range is the widest it takes: a typed date outside its range is refused by
# the browser in English and the widget silently keeps its previous date. The core checks the
# real range (2014 to today) and names the field in the user's language.
WIDGET_FIRST_DATE = date(1, 1, 1)
WIDGET_LAST_DATE = date(9999, 12, 31)
# LinkedIn lists the pillars brand, people, insights, relationships; one row per pair keeps that
# order on screen, in the Tab order and once the columns stack on a phone.
PAIRS_PER_ROW = 2
SAVED_STATUSES = (CheckinStatus.SAVED, CheckinStatus.REPLACED)


def typed_values(prefix: str) -> dict[str, object]:
    """Return what the fields of one form hold."""
    return {field: st.session_state.get(prefix + field) for field in CHECKIN_FIELDS}


def _values() -> dict[str, object]:
    return typed_values(PREFIX)


def _source() -> ReadingSource | None:
    pasted: tuple[str, ParsedSsi] | None = st.session_state.get(PASTED)
    if pasted is None:
        return None
    text, parsed = pasted
    return ReadingSource(
        text=text, parser_version=PARSER_VERSION, industry_name=parsed.industry_name
    )


def _settle(outcome: CheckinOutcome) -> None:
    st.session_state[OUTCOME] = outcome
    if outcome.status in SAVED_STATUSES:
        # The paste has become a reading; a later check-in must not carry its text along.
        st.session_state.pop(PASTED, None)
        st.session_state[PASTE] = ""


@writing_callback
def _on_submit() -> None:
    _settle(record_checkin(repo(), _values(), source=_source()))


@writing_callback
def _on_replace() -> None:
    outcome: CheckinOutcome = st.session_state[OUTCOME]
    if outcome.reading is not None:
        # Only the reading the user was shown is replaced; changed since, they decide again.
        shown = outcome.existing
        _settle(store_checkin(repo(), outcome.reading, True, source=_source(), shown=shown))


@writing_callback
def _on_save_mine() -> None:
    outcome: CheckinOutcome = st.session_state[OUTCOME]
    if outcome.reading is not None:
        _settle(store_checkin(repo(), outcome.reading, source=_source()))


@safe_callback
def _on_drop() -> None:
    st.session_state.pop(OUTCOME, None)
    st.session_state[DROPPED] = True


@safe_callback
def _on_read_paste() -> None:
    text = st.session_state.get(PASTE) or ""
    st.session_state.pop(PASTE_ERROR, None)
    st.session_state.pop(OUTCOME, None)
    try:
        parsed = parse_ssi_text(text)
    except SsiTextError as error:
        st.session_state.pop(PASTED, None)
        st.session_state[PASTE_ERROR] = error
        return
    st.session_state[PASTED] = (text, parsed)
    current = lang()
    for field in CHECKIN_FIELDS[1:]:
        value = getattr(parsed, field)
        st.session_state[PREFIX + field] = "" if value is None else format_number(value, current)


def paste_section() -> None:
    """Render the paste area and, once read, what it found field by field."""
    st.header(tr("checkin.paste.title"))
    st.caption(tr("checkin.paste.how"))
    st.text_area(
        tr("checkin.paste.label"),
        key=PASTE,
        height=140,
        max_chars=PASTE_MAX_CHARS,
        placeholder=tr("checkin.paste.placeholder"),
    )
    st.button(tr("checkin.paste.read"), key="checkin_paste_read", on_click=_on_read_paste)
    error: SsiTextError | None = st.session_state.get(PASTE_ERROR)
    if error is not None:
        st.error(error.message(lang()), icon=":material/content_paste_off:")
    pasted: tuple[str, ParsedSsi] | None = st.session_state.get(PASTED)
    if pasted is not None:
        _paste_preview(pasted[1])


def _paste_preview(parsed: ParsedSsi) -> None:
    current = lang()
    rows = []
    for field in CHECKIN_FIELDS[1:]:
        value = getattr(parsed, field)
        shown = "—" if value is None else format_number(value, current)
        rows.append(
            {
                tr("checkin.paste.col.field"): tr(f"field.{field}"),
                tr("checkin.paste.col.value"): shown,
            }
        )
    if parsed.total_shown is not None:
        rows.append(
            {
                tr("checkin.paste.col.field"): tr("checkin.total_shown"),
                tr("checkin.paste.col.value"): str(parsed.total_shown),
            }
        )
    if parsed.industry_name:
        rows.append(
            {
                tr("checkin.paste.col.field"): tr("checkin.paste.industry"),
                # st.table renders its cells as Markdown: the pasted words, never a link.
                tr("checkin.paste.col.value"): escape_markdown(parsed.industry_name),
            }
        )
    st.success(tr("checkin.paste.found"), icon=":material/fact_check:")
    st.table(pd.DataFrame(rows).set_index(tr("checkin.paste.col.field")))
    for warning in parsed.warnings:
        st.warning(warning.message(current), icon=":material/warning:")


@safe_callback
def _on_keep() -> None:
    st.session_state[OUTCOME] = CheckinOutcome(status=CheckinStatus.KEPT)


def _field_error(outcome: CheckinOutcome | None, field: str) -> None:
    """Show the error of one field, right under it."""
    if outcome is None:
        return
    for error in outcome.errors:
        if error.field == field:
            st.error(error.message(lang()), icon=":material/error:")


def _text_field(prefix: str, field: str, outcome: CheckinOutcome | None, placeholder: str) -> None:
    st.text_input(
        tr(f"field.{field}"), key=prefix + field, placeholder=tr(placeholder), max_chars=12
    )
    # A caption, not a help tooltip: the tooltip's button is a Tab stop between two fields.
    st.caption(tr(f"checkin.help.{field}"))
    _field_error(outcome, field)


def _rows(
    prefix: str, fields: tuple[str, ...], outcome: CheckinOutcome | None, placeholder: str
) -> None:
    for start in range(0, len(fields), PAIRS_PER_ROW):
        row = fields[start : start + PAIRS_PER_ROW]
        for column, field in zip(st.columns(PAIRS_PER_ROW), row, strict=False):
            with column:
                _text_field(prefix, field, outcome, placeholder)


def reading_fields(prefix: str, outcome: CheckinOutcome | None, expand_optional: bool) -> None:
    """Render the fields of a reading, LinkedIn's order, each error under its field.

    Call inside a form; `outcome` is the form's last invalid outcome, if any.
    """
    st.date_input(
        tr("field.taken_on"),
        key=prefix + "taken_on",
        min_value=WIDGET_FIRST_DATE,
        max_value=WIDGET_LAST_DATE,
        format=DATE_FORMAT,
    )
    _field_error(outcome, "taken_on")
    st.markdown(f"**{tr('checkin.pillars')}**")
    _rows(prefix, PILLAR_FIELDS, outcome, "checkin.placeholder.pillar")
    expanded = expand_optional or has_optional_error(outcome)
    with st.expander(tr("checkin.optional"), expanded=expanded):
        st.caption(tr("checkin.optional_help"))
        _rows(prefix, RANK_FIELDS, outcome, "checkin.placeholder.rank")
        _rows(prefix, AVERAGE_FIELDS, outcome, "checkin.placeholder.average")


def invalid_outcome(outcome: CheckinOutcome | None) -> CheckinOutcome | None:
    """Return the outcome when it holds field errors to show, else None."""
    if outcome is None or outcome.status is not CheckinStatus.INVALID:
        return None
    return outcome


def checkin_form() -> None:
    """Render the check-in form with any errors next to their fields."""
    outcome = invalid_outcome(st.session_state.get(OUTCOME))
    st.session_state.setdefault(PREFIX + "taken_on", date.today())
    with st.form("checkin_form", enter_to_submit=False):
        reading_fields(PREFIX, outcome, expand_optional=PASTED in st.session_state)
        st.form_submit_button(
            tr("checkin.submit"), key="checkin_submit", type="primary", on_click=_on_submit
        )
    if outcome is not None:
        st.error(tr("checkin.errors"), icon=":material/error:")


def has_optional_error(outcome: CheckinOutcome | None) -> bool:
    """Tell whether a ranks or averages field is wrong: their section must then be open."""
    return outcome is not None and any(
        e.field in RANK_FIELDS + AVERAGE_FIELDS for e in outcome.errors
    )


def just_saved() -> bool:
    """Tell whether the page shows the confirmation of a reading it just saved."""
    outcome: CheckinOutcome | None = st.session_state.get(OUTCOME)
    return outcome is not None and outcome.status in SAVED_STATUSES


def replace_question(
    outcome: CheckinOutcome,
    on_replace: Callable[[], None],
    on_keep: Callable[[], None],
    key: str,
    question: str = "checkin.exists",
) -> None:
    """Ask whether a reading replaces the one stored on its date, showing what would change."""
    if outcome.reading is None or outcome.existing is None:
        return
    changes_warning(outcome, question)
    with st.container(horizontal=True):
        st.button(tr("checkin.replace"), key=f"{key}_replace", on_click=on_replace)
        st.button(tr("checkin.keep"), key=f"{key}_keep", on_click=on_keep)


def changes_warning(outcome: CheckinOutcome, message: str) -> None:
    """Warn with a message about the stored reading, then what the user's one would change."""
    if outcome.reading is None or outcome.existing is None:
        return
    current = lang()
    lines = [
        "- "
        + tr(
            "checkin_history.change_line",
            field=tr(f"field.{field}"),
            old=_shown(getattr(outcome.existing, field)),
            new=_shown(getattr(outcome.reading, field)),
        )
        for field in outcome.changes
    ]
    said = tr(message, date=format_date(outcome.existing.taken_on, current))
    st.warning("\n".join([said, "", *lines]), icon=":material/warning:")


def _changed_question(outcome: CheckinOutcome) -> None:
    """Say that the reading asked about changed or went meanwhile, show it, and ask again."""
    if outcome.existing is not None:
        replace_question(outcome, _on_replace, _on_keep, "checkin", "sessions.checkin.changed")
        return
    if outcome.reading is None:
        return
    day = format_date(outcome.reading.taken_on, lang())
    st.warning(tr("sessions.checkin.deleted", date=day), icon=":material/warning:")
    with st.container(horizontal=True):
        st.button(tr("sessions.checkin.save_mine"), key="checkin_save_mine", on_click=_on_save_mine)
        st.button(tr("sessions.drop"), key="checkin_drop", on_click=_on_drop)


def _shown(value: float | None) -> str:
    return "—" if value is None else format_number(value, lang())


def already_recorded(reading: Reading) -> None:
    """Say that the very reading submitted is already stored: nothing was written."""
    st.info(
        tr("checkin_history.unchanged", date=format_date(reading.taken_on, lang())),
        icon=":material/task_alt:",
    )


def checkin_result() -> None:
    """Render what happened to the last submitted check-in."""
    if st.session_state.pop(DROPPED, False):
        st.info(tr("sessions.dropped"), icon=":material/info:")
    outcome: CheckinOutcome | None = st.session_state.get(OUTCOME)
    if outcome is None or outcome.status is CheckinStatus.INVALID:
        return
    current = lang()
    if outcome.status is CheckinStatus.KEPT:
        st.info(tr("checkin.kept"), icon=":material/info:")
        return
    if outcome.status is CheckinStatus.EXISTS:
        replace_question(outcome, _on_replace, _on_keep, "checkin")
        return
    if outcome.status is CheckinStatus.CHANGED:
        _changed_question(outcome)
        return
    if outcome.status is CheckinStatus.UNCHANGED:
        if outcome.reading is not None:
            already_recorded(outcome.reading)
        return
    summary = outcome.summary
    if outcome.reading is None or summary is None:
        return
    message = "checkin.replaced" if outcome.status is CheckinStatus.REPLACED else "checkin.saved"
    st.success(
        tr(message, date=format_date(outcome.reading.taken_on, current)),
        icon=":material/check_circle:",
    )
    shown, exact, change = st.columns(3)
    # Only a pasted page tells what LinkedIn displayed; a typed total is our own rounding.
    total_label = "checkin.total_shown" if outcome.pasted else "checkin_history.total_rounded"
    shown.metric(tr(total_label), summary.total_shown)
    exact.metric(tr("checkin.total_exact"), format_number(summary.total, current))
    if summary.change is None or summary.previous is None:
        change.metric(tr("checkin.change"), "—")
        st.caption(tr("checkin.first"))
    else:
        change.metric(tr("checkin.change"), format_signed(summary.change, current))
        st.caption(
            tr(
                "checkin.change_detail",
                change=format_signed(summary.change, current),
                date=format_date(summary.previous.taken_on, current),
            )
        )
    if summary.too_soon and summary.days_since_previous is not None:
        days = days_text(summary.days_since_previous, current)
        st.info(tr("checkin.too_soon", days=days), icon=":material/info:")
