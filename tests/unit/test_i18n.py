"""The French and English catalogs, and formatting per language."""

import json
import re
from datetime import date

import pytest

from ssi_coach import i18n
from ssi_coach.i18n import (
    Lang,
    catalog,
    elide_de,
    format_count,
    format_date,
    format_month,
    format_month_long,
    format_number,
    format_percent,
    format_signed,
    placeholders,
    plural_form,
    t,
)
from ssi_coach.today import days_text

NBSP = "\u00a0"


def test_both_catalogs_have_the_same_keys() -> None:
    assert set(catalog(Lang.FR)) == set(catalog(Lang.EN))


def test_both_catalogs_have_the_same_placeholders_for_every_key() -> None:
    english = catalog(Lang.EN)
    different = {
        key: (placeholders(text), placeholders(english[key]))
        for key, text in catalog(Lang.FR).items()
        if placeholders(text) != placeholders(english[key])
    }
    assert different == {}


# Texts matched against LinkedIn's own words, or against Streamlit's: their spaces are not ours.
NOT_TYPESET = ("parse.json", "shell.json")


def test_french_texts_never_break_a_line_before_a_colon_a_percent_or_a_closing_quote() -> None:
    loose = {}
    for path in sorted((i18n.CATALOG_DIR / "fr").glob("*.json")):
        if path.name in NOT_TYPESET:
            continue
        for key, text in json.loads(path.read_text(encoding="utf-8")).items():
            if re.search(r"\S [:;!?%»]|« ", text):
                loose[key] = text
    assert loose == {}


def test_no_text_is_left_empty() -> None:
    assert [k for lang in Lang for k, v in catalog(lang).items() if not v.strip()] == []


def test_french_numbers_use_a_comma_decimal() -> None:
    assert format_number(12.5, Lang.FR) == "12,5"
    assert format_number(12.5, Lang.EN) == "12.5"


def test_french_dates_are_day_month_year() -> None:
    assert format_date(date(2026, 11, 22), Lang.FR) == "22/11/2026"


def test_a_change_carries_its_sign() -> None:
    assert (format_signed(2.5, Lang.FR), format_signed(-1, Lang.EN)) == ("+2,5", "-1")


def test_float_parameters_are_formatted_for_the_language() -> None:
    assert t(Lang.FR, "error.out_of_range", low=0.0, high=12.5) == (
        "la valeur doit être comprise entre 0 et 12,5."
    )


def test_a_missing_key_shows_the_key_instead_of_crashing() -> None:
    assert t(Lang.EN, "no.such.key") == "no.such.key"


def test_a_float_shows_up_to_three_decimals_without_trailing_zeros() -> None:
    assert (format_number(12.2750, Lang.FR), format_number(6.0, Lang.EN)) == ("12,275", "6")


def test_a_number_rounds_like_python_rounds_the_float() -> None:
    # 0.15 is 0.1499… in binary: it shows 0,1, as it always has, not Babel's half-even 0,2.
    assert format_number(0.15, Lang.FR, 1) == "0,1"


def test_a_value_that_rounds_to_zero_shows_no_minus_sign() -> None:
    assert (format_number(-0.0004, Lang.FR), format_signed(-0.0004, Lang.EN)) == ("0", "0")


def test_french_negative_numbers_use_the_minus_sign() -> None:
    assert (format_number(-2.5, Lang.FR), format_count(-12400, Lang.FR)) == ("−2,5", "−12\u202f400")


def test_a_percentage_is_spaced_in_french_and_not_in_english() -> None:
    assert format_percent(12.5, Lang.FR, 1) == f"12,5{NBSP}%"
    assert format_percent(12.5, Lang.EN, 1) == "12.5%"


def test_a_signed_percentage_keeps_its_decimals() -> None:
    assert format_percent(-5, Lang.FR, 1, signed=True) == f"−5,0{NBSP}%"
    assert format_percent(8, Lang.EN, 1, signed=True) == "+8.0%"


def test_months_are_abbreviated_as_each_language_does() -> None:
    assert format_month(date(2026, 7, 1), Lang.FR) == "juil. 2026"
    assert format_month(date(2026, 9, 1), Lang.EN) == "Sep 2026"


def test_a_month_written_in_full_keeps_french_lower_case() -> None:
    assert format_month_long(date(2026, 10, 1), Lang.FR) == "octobre 2026"


@pytest.mark.parametrize(
    ("count", "lang", "form"),
    [
        (0, Lang.FR, "one"),
        (1.5, Lang.FR, "one"),
        (2, Lang.FR, "other"),
        (1_000_000, Lang.FR, "other"),
        (0, Lang.EN, "other"),
        (1, Lang.EN, "one"),
        (1.5, Lang.EN, "other"),
    ],
)
def test_the_plural_form_follows_the_languages_rule(count: float, lang: Lang, form: str) -> None:
    assert plural_form(count, lang) == form


# --- « de » before a vowel -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "written"),
    [
        ("octobre 2026", "d’octobre 2026"),
        ("avril", "d’avril"),
        ("août", "d’août"),
        ("Anne", "d’Anne"),
        ("mai 2026", "de mai 2026"),
        ("juin", "de juin"),
    ],
)
def test_french_elides_de_before_a_vowel_only(word: str, written: str) -> None:
    assert elide_de(word) == written


def test_a_word_starting_with_h_keeps_de_as_spelling_cannot_tell_a_mute_h() -> None:
    assert elide_de("hausse") == "de hausse"


def test_a_number_keeps_de() -> None:
    assert elide_de("8 jours") == "de 8 jours"


@pytest.fixture
def templates(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give both languages a few templates with « de » before a placeholder."""
    texts = {
        "saved": "Résultats de {month} enregistrés.",
        "from": "De {start} à {end}, le score monte.",
        "code": "Code {month}",
        "escaped": "Résultats de {{x}} et de {month}",
    }
    monkeypatch.setattr(i18n, "catalog", lambda lang: texts)


@pytest.mark.usefixtures("templates")
def test_a_french_de_before_a_month_starting_with_a_vowel_is_elided() -> None:
    assert t(Lang.FR, "saved", month="octobre 2026") == "Résultats d’octobre 2026 enregistrés."


@pytest.mark.usefixtures("templates")
def test_a_french_de_before_a_month_starting_with_a_consonant_stays() -> None:
    assert t(Lang.FR, "saved", month="mai 2026") == "Résultats de mai 2026 enregistrés."


@pytest.mark.usefixtures("templates")
def test_a_sentence_opening_with_de_keeps_its_capital_when_elided() -> None:
    text = t(Lang.FR, "from", start="avr. 2026", end="juin 2026")
    assert text == "D’avr. 2026 à juin 2026, le score monte."


@pytest.mark.usefixtures("templates")
def test_de_at_the_end_of_another_word_is_not_elided() -> None:
    assert t(Lang.FR, "code", month="avril") == "Code avril"


@pytest.mark.usefixtures("templates")
def test_escaped_braces_stay_as_written_beside_an_elided_de() -> None:
    assert t(Lang.FR, "escaped", month="août") == "Résultats de {x} et d’août"


@pytest.mark.usefixtures("templates")
def test_english_is_never_elided() -> None:
    assert t(Lang.EN, "saved", month="octobre") == "Résultats de octobre enregistrés."


def test_the_results_of_october_read_d_octobre_in_french() -> None:
    month = format_month_long(date(2026, 10, 1), Lang.FR)
    assert "Résultats d’octobre 2026" in t(Lang.FR, "journal.saved", month=month)


# --- plurals and percentages ------------------------------------------------------------------


def test_no_text_of_the_app_writes_a_plural_with_s_in_brackets_for_days() -> None:
    for lang in Lang:
        assert not [k for k, v in catalog(lang).items() if re.search(r"(jour|day)\(s\)", v)]


@pytest.mark.parametrize(
    ("days", "lang", "shown"),
    [
        (1, Lang.FR, "date de 1 jour."),
        (2, Lang.FR, "date de 2 jours."),
        (1, Lang.EN, "only 1 day old."),
        (6, Lang.EN, "only 6 days old."),
    ],
)
def test_a_check_in_too_soon_counts_its_days_with_the_plural_rule(
    days: int, lang: Lang, shown: str
) -> None:
    assert shown in t(lang, "checkin.too_soon", days=days_text(days, lang))


def test_english_writes_a_rank_without_a_space_before_the_percent_sign() -> None:
    assert t(Lang.EN, "progress.rank.top", rank=10) == "Top 10%"


def test_no_english_text_puts_a_space_between_a_number_and_a_percent_sign() -> None:
    assert not [k for k, v in catalog(Lang.EN).items() if re.search(r"[\dX}] %", v)]
