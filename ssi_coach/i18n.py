"""French and English texts, and number, date and plural formatting per language (Babel)."""

from __future__ import annotations

import copy
import json
import re
import string
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import get_day_names, get_month_names
from babel.numbers import (
    NumberPattern,
    format_decimal,
    get_decimal_symbol,
    get_group_symbol,
    get_minus_sign_symbol,
    get_plus_sign_symbol,
)
from babel.numbers import format_percent as babel_percent

CATALOG_DIR = Path(__file__).resolve().parent.parent / "data" / "i18n"


class Lang(StrEnum):
    FR = "fr"
    EN = "en"


DEFAULT_LANG = Lang.FR

# A float shows at most LinkedIn's precision: pillar scores have 3 decimals.
FLOAT_DECIMALS = 3
# CLDR gives French the hyphen-minus; French typography, and every French text of the app,
# write the minus sign U+2212.
_MINUS_SIGNS: dict[Lang, str] = {Lang.FR: "\u2212"}
# CLDR's short English date is the American 11/22/26; ISO 8601 reads the same to everyone.
_DATE_PATTERNS: dict[Lang, str] = {Lang.FR: "short", Lang.EN: "yyyy-MM-dd"}
PluralForm = Literal["one", "other"]
# French writes « d’octobre », « d’avril », « d’Anne » but « de mai »: « de » elides before a
# vowel. Before an h it depends on the word (« d’habitude », « de hausse »), which spelling
# cannot tell, so a word starting with h keeps « de ».
_FRENCH_VOWELS = frozenset("aeiouâàäéèêëîïôöûùüœæ")
_FRENCH_APOSTROPHE = "\u2019"
# « de » or « De » ending the text just before a {placeholder}, as a word of its own.
_DE_BEFORE_FIELD = re.compile(r"(?:^|(?<=\W))([Dd])e $")
# The formatters are pure and run for every figure of every page run: Babel is asked once.
_remembered = lru_cache(maxsize=8192, typed=True)


def as_lang(value: object) -> Lang:
    """Return the language for a stored code, falling back to French."""
    try:
        return Lang(str(value))
    except ValueError:
        return DEFAULT_LANG


def locale_lang(environ: Mapping[str, str]) -> Lang:
    """Return the language of a command's user from the locale (LC_ALL, LC_MESSAGES, LANG)."""
    # POSIX reads the first of these that is set; an English locale gets English, any other
    # the app's default.
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip().lower()
        if value:
            return Lang.EN if value.startswith("en") else DEFAULT_LANG
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


def elides(word: str) -> bool:
    """Tell whether French elides « de » before this word: octobre, avril, août; not mai."""
    return word[:1].lower() in _FRENCH_VOWELS


def elide_de(word: str) -> str:
    """Return « de » and the word as French writes them: d’octobre 2026, de mai 2026."""
    return f"d{_FRENCH_APOSTROPHE}{word}" if elides(word) else f"de {word}"


@cache
def _french_parts(template: str) -> tuple[tuple[str, str | None], ...] | None:
    """Return a template cut before each placeholder, or None when no « de » precedes one."""
    parts: list[tuple[str, str | None]] = []
    eliding = False
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            parts.append((literal, None))
            continue
        eliding = eliding or _DE_BEFORE_FIELD.search(literal) is not None
        field = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
        parts.append((literal, "{" + field + "}"))
    return tuple(parts) if eliding else None


def _format_french(template: str, shown: dict[str, object]) -> str:
    """Fill a French template, eliding « de » before a value that starts with a vowel."""
    parts = _french_parts(template)
    if parts is None:
        return template.format(**shown)
    text = []
    for literal, field in parts:
        if field is None:
            text.append(literal)
            continue
        value = field.format(**shown)
        de = _DE_BEFORE_FIELD.search(literal)
        if de is not None and elides(value):
            literal = literal[: de.start()] + de.group(1) + _FRENCH_APOSTROPHE
        text.extend((literal, value))
    return "".join(text)


def t(lang: Lang | str, key: str, **params: object) -> str:
    """Return the text for key in lang, with numbers formatted for that language.

    In French, a « de » just before a placeholder elides when the value starts with a vowel:
    "Résultats de {month}" reads « Résultats d’octobre 2026 » and « Résultats de mai 2026 »;
    and the whole text, inserted values included, gets French spacing (see french_spacing).
    """
    code = as_lang(lang)
    template = catalog(code).get(key)
    if template is None:
        # A missing text must never crash a page; the key itself is the least bad thing to show.
        return key
    if code is not Lang.FR:
        return template.format(**_shown(params, code)) if params else template
    if not params:
        return french_spacing(template)
    return french_spacing(_format_french(template, _shown(params, code)))


def _shown(params: dict[str, object], lang: Lang) -> dict[str, object]:
    """Return the values to insert, floats formatted for the language."""
    return {
        name: format_number(value, lang) if isinstance(value, float) else value
        for name, value in params.items()
    }


# --- French spacing ------------------------------------------------------------------------
#
# French puts a no-break space before « : ; ? ! » and %, and after «. Done here, once, for every
# French text (catalogs, inserted values, composed drafts), so that no text depends on each
# writer remembering it, and a phone never starts a line with a colon or a percent sign.

NBSP = "\u00a0"
# Spaces a line cannot break at: the no-break space and Babel's narrow one (12,5\u202f%).
_NO_BREAK = frozenset("\u00a0\u202f")
_SPACED_MARKS = frozenset(":;?!%»«")
# A mark, with the spaces before it; or an opening «, with the spaces after it.
_SPACING = re.compile(r"(?P<before>\s*)(?P<mark>[:;?!%»])|«(?P<after>\s*)")
# What may stand right before a mark that gets a space inserted: the end of a word, a number,
# a closing bracket or quote, an ellipsis, Markdown emphasis. Not another mark: « ?! » stays one.
_MARK_FOLLOWS = frozenset(")]}»”\"’'…*_.%")
# What may follow « : » or « ; » when a space is inserted before it: nothing, a space, or a
# closing sign. Anything else (14:05, 3:1, mailto:x) is not French punctuation.
_COLON_PRECEDES = frozenset(")]}»”\"’'*_")
# « ? » and « ! » may also be followed by other marks: « Vraiment?! », « Ah!… ».
_QUESTION_PRECEDES = _COLON_PRECEDES | frozenset("?!.,;:…")
# Technical tokens whose signs are not French punctuation.
_TECHNICAL = re.compile(
    r"""
    (?i:[a-z][a-z0-9+.-]*://|www\.)[^\s<>«»"]*[^\s<>«»".,;:!?)\]’']   # a URL
    | (?i:[a-z0-9][\w.-]*\.[a-z]{2,}/)[^\s<>«»"]*[^\s<>«»".,;:!?)\]’']  # linkedin.com/sales/ssi
    | \?[\w.%-]+=\S*                       # a query string: ?keywords=DAF
    | :[a-z0-9_+-]+(?:/[a-z0-9_]+)?:      # Streamlit icon and emoji codes: :material/check:
    | :[a-z]+(?:-background)?\[           # Streamlit colours: :red[…]
    """,
    re.VERBOSE,
)


def _technical_spans(text: str) -> list[tuple[int, int]]:
    """Return where the URLs and Streamlit codes of a text start and end."""
    return [match.span() for match in _TECHNICAL.finditer(text)]


def _inside(index: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= index < end for start, end in spans)


def _breakable(spaces: str) -> bool:
    """Tell whether a line may break in these spaces."""
    return any(char not in _NO_BREAK for char in spaces)


def _needs_space(text: str, start: int, mark: str, end: int) -> bool:
    """Tell whether a mark written right after a character takes a no-break space before it."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if mark == "%":
        return before.isdigit()
    if mark == "»":
        return bool(before) and not before.isspace() and before != "«"
    if not before or not (before.isalnum() or before in _MARK_FOLLOWS):
        return False
    follows = _COLON_PRECEDES if mark in ":;" else _QUESTION_PRECEDES
    return not after or after.isspace() or after in follows


@lru_cache(maxsize=4096)
def french_spacing(text: str) -> str:
    """Return a French text with a no-break space before : ; ? ! % » and after «.

    An ordinary space (or any run of spaces) there becomes one no-break space; a missing one is
    added (« Bonjour! » reads « Bonjour ! »). URLs, query strings, times (14:05), ratios (3:1),
    decimals and Streamlit's :material/…: codes are left as they are. Applying it twice changes
    nothing more.
    """
    if _SPACED_MARKS.isdisjoint(text):
        return text
    spans = _technical_spans(text)

    def space(match: re.Match[str]) -> str:
        if match.group("mark") is None:
            after = match.group("after")
            following = text[match.end()] if match.end() < len(text) else ""
            if _breakable(after) or (not after and following):
                return "«" + NBSP
            return match.group(0)
        mark, before = match.group("mark"), match.group("before")
        at = match.start("mark")
        if _inside(at, spans):
            return match.group(0)
        if before:
            return (NBSP if _breakable(before) else before) + mark
        return (NBSP + mark) if _needs_space(text, at, mark, match.end()) else mark

    return _SPACING.sub(space, text)


def typeset(text: str, lang: Lang | str) -> str:
    """Return a text as the language's typography writes it: French spacing in French."""
    return french_spacing(text) if as_lang(lang) is Lang.FR else text


@cache
def _locale(lang: Lang) -> Locale:
    """Return Babel's locale for a language."""
    return Locale.parse(lang.value)


@cache
def _pattern(
    lang: Lang, kind: Literal["decimal", "percent"], decimals: int, fixed: bool
) -> NumberPattern:
    """Return the language's number or percent pattern with up to `decimals` decimals."""
    formats = _locale(lang).percent_formats if kind == "percent" else _locale(lang).decimal_formats
    pattern: NumberPattern = copy.copy(formats[None])
    # Fixed decimals keep their trailing zeros (+5,0 %); free ones drop them (12,5 not 12,500).
    pattern.frac_prec = (decimals if fixed else 0, decimals)
    return pattern


def _rounded(value: float | int, decimals: int) -> Decimal:
    """Return the value rounded once, as Python rounds a float, never as a negative zero."""
    # round() works on the float's exact binary value, as the app always has: 0.15 is
    # 0.1499… and shows 0,1. Babel would round the decimal text "0.15" half-even, to 0,2.
    rounded = round(value, decimals)
    return Decimal(repr(rounded)) if rounded else Decimal(0)


def _with_minus(text: str, lang: Lang) -> str:
    """Return Babel's text with the minus sign the language's typography wants."""
    minus = _MINUS_SIGNS.get(lang)
    return text if minus is None else text.replace(get_minus_sign_symbol(_locale(lang)), minus)


def _sign(value: float, lang: Lang) -> str:
    """Return the sign a change shows: none when it rounds to zero."""
    if round(value, FLOAT_DECIMALS) == 0:
        return ""
    if value > 0:
        return get_plus_sign_symbol(_locale(lang))
    return _with_minus(get_minus_sign_symbol(_locale(lang)), lang)


@_remembered
def format_number(value: float | int, lang: Lang | str, decimals: int | None = None) -> str:
    """Return a number as the language writes it: 12,5 in French, 12.5 in English."""
    code = as_lang(lang)
    if decimals is None:
        places, fixed = (FLOAT_DECIMALS, False) if isinstance(value, float) else (0, True)
    else:
        places, fixed = decimals, True
    pattern = _pattern(code, "decimal", places, fixed)
    # Not grouped, unlike format_count: a score or a rate reads better as 1234,5 than 1 234,5.
    text = format_decimal(
        _rounded(value, places), pattern, locale=_locale(code), group_separator=False
    )
    return _with_minus(text, code)


@_remembered
def format_count(value: int, lang: Lang | str) -> str:
    """Return a whole number with thousands grouped: 12 400 in French, 12,400 in English."""
    code = as_lang(lang)
    return _with_minus(format_decimal(value, locale=_locale(code)), code)


@_remembered
def format_signed(value: float, lang: Lang | str, decimals: int | None = None) -> str:
    """Return a change with its sign: +2,5 or −1."""
    return _sign(value, as_lang(lang)) + format_number(abs(value), lang, decimals)


@_remembered
def format_percent(
    percent: float, lang: Lang | str, decimals: int = 0, *, signed: bool = False
) -> str:
    """Return a value given in percent as the language writes it: 12,5 % or 12.5%."""
    code = as_lang(lang)
    shown = _rounded(abs(percent) if signed else percent, decimals)
    text = babel_percent(
        # Babel takes a share; the value is rounded in percent first, then scaled exactly.
        shown.scaleb(-2),
        _pattern(code, "percent", decimals, True),
        locale=_locale(code),
        group_separator=False,
    )
    return (_sign(percent, code) if signed else "") + _with_minus(text, code)


def percent_affixes(lang: Lang | str) -> tuple[str, str]:
    """Return what the language writes before and after a percentage: ("", " %") in French."""
    pattern = _pattern(as_lang(lang), "percent", 0, True)
    return pattern.prefix[0], pattern.suffix[0]


def number_symbols(lang: Lang | str) -> tuple[str, str]:
    """Return the language's thousands separator and decimal mark."""
    locale = _locale(as_lang(lang))
    return get_group_symbol(locale), get_decimal_symbol(locale)


@_remembered
def plural_form(count: float, lang: Lang | str) -> PluralForm:
    """Return the catalog form a count takes: "one" (French 0 and 1,5; English 1) or "other"."""
    # The catalogs hold two forms; French "many" (round millions) reads like "other".
    form = _locale(as_lang(lang)).plural_form(abs(count))
    return "one" if form == "one" else "other"


@_remembered
def format_date(day: date, lang: Lang | str) -> str:
    """Return a date as the language writes it: 22/11/2026 in French, 2026-11-22 in English."""
    code = as_lang(lang)
    return babel_date(day, _DATE_PATTERNS[code], locale=_locale(code))


@_remembered
def format_month(day: date, lang: Lang | str) -> str:
    """Return a short month label: nov. 2026 or Nov 2026."""
    return babel_date(day, "MMM y", locale=_locale(as_lang(lang)))


def format_month_long(day: date, lang: Lang | str) -> str:
    """Return a month written out in full: octobre 2026, October 2026."""
    return babel_date(day, "MMMM y", locale=_locale(as_lang(lang)))


def month_names(lang: Lang | str) -> tuple[str, ...]:
    """Return the short month names, January first: janv., févr.… or Jan, Feb…"""
    names = get_month_names("abbreviated", locale=_locale(as_lang(lang)))
    return tuple(names[month] for month in range(1, 13))


def weekday_names(lang: Lang | str) -> tuple[str, ...]:
    """Return the short weekday names, Monday first: lun., mar.… or Mon, Tue…"""
    names = get_day_names("abbreviated", locale=_locale(as_lang(lang)))
    return tuple(names[weekday] for weekday in range(7))
