"""Progress: when the headline last changed, and the brand pillar either side of that day."""

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Reading
from ssi_coach.review import TextKind
from ssi_coach.services.repo import Repo
from ssi_coach.services.review import save_profile_text
from ssi_coach.store.readings import save_reading

PAGE = "pages/progress.py"
NBSP = "\u00a0"
# Noon UTC: the same day wherever the machine running the test is.
SAVED_AT = datetime(2025, 11, 12, 12)


def history(db: Engine, profile: int) -> None:
    """Store a check-in before the headline's day and one after it."""
    save_reading(db, profile, Reading(date(2025, 10, 15), 14.2, 10, 10, 10))
    save_reading(db, profile, Reading(date(2025, 12, 15), 16, 10, 10, 10))


def captions(at: AppTest) -> list[str]:
    return [caption.value.replace(NBSP, " ") for caption in at.caption]


def test_a_saved_headline_shows_the_brand_before_and_after_under_the_pillars(
    db: Engine, profile: int, open_page: Callable[[str], AppTest]
) -> None:
    history(db, profile)
    save_profile_text(Repo(db, profile), TextKind.HEADLINE, "J’aide les DAF", SAVED_AT)
    at = open_page(PAGE)
    expected = (
        "Titre LinkedIn enregistré le 12/11/2025 · marque professionnelle : "
        "14,2 au relevé d’avant, 16 au dernier relevé."
    )
    assert expected in captions(at)
    # Right under the pillars chart and the sentence of its figures, before the ranks' heading.
    texts = [node.value for node in at.main if node.type in ("header", "caption")]
    pillars = texts.index("Les quatre piliers (chacun sur 25)")
    assert texts[pillars + 2].replace(NBSP, " ") == expected


def test_no_headline_caption_shows_when_no_headline_was_ever_saved(
    db: Engine, profile: int, open_page: Callable[[str], AppTest]
) -> None:
    history(db, profile)
    save_profile_text(Repo(db, profile), TextKind.ABOUT, "Mon Infos", SAVED_AT)
    at = open_page(PAGE)
    assert not any("Titre LinkedIn" in caption for caption in captions(at))


def test_the_headline_caption_reads_in_english(
    db: Engine, profile: int, open_page: Callable[[str], AppTest]
) -> None:
    history(db, profile)
    save_profile_text(Repo(db, profile), TextKind.HEADLINE, "I help CFOs", SAVED_AT)
    at = open_page(PAGE)
    at.session_state["lang"] = "en"
    at.run()
    assert (
        "LinkedIn headline saved on 2025-11-12 · professional brand: "
        "14.2 at the check-in before, 16 at the latest check-in."
    ) in captions(at)
