"""The goal questionnaire: read the typed form into Answers, and describe earlier answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from ssi_coach.checkin import FormErrors, parse_number
from ssi_coach.i18n import DEFAULT_LANG, Lang, format_date, t
from ssi_coach.model import (
    ANSWER_TEXTS,
    MINUTES_MAX,
    MINUTES_MIN,
    PROFILE_LANGUAGES,
    Answers,
    Goal,
    InvalidInput,
    Role,
    answer_limit,
    check_whole,
    clean_text,
)

# The free-text answers, in the questionnaire's order: whom, their titles, their company, their
# sector, then what you bring them and how.
TEXT_FIELDS = ANSWER_TEXTS
QUESTIONNAIRE_FIELDS = (
    "goal",
    "role",
    "already_converting",
    "minutes_per_day",
    *TEXT_FIELDS,
    "profile_lang",
)
# The diagnostic question's answers, stored as codes so that the form stays language-neutral.
CONVERTING_CHOICES: Mapping[str, bool] = {"yes": True, "no": False}
# DOMAIN.md §6: about 20 minutes a day, 5 per pillar.
MINUTES_DEFAULT = 20
MINUTES_STEP = 5
CONVERTING_SHORT = "questionnaire.converting.short"
PROFILE_LANG_LABEL = "questionnaire.profile_lang"
# What the headline preview assumes for a choice not made yet: the headline does not use them.
PREVIEW_CHOICES: Mapping[str, object] = {
    "goal": Goal.PROSPECTING,
    "role": Role.FREELANCE,
    "already_converting": False,
}


def _choice(field: str, value: object, choices: type[Goal] | type[Role]) -> Goal | Role:
    if value is None or value == "":
        raise InvalidInput(field, "required")
    try:
        return choices(str(value))
    except ValueError:
        raise InvalidInput(field, "unknown_choice") from None


def _converting(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if value is None or value == "":
        raise InvalidInput("already_converting", "required")
    if isinstance(value, str) and value in CONVERTING_CHOICES:
        return CONVERTING_CHOICES[value]
    raise InvalidInput("already_converting", "unknown_choice")


def _minutes(value: object) -> int:
    number = parse_number("minutes_per_day", value, required=True)
    return check_whole("minutes_per_day", number, MINUTES_MIN, MINUTES_MAX)


def _text(field: str, value: object) -> str:
    return "" if value is None else clean_text(field, value, answer_limit(field))


def _profile_lang(value: object) -> str:
    # Only a caller that does not ask the question sends nothing: the form always offers a choice.
    if value is None:
        return DEFAULT_LANG.value
    if value not in PROFILE_LANGUAGES:
        raise InvalidInput("profile_lang", "unknown_choice")
    return str(value)


def read_field(field: str, value: object) -> object:
    """Return one questionnaire answer normalised, or raise InvalidInput naming the field."""
    if field == "goal":
        return _choice(field, value, Goal)
    if field == "role":
        return _choice(field, value, Role)
    if field == "already_converting":
        return _converting(value)
    if field == "minutes_per_day":
        return _minutes(value)
    if field == "profile_lang":
        return _profile_lang(value)
    return _text(field, value)


def answers_from_form(values: Mapping[str, object]) -> Answers:
    """Return the Answers a questionnaire describes, or raise FormErrors naming every bad field."""
    parsed: dict[str, object] = {}
    errors: list[InvalidInput] = []
    for field in QUESTIONNAIRE_FIELDS:
        try:
            parsed[field] = read_field(field, values.get(field))
        except InvalidInput as error:
            errors.append(error)
    if errors:
        raise FormErrors(errors)
    # Each value was read and checked by its own field reader above.
    return Answers(**parsed)  # type: ignore[arg-type]


def answers_so_far(values: Mapping[str, object]) -> Answers:
    """Return the Answers a questionnaire being filled describes, leaving out what does not read.

    A text that is empty or wrong is left empty; a choice not made yet takes its value from
    PREVIEW_CHOICES. Never raises: the headline preview is built while the user types.
    """
    readable: dict[str, object] = dict(PREVIEW_CHOICES)
    for field in QUESTIONNAIRE_FIELDS:
        try:
            readable[field] = read_field(field, values.get(field))
        except InvalidInput:
            continue
    # Each value was read and checked by its own field reader above, or is a valid default.
    return Answers(**readable)  # type: ignore[arg-type]


def converting_code(already_converting: bool) -> str:
    """Return the form code of the diagnostic answer."""
    return next(code for code, flag in CONVERTING_CHOICES.items() if flag is already_converting)


def form_values(answers: Answers | None, role: Role, lang: Lang | str) -> dict[str, object]:
    """Return the values to prefill the form with: the latest answers, or the stored role alone.

    Goal and diagnostic stay unset before the first answers: the user must choose them.
    The role comes from the settings, which every saved questionnaire updates. Before the first
    answers, the profile's language is taken to be the interface language `lang`.
    """
    if answers is None:
        profile_lang = lang if lang in PROFILE_LANGUAGES else DEFAULT_LANG.value
        return {
            "role": Role(role).value,
            "minutes_per_day": MINUTES_DEFAULT,
            "profile_lang": str(profile_lang),
        }
    return {
        "goal": answers.goal.value,
        "role": Role(role).value,
        "already_converting": converting_code(answers.already_converting),
        "minutes_per_day": answers.minutes_per_day,
        **{field: getattr(answers, field) for field in TEXT_FIELDS},
        "profile_lang": answers.profile_lang,
    }


def local_moment(stored: datetime) -> datetime:
    """Return a moment stored in UTC without a zone as the machine's local time."""
    return stored.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def format_moment(moment: datetime, lang: Lang | str) -> str:
    """Return a date and time as the language writes them: 22/11/2026 à 14:05."""
    return t(
        lang, "questionnaire.moment", date=format_date(moment.date(), lang), time=f"{moment:%H:%M}"
    )


def history_rows(
    history: Sequence[tuple[datetime, Answers]], lang: Lang | str
) -> list[dict[str, object]]:
    """Return earlier answers newest first, one row each, with columns named for the language."""
    rows: list[dict[str, object]] = []
    for moment, answers in reversed(history):
        code = converting_code(answers.already_converting)
        row: dict[str, object] = {
            t(lang, "questionnaire.col.answered_at"): format_moment(moment, lang),
            t(lang, "field.goal"): t(lang, f"goal.{answers.goal.value}"),
            t(lang, "field.role"): t(lang, f"role.{answers.role.value}"),
            t(lang, "questionnaire.col.converting"): t(lang, f"{CONVERTING_SHORT}.{code}"),
            t(lang, "field.minutes_per_day"): answers.minutes_per_day,
        }
        for field in TEXT_FIELDS:
            row[t(lang, f"field.{field}")] = getattr(answers, field)
        row[t(lang, "field.profile_lang")] = t(lang, f"{PROFILE_LANG_LABEL}.{answers.profile_lang}")
        rows.append(row)
    return rows
