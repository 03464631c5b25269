"""Read the four pillars, the ranks and the averages from a pasted LinkedIn SSI page.

How it reads a paste:

1. Fold the text: lower case, no accents, one kind of space and apostrophe, while
   remembering where each folded character came from (to quote the sector's own spelling).
2. Cut it into tokens, most specific first: average sentences, "N out of 100" captions,
   "Top X %", rank labels, pillar labels, "Remaining points", section headings, then plain
   numbers, words and other signs. Spaces, line breaks and separators such as "|" are not
   tokens, so "12,05 | Label", "Label<TAB>12,05" and "Label" then "12,05" on the next line
   all put the number right beside its label.
3. Give each token a section: the member's own score, "People in your industry" or
   "People in your network". The page repeats the four pillars for both averages (in
   hidden tables); only the member's own section gives the member's pillars.
4. Pair labels with numbers. A run of alternating labels and numbers reads label-first
   when it starts with a label and ends with a number, number-first in the other case.
   A run that starts and ends with the same kind cannot be read either way: its labels
   are "unclear", never guessed.

LinkedIn never shows more than 3 decimals, so a pillar with a 4th significant decimal was
edited or is not a score: it is an error, not rounded, because rounding would store a value
the member never saw on LinkedIn.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from enum import Enum, StrEnum
from typing import Any

from ssi_coach.i18n import Lang, t
from ssi_coach.model import Pillar, Reading

PARSER_VERSION = "1"
# An SSI page copied whole is a few thousand characters; far more is another document.
MAX_TEXT_CHARS = 100_000
# The sector's name is stored with the reading (readings.industry_name is 120 characters).
INDUSTRY_NAME_MAX = 120
PILLAR_MAX = Decimal(25)
AVERAGE_MAX = Decimal(100)
# LinkedIn rounds the total on its own; the sum of the rounded pillars may land one off.
TOTAL_TOLERANCE = 1
LANGUAGES = ("en", "fr", "es", "pt", "de", "it")

ERROR_CODES = frozenset(
    {
        "empty",
        "too_long",
        "no_components",
        "missing_pillar",
        "ambiguous_pillar",
        "ambiguous_layout",
        "pillar_out_of_range",
        "too_precise",
        "total_mismatch",
    }
)
WARNING_CODES = frozenset(
    {"missing_total", "missing_value", "conflicting_value", "unclear_value", "invalid_value"}
)

_THOUSANDTH = Decimal("0.001")


class Scope(StrEnum):
    OWN = "own"
    INDUSTRY = "industry"
    NETWORK = "network"
    OTHER = "other"


def _message(lang: Lang | str, key: str, params: Mapping[str, Any]) -> str:
    """Return a catalog text with pillar and field codes replaced by their names."""
    shown: dict[str, Any] = {}
    for name, value in params.items():
        if name == "pillar":
            shown[name] = t(lang, f"pillar.{value}")
        elif name == "pillars":
            names = (t(lang, "parse.quoted", name=t(lang, f"pillar.{p}")) for p in value)
            shown[name] = ", ".join(names)
        elif name == "field":
            shown[name] = t(lang, f"field.{value}")
        else:
            shown[name] = value
    return t(lang, key, **shown)


@dataclass(frozen=True)
class ParseWarning:
    """Something optional the paste did not give, or gave in a way that could not be trusted."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    def __post_init__(self) -> None:
        # A copy, so that the caller's dict cannot change a warning afterwards.
        object.__setattr__(self, "params", dict(self.params))

    def message(self, lang: Lang | str) -> str:
        """Return the warning in the given language."""
        return _message(lang, f"parse.warning.{self.code}", self.params)


class SsiTextError(ValueError):
    """The paste cannot give the four pillars; the message says what to copy instead."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(self.message(Lang.EN))

    def message(self, lang: Lang | str) -> str:
        """Return the error in the given language."""
        return _message(lang, f"parse.error.{self.code}", self.params)


@dataclass(frozen=True)
class PillarScores:
    """The four pillars of an average (the industry's or the network's)."""

    brand: float
    people: float
    insights: float
    relationships: float

    def score(self, pillar: Pillar) -> float:
        """Return the score of one pillar."""
        return float(getattr(self, Pillar(pillar).value))


@dataclass(frozen=True)
class ParsedSsi:
    """What a pasted SSI page says, with warnings for what it did not say clearly."""

    brand: float
    people: float
    insights: float
    relationships: float
    total_shown: int | None = None
    industry_rank: int | None = None
    network_rank: int | None = None
    industry_average: float | None = None
    network_average: float | None = None
    industry_name: str | None = None
    language: str | None = None
    industry_pillars: PillarScores | None = None
    network_pillars: PillarScores | None = None
    warnings: tuple[ParseWarning, ...] = ()

    def score(self, pillar: Pillar) -> float:
        """Return the score of one pillar."""
        return float(getattr(self, Pillar(pillar).value))

    @property
    def total(self) -> float:
        """Return the exact sum of the four pillars."""
        return float(sum(Decimal(str(self.score(p))) for p in Pillar))

    def reading(self, taken_on: date) -> Reading:
        """Return the reading of this page on the given day (raises InvalidInput if invalid)."""
        return Reading(
            taken_on=taken_on,
            brand=self.brand,
            people=self.people,
            insights=self.insights,
            relationships=self.relationships,
            industry_rank=self.industry_rank,
            network_rank=self.network_rank,
            industry_average=self.industry_average,
            network_average=self.network_average,
        )


# --- Labels, per language, on folded text (lower case, no accents, "'" apostrophes). ---
# Stems rather than exact strings: LinkedIn rewords its labels now and then, and the
# French page has been seen with "Établir" and "Construire" for the same pillar.

_PILLAR_LABELS: dict[Pillar, dict[str, str]] = {
    Pillar.BRAND: {
        "en": r"(?:(?:establish|establishing|build|building|create|develop) (?:your |a )?)?"
        r"professional brand",
        "fr": r"(?:(?:etablir|construire|creer|developper|batir|affirmer) (?:votre |sa |une )?)?"
        r"marque professionnelle",
        "es": r"(?:(?:establecer|construir|crear|desarrollar) (?:tu |su |una )?)?marca profesional",
        "pt": r"(?:(?:estabelecer|construir|criar|desenvolver) (?:a |uma )?(?:sua )?)?"
        r"marca profissional",
        "de": r"(?:(?:etablieren|bauen|schaffen) sie )?(?:(?:eine|ihre|deine) )?professionelle "
        r"marke(?: (?:etablieren|aufbauen|auf|schaffen|entwickeln))?",
        "it": r"(?:(?:costruire|stabilire|creare|sviluppare|affermare) "
        r"(?:il (?:proprio |tuo )?|un |il tuo )?)?(?:brand|marchio) professionale",
    },
    Pillar.PEOPLE: {
        "en": r"(?:(?:find|finding|identify|target) )?the right people",
        "fr": r"(?:(?:trouver|identifier|rechercher|cibler) )?les bonnes personnes",
        "es": r"(?:(?:encontrar|buscar|localizar|identificar) )?(?:a )?(?:las )?personas "
        r"(?:adecuadas|correctas|indicadas|idoneas)",
        "pt": r"(?:(?:localizar|encontrar|achar|identificar|buscar) )?(?:as )?pessoas certas",
        "de": r"(?:die )?richtigen (?:personen|leute|kontakte|ansprechpartner)"
        r"(?: (?:finden|identifizieren))?",
        "it": r"(?:(?:trovare|individuare|cercare|identificare) )?(?:le )?persone giuste",
    },
    Pillar.INSIGHTS: {
        "en": r"engag(?:e|ing) with insights?",
        "fr": r"(?:echanger|partager|interagir avec) (?:des |les )?"
        r"(?:informations|idees|insights|connaissances)",
        "es": r"interactuar (?:con|ofreciendo|compartiendo|aportando) "
        r"(?:informacion|insights|ideas|conocimientos)",
        "pt": r"interagir (?:oferecendo|com|compartilhando|trocando) "
        r"(?:insights|informacoes|ideias|conhecimentos)",
        "de": r"(?:mit |durch )?(?:insights|erkenntnissen|informationen) "
        r"(?:interagieren|austauschen|teilen)",
        "it": r"interagire (?:offrendo|con|condividendo|fornendo) "
        r"(?:informazioni|insights?|idee|approfondimenti)",
    },
    Pillar.RELATIONSHIPS: {
        "en": r"(?:build|building|develop|nurture|strengthen) (?:strong |your )?relationships",
        "fr": r"(?:etablir|construire|developper|entretenir|nouer|tisser|creer|batir) "
        r"(?:des |de |vos )?(?:relations|liens)",
        "es": r"(?:establecer|construir|crear|desarrollar|cultivar|forjar) "
        r"(?:las |tus )?relaciones",
        "pt": r"(?:cultivar|construir|criar|estabelecer|desenvolver|fortalecer) "
        r"(?:os |seus )?relacionamentos",
        "de": r"(?:beziehungen|kontakte) (?:aufbauen|pflegen|knupfen|herstellen|starken)",
        "it": r"(?:instaurare|costruire|creare|stabilire|coltivare|sviluppare|consolidare) "
        r"(?:delle |le )?relazioni",
    },
}

_INDUSTRY_WORDS = r"industry|industrie|industria|secteur|sector|setor|settore|branche|branchen"
_NETWORK_WORDS = r"network|reseau|red|rede|netzwerk|rete"
_SCOPE = rf"(?P<scope>{_INDUSTRY_WORDS}|{_NETWORK_WORDS})"
_NETWORK_SET = frozenset(_NETWORK_WORDS.split("|"))
_RANK_WORD = (
    r"(?:rank|ranking|classement|rang|clasificacion|classificacao|classifica|classificazione"
    r"|posicion|posicao|posizione|platzierung)"
)
_OWNER = (
    r"(?:(?:your|votre|le|la|tu|su|el|seu|sua|o|a|ihr|ihre|dein|deine|die|der|il tuo|la tua"
    r"|il) )?"
)
_PEOPLE = (
    r"(?:people|members|professionals|personnes|membres|professionnels|personas|miembros"
    r"|profesionales|pessoas|membros|profissionais|personen|mitglieder|fachleute|fachkrafte"
    r"|persone|membri|professionisti)"
)
_FILLERS = r"(?: [a-z'-]+){0,4}?"
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"

_AVERAGE_RE = re.compile(
    r"(?:"
    r"(?:(?:have|has) )?(?:an )?average ssi(?: score)? of"
    r"|(?:(?:ont|a) )?(?:un )?ssi moyen (?:est )?(?:de|d')"
    r"|(?:(?:tienen|tiene) )?(?:un )?ssi (?:medio|promedio) (?:es )?de"
    r"|(?:(?:tem|teem|possuem|possui) )?(?:um )?ssi medio (?:e )?de"
    r"|(?:(?:haben|hat) )?(?:einen |ein )?durchschnittliche[nrs]? ssi(?:[- ]wert)? von"
    r"|(?:(?:hanno|ha) )?(?:un )?ssi medio (?:di|pari a)"
    rf")\s?(?P<value>{_NUMBER})(?![0-9])"
)
_CAPTION_RE = re.compile(
    r"(?<![0-9.,/])(?P<value>[0-9]{1,3})\s?(?:out of|sur|de|von|su|di|/)\s?100(?![0-9/]|[.,][0-9])"
)
# "out of 100" alone on its line: a caption whose number was lost (or cut by a stray line).
_ORPHAN_CAPTION_RE = re.compile(r"(?m)^(?:out of|sur|de|von|su|di|/) ?100$")
_TOP_RE = re.compile(rf"\btop\s?(?P<value>{_NUMBER})\s?%")
_RANK_RES = (
    re.compile(rf"\b{_OWNER}{_SCOPE}[ -]ssi[ -]{_RANK_WORD}\b"),
    re.compile(rf"\b{_OWNER}(?:ssi[ -])?{_RANK_WORD}{_FILLERS}[ -]{_SCOPE}\b"),
)
_PILLAR_RE = re.compile(
    "|".join(
        rf"\b(?P<{pillar.value}_{lang}>{pattern})\b"
        for pillar, by_lang in _PILLAR_LABELS.items()
        for lang, pattern in by_lang.items()
    )
)
_REMAINING_RE = re.compile(
    r"\b(?:remaining points?|points? restants?|puntos restantes|pontos restantes"
    r"|verbleibende punkte|restliche punkte|punti (?:rimanenti|restanti))\b"
)
_FOUR = r"(?:four|quatre|quatro|cuatro|vier|quattro)"
_COMPONENTS = (
    r"(?:components|composantes|componentes|komponenten|componenti|elements|elementos"
    r"|bestandteile|elementi)"
)
_OWN_HEADER_RES = (
    re.compile(
        r"\b(?:(?:your|current|votre|tu|su|seu|sua|ihr|dein|il tuo|aktueller|aktuelle) )?"
        r"social selling index(?: (?:actuel|actual|atual|attuale|aktuell))?\b"
    ),
    re.compile(
        rf"\b(?:(?:los|les|os|die|i|the|your) )?{_FOUR} {_COMPONENTS}{_FILLERS} "
        r"(?:score|scores|punteggio|puntuacion|pontuacao|ssi|index|indice|wertes|werts)\b"
    ),
    re.compile(rf"\b{_FOUR} {_COMPONENTS}\b"),
)
_PEER_HEADER_RE = re.compile(rf"\b(?:sales )?{_PEOPLE}{_FILLERS} {_SCOPE}\b")
_PERCENT_RE = re.compile(r"(?<![0-9.,])[0-9]+(?:[.,][0-9]+)?\s?%")
_SIGNED_RE = re.compile(r"(?<![0-9a-z])[-+±][0-9]+(?:[.,][0-9]+)*")
_NUMBER_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_WORD_RE = re.compile(r"[^\W\d_]+")
# Signs that may sit between a label and its number without separating them.
_TRANSPARENT = frozenset(" \n|¦:-–—•·().,;'\"«»“”„*_")

# The sector's name in an industry average sentence ("in the X industry", "du secteur X").
_INDUSTRY_NAME_RES = (
    re.compile(r"\bin the (?P<name>.+?) industry$"),
    re.compile(r"^(?:sales )?(?:people|professionals|members) in (?!your\b|the\b)(?P<name>.+?)$"),
    re.compile(r"\bsecteur (?:de la |de l'|des |du |de |d')?(?P<name>.+)$"),
    re.compile(r"\bsector (?:de la |de los |del |de )?(?P<name>.+)$"),
    re.compile(r"\bsetor (?:de |da |do |dos |das )?(?P<name>.+)$"),
    re.compile(r"\bbranche (?P<name>.+)$"),
    re.compile(r"\bsettore (?:di |del |della |dello |dei |degli |delle )?(?P<name>.+)$"),
)
_NETWORK_WORD_RE = re.compile(rf"\b(?:{_NETWORK_WORDS})\b")
_INDUSTRY_WORD_RE = re.compile(rf"\b(?:{_INDUSTRY_WORDS})\b")
_SUBJECT_MAX = 300


# --- Folding ---


@dataclass(frozen=True)
class _Folded:
    text: str
    origin: tuple[int, ...]  # index in the pasted text of each folded character

    def original(self, original_text: str, start: int, end: int) -> str:
        """Return the pasted text behind a folded span."""
        return original_text[self.origin[start] : self.origin[end - 1] + 1]


_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_APOSTROPHES = frozenset("’‘`´ʼ′")
_HYPHENS = frozenset("‐‑‒−")


def _fold(text: str) -> _Folded:
    """Return the text in lower case without accents, one space between words, one line break."""
    chars: list[str] = []
    origin: list[int] = []
    space_pending = False
    for index, char in enumerate(text):
        if char in _LINE_BREAKS:
            space_pending = False
            if chars and chars[-1] != "\n":
                chars.append("\n")
                origin.append(index)
            continue
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            if part.isspace():
                space_pending = True
                continue
            if unicodedata.category(part) in ("Cc", "Cf"):
                continue
            if space_pending and chars and chars[-1] != "\n":
                chars.append(" ")
                origin.append(index)
            space_pending = False
            if part in _APOSTROPHES:
                part = "'"
            elif part in _HYPHENS:
                part = "-"
            for lower in part.lower():
                chars.append(lower)
                origin.append(index)
    return _Folded("".join(chars), tuple(origin))


# --- Tokens ---


class _Kind(Enum):
    AVERAGE = "average"
    CAPTION = "caption"
    TOP = "top"
    RANK_LABEL = "rank_label"
    PILLAR = "pillar"
    REMAINING = "remaining"
    OWN_HEADER = "own_header"
    PEER_HEADER = "peer_header"
    NUMBER = "number"
    BREAK = "break"


@dataclass(frozen=True)
class _Token:
    kind: _Kind
    start: int
    end: int
    key: str | None = None  # a pillar code, a scope, or "remaining"
    lang: str | None = None
    value: Decimal | None = None
    raw: str = ""
    industry_name: str | None = None


def _decimal(raw: str) -> Decimal:
    """Return a number written with a '.' or ',' decimal."""
    return Decimal(raw.replace(",", "."))


def _scope_of(word: str) -> Scope:
    """Return the section a scope word names."""
    return Scope.NETWORK if word in _NETWORK_SET else Scope.INDUSTRY


def _subject_start(source: str, end: int) -> int:
    """Return where the words before an average sentence's verb begin."""
    begin = end
    floor = max(0, end - _SUBJECT_MAX)
    while begin > floor and source[begin - 1] not in "\n.%" and not source[begin - 1].isdigit():
        begin -= 1
    return begin


def _average_token(folded: _Folded, text: str, match: re.Match[str]) -> _Token:
    """Return an average sentence, its section read from the words before it."""
    begin = _subject_start(folded.text, match.start())
    subject = folded.text[begin : match.start()]
    offset = begin + len(subject) - len(subject.lstrip())
    subject = subject.strip()
    name: str | None = None
    scope: Scope | None = None
    for pattern in _INDUSTRY_NAME_RES:
        found = pattern.search(subject)
        if found is not None:
            start, end = offset + found.start("name"), offset + found.end("name")
            name = _clean_name(folded.original(text, start, end))
            scope = Scope.INDUSTRY
            break
    if scope is None and _NETWORK_WORD_RE.search(subject):
        scope = Scope.NETWORK
    elif scope is None and _INDUSTRY_WORD_RE.search(subject):
        scope = Scope.INDUSTRY
    raw = match.group("value")
    return _Token(
        _Kind.AVERAGE,
        match.start(),
        match.end(),
        key=None if scope is None else scope.value,
        value=_decimal(raw),
        raw=raw,
        industry_name=name,
    )


def _clean_name(name: str) -> str | None:
    """Return a sector's name on one line, or None when it is too long to be one."""
    cleaned = " ".join(name.split()).strip(" \"'«»“”‘’")
    if not cleaned or len(cleaned) > INDUSTRY_NAME_MAX:
        return None
    return cleaned


def _tokenise(text: str, folded: _Folded) -> list[_Token]:
    """Return the tokens of the folded text, in reading order."""
    source = folded.text
    taken = bytearray(len(source))
    tokens: list[_Token] = []

    def scan(pattern: re.Pattern[str], make: Callable[[re.Match[str]], _Token | None]) -> None:
        for match in pattern.finditer(source):
            start, end = match.span()
            if start == end or any(taken[start:end]):
                continue
            token = make(match)
            if token is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            tokens.append(token)

    def valued(kind: _Kind) -> Callable[[re.Match[str]], _Token]:
        def make(match: re.Match[str]) -> _Token:
            raw = match.group("value")
            return _Token(kind, match.start(), match.end(), value=_decimal(raw), raw=raw)

        return make

    def plain(kind: _Kind, key: str | None = None) -> Callable[[re.Match[str]], _Token]:
        return lambda match: _Token(kind, match.start(), match.end(), key=key)

    def scoped(kind: _Kind) -> Callable[[re.Match[str]], _Token]:
        return lambda match: _Token(
            kind, match.start(), match.end(), key=_scope_of(match.group("scope")).value
        )

    def rank_label(match: re.Match[str]) -> _Token | None:
        # "You rank in the top 72 %" is not a label: a rank label always names the SSI.
        return scoped(_Kind.RANK_LABEL)(match) if "ssi" in match.group(0) else None

    def pillar(match: re.Match[str]) -> _Token:
        code, lang = (match.lastgroup or "").rsplit("_", 1)
        return _Token(_Kind.PILLAR, match.start(), match.end(), key=code, lang=lang)

    def number(match: re.Match[str]) -> _Token:
        raw = match.group(0)
        if raw.count(".") + raw.count(",") > 1:
            return _Token(_Kind.BREAK, match.start(), match.end(), raw=raw)
        return _Token(_Kind.NUMBER, match.start(), match.end(), value=_decimal(raw), raw=raw)

    scan(_AVERAGE_RE, lambda match: _average_token(folded, text, match))
    scan(_CAPTION_RE, valued(_Kind.CAPTION))
    scan(_ORPHAN_CAPTION_RE, plain(_Kind.CAPTION))
    scan(_TOP_RE, valued(_Kind.TOP))
    for pattern in _RANK_RES:
        scan(pattern, rank_label)
    scan(_PILLAR_RE, pillar)
    scan(_REMAINING_RE, plain(_Kind.REMAINING, "remaining"))
    for pattern in _OWN_HEADER_RES:
        scan(pattern, plain(_Kind.OWN_HEADER))
    scan(_PEER_HEADER_RE, scoped(_Kind.PEER_HEADER))
    scan(_PERCENT_RE, plain(_Kind.BREAK))
    scan(_SIGNED_RE, plain(_Kind.BREAK))
    scan(_NUMBER_RE, number)
    scan(_WORD_RE, plain(_Kind.BREAK))
    for index, char in enumerate(source):
        if not taken[index] and char not in _TRANSPARENT:
            tokens.append(_Token(_Kind.BREAK, index, index + 1))
    tokens.sort(key=lambda token: token.start)
    return tokens


# --- Sections ---


@dataclass(frozen=True)
class _Sections:
    scopes: tuple[Scope, ...]  # the section of each token
    total: _Token | None  # the member's own "N out of 100" caption


def _sections(tokens: Sequence[_Token]) -> _Sections:
    """Return the section of each token and the caption of the member's own score."""
    scope = Scope.OWN
    total: _Token | None = None
    captioned: set[Scope] = set()
    scopes: list[Scope] = []
    for token in tokens:
        if token.kind is _Kind.OWN_HEADER:
            scope = Scope.OWN
        elif token.kind in (_Kind.PEER_HEADER, _Kind.AVERAGE) and token.key is not None:
            scope = Scope(token.key)
        elif token.kind is _Kind.CAPTION:
            if scope is Scope.OWN and Scope.OWN not in captioned:
                total = token
            elif scope is Scope.OWN or scope in captioned:
                # The page has three captions: own score, industry average, network average.
                scope = next(
                    (s for s in (Scope.INDUSTRY, Scope.NETWORK) if s not in captioned),
                    Scope.OTHER,
                )
            captioned.add(scope)
        scopes.append(scope)
    return _Sections(tuple(scopes), total)


# --- Pairing labels with numbers ---


@dataclass(frozen=True)
class _Pairing:
    pairs: tuple[tuple[int, int], ...]  # (label index, value index)
    unclear: tuple[tuple[int, frozenset[int]], ...]  # (label index, candidate value indexes)
    runs: tuple[tuple[int, ...], ...]


def _pair(
    tokens: Sequence[_Token], is_label: Callable[[_Token], bool], is_value: Callable[[_Token], bool]
) -> _Pairing:
    """Return the labels paired with the number beside them, and those that cannot be."""
    runs: list[list[int]] = []
    run: list[int] = []
    for index, token in enumerate(tokens):
        label, value = is_label(token), is_value(token)
        if not (label or value):
            run = []
            continue
        # Two labels or two numbers in a row: one layout ends and another begins.
        if not run or is_label(tokens[run[-1]]) == label:
            run = []
            runs.append(run)
        run.append(index)
    pairs: list[tuple[int, int]] = []
    unclear: list[tuple[int, frozenset[int]]] = []
    for indexes in runs:
        if len(indexes) < 2:
            continue
        starts_with_label = is_label(tokens[indexes[0]])
        ends_with_label = is_label(tokens[indexes[-1]])
        if starts_with_label and not ends_with_label:
            pairs += [(indexes[i], indexes[i + 1]) for i in range(0, len(indexes), 2)]
        elif ends_with_label and not starts_with_label:
            pairs += [(indexes[i + 1], indexes[i]) for i in range(0, len(indexes), 2)]
        else:
            for position, index in enumerate(indexes):
                if is_label(tokens[index]):
                    around = indexes[max(0, position - 1) : position + 2]
                    unclear.append((index, frozenset(i for i in around if i != index)))
    return _Pairing(tuple(pairs), tuple(unclear), tuple(tuple(r) for r in runs))


# --- Resolving each value from all its mentions ---


@dataclass(frozen=True)
class _Outcome:
    status: str  # "found", "missing", "conflict" or "unclear"
    value: Decimal | None = None
    raw: str = ""
    other: Decimal | None = None
    other_raw: str = ""


def _resolve(definite: Sequence[_Token], unclear: Sequence[frozenset[Decimal]]) -> _Outcome:
    """Return the one value the mentions agree on, or why there is none."""
    distinct: list[_Token] = []
    for token in definite:
        if all(token.value != seen.value for seen in distinct):
            distinct.append(token)
    if len(distinct) > 1:
        first, second = distinct[0], distinct[1]
        return _Outcome("conflict", first.value, first.raw, second.value, second.raw)
    if not distinct:
        return _Outcome("unclear" if unclear else "missing")
    found = distinct[0]
    # A mention that could belong to two numbers is fine when one of them is this value.
    if any(found.value not in candidates for candidates in unclear):
        return _Outcome("unclear")
    return _Outcome("found", found.value, found.raw)


def _evidence(
    tokens: Sequence[_Token],
    pairing: _Pairing,
    labels: Callable[[int], bool],
) -> tuple[list[_Token], list[frozenset[Decimal]]]:
    """Return the numbers paired with the chosen labels, and the candidates of unclear ones."""
    definite = [tokens[value] for label, value in pairing.pairs if labels(label)]
    unclear = [
        frozenset(v for i in candidates if (v := tokens[i].value) is not None)
        for label, candidates in pairing.unclear
        if labels(label)
    ]
    return definite, unclear


def _is_pillar_label(token: _Token) -> bool:
    return token.kind in (_Kind.PILLAR, _Kind.REMAINING)


def _is_number(token: _Token) -> bool:
    return token.kind is _Kind.NUMBER


def _thousandths_exact(value: Decimal) -> bool:
    return value == value.quantize(_THOUSANDTH)


def _round_half_up(value: Decimal) -> int:
    return int((value + Decimal("0.5")).to_integral_value(rounding=ROUND_FLOOR))


def _own_pillars(
    tokens: Sequence[_Token], scopes: Sequence[Scope], pairing: _Pairing
) -> dict[Pillar, Decimal]:
    """Return the member's four pillars, or raise SsiTextError saying what to copy."""
    if not any(token.kind is _Kind.PILLAR for token in tokens):
        raise SsiTextError("no_components")
    outcomes: dict[Pillar, _Outcome] = {}
    for pillar in Pillar:

        def own(i: int, p: Pillar = pillar) -> bool:
            return tokens[i].key == p.value and scopes[i] is Scope.OWN

        definite, unclear = _evidence(tokens, pairing, own)
        outcomes[pillar] = _resolve(definite, unclear)
    for pillar, outcome in outcomes.items():
        if outcome.status == "conflict":
            raise SsiTextError(
                "ambiguous_pillar",
                pillar=pillar.value,
                first=float(outcome.value or 0),
                second=float(outcome.other or 0),
            )
    unsure = tuple(p.value for p, outcome in outcomes.items() if outcome.status == "unclear")
    if unsure:
        raise SsiTextError("ambiguous_layout", pillars=unsure)
    missing = tuple(p.value for p, outcome in outcomes.items() if outcome.status == "missing")
    if missing:
        raise SsiTextError("missing_pillar", pillars=missing)
    values: dict[Pillar, Decimal] = {}
    for pillar, outcome in outcomes.items():
        assert outcome.value is not None
        # Range first: quantizing a number of more than 28 digits raises InvalidOperation.
        if outcome.value > PILLAR_MAX:
            raise SsiTextError("pillar_out_of_range", pillar=pillar.value, value=outcome.raw)
        if not _thousandths_exact(outcome.value):
            raise SsiTextError("too_precise", pillar=pillar.value, value=outcome.raw)
        values[pillar] = outcome.value
    return values


def _peer_pillars(
    tokens: Sequence[_Token],
    scopes: Sequence[Scope],
    pairing: _Pairing,
    scope: Scope,
    average: float | None,
) -> PillarScores | None:
    """Return the pillars of an average when its section gives all four without doubt."""
    values: dict[str, float] = {}
    for pillar in Pillar:

        def scoped(i: int, p: Pillar = pillar) -> bool:
            return tokens[i].key == p.value and scopes[i] is scope

        definite, unclear = _evidence(tokens, pairing, scoped)
        outcome = _resolve(definite, unclear)
        value = outcome.value
        if value is None or outcome.status != "found":
            return None
        if value > PILLAR_MAX or not _thousandths_exact(value):
            return None
        values[pillar.value] = float(value)
    pillars = PillarScores(**values)
    if average is not None:
        summed = _round_half_up(sum((Decimal(str(v)) for v in values.values()), Decimal(0)))
        if abs(summed - round(average)) > TOTAL_TOLERANCE:
            return None
    return pillars


# --- Optional values: ranks and averages ---


@dataclass(frozen=True)
class _Optional:
    value: float | int | None
    warning: ParseWarning | None


def _optional(
    name: str, outcome: _Outcome, accept: Callable[[Decimal], float | int | None]
) -> _Optional:
    """Return an optional value, or None with the warning that says why."""
    if outcome.status == "missing":
        return _Optional(None, ParseWarning("missing_value", {"field": name}))
    if outcome.status == "unclear":
        return _Optional(None, ParseWarning("unclear_value", {"field": name}))
    if outcome.status == "conflict":
        params = {"field": name, "first": outcome.raw, "second": outcome.other_raw}
        return _Optional(None, ParseWarning("conflicting_value", params))
    assert outcome.value is not None
    accepted = accept(outcome.value)
    if accepted is None:
        return _Optional(None, ParseWarning("invalid_value", {"field": name, "value": outcome.raw}))
    return _Optional(accepted, None)


def _as_rank(value: Decimal) -> int | None:
    if value != value.to_integral_value() or not 1 <= value <= 100:
        return None
    return int(value)


def _as_average(value: Decimal) -> float | None:
    if value > AVERAGE_MAX or not _thousandths_exact(value):
        return None
    return float(value)


def _ranks(
    tokens: Sequence[_Token], scopes: Sequence[Scope]
) -> dict[Scope, tuple[list[_Token], list[frozenset[Decimal]]]]:
    """Return each section's rank mentions: by its label, or a loose "top X %" in its section."""
    pairing = _pair(
        tokens, lambda token: token.kind is _Kind.RANK_LABEL, lambda token: token.kind is _Kind.TOP
    )
    in_runs = {i for run in pairing.runs if len(run) > 1 for i in run}
    paired = {label for label, _ in pairing.pairs}
    # Ranks are optional, so no total protects them: one label left without its number means
    # the block was cut, and a cut block can pair "Top 8 %" with the wrong label.
    cut = any(t.kind is _Kind.RANK_LABEL and i not in paired for i, t in enumerate(tokens))
    found: dict[Scope, tuple[list[_Token], list[frozenset[Decimal]]]] = {}
    for scope in (Scope.INDUSTRY, Scope.NETWORK):

        def ranked(i: int, s: Scope = scope) -> bool:
            return tokens[i].key == s.value

        definite, unclear = _evidence(tokens, pairing, ranked)
        if cut:
            unclear += [frozenset({token.value}) for token in definite if token.value is not None]
            definite = []
        # "You rank in the top 72 %" inside the network section is the network rank.
        definite += [
            token
            for i, token in enumerate(tokens)
            if token.kind is _Kind.TOP and i not in in_runs and scopes[i] is scope
        ]
        found[scope] = (definite, unclear)
    return found


def _averages(tokens: Sequence[_Token], scopes: Sequence[Scope], scope: Scope) -> list[_Token]:
    """Return a section's average: its sentence and the caption of its donut."""
    return [
        token
        for i, token in enumerate(tokens)
        if token.value is not None
        and scopes[i] is scope
        and (token.kind is _Kind.CAPTION or token.kind is _Kind.AVERAGE)
    ]


def _industry_name(tokens: Iterable[_Token]) -> str | None:
    """Return the sector named by the industry average sentence, if one names it."""
    names = [
        token.industry_name
        for token in tokens
        if token.kind is _Kind.AVERAGE and token.industry_name is not None
    ]
    return names[0] if len(set(names)) == 1 else None


def _language(tokens: Sequence[_Token], scopes: Sequence[Scope]) -> str | None:
    """Return the language of most of the member's pillar labels."""
    found = Counter(
        token.lang
        for token, scope in zip(tokens, scopes, strict=True)
        if token.kind is _Kind.PILLAR and scope is Scope.OWN
    )
    return found.most_common(1)[0][0] if found else None


def parse_ssi_text(text: str) -> ParsedSsi:
    """Return what a pasted SSI page says, or raise SsiTextError saying what to copy."""
    if not isinstance(text, str):
        raise TypeError("the pasted SSI page must be text")
    if len(text) > MAX_TEXT_CHARS:
        raise SsiTextError("too_long", limit=MAX_TEXT_CHARS)
    if not text.strip():
        raise SsiTextError("empty")
    folded = _fold(text)
    tokens = _tokenise(text, folded)
    sections = _sections(tokens)
    scopes = sections.scopes
    pairing = _pair(tokens, _is_pillar_label, _is_number)
    pillars = _own_pillars(tokens, scopes, pairing)

    warnings: list[ParseWarning] = []
    total: int | None = None
    if sections.total is None or sections.total.value is None:
        warnings.append(ParseWarning("missing_total"))
    else:
        total = int(sections.total.value)
        summed = sum(pillars.values(), Decimal(0))
        if abs(_round_half_up(summed) - total) > TOTAL_TOLERANCE:
            raise SsiTextError("total_mismatch", total=total, sum=float(summed))

    ranks = _ranks(tokens, scopes)
    optional: dict[str, float | int | None] = {}
    for scope in (Scope.INDUSTRY, Scope.NETWORK):
        rank = _optional(f"{scope.value}_rank", _resolve(*ranks[scope]), _as_rank)
        average = _optional(
            f"{scope.value}_average", _resolve(_averages(tokens, scopes, scope), ()), _as_average
        )
        optional[f"{scope.value}_rank"] = rank.value
        optional[f"{scope.value}_average"] = average.value
        warnings += [w for w in (rank.warning, average.warning) if w is not None]
    order = ("industry_rank", "network_rank", "industry_average", "network_average")
    warnings.sort(key=lambda w: order.index(w.params["field"]) if "field" in w.params else -1)

    def peer(scope: Scope) -> PillarScores | None:
        average = optional[f"{scope.value}_average"]
        return _peer_pillars(
            tokens, scopes, pairing, scope, None if average is None else float(average)
        )

    return ParsedSsi(
        brand=float(pillars[Pillar.BRAND]),
        people=float(pillars[Pillar.PEOPLE]),
        insights=float(pillars[Pillar.INSIGHTS]),
        relationships=float(pillars[Pillar.RELATIONSHIPS]),
        total_shown=total,
        industry_rank=_int_or_none(optional["industry_rank"]),
        network_rank=_int_or_none(optional["network_rank"]),
        industry_average=_float_or_none(optional["industry_average"]),
        network_average=_float_or_none(optional["network_average"]),
        industry_name=_industry_name(tokens),
        language=_language(tokens, scopes),
        industry_pillars=peer(Scope.INDUSTRY),
        network_pillars=peer(Scope.NETWORK),
        warnings=tuple(warnings),
    )


def _int_or_none(value: float | int | None) -> int | None:
    return None if value is None else int(value)


def _float_or_none(value: float | int | None) -> float | None:
    return None if value is None else float(value)
