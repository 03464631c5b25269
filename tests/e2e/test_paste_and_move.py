"""Paste the SSI page, check the preview, save; then carry the history to an empty machine."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.app.test_checkin_paste import FRENCH_PAGE
from tests.e2e.conftest import AppServer
from tests.e2e.test_data import choose_file, download, history, open_data_page


def test_a_pasted_page_is_saved_and_moves_to_an_empty_profile_unchanged(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
    tmp_path: Path,
) -> None:
    page.goto(f"{server.url}/checkin")
    wait_for_app(page)
    page.get_by_role("textbox", name="Texte de votre page SSI").fill(FRENCH_PAGE)
    page.get_by_role("button", name="Lire la page collée").click()
    expect(page.get_by_text("Voici ce que la page contient")).to_be_visible()
    expect(page.get_by_role("textbox", name="Échanger des informations", exact=True)).to_have_value(
        "9,853"
    )
    screenshot(page, "fr-checkin-paste-preview")
    page.get_by_role("button", name="Enregistrer le relevé").click()
    today = date.today().strftime("%d/%m/%Y")
    expect(page.get_by_text(f"Relevé du {today} enregistré.")).to_be_visible()
    saved = history(server.database)
    assert [r.reading.total_shown for r in saved.readings] == [53]
    assert saved.readings[0].source_text == FRENCH_PAGE

    open_data_page(page, server, wait_for_app)
    exported = download(page, "Télécharger tout (JSON)", tmp_path / "export.json")
    other = AppServer(tmp_path / "empty.db", tmp_path / "empty.log")
    other.start()
    try:
        open_data_page(page, other, wait_for_app)
        choose_file(page, exported)
        page.get_by_role("button", name="Confirmer l’import").click()
        expect(page.get_by_text("Import terminé")).to_be_visible()
    finally:
        other.stop()
    assert history(other.database) == saved
