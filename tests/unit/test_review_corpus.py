"""The review against its labelled corpus: at least 90 % exact, and no good text given a fix."""

from __future__ import annotations

from collections import Counter

import pytest

from ssi_coach.review import CODES, TextKind
from tests.unit.review_corpus import CORPUS, HOLDOUT, Sample, found, load

SAMPLES = load()
# The corpus the lists were tuned on, and the one written apart afterwards (tuned on since).
BOTH = pytest.mark.parametrize("samples", [load(CORPUS), load(HOLDOUT)], ids=["tuning", "holdout"])


def test_the_corpus_holds_at_least_a_hundred_texts_of_every_kind_in_both_languages() -> None:
    assert len(SAMPLES) >= 100
    assert {(sample.kind, sample.lang) for sample in SAMPLES} == {
        (kind, lang) for kind in TextKind for lang in ("fr", "en")
    }


def test_about_half_the_corpus_is_good_texts() -> None:
    good = sum(1 for sample in SAMPLES if not sample.fixes)
    assert 0.4 <= good / len(SAMPLES) <= 0.6


@BOTH
def test_every_label_is_a_code_of_its_kind(samples: tuple[Sample, ...]) -> None:
    wrong = [sample.id for sample in samples if not sample.fixes <= set(CODES[sample.kind])]
    assert wrong == []


def test_the_ids_are_unique_across_both_corpora() -> None:
    ids = Counter(sample.id for sample in load(CORPUS) + load(HOLDOUT))
    assert [i for i, n in ids.items() if n > 1] == []


@BOTH
def test_at_least_ninety_percent_of_the_texts_get_exactly_their_expected_fixes(
    samples: tuple[Sample, ...],
) -> None:
    exact = sum(1 for sample in samples if found(sample) == sample.fixes)
    assert exact / len(samples) >= 0.9


@BOTH
def test_no_good_text_gets_a_fix(samples: tuple[Sample, ...]) -> None:
    flagged = {sample.id: sorted(found(sample)) for sample in samples if not sample.fixes}
    assert {name: codes for name, codes in flagged.items() if codes} == {}
