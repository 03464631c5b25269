"""Time the text review on a full About: python -m benchmarks.review (make bench).

A 2,600-character About, LinkedIn's limit, written like a real one (paragraphs, accents, a
call to action), is reviewed many times after a first call has read the word lists; the median
of several rounds is printed against the 5 ms target. The worst case of the property tests (a
20,000-character text without spaces) is timed too. Figures for a person, never a test.
"""

from __future__ import annotations

import statistics
import time

from ssi_coach.drafts import ABOUT_LIMIT
from ssi_coach.review import TextKind, review_text

TARGET_MS = 5.0
ROUNDS = 7
CALLS = 200

_PARAGRAPHS = (
    "Vos recrutements de techniciens traînent, vos managers y passent leurs soirées et les "
    "candidats filent chez le concurrent avant même l’entretien ?",
    "Depuis huit ans, j’aide les PME industrielles de la région Auvergne-Rhône-Alpes à recruter "
    "sans passer par un cabinet : fiches de poste qui parlent aux candidats, annonces publiées "
    "au bon endroit, entretiens structurés et intégration suivie pendant trois mois.",
    "Chez mes clients, un poste est pourvu en six semaines en moyenne, contre quatre mois avant, "
    "et 9 recrues sur 10 sont toujours là un an après. 🚀",
)
_CALL_TO_ACTION = "Envie d’en parler ? Écrivez-moi pour un diagnostic de 20 minutes, offert."


def full_about() -> str:
    """Return a realistic About of exactly LinkedIn's 2,600 characters."""
    body = "\n\n".join(["\n\n".join(_PARAGRAPHS)] * 4)
    room = ABOUT_LIMIT - len(_CALL_TO_ACTION) - 2
    return body[:room].rstrip().ljust(room, ".") + "\n\n" + _CALL_TO_ACTION


def median_ms(kind: TextKind, text: str, calls: int) -> float:
    """Return the median time of one review, in milliseconds, over ROUNDS rounds of calls."""
    review_text(kind, text)
    rounds = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for _ in range(calls):
            review_text(kind, text)
        rounds.append((time.perf_counter() - start) / calls * 1000)
    return statistics.median(rounds)


def main() -> None:
    about = full_about()
    about_ms = median_ms(TextKind.ABOUT, about, CALLS)
    print(
        f"review of a {len(about):,}-character About: {about_ms:.2f} ms (target < {TARGET_MS:g} ms)"
    )
    wall = "x" * 20_000
    for kind in TextKind:
        print(
            f"review of a 20,000-character {kind.value} without spaces: "
            f"{median_ms(kind, wall, 5):.1f} ms"
        )


if __name__ == "__main__":
    main()
