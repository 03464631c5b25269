"""A local, rule-based review of the user's own texts against the coaching rules (DOMAIN.md §6).

Each kind of text has its rules: a headline states whom you help and what they gain, not a
job title; an About ends with a call to action; a comment adds an angle, never a pitch; an
invitation carries a personal note; a first message sells nothing and asks about the person's
work. The words the rules look for live in data/review/<lang>.toml, one file per language of
the text. Nothing leaves the computer and nothing is stored: this module only reads the text.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from babel.lists import format_list

from ssi_coach.drafts import ABOUT_LIMIT, COMMENT_LIMIT, CONNECTION_NOTE_LIMIT, HEADLINE_LIMIT
from ssi_coach.grammar import is_infinitive_fr
from ssi_coach.i18n import Lang, as_lang, catalog, format_count, plural_form, t


class TextKind(StrEnum):
    """The kinds of text a user writes on LinkedIn and may have reviewed."""

    HEADLINE = "headline"
    ABOUT = "about"
    COMMENT = "comment"
    INVITATION = "invitation"
    MESSAGE = "message"


# LinkedIn's own limit on each kind of text, in characters (DOMAIN.md §9); a message has none
# worth stating.
LIMITS: Mapping[TextKind, int] = MappingProxyType(
    {
        TextKind.HEADLINE: HEADLINE_LIMIT,
        TextKind.ABOUT: ABOUT_LIMIT,
        TextKind.COMMENT: COMMENT_LIMIT,
        TextKind.INVITATION: CONNECTION_NOTE_LIMIT,
    }
)
# The texts a user may save as theirs, dated: the two sections of their profile.
PROFILE_KINDS = (TextKind.HEADLINE, TextKind.ABOUT)
# The plan's drafts the review knows how to read, by draft code (records.DRAFT_LEVERS). The post,
# the share and the recommendation request follow rules of their own; the searches are queries.
DRAFT_KINDS: Mapping[str, TextKind] = MappingProxyType(
    {
        "headline.1": TextKind.HEADLINE,
        "headline.2": TextKind.HEADLINE,
        "headline.3": TextKind.HEADLINE,
        "about": TextKind.ABOUT,
        "comment.angle": TextKind.COMMENT,
        "comment.experience": TextKind.COMMENT,
        "comment.question": TextKind.COMMENT,
        "search.note": TextKind.INVITATION,
        "message.thank_you": TextKind.MESSAGE,
        "message.follow_up": TextKind.MESSAGE,
    }
)
# The routine's tasks for which the user writes a comment, a note or a message, by task key
# (routine.TASK_KEYS).
TASK_KINDS: Mapping[str, TextKind] = MappingProxyType(
    {
        "comments.angle": TextKind.COMMENT,
        "comments.experience": TextKind.COMMENT,
        "messages.thank_connections": TextKind.MESSAGE,
        "messages.invitations": TextKind.INVITATION,
        "messages.follow_up": TextKind.MESSAGE,
    }
)

Severity = Literal["fix", "consider"]
FIX: Severity = "fix"
CONSIDER: Severity = "consider"

# Below this many words a comment has no room for an angle or an experience (DOMAIN.md §6).
COMMENT_MIN_WORDS = 10
# An About this short cannot hold the client's problem, the solution and a call to action.
ABOUT_MIN_CHARS = 300
# Names a generic comment may carry and stay generic: « Merci Julie », « Bravo Marc Dupont ».
_NAMES_IN_GENERIC = 2

# What a rule flags but that does not break DOMAIN.md: worth a look, not a fix.
_CONSIDER: frozenset[tuple[TextKind, str]] = frozenset(
    {
        (TextKind.ABOUT, "too_short"),
        (TextKind.COMMENT, "link"),
        (TextKind.MESSAGE, "link"),
    }
)
# Every code each kind can report, in the order findings are listed.
CODES: Mapping[TextKind, tuple[str, ...]] = MappingProxyType(
    {
        TextKind.HEADLINE: (
            "placeholder",
            "too_long",
            "job_title_only",
            "no_client_benefit",
            "buzzwords",
        ),
        TextKind.ABOUT: ("placeholder", "too_long", "no_call_to_action", "too_short"),
        TextKind.COMMENT: ("placeholder", "too_long", "generic", "too_short", "pitch", "link"),
        TextKind.INVITATION: ("placeholder", "too_long", "generic", "pitch"),
        TextKind.MESSAGE: ("placeholder", "pitch", "no_question", "link"),
    }
)

_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "review"
# A word: letters and digits; the symbols a rule may look for stand as words of their own.
_TOKEN = re.compile(r"[^\W_]+|[%€$@+?]")
_WORD = re.compile(r"[^\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "’": "'", "ʼ": "'"})
# A template's slot left unfilled: « [votre angle] », "[First name]".
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,300}\]")
# Quantifiers are bounded: a pasted wall of text without spaces must not take seconds.
_URL = re.compile(
    r"(?:https?://|www\.)\S|\b[\w-]{1,63}\.(?:com|fr|io|co|net|org|be|ch|ca|eu|ly|me|app|ai)/",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}\.[\w.-]{2,63}")
# A figure a client gains: « 30 % », "+8 pts", "x2", "3x", "-40%".
_FIGURE = re.compile(
    r"\d\s?%|[+\-−]\s?\d+(?:[.,]\d+)?\s?(?:pts?|points?|k?€|k)\b|\b[x×]\s?\d+\b|\b\d+\s?[x×]\b",
    re.IGNORECASE,
)
# French: « pour restaurateurs et hôteliers »: « pour » before a noun names the client.
_FRENCH_FOR = re.compile(r"(?<!\S)pour (\w+)")
# French: « à recruter », « pour vendre », « afin de gagner »: an outcome stated as a verb.
_FRENCH_INFINITIVE = re.compile(
    r"(?<!\S)(?:a|pour|afin de)\s+(?:mieux |enfin |vraiment |plus |se |s |les |l |vous |te |t )?"
    r"(\w{2,}(?:er|ir|re))(?!\S)"
)
_ACCENTS = frozenset("éèêëàâçùûîïôœÉÈÊÀÇ")
# A sentence ends at a full stop, an exclamation or question mark, or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?\n])")


@lru_cache(maxsize=65536)
def _normal_token(token: str) -> str:
    decomposed = unicodedata.normalize("NFKD", token.casefold().translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normal_form(text: str) -> str:
    """Return the text as the word lists match it: lower case, no accent, words split by spaces."""
    return " ".join(_normal_token(token) for token in _TOKEN.findall(text))


@dataclass(frozen=True)
class _Words:
    """The text's words, normalised, with where each sits in the text."""

    text: str
    tokens: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]
    normal: str
    # Where each token starts in `normal`.
    starts: tuple[int, ...]

    @classmethod
    def of(cls, text: str) -> _Words:
        matches = list(_TOKEN.finditer(text))
        tokens = tuple(_normal_token(match.group()) for match in matches)
        starts: list[int] = []
        position = 0
        for token in tokens:
            starts.append(position)
            position += len(token) + 1
        spans = tuple(match.span() for match in matches)
        return cls(text, tokens, spans, " ".join(tokens), tuple(starts))

    def original(self, start: int, end: int) -> str:
        """Return the text's own words behind a span of `normal`."""
        first = bisect_right(self.starts, start) - 1
        last = bisect_right(self.starts, max(start, end - 1)) - 1
        return self.text[self.spans[first][0] : self.spans[last][1]]


@dataclass(frozen=True)
class _Phrases:
    """One word list, ready to search a text's normal form for whole-word phrases."""

    phrases: frozenset[str]
    pattern: re.Pattern[str] | None

    @classmethod
    def of(cls, phrases: Iterable[str]) -> _Phrases:
        normal = frozenset(filter(None, (normal_form(phrase) for phrase in phrases)))
        if not normal:
            return cls(normal, None)
        # Longest first, so that « contactez-moi » wins over « contactez ».
        alternatives = "|".join(re.escape(p) for p in sorted(normal, key=lambda p: (-len(p), p)))
        return cls(normal, re.compile(rf"(?<!\S)(?:{alternatives})(?!\S)"))

    def spans(self, normal: str) -> list[tuple[int, int]]:
        """Return where the list's phrases sit in a normal form, in order."""
        if self.pattern is None:
            return []
        return [match.span() for match in self.pattern.finditer(normal)]

    def found(self, normal: str) -> bool:
        """Tell whether one of the phrases is in a normal form."""
        return self.pattern is not None and self.pattern.search(normal) is not None


@dataclass(frozen=True)
class WordLists:
    """The word lists of one language, by name ("headline.buzzwords"), with what each serves."""

    lang: Lang
    lists: Mapping[str, _Phrases]
    serves: Mapping[str, str]

    def __getitem__(self, name: str) -> _Phrases:
        return self.lists[name]


def _flatten(
    table: Mapping[str, object], prefix: str = ""
) -> Iterable[tuple[str, Mapping[str, object]]]:
    for name, value in table.items():
        if isinstance(value, dict):
            if "phrases" in value:
                yield prefix + name, value
            else:
                yield from _flatten(value, f"{prefix}{name}.")


@cache
def word_lists(lang: Lang | str) -> WordLists:
    """Return the word lists for texts written in a language, read once from data/review."""
    code = as_lang(lang)
    with (_DATA_DIR / f"{code.value}.toml").open("rb") as file:
        data = tomllib.load(file)
    lists: dict[str, _Phrases] = {}
    serves: dict[str, str] = {}
    for name, table in _flatten(data):
        phrases = table["phrases"]
        assert isinstance(phrases, list), name
        lists[name] = _Phrases.of(str(phrase) for phrase in phrases)
        serves[name] = str(table.get("serves", ""))
    return WordLists(code, MappingProxyType(lists), MappingProxyType(serves))


def text_language(text: str, prior: Lang | str = Lang.FR) -> Lang:
    """Return the language a text is written in, French or English; the prior breaks a tie."""
    tokens = _Words.of(text).tokens
    scores = {}
    for lang in Lang:
        words = word_lists(lang)["function_words"].phrases
        scores[lang] = sum(token in words for token in tokens)
    # Accents are French; a short French text without its function words still has them.
    if any(char in _ACCENTS for char in text):
        scores[Lang.FR] += 1
    if scores[Lang.FR] == scores[Lang.EN]:
        return as_lang(prior)
    return Lang.FR if scores[Lang.FR] > scores[Lang.EN] else Lang.EN


def message_key(kind: TextKind, code: str, quoted: int, lang: Lang) -> str:
    """Return the catalog key of a finding's message; one quoting words agrees with their number."""
    key = f"review.{kind.value}.{code}"
    plural = f"{key}.{plural_form(quoted, lang)}"
    return plural if plural in catalog(lang) else key


def _quoted(words: Iterable[str], lang: Lang) -> str:
    opening, closing = ("« ", " »") if lang is Lang.FR else ("“", "”")
    return format_list([f"{opening}{word}{closing}" for word in words], locale=lang.value)


@dataclass(frozen=True)
class Finding:
    """One thing a text breaks or could do better, with the words of the text that show it."""

    kind: TextKind
    code: str
    severity: Severity
    # Words of the text the finding is about (a buzzword, a pitch), quoted in the message.
    quotes: tuple[str, ...] = ()
    # Counts the message states: length, limit, words…
    counts: tuple[tuple[str, int], ...] = ()

    def message(self, lang: Lang | str) -> str:
        """Return the reason and the direction to fix it, in the user's language."""
        shown = as_lang(lang)
        params: dict[str, object] = {name: format_count(n, shown) for name, n in self.counts}
        params["quotes"] = _quoted(self.quotes, shown)
        return t(shown, message_key(self.kind, self.code, len(self.quotes), shown), **params)


@dataclass(frozen=True)
class Review:
    """What a review found in a text: its findings (fixes first), its length and its language."""

    kind: TextKind
    # The language the text was judged in: the language of its word lists.
    lang: Lang
    length: int
    limit: int | None
    findings: tuple[Finding, ...]

    @property
    def fixes(self) -> tuple[Finding, ...]:
        """Return the findings that break a rule of DOMAIN.md."""
        return tuple(finding for finding in self.findings if finding.severity == FIX)

    @property
    def considerations(self) -> tuple[Finding, ...]:
        """Return the findings that could make the text better."""
        return tuple(finding for finding in self.findings if finding.severity == CONSIDER)

    @property
    def codes(self) -> frozenset[str]:
        """Return the codes of every finding."""
        return frozenset(finding.code for finding in self.findings)

    @property
    def empty(self) -> bool:
        """Tell whether there was no text to review."""
        return self.length == 0


@dataclass(frozen=True)
class _Found:
    code: str
    quotes: tuple[str, ...] = ()
    counts: tuple[tuple[str, int], ...] = ()


def _quotes(words: _Words, phrases: _Phrases, normal: str | None = None) -> tuple[str, ...]:
    """Return the text's own words for each distinct phrase of a list it holds, in order."""
    seen: dict[str, str] = {}
    for start, end in phrases.spans(words.normal if normal is None else normal):
        phrase = (words.normal if normal is None else normal)[start:end]
        if phrase not in seen:
            seen[phrase] = words.original(start, end)
    return tuple(seen.values())


def _common(kind: TextKind, text: str) -> list[_Found]:
    found = []
    placeholders = tuple(dict.fromkeys(_PLACEHOLDER.findall(text)))
    if placeholders:
        found.append(_Found("placeholder", placeholders))
    limit = LIMITS.get(kind)
    if limit is not None and len(text) > limit:
        counts = (("length", len(text)), ("limit", limit), ("over", len(text) - limit))
        found.append(_Found("too_long", counts=counts))
    return found


def _has_outcome(words: _Words, lists: WordLists) -> bool:
    if lists["headline.outcome_phrases"].found(words.normal) or _FIGURE.search(words.text):
        return True
    if lists.lang is not Lang.FR:
        return False
    # Read on the user's own spelling: « métier » is a noun, and grammar knows it.
    return any(
        is_infinitive_fr(words.original(*match.span(1)))
        for match in _FRENCH_INFINITIVE.finditer(words.normal)
    )


def _masked(normal: str, phrases: _Phrases) -> str:
    """Return a normal form with the list's phrases blanked out, keeping every offset."""
    for start, end in phrases.spans(normal):
        normal = normal[:start] + "#" * (end - start) + normal[end:]
    return normal


def _names_employer(words: _Words, lists: WordLists) -> bool:
    """Tell whether the headline names an employer: « chez Capgemini », "at Acme", "@Acme"."""
    for start, end in lists["headline.employer_phrases"].spans(words.normal):
        following = bisect_right(words.starts, end)
        if words.normal[start:end] == "@":
            return True
        # "at a time" is no employer: a company's name starts with a capital or a digit.
        if following < len(words.tokens):
            first = words.text[words.spans[following][0]]
            if first.isupper() or first.isdigit():
                return True
    return False


def _names_target(words: _Words, lists: WordLists) -> bool:
    if lists["headline.help_phrases"].found(words.normal):
        return True
    if lists.lang is Lang.FR:
        for match in _FRENCH_FOR.finditer(words.normal):
            if not is_infinitive_fr(words.original(*match.span(1))):
                return True
    return False


def _headline(words: _Words, lists: WordLists) -> list[_Found]:
    found = []
    first_person = any(token in lists["headline.first_person"].phrases for token in words.tokens)
    # « Je réduis votre facture »: what you do, said to the reader, is the client's value.
    speaks_to_reader = first_person and lists["headline.reader"].found(words.normal)
    benefit = _names_target(words, lists) or speaks_to_reader or _has_outcome(words, lists)
    titled = lists["headline.title_words"].found(words.normal) or _names_employer(words, lists)
    if not benefit and not first_person and titled:
        found.append(_Found("job_title_only"))
    if not benefit:
        found.append(_Found("no_client_benefit"))
    # « Expert-comptable » is a profession, not self-praise: blanked before looking.
    normal = _masked(words.normal, lists["headline.buzzword_exceptions"])
    buzzwords = _quotes(words, lists["headline.buzzwords"], normal)
    if buzzwords:
        found.append(_Found("buzzwords", buzzwords))
    return found


def _about(words: _Words, lists: WordLists) -> list[_Found]:
    found = []
    if not lists["about.call_to_action"].found(words.normal) and not _EMAIL.search(words.text):
        found.append(_Found("no_call_to_action"))
    if len(words.text) < ABOUT_MIN_CHARS:
        found.append(_Found("too_short", counts=(("minimum", ABOUT_MIN_CHARS),)))
    return found


def _names(text: str) -> frozenset[str]:
    """Return the capitalised words after the first, as the word lists see them: maybe names."""
    words = _WORD.findall(text)
    return frozenset(_normal_token(word) for word in words[1:] if word[:1].isupper())


def _only_generic(text: str, lists: WordLists) -> bool:
    generic = lists["comment.generic_words"].phrases
    names = _names(text)
    others = [token for token in _Words.of(text).tokens if token not in generic and token != "@"]
    # Up to two names (« Merci Julie ! ») keep a comment generic; any other word is content.
    unknown = [token for token in others if token not in names]
    return not unknown and len(others) <= _NAMES_IN_GENERIC


def _generic_comment(text: str, lists: WordLists) -> bool:
    """Tell whether a comment says nothing of the post; its selling sentences are set aside."""
    pitch = lists["comment.pitch"]
    sentences = [part for part in _SENTENCE_END.split(text) if part.strip()]
    kept = [
        part for part in sentences if not pitch.found(normal_form(part)) and not _EMAIL.search(part)
    ]
    # « Top ! Contactez-moi en DM » praises nothing of the post before selling.
    if len(kept) < len(sentences):
        return bool(kept) and _only_generic(" ".join(kept), lists)
    return _only_generic(text, lists)


def _comment(words: _Words, lists: WordLists) -> list[_Found]:
    found = []
    if _generic_comment(words.text, lists):
        found.append(_Found("generic"))
    count = len(_WORD.findall(words.text))
    if count < COMMENT_MIN_WORDS:
        found.append(_Found("too_short", counts=(("words", count), ("minimum", COMMENT_MIN_WORDS))))
    pitch = _quotes(words, lists["comment.pitch"])
    emails = tuple(_EMAIL.findall(words.text))
    if pitch or emails:
        found.append(_Found("pitch", pitch + emails))
    if _URL.search(words.text):
        found.append(_Found("link"))
    return found


def _speaks_of_theirs(words: _Words, lists: WordLists) -> bool:
    """Tell whether a note speaks of something of the person's other than their network."""
    possessives = lists["invitation.possessives"].phrases
    impersonal = lists["invitation.impersonal"].phrases
    tokens = words.tokens
    return any(
        token in possessives and following not in impersonal
        for token, following in pairwise(tokens)
    )


def _invitation(words: _Words, lists: WordLists) -> list[_Found]:
    found = []
    # A question about them is personal; one asking for a demo or a call is not.
    personal = (
        lists["invitation.personal_hooks"].found(words.normal)
        or _speaks_of_theirs(words, lists)
        or bool(_questions_about_them(words.text, lists))
    )
    if not personal:
        found.append(_Found("generic"))
    pitch = _quotes(words, lists["invitation.pitch"])
    if pitch:
        found.append(_Found("pitch", pitch))
    return found


def _questions_about_them(text: str, lists: WordLists) -> list[str]:
    """Return the text's questions that ask something other than a meeting, a call or a demo."""
    meeting = lists["message.meeting_words"]
    questions = (part for part in _SENTENCE_END.split(text) if part.endswith("?"))
    # "?" alone, or a question that only asks for a call, opens no conversation.
    return [
        question
        for question in questions
        if normal_form(question).strip("? ") and not meeting.found(normal_form(question))
    ]


def _asks_about_work(words: _Words, lists: WordLists) -> bool:
    if _questions_about_them(words.text, lists):
        return True
    return lists["message.indirect_questions"].found(words.normal)


def _message(words: _Words, lists: WordLists) -> list[_Found]:
    found = []
    pitch = _quotes(words, lists["message.pitch"])
    if pitch:
        found.append(_Found("pitch", pitch))
    if not _asks_about_work(words, lists):
        found.append(_Found("no_question"))
    if _URL.search(words.text):
        found.append(_Found("link"))
    return found


_RULES = {
    TextKind.HEADLINE: _headline,
    TextKind.ABOUT: _about,
    TextKind.COMMENT: _comment,
    TextKind.INVITATION: _invitation,
    TextKind.MESSAGE: _message,
}


def review_text(kind: TextKind | str, text: str, lang: str | None = "fr") -> Review:
    """Return what a text breaks or could do better under the coaching rules of its kind.

    The text is judged with the word lists of the language it is written in; `lang` (the
    language the user writes in) decides when the text is too short to tell.
    """
    kind = TextKind(kind)
    # NFC first: an accent typed as a separate mark is the same letter.
    text = unicodedata.normalize("NFC", text).strip()
    limit = LIMITS.get(kind)
    prior = as_lang(lang)
    if not text:
        return Review(kind, prior, 0, limit, ())
    judged = text_language(text, prior)
    words = _Words.of(text)
    found = _common(kind, text) + _RULES[kind](words, word_lists(judged))
    order = CODES[kind]
    findings = tuple(
        Finding(
            kind,
            item.code,
            CONSIDER if (kind, item.code) in _CONSIDER else FIX,
            item.quotes,
            item.counts,
        )
        for item in sorted(found, key=lambda item: order.index(item.code))
    )
    # Fixes first, each group in the kind's order.
    findings = tuple(sorted(findings, key=lambda finding: finding.severity != FIX))
    return Review(kind, judged, len(text), limit, findings)
