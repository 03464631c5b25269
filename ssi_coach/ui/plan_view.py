"""The Plan page's pieces: what is missing, the ranked actions, the KPIs, the drafts per lever."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import streamlit as st

from ssi_coach.drafts import (
    Draft,
    about_draft,
    comment_kit,
    headline_drafts,
    length_label,
    message_kit,
    missing_fields,
    missing_message,
    recommendation_request,
    search_recipe,
    slots_hint,
)
from ssi_coach.i18n import format_date
from ssi_coach.model import Answers, Reading
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
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, tr
from ssi_coach.ui.markdown import escape_markdown


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
    if plan.maintenance:
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
    st.subheader(tr("plan.section.actions"))
    for rank, action in enumerate(plan.actions, start=1):
        with st.container(border=True):
            st.markdown(f"**{rank}. {escape_markdown(action_title(action, current))}**")
            st.write(action_why(action, plan, current))
            # The first lever's steps are open: it is what to do today.
            with st.expander(tr("plan.section.steps"), expanded=rank == 1 and not plan.maintenance):
                _bullets(action_steps(action, current))


def _kpis(plan: Plan) -> None:
    current = lang()
    st.subheader(tr("plan.section.kpis"))
    kpis = kpi_explanations(plan, current)
    for column, kpi in zip(st.columns(len(kpis)), kpis, strict=True):
        with column.container(border=True, height="stretch"):
            st.markdown(f"**{escape_markdown(kpi.label)}**")
            st.write(kpi.why)
    st.caption(kpi_reading_rule(current))
    nav.link(nav.JOURNAL, tr("planpage.journal"), ":material/query_stats:")


def _honest() -> None:
    st.subheader(tr("plan.section.honest"))
    with st.container(border=True):
        _bullets(honest_points(lang()))


def _heading(key: str) -> None:
    st.markdown(f"##### {escape_markdown(tr(key))}")


def _editor(name: str, draft: Draft, label: str, hint: str = "", titled: bool = True) -> None:
    """Render a draft ready to copy, its length, and a box to edit it that the copy follows."""
    key = f"plan_draft_{name}"
    source = f"plan_source_{name}"
    # A new draft (other answers, other language) replaces the edited text; otherwise the
    # user's edits stay while they are on the page.
    if key not in st.session_state or st.session_state.get(source) != draft.text:
        st.session_state[key] = draft.text
        st.session_state[source] = draft.text
    current = Draft(str(st.session_state[key] or ""), limit=draft.limit)
    if titled:
        st.markdown(f"**{escape_markdown(label)}**")
    if hint:
        st.caption(hint)
    st.code(current.text, language=None, wrap_lines=True)
    if current.over_limit:
        st.warning(length_label(current, lang()), icon=":material/warning:")
    elif current.limit is not None:
        st.caption(length_label(current, lang()))
    with st.expander(tr("planpage.edit"), icon=":material/edit:"):
        st.text_area(label, key=key, height="content", label_visibility="collapsed")


def _missing(missing: tuple[str, ...]) -> None:
    if missing:
        st.warning(missing_message(missing, lang()), icon=":material/edit:")
        _link_to_questionnaire()


def _headline_helper(answers: Answers) -> None:
    current = lang()
    headlines = headline_drafts(answers, current)
    about = about_draft(answers, current)
    recommendation = recommendation_request(answers, current)
    _missing(missing_fields([*headlines, about, recommendation]))
    _heading("draft.section.headlines")
    for number, draft in enumerate(headlines, start=1):
        _editor(f"headline_{number}", draft, tr("planpage.headline.label", number=number))
    _heading("planpage.profile.more")
    _editor("about", about, tr("draft.section.about"), tr("planpage.about.hint"))
    _editor(
        "recommendation",
        recommendation,
        tr("draft.section.recommendation"),
        tr("planpage.recommendation.hint"),
    )


def _search_helper(answers: Answers) -> None:
    recipe = search_recipe(answers, lang())
    _missing(recipe.missing)
    _heading("planpage.search.method")
    _bullets(recipe.advice)
    _heading("draft.search.section.query")
    if recipe.keywords:
        st.markdown(f"**{escape_markdown(tr('planpage.search.keywords'))}**")
        st.code("\n".join(recipe.keywords), language=None, wrap_lines=True)
    _editor("search_query", Draft(recipe.boolean_query), tr("planpage.search.query"))
    _heading("draft.search.section.filters")
    _bullets(recipe.filters)
    _heading("draft.search.section.signals")
    _bullets(recipe.signals)
    _heading("draft.search.section.note")
    note = tr("draft.search.section.note")
    _editor("search_note", recipe.connection_note, note, tr("planpage.search.note"), titled=False)


def _comment_helper(answers: Answers) -> None:
    kit = comment_kit(answers, lang())
    _missing(kit.missing)
    _heading("planpage.comments.rules")
    _bullets(kit.rules)
    _heading("planpage.comments.frameworks")
    for framework in kit.frameworks:
        _editor(f"comment_{framework.code}", framework.example, framework.name, framework.how)
    _heading("planpage.share.title")
    _editor("share", kit.share_template, tr("planpage.share.label"), kit.share_how)


def _message_helper(answers: Answers) -> None:
    kit = message_kit(answers, lang())
    _missing(kit.missing)
    _heading("planpage.messages.rules")
    _bullets(kit.rules)
    _heading("planpage.messages.drafts")
    _editor("thank_you", kit.thank_you, tr("draft.message.section.thank_you"))
    _editor("follow_up", kit.follow_up, tr("draft.message.section.follow_up"))


HELPERS = {
    Lever.HEADLINE: _headline_helper,
    Lever.SEARCHES: _search_helper,
    Lever.COMMENTS: _comment_helper,
    Lever.MESSAGES: _message_helper,
}


def _drafts(plan: Plan, answers: Answers) -> None:
    st.subheader(tr("plan.section.drafts"))
    st.caption(tr("planpage.drafts.caption"))
    st.caption(slots_hint(lang()))
    actions: tuple[Action, ...] = plan.actions
    tabs = st.tabs(
        [
            f"{rank}. {tr(f'planpage.tab.{action.lever.value}')}"
            for rank, action in enumerate(actions, start=1)
        ]
    )
    for tab, action in zip(tabs, actions, strict=True):
        with tab:
            HELPERS[action.lever](answers)


def plan_body(plan: Plan, answers: Answers) -> None:
    """Render the sections in the plan's order, the lever helpers just before the honest panel."""
    for section in plan_sections(plan):
        if section == "actions":
            _actions(plan)
        elif section == "kpis":
            _kpis(plan)
        elif section == "honest":
            _drafts(plan, answers)
            _honest()
