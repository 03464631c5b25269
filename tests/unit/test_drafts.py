"""The per-lever drafts: correct French and English, a search that works, living examples."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from ssi_coach.drafts import (
    ABOUT_LIMIT,
    COMMENT_EXAMPLES,
    COMMENT_FRAMEWORKS,
    CONNECTION_NOTE_LIMIT,
    HEADLINE_LIMIT,
    Draft,
    about_draft,
    comment_example_number,
    comment_kit,
    draft_texts,
    headline_drafts,
    length_label,
    message_kit,
    missing_fields,
    missing_message,
    post_draft,
    recommendation_request,
    search_recipe,
    search_terms,
    shortened_label,
)
from ssi_coach.grammar import normalise, shaped, without_article
from ssi_coach.i18n import catalog, placeholders
from ssi_coach.model import ANSWER_TEXTS, Answers, Goal, Role
from tests.unit.answer_strategies import (
    EN_TITLES,
    FR_MEANS,
    FR_TITLES,
    en_answers,
    en_answers_or_blank,
    fr_answers,
    fr_answers_or_blank,
    fr_noun_outcomes,
    fr_targets,
    fr_verb_outcomes,
    french_articles,
    french_faults,
    layout_faults,
    long_answers,
    title_lists,
)

answer_texts = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80)
langs = st.sampled_from(["fr", "en"])
days = st.dates(date(2024, 1, 1), date(2030, 12, 31))

FULL = {
    "target": "les DAF de PME industrielles",
    "titles": "DAF, Directeur administratif et financier",
    "company_kind": "PME",
    "sector": "l’industrie",
    "outcome": "réduire leurs délais de clôture",
    "means": "un tableau de bord automatisé",
}
FULL_EN = {
    "target": "CFOs of manufacturing SMEs",
    "titles": "CFO, Chief Financial Officer",
    "company_kind": "SMEs",
    "sector": "Manufacturing",
    "outcome": "close their books faster",
    "means": "an automated dashboard",
}
DAY = date(2026, 3, 3)
OFFERS = re.compile(
    r"je peux vous (?:montrer|proposer)|\boffres?\b|\bdevis\b|\bprix\b|\btarifs?\b|\bremise\b"
    r"|I can (?:show|offer)|\boffers?\b|\bquotes?\b|\bprices?\b|\bdiscount\b|[€$£]",
    re.IGNORECASE,
)


def answers(profile_lang: str = "fr", **texts: str) -> Answers:
    return Answers(Goal.PROSPECTING, Role.FREELANCE, False, profile_lang=profile_lang, **texts)


def several_days(day: date) -> list[date]:
    """Return three days in a row (every comment example) and two later weeks (every post)."""
    return [day, day + timedelta(1), day + timedelta(2), day + timedelta(7), day + timedelta(14)]


def unquoted(query: str) -> str:
    return re.sub(r'"[^"]*"', " ", query)


def balanced(query: str) -> bool:
    depth = 0
    for char in unquoted(query):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and query.count('"') % 2 == 0


def operator_faults(query: str) -> list[str]:
    """Return the operators of a LinkedIn query that are not in capitals or not between terms."""
    words = re.findall(r"[()]|[^\s()]+", unquoted(query))
    faults = [w for w in words if w.casefold() in ("and", "or", "not") and not w.isupper()]
    if re.search(r"^\s*(?:AND|OR)\b|\b(?:AND|OR|NOT)\s*$|\b(?:AND|OR|NOT)\s+(?:AND|OR)\b", query):
        faults.append(query)
    return faults


def expected_title_query(titles: list[str]) -> str:
    return " OR ".join(f'"{title}"' if " " in title else title for title in titles)


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


def test_the_length_label_of_a_draft_without_limit_shows_the_count_only() -> None:
    assert length_label(Draft("x" * 42), "en") == "42 characters"


# --- missing answers ------------------------------------------------------------------------


def test_empty_answers_leave_visible_french_placeholders() -> None:
    assert headline_drafts(answers(), "fr")[0].text == (
        "J’aide [votre cible] à [ce que vous les aidez à faire] grâce à [votre méthode]"
    )


def test_empty_answers_leave_visible_english_placeholders() -> None:
    assert headline_drafts(answers("en"), "en")[0].text == (
        "I help [your target] to [what you help them do] with [your method]"
    )


def test_a_headline_lists_the_answers_it_lacks_in_questionnaire_order() -> None:
    draft = headline_drafts(answers(outcome="gagner du temps"), "fr")[0]
    assert draft.missing == ("target", "means")


def test_a_complete_headline_lacks_nothing() -> None:
    assert all(d.missing == () for d in headline_drafts(answers(**FULL), "fr"))


def test_the_missing_message_names_the_fields_as_the_questionnaire_does() -> None:
    assert missing_message(("target", "sector"), "fr") == (
        "Pour personnaliser ce texte, complétez dans le questionnaire\u00a0: Cible, Secteur."
    )


def test_the_missing_message_is_empty_when_nothing_is_missing() -> None:
    assert missing_message((), "en") == ""


def test_missing_fields_merges_drafts_in_questionnaire_order() -> None:
    merged = missing_fields([Draft("a", missing=("sector",)), Draft("b", missing=("target",))])
    assert merged == ("target", "sector")


# --- French drafts, whatever the answers ----------------------------------------------------


@given(fr_answers_or_blank, langs, days)
def test_no_french_draft_has_a_grammar_or_layout_fault(
    given_answers: Answers, lang: str, day: date
) -> None:
    for one_day in several_days(day):
        for code, draft in draft_texts(given_answers, lang, one_day).items():
            assert french_faults(draft.text) == [], (code, draft.text)


@given(fr_answers, fr_noun_outcomes, langs, days)
def test_a_noun_outcome_is_never_glued_after_a(
    given_answers: Answers, outcome: str, lang: str, day: date
) -> None:
    with_noun = Answers(**{**given_answers.__dict__, "outcome": outcome})
    core = without_article(normalise(outcome))
    glued = re.compile(
        rf"\b(?:à|au|aux)\s+(?:(?:le|la|les|un|une|des|du)\s+|l’)?{re.escape(core)}",
        re.IGNORECASE,
    )
    for draft in draft_texts(with_noun, lang, day).values():
        assert glued.search(draft.text) is None, draft.text


def test_the_first_french_headline_follows_the_i_help_pattern() -> None:
    assert headline_drafts(answers(**FULL), "fr")[0].text == (
        "J’aide les DAF de PME industrielles à réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé"
    )


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (
            {"target": "DSI de PME", "outcome": "gain de temps sur le recrutement"},
            "J’aide les DSI de PME à gagner du temps sur le recrutement grâce aux ateliers",
        ),
        (
            {"target": "dirigeant de TPE", "outcome": "des clients plus fidèles"},
            "J’aide les dirigeants de TPE à obtenir des clients plus fidèles grâce aux ateliers",
        ),
    ],
)
def test_answers_typed_without_articles_or_as_nouns_read_as_french(
    texts: dict[str, str], expected: str
) -> None:
    assert headline_drafts(answers(means="les ateliers", **texts), "fr")[0].text == expected


def test_the_sector_follows_secteur_without_its_article() -> None:
    note = search_recipe(answers(**FULL), "fr").connection_note.text
    assert "des acteurs du secteur industrie\u00a0:" in note


def test_the_three_headlines_differ() -> None:
    assert len({d.text for d in headline_drafts(answers(**FULL), "fr")}) == 3


# --- headlines fit in 220 characters --------------------------------------------------------


@given(long_answers | fr_answers_or_blank | en_answers_or_blank)
def test_at_least_one_headline_fits_in_220_characters(given_answers: Answers) -> None:
    headlines = headline_drafts(given_answers, "fr")
    assert min(d.length for d in headlines) <= HEADLINE_LIMIT
    assert all(d.limit == HEADLINE_LIMIT for d in headlines)


@given(answer_texts, answer_texts, answer_texts, langs)
def test_at_least_one_headline_fits_whatever_is_typed(
    target: str, outcome: str, means: str, profile_lang: str
) -> None:
    texts = {"target": target, "outcome": outcome, "means": means}
    headlines = headline_drafts(answers(profile_lang, **texts), "fr")
    assert min(d.length for d in headlines) <= HEADLINE_LIMIT


@given(fr_targets, fr_verb_outcomes | fr_noun_outcomes, st.sampled_from(FR_MEANS))
def test_a_shortened_headline_fits_and_says_it_left_the_means_out(
    target: str, outcome: str, means: str
) -> None:
    long_means = (means + " et des outils sur mesure pour chaque équipe de direction")[:80]
    texts = {"target": target, "outcome": outcome, "means": long_means.strip()}
    for draft in headline_drafts(answers(**texts), "en"):
        if draft.shortened:
            assert draft.shortened == ("means",)
            assert not draft.over_limit
            assert "grâce" not in draft.text
            assert "Ma méthode" not in draft.text


def test_long_answers_shorten_headlines_and_say_so() -> None:
    long = answers(target="dirigeants " * 7, outcome="réduire " * 9, means="ateliers " * 8)
    first = headline_drafts(long, "fr")[0]
    assert first.shortened == ("means",)
    assert shortened_label(first, "fr").endswith("laisse de côté votre méthode.")


def test_a_headline_that_fits_keeps_the_means_and_says_nothing_was_shortened() -> None:
    first = headline_drafts(answers(**FULL), "fr")[0]
    assert (first.shortened, shortened_label(first, "fr")) == ((), "")
    assert first.text.endswith("grâce à un tableau de bord automatisé")


# --- English drafts -------------------------------------------------------------------------


@given(en_answers_or_blank, langs, days)
def test_english_drafts_of_english_answers_carry_no_french_article(
    given_answers: Answers, lang: str, day: date
) -> None:
    for one_day in several_days(day):
        for code, draft in draft_texts(given_answers, lang, one_day).items():
            assert french_articles(draft.text) == [], (code, draft.text)
            assert layout_faults(draft.text) == [], (code, draft.text)


def test_the_first_english_headline_follows_the_i_help_pattern() -> None:
    assert headline_drafts(answers("en", **FULL_EN), "fr")[0].text == (
        "I help CFOs of manufacturing SMEs to close their books faster with an automated dashboard"
    )


# --- the profile's language, not the interface's --------------------------------------------


def test_an_english_profile_with_a_french_interface_gets_english_drafts_and_french_guidance() -> (
    None
):
    given_answers = answers("en", **FULL_EN)
    texts = draft_texts(given_answers, "fr", DAY)
    recipe = search_recipe(given_answers, "fr")
    kit = comment_kit(given_answers, "fr", DAY)
    assert texts["headline.1"].text.startswith("I help CFOs")
    assert texts["message.thank_you"].text.startswith("Hello [first name]")
    assert recipe.industry == "Secteur\u00a0: Manufacturing"
    assert kit.frameworks[0].name == "Ajouter un angle"


def test_a_french_profile_with_an_english_interface_gets_french_drafts() -> None:
    given_answers = answers(**FULL)
    texts = draft_texts(given_answers, "en", DAY)
    assert texts["headline.1"].text.startswith("J’aide les DAF")
    assert texts["about"].text.startswith("Le problème")
    assert search_recipe(given_answers, "en").industry == "Industry: industrie"


@given(fr_answers, days)
def test_the_interface_language_never_changes_a_draft(given_answers: Answers, day: date) -> None:
    french = {k: d.text for k, d in draft_texts(given_answers, "fr", day).items()}
    english = {k: d.text for k, d in draft_texts(given_answers, "en", day).items()}
    assert french == english


# --- About ----------------------------------------------------------------------------------


def test_the_about_has_three_parts_problem_offer_and_call_to_action() -> None:
    draft = about_draft(answers(**FULL), "fr")
    problem, offer, call = draft.text.split("\n\n")
    assert (problem.split("\n")[0], offer.split("\n")[0], call.split("\n")[0]) == (
        "Le problème",
        "Ce que j’apporte",
        "Parlons-en",
    )
    assert "Contactez-moi pour un diagnostic rapide" in call
    assert draft.limit == ABOUT_LIMIT


@given(fr_answers_or_blank | en_answers_or_blank)
def test_the_abouts_problem_is_a_bracketed_slot_never_an_invented_pain(
    given_answers: Answers,
) -> None:
    problem = about_draft(given_answers, "fr").text.split("\n\n")[0]
    _heading, slot = problem.split("\n")
    assert slot.startswith("[")
    assert slot.endswith("]")


@pytest.mark.parametrize(
    ("profile_lang", "proof", "call"),
    [("fr", "[Une preuve\u00a0:", "Contactez-moi"), ("en", "[A proof:", "Contact me")],
)
def test_the_about_has_a_proof_slot_and_a_call_to_action(
    profile_lang: str, proof: str, call: str
) -> None:
    texts = FULL if profile_lang == "fr" else FULL_EN
    parts = about_draft(answers(profile_lang, **texts), "fr").text.split("\n\n")
    assert proof in parts[1]
    assert call in parts[2]


def test_the_about_offer_reads_the_answers_in_french() -> None:
    offer = about_draft(answers(**FULL), "en").text.split("\n\n")[1]
    assert offer.split("\n")[1] == (
        "J’accompagne les DAF de PME industrielles pour réduire leurs délais de clôture "
        "grâce à un tableau de bord automatisé. J’interviens surtout auprès de PME, "
        "secteur industrie."
    )


# --- recommendation and post ----------------------------------------------------------------


def test_the_recommendation_request_names_the_precise_skill() -> None:
    text = recommendation_request(answers(**FULL), "fr").text
    assert "au cœur de mon travail\u00a0: un tableau de bord automatisé," in text


def test_the_recommendation_request_lists_a_missing_skill() -> None:
    assert recommendation_request(answers("en"), "en").missing == ("means",)


@given(fr_answers | en_answers, days)
def test_the_weeks_post_fits_and_speaks_to_the_target(given_answers: Answers, day: date) -> None:
    post = post_draft(given_answers, "fr", day)
    assert not post.draft.over_limit
    group = shaped(given_answers.target, "group", given_answers.profile_lang)
    # « Question ouverte aux DSI »: the article may have contracted with the template's « à ».
    assert without_article(group) in post.draft.text


# --- search ---------------------------------------------------------------------------------


@given(title_lists(FR_TITLES) | title_lists(EN_TITLES), langs)
def test_the_title_field_joins_the_titles_with_or_quoting_only_multi_word_ones(
    titles: list[str], profile_lang: str
) -> None:
    recipe = search_recipe(answers(profile_lang, titles=", ".join(titles)), "fr")
    assert recipe.title_query.text == expected_title_query(titles)


def test_the_title_field_quotes_a_title_only_when_it_has_several_words() -> None:
    recipe = search_recipe(answers(**FULL), "fr")
    assert recipe.title_query.text == 'DAF OR "Directeur administratif et financier"'


def test_the_keywords_field_holds_the_kind_of_company_and_leaves_out_students() -> None:
    recipe = search_recipe(answers(**FULL), "fr")
    assert recipe.keywords_query.text == "PME NOT (stagiaire OR étudiant OR alternant)"


@given(answer_texts, answer_texts, answer_texts, langs)
def test_the_search_fields_are_balanced_and_take_no_wildcard_for_any_text(
    titles: str, company_kind: str, sector: str, profile_lang: str
) -> None:
    texts = {"titles": titles, "company_kind": company_kind, "sector": sector}
    recipe = search_recipe(answers(profile_lang, **texts), "fr")
    for query in (recipe.title_query.text, recipe.keywords_query.text):
        assert balanced(query), query
        assert "*" not in query


@given(answer_texts, answer_texts, langs)
@example("DAF, not", "and", "en")
def test_search_operators_are_in_capitals_between_terms_for_any_text(
    titles: str, company_kind: str, profile_lang: str
) -> None:
    texts = {"titles": titles, "company_kind": company_kind}
    recipe = search_recipe(answers(profile_lang, **texts), "en")
    for query in (recipe.title_query.text, recipe.keywords_query.text):
        assert operator_faults(query) == [], query


@given(answer_texts, langs)
def test_the_title_field_quotes_exactly_its_multi_word_titles_for_any_text(
    titles: str, profile_lang: str
) -> None:
    query = search_recipe(answers(profile_lang, titles=titles), "fr").title_query
    if query.missing:
        return
    parts = re.findall(r'"[^"]*"|[^\s"]+', query.text)
    assert all(part == "OR" for part in parts[1::2]), query.text
    for term in parts[::2]:
        assert (term.startswith('"') and " " in term) or " " not in term, query.text


@given(fr_answers | en_answers)
def test_the_sector_is_a_filter_never_a_term_of_the_query(given_answers: Answers) -> None:
    recipe = search_recipe(given_answers, "fr")
    sector = without_article(given_answers.sector).casefold()
    typed = f"{given_answers.titles} {given_answers.company_kind}".casefold()
    for query in (recipe.title_query.text, recipe.keywords_query.text):
        assert sector not in query.casefold() or sector in typed
    assert recipe.industry.endswith(without_article(given_answers.sector))


def test_the_industry_filter_names_the_sector_as_typed_without_its_article() -> None:
    assert search_recipe(answers(**FULL), "fr").industry == "Secteur\u00a0: industrie"


def test_alternatives_can_be_written_with_ou() -> None:
    assert search_terms("DAF ou contrôleur de gestion") == ("DAF", "contrôleur de gestion")


def test_a_leading_article_is_left_out_of_search_terms() -> None:
    assert search_terms("les PME") == ("PME",)


def test_quotes_and_wildcards_the_user_typed_are_dropped_from_search_terms() -> None:
    assert search_terms('chef de projet "digital*"') == ("chef de projet digital",)


def test_a_title_with_its_acronym_in_parentheses_searches_both() -> None:
    # "Directeur administratif et financier DAF", quoted, would match no profile.
    recipe = search_recipe(answers(titles="Directeur administratif et financier (DAF)"), "fr")
    assert recipe.title_query.text == '"Directeur administratif et financier" OR DAF'


@pytest.mark.parametrize(
    ("profile_lang", "kinds", "expected"),
    [
        ("fr", "PME et ETI", "(PME OR ETI) NOT (stagiaire OR étudiant OR alternant)"),
        ("en", "startups and scale-ups", "(startups OR scale-ups) NOT (intern OR student)"),
        ("en", "SMEs & startups", "(SMEs OR startups) NOT (intern OR student)"),
    ],
)
def test_kinds_of_company_joined_with_et_or_and_are_alternatives(
    profile_lang: str, kinds: str, expected: str
) -> None:
    # "PME et ETI", as an exact phrase, would match no profile.
    recipe = search_recipe(answers(profile_lang, company_kind=kinds), "fr")
    assert recipe.keywords_query.text == expected


@given(fr_answers | en_answers)
def test_no_keyword_phrase_joins_two_kinds_of_company_with_et_or_and(
    given_answers: Answers,
) -> None:
    keywords = search_recipe(given_answers, "fr").keywords_query.text
    assert re.search(r'"[^"]*\b(?:et|and)\b[^"]*"', keywords) is None, keywords


def test_the_recipe_lists_missing_titles_kind_and_sector_and_shows_placeholders() -> None:
    recipe = search_recipe(answers(), "fr")
    assert recipe.missing == ("titles", "company_kind", "sector")
    assert recipe.title_query.text == "[intitulé de poste]"


def test_the_recipe_asks_for_10_prospects_a_day() -> None:
    recipe = search_recipe(answers(**FULL), "en")
    assert recipe.daily_quota == 10
    assert any("about ten well-chosen prospects" in line for line in recipe.advice)


def test_the_recipe_says_sales_navigator_is_optional() -> None:
    recipe = search_recipe(answers(**FULL), "fr")
    assert any("Sales Navigator peut aider, il n’est pas nécessaire" in a for a in recipe.advice)


def test_the_recipe_names_the_four_buying_signals() -> None:
    assert len(search_recipe(answers(**FULL), "en").signals) == 4


@given(fr_answers | en_answers)
def test_the_connection_note_fits_linkedins_300_characters(given_answers: Answers) -> None:
    note = search_recipe(given_answers, "fr").connection_note
    assert (note.limit, note.over_limit) == (CONNECTION_NOTE_LIMIT, False)


# --- comments -------------------------------------------------------------------------------


def test_the_comment_kit_offers_an_angle_an_experience_and_a_question() -> None:
    kit = comment_kit(answers(**FULL), "en", DAY)
    assert [f.code for f in kit.frameworks] == ["angle", "experience", "question"]


@given(days, st.sampled_from(COMMENT_FRAMEWORKS))
def test_a_framework_never_shows_the_same_example_two_days_in_a_row(day: date, code: str) -> None:
    assert comment_example_number(code, day) != comment_example_number(code, day + timedelta(1))


@given(fr_answers | en_answers, days)
def test_each_framework_rotates_through_all_its_examples_over_consecutive_days(
    given_answers: Answers, day: date
) -> None:
    shown = [
        comment_kit(given_answers, "fr", day + timedelta(n)).frameworks
        for n in range(COMMENT_EXAMPLES)
    ]
    for index, code in enumerate(COMMENT_FRAMEWORKS):
        texts = [frameworks[index].example.text for frameworks in shown]
        assert len(set(texts)) == COMMENT_EXAMPLES, code


@pytest.mark.parametrize("profile_lang", ["fr", "en"])
@pytest.mark.parametrize("code", COMMENT_FRAMEWORKS)
def test_each_framework_has_several_examples_built_from_the_answers(
    code: str, profile_lang: str
) -> None:
    templates = [
        catalog(profile_lang)[f"draft.comment.{code}.example.{n}"]
        for n in range(1, COMMENT_EXAMPLES + 1)
    ]
    assert COMMENT_EXAMPLES >= 2
    assert all(placeholders(template) & set(ANSWER_TEXTS) for template in templates)


def test_a_comment_example_speaks_of_the_sector_or_the_target() -> None:
    for n in range(COMMENT_EXAMPLES):
        kit = comment_kit(answers(**FULL), "fr", DAY + timedelta(n))
        for framework in kit.frameworks:
            text = framework.example.text
            assert "secteur industrie" in text or "les DAF de PME industrielles" in text


def test_no_comment_example_is_a_great_post() -> None:
    for n in range(COMMENT_EXAMPLES):
        kit = comment_kit(answers("en", **FULL_EN), "en", DAY + timedelta(n))
        examples = [f.example.text for f in kit.frameworks] + [kit.share_template.text]
        assert not any("great post" in text.lower() for text in examples)


def test_the_comment_rules_forbid_great_post_and_ask_for_3_a_day() -> None:
    kit = comment_kit(answers(**FULL), "fr", DAY)
    assert kit.daily_quota == 3
    assert any("Jamais de «\u00a0Super post\u00a0!\u00a0»" in rule for rule in kit.rules)


def test_the_share_template_tags_one_or_two_people() -> None:
    template = comment_kit(answers(**FULL), "fr", DAY).share_template.text
    assert "[@personne 1], [@personne 2]" in template


def test_the_comment_kit_lists_a_missing_sector() -> None:
    assert comment_kit(answers(target="les DAF"), "en", DAY).missing == ("sector",)


# --- messages -------------------------------------------------------------------------------


@pytest.mark.parametrize(("profile_lang", "texts"), [("fr", FULL), ("en", FULL_EN)])
def test_the_thank_you_asks_about_their_work_or_a_recent_post(
    profile_lang: str, texts: dict[str, str]
) -> None:
    text = message_kit(answers(profile_lang, **texts), "fr").thank_you.text
    assert "?" in text
    assert re.search(r"publication récente|recent post", text)


@given(fr_answers_or_blank | en_answers_or_blank, langs)
def test_the_follow_up_brings_value_and_never_an_offer(given_answers: Answers, lang: str) -> None:
    text = message_kit(given_answers, lang).follow_up.text
    assert OFFERS.search(text) is None, text
    assert "?" in text


def test_the_follow_up_brings_a_resource() -> None:
    text = message_kit(answers(**FULL), "fr").follow_up.text
    assert "[une ressource utile\u00a0: un article, une publication, un outil]" in text


def test_the_message_rules_say_answer_quickly_sell_nothing_and_never_an_offer() -> None:
    rules = message_kit(answers(**FULL), "en").rules
    assert rules[0].startswith("The first message sells nothing")
    assert any(rule.startswith("Answer quickly") for rule in rules)
    assert any("never an offer" in rule for rule in rules)


def test_the_message_kit_lists_the_answers_it_lacks() -> None:
    assert message_kit(answers(), "fr").missing == ("sector",)


# --- any text -------------------------------------------------------------------------------


@given(answer_texts, answer_texts, answer_texts, answer_texts, langs, langs, days)
def test_no_answer_crashes_a_draft_or_leaves_a_catalog_key(
    target: str, outcome: str, means: str, sector: str, profile_lang: str, lang: str, day: date
) -> None:
    texts = {"target": target, "outcome": outcome, "means": means, "sector": sector}
    given_answers = answers(profile_lang, **texts)
    recipe = search_recipe(given_answers, lang)
    shown = [d.text for d in draft_texts(given_answers, lang, day).values()]
    shown += [*recipe.filters, *recipe.signals, *recipe.advice, recipe.industry]
    shown += [*comment_kit(given_answers, lang, day).rules, *message_kit(given_answers, lang).rules]
    assert not any(text.startswith("draft.") for text in shown)
