"""The Plan page's pieces: what is missing, the ranked actions, the KPIs, the drafts per lever."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime

import streamlit as st

from ssi_coach.drafts import (
    Draft,
    PlanDrafts,
    language_label,
    length_label,
    missing_fields,
    missing_message,
    plan_drafts,
    shortened_label,
    slots_hint,
)
from ssi_coach.i18n import format_count, format_date
from ssi_coach.model import Answers, InvalidInput, Reading
from ssi_coach.plan import (
    Action,
    Lever,
    Plan,
    action_steps,
    action_title,
    action_why,
    honest_points,
    kpi_explanations,
    kpi_reading_rule,
    plan_intro,
    plan_sections,
)
from ssi_coach.questionnaire import format_moment, local_moment
from ssi_coach.records import DRAFT_LEVERS
from ssi_coach.review import DRAFT_KINDS, review_text
from ssi_coach.routine import Task
from ssi_coach.services.plan import DraftOutcome, PlanView, reset_draft, save_draft
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, repo, tr, writing_callback
from ssi_coach.ui.copy_block import copy_block
from ssi_coach.ui.markdown import escape_markdown
from ssi_coach.ui.review_view import findings


def _bullets(items: Iterable[str]) -> None:
    st.markdown("\n".join(f"- {escape_markdown(item)}" for item in items))


def _link_to_questionnaire(label_key: str = "planpage.link.answers") -> None:
    nav.link(nav.QUESTIONNAIRE, tr(label_key), ":material/flag:")


def missing_inputs(has_reading: bool, has_answers: bool) -> None:
    """Say which of the check-in and the questionnaire is missing, with a link to each."""
    if not has_reading and not has_answers:
        message = "planpage.missing.both"
    elif not has_reading:
        message = "planpage.missing.reading"
    else:
        message = "planpage.missing.answers"
    st.info(tr(message), icon=":material/info:")
    if not has_answers:
        _link_to_questionnaire()
    if not has_reading:
        nav.link(nav.CHECKIN, tr("planpage.link.reading"), ":material/edit_note:")


def plan_header(plan: Plan, reading: Reading, answered_at: datetime) -> None:
    """Render the intro (plainly saying when the score is not the point) and what the plan uses."""
    current = lang()
    intro = plan_intro(plan, current)
    if plan.light:
        st.info(intro, icon=":material/verified:")
    else:
        st.write(intro)
    st.caption(
        tr(
            "planpage.basis",
            reading_date=format_date(reading.taken_on, current),
            total=reading.total_shown,
            answers_date=format_moment(local_moment(answered_at), current),
        )
    )
    _link_to_questionnaire("planpage.edit_answers")


def _actions(plan: Plan) -> None:
    current = lang()
    st.header(tr("plan.section.actions"))
    for rank, action in enumerate(plan.actions, start=1):
        with st.container(border=True):
            st.markdown(f"**{rank}. {escape_markdown(action_title(action, current))}**")
            st.write(action_why(action, plan, current))
            # Closed: the helpers below carry the same how-to with texts ready to use.
            with st.expander(tr("plan.section.steps")):
                _bullets(action_steps(action, current))


def _kpis(plan: Plan) -> None:
    current = lang()
    st.header(tr("plan.section.kpis"))
    kpis = kpi_explanations(plan, current)
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{escape_markdown(kpi.label)}**")
            st.write(kpi.why)
    st.caption(kpi_reading_rule(current))
    nav.link(nav.JOURNAL, tr("planpage.journal"), ":material/query_stats:")


def _honest() -> None:
    st.header(tr("plan.section.honest"))
    with st.container(border=True):
        _bullets(honest_points(lang()))


def _heading(key: str) -> None:
    # A part of a helper, under the drafts' h2 (tabs are not headings).
    st.subheader(escape_markdown(tr(key)))


# --- drafts -----------------------------------------------------------------------------------

# Query parameters another page sets to open a lever's helper, or one draft, first.
LEVER_PARAM = "lever"
DRAFT_PARAM = "draft"


@dataclass(frozen=True)
class Focus:
    """The lever whose helper opens first, and the draft shown first in it, if any."""

    lever: Lever
    draft: str | None = None


def requested_focus() -> Focus | None:
    """Return the lever and draft the page's URL asks for (a link from Today), None if none."""
    draft = st.query_params.get(DRAFT_PARAM, "")
    if draft in DRAFT_LEVERS:
        return Focus(DRAFT_LEVERS[draft], draft)
    try:
        return Focus(Lever(st.query_params.get(LEVER_PARAM, "")))
    except ValueError:
        return None


def plan_link(lever: Lever, draft: str | None, label: str, icon: str) -> None:
    """Render a link that opens the plan on a lever's helper, with one of its drafts first."""
    params = {LEVER_PARAM: lever.value}
    if draft is not None:
        params[DRAFT_PARAM] = draft
    nav.link(nav.PLAN, label, icon, query_params=params)


# What a task's link opens on the plan, by the kind of help it finds there.
_TASK_LINK_ICONS = {
    "draft": ":material/edit_note:",
    "search": ":material/person_search:",
    "helper": ":material/checklist:",
}


def task_link(task: Task) -> None:
    """Render the link from a task of the day to its draft or search on the plan.

    A task without a draft of its own opens its lever's helper.
    """
    draft = task.draft
    if draft is None:
        lever = task.lever
        label = tr("drafts_saved.today.helper", lever=tr(f"planpage.tab.{lever.value}"))
        kind = "helper"
    else:
        lever = DRAFT_LEVERS[draft]
        kind = "search" if draft in ("search.title", "search.query") else "draft"
        label = tr(f"drafts_saved.today.{kind}")
    plan_link(lever, draft, label, _TASK_LINK_ICONS[kind])


@dataclass(frozen=True)
class _Spec:
    """One draft as the page shows it: the proposed text, its label and a hint."""

    draft: Draft
    label: str
    hint: str = ""
    # False when a heading right above already names the draft.
    titled: bool = True


@dataclass(frozen=True)
class _Drafts:
    """What the helpers render: the answers, every draft by code, the user's edits, the focus."""

    answers: Answers
    proposed: PlanDrafts
    specs: Mapping[str, _Spec]
    edits: Mapping[str, str]
    focus: Focus | None


def _specs(proposed: PlanDrafts) -> dict[str, _Spec]:
    """Return every draft of the helpers by code (records.DRAFT_LEVERS), as proposed."""
    texts = proposed.by_code()
    specs = {
        f"headline.{number}": _Spec(
            texts[f"headline.{number}"], tr("planpage.headline.label", number=number)
        )
        for number in (1, 2, 3)
    }
    specs["about"] = _Spec(texts["about"], tr("draft.section.about"), tr("planpage.about.hint"))
    specs["recommendation"] = _Spec(
        texts["recommendation"],
        tr("draft.section.recommendation"),
        tr("planpage.recommendation.hint"),
    )
    post = proposed.post
    specs["post"] = _Spec(post.draft, post.name, post.how)
    specs["search.title"] = _Spec(
        texts["search.title"],
        tr("draft.search.section.title"),
        tr("draft.search.title.how"),
        titled=False,
    )
    specs["search.query"] = _Spec(
        texts["search.query"],
        tr("draft.search.section.keywords"),
        tr("draft.search.keywords.how"),
        titled=False,
    )
    specs["search.note"] = _Spec(
        texts["search.note"],
        tr("draft.search.section.note"),
        tr("planpage.search.note"),
        titled=False,
    )
    for framework in proposed.comments.frameworks:
        specs[f"comment.{framework.code}"] = _Spec(framework.example, framework.name, framework.how)
    specs["share"] = _Spec(texts["share"], tr("planpage.share.label"), proposed.comments.share_how)
    specs["message.thank_you"] = _Spec(
        texts["message.thank_you"], tr("draft.message.section.thank_you")
    )
    specs["message.follow_up"] = _Spec(
        texts["message.follow_up"], tr("draft.message.section.follow_up")
    )
    return specs


def _key(code: str) -> str:
    return "plan_draft_" + code.replace(".", "_")


def _source_key(code: str) -> str:
    return "plan_source_" + code.replace(".", "_")


def _error_key(code: str) -> str:
    return "plan_error_" + code.replace(".", "_")


def _put(code: str, text: str) -> None:
    """Show a text in a draft's box, as the text the database holds."""
    st.session_state[_key(code)] = text
    st.session_state[_source_key(code)] = text


@writing_callback
def _on_edit(code: str, proposed: str) -> None:
    st.session_state.pop(_error_key(code), None)
    text = str(st.session_state.get(_key(code)) or "")
    try:
        outcome = save_draft(repo(), code, text, proposed)
    except InvalidInput as error:
        # The box keeps the refused text, so that the user can shorten it rather than retype it.
        st.session_state[_error_key(code)] = error
        return
    if outcome is DraftOutcome.RESET:
        _put(code, proposed)
        st.toast(tr("drafts_saved.restored"), icon=":material/undo:")
    else:
        _put(code, text)
        st.toast(tr("drafts_saved.saved"), icon=":material/check_circle:")


@writing_callback
def _on_reset(code: str, proposed: str) -> None:
    st.session_state.pop(_error_key(code), None)
    reset_draft(repo(), code)
    _put(code, proposed)
    st.toast(tr("drafts_saved.restored"), icon=":material/undo:")


def _problem(error: InvalidInput) -> str:
    """Return what is wrong, its numbers formatted for the language (3 000, not 3000)."""
    current = lang()
    params = {
        name: format_count(value, current) if isinstance(value, int) else value
        for name, value in error.params.items()
    }
    return tr(f"error.{error.code}", **params)


def _editor(drafts: _Drafts, code: str, titled: bool | None = None) -> None:
    """Render a draft ready to copy (the user's saved version if any), its length and its box.

    Every edit is saved at once; the box and the copy block follow what the database holds.
    """
    spec = drafts.specs[code]
    key = _key(code)
    proposed = spec.draft.text
    saved = drafts.edits.get(code)
    shown = proposed if saved is None else saved
    # The box is set from the database when it is new (first run, back from another page) or
    # when the stored text changed (a save, a reset, new answers, another language).
    if key not in st.session_state or st.session_state.get(_source_key(code)) != shown:
        _put(code, shown)
    text = str(st.session_state[key] or "")
    current = Draft(text, limit=spec.draft.limit)
    if titled if titled is not None else spec.titled:
        st.markdown(f"**{escape_markdown(spec.label)}**")
    if spec.hint:
        st.caption(spec.hint)
    copy_block(current.text)
    error = st.session_state.get(_error_key(code))
    # An error stands while the box holds the refused text; once it is gone, so is the error.
    if isinstance(error, InvalidInput) and text != shown:
        message = tr("error.field", field=spec.label, problem=_problem(error))
        st.error(f"{message} {tr('drafts_saved.not_saved')}", icon=":material/error:")
    if current.over_limit:
        st.warning(length_label(current, lang()), icon=":material/warning:")
    elif current.limit is not None:
        st.caption(length_label(current, lang()))
    if text == proposed and spec.draft.shortened:
        st.caption(shortened_label(spec.draft, lang()))
    if saved is not None:
        st.caption(f":material/check_circle: {tr('drafts_saved.yours')}")
    with st.expander(tr("planpage.edit"), icon=":material/edit:"):
        st.text_area(
            spec.label,
            key=key,
            height="content",
            label_visibility="collapsed",
            on_change=_on_edit,
            args=(code, proposed),
        )
    if code in DRAFT_KINDS:
        _review(code, text, drafts.answers.profile_lang)
    if saved is not None or text != proposed:
        st.button(
            tr("drafts_saved.reset"),
            key=f"plan_reset_{code.replace('.', '_')}",
            on_click=_on_reset,
            args=(code, proposed),
            icon=":material/undo:",
            type="tertiary",
            help=tr("drafts_saved.reset_help"),
        )


def _reviewing_key(code: str) -> str:
    return "plan_reviewing_" + code.replace(".", "_")


def _toggle_review(code: str) -> None:
    key = _reviewing_key(code)
    st.session_state[key] = not st.session_state.get(key, False)


def _review(code: str, text: str, profile_lang: str) -> None:
    """Render the draft's review button and, once pressed, the review of the text as it stands."""
    reviewing = bool(st.session_state.get(_reviewing_key(code), False))
    st.button(
        tr("reviewpage.plan.hide" if reviewing else "reviewpage.plan.button"),
        key="plan_review_" + code.replace(".", "_"),
        on_click=_toggle_review,
        args=(code,),
        icon=":material/spellcheck:",
        type="tertiary",
        help=tr("reviewpage.plan.button_help"),
    )
    if reviewing:
        with st.container(border=True, key="plan_review_panel_" + code.replace(".", "_")):
            findings(review_text(DRAFT_KINDS[code], text, profile_lang))


def _draft(drafts: _Drafts, code: str) -> None:
    """Render a draft in its place, unless it is the one already shown first."""
    if drafts.focus is None or drafts.focus.draft != code:
        _editor(drafts, code)


def _missing(missing: tuple[str, ...]) -> None:
    if missing:
        st.warning(missing_message(missing, lang()), icon=":material/edit:")
        _link_to_questionnaire()


def _headline_helper(drafts: _Drafts) -> None:
    specs = drafts.specs
    profile = ("headline.1", "headline.2", "headline.3", "about", "recommendation", "post")
    _missing(missing_fields(specs[code].draft for code in profile))
    _heading("draft.section.headlines")
    for code in profile[:3]:
        _draft(drafts, code)
    _heading("planpage.profile.more")
    _draft(drafts, "about")
    _draft(drafts, "recommendation")
    _heading("draft.section.post")
    _draft(drafts, "post")


def _search_helper(drafts: _Drafts) -> None:
    recipe = drafts.proposed.search
    _missing(recipe.missing)
    _heading("planpage.search.method")
    _bullets(recipe.advice)
    _heading("draft.search.section.title")
    _draft(drafts, "search.title")
    _heading("draft.search.section.keywords")
    _draft(drafts, "search.query")
    _heading("draft.search.section.filters")
    # The Industry filter's value, to copy into LinkedIn's filter box.
    copy_block(recipe.industry)
    _bullets(recipe.filters)
    _heading("draft.search.section.signals")
    _bullets(recipe.signals)
    if drafts.focus is None or drafts.focus.draft != "search.note":
        _heading("draft.search.section.note")
        _draft(drafts, "search.note")


def _comment_helper(drafts: _Drafts) -> None:
    kit = drafts.proposed.comments
    _missing(kit.missing)
    _heading("planpage.comments.rules")
    _bullets(kit.rules)
    _heading("planpage.comments.frameworks")
    st.caption(tr("draft.comment.rotation"))
    for framework in kit.frameworks:
        _draft(drafts, f"comment.{framework.code}")
    _heading("planpage.share.title")
    _draft(drafts, "share")


def _message_helper(drafts: _Drafts) -> None:
    kit = drafts.proposed.messages
    _missing(kit.missing)
    _heading("planpage.messages.rules")
    _bullets(kit.rules)
    _heading("planpage.messages.drafts")
    _draft(drafts, "message.thank_you")
    _draft(drafts, "message.follow_up")


HELPERS = {
    Lever.HEADLINE: _headline_helper,
    Lever.SEARCHES: _search_helper,
    Lever.COMMENTS: _comment_helper,
    Lever.MESSAGES: _message_helper,
}


def _focused(drafts: _Drafts, code: str) -> None:
    """Render the draft a task of the day asked for, first, with the way back to the routine."""
    with st.container(border=True, key="plan_focus"):
        st.caption(tr("drafts_saved.focus"))
        _editor(drafts, code, titled=True)
        nav.link(nav.TODAY, tr("drafts_saved.back_today"), ":material/today:")


# The drafts' tabs: the widget holds the open tab's label, which changes with the language and
# the plan's order, so the open lever is also kept as its code.
TABS_KEY = "plan_tabs"
OPEN_LEVER_KEY = "plan_open_lever"
# The focus the page ran with last: a new one opens its lever's tab even on the page.
SEEN_FOCUS_KEY = "plan_seen_focus"


def _focus_code(focus: Focus | None) -> tuple[str, str | None] | None:
    return None if focus is None else (focus.lever.value, focus.draft)


def _open_lever(levers: list[Lever], labels: list[str], focus: Focus | None) -> Lever:
    """Return the lever whose tab is open: a focus just asked for, else the user's last choice.

    Arriving on the page (the tabs widget is gone once another page ran) opens the focus's lever
    or the plan's first one. On the page, the tab the user opened stays open, whatever the focus
    still in the address, the language or the plan's order.
    """
    arrived = TABS_KEY not in st.session_state
    new_focus = arrived or _focus_code(focus) != st.session_state.get(SEEN_FOCUS_KEY)
    if focus is not None and focus.lever in levers and new_focus:
        return focus.lever
    if arrived:
        return levers[0]
    shown = st.session_state.get(TABS_KEY)
    if shown in labels:
        return levers[labels.index(shown)]
    # A label of another language or of an older plan: the lever it stood for, when known.
    stored = st.session_state.get(OPEN_LEVER_KEY)
    return next((lever for lever in levers if lever.value == stored), levers[0])


def _drafts(plan: Plan, drafts: _Drafts) -> None:
    st.header(tr("plan.section.drafts"))
    if drafts.focus is None:
        st.caption(tr("planpage.drafts.caption"))
    st.caption(slots_hint(lang()))
    st.caption(language_label(drafts.answers, lang()))
    actions: tuple[Action, ...] = plan.actions
    labels = [
        f"{rank}. {tr(f'planpage.tab.{action.lever.value}')}"
        for rank, action in enumerate(actions, start=1)
    ]
    levers = [action.lever for action in actions]
    opened = _open_lever(levers, labels, drafts.focus)
    st.session_state[SEEN_FOCUS_KEY] = _focus_code(drafts.focus)
    st.session_state[OPEN_LEVER_KEY] = opened.value
    # Set before the widget is created, so that it shows this tab whatever it held before.
    st.session_state[TABS_KEY] = labels[levers.index(opened)]
    # Lazy: only the open tab's helper runs (a page of some fifteen drafts otherwise); a click
    # on another tab reruns the page with that tab open.
    tabs = st.tabs(labels, key=TABS_KEY, on_change="rerun")
    for tab, lever in zip(tabs, levers, strict=True):
        if not tab.open:
            continue
        with tab:
            if drafts.focus is not None and drafts.focus.lever is lever:
                if drafts.focus.draft is not None:
                    _focused(drafts, drafts.focus.draft)
                else:
                    st.caption(tr("drafts_saved.focus"))
            HELPERS[lever](drafts)


def plan_body(view: PlanView, focus: Focus | None = None) -> None:
    """Render the plan: the helpers first when a lever is asked for, else in the plan's order.

    Without a focus the helpers follow the actions they serve, before the KPIs and the honest
    panel; with one (a task of Today), they come first so that the draft is on the first screen.
    """
    plan, reading, answers = view.plan, view.reading, view.answers
    # The page stops before the body while the check-in or the questionnaire is missing.
    assert plan is not None
    assert reading is not None
    assert answers is not None
    assert view.answered_at is not None
    proposed = plan_drafts(answers, lang(), date.today())
    drafts = _Drafts(answers, proposed, _specs(proposed), view.edits, focus)
    if focus is not None:
        _drafts(plan, drafts)
        st.divider()
    plan_header(plan, reading, view.answered_at)
    for section in plan_sections(plan):
        if section == "actions":
            _actions(plan)
            if focus is None:
                _drafts(plan, drafts)
        elif section == "kpis":
            _kpis(plan)
        elif section == "honest":
            _honest()
