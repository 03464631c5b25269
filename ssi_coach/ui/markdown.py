"""Showing the user's own words inside Markdown without them being read as syntax."""

from __future__ import annotations

import re

# Every ASCII mark that Markdown or Streamlit's directives (:red[...], :emoji:, $LaTeX$, HTML)
# may act on; plain punctuation such as commas and apostrophes stays as typed.
_MARKDOWN_SYNTAX = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^&])")


def escape_markdown(text: str) -> str:
    """Return text that st.markdown shows exactly as written."""
    return _MARKDOWN_SYNTAX.sub(r"\\\1", text)
