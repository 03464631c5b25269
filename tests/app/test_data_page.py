"""The data page: downloads, an import previewed then confirmed, refusals, backups and restore."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from streamlit.testing.v1 import AppTest

from ssi_coach.model import KpiMonth, Reading
from ssi_coach.records import KpiEntry, ProfileData, ReadingRecord
from ssi_coach.services import data as data_service
from ssi_coach.store.backup import backup_now, list_backups
from ssi_coach.store.kpis import list_kpis, save_kpis
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import list_readings, save_reading
from ssi_coach.store.revisions import schema_revisions
from ssi_coach.transfer import export_json, export_zip, file_name
from tests.app.conftest import APP
from tests.copy_blocks import copy_texts

PAGE = "pages/data.py"
JANUARY = Reading(date(2025, 1, 1), 12.275, 6, 3.1, 1.948)
FEBRUARY = Reading(date(2025, 2, 1), 13, 7, 4, 2)
TWO_READINGS = ProfileData(readings=(ReadingRecord(JANUARY), ReadingRecord(FEBRUARY)))

OpenPage = Callable[[str | None], AppTest]


def upload(at: AppTest, name: str, content: bytes) -> AppTest:
    """Choose a file in the import uploader and rerun."""
    at.file_uploader[0].set_value((name, content, "application/octet-stream"))
    return at.run()


def shown(markdown: str) -> str:
    """Return a Markdown text as the page shows it: without its escapes."""
    return re.sub(r"\\(.)", r"\1", markdown)


def table_file(data: ProfileData, table: str, lang: str = "fr") -> bytes:
    """Return one table's CSV file of a zip export."""
    exported = export_zip(data, schema_revisions()[-1], lang)
    with zipfile.ZipFile(io.BytesIO(exported)) as archive:
        return archive.read(file_name(table, lang))


def preview_rows(at: AppTest) -> dict[str, list[int]]:
    """Return the preview table as table name -> added, replaced, unchanged."""
    frame = at.table[0].value
    return {
        name: list(row) for name, row in zip(frame.index, frame.to_numpy().tolist(), strict=True)
    }


def ask_restore(at: AppTest, backup: Path) -> AppTest:
    """Choose a backup and ask to restore it."""
    at.selectbox(key="data_backup_choice").set_value(backup.name)
    return at.button(key="data_backup_restore").click().run()


def test_an_empty_profile_has_nothing_to_export_and_leads_to_the_check_in(
    open_page: OpenPage,
) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Mes données"
    assert "aucune donnée" in at.info[0].value
    assert [link.proto.label for link in at.get("page_link")] == ["Faire mon premier relevé"]
    assert not at.get("download_button")


def test_a_profile_with_history_offers_the_json_and_the_zip(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    at = open_page(PAGE)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Télécharger tout (JSON)",
        "Télécharger les tableaux (zip de CSV)",
    ]
    assert any(m.value == "- 1 relevé SSI" for m in at.markdown)


def test_an_uploaded_export_is_previewed_before_anything_is_written(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, schema_revisions()[-1]))
    assert preview_rows(at)["Relevés SSI"] == [2, 0, 0]
    assert at.button(key="data_import_confirm").label == "Confirmer l’import"
    assert list_readings(db, profile) == []


def test_confirming_the_import_writes_the_rows_and_says_so(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, schema_revisions()[-1]))
    at.button(key="data_import_confirm").click().run()
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]
    assert at.success[0].value == "Import terminé : 2 lignes ajoutées."
    assert "import" in [b.reason for b in list_backups(db)]


def test_a_file_already_imported_changes_nothing_and_offers_no_import(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    save_reading(db, profile, FEBRUARY)
    content = export_zip(TWO_READINGS, schema_revisions()[-1], "fr")
    at = upload(open_page(PAGE), "export.zip", content)
    assert preview_rows(at)["Relevés SSI"] == [0, 0, 2]
    assert at.info[0].value.startswith("Ce fichier ne change rien")
    assert not [b for b in at.button if b.key == "data_import_confirm"]


def test_a_bad_csv_is_refused_naming_its_line_and_nothing_is_written(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    good = export_zip(TWO_READINGS, schema_revisions()[-1], "fr")
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["releves.csv"] = files["releves.csv"].replace(b";7;", b";70;")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    at = upload(open_page(PAGE), "export.zip", buffer.getvalue())
    assert shown(at.error[0].value) == (
        "Fichier refusé, rien n’a été importé. releves.csv, ligne 3 (relevé du 01/02/2025), "
        "colonne « Trouver les bonnes personnes » : la valeur doit être comprise entre 0 et 25."
    )
    assert list_readings(db, profile) == []


def test_the_uploader_takes_a_single_csv_and_speaks_french(open_page: OpenPage) -> None:
    at = open_page(PAGE)
    uploader = at.file_uploader[0]
    assert uploader.label == "Fichier à importer"
    assert {".json", ".zip", ".csv"} <= set(uploader.proto.type)
    assert (
        "Un export JSON ou zip de SSI Coach, ou un seul de ses fichiers CSV ; 5 Mo au maximum."
        in [c.value for c in at.caption]
    )


def test_a_single_edited_csv_is_previewed_as_its_table_alone(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40)))
    at = upload(open_page(PAGE), "releves.csv", table_file(TWO_READINGS, "readings"))
    assert preview_rows(at) == {"Relevés SSI": [1, 0, 1]}
    assert (
        "releves.csv contient les « Relevés SSI » : l’import ne touche qu’à ce tableau, "
        "le reste de votre profil ne change pas."
    ) in [shown(c.value) for c in at.caption]
    assert list_readings(db, profile) == [JANUARY]


def test_confirming_a_single_csv_import_adds_its_rows_and_keeps_the_rest(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    kpis = KpiEntry(KpiMonth(date(2025, 1, 1), 1000, 40))
    save_kpis(db, profile, kpis)
    at = upload(open_page(PAGE), "releves.csv", table_file(TWO_READINGS, "readings", "en"))
    at.button(key="data_import_confirm").click().run()
    assert at.success[0].value == "Import terminé : 1 ligne ajoutée."
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]
    assert list_kpis(db, profile) == [kpis]


def test_a_csv_whose_titles_match_no_table_is_refused_in_french_naming_the_file(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    at = upload(open_page(PAGE), "contacts.csv", b"Nom;Ville\r\nDupont;Lyon\r\n")
    assert shown(at.error[0].value).startswith(
        "Fichier refusé, rien n’a été importé. contacts.csv : ses titres de colonnes "
        "(la première ligne) ne correspondent à aucun tableau de SSI Coach."
    )
    assert list_readings(db, profile) == []


def test_a_refusal_is_worded_in_english_on_the_english_page(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    content = table_file(TWO_READINGS, "readings").replace(b";7;", b";70;")
    at = upload(open_page(PAGE), "releves.csv", content)
    assert shown(at.error[0].value) == (
        "File refused, nothing was imported. releves.csv, line 3 (check-in of 2025-02-01), "
        "column “Find the right people”: the value must be between 0 and 25."
    )


def test_a_file_name_is_shown_as_written_never_as_a_link(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), "[offre](https://example.com).csv", b"Nom;Ville\r\n")
    assert "\\[offre\\]\\(https" in at.error[0].value


def test_a_file_of_another_kind_is_refused(open_page: OpenPage) -> None:
    at = upload(open_page(PAGE), "notes.json", b'{"notes": []}')
    assert "n’est pas un export de SSI Coach" in at.error[0].value


def test_backing_up_now_adds_a_backup_to_the_list(open_page: OpenPage, db: Engine) -> None:
    at = open_page(PAGE)
    before = len(list_backups(db))
    at.button(key="data_backup_now").click().run()
    assert at.success[0].value == "Sauvegarde faite."
    assert at.dataframe[-1].value["Motif"][0] == "À la demande"
    assert len(list_backups(db)) == before + 1


def test_a_restore_asks_for_confirmation_before_replacing_anything(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    taken = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    at = ask_restore(open_page(PAGE), taken)
    assert "Toutes les données actuelles seront remplacées" in at.warning[0].value
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]


def test_a_confirmed_restore_brings_the_backup_back_and_says_how_to_undo_it(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_reading(db, profile, JANUARY)
    taken = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    at = ask_restore(open_page(PAGE), taken)
    at.button(key="data_restore_yes").click().run()
    assert list_readings(db, profile) == [JANUARY]
    assert "restaurez-le pour annuler" in at.success[0].value
    assert list_backups(db)[0].reason == "restore"


def test_a_cancelled_restore_changes_nothing(open_page: OpenPage, db: Engine, profile: int) -> None:
    save_reading(db, profile, JANUARY)
    taken = backup_now(db)
    save_reading(db, profile, FEBRUARY)
    at = ask_restore(open_page(PAGE), taken)
    at.button(key="data_restore_cancel").click().run()
    assert at.info[-1].value == "Restauration annulée ; rien n’a changé."
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]


@pytest.mark.parametrize(
    ("lang", "title", "backups"),
    [("fr", "Mes données", "Sauvegardes"), ("en", "My data", "Backups")],
)
def test_the_page_speaks_the_stored_language(
    open_page: OpenPage, db: Engine, profile: int, lang: str, title: str, backups: str
) -> None:
    set_setting(db, profile, "lang", lang)
    at = open_page(PAGE)
    assert at.title[0].value == title
    assert backups in [h.value for h in at.header]


def test_on_postgresql_the_page_points_to_pg_dump_and_pg_restore(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The PostgreSQL test database is shared: start from an empty schema, as on a new server.
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        migrate(admin)
    finally:
        admin.dispose()
    monkeypatch.setenv("SSI_COACH_DATABASE_URL", pg_url)
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "pg_dump" in at.info[-1].value
    assert "pg_restore" in copy_texts(at)[-1]
    assert not [b for b in at.button if b.key == "data_backup_now"]


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the name of every file the data service reads, as the page calls it."""
    names: list[str] = []
    read = data_service.read_upload

    def counted(content: bytes, name: str = "") -> object:
        names.append(name)
        return read(content, name)

    monkeypatch.setattr(data_service, "read_upload", counted)
    return names


def test_an_upload_is_read_once_however_often_the_page_reruns(
    open_page: OpenPage, db: Engine, profile: int, reads: list[str]
) -> None:
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, schema_revisions()[-1]))
    at.run()
    at.button(key="data_backup_now").click().run()
    assert preview_rows(at)["Relevés SSI"] == [2, 0, 0]
    assert reads == ["export.json"]


def test_a_refused_upload_is_read_once_and_stays_refused_across_reruns(
    open_page: OpenPage, reads: list[str]
) -> None:
    at = upload(open_page(PAGE), "contacts.csv", b"Nom;Ville\r\nDupont;Lyon\r\n")
    at.run()
    assert "contacts.csv" in shown(at.error[0].value)
    assert reads == ["contacts.csv"]


def test_another_upload_is_read_in_its_turn(
    open_page: OpenPage, db: Engine, profile: int, reads: list[str]
) -> None:
    head = schema_revisions()[-1]
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, head))
    at = upload(at, "releves.csv", table_file(TWO_READINGS, "readings"))
    assert reads == ["export.json", "releves.csv"]


def test_confirming_imports_the_rows_read_at_upload_without_reading_them_again(
    open_page: OpenPage, db: Engine, profile: int, reads: list[str]
) -> None:
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, schema_revisions()[-1]))
    at.button(key="data_import_confirm").click().run()
    assert list_readings(db, profile) == [JANUARY, FEBRUARY]
    assert reads == ["export.json"]


def test_the_preview_follows_rows_saved_since_the_upload(
    open_page: OpenPage, db: Engine, profile: int, reads: list[str]
) -> None:
    at = upload(open_page(PAGE), "export.json", export_json(TWO_READINGS, schema_revisions()[-1]))
    save_reading(db, profile, JANUARY)
    at.run()
    assert preview_rows(at)["Relevés SSI"] == [1, 0, 1]
    assert reads == ["export.json"]
