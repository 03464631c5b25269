"""Showing the user's own words inside Markdown without them being read as syntax or links."""

from __future__ import annotations

import re

# Every ASCII mark that Markdown or Streamlit's directives (:red[...], :emoji:, $LaTeX$, HTML)
# may act on; plain punctuation such as commas and apostrophes stays as typed.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")
# Invisible, and unlike a zero-width space never a place to break a line.
WORD_JOINER = "\u2060"
# Where GitHub-flavoured Markdown starts a link of its own (autolink literals): "scheme://",
# "www." and the "@" of an e-mail address. Streamlit finds them in the text after its escapes
# are resolved, so a backslash does not stop them; a word joiner inside each one does.
_AUTOLINK = re.compile(r"(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)", re.IGNORECASE)


def break_autolinks(text: str) -> str:
    """Return text that reads the same but in which no web or e-mail address becomes a link."""
    return _AUTOLINK.sub(WORD_JOINER, text)


def escape_markdown(text: str) -> str:
    """Return text that st.markdown shows exactly as written, without any link."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", break_autolinks(text))
