"""The data page's sections: export, import with its preview, and backups with restore."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from ssi_coach.i18n import format_date, format_number, plural_form
from ssi_coach.records import ImportPreview
from ssi_coach.services import data
from ssi_coach.services.data import BACKUPS_KEPT, Backup, BadBackup, ImportCheck
from ssi_coach.transfer import MAX_IMPORT_BYTES, MEGABYTE, Incoming, TransferError
from ssi_coach.ui import nav
from ssi_coach.ui.context import lang, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.copy_block import copy_block
from ssi_coach.ui.markdown import escape_markdown

UPLOAD_LIMIT_MB = MAX_IMPORT_BYTES // MEGABYTE
# A file uploader cannot be emptied from code; a new key gives a fresh one after an import.
UPLOAD_ROUND = "data_upload_round"
IMPORT_DONE = "data_import_done"
# The upload read once, by its file id: a rerun of the page reuses it until another file comes.
UPLOAD_READ = "data_upload_read"
BACKUP_MESSAGE = "data_backup_message"
RESTORE_PENDING = "data_restore_pending"
BACKUP_CHOICE = "data_backup_choice"
# Streamlit words its uploader in English only (its button, limit and file sizes): the page
# hides those words and shows its own.
UPLOADER_STYLE = """<style>
[class*="st-key-data_upload_"] [data-testid="stFileUploaderDropzoneInstructions"],
[class*="st-key-data_upload_"] [data-testid="stFileChipName"] + div,
[class*="st-key-data_upload_"] [data-testid="stFileUploaderDropzone"] > span > button
  [data-testid="stMarkdownContainer"] {{
  display: none;
}}
[class*="st-key-data_upload_"] [data-testid="stFileUploaderDropzone"] > span > button
  [data-has-shortcut]::after {{
  content: {button};
  font-size: 0.875rem;
  line-height: 1.6;
}}
</style>"""
# libpq URLs: the app's SQLAlchemy URL carries a driver suffix (+psycopg) pg_dump does not read.
PG_EXAMPLE = (
    'pg_dump --format=custom --file=ssi_coach.dump "postgresql://user@host:5432/ssi_coach"\n'
    "pg_restore --clean --if-exists "
    '--dbname="postgresql://user@host:5432/ssi_coach" ssi_coach.dump'
)


def counted(key: str, count: int) -> str:
    """Return the singular or plural text of a count, by the language's plural rule."""
    return tr(f"{key}.{plural_form(count, lang())}", count=count)


def css_string(text: str) -> str:
    """Return a text as a quoted CSS string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def export_section() -> None:
    """Render the row counts and the two download buttons."""
    st.header(tr("data.export.title"))
    counts = data.row_counts(repo())
    # Settings alone (the language, the role) are no history worth a file.
    if not any(count for table, count in counts.items() if table != "settings"):
        st.info(tr("data.export.empty"), icon=":material/info:")
        nav.link(nav.CHECKIN, tr("data.export.empty_link"), ":material/edit_note:")
        return
    st.write(tr("data.export.summary"))
    st.markdown(
        "\n".join(
            f"- {counted(f'transfer.count.{table}', count)}"
            for table, count in counts.items()
            if count
        )
    )
    stamp = date.today().isoformat()
    current = lang()
    here = repo()

    # The files are built only when a button is clicked: years of ticks make them costly.
    def json_file() -> bytes:
        return data.export_file_json(here)

    def zip_file() -> bytes:
        return data.export_file_zip(here, current)

    buttons = st.container(horizontal=True)
    buttons.download_button(
        tr("data.export.json"),
        data=json_file,
        file_name=f"ssi-coach-{stamp}.json",
        mime="application/json",
        key="data_export_json",
        help=tr("data.export.json_help"),
        on_click="ignore",
        icon=":material/download:",
        type="primary",
    )
    buttons.download_button(
        tr("data.export.zip"),
        data=zip_file,
        file_name=f"ssi-coach-{stamp}-csv.zip",
        mime="application/zip",
        key="data_export_zip",
        help=tr("data.export.zip_help"),
        on_click="ignore",
        icon=":material/table_view:",
    )


def _read(uploaded: UploadedFile) -> Incoming | TransferError:
    """Return what an upload holds, read when it came: a rerun never reads it again."""
    found: tuple[str, Incoming | TransferError] | None = st.session_state.get(UPLOAD_READ)
    if found is None or found[0] != uploaded.file_id:
        try:
            read: Incoming | TransferError = data.read_upload(uploaded.getvalue(), uploaded.name)
        except TransferError as error:
            # Kept without its traceback, whose frames would keep the whole file in memory.
            read = error.with_traceback(None)
        found = (uploaded.file_id, read)
        st.session_state[UPLOAD_READ] = found
    return found[1]


@writing_callback
def _on_import(file_id: str) -> None:
    found: tuple[str, Incoming | TransferError] | None = st.session_state.get(UPLOAD_READ)
    # The file shown was replaced before the click: the new one gets its own preview first.
    if found is None or found[0] != file_id or isinstance(found[1], TransferError):
        return
    st.session_state[IMPORT_DONE] = data.import_upload(repo(), found[1])
    st.session_state.pop(UPLOAD_READ, None)
    st.session_state[UPLOAD_ROUND] = st.session_state.get(UPLOAD_ROUND, 0) + 1


def _preview_table(check: ImportCheck) -> pd.DataFrame:
    """Return what the import changes in each table the file holds."""
    columns = ("added", "replaced", "unchanged")
    return pd.DataFrame(
        [
            [tr(f"transfer.table.{table}")]
            + [getattr(check.preview.tables[table], column) for column in columns]
            for table in check.tables
        ],
        columns=[tr("data.import.column.table")]
        + [tr(f"data.import.column.{column}") for column in columns],
    )


def import_section() -> None:
    """Render the uploader, the refusal or the preview, and the confirm button."""
    st.header(tr("data.import.title"))
    st.write(tr("data.import.intro"))
    done: ImportPreview | None = st.session_state.pop(IMPORT_DONE, None)
    if done is not None:
        changes = [
            counted(f"data.import.{kind}", getattr(done, kind))
            for kind in ("added", "replaced")
            if getattr(done, kind)
        ]
        st.success(
            tr("data.import.done", changes=tr("data.import.and").join(changes)),
            icon=":material/check_circle:",
        )
    st.html(UPLOADER_STYLE.format(button=css_string(tr("transfer.upload.button"))))
    uploaded = st.file_uploader(
        tr("data.import.upload"),
        type=["json", "zip", "csv"],
        key=f"data_upload_{st.session_state.get(UPLOAD_ROUND, 0)}",
        max_upload_size=UPLOAD_LIMIT_MB,
    )
    st.caption(tr("transfer.upload.caption", limit=UPLOAD_LIMIT_MB))
    if uploaded is None:
        # What a file held is let go with the file.
        st.session_state.pop(UPLOAD_READ, None)
        return
    name = uploaded.name
    read = _read(uploaded)
    if isinstance(read, TransferError):
        # File names, titles and values come from the file: shown as written, never as links.
        reason = escape_markdown(read.message(lang()))
        st.error(tr("data.import.refused", reason=reason), icon=":material/error:")
        return
    # The preview is counted again at each run: the data may have changed since the upload.
    check = data.preview_upload(repo(), read)
    preview = check.preview
    st.markdown(f"**{tr('data.import.preview')}**")
    if check.kind == "csv":
        table = tr(f"transfer.table.{check.tables[0]}")
        st.caption(tr("transfer.import.single", source=escape_markdown(name), table=table))
    if check.tables:
        st.table(_preview_table(check).set_index(tr("data.import.column.table")))
    if not preview.changes_anything:
        st.info(tr("data.import.nothing"), icon=":material/info:")
        return
    if check.backed_up:
        st.caption(tr("data.import.backup_note"))
    st.button(
        tr("data.import.confirm"),
        key="data_import_confirm",
        type="primary",
        on_click=_on_import,
        args=(uploaded.file_id,),
    )


def _when(backup: Backup) -> str:
    return tr(
        "data.backup.when",
        date=format_date(backup.taken_at.date(), lang()),
        time=backup.taken_at.strftime("%H:%M"),
    )


@safe_callback
def _on_backup_now() -> None:
    data.backup_now(repo())
    st.session_state[BACKUP_MESSAGE] = ("success", tr("data.backup.done"))


@safe_callback
def _on_ask_restore() -> None:
    st.session_state[RESTORE_PENDING] = st.session_state[BACKUP_CHOICE]


@safe_callback
def _on_cancel_restore() -> None:
    st.session_state.pop(RESTORE_PENDING, None)
    st.session_state[BACKUP_MESSAGE] = ("info", tr("data.backup.cancelled"))


@writing_callback
def _on_restore(name: str) -> None:
    st.session_state.pop(RESTORE_PENDING, None)
    try:
        restored = data.restore(repo(), name)
    except BadBackup as error:
        st.session_state[BACKUP_MESSAGE] = ("error", tr(f"data.backup.bad.{error.code}"))
        return
    message = tr("data.backup.restored", when=_when(restored.chosen), undo=restored.undo.name)
    st.session_state[BACKUP_MESSAGE] = ("success", message)


def _show_backup_message() -> None:
    found = st.session_state.pop(BACKUP_MESSAGE, None)
    if found is None:
        return
    kind, text = found
    icons = {"success": ":material/check_circle:", "info": ":material/info:"}
    show = {"success": st.success, "info": st.info, "error": st.error}[kind]
    show(text, icon=icons.get(kind, ":material/error:"))


def _backup_table(backups: list[Backup]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            tr("data.backup.column.taken_at"): [_when(b) for b in backups],
            tr("data.backup.column.reason"): [
                tr(f"data.backup.reason.{b.reason}") for b in backups
            ],
            tr("data.backup.column.size"): [
                tr("data.backup.size", size=format_number(max(1, round(b.size / 1024)), lang()))
                for b in backups
            ],
        }
    )


def backup_section() -> None:
    """Render the backups of a SQLite database, or how to back up PostgreSQL."""
    st.header(tr("data.backup.title"))
    place = data.backup_place(repo())
    if place.folder is None:
        if place.unavailable == "memory":
            st.info(tr("data.backup.memory"), icon=":material/info:")
            return
        if place.unavailable == "shared":
            st.info(tr("data.backup.shared"), icon=":material/info:")
            return
        st.info(tr("data.backup.postgres"), icon=":material/info:")
        copy_block(PG_EXAMPLE)
        return
    st.write(tr("data.backup.intro", kept=BACKUPS_KEPT))
    copy_block(str(place.folder))
    _show_backup_message()
    st.button(
        tr("data.backup.now"),
        key="data_backup_now",
        on_click=_on_backup_now,
        icon=":material/backup:",
    )
    backups = data.list_backups(repo())
    if not backups:
        st.caption(tr("data.backup.none"))
        return
    st.dataframe(_backup_table(backups), hide_index=True, key="data_backup_table")
    by_name = {b.path.name: b for b in backups}
    if st.session_state.get(BACKUP_CHOICE) not in by_name:
        st.session_state[BACKUP_CHOICE] = backups[0].path.name
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    # Worded now, in the session's language: a widget may format its options outside the run.
    labels = {
        name: f"{_when(b)} — {tr(f'data.backup.reason.{b.reason}')}" for name, b in by_name.items()
    }
    choice = left.selectbox(
        tr("data.backup.choose"),
        options=list(by_name),
        format_func=labels.__getitem__,
        key=BACKUP_CHOICE,
    )
    right.button(tr("data.backup.restore"), key="data_backup_restore", on_click=_on_ask_restore)
    if st.session_state.get(RESTORE_PENDING) == choice:
        st.warning(
            tr("data.backup.confirm", when=_when(by_name[choice])), icon=":material/warning:"
        )
        answer = st.container(horizontal=True)
        answer.button(
            tr("data.backup.yes"),
            key="data_restore_yes",
            type="primary",
            on_click=_on_restore,
            args=(choice,),
        )
        answer.button(
            tr("data.backup.cancel"), key="data_restore_cancel", on_click=_on_cancel_restore
        )
