"""Read the copy blocks (ssi_coach/ui/copy_block.py) back from their HTML, as a browser would."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from ssi_coach.ui.copy_block import BUTTON_CLASS, TEXT_CLASS


@dataclass
class Blocks:
    """The texts and the button attributes found in some HTML, in order."""

    texts: list[str] = field(default_factory=list)
    buttons: list[dict[str, str | None]] = field(default_factory=list)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = Blocks()
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and TEXT_CLASS in classes:
            self._text = []
        elif tag == "button" and BUTTON_CLASS in classes:
            self.found.buttons.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._text is not None:
            self.found.texts.append("".join(self._text))
            self._text = None


def read_blocks(html: str) -> Blocks:
    """Return what the copy blocks in some HTML show and name."""
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.found


def copy_texts(at: AppTest) -> list[str]:
    """Return the texts of every copy block on an AppTest page, in order."""
    return [text for element in at.get("html") for text in read_blocks(element.proto.body).texts]
