"""The headline preview: the plan's first headline for the answers typed so far."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.drafts import HEADLINE_LIMIT, headline_drafts
from ssi_coach.questionnaire import QUESTIONNAIRE_FIELDS, answers_so_far
from ssi_coach.services.questionnaire import preview_headline

TYPED = {
    "target": "les DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "profile_lang": "fr",
}
anything = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=200))


def test_the_preview_is_the_plans_first_headline_for_the_typed_answers() -> None:
    assert preview_headline(TYPED) == headline_drafts(answers_so_far(TYPED), "fr")[0]


def test_the_preview_shows_the_typed_target() -> None:
    assert "DAF de PME industrielles" in preview_headline(TYPED).text


def test_the_preview_changes_when_the_outcome_changes() -> None:
    changed = TYPED | {"outcome": "fiabiliser leurs prévisions de trésorerie"}
    assert "prévisions de trésorerie" in preview_headline(changed).text
    assert preview_headline(changed).text != preview_headline(TYPED).text


def test_the_preview_is_written_in_the_profiles_language() -> None:
    english = TYPED | {"profile_lang": "en"}
    answers = answers_so_far(english)
    assert preview_headline(english) == headline_drafts(answers, "en")[0]
    assert preview_headline(english).text != preview_headline(TYPED).text


def test_an_answer_too_long_to_save_shows_as_a_placeholder_in_the_preview() -> None:
    draft = preview_headline(TYPED | {"target": "x" * 81})
    assert "x" * 81 not in draft.text
    assert "[" in draft.text


def test_the_preview_is_measured_against_linkedins_220_characters() -> None:
    assert preview_headline(TYPED).limit == HEADLINE_LIMIT == 220


@given(st.fixed_dictionaries({field: anything for field in QUESTIONNAIRE_FIELDS}))
def test_any_half_filled_questionnaire_gives_a_preview(values: dict[str, object]) -> None:
    assert preview_headline(values).text.strip()
