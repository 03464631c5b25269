"""The check-in form, its inline errors, the replace question and the saved summary."""

from __future__ import annotations

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
from ssi_coach.model import FIRST_SSI_DATE
from ssi_coach.records import ReadingSource
from ssi_coach.services.checkin import record_checkin, store_checkin
from ssi_coach.ssi_text import PARSER_VERSION, ParsedSsi, SsiTextError, parse_ssi_text
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, repo, safe_callback, tr, writing_callback

PREFIX = "checkin_"
OUTCOME = "checkin_outcome"
TOASTED = "checkin_toasted"
PASTE = "checkin_paste"
PASTED = "checkin_pasted"
PASTE_ERROR = "checkin_paste_error"
# A whole SSI page is a few thousand characters; this leaves room for menus copied along.
PASTE_MAX_CHARS = 30_000
# The date widget keeps one format in both languages: changing it would reset the typed date.
DATE_FORMAT = "DD/MM/YYYY"


def _values() -> dict[str, object]:
    return {field: st.session_state.get(PREFIX + field) for field in CHECKIN_FIELDS}


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
    if outcome.status in (CheckinStatus.SAVED, CheckinStatus.REPLACED):
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
        _settle(store_checkin(repo(), outcome.reading, True, source=_source()))


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
    st.subheader(tr("checkin.paste.title"))
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
                tr("checkin.paste.col.value"): parsed.industry_name,
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
    if outcome is None:
        return
    for error in outcome.errors:
        if error.field == field:
            st.error(error.message(lang()), icon=":material/error:")


def _text_field(field: str, outcome: CheckinOutcome | None, placeholder: str) -> None:
    st.text_input(
        tr(f"field.{field}"),
        key=PREFIX + field,
        placeholder=tr(placeholder),
        help=tr(f"checkin.help.{field}"),
        max_chars=12,
    )
    _field_error(outcome, field)


def checkin_form() -> None:
    """Render the check-in form with any errors next to their fields."""
    outcome: CheckinOutcome | None = st.session_state.get(OUTCOME)
    if outcome is not None and outcome.status != "invalid":
        outcome = None
    st.session_state.setdefault(PREFIX + "taken_on", date.today())
    with st.form("checkin_form", enter_to_submit=False):
        st.date_input(
            tr("field.taken_on"),
            key=PREFIX + "taken_on",
            min_value=FIRST_SSI_DATE,
            max_value=date.today(),
            format=DATE_FORMAT,
        )
        _field_error(outcome, "taken_on")
        st.markdown(f"**{tr('checkin.pillars')}**")
        left, right = st.columns(2)
        for index, field in enumerate(PILLAR_FIELDS):
            with left if index % 2 == 0 else right:
                _text_field(field, outcome, "checkin.placeholder.pillar")
        show_optional = _has_optional_error(outcome) or PASTED in st.session_state
        with st.expander(tr("checkin.optional"), expanded=show_optional):
            st.caption(tr("checkin.optional_help"))
            left, right = st.columns(2)
            for field in RANK_FIELDS:
                with left if field.startswith("industry") else right:
                    _text_field(field, outcome, "checkin.placeholder.rank")
            for field in AVERAGE_FIELDS:
                with left if field.startswith("industry") else right:
                    _text_field(field, outcome, "checkin.placeholder.average")
        st.form_submit_button(
            tr("checkin.submit"), key="checkin_submit", type="primary", on_click=_on_submit
        )
    if outcome is not None:
        st.error(tr("checkin.errors"), icon=":material/error:")


def _has_optional_error(outcome: CheckinOutcome | None) -> bool:
    return outcome is not None and any(
        e.field in RANK_FIELDS + AVERAGE_FIELDS for e in outcome.errors
    )


def checkin_result() -> None:
    """Render what happened to the last submitted check-in."""
    outcome: CheckinOutcome | None = st.session_state.get(OUTCOME)
    if outcome is None or outcome.status is CheckinStatus.INVALID:
        return
    current = lang()
    if outcome.status is CheckinStatus.KEPT:
        st.info(tr("checkin.kept"), icon=":material/info:")
        return
    if outcome.status is CheckinStatus.EXISTS:
        if outcome.reading is None or outcome.existing is None:
            return
        st.warning(
            tr(
                "checkin.exists",
                date=format_date(outcome.reading.taken_on, current),
                old_total=outcome.existing.total_shown,
                old_exact=format_number(outcome.existing.total, current),
                new_total=outcome.reading.total_shown,
                new_exact=format_number(outcome.reading.total, current),
            ),
            icon=":material/warning:",
        )
        left, right, _ = st.columns([1, 1, 2])
        left.button(tr("checkin.replace"), key="checkin_replace", on_click=_on_replace)
        right.button(tr("checkin.keep"), key="checkin_keep", on_click=_on_keep)
        return
    summary = outcome.summary
    if outcome.reading is None or summary is None:
        return
    message = "checkin.replaced" if outcome.status is CheckinStatus.REPLACED else "checkin.saved"
    st.success(
        tr(message, date=format_date(outcome.reading.taken_on, current)),
        icon=":material/check_circle:",
    )
    if st.session_state.get(TOASTED) is not outcome:
        st.toast(tr("checkin.toast"), icon=":material/check_circle:")
        st.session_state[TOASTED] = outcome
    shown, exact, change = st.columns(3)
    shown.metric(tr("checkin.total_shown"), summary.total_shown)
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
    if summary.too_soon:
        st.info(tr("checkin.too_soon", days=summary.days_since_previous), icon=":material/info:")
    nav.link(nav.PROGRESS, tr("checkin.see_progress"), ":material/monitoring:")
