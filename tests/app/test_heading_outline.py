"""Every page's headings make an outline: one h1, then no level skipped on the way down."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from itertools import pairwise

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import KpiMonth, Reading
from ssi_coach.records import KpiEntry
from ssi_coach.services import checkin, journal, questionnaire
from ssi_coach.services.repo import open_default
from ssi_coach.ui.nav import PAGES
from tests.seed_answers import ANSWERS

# The level of each Streamlit heading element; Markdown headings count by their "#".
LEVELS = {"title": 1, "header": 2, "subheader": 3}
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
# Progress draws one of three views; each has its own sections.
PROGRESS_VIEWS = ("score", "results", "routine")


def seed(db: Engine) -> None:
    """Store a questionnaire, three monthly check-ins and two months of results."""
    repo = open_default(db)
    questionnaire.submit_questionnaire(repo, ANSWERS)
    today = date.today()
    for months_ago, scores in ((2, (10.5, 7, 5.25, 8)), (1, (11, 8.5, 6, 9)), (0, (12, 9, 7, 10))):
        day = today - timedelta(days=30 * months_ago)
        checkin.store_checkin(repo, Reading(day, *scores, industry_rank=12, network_rank=20))
    first = today.replace(day=1)
    for back, figures in ((2, (3, 1)), (1, (4, 1))):
        month = (first - timedelta(days=28 * back)).replace(day=1)
        journal.save_month(repo, KpiEntry(KpiMonth(month, 9000, 300, *figures)), replace=True)


def levels(at: AppTest) -> Iterator[int]:
    """Yield the level of each heading of the page's main area, in the order it is drawn."""
    for node in at.main:
        if node.type in LEVELS:
            yield LEVELS[node.type]
        elif node.type == "markdown":
            for marks in MARKDOWN_HEADING.findall(node.value):
                yield len(marks)


def skipped(outline: list[int]) -> list[tuple[int, int]]:
    """Return each pair of headings where the second goes down more than one level."""
    return [(before, after) for before, after in pairwise(outline) if after > before + 1]


def assert_outline(at: AppTest) -> None:
    outline = list(levels(at))
    assert outline[0] == 1, outline
    assert outline.count(1) == 1, outline
    assert skipped(outline) == [], outline


@pytest.mark.parametrize("page", [entry.script for entry in PAGES])
def test_every_empty_page_has_one_h1_and_skips_no_heading_level(
    open_page: Callable[[str | None], AppTest], page: str
) -> None:
    assert_outline(open_page(page))


@pytest.mark.parametrize("page", [entry.script for entry in PAGES])
def test_every_page_with_history_has_one_h1_and_skips_no_heading_level(
    open_page: Callable[[str | None], AppTest], db: Engine, page: str
) -> None:
    seed(db)
    assert_outline(open_page(page))


@pytest.mark.parametrize("view", PROGRESS_VIEWS)
def test_each_progress_view_has_one_h1_and_skips_no_heading_level(
    open_page: Callable[[str | None], AppTest], db: Engine, view: str
) -> None:
    seed(db)
    at = open_page("pages/progress.py")
    assert_outline(at.segmented_control(key="progress_view").set_value(view).run())
