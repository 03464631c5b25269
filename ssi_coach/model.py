"""Domain model: pillars, goals, roles, readings, answers and monthly KPIs."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any

FIRST_SSI_DATE = date(2014, 1, 1)
PILLAR_MAX = 25.0
MAX_DECIMALS = 3
MINUTES_MIN = 10
MINUTES_MAX = 60
# Long enough for a real audience or method, short enough to fit in a 220-character headline.
ANSWER_TEXT_MAX = 80
# The free-text answers of the questionnaire, in its order.
ANSWER_TEXTS = ("target", "titles", "company_kind", "sector", "outcome", "means")
# Several job titles take more room than one answer.
TITLES_TEXT_MAX = 160
# The languages a LinkedIn profile may be written in, for the drafts (codes of i18n.Lang).
PROFILE_LANGUAGES = ("fr", "en")
# Far above one person's monthly LinkedIn figures: it stops a slipped finger, and fits the
# 32-bit integer columns of every database the app runs on.
FIGURE_MAX = 1_000_000_000
# Every whole number up to 2**53 is exactly a float; above it, two different numbers could be
# kept as one, so no value of the domain goes beyond it.
EXACT_MAX = 2**53
# Control characters (C0, DEL, C1) and lone surrogates: a bad paste, never typed on purpose,
# and no database can store a NUL or a lone surrogate. Tab, line feed and carriage return are
# left to each field: a one-line field turns them into spaces, a multi-line one keeps them.
_UNTYPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Pillar(StrEnum):
    BRAND = "brand"
    PEOPLE = "people"
    INSIGHTS = "insights"
    RELATIONSHIPS = "relationships"


class Goal(StrEnum):
    NOTORIETY = "notoriety"
    PROSPECTING = "prospecting"


class Role(StrEnum):
    COMMUNITY_MANAGER = "community_manager"
    FREELANCE = "freelance"
    SALES = "sales"
    EXECUTIVE = "executive"


class InvalidInput(ValueError):
    """A value the user gave is not acceptable; `field` names it, `code` keys its message."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        self.field = field
        self.code = code
        self.params = params
        super().__init__(f"{field}: {code} {params}" if params else f"{field}: {code}")

    def message(self, lang: str) -> str:
        """Return the message in the given language, naming the field."""
        from ssi_coach.i18n import t

        return t(
            lang, "error.field", field=t(lang, f"field.{self.field}"), problem=self.problem(lang)
        )

    def problem(self, lang: str) -> str:
        """Return what is wrong, without the field name."""
        from ssi_coach.i18n import t

        return t(lang, f"error.{self.code}", **self.params)


def _plain_number(name: str, value: object) -> int | float:
    """Return value when it is an int or a finite float: no boolean, text, NaN or infinity."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(name, "not_a_number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(name, "not_finite")
    return value


def decimal_places_ok(value: float, places: int = MAX_DECIMALS) -> bool:
    """Tell whether value is exactly a decimal with at most `places` decimals."""
    return round(value, places) == value


def check_decimal(name: str, value: object, low: float, high: float) -> float:
    """Return value as a float in [low, high] with at most 3 decimals, or raise InvalidInput."""
    number = _plain_number(name, value)
    # Compared before any conversion: Python compares an int and a float exactly, so 10**400
    # is out of range here instead of overflowing float().
    if not low <= number <= high:
        raise InvalidInput(name, "out_of_range", low=low, high=high)
    if not decimal_places_ok(float(number)):
        raise InvalidInput(name, "too_precise", places=MAX_DECIMALS)
    return float(number) + 0.0  # normalise -0.0


def check_whole(name: str, value: object, low: int, high: int | None = None) -> int:
    """Return value as an int in [low, high], or raise InvalidInput.

    Without `high`, the value still stays within 2**53, where every whole number is exact.
    """
    number = _plain_number(name, value)
    if isinstance(number, float) and not number.is_integer():
        raise InvalidInput(name, "not_whole")
    if number < low:
        if high is None:
            raise InvalidInput(name, "too_small", low=low)
        raise InvalidInput(name, "out_of_range", low=low, high=high)
    if number > (EXACT_MAX if high is None else high):
        if high is None:
            raise InvalidInput(name, "too_large")
        raise InvalidInput(name, "out_of_range", low=low, high=high)
    return int(number)


def check_figure(name: str, value: object) -> int:
    """Return a monthly figure (impressions, followers…): a whole number from 0 to FIGURE_MAX."""
    # Above first, so that 10**400 says the largest figure; below, as any count: "0 or more".
    if _plain_number(name, value) > FIGURE_MAX:
        raise InvalidInput(name, "out_of_range", low=0, high=FIGURE_MAX)
    return check_whole(name, value, 0)


def to_thousandths(value: float) -> int:
    """Return a 3-decimal value as an exact integer count of thousandths."""
    return round(value * 1000)


_PILLAR_NAMES = frozenset(p.value for p in Pillar)
READING_FIELDS = (
    "taken_on",
    *(p.value for p in Pillar),
    "industry_rank",
    "network_rank",
    "industry_average",
    "network_average",
)


def check_date(name: str, value: object) -> date:
    """Return value as a calendar date between 2014 and today, or raise InvalidInput."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise InvalidInput(name, "not_a_date")
    if value < FIRST_SSI_DATE:
        raise InvalidInput(name, "before_ssi", first=FIRST_SSI_DATE.year)
    if value > date.today():
        raise InvalidInput(name, "in_future")
    return value


def check_reading_field(name: str, value: object) -> object:
    """Return one field of a Reading normalised, or raise InvalidInput naming it."""
    if name == "taken_on":
        return check_date(name, value)
    if name in _PILLAR_NAMES:
        return check_decimal(name, value, 0.0, PILLAR_MAX)
    if value is None:
        return None
    if name in ("industry_rank", "network_rank"):
        return check_whole(name, value, 1, 100)
    return check_decimal(name, value, 0.0, 100.0)


@dataclass(frozen=True)
class Reading:
    """One SSI check-in: the four pillars as LinkedIn shows them, and optional ranks."""

    taken_on: date
    brand: float
    people: float
    insights: float
    relationships: float
    industry_rank: int | None = None
    network_rank: int | None = None
    industry_average: float | None = None
    network_average: float | None = None

    def __post_init__(self) -> None:
        for name in READING_FIELDS:
            object.__setattr__(self, name, check_reading_field(name, getattr(self, name)))

    def score(self, pillar: Pillar) -> float:
        """Return the score of one pillar."""
        return float(getattr(self, Pillar(pillar).value))

    @cached_property
    def total(self) -> float:
        """Return the exact sum of the four pillars."""
        return sum(to_thousandths(self.score(p)) for p in Pillar) / 1000

    @property
    def total_shown(self) -> int:
        """Return the total as LinkedIn shows it: a whole number, halves rounded up."""
        return math.floor(self.total + 0.5)


@dataclass(frozen=True)
class Answers:
    """The goal questionnaire."""

    goal: Goal
    role: Role
    already_converting: bool
    minutes_per_day: int = 20
    target: str = ""
    outcome: str = ""
    means: str = ""
    sector: str = ""
    # Job titles as LinkedIn profiles write them, in the singular, comma-separated.
    titles: str = ""
    # The kind of company the clients work in: its size or type ("PME", "startups SaaS").
    company_kind: str = ""
    # The language the user's LinkedIn profile is written in, which the drafts are written in.
    profile_lang: str = "fr"

    def __post_init__(self) -> None:
        if self.profile_lang not in PROFILE_LANGUAGES:
            raise InvalidInput("profile_lang", "unknown_choice")
        for name, enum in (("goal", Goal), ("role", Role)):
            try:
                object.__setattr__(self, name, enum(getattr(self, name)))
            except ValueError:
                raise InvalidInput(name, "unknown_choice") from None
        if not isinstance(self.already_converting, bool):
            raise InvalidInput("already_converting", "unknown_choice")
        minutes = check_whole("minutes_per_day", self.minutes_per_day, MINUTES_MIN, MINUTES_MAX)
        object.__setattr__(self, "minutes_per_day", minutes)
        for name in ANSWER_TEXTS:
            limit = answer_limit(name)
            object.__setattr__(self, name, clean_text(name, getattr(self, name), limit))


def answer_limit(name: str) -> int:
    """Return the longest text one answer of the questionnaire may hold."""
    return TITLES_TEXT_MAX if name == "titles" else ANSWER_TEXT_MAX


def check_characters(name: str, value: object, *, multiline: bool = False) -> str:
    """Return value when it is text a user could have typed, or raise InvalidInput naming it.

    Refuse control characters and lone surrogates; tabs and line breaks only in a multi-line
    field.
    """
    if not isinstance(value, str):
        raise InvalidInput(name, "not_text")
    if _UNTYPABLE.search(value) or (not multiline and ("\n" in value or "\r" in value)):
        raise InvalidInput(name, "control_characters")
    return value


def clean_text(name: str, value: object, limit: int = ANSWER_TEXT_MAX) -> str:
    """Return a one-line free-text answer, trimmed, or raise InvalidInput."""
    if not isinstance(value, str):
        raise InvalidInput(name, "not_text")
    if _UNTYPABLE.search(value):
        raise InvalidInput(name, "control_characters")
    # Tabs and line breaks pasted into a one-line field are only spaces between its words.
    text = " ".join(value.split())
    if len(text) > limit:
        raise InvalidInput(name, "too_long", limit=limit)
    return text


def check_month_start(name: str, value: object, today: date | None = None) -> date:
    """Return the first day of a month from January 2014 to today's month, or raise InvalidInput."""
    if not isinstance(value, date) or hasattr(value, "hour"):
        raise InvalidInput(name, "not_a_date")
    if value.day != 1:
        raise InvalidInput(name, "not_first_of_month")
    if value < FIRST_SSI_DATE:
        raise InvalidInput(name, "before_ssi", first=FIRST_SSI_DATE.year)
    today = date.today() if today is None else today
    if (value.year, value.month) > (today.year, today.month):
        raise InvalidInput(name, "in_future")
    return value


@dataclass(frozen=True)
class KpiMonth:
    """The goal's results over one month; every figure is optional."""

    month: date
    impressions: int | None = None
    engagements: int | None = None
    qualified_conversations: int | None = None
    opportunities: int | None = None

    def __post_init__(self) -> None:
        check_month_start("month", self.month)
        for name in ("impressions", "engagements", "qualified_conversations", "opportunities"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, check_figure(name, value))
        if (
            self.impressions is not None
            and self.engagements is not None
            and self.engagements > self.impressions
        ):
            raise InvalidInput("engagements", "above_impressions")

    @property
    def engagement_rate(self) -> float | None:
        """Return engagements divided by impressions, LinkedIn's definition, when both are known."""
        if self.impressions is None or self.engagements is None or self.impressions == 0:
            return None
        return self.engagements / self.impressions
