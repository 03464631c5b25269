"""The review of the user's own texts: each rule, its language, its messages, and robustness."""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.drafts import draft_texts
from ssi_coach.i18n import Lang, catalog
from ssi_coach.model import Answers, Goal, Role
from ssi_coach.records import DRAFT_CODES
from ssi_coach.review import (
    CODES,
    COMMENT_MIN_WORDS,
    DRAFT_KINDS,
    LIMITS,
    TASK_KINDS,
    TextKind,
    message_key,
    normal_form,
    review_text,
    text_language,
    word_lists,
)
from ssi_coach.routine import TASK_KEYS
from tests.unit.answer_strategies import en_answers, fr_answers

DATA = Path(__file__).resolve().parents[2] / "data" / "review"


def fixes(kind: TextKind, text: str, lang: str = "fr") -> set[str]:
    return {finding.code for finding in review_text(kind, text, lang).fixes}


# --- headline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Consultant chez Capgemini",
        "Sales Executive at Acme",
        "Freelance | Consultant | Formateur",
        "CEO @ Acme | Ex-Google",
        "Développeur web freelance - React, Node, AWS",
    ],
)
def test_a_headline_of_titles_and_employers_only_is_job_title_only(headline: str) -> None:
    assert fixes(TextKind.HEADLINE, headline) == {"job_title_only", "no_client_benefit"}


def test_a_slogan_without_target_or_outcome_names_no_client_benefit_but_is_no_job_title() -> None:
    assert fixes(TextKind.HEADLINE, "Transformer vos idées en succès") == {"no_client_benefit"}


@pytest.mark.parametrize(
    "headline",
    [
        "J’aide les PME industrielles à recruter sans cabinet | Consultante RH",
        "Expert-comptable | J'aide les artisans du BTP à dormir tranquilles",
        "I help B2B SaaS founders land their first 10 enterprise deals",
        "Consultante RH pour les cliniques privées",
        "Des sites web qui remplissent l'agenda des kinés",
        "Helping physiotherapists get more patients without ads",
    ],
)
def test_a_headline_naming_a_target_or_an_outcome_needs_no_fix(headline: str) -> None:
    assert fixes(TextKind.HEADLINE, headline) == set()


def test_an_employer_alone_makes_a_job_title_headline() -> None:
    assert fixes(TextKind.HEADLINE, "Chez Decathlon depuis 2012") == {
        "job_title_only",
        "no_client_benefit",
    }


def test_at_before_a_lower_case_word_names_no_employer() -> None:
    assert fixes(TextKind.HEADLINE, "Building the future, one step at a time", "en") == {
        "no_client_benefit"
    }


def test_what_you_do_said_to_the_reader_is_a_client_benefit() -> None:
    assert (
        fixes(TextKind.HEADLINE, "Consultant énergie | Je réduis votre facture d’électricité")
        == set()
    )


def test_pour_before_a_bare_noun_names_the_client() -> None:
    assert (
        fixes(TextKind.HEADLINE, "Architecte d’intérieur pour restaurateurs et hôteliers") == set()
    )


def test_self_praise_words_are_quoted_as_the_user_wrote_them() -> None:
    review = review_text(TextKind.HEADLINE, "Consultante SEO passionnée | Experte WordPress 🚀")
    buzzwords = next(finding for finding in review.findings if finding.code == "buzzwords")
    assert buzzwords.quotes == ("passionnée", "Experte")
    assert "«\u00a0passionnée\u00a0» et «\u00a0Experte\u00a0»" in buzzwords.message("fr")


def test_expert_comptable_is_a_profession_not_a_buzzword() -> None:
    text = "Expert-comptable | J’aide les artisans à piloter leur trésorerie"
    assert "buzzwords" not in review_text(TextKind.HEADLINE, text).codes


def test_a_buzzword_written_without_its_accents_is_still_found() -> None:
    assert "buzzwords" in fixes(TextKind.HEADLINE, "Consultant passionne | J'aide les PME a vendre")


def test_a_headline_over_220_characters_is_too_long_and_says_by_how_much() -> None:
    text = "J’aide les PME à recruter " + "vite " * 40
    review = review_text(TextKind.HEADLINE, text)
    too_long = next(finding for finding in review.findings if finding.code == "too_long")
    over = len(text.strip()) - 220
    assert f"Retirez-en {over}" in too_long.message("fr")


def test_a_headline_of_exactly_220_characters_is_not_too_long() -> None:
    text = ("J’aide les PME à recruter " + "x" * 300)[:220]
    assert "too_long" not in review_text(TextKind.HEADLINE, text).codes


# --- About -----------------------------------------------------------------------------------


ABOUT_WITH_CTA = (
    "Vos recrutements traînent et vos managers y passent leurs soirées ?\n\n"
    "Depuis 8 ans, j’aide les PME industrielles à recruter des techniciens sans passer par un "
    "cabinet : fiches de poste, annonces qui parlent aux candidats, entretiens structurés.\n\n"
    "Résultat chez mes clients : 6 semaines en moyenne pour un poste pourvu, contre 4 mois.\n\n"
    "Envie d’en parler ? Écrivez-moi pour un diagnostic de 20 minutes."
)


def test_an_about_with_a_call_to_action_needs_no_fix() -> None:
    assert fixes(TextKind.ABOUT, ABOUT_WITH_CTA) == set()


def test_an_about_without_a_call_to_action_is_flagged() -> None:
    without = ABOUT_WITH_CTA.rsplit("\n\n", 1)[0]
    assert fixes(TextKind.ABOUT, without) == {"no_call_to_action"}


def test_an_e_mail_address_to_write_to_is_a_call_to_action() -> None:
    text = ABOUT_WITH_CTA.rsplit("\n\n", 1)[0] + "\n\nclaire.martin@exemple.fr"
    assert "no_call_to_action" not in review_text(TextKind.ABOUT, text).codes


def test_a_short_about_is_only_something_to_consider() -> None:
    review = review_text(TextKind.ABOUT, "Consultante RH. Écrivez-moi !")
    assert [(f.code, f.severity) for f in review.findings] == [("too_short", "consider")]


def test_an_about_over_2600_characters_is_too_long() -> None:
    text = ABOUT_WITH_CTA + "\n" + "Une phrase de plus sur mon parcours. " * 80
    assert "too_long" in fixes(TextKind.ABOUT, text)


# --- comments ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "comment",
    ["Super post !", "Merci pour le partage", "Great post!", "Bravo 👏", "100 % d'accord"],
)
def test_a_comment_anyone_could_write_is_generic(comment: str) -> None:
    assert "generic" in fixes(TextKind.COMMENT, comment)


def test_a_generic_comment_with_a_name_stays_generic() -> None:
    assert "generic" in fixes(TextKind.COMMENT, "Merci Julie pour ce partage inspirant 🙏")


def test_a_comment_that_adds_an_experience_needs_no_fix() -> None:
    text = (
        "Très juste. Chez mes clients du BTP, c'est la relance à J+3 qui fait la différence, "
        "pas le premier devis."
    )
    assert fixes(TextKind.COMMENT, text) == set()


def test_a_comment_under_ten_words_is_too_short_and_counts_its_words() -> None:
    review = review_text(TextKind.COMMENT, "Le point 3 est clé pour les TPE.")
    assert review.codes == {"too_short"}
    assert review.fixes[0].message("fr").startswith("8 mots")


def test_a_comment_of_exactly_ten_words_is_long_enough() -> None:
    text = "Le point trois est clé pour les TPE du bâtiment."
    assert len(re.findall(r"[^\W_]+", text)) == COMMENT_MIN_WORDS
    assert "too_short" not in review_text(TextKind.COMMENT, text).codes


def test_a_comment_that_sells_is_a_pitch_quoting_the_words() -> None:
    text = (
        "Votre point sur la relance à J+3 est juste, contactez-moi pour un devis : notre agence "
        "fait ça depuis 2015."
    )
    review = review_text(TextKind.COMMENT, text)
    assert review.codes == {"pitch"}
    assert review.fixes[0].quotes == ("contactez-moi", "pour un devis", "notre agence")


def test_a_comment_that_praises_then_sells_is_generic_and_a_pitch() -> None:
    text = "Intéressant ! Contactez-moi pour un devis, notre agence fait ça depuis 2015."
    assert fixes(TextKind.COMMENT, text) == {"generic", "pitch"}


def test_a_link_in_a_comment_is_something_to_consider_not_a_fix() -> None:
    text = (
        "L’étude de l’Apec va dans ce sens : 62 % des cadres disent la même chose, "
        "voir https://www.apec.fr/etude"
    )
    review = review_text(TextKind.COMMENT, text)
    assert [(f.code, f.severity) for f in review.findings] == [("link", "consider")]


# --- invitations -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "note",
    [
        "Bonjour, je souhaiterais vous ajouter à mon réseau.",
        "Hi, I'd like to add you to my professional network.",
        "Bonjour, au plaisir d'échanger !",
    ],
)
def test_the_standard_note_is_generic(note: str) -> None:
    assert fixes(TextKind.INVITATION, note) == {"generic"}


def test_a_note_about_the_persons_post_needs_no_fix() -> None:
    note = "Bonjour Marie, j'ai lu votre post sur la fidélisation des soignants, très juste."
    assert fixes(TextKind.INVITATION, note) == set()


def test_a_note_speaking_of_something_of_theirs_is_personal() -> None:
    assert (
        fixes(TextKind.INVITATION, "Hi Tom, loved your breakdown of the book fair deals.") == set()
    )


def test_a_note_speaking_only_of_their_network_or_profile_is_generic() -> None:
    note = "Bonjour, votre profil m’a semblé intéressant, j’aimerais rejoindre votre réseau."
    assert fixes(TextKind.INVITATION, note) == {"generic"}


def test_a_note_that_sells_is_a_pitch() -> None:
    note = "Bonjour Marie, j'ai vu votre post ! Je serais ravi de vous présenter notre solution."
    assert fixes(TextKind.INVITATION, note) == {"pitch"}


def test_a_note_over_300_characters_is_too_long() -> None:
    note = "Bonjour Marie, j’ai lu votre post sur les soignants. " + "Vraiment. " * 30
    assert "too_long" in fixes(TextKind.INVITATION, note)


# --- first messages ---------------------------------------------------------------------------


def test_a_first_message_asking_about_their_work_needs_no_fix() -> None:
    text = "Merci pour la connexion Paul ! Comment gérez-vous la saisonnalité des chantiers ?"
    assert fixes(TextKind.MESSAGE, text) == set()


def test_a_first_message_that_sells_and_only_asks_for_a_call_gets_both_fixes() -> None:
    text = "Merci d'avoir accepté ! Je vous présente notre solution, dispo pour une démo ?"
    assert fixes(TextKind.MESSAGE, text) == {"pitch", "no_question"}


def test_a_first_message_without_any_question_opens_no_conversation() -> None:
    assert fixes(TextKind.MESSAGE, "Merci d’avoir accepté mon invitation, bonne journée.") == {
        "no_question"
    }


def test_an_indirect_question_about_their_work_counts_as_a_question() -> None:
    text = (
        "Merci Paul. Je serais curieux de savoir comment vous recrutez vos conducteurs de travaux."
    )
    assert fixes(TextKind.MESSAGE, text) == set()


def test_a_booking_link_in_a_first_message_is_a_pitch() -> None:
    text = "Thanks for connecting! How do you handle onboarding? Grab a slot: calendly.com/me/30min"
    assert "pitch" in fixes(TextKind.MESSAGE, text, "en")


# --- every kind -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(TextKind))
def test_a_placeholder_left_in_the_text_is_a_fix_in_every_kind(kind: TextKind) -> None:
    review = review_text(kind, "J’aide les PME à [résultat]. Écrivez-moi ? Votre post, merci !")
    placeholder = next(finding for finding in review.findings if finding.code == "placeholder")
    assert placeholder.quotes == ("[résultat]",)


@pytest.mark.parametrize("kind", list(TextKind))
def test_an_empty_text_has_no_finding(kind: TextKind) -> None:
    review = review_text(kind, "  \n ")
    assert review.empty
    assert review.findings == ()


def test_fixes_come_before_considerations() -> None:
    review = review_text(TextKind.COMMENT, "voir https://example.com")
    severities = [finding.severity for finding in review.findings]
    assert severities == sorted(severities, key=lambda severity: severity != "fix")
    assert "consider" in severities


# --- language ----------------------------------------------------------------------------------


def test_an_english_text_is_judged_in_english_whatever_the_users_language() -> None:
    review = review_text(TextKind.COMMENT, "Great post, so true!", "fr")
    assert review.lang is Lang.EN
    assert "generic" in review.codes


def test_a_french_text_is_judged_in_french_when_the_user_writes_in_english() -> None:
    assert text_language("Merci pour ce partage, c'est très juste", "en") is Lang.FR


def test_a_text_too_short_to_tell_takes_the_users_language() -> None:
    assert text_language("👏👏", "en") is Lang.EN
    assert text_language("👏👏", "fr") is Lang.FR


def test_a_french_text_is_not_judged_with_english_lists() -> None:
    # "demo" is an English pitch word; in French it is a pitch only as « une démo ».
    text = "Merci Paul ! Comment s’est passée votre demo day à Station F, côté investisseurs ?"
    assert review_text(TextKind.MESSAGE, text, "fr").lang is Lang.FR
    assert fixes(TextKind.MESSAGE, text) == set()


# --- messages and data --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", list(Lang))
def test_every_code_of_every_kind_has_a_message(lang: Lang) -> None:
    texts = catalog(lang)
    missing = [
        message_key(kind, code, quoted, lang)
        for kind, codes in CODES.items()
        for code in codes
        for quoted in (0, 1, 2)
        if message_key(kind, code, quoted, lang) not in texts
    ]
    assert missing == []


def test_a_message_quoting_several_words_speaks_of_them_in_the_plural() -> None:
    review = review_text(TextKind.MESSAGE, "Bonjour [prénom], merci ! Vu [votre post] ?")
    placeholder = next(finding for finding in review.findings if finding.code == "placeholder")
    assert "Remplacez-les" in placeholder.message("fr")
    assert "Replace them" in placeholder.message("en")
    single = review_text(TextKind.MESSAGE, "Bonjour [prénom], comment allez-vous ?").findings[0]
    assert "Remplacez-le " in single.message("fr")


@pytest.mark.parametrize("lang", list(Lang))
def test_every_word_list_says_which_part_of_domain_it_serves(lang: Lang) -> None:
    lists = word_lists(lang)
    unexplained = [name for name, serves in lists.serves.items() if "DOMAIN.md §" not in serves]
    assert unexplained == []


def test_both_languages_have_the_same_word_lists() -> None:
    assert set(word_lists(Lang.FR).lists) == set(word_lists(Lang.EN).lists)


def test_the_word_lists_are_read_from_data_files() -> None:
    with (DATA / "fr.toml").open("rb") as file:
        data = tomllib.load(file)
    assert "ninja" in data["headline"]["buzzwords"]["phrases"]
    assert normal_form("ninja") in word_lists(Lang.FR)["headline.buzzwords"].phrases


def test_the_normal_form_ignores_case_accents_apostrophes_and_hyphens() -> None:
    assert (
        normal_form("Contactez-MOI, j’aide déjà l'équipe") == "contactez moi j aide deja l equipe"
    )


# --- the plan's own drafts pass their review once filled in ---------------------------------------

_SLOT = re.compile(r"\[[^\[\]\n]*\]")


def _filled(text: str) -> str:
    return _SLOT.sub("la relance client", text)


@given(answers=fr_answers | en_answers, offset=st.integers(0, 20))
def test_the_plans_drafts_once_filled_in_get_no_fix(answers: Answers, offset: int) -> None:
    drafts = draft_texts(answers, "fr", date(2026, 12, 1) + timedelta(days=offset))
    for code, kind in DRAFT_KINDS.items():
        text = _filled(drafts[code].text)
        if drafts[code].over_limit:
            continue
        assert fixes(kind, text, answers.profile_lang) == set(), (code, text)


def test_the_review_knows_the_plans_drafts_and_the_routines_tasks_by_their_stored_codes() -> None:
    assert set(DRAFT_KINDS) <= set(DRAFT_CODES)
    assert set(TASK_KINDS) <= set(TASK_KEYS)


def test_the_plans_drafts_as_proposed_ask_for_their_placeholders() -> None:
    answers = Answers(Goal.PROSPECTING, Role.FREELANCE, False, target="DAF de PME")
    drafts = draft_texts(answers, "fr", date(2026, 12, 1))
    assert "placeholder" in fixes(TextKind.MESSAGE, drafts["message.thank_you"].text)


# --- robustness --------------------------------------------------------------------------------

_ANY_TEXT = st.text(
    st.characters(codec=None, exclude_categories=("Cs",))
    | st.sampled_from(
        ["\x00", "\u202e", "\u200f", "👏", "\U0001f3fd", "م", "é", "\u0301", "?", "@"]
    ),
    max_size=20_000,
)


@given(kind=st.sampled_from(TextKind), text=_ANY_TEXT, lang=st.sampled_from(["fr", "en", "xx"]))
def test_any_text_gets_a_review_with_known_codes(kind: TextKind, text: str, lang: str) -> None:
    review = review_text(kind, text, lang)
    assert review.codes <= set(CODES[kind])
    for finding in review.findings:
        assert finding.message("fr")
        assert finding.message("en")


@given(kind=st.sampled_from(TextKind), text=_ANY_TEXT)
def test_the_review_is_deterministic(kind: TextKind, text: str) -> None:
    assert review_text(kind, text) == review_text(kind, text)


@given(kind=st.sampled_from([k for k in TextKind if k in LIMITS]), text=_ANY_TEXT)
def test_too_long_is_reported_exactly_when_the_text_passes_linkedins_limit(
    kind: TextKind, text: str
) -> None:
    review = review_text(kind, text)
    assert ("too_long" in review.codes) == (review.length > LIMITS[kind])
