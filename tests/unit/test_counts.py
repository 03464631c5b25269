"""Reading a typed count as its language writes it: never a number the user did not mean."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.checkin import parse_count
from ssi_coach.i18n import format_count
from ssi_coach.model import EXACT_MAX, InvalidInput

FIELD = "impressions"
LANGS = ["fr", "en", None]
NBSP = "\u00a0"
NNBSP = "\u202f"
# What a count may be typed with: digits, the three spaces, commas and dots, and signs.
COUNT_CHARACTERS = "0123456789 ,." + NBSP + NNBSP
SIGNS = st.sampled_from(["", "-", "+", "\u2212"])


def outcome(text: object, lang: str | None) -> int | float | str | None:
    """Return the count read, or the code of the error, which must name the field."""
    try:
        return parse_count(FIELD, text, lang)
    except InvalidInput as error:
        refused = error
    assert refused.field == FIELD
    return refused.code


def digits_of(sign: str, body: str) -> int:
    value = int("".join(ch for ch in body if ch.isdigit()))
    return -value if sign in ("-", "\u2212") else value


@given(SIGNS, st.text(COUNT_CHARACTERS, min_size=1, max_size=24), st.sampled_from(LANGS))
def test_an_accepted_count_is_always_all_its_digits_never_a_decimal_reading(
    sign: str, body: str, lang: str | None
) -> None:
    read = outcome(sign + body, lang)
    if isinstance(read, int):
        assert read == digits_of(sign, body.strip())


@given(st.text(max_size=30), st.sampled_from(LANGS))
def test_any_text_gives_a_whole_number_or_an_error_naming_the_field(
    text: str, lang: str | None
) -> None:
    read = outcome(text, lang)
    assert read is None or isinstance(read, int | str)


@given(st.integers(-EXACT_MAX, EXACT_MAX), st.sampled_from(["fr", "en"]))
def test_a_count_formatted_for_a_language_reads_back_the_same_in_it(value: int, lang: str) -> None:
    assert parse_count(FIELD, format_count(value, lang), lang) == value


@given(st.integers(0, EXACT_MAX), st.sampled_from([("fr", "en"), ("en", "fr")]))
def test_a_count_formatted_for_the_other_language_is_the_same_number_or_refused(
    value: int, langs: tuple[str, str]
) -> None:
    written, read_in = langs
    assert outcome(format_count(value, written), read_in) in (value, "count_ambiguous")


@pytest.mark.parametrize("lang", LANGS)
def test_plain_digits_read_the_same_in_every_language(lang: str | None) -> None:
    assert parse_count(FIELD, " 12400 ", lang) == 12400


@pytest.mark.parametrize("lang", LANGS)
def test_a_blank_count_is_unknown(lang: str | None) -> None:
    assert parse_count(FIELD, f" {NBSP}", lang) is None


@pytest.mark.parametrize(
    ("text", "lang", "code"),
    [
        ("1e5", "en", "count_format"),
        ("1_000", "fr", "count_format"),
        ("\u0663", "fr", "count_format"),
        ("\uff11\uff12", "en", "count_format"),
        ("inf", "fr", "not_finite"),
        ("nan", "en", "not_finite"),
        ("beaucoup", "fr", "not_a_number"),
        ("1" * 17, "en", "too_large"),
    ],
)
def test_a_count_not_written_with_plain_digits_is_refused(text: str, lang: str, code: str) -> None:
    assert outcome(text, lang) == code


def test_sixteen_digits_are_still_read_for_the_caller_to_bound() -> None:
    assert parse_count(FIELD, str(EXACT_MAX), "en") == EXACT_MAX


def test_leading_zeros_do_not_count_as_digits_of_a_huge_number() -> None:
    assert parse_count(FIELD, "0" * 40 + "12", "fr") == 12


def test_a_number_given_as_a_number_is_passed_on_for_the_caller_to_check() -> None:
    assert parse_count(FIELD, 12.5, "fr") == 12.5


@pytest.mark.parametrize("value", [True, [1], b"12"])
def test_what_is_neither_text_nor_a_number_is_not_a_count(value: object) -> None:
    assert outcome(value, "en") == "not_a_number"
