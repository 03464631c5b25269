"""The KPI journal: read the monthly entry form, lay out past months, compare the KPIs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from ssi_coach.checkin import FormErrors, parse_count
from ssi_coach.i18n import Lang, as_lang, format_count, format_month, format_month_long, t
from ssi_coach.kpis import (
    CHANGE_WINDOWS,
    KPI_NAMES,
    format_change,
    format_kpi_value,
    kpi_change,
    kpi_label,
    kpi_series,
    kpi_value,
)
from ssi_coach.model import (
    Goal,
    InvalidInput,
    KpiMonth,
    Reading,
    check_figure,
    check_month_start,
)
from ssi_coach.months import add_months, month_of, months_apart
from ssi_coach.plan import GOAL_KPIS
from ssi_coach.records import EXTRA_FIELDS, KPI_FIELDS, KpiEntry

NUMBER_FIELDS: tuple[str, ...] = (*KPI_FIELDS, *EXTRA_FIELDS)
JOURNAL_FIELDS: tuple[str, ...] = ("month", *NUMBER_FIELDS)
# Two years to catch up on: enough to rebuild a 12-month comparison from LinkedIn's statistics.
JOURNAL_MONTHS = 24
# The key of a form's values that holds the language the form was shown in: "1,000" is a
# thousand in English and 1 in French, so the figures cannot be read without it.
FORM_LANG = "lang"
# The engagement rate is never typed: the goal's rate asks for the two counts it divides.
_TYPED_FOR: Mapping[str, tuple[str, ...]] = {"engagement_rate": ("impressions", "engagements")}


class EmptyEntry(ValueError):
    """The form holds no figure at all: there is nothing to record."""


def goal_fields(goal: Goal | None) -> tuple[str, ...]:
    """Return the typed fields behind the goal's KPIs, none without a goal."""
    if goal is None:
        return ()
    fields: dict[str, None] = {}
    for kpi in GOAL_KPIS[Goal(goal)]:
        fields |= dict.fromkeys(_TYPED_FOR.get(kpi, (kpi,)))
    return tuple(fields)


def other_fields(goal: Goal | None) -> tuple[str, ...]:
    """Return the KPI fields that do not serve the goal, in the form's order."""
    first = goal_fields(goal)
    return tuple(field for field in KPI_FIELDS if field not in first)


def journal_months(today: date, count: int = JOURNAL_MONTHS) -> tuple[date, ...]:
    """Return the months a user can fill in, this month first, going back `count` months."""
    current = month_of(today)
    return tuple(add_months(current, -back) for back in range(count))


def default_month(today: date) -> date:
    """Return the month to suggest: the last one that is over, as its figures are final."""
    return add_months(month_of(today), -1)


def month_label(month: date, lang: Lang | str) -> str:
    """Return a month written out in full: octobre 2026, October 2026."""
    return format_month_long(month, lang)


def check_month(value: object, today: date) -> date:
    """Return the first day of a month that is not in the future, or raise InvalidInput."""
    return check_month_start("month", value, today)


def _figure(field: str, raw: object, lang: Lang | str | None) -> int | None:
    number = parse_count(field, raw, lang)
    return None if number is None else check_figure(field, number)


def entry_from_form(values: Mapping[str, object], today: date | None = None) -> KpiEntry:
    """Return the month a journal form describes, or raise FormErrors naming every bad field.

    Figures read as the form's language writes them (values[FORM_LANG]: 12 400 or 12.400 in
    French, 12,400 in English); without it, only as both languages read them alike. Raise
    EmptyEntry when every figure is left blank.
    """
    shown_in = values.get(FORM_LANG)
    lang = None if shown_in is None else as_lang(shown_in)
    today = date.today() if today is None else today
    errors: list[InvalidInput] = []
    month: date | None = None
    try:
        month = check_month(values.get("month"), today)
    except InvalidInput as error:
        errors.append(error)
    figures: dict[str, int | None] = {}
    for field in NUMBER_FIELDS:
        try:
            figures[field] = _figure(field, values.get(field), lang)
        except InvalidInput as error:
            errors.append(error)
    impressions, engagements = figures.get("impressions"), figures.get("engagements")
    if impressions is not None and engagements is not None and engagements > impressions:
        errors.append(InvalidInput("engagements", "above_impressions"))
    if errors:
        raise FormErrors(sorted(errors, key=lambda e: JOURNAL_FIELDS.index(e.field)))
    if all(value is None for value in figures.values()):
        raise EmptyEntry("no figure was typed")
    assert month is not None
    return KpiEntry(
        kpis=KpiMonth(month=month, **{field: figures[field] for field in KPI_FIELDS}),
        followers=figures["followers"],
        profile_views=figures["profile_views"],
    )


def _figure_text(value: int | None, lang: Lang | str) -> str:
    return "" if value is None else format_count(value, lang)


def entry_values(entry: KpiEntry, lang: Lang | str) -> dict[str, str]:
    """Return every figure of a month as it reads, the computed engagement rate included."""
    values = {field: _figure_text(getattr(entry.kpis, field), lang) for field in KPI_FIELDS}
    for field in EXTRA_FIELDS:
        values[field] = _figure_text(getattr(entry, field), lang)
    rate = entry.kpis.engagement_rate
    values["engagement_rate"] = (
        "" if rate is None else format_kpi_value("engagement_rate", rate, lang)
    )
    return values


def entry_form_values(entry: KpiEntry) -> dict[str, str]:
    """Return a stored month as the form takes it back: plain digits, blank where unknown."""
    values = {field: getattr(entry.kpis, field) for field in KPI_FIELDS}
    values |= {field: getattr(entry, field) for field in EXTRA_FIELDS}
    # Plain digits read back the same in both languages: "12,400" would be 12.4 in French.
    return {field: "" if value is None else str(value) for field, value in values.items()}


TABLE_COLUMNS: tuple[str, ...] = (
    "impressions",
    "engagements",
    "engagement_rate",
    "qualified_conversations",
    "opportunities",
    "followers",
    "profile_views",
)


def table_order(goal: Goal | None) -> tuple[str, ...]:
    """Return the figures of a month in reading order: the goal's KPIs first."""
    first = () if goal is None else GOAL_KPIS[Goal(goal)]
    return (*first, *(name for name in TABLE_COLUMNS if name not in first))


@dataclass(frozen=True)
class StoredMonth:
    """One month of the journal's list: its name and the figures typed, in reading order."""

    month: date
    title: str
    figures: tuple[tuple[str, str], ...]  # (label, value), only the figures that are known


@dataclass(frozen=True)
class MissingMonths:
    """A run of months without results between two stored ones, said in one line."""

    first: date
    last: date
    text: str


JournalLine = StoredMonth | MissingMonths


def _stored_month(entry: KpiEntry, order: Sequence[str], lang: Lang | str) -> StoredMonth:
    values = entry_values(entry, lang)
    figures = tuple(
        (t(lang, f"journal.col.{name}"), values[name]) for name in order if values[name]
    )
    return StoredMonth(entry.kpis.month, month_label(entry.kpis.month, lang), figures)


def _missing_months(first: date, last: date, lang: Lang | str) -> MissingMonths:
    if first == last:
        text = t(lang, "history.gap.one", month=month_label(first, lang))
    else:
        text = t(
            lang,
            "history.gap.many",
            first=month_label(first, lang),
            last=month_label(last, lang),
            count=format_count(months_apart(first, last) + 1, lang),
        )
    return MissingMonths(first, last, text)


def journal_lines(
    entries: Sequence[KpiEntry], goal: Goal | None, lang: Lang | str
) -> tuple[JournalLine, ...]:
    """Return the stored months newest first, each gap between them said once."""
    order = table_order(goal)
    lines: list[JournalLine] = []
    newer: date | None = None
    for entry in sorted(entries, key=lambda e: e.kpis.month, reverse=True):
        month = entry.kpis.month
        if newer is not None and months_apart(month, newer) > 1:
            lines.append(_missing_months(add_months(month, 1), add_months(newer, -1), lang))
        lines.append(_stored_month(entry, order, lang))
        newer = month
    return tuple(lines)


def summary_months(readings: Sequence[Reading], kpis: Sequence[KpiMonth]) -> tuple[date, ...]:
    """Return the months with a check-in or a KPI entry, newest first: those a card can sum up."""
    months = {month_of(r.taken_on) for r in readings} | {k.month for k in kpis}
    return tuple(sorted(months, reverse=True))


def summary_month(viewed: date | None, months: Sequence[date]) -> date | None:
    """Return the month the card sums up: the one the user is looking at, else the latest."""
    if viewed is not None and month_of(viewed) in months:
        return month_of(viewed)
    return max(months, default=None)


def latest_kpi_month(kpis: Sequence[KpiMonth]) -> date | None:
    """Return the latest month with a KPI entry."""
    return max((k.month for k in kpis), default=None)


def change_rows(kpis: Sequence[KpiMonth], goal: Goal) -> tuple[tuple[str, bool], ...]:
    """Return the KPIs to compare, the goal's first even if empty, each flagged as the goal's."""
    goal_kpis = GOAL_KPIS[Goal(goal)]
    others = [
        name
        for name in KPI_NAMES
        if name not in goal_kpis and any(kpi_value(k, name) is not None for k in kpis)
    ]
    return tuple((name, True) for name in goal_kpis) + tuple((name, False) for name in others)


@dataclass(frozen=True)
class ChangeLine:
    """One KPI of the change list: its name, and its latest figure with its changes."""

    label: str
    text: str
    goal: bool


@dataclass(frozen=True)
class KpiChanges:
    """Each KPI's latest figure and changes, and what cannot be compared, each said once."""

    month: date | None  # the latest month with results
    lines: tuple[ChangeLine, ...]
    notes: tuple[str, ...]


def kpi_changes(kpis: Sequence[KpiMonth], goal: Goal, lang: Lang | str) -> KpiChanges:
    """Return each KPI's latest figure and its change over 3 and 12 months, the goal's first.

    A comparison month with no results at all is said once in a note, not on every KPI.
    """
    end = latest_kpi_month(kpis)
    if end is None:
        return KpiChanges(None, (), ())
    entered = {k.month for k in kpis}
    windows = [m for m in CHANGE_WINDOWS if add_months(end, -m) in entered]
    separator = t(lang, "card.separator")
    lines = []
    for name, is_goal in change_rows(kpis, goal):
        label = kpi_label(name, lang)
        value = kpi_series(kpis, name).get(end)
        if value is None:
            text = t(lang, "kpi_change.missing", month=format_month(end, lang))
        else:
            parts = [format_kpi_value(name, value, lang)]
            for months in windows:
                change = format_change(kpi_change(kpis, name, end, months), lang)
                parts.append(t(lang, f"card.over.{months}", change=change))
            text = separator.join(parts)
        shown = t(lang, "crossread.goal_kpi", kpi=label) if is_goal else label
        lines.append(ChangeLine(shown, text, is_goal))
    notes = tuple(
        t(lang, f"history.missing.{m}", month=format_month(add_months(end, -m), lang))
        for m in CHANGE_WINDOWS
        if m not in windows
    )
    return KpiChanges(end, tuple(lines), notes)
