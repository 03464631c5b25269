"""French and English texts, and number and date formatting per language."""

from __future__ import annotations

import json
import string
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

CATALOG_DIR = Path(__file__).resolve().parent.parent / "data" / "i18n"


class Lang(StrEnum):
    FR = "fr"
    EN = "en"


DEFAULT_LANG = Lang.FR

_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_MONTHS_FR = [
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
]


def as_lang(value: object) -> Lang:
    """Return the language for a stored code, falling back to French."""
    try:
        return Lang(str(value))
    except ValueError:
        return DEFAULT_LANG


@cache
def catalog(lang: Lang | str) -> dict[str, str]:
    """Return every text of one language, merged from its catalog files."""
    merged: dict[str, str] = {}
    for path in sorted((CATALOG_DIR / as_lang(lang).value).glob("*.json")):
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            if key in merged:
                raise ValueError(f"{path.name}: key {key!r} is defined twice")
            merged[key] = text
    return merged


def placeholders(template: str) -> frozenset[str]:
    """Return the names of the {placeholders} in a template."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def t(lang: Lang | str, key: str, **params: object) -> str:
    """Return the text for key in lang, with numbers formatted for that language."""
    template = catalog(as_lang(lang)).get(key)
    if template is None:
        # A missing text must never crash a page; the key itself is the least bad thing to show.
        return key
    if not params:
        return template
    shown = {
        name: format_number(value, lang) if isinstance(value, float) else value
        for name, value in params.items()
    }
    return template.format(**shown)


def format_number(value: float | int, lang: Lang | str, decimals: int | None = None) -> str:
    """Return a number as the language writes it: 12,5 in French, 12.5 in English."""
    if decimals is None:
        text = f"{value:.3f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)
    else:
        text = f"{value:.{decimals}f}"
    if text in ("-0", "-0.0"):
        text = text[1:]
    if as_lang(lang) is Lang.FR:
        return text.replace(".", ",").replace("-", "−")
    return text


def format_count(value: int, lang: Lang | str) -> str:
    """Return a whole number with thousands grouped: 12 400 in French, 12,400 in English."""
    grouped = f"{value:,}"
    if as_lang(lang) is Lang.FR:
        return grouped.replace(",", "\u202f").replace("-", "−")
    return grouped


def format_signed(value: float, lang: Lang | str, decimals: int | None = None) -> str:
    """Return a change with its sign: +2,5 or −1."""
    text = format_number(abs(value), lang, decimals)
    if round(value, 3) == 0:
        return text
    return ("+" if value > 0 else ("−" if as_lang(lang) is Lang.FR else "-")) + text


def format_date(day: date, lang: Lang | str) -> str:
    """Return a date as the language writes it: 22/11/2026 in French, 2026-11-22 in English."""
    if as_lang(lang) is Lang.FR:
        return day.strftime("%d/%m/%Y")
    return day.isoformat()


def format_month(day: date, lang: Lang | str) -> str:
    """Return a short month label: nov. 2026 or Nov 2026."""
    names = _MONTHS_FR if as_lang(lang) is Lang.FR else _MONTHS_EN
    return f"{names[day.month - 1]} {day.year}"
