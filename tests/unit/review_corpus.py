"""The labelled corpus of the review, and its figures: python -m tests.unit.review_corpus.

The corpus (fixtures/review_corpus.toml) was written apart from the rules: realistic texts in
French and English across the five kinds, each labelled with the exact set of "fix" codes it
deserves. This module reads it and scores the review against it.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ssi_coach.review import TextKind, review_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The corpus the word lists were tuned on, and one written later, apart, to measure them on.
CORPUS = FIXTURES / "review_corpus.toml"
HOLDOUT = FIXTURES / "review_holdout.toml"


@dataclass(frozen=True)
class Sample:
    """One labelled text: its kind, its language, the fixes it deserves, and why."""

    id: str
    kind: TextKind
    lang: str
    text: str
    fixes: frozenset[str]
    why: str


def load(path: Path = CORPUS) -> tuple[Sample, ...]:
    """Return every sample of a corpus file, in file order."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    return tuple(
        Sample(
            entry["id"],
            TextKind(entry["kind"]),
            entry["lang"],
            entry["text"],
            frozenset(entry["fixes"]),
            entry.get("why", ""),
        )
        for entry in data["text"]
    )


def found(sample: Sample) -> frozenset[str]:
    """Return the fix codes the review gives a sample, told its language as the page does."""
    return frozenset(f.code for f in review_text(sample.kind, sample.text, sample.lang).fixes)


@dataclass(frozen=True)
class Score:
    """How a code fares on the corpus: true and false positives, false negatives."""

    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        """Return the share of the code's findings that the labels expect."""
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        """Return the share of the expected findings the review gives."""
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0


def scores(samples: tuple[Sample, ...]) -> dict[tuple[TextKind, str], Score]:
    """Return the score of every (kind, code) the labels or the review name."""
    counts: Counter[tuple[TextKind, str, str]] = Counter()
    for sample in samples:
        got = found(sample)
        for code in got | sample.fixes:
            outcome = (
                "tp" if code in got and code in sample.fixes else "fp" if code in got else "fn"
            )
            counts[(sample.kind, code, outcome)] += 1
    keys = sorted({(kind, code) for kind, code, _ in counts})
    return {
        (kind, code): Score(
            counts[(kind, code, "tp")], counts[(kind, code, "fp")], counts[(kind, code, "fn")]
        )
        for kind, code in keys
    }


def main() -> None:
    for path in (CORPUS, HOLDOUT):
        print(f"== {path.name}")
        report(load(path))


def report(samples: tuple[Sample, ...]) -> None:
    """Print a corpus's figures: exact matches, good texts flagged, each code's score, misses."""
    exact = [sample for sample in samples if found(sample) == sample.fixes]
    good = [sample for sample in samples if not sample.fixes]
    flagged_good = [sample for sample in good if found(sample)]
    print(f"{len(samples)} texts, {len(good)} good, {len(samples) - len(good)} with faults")
    print(
        f"exactly the expected fixes: {len(exact)}/{len(samples)} "
        f"({len(exact) / len(samples):.1%}, target >= 90 %)"
    )
    print(f"good texts given a fix: {len(flagged_good)} (target 0)")
    print(f"{'kind':<11} {'code':<18} {'TP':>3} {'FP':>3} {'FN':>3} {'precision':>9} {'recall':>7}")
    for (kind, code), score in scores(samples).items():
        print(
            f"{kind.value:<11} {code:<18} {score.true_positives:>3} {score.false_positives:>3} "
            f"{score.false_negatives:>3} {score.precision:>9.0%} {score.recall:>7.0%}"
        )
    for sample in samples:
        got = found(sample)
        if got != sample.fixes:
            print(
                f"- {sample.id}: expected {sorted(sample.fixes)}, got {sorted(got)}: "
                f"{sample.text[:90]!r}"
            )


if __name__ == "__main__":
    main()
