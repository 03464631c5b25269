"""The goal questionnaire: read the typed form into Answers, and describe earlier answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from ssi_coach.checkin import FormErrors, parse_number
from ssi_coach.i18n import Lang, format_date, t
from ssi_coach.model import (
    ANSWER_TEXT_MAX,
    MINUTES_MAX,
    MINUTES_MIN,
    Answers,
    Goal,
    InvalidInput,
    Role,
    check_whole,
    clean_text,
)

TEXT_FIELDS = ("target", "outcome", "means", "sector")
QUESTIONNAIRE_FIELDS = ("goal", "role", "already_converting", "minutes_per_day", *TEXT_FIELDS)
# The diagnostic question's answers, stored as codes so that the form stays language-neutral.
CONVERTING_CHOICES: Mapping[str, bool] = {"yes": True, "no": False}
# DOMAIN.md §6: about 20 minutes a day, 5 per pillar.
MINUTES_DEFAULT = 20
MINUTES_STEP = 5
TEXT_LIMIT = ANSWER_TEXT_MAX
CONVERTING_SHORT = "questionnaire.converting.short"


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
    return "" if value is None else clean_text(field, value, TEXT_LIMIT)


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


def converting_code(already_converting: bool) -> str:
    """Return the form code of the diagnostic answer."""
    return next(code for code, flag in CONVERTING_CHOICES.items() if flag is already_converting)


def form_values(answers: Answers | None, role: Role) -> dict[str, object]:
    """Return the values to prefill the form with: the latest answers, or the stored role alone.

    Goal and diagnostic stay unset before the first answers: the user must choose them.
    The role comes from the settings, which every saved questionnaire updates.
    """
    if answers is None:
        return {"role": Role(role).value, "minutes_per_day": MINUTES_DEFAULT}
    return {
        "goal": answers.goal.value,
        "role": Role(role).value,
        "already_converting": converting_code(answers.already_converting),
        "minutes_per_day": answers.minutes_per_day,
        **{field: getattr(answers, field) for field in TEXT_FIELDS},
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
        rows.append(row)
    return rows
