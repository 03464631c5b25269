"""Every text the domain stores holds only what a user types: no NUL, control or lone surrogate."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.habits import Tick
from ssi_coach.model import (
    ANSWER_TEXTS,
    Answers,
    Goal,
    InvalidInput,
    Role,
    answer_limit,
    check_characters,
)
from ssi_coach.plan import Lever
from ssi_coach.records import DraftEdit, Setting

# A NUL, an escape, a C1 control (NEL), DEL, a vertical tab, a file separator, lone surrogates.
UNTYPABLE = ["\x00", "\x1b", "\x85", "\x7f", "\x0b", "\x1c", "\ud800", "\udfff"]


def answers(**texts: object) -> Answers:
    return Answers(Goal.PROSPECTING, Role.FREELANCE, False, **texts)  # type: ignore[arg-type]


def refusal(build: object, *args: object, **kwargs: object) -> tuple[str, str]:
    with pytest.raises(InvalidInput) as caught:
        build(*args, **kwargs)  # type: ignore[operator]
    return caught.value.field, caught.value.code


def storable(text: str) -> bool:
    """Tell whether every database the app runs on stores text as it is."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


@pytest.mark.parametrize("field", ANSWER_TEXTS)
@pytest.mark.parametrize("bad", UNTYPABLE, ids=[f"U+{ord(c):04X}" for c in UNTYPABLE])
def test_an_answer_holding_an_untypable_character_is_refused_naming_it(
    field: str, bad: str
) -> None:
    assert refusal(answers, **{field: f"a{bad}b"}) == (field, "control_characters")


def test_a_target_with_a_lone_surrogate_is_refused() -> None:
    assert refusal(answers, target="a\ud800") == ("target", "control_characters")


@pytest.mark.parametrize("bad", UNTYPABLE, ids=[f"U+{ord(c):04X}" for c in UNTYPABLE])
def test_a_draft_holding_an_untypable_character_is_refused(bad: str) -> None:
    assert refusal(DraftEdit, "post", f"Bonjour{bad}") == ("text", "control_characters")


def test_a_draft_keeps_its_line_breaks_and_tabs() -> None:
    text = "Bonjour,\r\n\n\tmerci\n"
    assert DraftEdit("post", text).text == text


@pytest.mark.parametrize("bad", [*UNTYPABLE, "\n", "\r"])
def test_a_setting_holding_a_control_character_or_a_line_break_is_refused(bad: str) -> None:
    assert refusal(Setting, "lang", f"fr{bad}") == ("value", "control_characters")
    assert refusal(Setting, f"lang{bad}", "fr") == ("key", "control_characters")


def test_a_task_key_with_a_lone_surrogate_is_refused() -> None:
    refused = refusal(Tick, date(2026, 11, 2), "comments.angle\udc80", Lever.COMMENTS, 5)
    assert refused == ("task_key", "control_characters")


def test_a_one_line_check_refuses_a_line_break_a_multi_line_one_keeps_it() -> None:
    assert refusal(check_characters, "value", "a\nb") == ("value", "control_characters")
    assert check_characters("text", "a\nb", multiline=True) == "a\nb"


@given(st.sampled_from(ANSWER_TEXTS), st.text(max_size=40))
def test_any_answer_text_is_stored_as_typed_text_or_refused_naming_its_field(
    field: str, text: str
) -> None:
    try:
        kept = getattr(answers(**{field: text}), field)
    except InvalidInput as error:
        refused = error
    else:
        assert storable(kept)
        assert len(kept) <= answer_limit(field)
        return
    assert refused.field == field


@given(st.text(min_size=1, max_size=60))
def test_any_draft_text_is_stored_as_typed_or_refused(text: str) -> None:
    try:
        kept = DraftEdit("about", text).text
    except InvalidInput as error:
        refused = error
    else:
        assert storable(kept)
        assert kept == text
        return
    assert refused.field == "text"


@given(st.text(max_size=20), st.text(max_size=20))
def test_any_setting_is_stored_as_typed_or_refused_naming_key_or_value(
    key: str, value: str
) -> None:
    try:
        setting = Setting(key, value)
    except InvalidInput as error:
        refused = error
    else:
        assert storable(setting.key)
        assert storable(setting.value)
        return
    assert refused.field in ("key", "value")
