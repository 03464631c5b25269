"""The review of the user's own texts: the Review page, and the panel the plan shows per draft."""

from __future__ import annotations

import streamlit as st

from ssi_coach.i18n import format_count, plural_form
from ssi_coach.model import InvalidInput
from ssi_coach.questionnaire import format_moment, local_moment
from ssi_coach.records import ProfileText
from ssi_coach.review import LIMITS, PROFILE_KINDS, Review, TextKind, review_text
from ssi_coach.services.questionnaire import latest_answers
from ssi_coach.services.review import SavedTexts, SaveOutcome, profile_texts, save_profile_text
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, repo, tr, writing_callback
from ssi_coach.ui.copy_block import copy_block
from ssi_coach.ui.markdown import escape_markdown

# Query parameter another page sets to open the review on a kind of text (a TextKind value).
KIND_PARAM = "kind"
# Owned here: the chosen kind, and one text box per kind, so that switching keeps each text.
KIND_KEY = "review_kind"
_SAVE_ERROR = "review_save_error"


def _box_key(kind: TextKind) -> str:
    return f"review_text_{kind.value}"


def _kept_key(kind: TextKind) -> str:
    return f"review_kept_{kind.value}"


def _keep(kind: TextKind) -> None:
    # Streamlit forgets a box's text once the box is not drawn (another kind, another page): a
    # copy under a key of our own brings it back.
    st.session_state[_kept_key(kind)] = st.session_state.get(_box_key(kind))


def writing_lang() -> str:
    """Return the language the user publishes in: their profile's, else the interface's."""
    answers = latest_answers(repo())
    return answers.profile_lang if answers is not None else lang().value


def _moment(stored: ProfileText) -> str:
    return format_moment(local_moment(stored.saved_at), lang())


def findings(review: Review) -> None:
    """Render a review: the length against LinkedIn's limit, then each finding, fixes first."""
    if review.empty:
        st.info(tr("reviewpage.empty"), icon=":material/edit_note:")
        return
    current = lang()
    if review.limit is not None:
        counts = {
            "length": format_count(review.length, current),
            "limit": format_count(review.limit, current),
            "over": format_count(review.length - review.limit, current),
        }
        if review.length > review.limit:
            st.progress(1.0, text=tr("reviewpage.length_over", **counts))
        else:
            st.progress(review.length / review.limit, text=tr("reviewpage.length", **counts))
    st.caption(tr(f"reviewpage.judged_in.{review.lang.value}"))
    fixes = review.fixes
    if fixes:
        count = len(fixes)
        st.markdown(f"**{tr(f'reviewpage.fix_count.{plural_form(count, current)}', count=count)}**")
    else:
        st.success(tr("reviewpage.no_fix"), icon=":material/check_circle:")
    for finding in fixes:
        message = f"**{tr('reviewpage.fix')}** · {escape_markdown(finding.message(current))}"
        st.error(message, icon=":material/error:")
    for finding in review.considerations:
        message = f"**{tr('reviewpage.consider')}** · {escape_markdown(finding.message(current))}"
        st.info(message, icon=":material/lightbulb:")


def requested_kind() -> TextKind:
    """Return the kind the URL asks for (a link from Today), else the one chosen last."""
    try:
        asked = TextKind(st.query_params.get(KIND_PARAM, ""))
    except ValueError:
        return TextKind(st.session_state.get(KIND_KEY, TextKind.HEADLINE))
    # Once: the switch below is the user's from then on.
    del st.query_params[KIND_PARAM]
    st.session_state[KIND_KEY] = asked.value
    return asked


def _kind_switch() -> TextKind:
    st.session_state.setdefault(KIND_KEY, requested_kind().value)
    chosen = st.segmented_control(
        tr("reviewpage.kind.label"),
        options=[kind.value for kind in TextKind],
        format_func=lambda code: tr(f"reviewpage.kind.{code}"),
        key=KIND_KEY,
        required=True,
    )
    return TextKind(chosen or TextKind.HEADLINE)


@writing_callback
def _on_save(kind: TextKind) -> None:
    st.session_state.pop(_SAVE_ERROR, None)
    text = str(st.session_state.get(_box_key(kind)) or "")
    try:
        outcome = save_profile_text(repo(), kind, text)
    except InvalidInput as error:
        st.session_state[_SAVE_ERROR] = (kind, error)
        return
    if outcome is SaveOutcome.UNCHANGED:
        st.toast(tr("reviewpage.unchanged"), icon=":material/info:")
    else:
        saved = tr(f"reviewpage.saved.{kind.value}")
        st.toast(saved, icon=":material/check_circle:")


def _load(kind: TextKind, text: str) -> None:
    st.session_state[_box_key(kind)] = text
    _keep(kind)


def _save_error(kind: TextKind) -> None:
    stored = st.session_state.get(_SAVE_ERROR)
    if not isinstance(stored, tuple) or stored[0] is not kind:
        return
    error: InvalidInput = stored[1]
    current = lang()
    params = {
        name: format_count(value, current) if isinstance(value, int) else value
        for name, value in error.params.items()
    }
    problem = tr(f"error.{error.code}", **params)
    message = tr("error.field", field=tr(f"reviewpage.field.{kind.value}"), problem=problem)
    st.error(f"{message} {tr('reviewpage.not_saved')}", icon=":material/error:")


def _saved_versions(kind: TextKind, saved: SavedTexts) -> None:
    versions = saved.headline if kind is TextKind.HEADLINE else saved.about
    latest = saved.latest(kind)
    if latest is not None:
        st.caption(tr(f"reviewpage.current.{kind.value}", date=_moment(latest)))
    if not versions:
        return
    label = tr(f"reviewpage.history.{kind.value}", count=len(versions))
    with st.expander(label, icon=":material/history:"):
        for number, version in enumerate(versions):
            st.markdown(
                f"**{escape_markdown(tr('reviewpage.history.entry', date=_moment(version)))}**"
            )
            copy_block(version.text)
            st.button(
                tr("reviewpage.history.load"),
                key=f"review_load_{kind.value}_{number}",
                on_click=_load,
                args=(kind, version.text),
                icon=":material/undo:",
                type="tertiary",
            )


def review_page() -> None:
    """Render the Review page: the kind, the text box, the review, and saving a profile text."""
    saved = profile_texts(repo())
    st.write(tr("reviewpage.intro"))
    kind = _kind_switch()
    st.caption(tr(f"reviewpage.checks.{kind.value}"))
    key = _box_key(kind)
    latest = saved.latest(kind)
    if key not in st.session_state:
        kept = st.session_state.get(_kept_key(kind))
        if kept is not None:
            st.session_state[key] = kept
        elif latest is not None:
            # The current headline or About is where a first review starts.
            st.session_state[key] = latest.text
    st.text_area(
        tr(f"reviewpage.box.{kind.value}"),
        key=key,
        on_change=_keep,
        args=(kind,),
        height=220 if kind is TextKind.ABOUT else 110,
        # A little room above LinkedIn's limit, so that the review can say by how much it is over.
        max_chars=2 * LIMITS.get(kind, 4000),
    )
    st.caption(tr("reviewpage.as_you_go"))
    text = str(st.session_state.get(key) or "")
    findings(review_text(kind, text, writing_lang()))
    if kind in PROFILE_KINDS:
        st.button(
            tr(f"reviewpage.save.{kind.value}"),
            key=f"review_save_{kind.value}",
            on_click=_on_save,
            args=(kind,),
            icon=":material/save:",
            disabled=not text.strip(),
            help=tr("reviewpage.save.help"),
        )
        _save_error(kind)
        _saved_versions(kind, saved)


def check_link(kind: TextKind) -> None:
    """Render the link from a task of the day to the review of the text it asks for."""
    nav.link(
        nav.REVIEW,
        tr("reviewpage.check_link"),
        ":material/spellcheck:",
        query_params={KIND_PARAM: kind.value},
    )
