"""The monthly check-in: read the typed form, and sum it up against the previous reading."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ssi_coach.i18n import format_number
from ssi_coach.model import READING_FIELDS, InvalidInput, Pillar, Reading, check_reading_field

PILLAR_FIELDS = tuple(p.value for p in Pillar)
RANK_FIELDS = ("industry_rank", "network_rank")
AVERAGE_FIELDS = ("industry_average", "network_average")
CHECKIN_FIELDS = READING_FIELDS
# DOMAIN.md §7: checking monthly is enough; closer than this invites chasing the number.
MIN_DAYS_BETWEEN_CHECKINS = 7
_SPACES = ("\u00a0", "\u202f", " ")
# The two ways a date is written to the app: as the date field shows it, and as ISO 8601.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class FormErrors(ValueError):
    """Every field of a form that is wrong, in the form's order."""

    def __init__(self, errors: Sequence[InvalidInput]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors))

    @property
    def fields(self) -> tuple[str, ...]:
        """Return the names of the offending fields."""
        return tuple(e.field for e in self.errors)


def parse_number(field: str, raw: object, required: bool) -> float | None:
    """Return a typed number, accepting a French comma decimal, or None when optional and empty."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InvalidInput(field, "required")
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return float(raw)
    if not isinstance(raw, str):
        raise InvalidInput(field, "not_a_number")
    text = raw.strip()
    for space in _SPACES:
        text = text.replace(space, "")
    if field in RANK_FIELDS:
        # People copy "Top 10 %" as it stands on LinkedIn.
        text = text.removeprefix("Top").removeprefix("top").removesuffix("%")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        raise InvalidInput(field, "not_a_number") from None


def parse_day(field: str, raw: object) -> date:
    """Return the calendar date a form gave, written 01/09/2026 or 2026-09-01, or raise."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise InvalidInput(field, "required")
    if isinstance(raw, date):
        # A datetime passes here and is refused by check_reading_field: a moment is not a day.
        return raw
    if not isinstance(raw, str):
        raise InvalidInput(field, "not_a_date")
    text = raw.strip()
    if found := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in found.groups())
    elif found := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise InvalidInput(field, "date_format")
    try:
        return date(year, month, day)
    except ValueError:
        # 31/02/2026 has the right shape but is no day of the calendar.
        raise InvalidInput(field, "date_format") from None


def reading_from_form(values: Mapping[str, object]) -> Reading:
    """Return the Reading a check-in form describes, or raise FormErrors naming every bad field.

    The date is checked here, never by the widget: a future date, a date before the SSI
    existed or an unreadable one is refused like any other bad field.
    """
    errors: list[InvalidInput] = []
    parsed: dict[str, object] = {}
    try:
        parsed["taken_on"] = parse_day("taken_on", values.get("taken_on"))
    except InvalidInput as error:
        errors.append(error)
    for field in CHECKIN_FIELDS[1:]:
        try:
            number = parse_number(field, values.get(field), required=field in PILLAR_FIELDS)
        except InvalidInput as error:
            errors.append(error)
            continue
        parsed[field] = number
    for field in CHECKIN_FIELDS:
        if field in parsed:
            try:
                parsed[field] = check_reading_field(field, parsed[field])
            except InvalidInput as error:
                errors.append(error)
    if errors:
        raise FormErrors(sorted(errors, key=lambda e: CHECKIN_FIELDS.index(e.field)))
    # Each value was parsed and checked by check_reading_field above.
    return Reading(**parsed)  # type: ignore[arg-type]


def form_values(reading: Reading, lang: str) -> dict[str, object]:
    """Return the check-in form's values that describe a reading, numbers written for lang."""
    values: dict[str, object] = {"taken_on": reading.taken_on}
    for field in CHECKIN_FIELDS[1:]:
        value = getattr(reading, field)
        values[field] = "" if value is None else format_number(value, lang)
    return values


def changed_fields(old: Reading, new: Reading) -> tuple[str, ...]:
    """Return the figures that differ between two readings, in the form's order."""
    return tuple(
        field for field in CHECKIN_FIELDS[1:] if getattr(old, field) != getattr(new, field)
    )


@dataclass(frozen=True)
class CheckinSummary:
    """What a new reading means next to the previous one."""

    total: float
    total_shown: int
    previous: Reading | None
    change: float | None
    days_since_previous: int | None

    @property
    def too_soon(self) -> bool:
        """Tell whether the previous check-in is less than a week old."""
        return (
            self.days_since_previous is not None
            and self.days_since_previous < MIN_DAYS_BETWEEN_CHECKINS
        )


def previous_reading(reading: Reading, history: Sequence[Reading]) -> Reading | None:
    """Return the latest reading dated strictly before this one."""
    earlier = [r for r in history if r.taken_on < reading.taken_on]
    return max(earlier, key=lambda r: r.taken_on, default=None)


def summarize_checkin(reading: Reading, history: Sequence[Reading]) -> CheckinSummary:
    """Sum up a reading: LinkedIn's rounded total, the exact sum, and the change since before."""
    previous = previous_reading(reading, history)
    change = None if previous is None else round(reading.total - previous.total, 3)
    days = None if previous is None else (reading.taken_on - previous.taken_on).days
    return CheckinSummary(
        total=reading.total,
        total_shown=reading.total_shown,
        previous=previous,
        change=change,
        days_since_previous=days,
    )


class CheckinStatus(StrEnum):
    """What became of a submitted check-in."""

    SAVED = "saved"
    REPLACED = "replaced"
    EDITED = "edited"  # a reading of the history was corrected, perhaps moved to another date
    EXISTS = "exists"
    UNCHANGED = "unchanged"  # the very same reading is already stored: nothing to ask
    MISSING = "missing"  # the reading being edited is gone, deleted from another tab
    INVALID = "invalid"
    KEPT = "kept"  # the user chose to keep the reading already stored


@dataclass(frozen=True)
class CheckinOutcome:
    """What became of a submitted check-in: saved, waiting for a replace decision, or invalid."""

    status: CheckinStatus
    reading: Reading | None = None
    summary: CheckinSummary | None = None
    existing: Reading | None = None
    errors: tuple[InvalidInput, ...] = ()
    # The date of the reading being edited, when the check-in corrects one of the history.
    original: date | None = None
    # Whether the reading came from a pasted SSI page: only then is its total LinkedIn's own.
    pasted: bool = False

    @property
    def changes(self) -> tuple[str, ...]:
        """Return the figures a replacement would change."""
        if self.existing is None or self.reading is None:
            return ()
        return changed_fields(self.existing, self.reading)
