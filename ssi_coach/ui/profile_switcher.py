"""The sidebar's profile switcher (local mode only): choose, create, rename and delete profiles."""

from __future__ import annotations

from datetime import date

import streamlit as st

from ssi_coach.model import InvalidInput
from ssi_coach.profile_names import NAME_MAX, file_slug, shown_name
from ssi_coach.services import data, profiles
from ssi_coach.services.profiles import LocalProfile, ProfileRefused
from ssi_coach.ui.context import (
    engine,
    lang,
    repo,
    safe_callback,
    tr,
    use_profile,
    writing_callback,
)
from ssi_coach.ui.data_view import counted
from ssi_coach.ui.markdown import escape_markdown

# Owned here: the widgets' keys, which are also the tests' handles.
CHOICE = "profile_choice"
MANAGE = "profile_manage"
NEW_NAME = "profile_new_name"
CREATE = "profile_create"
RENAME_NAME = "profile_rename_name"
RENAME = "profile_rename"
# The (profile id, shown name) the rename field was filled with: filled again when either changes.
RENAME_FOR = "profile_rename_for"
EXPORT = "profile_export"
CONFIRM = "profile_delete_confirm"
DELETE = "profile_delete"
# A message for the next run, as (kind, catalog key, parameters): translated when shown, in the
# language of that run (a switch may bring another profile's language).
NOTICE = "profile_notice"
# A refused name, as (action, field, code, parameters), shown under that action's button.
NAME_ERROR = "profile_name_error"


def _notice(kind: str, key: str, **params: object) -> None:
    st.session_state[NOTICE] = (kind, key, params)


def _shown(profile: LocalProfile | str) -> str:
    return shown_name(profile if isinstance(profile, str) else profile.name, lang())


def _quoted(name: str) -> str:
    """Return a profile's name to put in Markdown: shown as typed, never as a link."""
    return escape_markdown(_shown(name))


@safe_callback
def _on_choose() -> None:
    chosen = st.session_state[CHOICE]
    try:
        here = profiles.switch(engine(), chosen)
    except ProfileRefused as refused:
        _notice("error", f"profiles.refused.{refused.code}")
        return
    use_profile(here.profile_id)


@writing_callback
def _on_create() -> None:
    st.session_state.pop(NAME_ERROR, None)
    try:
        made = profiles.create(engine(), st.session_state.get(NEW_NAME, ""), lang())
    except InvalidInput as error:
        st.session_state[NAME_ERROR] = ("create", error.field, error.code, error.params)
        return
    use_profile(profiles.switch(engine(), made.id).profile_id)
    # A callback may empty its own widget: the next profile starts from a blank field.
    st.session_state[NEW_NAME] = ""
    _notice("success", "profiles.created", name=made.name)


@writing_callback
def _on_rename(profile_id: int, old: str) -> None:
    st.session_state.pop(NAME_ERROR, None)
    try:
        renamed = profiles.rename(engine(), profile_id, st.session_state.get(RENAME_NAME, ""))
    except InvalidInput as error:
        st.session_state[NAME_ERROR] = ("rename", error.field, error.code, error.params)
        return
    except ProfileRefused as refused:
        _notice("error", f"profiles.refused.{refused.code}")
        return
    if renamed.name == old:
        _notice("info", "profiles.unchanged")
    else:
        _notice("success", "profiles.renamed", name=renamed.name)


@writing_callback
def _on_delete(profile_id: int) -> None:
    # The button is disabled until the box is ticked; a stale click still needs the tick.
    if not st.session_state.get(CONFIRM):
        return
    st.session_state[CONFIRM] = False
    try:
        gone = profiles.delete(engine(), profile_id)
    except ProfileRefused as refused:
        _notice("error", f"profiles.refused.{refused.code}")
        return
    use_profile(gone.now.id)
    key = "profiles.deleted" if gone.removed else "profiles.deleted_empty"
    _notice(
        "success",
        key,
        name=gone.name,
        now=gone.now.name,
        removed=gone.removed,
        backed_up=gone.backed_up,
    )


def _show_notice() -> None:
    found = st.session_state.pop(NOTICE, None)
    if found is None:
        return
    kind, key, params = found
    shown: dict[str, object] = {
        name: _quoted(params[name]) for name in ("name", "now") if name in params
    }
    if params.get("removed"):
        shown["removed"] = ", ".join(
            counted(f"transfer.count.{table}", count) for table, count in params["removed"]
        )
    text = tr(key, **shown)
    if params.get("backed_up"):
        text += " " + tr("profiles.deleted_backup")
    icons = {
        "success": ":material/check_circle:",
        "info": ":material/info:",
        "warning": ":material/warning:",
        "error": ":material/error:",
    }
    getattr(st, kind)(text, icon=icons[kind])


def _show_name_error(action: str) -> None:
    found = st.session_state.get(NAME_ERROR)
    if found is None or found[0] != action:
        return
    # Shown once, like every message here: the next run starts clean.
    del st.session_state[NAME_ERROR]
    _action, field, code, params = found
    st.error(InvalidInput(field, code, **params).message(lang()), icon=":material/error:")


def _create_section() -> None:
    st.text_input(
        tr("profiles.create.label"),
        key=NEW_NAME,
        max_chars=NAME_MAX,
        placeholder=tr("profiles.create.placeholder"),
    )
    st.button(
        tr("profiles.create.button"), key=CREATE, on_click=_on_create, icon=":material/person_add:"
    )
    _show_name_error("create")


def _rename_section(current: LocalProfile) -> None:
    name = _shown(current)
    # Filled with the current name when the profile, or the way its name shows, changes, and
    # when the box opens again (a closed box's fields are forgotten).
    if RENAME_NAME not in st.session_state or st.session_state.get(RENAME_FOR) != (
        current.id,
        name,
    ):
        st.session_state[RENAME_FOR] = (current.id, name)
        st.session_state[RENAME_NAME] = name
    st.text_input(tr("profiles.rename.label"), key=RENAME_NAME, max_chars=NAME_MAX)
    st.button(
        tr("profiles.rename.button"),
        key=RENAME,
        on_click=_on_rename,
        args=(current.id, current.name),
        icon=":material/edit:",
    )
    _show_name_error("rename")


def _delete_section(current: LocalProfile, alone: bool) -> None:
    name = _shown(current)
    st.markdown(f"**{tr('profiles.delete.title', name=escape_markdown(name))}**")
    if alone:
        st.caption(tr("profiles.delete.only"))
        return
    here = repo()
    st.caption(tr("profiles.delete.export"))
    stamp = date.today().isoformat()
    slug = file_slug(name)

    # Built only when clicked, as on the Data page: years of ticks make the file costly.
    def json_file() -> bytes:
        return data.export_file_json(here)

    st.download_button(
        tr("profiles.delete.export_button"),
        data=json_file,
        file_name=f"ssi-coach-{slug}-{stamp}.json" if slug else f"ssi-coach-{stamp}.json",
        mime="application/json",
        key=EXPORT,
        on_click="ignore",
        icon=":material/download:",
    )
    going = profiles.what_will_go(here)
    if going:
        st.write(tr("profiles.delete.will_go"))
        st.markdown(
            "\n".join(f"- {counted(f'transfer.count.{table}', count)}" for table, count in going)
        )
    else:
        st.caption(tr("profiles.delete.empty"))
    confirmed = st.checkbox(tr("profiles.delete.confirm", name=escape_markdown(name)), key=CONFIRM)
    st.button(
        tr("profiles.delete.button"),
        key=DELETE,
        on_click=_on_delete,
        args=(current.id,),
        disabled=not confirmed,
        type="primary",
        icon=":material/delete:",
    )


def sidebar() -> None:
    """Render the profile in use, the switch between profiles and their management."""
    found = profiles.session_profile(engine(), repo().profile_id)
    if found.fell_back:
        # Deleted in another tab: this session moves on, and says so.
        use_profile(found.repo.profile_id)
        now = next(p.name for p in found.profiles if p.id == found.repo.profile_id)
        _notice("warning", "profiles.fell_back", now=now)
    current = next(p for p in found.profiles if p.id == found.repo.profile_id)
    names = {p.id: _shown(p) for p in found.profiles}
    # The session's profile is the truth: another tab, a deletion or a creation may change it.
    st.session_state[CHOICE] = current.id
    st.selectbox(
        tr("profiles.choice"),
        options=list(names),
        format_func=names.__getitem__,
        key=CHOICE,
        on_change=_on_choose,
        help=tr("profiles.choice_help"),
    )
    _show_notice()
    # Lazy: what a deletion would remove is counted only while the box is open.
    with st.expander(
        tr("profiles.manage"), key=MANAGE, on_change="rerun", icon=":material/group:"
    ) as box:
        if box.open:
            _create_section()
            st.divider()
            _rename_section(current)
            st.divider()
            _delete_section(current, alone=len(found.profiles) < 2)
            st.divider()
            st.caption(tr("profiles.backup_note"))
