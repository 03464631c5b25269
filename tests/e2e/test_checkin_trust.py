"""A check-in typed in a browser: the date typed is the one checked; pillars in LinkedIn's order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Page, expect

from ssi_coach.store.engine import make_engine
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import list_readings
from tests.e2e.conftest import AppServer, field, open_app
from tests.e2e.test_foundation import PILLARS_FR

# LinkedIn's order: brand, people, insights, relationships (PILLARS_FR keeps it).
PILLAR_LABELS = list(PILLARS_FR)


def type_date(page: Page, day: date) -> None:
    """Type a date into the check-in's date field as a user does, digit by digit."""
    field_box = page.get_by_test_id("stDateInputField").first
    field_box.locator('[data-type="day"]').focus()
    page.keyboard.type(day.strftime("%d%m%Y"))
    # Typing opens the calendar over the form; Escape closes it and keeps what was typed.
    page.keyboard.press("Escape")
    expect(field_box).to_have_text(day.strftime("%d/%m/%Y"))


def stored_readings(server: AppServer) -> int:
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        return len(list_readings(engine, default_profile_id(engine)))
    finally:
        engine.dispose()


def test_a_future_date_typed_after_a_valid_one_is_refused_by_name_and_nothing_is_saved(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    for label, value in PILLARS_FR.items():
        field(page, label).fill(value)
    type_date(page, date(2026, 9, 1))
    future = date.today() + timedelta(days=15)
    type_date(page, future)
    page.get_by_role("button", name="Enregistrer le relevé").click()
    expect(
        page.get_by_text("Date du relevé : la date ne peut pas être dans le futur.")
    ).to_be_visible()
    expect(page.get_by_text("Rien n’a été enregistré.")).to_be_visible()
    # The field still shows the refused date: nothing fell back to another one.
    expect(page.get_by_test_id("stDateInputField").first).to_have_text(future.strftime("%d/%m/%Y"))
    screenshot(page, "fr-checkin-future-date")
    assert stored_readings(server) == 0


def test_tab_goes_through_the_pillars_in_linkedins_order_on_a_desktop_and_a_phone(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    open_app(page, server, "checkin", wait_for_app)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        field(page, PILLAR_LABELS[0]).focus()
        for label in PILLAR_LABELS[1:]:
            page.keyboard.press("Tab")
            expect(field(page, label)).to_be_focused()
        if width == 390:
            # Stacked on a phone: each pillar below the previous one, in LinkedIn's order.
            boxes = [field(page, label).bounding_box() for label in PILLAR_LABELS]
            tops = [box["y"] for box in boxes if box is not None]
            assert len(tops) == len(PILLAR_LABELS)
            assert tops == sorted(set(tops))
            screenshot(page, "fr-checkin-390")
