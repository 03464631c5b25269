"""Progress: each view has its own URL (/progress?progress_view=results), named by its code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import t
from ssi_coach.model import Reading
from ssi_coach.store.readings import save_reading

APP = Path(__file__).resolve().parents[2] / "app.py"
PAGE = "pages/progress.py"
KEY = "progress_view"
# The first heading each view draws under the switch, by the view's code.
FIRST_HEADING = {
    "score": "progress.total.title",
    "results": "crossread.title",
    "routine": "today.results.title",
}


@pytest.fixture(autouse=True)
def readings(db: Engine, profile: int) -> None:
    """Store two monthly check-ins: Progress shows its views from the first one."""
    save_reading(db, profile, Reading(date(2025, 9, 15), 10, 10, 10, 10))
    save_reading(db, profile, Reading(date(2025, 10, 15), 12, 10, 10, 10))


def opened(query: dict[str, str] | None = None) -> AppTest:
    """Open Progress in a fresh session as a typed or shared URL does, with its query."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(PAGE)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def shown_view(at: AppTest) -> str:
    """Return the code of the view whose first heading the page shows, in either language."""
    headings = {header.value for header in at.header}
    shown = [code for code, key in FIRST_HEADING.items() if headings & {t("fr", key), t("en", key)}]
    assert len(shown) == 1, headings
    return shown[0]


def choose(at: AppTest, view: str) -> AppTest:
    """Click a view in the switch."""
    at.segmented_control(key=KEY).set_value(view).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("view", ["results", "routine"])
def test_a_url_naming_a_view_opens_that_view(view: str) -> None:
    at = opened({KEY: view})
    assert shown_view(at) == view
    assert at.segmented_control(key=KEY).value == view


def test_a_url_naming_no_view_opens_the_score_view() -> None:
    assert shown_view(opened()) == "score"


def test_an_unknown_view_in_the_url_opens_the_score_view() -> None:
    assert shown_view(opened({KEY: "xyz"})) == "score"


def test_an_unknown_view_is_taken_out_of_the_url() -> None:
    assert KEY not in opened({KEY: "xyz"}).query_params


def test_a_translated_label_in_the_url_is_not_a_view() -> None:
    # Only codes name views: a label would make a French link mean nothing in English.
    assert shown_view(opened({KEY: t("fr", "progress.view.results")})) == "score"


@pytest.mark.parametrize("view", ["results", "routine"])
def test_choosing_a_view_puts_its_code_in_the_url(view: str) -> None:
    assert choose(opened(), view).query_params[KEY] == view


def test_choosing_the_score_view_takes_the_view_out_of_the_url() -> None:
    assert KEY not in choose(opened({KEY: "results"}), "score").query_params


def test_the_chosen_view_and_its_url_survive_a_language_switch() -> None:
    at = choose(opened(), "routine")
    at.session_state["lang"] = "en"
    at.run()
    assert (shown_view(at), at.query_params[KEY]) == ("routine", "routine")


def test_the_journal_links_to_the_results_view() -> None:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/journal.py")
    at.run()
    links = [link.proto for link in at.get("page_link") if link.proto.page.endswith("progress")]
    assert [link.query_string for link in links] == [f"{KEY}=results"]
