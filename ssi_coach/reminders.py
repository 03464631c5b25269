"""Calendar reminders (.ics, RFC 5545): the weekday routine and the monthly SSI check-in.

Times are wall-clock times in ``Europe/Paris`` by default, written with a TZID and its
VTIMEZONE, so a 9:00 reminder stays at 9:00 across daylight-saving changes; pass another IANA
name, or ``None`` for a floating local time that follows the device's clock wherever it is.
Each event carries a display alarm at its start. UIDs are stable per kind and start day, so
importing a new version of the same reminder updates it instead of adding a second one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ssi_coach.i18n import Lang, as_lang, t
from ssi_coach.model import MINUTES_MAX, MINUTES_MIN, InvalidInput, check_whole
from ssi_coach.months import add_months

if TYPE_CHECKING:
    from icalendar import Alarm, Event

DEFAULT_TIMEZONE = "Europe/Paris"
PRODID = "-//SSI Coach//SSI Coach//{lang}"
UID_DOMAIN = "ssi-coach.local"
ROUTINE_DAYS = ("MO", "TU", "WE", "TH", "FR")
# A check-in is short: read the SSI page, note four pillars and the month's KPIs.
CHECKIN_MINUTES = 15
# Months all have a 28th; later days would skip February.
CHECKIN_DAY_MAX = 28
# The VTIMEZONE needs daylight-saving transitions for as long as the reminder may run.
TIMEZONE_YEARS = 20


def _check_time(value: object) -> time:
    """Return a naive time of day, or raise InvalidInput."""
    if not isinstance(value, time) or value.tzinfo is not None:
        raise InvalidInput("reminder_time", "not_a_time")
    return value.replace(microsecond=0)


def _check_start(value: object) -> date:
    """Return a plain date, or raise InvalidInput."""
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidInput("reminder_start", "not_a_date")
    return value


def _zone(name: str | None) -> ZoneInfo | None:
    """Return the time zone for an IANA name, None for floating time, or raise InvalidInput."""
    if name is None:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone", "unknown_choice") from None


def first_weekday_on_or_after(start: date) -> date:
    """Return start, or the next Monday when start falls on a weekend."""
    while start.weekday() >= len(ROUTINE_DAYS):
        start += timedelta(days=1)
    return start


def first_month_day_on_or_after(start: date, day_of_month: int) -> date:
    """Return the first date on or after start whose day of the month is day_of_month."""
    if start.day <= day_of_month:
        return start.replace(day=day_of_month)
    return add_months(start, 1).replace(day=day_of_month)


def _alarm(description: str) -> Alarm:
    """Return a display alarm that fires at the event's start."""
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", description)
    alarm.add("trigger", timedelta(0))
    return alarm


def _calendar(event: Event, lang: Lang, start: date, zone: ZoneInfo | None) -> bytes:
    """Return the iCalendar bytes of one event, with the VTIMEZONE it refers to."""
    # Imported when a file is asked for: most page runs never build one.
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID.format(lang=lang.value.upper()))
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add_component(event)
    if zone is not None:
        calendar.add_missing_timezones(
            first_date=start, last_date=date(start.year + TIMEZONE_YEARS, 1, 1)
        )
    return bytes(calendar.to_ical())


def _event(
    kind: str,
    first: date,
    at: time,
    minutes: int,
    zone: ZoneInfo | None,
    stamp: datetime | None,
) -> Event:
    """Return an event skeleton with UID, DTSTAMP, DTSTART and DURATION."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"{kind}-{first:%Y%m%d}@{UID_DOMAIN}")
    event.add("dtstamp", (stamp or datetime.now(UTC)).astimezone(UTC))
    event.add("dtstart", datetime.combine(first, at, tzinfo=zone))
    event.add("duration", timedelta(minutes=minutes))
    return event


def daily_routine_ics(
    time_of_day: time,
    lang: Lang | str,
    start: date,
    minutes: int = 20,
    timezone: str | None = DEFAULT_TIMEZONE,
    stamp: datetime | None = None,
) -> bytes:
    """Return a calendar with the routine every weekday at time_of_day, from start on."""
    at = _check_time(time_of_day)
    first = first_weekday_on_or_after(_check_start(start))
    minutes = check_whole("minutes_per_day", minutes, MINUTES_MIN, MINUTES_MAX)
    zone = _zone(timezone)
    lang = as_lang(lang)
    event = _event("routine", first, at, minutes, zone, stamp)
    event.add("summary", t(lang, "reminder.routine.summary", minutes=minutes))
    event.add("description", t(lang, "reminder.routine.description"))
    event.add("rrule", {"freq": "weekly", "byday": list(ROUTINE_DAYS)})
    event.add_component(_alarm(t(lang, "reminder.routine.alarm", minutes=minutes)))
    return _calendar(event, lang, first, zone)


def monthly_checkin_ics(
    day_of_month: int,
    lang: Lang | str,
    start: date,
    time_of_day: time = time(9, 0),
    timezone: str | None = DEFAULT_TIMEZONE,
    stamp: datetime | None = None,
) -> bytes:
    """Return a calendar with the SSI check-in on day_of_month (1..28) of every month."""
    day = check_whole("checkin_day", day_of_month, 1, CHECKIN_DAY_MAX)
    at = _check_time(time_of_day)
    first = first_month_day_on_or_after(_check_start(start), day)
    zone = _zone(timezone)
    lang = as_lang(lang)
    event = _event("checkin", first, at, CHECKIN_MINUTES, zone, stamp)
    event.add("summary", t(lang, "reminder.checkin.summary"))
    event.add("description", t(lang, "reminder.checkin.description"))
    event.add("rrule", {"freq": "monthly", "bymonthday": [day]})
    event.add_component(_alarm(t(lang, "reminder.checkin.alarm")))
    return _calendar(event, lang, first, zone)
