"""A block of text with a copy button, drawn without Streamlit's code block.

One st.code on a page loads Streamlit's syntax highlighter (1.5 MB of every Prism language,
150 ms of the browser's main thread), even for plain text: the app only needs the copy button.
The block's look is in shell.py (COPY_STYLE), its button's behaviour in static/shell.js.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

import streamlit as st

from ssi_coach.i18n import Lang, t
from ssi_coach.ui.context import lang

# The names shared with COPY_STYLE (shell.py) and static/shell.js.
BLOCK_CLASS = "ssi-copy"
TEXT_CLASS = "ssi-copy-text"
BUTTON_CLASS = "ssi-copy-button"
ICON_CLASS = "ssi-copy-icon"
STATUS_CLASS = "ssi-copy-status"
COPY_KEY = "shell.copy_block.copy"
COPIED_KEY = "shell.copy_block.copied"


def _svg_url(path: str) -> str:
    """Return a Material icon as a CSS data URL."""
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="{path}"/></svg>'
    # Percent-encoded: the style shares its HTML with the client script, and DOMPurify drops an
    # element whose text holds "<" before a letter.
    return f'url("data:image/svg+xml,{quote(svg, safe=" /=:.,-")}")'


# st.html drops an inline <svg>: the icons are CSS masks painted in the button's colour.
COPY_ICON = _svg_url(
    "M16 1H4c-1.1 0-2 .9-2 2v14h2V3h12V1zm3 4H8c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h11c1.1 "
    "0 2-.9 2-2V7c0-1.1-.9-2-2-2zm0 16H8V7h11v14z"
)
CHECK_ICON = _svg_url("M9 16.17 4.83 12l-1.42 1.41L9 19 21 7l-1.41-1.41z")


def _shown(text: str) -> str:
    """Return a text as HTML that shows it as typed, in one line of source."""
    # st.html dedents its body and empties a line of spaces: line breaks as references keep the
    # body one line long. A carriage return still comes out as a line feed, as the browser's
    # parser normalises it once DOMPurify has written it back raw.
    return escape(text).replace("\r", "&#13;").replace("\n", "&#10;")


def copy_block_html(text: str, language: Lang) -> str:
    """Return the HTML of a block showing a text as typed, with a button that copies it."""
    label = escape(t(language, COPY_KEY))
    # A <div>, not a <pre>: the HTML parser drops a newline right after "<pre>", and the text
    # is parsed twice (DOMPurify, then the page). CSS keeps its spaces and breaks (pre-wrap).
    return (
        f'<div class="{BLOCK_CLASS}">'
        f'<div class="{TEXT_CLASS}">{_shown(text)}</div>'
        f'<button type="button" class="{BUTTON_CLASS}" aria-label="{label}" title="{label}">'
        f'<span class="{ICON_CLASS}" aria-hidden="true"></span></button>'
        f'<span class="{STATUS_CLASS}" aria-live="polite"></span>'
        "</div>"
    )


def copy_block(text: str) -> None:
    """Render a text with a button that copies it exactly as typed."""
    st.html(copy_block_html(text, lang()))
