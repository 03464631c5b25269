"""The goal questionnaire, its inline errors, the headline preview, the confirmation, the history.

The questions are not in an st.form: a form sends its values only on submit, and the headline
preview follows the answers as they are typed. A text input sends its value when the user
presses Enter or leaves the field, which is as live as Streamlit gets. Nothing is saved before
the submit button.
"""

from __future__ import annotations

import streamlit as st

from ssi_coach.drafts import Draft
from ssi_coach.i18n import Lang, format_count, t
from ssi_coach.model import MINUTES_MAX, MINUTES_MIN, PROFILE_LANGUAGES, Goal, Role, answer_limit
from ssi_coach.questionnaire import (
    CONVERTING_CHOICES,
    MINUTES_STEP,
    PROFILE_LANG_LABEL,
    QUESTIONNAIRE_FIELDS,
    TEXT_FIELDS,
    form_values,
    format_moment,
    history_rows,
    local_moment,
)
from ssi_coach.services.questionnaire import (
    QuestionnaireOutcome,
    QuestionnaireStatus,
    answers_history,
    latest_answers,
    preview_headline,
    submit_questionnaire,
)
from ssi_coach.services.today import onboarding_target
from ssi_coach.ui.context import lang, repo, role, tr, writing_callback
from ssi_coach.ui.markdown import escape_markdown
from ssi_coach.ui.today_view import next_step

PREFIX = "questionnaire_"
# The language the choices were last written in as codes (see _prefill).
CHOICES_LANG = "questionnaire_choices_lang"
# Not "questionnaire_outcome": that is the key of the "outcome" answer.
OUTCOME = "questionnaire_submitted"
# The values the last submit sent: an error stays under its field until the field changes,
# and a confirmation until any field does.
SUBMITTED = "questionnaire_submitted_values"


# The choice fields, with the catalog prefix of their labels and their codes.
CHOICES = {
    "goal": ("goal", tuple(g.value for g in Goal)),
    "role": ("role", tuple(r.value for r in Role)),
    "already_converting": ("questionnaire.converting", tuple(CONVERTING_CHOICES)),
    "profile_lang": (PROFILE_LANG_LABEL, PROFILE_LANGUAGES),
}


def _as_code(field: str, value: object) -> object:
    """Return the code behind a choice sent back as a label of either language.

    Streamlit sends a choice back as its shown label. A choice made before a language switch
    but not yet submitted comes back as the other language's label, which no code matches.
    """
    prefix, codes = CHOICES[field]
    if value in codes:
        return value
    for language in Lang:
        for code in codes:
            if value == t(language, f"{prefix}.{code}"):
                return code
    return value


def _values() -> dict[str, object]:
    values = {field: st.session_state.get(PREFIX + field) for field in QUESTIONNAIRE_FIELDS}
    return values | {field: _as_code(field, values[field]) for field in CHOICES}


@writing_callback
def _on_submit() -> None:
    values = _values()
    st.session_state[SUBMITTED] = values
    st.session_state[OUTCOME] = submit_questionnaire(repo(), values)


def _changed_since_submit(field: str | None = None) -> bool:
    """Tell whether a field, or any field, holds another value than the last submit sent."""
    sent = st.session_state.get(SUBMITTED)
    if sent is None:
        return False
    now = _values()
    fields = QUESTIONNAIRE_FIELDS if field is None else (field,)
    return any(now[name] != sent.get(name) for name in fields)


def _prefill() -> None:
    """Fill the widgets from the database when they have no state of their own yet."""
    values = form_values(latest_answers(repo()), role(), lang())
    for field, value in values.items():
        st.session_state.setdefault(PREFIX + field, value)
    # Re-assert each choice as its code after a language switch: Streamlit would otherwise
    # match the label shown before against the new labels, find nothing and reset the choice.
    # Only then: a value the script sets overrides a choice the user clicked while this run
    # was under way (a second radio button picked right after the first).
    if st.session_state.get(CHOICES_LANG) == lang().value:
        return
    st.session_state[CHOICES_LANG] = lang().value
    for field in CHOICES:
        key = PREFIX + field
        if key in st.session_state:
            st.session_state[key] = _as_code(field, st.session_state[key])


def _open_errors(outcome: QuestionnaireOutcome | None) -> list[str]:
    """Return the fields whose error from the last submit still holds: they did not change."""
    if outcome is None:
        return []
    return [e.field for e in outcome.errors if not _changed_since_submit(e.field)]


def _field_error(outcome: QuestionnaireOutcome | None, field: str) -> None:
    if outcome is None or field not in _open_errors(outcome):
        return
    for error in outcome.errors:
        if error.field == field:
            st.error(error.message(lang()), icon=":material/error:")


def _help(key: str) -> None:
    """Show a question's help under its label, where it is read, rather than in a tooltip."""
    st.caption(tr(key))


def _text_field(field: str, outcome: QuestionnaireOutcome | None) -> None:
    st.text_input(
        tr(f"questionnaire.label.{field}"),
        key=PREFIX + field,
        max_chars=answer_limit(field),
        placeholder=tr(f"questionnaire.placeholder.{field}"),
    )
    _help(f"questionnaire.help.{field}")
    _field_error(outcome, field)


def _length_label(draft: Draft) -> str:
    current = lang()
    length = format_count(draft.length, current)
    limit = format_count(draft.limit or 0, current)
    if draft.over_limit:
        excess = format_count(draft.excess, current)
        return tr("questionnaire.preview.over", length=length, limit=limit, excess=excess)
    return tr("questionnaire.preview.length", length=length, limit=limit)


def _preview() -> None:
    """Show the headline the answers typed so far give, and its length against LinkedIn's."""
    draft = preview_headline(_values())
    with st.container(border=True, key="questionnaire_preview"):
        st.markdown(f"**{escape_markdown(tr('questionnaire.preview.title'))}**")
        st.caption(tr("questionnaire.preview.caption"))
        st.markdown(escape_markdown(draft.text))
        st.caption(_length_label(draft))


def questionnaire_form() -> None:
    """Render the questionnaire, prefilled from the latest answers, errors under their fields."""
    outcome: QuestionnaireOutcome | None = st.session_state.get(OUTCOME)
    if outcome is not None and outcome.status != "invalid":
        outcome = None
    _prefill()
    # The labels are bound to this run's language: AppTest calls format_func outside any run.
    current = lang()
    st.header(tr("questionnaire.section.goal"))
    goals = [goal.value for goal in Goal]
    st.radio(
        tr("questionnaire.goal.label"),
        options=goals,
        index=None,
        format_func=lambda code: t(current, f"goal.{code}"),
        captions=[tr(f"questionnaire.goal.caption.{code}") for code in goals],
        key=PREFIX + "goal",
    )
    _field_error(outcome, "goal")
    choices = list(CONVERTING_CHOICES)
    st.radio(
        tr("questionnaire.converting.label"),
        options=choices,
        index=None,
        format_func=lambda code: t(current, f"questionnaire.converting.{code}"),
        captions=[tr(f"questionnaire.converting.caption.{code}") for code in choices],
        key=PREFIX + "already_converting",
    )
    _help("questionnaire.converting.help")
    _field_error(outcome, "already_converting")
    st.selectbox(
        tr("questionnaire.role.label"),
        options=[r.value for r in Role],
        format_func=lambda code: t(current, f"role.{code}"),
        key=PREFIX + "role",
    )
    _help("questionnaire.role.help")
    _field_error(outcome, "role")
    st.slider(
        tr("questionnaire.minutes.label"),
        min_value=MINUTES_MIN,
        max_value=MINUTES_MAX,
        step=MINUTES_STEP,
        key=PREFIX + "minutes_per_day",
    )
    _help("questionnaire.minutes.help")
    _field_error(outcome, "minutes_per_day")
    st.header(tr("questionnaire.section.texts"))
    st.caption(tr("questionnaire.texts.caption"))
    for field in TEXT_FIELDS:
        _text_field(field, outcome)
    st.radio(
        tr("questionnaire.profile_lang.label"),
        options=list(PROFILE_LANGUAGES),
        format_func=lambda code: t(current, f"{PROFILE_LANG_LABEL}.{code}"),
        key=PREFIX + "profile_lang",
        horizontal=True,
    )
    _help("questionnaire.profile_lang.help")
    _field_error(outcome, "profile_lang")
    _preview()
    st.button(
        tr("questionnaire.submit"),
        key="questionnaire_submit",
        type="primary",
        on_click=_on_submit,
    )
    if _open_errors(outcome):
        st.error(tr("questionnaire.errors"), icon=":material/error:")


def _just_saved() -> QuestionnaireOutcome | None:
    """Return the outcome of a save made on this page, if the last submit saved.

    Once a field changes, the answers shown are no longer the ones saved: no confirmation.
    """
    outcome: QuestionnaireOutcome | None = st.session_state.get(OUTCOME)
    if outcome is None or outcome.status is not QuestionnaireStatus.SAVED:
        return None
    if _changed_since_submit():
        return None
    return outcome


def questionnaire_status(introduced: bool = False) -> None:
    """Say when the questionnaire was last answered, or that it never was.

    Says nothing right after a save, which confirms itself under the form, nor that it was
    never answered when the page's onboarding step was `introduced` already.
    """
    if _just_saved() is not None:
        return
    history = answers_history(repo())
    if not history:
        if not introduced:
            st.info(tr("questionnaire.first"), icon=":material/info:")
        return
    moment = local_moment(history[-1][0])
    st.caption(tr("questionnaire.last", date=format_moment(moment, lang())))


def questionnaire_result() -> None:
    """Confirm a saved questionnaire once, then lead on: to the first check-in or to the plan."""
    history = answers_history(repo())
    if _just_saved() is None or not history:
        next_step("questionnaire")
        return
    moment = format_moment(local_moment(history[-1][0]), lang())
    # Without a check-in there is no plan yet to take the answers into account.
    saved = "questionnaire.saved" if onboarding_target(repo()) is None else "shell.saved_no_plan"
    st.success(tr(saved, date=moment), icon=":material/check_circle:")
    next_step("questionnaire", saved=True)


def questionnaire_history() -> None:
    """Show every saved questionnaire, newest first, as plain table cells."""
    history = answers_history(repo())
    if not history:
        return
    local = [(local_moment(moment), answers) for moment, answers in history]
    with st.expander(tr("questionnaire.history.title", count=len(history))):
        st.caption(tr("questionnaire.history.caption"))
        st.dataframe(history_rows(local, lang()), hide_index=True, key="questionnaire_history")
