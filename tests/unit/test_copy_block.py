"""The copy block's HTML: the text as typed, never markup, and a button named in each language."""

from __future__ import annotations

import pytest
from streamlit.string_util import clean_text

from ssi_coach.i18n import Lang
from ssi_coach.ui import copy_block
from ssi_coach.ui.copy_block import copy_block_html
from ssi_coach.ui.shell import CLIENT_SCRIPT, COPY_STYLE
from tests.copy_blocks import read_blocks

MARKUP = "<script>alert(\"x\")</script> & 'y' <b>gras</b> &amp;"
# Spaces around and alone on a line, a blank line, a tab, an emoji and a leading "=".
LAYOUT = "  = SOMME(A1)  \n\n   \n\t- clôturer en 5\u00a0jours 🚀\nfin \n"


def shown(text: str) -> str:
    """Return the text the block shows once Streamlit has cleaned its body, as st.html does."""
    (block,) = read_blocks(clean_text(copy_block_html(text, Lang.FR))).texts
    return block


def test_markup_ampersands_and_quotes_are_shown_as_text_never_as_html() -> None:
    html = copy_block_html(MARKUP, Lang.FR)
    assert "<script>" not in html
    assert "<b>" not in html
    assert shown(MARKUP) == MARKUP


def test_line_breaks_spaces_tabs_and_emoji_come_out_as_typed() -> None:
    assert shown(LAYOUT) == LAYOUT


def test_the_block_is_one_line_of_html_so_that_st_html_changes_nothing_in_it() -> None:
    # st.html dedents its body: a line of spaces would lose them.
    html = copy_block_html(LAYOUT, Lang.FR)
    assert "\n" not in html
    assert clean_text(html) == html


@pytest.mark.parametrize(("language", "name"), [(Lang.FR, "Copier"), (Lang.EN, "Copy")])
def test_the_copy_button_is_named_in_the_language(language: Lang, name: str) -> None:
    (button,) = read_blocks(copy_block_html("texte", language)).buttons
    assert (button["type"], button["aria-label"]) == ("button", name)


def test_the_style_and_the_client_script_use_the_blocks_class_names() -> None:
    script = CLIENT_SCRIPT.read_text(encoding="utf-8")
    names = {copy_block.BLOCK_CLASS, copy_block.TEXT_CLASS, copy_block.BUTTON_CLASS}
    assert {name for name in names if f".{name} " not in COPY_STYLE} == set()
    assert {name for name in names if f'".{name}"' not in script} == set()
