"""Mutated real pages: every field the parser returns is right, refused, or empty and warned.

The pages are the fixtures of tests/unit/fixtures/pastes. A case drops, repeats, swaps and
inserts lines, changes the separators, or joins two pages, then checks each field against
what the pages say. `silent_wrongs` is the oracle; a campaign of many more cases runs with
`python -m tests.unit.test_ssi_text_fuzz 100000`.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_coach.model import Pillar
from ssi_coach.ssi_text import ParsedSsi, SsiTextError, parse_ssi_text

PASTES = Path(__file__).parent / "fixtures" / "pastes"
PILLARS = tuple(p.value for p in Pillar)
# Fields that are empty with a warning when the page does not give them clearly.
WARNED = ("total_shown", "industry_rank", "network_rank", "industry_average", "network_average")
# Fields the parser may leave empty without a word: they are never required.
QUIET = ("industry_name", "industry_pillars", "network_pillars")


@dataclass(frozen=True)
class Page:
    name: str
    text: str
    expected: dict[str, Any]


def _pages() -> tuple[Page, ...]:
    """Return the fixture pages whose every value is known (no unclear or conflicting one)."""
    pages = []
    for path in sorted(PASTES.glob("*.txt")):
        spec = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        expected = spec.get("expected")
        if expected is None:
            continue
        if any(w.startswith(("unclear", "conflicting")) for w in expected["warnings"]):
            continue
        pages.append(Page(path.stem, path.read_text(encoding="utf-8"), expected))
    return tuple(pages)


PAGES = _pages()

# Lines a copied page may carry around or inside it, and stray numbers of every kind.
NOISE = (
    "Home",
    "My Network",
    "Messaging",
    "Notifications",
    "Sales Navigator",
    "Accueil",
    "Mon réseau",
    "Help Center",
    "Camille Martin",
    "Consultante | J’aide les PME à prospecter",
    "Sem alterações na última semana",
    "Your SSI went up 2% since last week",
    "LinkedIn Corporation © 2025",
    "3",
    "7",
    "12",
    "25",
    "100",
    "0,5",
    "14.2",
    "6,38",
    "+2 %",
    "-1",
    "Top 30%",
    "Top 5 %",
    "Primeiros 20%",
    "45 %",
    "%",
    "Top",
    "40 out of 100",
    "27 sur 100",
    "33 de 100",
    "out of 100",
    "sur 100",
    "12/05/2026",
)
SEPARATORS = (" | ", "\t", "  ", " ", "\n", ": ", "")
OPS = ("drop", "repeat", "repeat_block", "swap", "insert", "copy", "separator", "join", "decimal")

Pick = Callable[[int], int]  # returns a whole number in [0, n)


def _swap_separator(line: str, pick: Pick) -> str:
    """Return the line with the space, tab or pipe between its parts written another way."""
    for old in (" | ", "\t", "  ", " "):
        if old in line:
            return line.replace(old, SEPARATORS[pick(len(SEPARATORS))], 1)
    return line


def _swap_decimal(line: str) -> str:
    """Return the line with its decimal points as commas, or its commas as points."""
    if "." in line:
        return line.replace(".", ",")
    return line.replace(",", ".")


def mutate(lines: list[str], op: str, pick: Pick) -> list[str]:
    """Return the lines changed by one mutation."""
    lines = list(lines)
    if not lines:
        return lines
    at = pick(len(lines))
    if op == "drop":
        del lines[at]
    elif op == "repeat":
        lines.insert(at, lines[at])
    elif op == "repeat_block":
        end = at + 1 + pick(len(lines) - at)
        lines[end:end] = lines[at:end]
    elif op == "swap" and at + 1 < len(lines):
        # Neighbours only: swapping two far labels writes another valid page.
        lines[at], lines[at + 1] = lines[at + 1], lines[at]
    elif op == "insert":
        lines.insert(at, NOISE[pick(len(NOISE))])
    elif op == "copy":
        lines.insert(pick(len(lines) + 1), lines[at])
    elif op == "separator":
        lines[at] = _swap_separator(lines[at], pick)
    elif op == "join" and at + 1 < len(lines):
        lines[at : at + 2] = [lines[at] + " " + lines[at + 1]]
    elif op == "decimal":
        lines[at] = _swap_decimal(lines[at])
    return lines


def mutated(page: Page, ops: Sequence[str], pick: Pick) -> str:
    """Return the page's text after the given mutations."""
    lines = page.text.split("\n")
    for op in ops:
        lines = mutate(lines, op, pick)
    return "\n".join(lines)


def _stated(pages: Sequence[Page], name: str) -> set[Any]:
    """Return the values the pages give a field (a pillar table as a tuple)."""
    values = {
        tuple(value) if isinstance(value, list) else value
        for page in pages
        if (value := page.expected[name]) is not None
    }
    return values


def _shown(parsed: ParsedSsi, name: str) -> Any:
    value = getattr(parsed, name)
    if name.endswith("_pillars") and value is not None:
        return tuple(value.score(p) for p in Pillar)
    return value


def disagree(pages: Sequence[Page]) -> bool:
    """Tell whether the pages give two different values to one field."""
    return any(len(_stated(pages, name)) > 1 for name in PILLARS + WARNED)


def silent_wrongs(outcome: ParsedSsi | SsiTextError, pages: Sequence[Page]) -> list[str]:
    """Return the fields read wrong without a word: the oracle of every case.

    A field is right when it is the one value the pages give, or empty with a warning on it
    (a quiet field may be empty); a refused paste is never wrong. Where two pages give a
    field two values, no value is right.
    """
    if isinstance(outcome, SsiTextError):
        return []
    wrong = []
    warned = {w.params.get("field", "total_shown") for w in outcome.warnings}
    for name in PILLARS + WARNED + QUIET:
        value, stated = _shown(outcome, name), _stated(pages, name)
        if value is None:
            if name in PILLARS or (name in WARNED and name not in warned):
                wrong.append(f"{name}: empty without a warning")
        elif stated != {value}:
            wrong.append(f"{name}: {value!r}, the page says {sorted(stated, key=str)}")
    return wrong


def outcome_of(text: str) -> ParsedSsi | SsiTextError:
    """Return the parse of a text, or the error it raised."""
    try:
        return parse_ssi_text(text)
    except SsiTextError as error:
        return error


def case(pick: Pick, most: int = 1) -> tuple[str, list[Page], list[str]]:
    """Return one mutated text, the pages it came from, and the mutations made (up to `most`).

    One mutation never makes another valid page. Two or three can: "Top 10 %" dropped and
    "Top 12 %" copied in its place is a page that no reader can tell from a real one, so
    the committed test makes one and the campaign counts the others apart.
    """
    first = PAGES[pick(len(PAGES))]
    if pick(5) == 0:
        second = PAGES[pick(len(PAGES))]
        glue = ("\n", "\n\n", " ")[pick(3)]
        page = Page(f"{first.name}+{second.name}", first.text + glue + second.text, {})
        pages = [first, second]
    else:
        page, pages = first, [first]
    # Two pages keep every line: a dropped one-line page would leave one page behind.
    ops_of = OPS if len(pages) == 1 else tuple(op for op in OPS if op != "drop")
    count = pick(most + 1) if len(pages) == 2 else 1 + pick(most)
    ops = [ops_of[pick(len(ops_of))] for _ in range(count)]
    return mutated(page, ops, pick), pages, ops


@settings(deadline=None, max_examples=1000)
@given(data=st.data())
def test_a_mutated_real_page_is_never_read_wrong_without_a_word(data: st.DataObject) -> None:
    text, pages, _ = case(lambda n: data.draw(st.integers(0, n - 1)))
    assert silent_wrongs(outcome_of(text), pages) == []


@settings(deadline=None, max_examples=100)
@given(first=st.sampled_from(PAGES), second=st.sampled_from(PAGES))
def test_two_pages_that_disagree_are_refused_with_a_message_to_copy_one(
    first: Page, second: Page
) -> None:
    outcome = outcome_of(first.text + "\n" + second.text)
    if disagree([first, second]):
        assert isinstance(outcome, SsiTextError)
    else:
        assert silent_wrongs(outcome, [first, second]) == []


def test_the_fuzz_reads_every_language_of_the_fixtures() -> None:
    assert {page.expected["language"] for page in PAGES} == {
        "en",
        "fr",
        "es",
        "pt",
        "de",
        "it",
        "ru",
    }


def campaign(cases: int, seed: int = 0) -> dict[str, Any]:
    """Run many random cases; count them, the refused, and the silent wrongs by kind."""
    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    examples: list[tuple[list[str], str, list[str]]] = []
    for _ in range(cases):
        text, pages, ops = case(rng.randrange, most=3)
        kind = "one mutation" if len(ops) <= 1 else "several mutations"
        outcome = outcome_of(text)
        counts[f"{kind} parses"] += 1
        counts[f"{kind} refused"] += isinstance(outcome, SsiTextError)
        found = silent_wrongs(outcome, pages)
        if found:
            counts[f"{kind} silent wrongs"] += 1
            if len(examples) < 20:
                examples.append(([p.name for p in pages] + ops, text, found))
    return {"counts": dict(sorted(counts.items())), "examples": examples}


if __name__ == "__main__":
    result = campaign(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    for names, text, found in result.pop("examples"):
        print("---", names, found)
        print(text)
    print(result)
