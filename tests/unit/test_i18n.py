"""The French and English catalogs, and formatting per language."""

from datetime import date

from ssi_coach.i18n import Lang, catalog, format_date, format_number, format_signed, placeholders, t


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
