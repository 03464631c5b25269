"""Putting the user's words into templates: contractions, elisions, articles, slot shapes."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.grammar import (
    NOMINALISATIONS_FR,
    bare_fr,
    by_fr,
    compose,
    elide,
    gender_fr,
    group_fr,
    has_determiner_fr,
    indefinite_fr,
    is_infinitive_fr,
    join,
    pluralise_fr,
    purpose_en,
    purpose_fr,
    shaped,
    singular_possessives_fr,
    starts_with_vowel_sound,
    without_article,
)
from tests.unit.answer_strategies import (
    en_noun_outcomes,
    en_verb_outcomes,
    fr_means,
    fr_noun_outcomes,
    fr_sectors,
    fr_targets,
    fr_verb_outcomes,
    french_faults,
)

HEADLINE = "J’aide {target:group} {outcome:purpose} {means:by}"
PLACEHOLDERS = {"target": "[votre cible]", "outcome": "[le résultat]", "means": "[la méthode]"}
# The verbs a noun outcome may become, and « obtenir » before any other noun.
VERBS_FOR_NOUNS = {verb.split(" ")[0] for verb in NOMINALISATIONS_FR.values()} | {"obtenir"}
any_text = st.text(
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters="{}"), max_size=80
)


# --- contractions and elisions --------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "phrase", "expected"),
    [
        ("à", "le marketing de contenu", "au marketing de contenu"),
        ("à", "les ateliers", "aux ateliers"),
        ("de", "le BTP", "du BTP"),
        ("de", "les DSI de PME", "des DSI de PME"),
        ("À", "les DSI", "Aux DSI"),
        ("De", "le BTP", "Du BTP"),
        ("à", "la santé", "à la santé"),
        ("à", "l’industrie", "à l’industrie"),
        ("de", "des clients", "de clients"),
    ],
)
def test_a_and_de_contract_with_le_and_les(before: str, phrase: str, expected: str) -> None:
    assert join(before, phrase) == expected


@pytest.mark.parametrize(
    ("before", "phrase", "expected"),
    [
        ("de", "un audit express", "d’un audit express"),
        ("de", "entreprises familiales", "d’entreprises familiales"),
        ("de", "ETI", "d’ETI"),
        ("que", "il", "qu’il"),
        ("je", "accompagne", "j’accompagne"),
        ("le", "hôtelier", "l’hôtelier"),
        ("la", "hôtellerie", "l’hôtellerie"),
        ("de", "hôtels indépendants", "d’hôtels indépendants"),
    ],
)
def test_french_elides_before_a_vowel_or_a_mute_h(before: str, phrase: str, expected: str) -> None:
    assert join(before, phrase) == expected


@pytest.mark.parametrize(
    ("before", "phrase", "expected"),
    [
        ("de", "hausse des ventes", "de hausse des ventes"),
        ("le", "hasard", "le hasard"),
        ("la", "hiérarchie", "la hiérarchie"),
        ("le", "handicap", "le handicap"),
        ("de", "PME", "de PME"),
        ("le", "yoga", "le yoga"),
        ("de", "holdings", "de holdings"),
        ("à", "les former", "à les former"),
    ],
)
def test_french_does_not_elide_before_an_aspirated_h_or_a_consonant(
    before: str, phrase: str, expected: str
) -> None:
    assert join(before, phrase) == expected


def test_elide_returns_the_word_as_written_before_the_next_one() -> None:
    assert (elide("de", "équipes"), elide("de", "hausse"), elide("que", "on")) == (
        "d’",
        "de ",
        "qu’",
    )


@pytest.mark.parametrize(
    ("word", "vowel_sound"),
    [
        ("école", True),
        ("Hôtel", True),
        ("hasard", False),
        ("hausse", False),
        ("yoga", False),
        ("ETI", True),
        ("PME", False),
        ("« industrie", True),
    ],
)
def test_a_vowel_sound_is_a_vowel_or_a_mute_h(word: str, vowel_sound: bool) -> None:
    assert starts_with_vowel_sound(word) is vowel_sound


def test_join_with_nothing_after_keeps_the_word_alone() -> None:
    assert (join("à", ""), join("", "les DSI")) == ("à", "les DSI")


# --- the people helped ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("DSI de PME", "les DSI de PME"),
        ("dirigeant de TPE", "les dirigeants de TPE"),
        ("dirigeants de TPE", "les dirigeants de TPE"),
        ("Les DAF de PME industrielles", "les DAF de PME industrielles"),
        ("CFO", "les CFO"),
        ("RH", "les RH"),
        ("chef d'entreprise", "les chefs d’entreprise"),
        ("réseau de franchises", "les réseaux de franchises"),
        ("hôteliers", "les hôteliers"),
        ("directeur financier", "chaque directeur financier"),
        ("l'équipe RH", "l’équipe RH"),
        ("des indépendants", "des indépendants"),
        ("pour les dirigeants de PME", "les dirigeants de PME"),
    ],
)
def test_the_people_helped_get_an_article_when_typed_without_one(typed: str, expected: str) -> None:
    assert group_fr(typed) == expected


@given(fr_targets)
def test_the_people_helped_always_start_with_a_determiner(target: str) -> None:
    assert has_determiner_fr(group_fr(target))


@given(fr_targets)
def test_giving_the_people_helped_an_article_twice_changes_nothing(target: str) -> None:
    assert group_fr(group_fr(target)) == group_fr(target)


# --- what the user helps them do ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("réduire leurs coûts IT", "à réduire leurs coûts IT"),
        ("Réduire leurs coûts IT", "à réduire leurs coûts IT"),
        ("mieux vendre", "à mieux vendre"),
        ("s’organiser", "à s’organiser"),
        ("s'organiser", "à s’organiser"),
        ("avoir plus de clients", "à avoir plus de clients"),
        ("à réduire leurs délais", "à réduire leurs délais"),
        ("d'augmenter leurs ventes", "à augmenter leurs ventes"),
        ("de fidéliser leurs clients", "à fidéliser leurs clients"),
        ("pour mieux recruter", "à mieux recruter"),
        ("héberger leurs données", "à héberger leurs données"),
        ("leur faire gagner du temps", "à leur faire gagner du temps"),
        ("les rendre autonomes", "à les rendre autonomes"),
    ],
)
def test_a_verb_outcome_goes_after_a(typed: str, expected: str) -> None:
    assert purpose_fr(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("gain de temps sur le recrutement", "à gagner du temps sur le recrutement"),
        ("Gain de temps", "à gagner du temps"),
        ("gains de productivité", "à gagner en productivité"),
        ("gain d'efficacité", "à gagner en efficacité"),
        ("réduction des délais", "à réduire les délais"),
        ("amélioration de la marge", "à améliorer la marge"),
        ("augmentation du chiffre d’affaires", "à augmenter le chiffre d’affaires"),
        ("hausse des ventes", "à augmenter les ventes"),
    ],
)
def test_a_known_noun_outcome_becomes_its_verb(typed: str, expected: str) -> None:
    assert purpose_fr(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("des clients plus fidèles", "à obtenir des clients plus fidèles"),
        ("clients plus fidèles", "à obtenir des clients plus fidèles"),
        ("plus de clients", "à obtenir plus de clients"),
        ("moins d’erreurs", "à obtenir moins d’erreurs"),
        ("de meilleurs résultats", "à obtenir de meilleurs résultats"),
        ("croissance durable", "à obtenir une croissance durable"),
        ("réduction de coûts", "à obtenir une réduction de coûts"),
        ("sérénité", "à obtenir plus de sérénité"),
        ("efficacité", "à obtenir plus d’efficacité"),
        ("30 % de leads en plus", "à obtenir 30 % de leads en plus"),
    ],
)
def test_any_other_noun_outcome_goes_after_a_obtenir(typed: str, expected: str) -> None:
    assert purpose_fr(typed) == expected


def test_after_pour_a_noun_outcome_needs_no_verb() -> None:
    assert purpose_fr("des clients plus fidèles", "pour") == "pour des clients plus fidèles"


def test_after_pour_a_known_noun_outcome_still_becomes_its_verb() -> None:
    assert purpose_fr("gain de temps", "pour") == "pour gagner du temps"


@given(fr_noun_outcomes)
def test_a_noun_outcome_is_never_glued_after_a(outcome: str) -> None:
    shaped_outcome = purpose_fr(outcome)
    assert shaped_outcome.split(" ")[0] == "à"
    assert shaped_outcome.split(" ")[1] in VERBS_FOR_NOUNS


@given(fr_verb_outcomes)
def test_a_verb_outcome_keeps_its_verb_right_after_a(outcome: str) -> None:
    first, *words = purpose_fr(outcome).split(" ")
    # « à mieux vendre », « à se faire connaître », « à leur faire gagner du temps »
    while words[0] in ("mieux", "se", "leur", "les"):
        words.pop(0)
    assert (first, is_infinitive_fr(words[0].removeprefix("s’"))) == ("à", True)


@given(fr_verb_outcomes | fr_noun_outcomes)
def test_an_outcome_typed_with_its_connector_reads_the_same(outcome: str) -> None:
    assert purpose_fr(purpose_fr(outcome)) == purpose_fr(outcome)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("cut their costs", "to cut their costs"),
        ("Hire faster", "to hire faster"),
        ("to win more clients", "to win more clients"),
        ("focus on sales", "to focus on sales"),
        ("faster hiring", "to get faster hiring"),
        ("time savings on recruiting", "to get time savings on recruiting"),
        ("growth", "to get growth"),
        ("a steady pipeline", "to get a steady pipeline"),
    ],
)
def test_an_english_verb_outcome_goes_after_to_and_a_noun_after_to_get(
    typed: str, expected: str
) -> None:
    assert purpose_en(typed) == expected


@given(en_noun_outcomes)
def test_an_english_noun_outcome_always_goes_after_to_get(outcome: str) -> None:
    assert purpose_en(outcome).startswith("to get ")


@given(en_verb_outcomes)
def test_an_english_verb_outcome_never_goes_after_to_get(outcome: str) -> None:
    verb = outcome.lower().removeprefix("to ").split(" ")[0]
    assert purpose_en(outcome).startswith(f"to {verb}")


# --- the means ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("les ateliers", "grâce aux ateliers"),
        ("le marketing de contenu", "grâce au marketing de contenu"),
        ("ateliers", "grâce à des ateliers"),
        ("Ateliers collectifs", "grâce à des ateliers collectifs"),
        ("audit express", "grâce à un audit express"),
        ("Audit express", "grâce à un audit express"),
        ("une méthode éprouvée", "grâce à une méthode éprouvée"),
        ("formation sur mesure", "grâce à une formation sur mesure"),
        ("HubSpot", "grâce à HubSpot"),
        ("Excel", "grâce à Excel"),
        ("Sales Navigator", "grâce à Sales Navigator"),
        ("avec HubSpot", "grâce à HubSpot"),
        ("l'IA", "grâce à l’IA"),
        ("IA", "grâce à l’IA"),
        ("SEO", "grâce au SEO"),
        ("coaching", "grâce au coaching"),
        ("hypnose", "grâce à l’hypnose"),
        ("accompagnement individuel", "grâce à un accompagnement individuel"),
        ("hébergement sécurisé", "grâce à un hébergement sécurisé"),
        ("via des ateliers", "grâce à des ateliers"),
        ("en animant des ateliers", "en animant des ateliers"),
        ("hackathons", "grâce à des hackathons"),
        ("grâce aux ateliers", "grâce aux ateliers"),
        ("grâce au coaching", "grâce au coaching"),
        ("à travers des ateliers", "grâce à des ateliers"),
    ],
)
def test_the_means_goes_after_grace_a_with_the_article_it_needs(typed: str, expected: str) -> None:
    assert by_fr(typed) == expected


@given(fr_means)
def test_the_means_always_reads_grace_a_or_a_gerund_then_a_correct_phrase(means: str) -> None:
    text = by_fr(means)
    assert re.match(r"grâce (?:à|au|aux) \S|en \w+ant ", text)
    assert french_faults(text) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Ateliers", "des ateliers"),
        ("HubSpot", "HubSpot"),
        ("le SEO", "le SEO"),
        ("Par l'IA", "l’IA"),
        ("grâce au coaching", "le coaching"),
        ("à travers des ateliers", "des ateliers"),
    ],
)
def test_a_noun_slot_has_an_article_where_needed_and_no_connector(
    typed: str, expected: str
) -> None:
    assert shaped(typed, "noun", "fr") == expected


def test_an_english_noun_slot_drops_a_typed_with() -> None:
    assert shaped("with tailored training", "noun", "en") == "tailored training"


@pytest.mark.parametrize(
    ("noun", "gender"),
    [
        ("méthode", "f"),
        ("formation", "f"),
        ("hypnose", "f"),
        ("ateliers", "m"),
        ("audit", "m"),
        ("accompagnement", "m"),
        ("tableau", "m"),
        ("DSI", None),
    ],
)
def test_the_gender_of_a_noun_is_read_from_its_ending_or_a_list(
    noun: str, gender: str | None
) -> None:
    assert gender_fr(noun) == gender


def test_indefinite_adds_des_before_a_plural_and_nothing_before_a_name() -> None:
    assert (indefinite_fr("ateliers"), indefinite_fr("HubSpot")) == ("des ateliers", "HubSpot")


# --- the sector -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("l’industrie", "industrie"),
        ("l'industrie", "industrie"),
        ("la santé", "santé"),
        ("Industrie manufacturière", "industrie manufacturière"),
        ("SaaS", "SaaS"),
        ("le BTP", "BTP"),
        ("les assurances", "assurances"),
        ("le secteur bancaire", "bancaire"),
        ("secteur de la santé", "santé"),
        ("dans l’industrie", "industrie"),
        ("l’hôpital et la santé", "hôpital et santé"),
        ("la banque et l’assurance", "banque et assurance"),
    ],
)
def test_the_sector_is_inserted_without_its_article(typed: str, expected: str) -> None:
    assert bare_fr(typed) == expected


@given(fr_sectors)
def test_after_secteur_the_sector_never_brings_an_article_of_its_own(sector: str) -> None:
    assert french_faults(compose("du secteur {sector:bare}", {"sector": sector}, "fr")) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("l’industrie", "industrie"), ("The software industry", "software industry"), ("les", "les")],
)
def test_without_article_drops_a_leading_article_but_never_the_whole_answer(
    typed: str, expected: str
) -> None:
    assert without_article(typed) == expected


# --- composing ------------------------------------------------------------------------------


def test_compose_fills_each_slot_in_its_shape() -> None:
    answers = {
        "target": "DSI de PME",
        "outcome": "gain de temps sur le recrutement",
        "means": "les ateliers",
    }
    assert compose(HEADLINE, answers, "fr") == (
        "J’aide les DSI de PME à gagner du temps sur le recrutement grâce aux ateliers"
    )


def test_compose_contracts_at_the_junction_with_the_template() -> None:
    assert compose("Le problème de {target:group}", {"target": "DAF"}, "fr") == (
        "Le problème des DAF"
    )


def test_compose_elides_at_the_junction_with_the_template() -> None:
    text = compose("auprès de {kind:free}, secteur {sector:bare}", {"kind": "ETI"}, "fr")
    assert text.startswith("auprès d’ETI")


def test_an_empty_answer_shows_its_placeholder_with_its_connector() -> None:
    empty = dict.fromkeys(PLACEHOLDERS, " ")
    assert compose(HEADLINE, empty, "fr", PLACEHOLDERS) == (
        "J’aide [votre cible] à [le résultat] grâce à [la méthode]"
    )


def test_a_slot_starting_a_sentence_takes_a_capital() -> None:
    assert compose("Merci. {target:group} le savent.", {"target": "DSI"}, "fr") == (
        "Merci. Les DSI le savent."
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("d’augmenter leurs ventes", "augmenter leurs ventes"), ("Les PME", "les PME")],
)
def test_a_free_slot_keeps_the_answer_but_not_the_connector_before_its_verb(
    typed: str, expected: str
) -> None:
    assert shaped(typed, "free", "fr") == expected


def test_compose_fills_slots_that_are_not_answers_from_extra() -> None:
    assert compose("{count} par jour", {}, "fr", extra={"count": 3}) == "3 par jour"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("workshops", "with workshops"),
        ("with an express audit", "with an express audit"),
        ("by running workshops", "by running workshops"),
        ("Using HubSpot", "using HubSpot"),
    ],
)
def test_an_english_means_goes_after_with_unless_it_brings_its_own_preposition(
    typed: str, expected: str
) -> None:
    assert shaped(typed, "by", "en") == expected


def test_english_composition_adds_no_french_article() -> None:
    answers = {"target": "CFOs", "outcome": "cut their costs", "means": "workshops"}
    assert compose("I help {target:group} {outcome:purpose} {means:by}", answers, "en") == (
        "I help CFOs to cut their costs with workshops"
    )


def test_an_unknown_slot_shape_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown slot shape"):
        shaped("DSI", "plural", "fr")


@given(fr_targets, fr_noun_outcomes | fr_verb_outcomes, fr_means)
def test_a_composed_french_headline_has_no_grammar_fault(
    target: str, outcome: str, means: str
) -> None:
    text = compose(HEADLINE, {"target": target, "outcome": outcome, "means": means}, "fr")
    assert french_faults(text) == []


@given(any_text, any_text, st.sampled_from(["fr", "en"]))
def test_compose_never_fails_and_leaves_no_slot_for_any_text(
    target: str, outcome: str, lang: str
) -> None:
    text = compose("{target:group} {outcome:purpose}", {"target": target, "outcome": outcome}, lang)
    assert "{target" not in text
    assert "{outcome" not in text


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("expert-comptable", "experts-comptables"),
        ("sage-femme", "sages-femmes"),
        ("co-fondateur", "co-fondateurs"),
        ("auto-entrepreneur", "auto-entrepreneurs"),
    ],
)
def test_a_hyphenated_job_name_agrees_where_french_does(singular: str, plural: str) -> None:
    assert pluralise_fr(singular) == plural


@pytest.mark.parametrize(
    ("outcome", "expected"),
    [
        ("remplir leur agenda", "remplir son agenda"),
        ("développer leur clientèle", "développer sa clientèle"),
        ("fidéliser leurs clients", "fidéliser ses clients"),
        ("leur faire gagner du temps", "lui faire gagner du temps"),
    ],
)
def test_an_outcome_said_of_chaque_takes_singular_possessives(outcome: str, expected: str) -> None:
    assert singular_possessives_fr(outcome) == expected


def test_a_headline_for_chaque_person_says_son_agenda_and_one_for_a_group_leur() -> None:
    template = "J’aide {target:group} {outcome:purpose}"
    outcome = "remplir leur agenda"
    one = compose(template, {"target": "sage-femme libérale", "outcome": outcome}, "fr")
    many = compose(template, {"target": "sages-femmes", "outcome": outcome}, "fr")
    assert one == "J’aide chaque sage-femme libérale à remplir son agenda"
    assert many == "J’aide les sages-femmes à remplir leur agenda"
