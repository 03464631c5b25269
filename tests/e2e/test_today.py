"""A freelancer does the day's routine in a real browser: ticks that last, reminders, pictures."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine

from ssi_coach.charts.habit import ROW_HEIGHT
from ssi_coach.habits import weekday_labels
from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.plan import build_plan
from ssi_coach.routine import Task, routine_for
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.lifecycle import migrate
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading
from ssi_coach.store.routine import list_ticks, set_day_mark, set_tick
from tests.e2e.conftest import APP_RUN_TIMEOUT_MS, SCREENSHOTS, AppServer

TODAY = date.today()
ANSWERS = Answers(
    goal=Goal.PROSPECTING,
    role=Role.FREELANCE,
    already_converting=False,
    minutes_per_day=20,
    target="les DAF de PME",
    outcome="fiabiliser leur trésorerie",
    means="un tableau de bord mensuel",
    sector="l’industrie",
)
READING = Reading(TODAY - timedelta(days=12), 11.5, 7.25, 6.8, 9.1)
HISTORY_DAYS = 150
PHONE = 390
# At least the month labels' line and the legend's title and gradient, in pixels.
LABELS_AND_LEGEND = 60


def todays_tasks() -> tuple[Task, ...]:
    return routine_for(build_plan(READING, ANSWERS), ANSWERS, TODAY)


def seed(server: AppServer, history: bool = False) -> None:
    """Store answers, a reading and, on demand, five months of routine, as the app would."""
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        migrate(engine)
        profile = default_profile_id(engine)
        save_answers(engine, profile, ANSWERS)
        save_reading(engine, profile, READING)
        if history:
            seed_history(engine, profile)
    finally:
        engine.dispose()


def seed_history(engine: Engine, profile: int) -> None:
    plan = build_plan(READING, ANSWERS)
    for back in range(1, HISTORY_DAYS):
        day = TODAY - timedelta(days=back)
        tasks = routine_for(plan, ANSWERS, day)
        # Mostly full weekdays, a partial day now and then, a few misses, one week off.
        if day.weekday() >= 5 or back % 11 == 0:
            continue
        if 60 <= back < 67:
            set_day_mark(engine, profile, day, "holiday")
            continue
        done = tasks[:2] if back % 7 == 3 else tasks
        for task in done:
            set_tick(engine, profile, day, task.key, task.lever.value, task.minutes, True)


def open_today(page: Page, server: AppServer, wait: Callable[[Page], None]) -> None:
    page.goto(server.url)
    wait(page)
    expect(page.locator("h1")).to_have_text("Votre routine du jour")


def task_box(page: Page, index: int) -> Locator:
    return page.get_by_test_id("stCheckbox").nth(index)


def test_three_ticks_survive_a_reload_and_a_server_restart(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    seed(server)
    open_today(page, server, wait_for_app)
    tasks = todays_tasks()
    done = 0
    for index in range(3):
        task_box(page, index).locator("label").click()
        done += tasks[index].minutes
        expect(page.get_by_text(f"{done} min faites sur 20")).to_be_visible()

    page.reload()
    wait_for_app(page)
    for index in range(3):
        expect(task_box(page, index).get_by_role("checkbox")).to_be_checked()
    expect(task_box(page, 3).get_by_role("checkbox")).not_to_be_checked()

    server.restart()
    open_today(page, server, wait_for_app)
    for index in range(3):
        expect(task_box(page, index).get_by_role("checkbox")).to_be_checked()
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        ticked = {tick.task_key for tick in list_ticks(engine, default_profile_id(engine))}
    finally:
        engine.dispose()
    assert ticked == {task.key for task in tasks[:3]}


def download(page: Page, label: str) -> Calendar:
    with page.expect_download() as started:
        page.get_by_role("button", name=label).click()
    return Calendar.from_ical(Path(started.value.path()).read_bytes())


def test_the_reminders_download_as_valid_calendars(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    seed(server)
    open_today(page, server, wait_for_app)
    clock = page.get_by_test_id("stTimeInput")
    clock.get_by_role("spinbutton").first.click()
    page.keyboard.type("0730")
    page.keyboard.press("Tab")
    expect(clock.locator("input[type=hidden]")).to_have_value("07:30:00")
    day_field = page.get_by_role("spinbutton", name="Jour du relevé mensuel")
    day_field.fill("5")
    day_field.press("Enter")
    expect(page.get_by_text("Du lundi au vendredi à 7 h 30, pour 20 minutes")).to_be_visible()
    expect(page.get_by_text("Le 5 de chaque mois à 9 h 00")).to_be_visible()

    routine = download(page, "Rappel de la routine (.ics)")
    [event] = routine.walk("VEVENT")
    assert routine["PRODID"] == "-//SSI Coach//SSI Coach//FR"
    assert event["UID"].endswith("@ssi-coach.local")
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert event.decoded("DTSTART").time() == time(7, 30)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    assert [alarm["ACTION"] for alarm in event.walk("VALARM")] == ["DISPLAY"]
    assert "20 minutes" in str(event["SUMMARY"])

    checkin = download(page, "Rappel du relevé mensuel (.ics)")
    [event] = checkin.walk("VEVENT")
    assert event["RRULE"]["FREQ"] == ["MONTHLY"]
    assert event["RRULE"]["BYMONTHDAY"] == [5]
    assert event.decoded("DTSTART").day == 5


def shoot_heatmap(page: Page, name: str) -> None:
    chart = page.get_by_test_id("stVegaLiteChart").first
    expect(chart.locator("canvas, svg").first).to_be_visible()
    chart.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_today_and_its_heatmap_are_captured_in_both_languages(
    server: AppServer,
    page: Page,
    wait_for_app: Callable[[Page], None],
    screenshot: Callable[[Page, str], Path],
) -> None:
    seed(server, history=True)
    open_today(page, server, wait_for_app)
    task_box(page, 0).locator("label").click()
    expect(page.get_by_text(f"{todays_tasks()[0].minutes} min faites sur 20")).to_be_visible()
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(2)
    shoot_heatmap(page, "fr-today-heatmap")
    screenshot(page, "fr-today")

    back = next(i for i in range(1, 8) if (TODAY - timedelta(days=i)).weekday() < 5)
    page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.get_by_role(
        "combobox"
    ).click()
    page.get_by_role("option").nth(back).click()
    expect(page.get_by_text("min faites sur 20")).not_to_have_text(
        f"{todays_tasks()[0].minutes} min faites sur 20"
    )
    # A finished day offers no pause: changing its first tick leaves it unfinished either way.
    task_box(page, 0).locator("label").click()
    expect(page.get_by_role("button", name="Mettre ce jour en pause")).to_be_visible()
    page.get_by_text("Partir en congés").click()
    expect(page.get_by_role("button", name="Enregistrer les congés")).to_be_visible()
    screenshot(page, "fr-today-backfill-pauses")

    page.get_by_test_id("stSidebar").get_by_text("English").click()
    expect(page.locator("h1")).to_have_text("Your routine for today")
    wait_for_app(page)
    expect(page.get_by_text("Regularity", exact=True)).to_be_visible()
    day_choice = (
        page.get_by_test_id("stMain").get_by_test_id("stSelectbox").first.get_by_role("combobox")
    )
    chosen = TODAY - timedelta(days=back)
    shown = f"{weekday_labels('en')[chosen.weekday()]} {chosen}"
    # On a Tuesday the latest weekday is yesterday, and the app says so.
    expect(day_choice).to_have_value(f"Yesterday, {shown}" if back == 1 else shown)
    day_choice.click()
    page.get_by_role("option").first.click()
    expect(day_choice).to_have_value(re.compile(r"^Today, "))
    wait_for_app(page)
    shoot_heatmap(page, "en-today-heatmap")
    screenshot(page, "en-today")


def seed_one_weekday(server: AppServer) -> None:
    """Store answers, a reading and one full routine on the latest weekday: a habit of days."""
    seed(server)
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        profile = default_profile_id(engine)
        day = next(
            TODAY - timedelta(days=i) for i in range(7) if (TODAY - timedelta(days=i)).weekday() < 5
        )
        for task in routine_for(build_plan(READING, ANSWERS), ANSWERS, day):
            set_tick(engine, profile, day, task.key, task.lever.value, task.minutes, True)
    finally:
        engine.dispose()


@pytest.mark.parametrize("history", [False, True], ids=["new-habit", "five-months"])
def test_on_a_phone_the_habit_charts_stay_whole_and_inside_the_page(
    server: AppServer,
    browser: Browser,
    wait_for_app: Callable[[Page], None],
    history: bool,
) -> None:
    if history:
        seed(server, history=True)
    else:
        seed_one_weekday(server)
    context = browser.new_context(viewport={"width": PHONE, "height": 900}, locale="fr-FR")
    context.set_default_timeout(APP_RUN_TIMEOUT_MS)
    try:
        page = context.new_page()
        open_today(page, server, wait_for_app)
        charts = page.get_by_test_id("stVegaLiteChart")
        expect(charts).to_have_count(2)
        for index in range(2):
            drawing = charts.nth(index).locator("canvas, svg").first
            drawing.scroll_into_view_if_needed()
            expect(drawing).to_be_visible()
            box = drawing.bounding_box()
            assert box is not None
            assert box["x"] >= 0
            assert box["x"] + box["width"] <= PHONE
        heatmap = charts.first.locator("canvas, svg").first.bounding_box()
        assert heatmap is not None
        # Seven weekday rows keep their height: the month labels and the legend come below
        # them, not squeezed into it.
        assert heatmap["height"] >= 7 * ROW_HEIGHT + LABELS_AND_LEGEND
    finally:
        context.close()


def test_a_new_user_lands_on_the_questionnaire_then_on_the_first_check_in(
    server: AppServer, page: Page, wait_for_app: Callable[[Page], None]
) -> None:
    page.goto(server.url)
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/questionnaire$"))
    engine = make_engine(f"sqlite:///{server.database}")
    try:
        save_answers(engine, default_profile_id(engine), ANSWERS)
    finally:
        engine.dispose()
    page.goto(server.url)
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/checkin$"))
    expect(page.locator("h1")).to_have_text("Relevé mensuel du SSI")
