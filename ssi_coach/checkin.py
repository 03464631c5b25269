"""The monthly check-in: read the typed form, and sum it up against the previous reading."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NoReturn

from babel.numbers import NumberFormatError, parse_decimal

from ssi_coach.i18n import Lang, as_lang, format_number, number_symbols
from ssi_coach.model import (
    EXACT_MAX,
    READING_FIELDS,
    InvalidInput,
    Pillar,
    Reading,
    check_reading_field,
)

PILLAR_FIELDS = tuple(p.value for p in Pillar)
RANK_FIELDS = ("industry_rank", "network_rank")
AVERAGE_FIELDS = ("industry_average", "network_average")
CHECKIN_FIELDS = READING_FIELDS
# DOMAIN.md §7: checking monthly is enough; closer than this invites chasing the number.
MIN_DAYS_BETWEEN_CHECKINS = 7
_SPACES = ("\u00a0", "\u202f", " ")
# A count as typed: ASCII digits grouped by spaces, commas or dots, perhaps signed (Babel alone
# would also take 1E5 or Arabic-Indic digits).
_COUNT = re.compile(r"([+\-\u2212]?)([0-9][0-9 ,.]*)")
_MARKS = ",."
# A number whose thousands are set apart by spaces: 1 000 or 1 000,5.
_GROUPED = re.compile(r"[+\-\u2212]?[0-9]{1,3}(?: [0-9]{3})+(?:[.,][0-9]+)?")
# No count of the domain goes beyond 2**53, which has 16 digits.
_COUNT_DIGITS_MAX = len(str(EXACT_MAX))
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
    """Return a typed number, accepting a French comma decimal, or None when optional and empty.

    No SSI figure reaches a thousand, so a comma or a dot is always the decimal mark: "12,400"
    is 12.4 in either language. A rank is whole, read as a count (see parse_count).
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise InvalidInput(field, "required")
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # Passed on unconverted: float(10**400) would overflow; the domain checks the range.
        return raw
    if not isinstance(raw, str):
        raise InvalidInput(field, "not_a_number")
    text = raw.strip()
    for space in _SPACES:
        text = text.replace(space, " ")
    if field in RANK_FIELDS:
        # People copy "Top 10 %" as it stands on LinkedIn.
        text = text.removeprefix("Top").removeprefix("top").removesuffix("%").strip()
        return parse_count(field, text, None)
    if " " in text and not _GROUPED.fullmatch(text):
        # "9 5" could be 95 or 9.5: only thousands may be set apart by a space.
        raise InvalidInput(field, "not_a_number")
    text = text.replace(" ", "")
    if text.count(",") == 1 and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(field, "not_a_number") from None
    if math.isinf(number) and any(ch.isdigit() for ch in text):
        # Digits beyond a float's range (a 5,000-digit paste, 1e999): a number, far too large.
        raise InvalidInput(field, "too_large")
    return number


def _decimal_mark(digits: str, group_mark: str | None) -> str | None:
    """Return the mark that could end the whole part of a typed count, if any.

    A mark that repeats can only group (1.234.567), so can the language's own grouping mark;
    of the other marks, a decimal mark is the last one.
    """
    single = [m for m in _MARKS if digits.count(m) == 1 and m != group_mark]
    return max(single, key=digits.rindex, default=None)


def _whole_digits(field: str, digits: str, locale: str) -> int:
    """Return a count written with only digits and grouping marks, checked by Babel, or raise."""
    try:
        return int(parse_decimal(digits, locale=locale, strict=True))
    except NumberFormatError:
        # Groups of the wrong size (12,40 or 1 2 3) say no number clearly.
        raise InvalidInput(field, "count_format") from None


def parse_count(field: str, raw: object, lang: Lang | str | None = None) -> int | float | None:
    """Return a typed count as a whole number, grouped as the language writes it; None if empty.

    French groups thousands with spaces or dots (12 400, 12.400), English with commas (12,400).
    A count has no decimals, so a mark before three digits is a group, unless it is the
    language's decimal mark: "1,000" in French is 1, and "250.000" in English is 250, which
    the user surely did not mean; such a text is refused with how to write it, never read as
    either number. Without a language, a single comma or dot before three digits is refused
    so in both. A number given as a number is passed on, for the caller to check.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return raw
    if not isinstance(raw, str):
        raise InvalidInput(field, "not_a_number")
    text = raw.strip()
    spaced = text
    for space in _SPACES:
        spaced = spaced.replace(space, " ")
    found = _COUNT.fullmatch(spaced)
    if found is None:
        return _not_a_count(field, text)
    sign, digits = found.groups()
    if len("".join(filter(str.isdigit, digits)).lstrip("0")) > _COUNT_DIGITS_MAX:
        # Checked before any parse: a 5,000-digit text costs nothing and means nothing.
        raise InvalidInput(field, "too_large")
    sign_of = -1 if sign in ("-", "\u2212") else 1
    code = None if lang is None else as_lang(lang)
    group, decimal = number_symbols(code or Lang.EN)
    # Each language writes decimals with one mark and may group thousands with the other.
    group_mark = None if code is None else ("." if decimal == "," else ",")
    mark = _decimal_mark(digits, group_mark)
    if mark is not None:
        whole, fraction = digits.rsplit(mark, 1)
        if len(fraction) == 3 and fraction.isdigit():
            whole_part = "".join(filter(str.isdigit, whole))
            raise InvalidInput(
                field,
                "count_ambiguous",
                typed=text,
                small=sign_of * float(f"{whole_part or 0}.{fraction}"),
                large=sign_of * float(whole_part + fraction),
            )
        raise InvalidInput(field, "not_whole" if fraction.isdigit() else "count_format")
    for other in (" ", *_MARKS):
        digits = digits.replace(other, group)
    return sign_of * _whole_digits(field, digits, (code or Lang.EN).value)


def _not_a_count(field: str, text: str) -> NoReturn:
    """Raise the error a text that is not written as a count deserves."""
    try:
        number = float(text)
    except ValueError:
        raise InvalidInput(field, "not_a_number") from None
    if not math.isfinite(number):
        raise InvalidInput(field, "not_finite")
    # 1e5 or 1_000: a number, but not as anyone writes a count.
    raise InvalidInput(field, "count_format")


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
    # The stored reading changed (or went) since the user was asked: nothing was written.
    CHANGED = "changed"
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
