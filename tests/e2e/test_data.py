"""A freelancer moves a whole history to another machine, and backs up and restores it."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import Engine

from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.records import KpiEntry, ProfileData, ReadingSource
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from ssi_coach.store.routine import set_day_mark, set_tick
from ssi_coach.store.transfer import read_profile
from ssi_coach.transfer import file_name
from tests.e2e.conftest import AppServer

PASTED = ReadingSource("Votre Social Selling Index\nTop 10 %\n53 sur 100", "1", "Conseil")


def open_data_page(page: Page, server: AppServer, wait: Callable[[Page], None]) -> None:
    page.goto(f"{server.url}/data")
    wait(page)


def with_engine(database: Path, use: Callable[[Engine], object]) -> object:
    """Run use() on an engine of a database file, then let the file go."""
    engine = make_engine(f"sqlite:///{database}")
    try:
        migrate(engine)
        return use(engine)
    finally:
        engine.dispose()


def seed(engine: Engine) -> None:
    """Store a few months of history in every table."""
    profile = default_profile_id(engine)
    save_reading(engine, profile, Reading(date(2025, 1, 6), 12.275, 6, 3.1, 1.948, 65, 72, 31, 30))
    save_reading(engine, profile, Reading(date(2025, 2, 3), 13.5, 8.25, 5, 4.125), source=PASTED)
    save_answers(engine, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, False, 20, "DAF"))
    set_tick(engine, profile, date(2025, 2, 4), "searches.job_changes", "searches", 5, True)
    set_day_mark(engine, profile, date(2025, 2, 5), "skip")
    save_kpis(engine, profile, KpiEntry(KpiMonth(date(2025, 1, 1), 1200, 45, 3, 1)))


def history(database: Path) -> ProfileData:
    """Return everything the default profile of a database holds."""
    return with_engine(database, lambda e: read_profile(e, default_profile_id(e)))  # type: ignore[return-value]


def download(page: Page, label: str, target: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    info.value.save_as(target)
    return target


def choose_file(page: Page, path: Path) -> None:
    uploader = page.get_by_test_id("stFileUploaderDropzoneInput")
    # Right after an import the old uploader lingers until the new run has replaced it.
    expect(uploader).to_have_count(1)
    uploader.set_input_files(path)


def test_a_history_exported_from_one_machine_imports_identically_into_an_empty_one(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    with_engine(server.database, seed)
    open_data_page(page, server, wait_for_app)
    expect(page.get_by_text("2 relevés SSI")).to_be_visible()
    exported = download(page, "Télécharger tout (JSON)", tmp_path / "export.json")
    tables = download(page, "Télécharger les tableaux (zip de CSV)", tmp_path / "export.zip")

    other = AppServer(tmp_path / "other-machine.db", tmp_path / "other-machine.log")
    other.start()
    try:
        open_data_page(page, other, wait_for_app)
        expect(page.get_by_text("Ce profil ne contient encore aucune donnée")).to_be_visible()
        choose_file(page, exported)
        expect(page.get_by_test_id("stTable").get_by_text("Relevés SSI")).to_be_visible()
        confirm = page.get_by_role("button", name="Confirmer l’import")
        expect(confirm).to_be_visible()
        screenshot(page, "fr-data-preview")
        confirm.click()
        # Six history rows, and the role setting the questionnaire stores with its answers.
        expect(page.get_by_text("Import terminé : 7 lignes ajoutées.")).to_be_visible()

        choose_file(page, tables)
        expect(page.get_by_text("Ce fichier ne change rien")).to_be_visible()
    finally:
        other.stop()
    moved = history(other.database)
    assert moved == history(server.database)
    assert len(moved.readings) == 2


def test_a_bad_file_is_refused_in_the_browser_with_its_reason(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None], tmp_path: Path
) -> None:
    bad = tmp_path / "export.json"
    bad.write_text('{"format": "ssi-coach-export", "format_version": 9}', encoding="utf-8")
    with_engine(server.database, seed)
    before = history(server.database)
    open_data_page(page, server, wait_for_app)
    choose_file(page, bad)
    expect(
        page.get_by_text("Ce fichier vient d’une version plus récente de SSI Coach")
    ).to_be_visible()
    assert history(server.database) == before


def test_a_restore_in_the_browser_asks_first_and_can_be_undone(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    with_engine(server.database, seed)
    open_data_page(page, server, wait_for_app)
    page.get_by_role("button", name="Sauvegarder maintenant").click()
    expect(page.get_by_text("Sauvegarde faite.")).to_be_visible()
    expect(page.get_by_text("Sauvegarde à restaurer")).to_be_visible()
    screenshot(page, "fr-data")
    with_engine(
        server.database,
        lambda e: save_reading(e, default_profile_id(e), Reading(date(2025, 3, 3), 14, 9, 6, 5)),
    )
    page.get_by_role("button", name="Restaurer…").click()
    expect(page.get_by_text("Toutes les données actuelles seront remplacées")).to_be_visible()
    screenshot(page, "fr-data-restore")
    page.get_by_role("button", name="Oui, restaurer").click()
    expect(page.get_by_text("restaurez-le pour annuler")).to_be_visible()
    assert len(history(server.database).readings) == 2


def test_the_data_page_in_english(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    with_engine(server.database, seed)
    open_data_page(page, server, wait_for_app)
    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("My data")
    page.get_by_role("button", name="Back up now").click()
    expect(page.get_by_text("Backup taken.")).to_be_visible()
    expect(page.get_by_text("Backup to restore")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    screenshot(page, "en-data")


def test_one_table_edited_in_a_spreadsheet_imports_as_a_single_csv(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    with_engine(server.database, seed)
    before = history(server.database)
    open_data_page(page, server, wait_for_app)
    tables = download(page, "Télécharger les tableaux (zip de CSV)", tmp_path / "export.zip")
    with zipfile.ZipFile(tables) as archive:
        readings = archive.read(file_name("readings", "fr")).decode("utf-8-sig")
    # What a spreadsheet saves: a corrected pillar, no BOM, a date written day first.
    edited = tmp_path / "relevés corrigés.csv"
    edited.write_text(readings.replace(";8,25;", ";9,5;").replace("2025-02-03", "03/02/2025"))

    choose_file(page, edited)
    expect(page.get_by_text("l’import ne touche qu’à ce tableau")).to_be_visible()
    expect(page.get_by_test_id("stTable").get_by_text("Relevés SSI")).to_be_visible()
    expect(page.get_by_test_id("stTable").get_by_text("Tâches cochées")).to_have_count(0)
    screenshot(page, "fr-data-single-csv")
    page.get_by_role("button", name="Confirmer l’import").click()
    expect(page.get_by_text("Import terminé : 1 ligne remplacée.")).to_be_visible()
    after = history(server.database)
    assert [r.reading.people for r in after.readings] == [6, 9.5]
    assert after.routine_ticks == before.routine_ticks
    assert after.kpi_months == before.kpi_months


def test_the_uploader_speaks_the_pages_language(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None], tmp_path: Path
) -> None:
    open_data_page(page, server, wait_for_app)
    dropzone = page.get_by_test_id("stFileUploaderDropzone")
    expect(dropzone.get_by_role("button", name="Choisir un fichier")).to_be_visible()
    expect(page.get_by_text("per file")).to_be_hidden()
    expect(page.get_by_text("5 Mo au maximum")).to_be_visible()
    bad = tmp_path / "contacts.csv"
    bad.write_text("Nom;Ville\nDupont;Lyon\n", encoding="utf-8")
    choose_file(page, bad)
    expect(page.get_by_text("ne correspondent à aucun tableau de SSI Coach")).to_be_visible()
    expect(page.get_by_text("files are not allowed")).to_have_count(0)
