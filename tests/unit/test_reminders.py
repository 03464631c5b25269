"""Calendar reminders: the bytes parse back as valid RFC 5545 with every required property."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar, Event

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.reminders import daily_routine_ics, monthly_checkin_ics

STAMP = datetime(2026, 1, 2, 8, 0, tzinfo=UTC)
PARIS = ZoneInfo("Europe/Paris")
Maker = Callable[..., tuple[Calendar, Event]]
REQUIRED = ("UID", "DTSTAMP", "DTSTART", "SUMMARY", "RRULE")


def parse(data: bytes) -> tuple[Calendar, Event]:
    calendar = Calendar.from_ical(data)
    calendar.validate()
    (event,) = calendar.events
    return calendar, event


def routine(**changes: object) -> tuple[Calendar, Event]:
    arguments: dict[str, object] = {
        "time_of_day": time(8, 30),
        "lang": Lang.FR,
        "start": date(2026, 1, 6),
        "minutes": 20,
        "stamp": STAMP,
    }
    arguments.update(changes)
    return parse(daily_routine_ics(**arguments))  # type: ignore[arg-type]


def checkin(**changes: object) -> tuple[Calendar, Event]:
    arguments: dict[str, object] = {
        "day_of_month": 3,
        "lang": Lang.FR,
        "start": date(2026, 1, 6),
        "stamp": STAMP,
    }
    arguments.update(changes)
    return parse(monthly_checkin_ics(**arguments))  # type: ignore[arg-type]


@pytest.mark.parametrize("make", [routine, checkin])
def test_the_calendar_has_a_version_and_a_product_id(make: Maker) -> None:
    calendar, _ = make()
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//SSI Coach//")


@pytest.mark.parametrize("make", [routine, checkin])
def test_the_event_has_every_required_property(make: Maker) -> None:
    _, event = make()
    assert all(name in event for name in REQUIRED)
    assert event["DTSTAMP"].dt == STAMP


@pytest.mark.parametrize("make", [routine, checkin])
def test_the_event_carries_a_display_alarm(make: Maker) -> None:
    _, event = make()
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["DESCRIPTION"]
    assert alarm["TRIGGER"].dt == timedelta(0)


@pytest.mark.parametrize("make", [routine, checkin])
def test_the_time_zone_is_described_in_the_calendar(make: Maker) -> None:
    calendar, event = make()
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"


def test_the_routine_repeats_on_weekdays_only() -> None:
    _, event = routine()
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]


def test_the_routine_starts_at_the_chosen_time_in_paris() -> None:
    _, event = routine(time_of_day=time(7, 45))
    assert event["DTSTART"].dt == datetime(2026, 1, 6, 7, 45, tzinfo=PARIS)


def test_the_routine_lasts_the_daily_budget() -> None:
    _, event = routine(minutes=35)
    assert event["DURATION"].dt == timedelta(minutes=35)


def test_a_routine_starting_on_a_saturday_begins_on_monday() -> None:
    _, event = routine(start=date(2026, 1, 10))
    assert event["DTSTART"].dt.date() == date(2026, 1, 12)


def test_the_summary_is_written_in_the_chosen_language() -> None:
    _, french = routine(lang=Lang.FR, minutes=25)
    _, english = routine(lang=Lang.EN, minutes=25)
    assert str(french["SUMMARY"]) == "Routine SSI : 25 minutes"
    assert str(english["SUMMARY"]) == "SSI routine: 25 minutes"


def test_a_floating_time_has_no_time_zone() -> None:
    calendar, event = routine(timezone=None)
    assert event["DTSTART"].dt == datetime(2026, 1, 6, 8, 30)
    assert not calendar.walk("VTIMEZONE")


def test_the_same_reminder_keeps_the_same_uid() -> None:
    _, first = routine(time_of_day=time(8, 0))
    _, second = routine(time_of_day=time(18, 0))
    assert str(first["UID"]) == str(second["UID"])


def test_the_checkin_repeats_on_its_day_of_the_month() -> None:
    _, event = checkin(day_of_month=28)
    rule = event["RRULE"]
    assert (rule["FREQ"], rule["BYMONTHDAY"]) == (["MONTHLY"], [28])


def test_a_checkin_day_already_past_starts_next_month_across_the_year_end() -> None:
    _, event = checkin(day_of_month=5, start=date(2026, 12, 20))
    assert event["DTSTART"].dt == datetime(2027, 1, 5, 9, 0, tzinfo=PARIS)


@given(day=st.integers(1, 28), start=st.dates(date(2020, 1, 1), date(2035, 12, 31)))
def test_the_first_checkin_is_the_next_matching_day(day: int, start: date) -> None:
    data = monthly_checkin_ics(day, Lang.EN, start, timezone=None, stamp=STAMP)
    first = Calendar.from_ical(data).events[0]["DTSTART"].dt.date()
    assert first.day == day
    assert start <= first < start + timedelta(days=31)


@pytest.mark.parametrize("day", [0, 29, 31, -1, 2.5, "3"])
def test_a_checkin_day_outside_one_to_twenty_eight_is_rejected(day: object) -> None:
    with pytest.raises(InvalidInput) as error:
        monthly_checkin_ics(day, Lang.FR, date(2026, 1, 1))  # type: ignore[arg-type]
    assert error.value.field == "checkin_day"


@pytest.mark.parametrize(
    "value", ["08:30", 830, datetime(2026, 1, 1, 8, 30), time(8, 30, tzinfo=UTC), None]
)
def test_a_reminder_time_that_is_not_a_plain_time_is_rejected(value: object) -> None:
    with pytest.raises(InvalidInput) as error:
        daily_routine_ics(value, Lang.FR, date(2026, 1, 5))  # type: ignore[arg-type]
    assert error.value.field == "reminder_time"


def test_an_unknown_time_zone_is_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        daily_routine_ics(time(9), Lang.FR, date(2026, 1, 5), timezone="Mars/Olympus")
    assert error.value.field == "timezone"


def test_a_routine_length_outside_the_budget_is_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        daily_routine_ics(time(9), Lang.FR, date(2026, 1, 5), minutes=5)
    assert error.value.field == "minutes_per_day"


def test_a_start_that_is_not_a_date_is_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        daily_routine_ics(time(9), Lang.FR, datetime(2026, 1, 5, 9))
    assert error.value.field == "reminder_start"
