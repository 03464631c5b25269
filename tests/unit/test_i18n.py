"""The French and English catalogs, and formatting per language."""

from datetime import date

import pytest

from ssi_coach.i18n import (
    Lang,
    catalog,
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
