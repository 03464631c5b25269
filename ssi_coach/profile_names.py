"""What a local profile may be called, and how its name is shown."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from ssi_coach.i18n import Lang, t
from ssi_coach.model import InvalidInput, check_characters

FIELD = "profile_name"
# The store's profiles.name is a String(80).
NAME_MAX = 80
# The name the store gives the profile it makes on first run (store.profiles.DEFAULT_PROFILE_NAME):
# a code, shown in the reader's language until the user renames it.
DEFAULT_NAME = "default"
DEFAULT_LABEL_KEY = "profiles.default_name"
# The joiners emoji sequences and some scripts need; every other format character (bidi
# overrides, zero-width spaces) would make two names look alike or a name look empty.
_ALLOWED_FORMAT = frozenset("\u200c\u200d")
# Letters and digits only, for a file name every system accepts.
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 40


def _hidden(character: str) -> bool:
    """Tell whether a character is a format character no name needs."""
    return unicodedata.category(character) == "Cf" and character not in _ALLOWED_FORMAT


def _visible(character: str) -> bool:
    return unicodedata.category(character)[0] not in "ZC"


def clean_name(value: object) -> str:
    """Return a profile name as stored (trimmed, spaces single, NFC) or raise InvalidInput."""
    text = check_characters(FIELD, value)
    if any(_hidden(character) for character in text):
        raise InvalidInput(FIELD, "control_characters")
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    if not any(_visible(character) for character in name):
        raise InvalidInput(FIELD, "required")
    if len(name) > NAME_MAX:
        raise InvalidInput(FIELD, "too_long", limit=NAME_MAX)
    return name


def name_key(name: str) -> str:
    """Return what two names share when they read the same: case, width and encoding aside."""
    # Unicode's NFKC_Casefold: "Élodie", "ÉLODIE" and a decomposed "élodie" are one name.
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def shown_name(stored: str, lang: Lang | str) -> str:
    """Return a profile's name as the reader sees it: the default one in their language."""
    return t(lang, DEFAULT_LABEL_KEY) if stored == DEFAULT_NAME else stored


def known_as(stored: str) -> frozenset[str]:
    """Return the keys of every name a profile shows, in any language."""
    return frozenset(name_key(shown_name(stored, lang)) for lang in Lang) | {name_key(stored)}


def clashes(name: str, others: Iterable[str]) -> bool:
    """Tell whether a name would read the same as one of the other profiles' names."""
    key = name_key(name)
    return any(key in known_as(other) for other in others)


def keeps_name(stored: str, typed: str) -> bool:
    """Tell whether a typed name leaves a profile's name as it is (the default shown translated)."""
    if typed == stored:
        return True
    return stored == DEFAULT_NAME and typed in {t(lang, DEFAULT_LABEL_KEY) for lang in Lang}


def file_slug(name: str) -> str:
    """Return a name as lower-case ASCII letters, digits and hyphens, for a file name."""
    ascii_only = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")[:SLUG_MAX].strip("-")
