"""The rules for a local profile's name, and how the default one is shown."""

from __future__ import annotations

import pytest

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.profile_names import (
    DEFAULT_NAME,
    FIELD,
    NAME_MAX,
    clashes,
    clean_name,
    file_slug,
    keeps_name,
    name_key,
    shown_name,
)


def refusal(value: object) -> tuple[str, str]:
    """Return the field and code clean_name refuses a value with."""
    with pytest.raises(InvalidInput) as error:
        clean_name(value)
    return error.value.field, error.value.code


def test_a_name_is_trimmed_and_its_inner_spaces_made_single() -> None:
    assert clean_name("  Camille \u00a0 Martin ") == "Camille Martin"


def test_a_pasted_tab_is_only_a_space_between_words() -> None:
    assert clean_name("Sam\tLee") == "Sam Lee"


def test_a_name_is_stored_in_its_composed_form() -> None:
    assert clean_name("E\u0301lodie") == "\u00c9lodie"


def test_a_blank_name_is_required() -> None:
    assert refusal(" \u3000 ") == (FIELD, "required")


def test_a_name_of_invisible_characters_only_is_refused() -> None:
    assert refusal("\u200d") == (FIELD, "required")


def test_a_name_at_the_limit_is_accepted() -> None:
    assert clean_name("a" * NAME_MAX) == "a" * NAME_MAX


def test_a_name_over_the_limit_says_the_limit() -> None:
    with pytest.raises(InvalidInput) as error:
        clean_name("a" * (NAME_MAX + 1))
    assert (error.value.code, error.value.params) == ("too_long", {"limit": NAME_MAX})


@pytest.mark.parametrize("value", ["Sam\x00", "Sam\nLee", "Sam\x9b"])
def test_a_name_with_a_control_character_is_refused(value: str) -> None:
    assert refusal(value) == (FIELD, "control_characters")


@pytest.mark.parametrize("value", ["\u202eSam", "Sa\u200bm", "Sam\u2066"])
def test_a_name_with_a_hidden_format_character_is_refused(value: str) -> None:
    assert refusal(value) == (FIELD, "control_characters")


def test_an_emoji_sequence_joined_by_a_zero_width_joiner_is_accepted() -> None:
    family = "\U0001f469\u200d\U0001f4bb Ana"
    assert clean_name(family) == family


def test_a_value_that_is_not_text_is_refused() -> None:
    assert refusal(42) == (FIELD, "not_text")


def test_two_names_differing_only_in_case_read_the_same() -> None:
    assert name_key("ÉLODIE") == name_key("élodie")


def test_a_name_clashes_with_the_default_profiles_label_in_any_language() -> None:
    assert [clashes(name, [DEFAULT_NAME]) for name in ("MY PROFILE", "mon profil")] == [True, True]


def test_a_name_no_other_profile_reads_does_not_clash() -> None:
    assert not clashes("Sam", [DEFAULT_NAME, "Ana"])


@pytest.mark.parametrize(("lang", "shown"), [(Lang.FR, "Mon profil"), (Lang.EN, "My profile")])
def test_the_default_profile_is_shown_in_the_readers_language(lang: Lang, shown: str) -> None:
    assert shown_name(DEFAULT_NAME, lang) == shown


def test_a_chosen_name_is_shown_as_typed() -> None:
    assert shown_name("Camille", Lang.EN) == "Camille"


def test_the_default_profiles_label_sent_back_keeps_its_name() -> None:
    assert keeps_name(DEFAULT_NAME, "Mon profil")


def test_another_name_for_the_default_profile_is_a_change() -> None:
    assert not keeps_name(DEFAULT_NAME, "Camille")


def test_a_file_slug_keeps_letters_and_digits_in_ascii() -> None:
    assert file_slug("Élodie & Co. 2") == "elodie-co-2"


def test_a_name_without_any_latin_letter_gives_an_empty_slug() -> None:
    assert file_slug("王芳") == ""
