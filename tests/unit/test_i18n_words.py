"""Words that don't mislead, and figures from promotional guides labelled as their claims."""

from __future__ import annotations

import re

import pytest

from ssi_coach.i18n import Lang, catalog, t
from ssi_coach.plan import STEP_QUANTITIES

# DOMAIN.md §9: figures from promotional guides, quoted, if at all, as a guide's claims.
PROMOTIONAL_FIGURES = re.compile(
    r"\b82\b|\{buyers_percent\}|\b78\b|12[,.]4\s*%|\b3[,.]2\s*%|\b75\b|15\s*[–-]\s*20"
)
LABELS = {Lang.FR: ("guide", "estimation"), Lang.EN: ("guide", "estimate")}


def texts(lang: Lang) -> dict[str, str]:
    """Return every text of a language as the catalogs write it."""
    return dict(catalog(lang))


@pytest.mark.parametrize("lang", list(Lang))
def test_every_figure_from_a_promotional_guide_says_it_is_a_guides_estimate(lang: Lang) -> None:
    unlabelled = {
        key: text
        for key, text in texts(lang).items()
        if PROMOTIONAL_FIGURES.search(text)
        and not all(label in text.lower() for label in LABELS[lang])
    }
    assert unlabelled == {}


def test_the_profile_step_quotes_the_buyers_figure_as_a_guides_estimate() -> None:
    step = t(Lang.FR, "plan.step.headline.current", **STEP_QUANTITIES)
    assert "selon un guide de prospection, environ 82\u00a0% des acheteurs B2B" in step
    assert "une estimation" in step


def test_no_french_text_calls_a_pillars_headroom_a_bare_marge() -> None:
    bare = {
        k: v for k, v in texts(Lang.FR).items() if re.search(r"\bmarge\b(?! de progression)", v)
    }
    assert bare == {}


def test_no_french_text_asks_to_identify_people_rather_than_mention_them() -> None:
    assert [k for k, v in texts(Lang.FR).items() if re.search(r"\bidentifie[rz]\b", v)] == []


def test_the_comment_step_asks_to_mention_people_with_an_at_sign() -> None:
    assert "mentionnez (@) 1 à 2 personnes" in t(
        Lang.FR, "plan.step.comments.share", **STEP_QUANTITIES
    )
    assert "mention (@) 1 to 2 people" in t(Lang.EN, "plan.step.comments.share", **STEP_QUANTITIES)


def test_no_english_text_asks_to_tag_people() -> None:
    assert [k for k, v in texts(Lang.EN).items() if re.search(r"\btag\b", v)] == []


def test_english_calls_the_notoriety_goal_visibility() -> None:
    assert t(Lang.EN, "goal.notoriety") == "Visibility"
    assert [k for k, v in texts(Lang.EN).items() if "notoriety" in v.lower()] == []


def test_french_keeps_notoriete_for_the_goal() -> None:
    assert t(Lang.FR, "goal.notoriety") == "Notoriété"


# « de », « le », « que »… before a vowel elide in French: « d’envoyer », never « de envoyer ».
# A word in h is left out: « de hausse » but « d’habitude » depend on the word; so is « ou »,
# before which nothing elides (« le ou les champs »).
_MISSED_ELISION = re.compile(r"(?<![\w’'-])(?:[DdLlJjMmNnSsTt]e|[Qq]ue) (?!ou\b)[aeiouéèêàâîôû]\w*")


def test_no_french_text_misses_an_elision() -> None:
    missed = {
        key: _MISSED_ELISION.findall(text)
        for key, text in catalog(Lang.FR).items()
        if _MISSED_ELISION.search(text.replace("{", "").replace("}", ""))
    }
    assert missed == {}
