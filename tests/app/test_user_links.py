"""The user's words never become a link: no web or e-mail address in them is clickable.

Streamlit renders Markdown with GitHub's autolink literals, which it looks for in the text after
the escapes are resolved: a web address ("https://…", "www.…") or an e-mail address typed in
an answer would become a link on Today, on the plan or in the questionnaire's preview.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from google.protobuf.message import Message
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.plan import Lever
from ssi_coach.store.answers import save_answers
from ssi_coach.store.readings import save_reading
from ssi_coach.ui.markdown import WORD_JOINER, break_autolinks, escape_markdown
from tests.app.plan_tabs import open_tab
from tests.app.test_checkin_paste import FRENCH_PAGE, paste
from tests.copy_blocks import copy_texts

ADDRESSES = ("https://evil.example/x", "www.evil.example", "a@b.fr")
TYPED = "chez https://evil.example/x, www.evil.example ou a@b.fr"
ANSWER_FIELDS = ("target", "outcome", "means", "sector", "titles", "company_kind")
TODAY = date.today()
# A backslash before ASCII punctuation is an escape (CommonMark 2.4): the text shows the mark.
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
# GitHub's autolink literals as remark-gfm finds them in text (a superset: it also asks for a
# word boundary before them and a dot in the domain); JavaScript's \w is ASCII.
_WEB = re.compile(r"(?:https?://|www\.)[-.\w]", re.IGNORECASE | re.ASCII)
_EMAIL = re.compile(r"[-.\w+]+@[-\w]+(?:\.[-\w]+)+", re.ASCII)
# Links written in the source: <scheme:…> and [text](…), unless their first mark is escaped.
_SOURCE_LINK = re.compile(r"(?<!\\)<[A-Za-z][-+.A-Za-z0-9]{1,31}:|(?<!\\)\]\(")
# The fields Streamlit renders as Markdown: bodies, labels, help tooltips, radio captions.
_MARKDOWN_FIELDS = frozenset({"body", "label", "help", "captions"})
# Elements whose strings are not Markdown: code blocks, HTML, text boxes, data and charts.
_NOT_MARKDOWN = frozenset({"Code", "Html", "TextArea", "TextInput", "Arrow", "ArrowVegaLiteChart"})


def shown_text(markdown: str) -> str:
    """Return the text a Markdown source shows once its escapes are resolved."""
    return _ESCAPED.sub(r"\1", markdown)


def links_in(markdown: str) -> list[str]:
    """Return what would become a link in a Markdown source."""
    shown = shown_text(markdown)
    found = [m.group(0) for m in (*_WEB.finditer(shown), *_EMAIL.finditer(shown))]
    return found + [m.group(0) for m in _SOURCE_LINK.finditer(markdown)]


def _strings(message: Message, markdown: bool) -> Iterator[str]:
    """Yield the Markdown strings of a protobuf message and of the messages inside it."""
    if message.DESCRIPTOR.name in _NOT_MARKDOWN:
        return
    for field, value in message.ListFields():
        values = value if field.is_repeated else [value]
        if field.type == field.TYPE_MESSAGE:
            for inner in values:
                yield from _strings(inner, markdown)
        elif field.type == field.TYPE_STRING and (
            field.name in _MARKDOWN_FIELDS or (field.name == "options" and markdown)
        ):
            yield from values


def markdown_strings(at: AppTest) -> list[str]:
    """Return every string of the page that Streamlit renders as Markdown."""
    found: list[str] = []

    def visit(node: object) -> None:
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            # Radio options are Markdown; select box options are plain text.
            found.extend(_strings(proto, markdown=proto.DESCRIPTOR.name == "Radio"))
        for child in (getattr(node, "children", None) or {}).values():
            visit(child)

    visit(at._tree)
    return found


def assert_no_link_but_the_words(at: AppTest) -> None:
    """Fail on any link in the page's Markdown; fail too if the user's words are not shown."""
    strings = markdown_strings(at)
    assert [(s, links_in(s)) for s in strings if links_in(s)] == []
    shown = " ".join(shown_text(s).replace(WORD_JOINER, "") for s in strings)
    assert any(address in shown for address in ADDRESSES)


# --- the escape -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        *ADDRESSES,
        "HTTPS://EVIL.EXAMPLE",
        "WWW.evil.example",
        "ftp://evil.example",
        "mailto:a@b.fr",
        "<https://evil.example>",
        "[ici](https://evil.example)",
        "x@y.co et https://a.b/c?d=e#f",
    ],
)
def test_an_address_in_the_users_words_never_forms_a_link(text: str) -> None:
    assert links_in(escape_markdown(text)) == []


@given(st.text())
def test_the_escaped_text_forms_no_link_and_reads_as_typed(text: str) -> None:
    escaped = escape_markdown(text)
    assert links_in(escaped) == []
    assert shown_text(escaped).replace(WORD_JOINER, "") == text


@given(st.lists(st.sampled_from([*ADDRESSES, " ", "x", ".", "@", ":", "/", "w"])).map("".join))
def test_no_arrangement_of_address_pieces_forms_a_link(text: str) -> None:
    assert links_in(escape_markdown(text)) == []
    assert break_autolinks(text).replace(WORD_JOINER, "") == text


# --- the pages --------------------------------------------------------------------------------


@pytest.fixture
def addresses_everywhere(db: Engine, profile: int) -> Callable[[Goal], None]:
    """Return a function storing answers whose every text holds addresses, and two check-ins."""

    def store(goal: Goal) -> None:
        texts = {name: TYPED for name in ANSWER_FIELDS}
        save_answers(db, profile, Answers(goal, Role.FREELANCE, False, 40, **texts))
        save_reading(db, profile, Reading(TODAY - timedelta(days=40), 10, 8, 5, 7))
        save_reading(db, profile, Reading(TODAY - timedelta(days=3), 11, 9, 6, 8))

    return store


@pytest.mark.parametrize("goal", list(Goal))
def test_todays_tasks_show_the_addresses_typed_without_a_link_on_any_day(
    open_page: Callable[[str | None], AppTest],
    addresses_everywhere: Callable[[Goal], None],
    goal: Goal,
) -> None:
    addresses_everywhere(goal)
    at = open_page("pages/today.py")
    days = at.selectbox(key="today_day_fr").options
    assert len(days) > 1
    for day in days:
        at.selectbox(key="today_day_fr").set_value(day).run()
        assert not at.exception, at.exception
        tasks = [box.label for box in at.checkbox if (box.key or "").startswith("today_task_")]
        assert tasks
        assert [(label, links_in(label)) for label in tasks if links_in(label)] == []
    assert_no_link_but_the_words(at)


@pytest.mark.parametrize("goal", list(Goal))
def test_the_plan_and_its_helpers_show_no_link(
    open_page: Callable[[str | None], AppTest],
    addresses_everywhere: Callable[[Goal], None],
    goal: Goal,
) -> None:
    addresses_everywhere(goal)
    at = open_page("pages/plan.py")
    # Only the open tab's helper is rendered: each one is looked at in turn.
    for lever in Lever:
        open_tab(at, lever)
        assert [(s, links_in(s)) for s in markdown_strings(at) if links_in(s)] == []
        # The drafts carry the words in copy blocks, which Markdown never links.
        assert any("https://evil.example/x" in text for text in copy_texts(at))


def test_the_questionnaires_preview_shows_the_addresses_without_a_link(
    open_page: Callable[[str | None], AppTest],
    addresses_everywhere: Callable[[Goal], None],
) -> None:
    addresses_everywhere(Goal.PROSPECTING)
    assert_no_link_but_the_words(open_page("pages/questionnaire.py"))


@pytest.mark.parametrize(
    "sector", ["[Conseil](https://evil)", "<https://evil>", "Conseil <mailto:a@b>"]
)
def test_the_sector_read_from_a_pasted_page_shows_without_a_link(
    open_page: Callable[[str | None], AppTest], sector: str
) -> None:
    line = "Les professionnels du secteur Conseil en management ont un SSI moyen de 35."
    page = FRENCH_PAGE.replace(line, line.replace("Conseil en management", sector))
    at = paste(open_page("pages/checkin.py"), page)
    # st.table renders its cells as Markdown; the parser keeps a sector name without a dot.
    cells = [str(cell) for table in at.table for cell in table.value.to_numpy().ravel()]
    assert any(shown_text(cell).replace(WORD_JOINER, "") == sector for cell in cells)
    assert [(cell, links_in(cell)) for cell in cells if links_in(cell)] == []
