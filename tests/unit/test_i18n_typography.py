"""French spacing: a no-break space before : ; ? ! % » and after «, applied by t() in French."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ssi_coach.i18n import Lang, catalog, french_spacing, t, typeset

NBSP = "\u00a0"
NNBSP = "\u202f"
MARKS = ":;?!%»"
# A space a line may break at (anything but the no-break ones), right before a mark.
LOOSE = re.compile(rf"[^\S{NBSP}{NNBSP}][{MARKS}]|«[^\S{NBSP}{NNBSP}]")
# Tokens whose signs are not French punctuation: URLs, query strings, Streamlit codes.
TECHNICAL = re.compile(r"://|www\.|\?\w+=|:[a-z0-9_+-]+(/[a-z0-9_]+)?:|:[a-z]+(-background)?\[")


# --- examples --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "typeset_as"),
    [
        ("Bonjour!", f"Bonjour{NBSP}!"),
        ("Bonjour !", f"Bonjour{NBSP}!"),
        ("Vraiment  ?", f"Vraiment{NBSP}?"),
        ("Titre: DAF", f"Titre{NBSP}: DAF"),
        ("Un; deux", f"Un{NBSP}; deux"),
        ("12%", f"12{NBSP}%"),
        ("12,5 % de plus", f"12,5{NBSP}% de plus"),
        ("«texte»", f"«{NBSP}texte{NBSP}»"),
        ("« texte »", f"«{NBSP}texte{NBSP}»"),
        ("Vraiment?!", f"Vraiment{NBSP}?!"),
        ("**Objectif:**", f"**Objectif{NBSP}:**"),
        ("Note :\nla suite", f"Note{NBSP}:\nla suite"),
    ],
)
def test_french_spacing_puts_a_no_break_space_where_french_wants_one(
    written: str, typeset_as: str
) -> None:
    assert french_spacing(written) == typeset_as


@pytest.mark.parametrize(
    "technical",
    [
        "https://www.linkedin.com/sales/ssi",
        "Ouvrez https://www.linkedin.com/search/results/people/?keywords=DAF&origin=GLOBAL",
        "linkedin.com/search/results/people/?keywords=DAF",
        "?keywords=DAF",
        "www.example.com/a:b",
        "Rendez-vous à 14:05",
        "Un ratio de 3:1",
        ":material/check_circle: Fait",
        "Fait :material/check_circle:",
        "Bravo :tada:",
        ":red[attention]",
        "12,5 et 3.25",
        "Bravo 🎉!",
        "mailto:contact",
    ],
)
def test_french_spacing_leaves_urls_times_ratios_codes_decimals_and_emoji_alone(
    technical: str,
) -> None:
    assert french_spacing(technical) == technical


def test_a_mark_just_after_a_url_is_spaced_but_the_url_is_not() -> None:
    assert french_spacing("Voir https://example.com/a?b=c !") == (
        f"Voir https://example.com/a?b=c{NBSP}!"
    )


def test_babels_narrow_no_break_space_is_kept() -> None:
    assert french_spacing(f"12,5{NNBSP}%") == f"12,5{NNBSP}%"


def test_english_is_never_respaced() -> None:
    assert typeset("Hello! Note: 12%", Lang.EN) == "Hello! Note: 12%"
    assert typeset("Bonjour! Note: 12%", Lang.FR) == f"Bonjour{NBSP}! Note{NBSP}: 12{NBSP}%"


def test_t_spaces_the_values_it_inserts_in_french() -> None:
    assert t(Lang.FR, "signal.kpi_change", kpi="Impressions", change="+5%!") == (
        f"Impressions{NBSP}: +5{NBSP}%{NBSP}!"
    )


def test_t_leaves_the_values_it_inserts_in_english_as_they_are() -> None:
    assert t(Lang.EN, "signal.kpi_change", kpi="Impressions", change="+5 %!") == (
        "Impressions: +5 %!"
    )


def test_no_french_text_of_any_catalog_can_break_a_line_before_a_mark() -> None:
    loose = {key: text for key in catalog(Lang.FR) if LOOSE.search(text := t(Lang.FR, key))}
    assert loose == {}


# --- properties ------------------------------------------------------------------------------

# Realistic French words, with capitals, accents, apostrophes and numbers.
words = st.sampled_from(
    [
        "Bonjour",
        "DAF",
        "PME",
        "l’équipe",
        "aujourd'hui",
        "Été",
        "clients",
        "12",
        "12,5",
        "3.5",
        "…",
        "(note)",
        "**gras**",
        "«",
        "»",
        "🎉",
    ]
)
separators = st.sampled_from(["", " ", "  ", "\n", NBSP, NNBSP, " \n "])
marks = st.sampled_from([*MARKS, "?!", "", "", ""])
pieces = st.tuples(words, separators, marks, separators).map("".join)
french_texts = st.lists(pieces, max_size=12).map("".join)
# Anything at all, technical tokens included.
any_texts = st.text(
    st.sampled_from([*"ab1 /.=?:;!%«»_-\n", NBSP, NNBSP, "é", "🎉", "h", "t", "p", "s"]),
    max_size=40,
)


@given(text=french_texts | any_texts)
def test_french_spacing_is_idempotent(text: str) -> None:
    once = french_spacing(text)
    assert french_spacing(once) == once


@given(text=french_texts | any_texts)
def test_french_spacing_only_ever_changes_spaces(text: str) -> None:
    def visible(value: str) -> str:
        return "".join(char for char in value if not char.isspace())

    assert visible(french_spacing(text)) == visible(text)


@given(text=french_texts)
def test_no_ordinary_space_or_line_break_is_left_right_before_a_mark(text: str) -> None:
    assume(not TECHNICAL.search(text))
    assert not LOOSE.search(french_spacing(text))


@given(before=french_texts, after=french_texts)
def test_technical_tokens_inside_a_sentence_are_kept_as_they_are(before: str, after: str) -> None:
    tokens = [
        "https://www.linkedin.com/search/results/people/?keywords=DAF",
        ":material/check_circle:",
        "14:05",
        "3:1",
    ]
    for token in tokens:
        assert token in french_spacing(f"{before} {token} {after}")


@given(text=french_texts)
def test_a_word_followed_by_a_closing_mark_always_gets_its_no_break_space(text: str) -> None:
    assume(not TECHNICAL.search(text))
    spaced = french_spacing(f"{text} Bonjour! Note: fin; 12% «oui»")
    assert spaced.endswith(f"Bonjour{NBSP}! Note{NBSP}: fin{NBSP}; 12{NBSP}% «{NBSP}oui{NBSP}»")
