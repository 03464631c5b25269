"""The per-lever drafts: the user's answers verbatim, placeholders, limits, search queries."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.drafts import (
    ABOUT_LIMIT,
    CONNECTION_NOTE_LIMIT,
    HEADLINE_LIMIT,
    Draft,
    about_draft,
    boolean_query,
    comment_kit,
    headline_drafts,
    length_label,
    message_kit,
    missing_fields,
    missing_message,
    recommendation_request,
    search_recipe,
    search_terms,
)
from ssi_coach.model import Answers, Goal, Role

answer_texts = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80)
filled_texts = answer_texts.map(lambda s: " ".join(s.split())).filter(bool)
langs = st.sampled_from(["fr", "en"])

FULL = {
    "target": "les DAF de PME industrielles",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
    "sector": "industrie",
}


def answers(**texts: str) -> Answers:
    return Answers(Goal.PROSPECTING, Role.FREELANCE, False, **texts)


def balanced(query: str) -> bool:
    depth = 0
    for char in re.sub(r'"[^"]*"', "", query):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and query.count('"') % 2 == 0


# --- Draft ----------------------------------------------------------------------------------


def test_a_draft_counts_its_characters() -> None:
    assert Draft("J’aide", limit=220).length == 6


def test_a_draft_longer_than_its_limit_is_flagged_with_the_excess() -> None:
    draft = Draft("x" * 225, limit=220)
    assert (draft.over_limit, draft.excess) == (True, 5)


def test_a_draft_exactly_at_its_limit_is_not_flagged() -> None:
    assert not Draft("x" * 220, limit=220).over_limit


def test_a_draft_without_a_limit_is_never_over_it() -> None:
    assert not Draft("x" * 10_000).over_limit


def test_the_length_label_shows_the_count_against_the_limit() -> None:
    assert length_label(Draft("x" * 42, limit=220), "fr") == "42 / 220 caractères"


def test_the_length_label_says_how_much_to_cut_when_over() -> None:
    label = length_label(Draft("x" * 230, limit=220), "en")
    assert label.startswith("230 / 220 characters 10 characters too many:")


# --- missing answers ------------------------------------------------------------------------


def test_empty_answers_leave_visible_french_placeholders() -> None:
    assert headline_drafts(answers(), "fr")[0].text == (
        "J’aide [votre cible] à [le résultat apporté] grâce à [votre méthode]"
    )


def test_empty_answers_leave_visible_english_placeholders() -> None:
    assert headline_drafts(answers(), "en")[0].text == (
        "I help [your target] to [the outcome] with [your method]"
    )


def test_a_headline_lists_the_answers_it_lacks_in_questionnaire_order() -> None:
    draft = headline_drafts(answers(outcome="gagner du temps"), "fr")[0]
    assert draft.missing == ("target", "means")


def test_a_complete_headline_lacks_nothing() -> None:
    assert all(d.missing == () for d in headline_drafts(answers(**FULL), "fr"))


def test_the_missing_message_names_the_fields_as_the_questionnaire_does() -> None:
    assert missing_message(("target", "sector"), "fr") == (
        "Pour personnaliser ce texte, complétez dans le questionnaire : Cible, Secteur."
    )


def test_the_missing_message_is_empty_when_nothing_is_missing() -> None:
    assert missing_message((), "en") == ""


def test_missing_fields_merges_drafts_in_questionnaire_order() -> None:
    merged = missing_fields([Draft("a", missing=("sector",)), Draft("b", missing=("target",))])
    assert merged == ("target", "sector")


# --- profile --------------------------------------------------------------------------------


@given(filled_texts, filled_texts, filled_texts, langs)
def test_every_headline_holds_the_answers_verbatim_and_counts_itself(
    target: str, outcome: str, means: str, lang: str
) -> None:
    for draft in headline_drafts(answers(target=target, outcome=outcome, means=means), lang):
        assert target in draft.text
        assert outcome in draft.text
        assert means in draft.text
        assert (draft.limit, draft.length, draft.missing) == (HEADLINE_LIMIT, len(draft.text), ())


def test_the_first_french_headline_follows_the_i_help_pattern() -> None:
    assert headline_drafts(answers(**FULL), "fr")[0].text == (
        "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé"
    )


def test_the_three_headlines_differ() -> None:
    assert len({d.text for d in headline_drafts(answers(**FULL), "en")}) == 3


def test_long_answers_push_a_headline_over_linkedins_220_characters() -> None:
    long = answers(target="t" * 80, outcome="o" * 80, means="m" * 80)
    assert all(d.over_limit for d in headline_drafts(long, "fr"))


def test_braces_in_an_answer_are_kept_as_typed() -> None:
    assert "{means}" in headline_drafts(answers(target="{means}"), "en")[0].text


def test_the_about_draft_has_three_parts_ending_with_a_call_to_action() -> None:
    draft = about_draft(answers(**FULL), "fr")
    parts = draft.text.split("\n\n")
    assert len(parts) == 3
    assert "Contactez-moi pour un diagnostic rapide" in parts[2]
    assert draft.limit == ABOUT_LIMIT


def test_the_about_draft_uses_all_four_answers() -> None:
    text = about_draft(answers(**FULL), "en").text
    assert all(value in text for value in FULL.values())


def test_the_recommendation_request_names_the_precise_skill() -> None:
    assert "un tableau de bord automatisé" in recommendation_request(answers(**FULL), "fr").text


def test_the_recommendation_request_lists_a_missing_skill() -> None:
    assert recommendation_request(answers(), "en").missing == ("means",)


# --- searches -------------------------------------------------------------------------------


def test_the_boolean_query_joins_alternatives_with_or_and_the_sector_with_and() -> None:
    recipe = search_recipe(
        answers(target="directeur marketing, responsable marketing", sector="SaaS"), "fr"
    )
    assert recipe.boolean_query == '("directeur marketing" OR "responsable marketing") AND "SaaS"'


def test_alternatives_can_be_written_with_ou() -> None:
    assert search_terms("DAF ou contrôleur de gestion") == ("DAF", "contrôleur de gestion")


def test_a_leading_article_is_left_out_of_search_terms() -> None:
    assert search_terms("les DAF de PME") == ("DAF de PME",)


def test_quotes_and_parentheses_the_user_typed_are_dropped_from_search_terms() -> None:
    assert search_terms('chef de projet "digital" (senior)') == ("chef de projet digital senior",)


@given(answer_texts, answer_texts, langs)
def test_the_boolean_query_is_balanced_for_any_text(target: str, sector: str, lang: str) -> None:
    recipe = search_recipe(answers(target=target, sector=sector), lang)
    assert balanced(recipe.boolean_query)


@given(st.lists(st.text(max_size=30), max_size=4), st.lists(st.text(max_size=30), max_size=4))
def test_boolean_query_quotes_each_term_once_whatever_it_holds(
    titles: list[str], sectors: list[str]
) -> None:
    query = boolean_query(tuple(titles), tuple(sectors))
    assert balanced(query)
    assert query.count('"') <= 2 * (len(titles) + len(sectors))


def test_the_recipe_lists_a_missing_target_and_sector_and_shows_placeholders() -> None:
    recipe = search_recipe(answers(), "fr")
    assert recipe.missing == ("target", "sector")
    assert recipe.boolean_query == '"[votre cible]" AND "[votre secteur]"'


def test_an_answer_made_only_of_quotes_counts_as_missing() -> None:
    assert search_recipe(answers(target='"()"', sector="SaaS"), "en").missing == ("target",)


def test_the_recipe_asks_for_10_prospects_a_day() -> None:
    recipe = search_recipe(answers(**FULL), "en")
    assert recipe.daily_quota == 10
    assert any("about 10 well-chosen prospects" in line for line in recipe.advice)


def test_the_recipe_says_sales_navigator_is_optional() -> None:
    recipe = search_recipe(answers(**FULL), "fr")
    assert any("Sales Navigator peut aider, il n’est pas nécessaire" in a for a in recipe.advice)


def test_the_recipe_filters_on_the_sector_as_typed() -> None:
    recipe = search_recipe(answers(**FULL), "fr")
    assert "Secteur : celui qui correspond le mieux à « industrie »." in recipe.filters


def test_the_recipe_names_the_four_buying_signals() -> None:
    assert len(search_recipe(answers(**FULL), "en").signals) == 4


def test_the_connection_note_fits_linkedins_300_characters_and_names_the_sector() -> None:
    note = search_recipe(answers(**FULL), "fr").connection_note
    assert (note.limit, note.over_limit) == (CONNECTION_NOTE_LIMIT, False)
    assert "industrie" in note.text


# --- comments -------------------------------------------------------------------------------


def test_the_comment_kit_offers_an_angle_an_experience_and_a_question() -> None:
    kit = comment_kit(answers(**FULL), "en")
    assert [f.code for f in kit.frameworks] == ["angle", "experience", "question"]


def test_every_comment_example_is_drawn_from_the_sector() -> None:
    kit = comment_kit(answers(**FULL), "fr")
    assert all("secteur industrie" in f.example.text for f in kit.frameworks)


def test_no_comment_example_is_a_great_post() -> None:
    kit = comment_kit(answers(**FULL), "en")
    examples = [f.example.text for f in kit.frameworks] + [kit.share_template.text]
    assert not any("great post" in text.lower() for text in examples)


def test_the_comment_rules_forbid_great_post_and_ask_for_3_a_day() -> None:
    kit = comment_kit(answers(**FULL), "fr")
    assert kit.daily_quota == 3
    assert any("Jamais de « Super post ! »" in rule for rule in kit.rules)


def test_the_share_template_tags_one_or_two_people() -> None:
    template = comment_kit(answers(**FULL), "fr").share_template.text
    assert "[@personne 1], [@personne 2]" in template


def test_the_comment_kit_lists_a_missing_sector() -> None:
    assert comment_kit(answers(target="les DAF"), "en").missing == ("sector",)


# --- messages -------------------------------------------------------------------------------


def test_the_thank_you_asks_a_question_about_their_work() -> None:
    text = message_kit(answers(**FULL), "fr").thank_you.text
    assert text.startswith("Bonjour [prénom], merci d’avoir accepté mon invitation")
    assert "?" in text


def test_the_message_rules_say_answer_quickly_and_sell_nothing() -> None:
    rules = message_kit(answers(**FULL), "en").rules
    assert rules[0].startswith("The first message sells nothing")
    assert any(rule.startswith("Answer quickly") for rule in rules)


def test_the_message_kit_lists_the_answers_it_lacks() -> None:
    assert message_kit(answers(), "fr").missing == ("means", "sector")


# --- both languages -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda a, lang: headline_drafts(a, lang)[0].text,
        lambda a, lang: about_draft(a, lang).text,
        lambda a, lang: recommendation_request(a, lang).text,
        lambda a, lang: search_recipe(a, lang).connection_note.text,
        lambda a, lang: comment_kit(a, lang).share_template.text,
        lambda a, lang: message_kit(a, lang).follow_up.text,
    ],
)
def test_french_and_english_drafts_differ(make) -> None:
    assert make(answers(**FULL), "fr") != make(answers(**FULL), "en")


@given(answer_texts, answer_texts, answer_texts, answer_texts, langs)
def test_no_answer_crashes_a_draft_or_leaves_a_catalog_key(
    target: str, outcome: str, means: str, sector: str, lang: str
) -> None:
    given_answers = answers(target=target, outcome=outcome, means=means, sector=sector)
    recipe = search_recipe(given_answers, lang)
    comments = comment_kit(given_answers, lang)
    messages = message_kit(given_answers, lang)
    texts = [d.text for d in headline_drafts(given_answers, lang)]
    texts += [about_draft(given_answers, lang).text]
    texts += [recommendation_request(given_answers, lang).text]
    texts += [*recipe.filters, *recipe.signals, *recipe.advice, recipe.connection_note.text]
    texts += [f.example.text for f in comments.frameworks] + [comments.share_template.text]
    texts += [*comments.rules, messages.thank_you.text, messages.follow_up.text, *messages.rules]
    assert not any(text.startswith("draft.") for text in texts)
