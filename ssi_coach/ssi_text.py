"""Read the four pillars, the ranks and the averages from a pasted LinkedIn SSI page.

Every value it returns is the page's, or empty with a warning naming the field; a pillar it
cannot read for sure refuses the whole paste. It never guesses: when a line may have moved,
the value it could belong to is unclear.

How it reads a paste:

1. Refuse what no copied page holds: control characters, a page saying the SSI is not
   available. Then fold the text: lower case, no accents, one kind of space and apostrophe,
   while remembering where each folded character came from (to quote the sector's spelling).
2. Cut it into tokens, most specific first: average sentences, "N out of 100" captions,
   "Top X %", rank labels, pillar labels, "Remaining points", section headings, then dates,
   plain numbers, words and other signs. Spaces, line breaks and separators such as "|" are
   not tokens, so "12,05 | Label", "Label<TAB>12,05" and "Label" then "12,05" on the next
   line all put the number right beside its label.
3. Give each token a section: the member's own score, "People in your industry" or
   "People in your network". The page repeats the four pillars for both averages (in
   hidden tables, between the section's caption and its sentence); only the member's own
   section gives the member's pillars. A caption goes to the section the page's layout puts
   it in (after its heading, or before it on the pt-BR page of 2026); one that could be two
   sections' is unclear for both, and one that stands where no section expects it is set
   aside, never moved to the next section. A text that goes back to the member's score
   after the averages holds a second copy of the page.
4. Pair labels with numbers. A run of alternating labels and numbers reads label-first
   when it starts with a label and ends with a number, number-first in the other case.
   A run that starts and ends with the same kind cannot be read either way: its labels
   are "unclear", never guessed. A number or label left over right beside a pair, a number
   alone on its line among the member's pillars, a label with no number, or runs read both
   ways (but a hidden table before its list): the pillars concerned are unclear too.
5. Resolve each field from all its mentions: one value, a conflict, or unclear. Two copies
   of the page that disagree anywhere refuse the paste.

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
from ssi_coach.model import InvalidInput, Pillar, Reading, check_characters

# "2": reads Russian pages, pt-BR and Spanish ranks, and sets aside what it cannot place.
PARSER_VERSION = "2"
# An SSI page copied whole is a few thousand characters; far more is another document.
MAX_TEXT_CHARS = 100_000
# The sector's name is stored with the reading (readings.industry_name is 120 characters).
INDUSTRY_NAME_MAX = 120
PILLAR_MAX = Decimal(25)
AVERAGE_MAX = Decimal(100)
# LinkedIn rounds the total on its own; the sum of the rounded pillars may land one off.
TOTAL_TOLERANCE = 1
LANGUAGES = ("en", "fr", "es", "pt", "de", "it", "ru")

ERROR_CODES = frozenset(
    {
        "empty",
        "too_long",
        "control_characters",
        "no_access",
        "no_components",
        "missing_pillar",
        "ambiguous_pillar",
        "ambiguous_layout",
        "two_pages",
        "pillar_out_of_range",
        "too_precise",
        "total_mismatch",
    }
)
WARNING_CODES = frozenset(
    {"missing_total", "missing_value", "conflicting_value", "unclear_value", "invalid_value"}
)
# The order of the fields in the warnings, as the preview lists them.
_WARNING_ORDER = (
    "total_shown",
    "industry_rank",
    "network_rank",
    "industry_average",
    "network_average",
)

_THOUSANDTH = Decimal("0.001")
# Control characters (C0 but tab and line breaks, DEL, C1) and lone surrogates: a browser's
# copy never holds them, PostgreSQL refuses a NUL, and no database stores a lone surrogate.
_UNTYPABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


class Scope(StrEnum):
    OWN = "own"
    INDUSTRY = "industry"
    NETWORK = "network"


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

    @property
    def field_name(self) -> str:
        """Return the field the warning is about (the total for "missing_total")."""
        return str(self.params.get("field", "total_shown"))

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

    def warned(self, name: str) -> bool:
        """Tell whether a warning is about the given field."""
        return any(warning.field_name == name for warning in self.warnings)

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


def _plain(pattern: str) -> str:
    """Return a pattern spelled as the folded text spells it (no accents, й as и, ё as е)."""
    decomposed = unicodedata.normalize("NFKD", pattern)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- Labels, per language, on folded text (lower case, no accents, "'" apostrophes). ---
# Stems rather than exact strings: LinkedIn rewords its labels now and then, and writes them
# as infinitives in one language and imperatives in another ("Establecer", "Establece").

_PILLAR_LABELS: dict[Pillar, dict[str, str]] = {
    Pillar.BRAND: {
        "en": r"(?:(?:establish|establishing|build|building|create|develop) (?:your |a )?)?"
        r"professional brand",
        "fr": r"(?:(?:etablir|etablissez|construire|construisez|creer|creez|developper"
        r"|developpez|batir|affirmer) (?:votre |sa |une )?)?marque professionnelle",
        "es": r"(?:(?:establece|establecer|construye|construir|crea|crear|desarrolla"
        r"|desarrollar) (?:tu |su |una )?)?marca profesional",
        "pt": r"(?:(?:estabelecer|estabeleca|construir|construa|criar|crie|desenvolver"
        r"|desenvolva) (?:a |uma )?(?:sua )?)?marca profissional",
        "de": r"(?:(?:etablieren|bauen|schaffen) sie )?(?:(?:eine|ihre|deine) )?professionelle "
        r"marke(?: (?:etablieren|aufbauen|auf|schaffen|entwickeln))?",
        "it": r"(?:(?:costruire|stabilire|creare|sviluppare|affermare) "
        r"(?:il (?:proprio |tuo )?|un |il tuo )?)?(?:brand|marchio) professionale",
        "ru": r"(?:(?:выстраивайте|выстраивать|создайте|создавайте|создать|развивайте"
        r"|формируйте|укрепляйте|стройте|постройте) )?(?:свой |ваш |личный )?"
        r"профессиональн\w* бренд\w*",
    },
    Pillar.PEOPLE: {
        "en": r"(?:(?:find|finding|identify|target) )?the right people",
        "fr": r"(?:(?:trouver|trouvez|identifier|identifiez|rechercher|cibler|ciblez) )?"
        r"les bonnes personnes",
        "es": r"(?:(?:encuentra|encontrar|busca|buscar|localiza|localizar|identifica"
        r"|identificar) )?(?:a )?(?:las )?personas (?:adecuadas|correctas|indicadas|idoneas)",
        "pt": r"(?:(?:localizar|localize|encontrar|encontre|achar|ache|identificar|identifique"
        r"|buscar|busque) )?(?:as )?pessoas certas",
        "de": r"(?:die )?richtigen (?:personen|leute|kontakte|ansprechpartner)"
        r"(?: (?:finden|identifizieren))?",
        "it": r"(?:(?:trovare|individuare|cercare|identificare) )?(?:le )?persone giuste",
        "ru": r"(?:(?:находите|найдите|ищите|найти|находить|определяйте) )?"
        r"(?:нужных|нужные|подходящих|правильных) (?:людей|люди|специалистов|контакты|контактов)",
    },
    Pillar.INSIGHTS: {
        "en": r"engag(?:e|ing) with insights?",
        "fr": r"(?:echanger|echangez|partager|partagez|interagir avec|interagissez avec) "
        r"(?:des |les )?(?:informations|idees|insights|connaissances)",
        "es": r"interact(?:ua|uar|ue) (?:con|ofreciendo|compartiendo|aportando) "
        r"(?:informacion|insights|ideas|conocimientos)",
        "pt": r"(?:interagir|interaja) (?:oferecendo|com|compartilhando|trocando) "
        r"(?:insights|informacoes|ideias|conhecimentos)",
        "de": r"(?:mit |durch )?(?:insights|erkenntnissen|informationen) "
        r"(?:interagieren|austauschen|teilen)",
        "it": r"interagire (?:offrendo|con|condividendo|fornendo) "
        r"(?:informazioni|insights?|idee|approfondimenti)",
        "ru": r"(?:обменивайтесь|обмениваться|делитесь|делиться|взаимодействуйте)(?: с)?"
        r"(?: (?:ценной|полезной|актуальной|профессиональной|экспертной))? "
        r"(?:информацией|идеями|знаниями|мнениями|инсайтами)",
    },
    Pillar.RELATIONSHIPS: {
        "en": r"(?:build|building|develop|nurture|strengthen) (?:strong |your )?relationships",
        "fr": r"(?:etablir|etablissez|construire|construisez|developper|developpez|entretenir"
        r"|nouer|nouez|tisser|tissez|creer|creez|batir) (?:des |de |vos )?(?:relations|liens)",
        "es": r"(?:establece|establecer|construye|construir|crea|crear|desarrolla|desarrollar"
        r"|cultiva|cultivar|forja|forjar) (?:las |tus )?relaciones",
        "pt": r"(?:cultivar|cultive|construir|construa|criar|crie|estabelecer|estabeleca"
        r"|desenvolver|desenvolva|fortalecer|fortaleca) (?:os |seus )?relacionamentos",
        "de": r"(?:beziehungen|kontakte) (?:aufbauen|pflegen|knupfen|herstellen|starken)",
        "it": r"(?:instaurare|costruire|creare|stabilire|coltivare|sviluppare|consolidare) "
        r"(?:delle |le )?relazioni",
        "ru": r"(?:развивайте|развивать|выстраивайте|выстраивать|укрепляйте|стройте"
        r"|налаживайте|устанавливайте)(?: (?:деловые|прочные|профессиональные|крепкие))? "
        r"(?:отношения|связи)",
    },
}

_INDUSTRY_WORDS = (
    r"industry|industrie|industria|secteur|sector|setor|settore|branche|branchen|отрасл\w*"
)
_NETWORK_WORDS = r"network|reseau|red|rede|netzwerk|rete|сет(?:и|ь|ях|ью)"
_SCOPE = rf"(?P<scope>{_INDUSTRY_WORDS}|{_NETWORK_WORDS})"
_NETWORK_WORD = re.compile(_NETWORK_WORDS)
_RANK_WORD = (
    r"(?:rank|ranking|classement|rang|clasificacion|classificacao|classifica|classificazione"
    r"|posicion|posicao|posizione|platzierung|рейтинг)"
)
# "Mejor clasificación SSI del sector": the Spanish label carries the "top" of the rank.
_RANK_LEAD = r"(?:(?:mejor|melhor) )?"
_OWNER = (
    r"(?:(?:your|votre|le|la|tu|su|el|seu|sua|o|a|ihr|ihre|dein|deine|die|der|il tuo|la tua"
    r"|il|ваш|ваша|вашей) )?"
)
_PEOPLE = (
    r"(?:people|members|professionals|personnes|membres|professionnels|personas|miembros"
    r"|profesionales|pessoas|membros|profissionais|personen|mitglieder|fachleute|fachkrafte"
    r"|persone|membri|professionisti|люди|специалисты|участники|профессионалы|пользователи)"
)
_FILLERS = r"(?: [^\W\d_]+(?:['-][^\W\d_]+)*){0,4}?"
_NUMBER = r"[0-9]+(?:[.,][0-9]+)?"

_AVERAGE_RE = re.compile(
    _plain(
        r"(?:"
        r"(?:(?:have|has) )?(?:an )?average ssi(?: score)? of"
        r"|(?:(?:ont|a) )?(?:un )?ssi moyen (?:est )?(?:de|d')"
        r"|(?:(?:tienen|tiene) )?(?:un )?(?:ssi|indice(?: de ventas con las redes sociales)?)"
        r" (?:medio|promedio) (?:es )?de"
        r"|(?:(?:tem|teem|possuem|possui) )?(?:um )?ssi medio (?:e )?de"
        r"|(?:(?:haben|hat) )?(?:einen |ein )?durchschnittliche[nrs]? ssi(?:[- ]wert)? von"
        r"|(?:(?:hanno|ha) )?(?:un )?ssi medio (?:di|pari a)"
        r"|(?:(?:имеют|имеет) )?средн\w* (?:показатель |индекс |значение |уровень )?ssi"
        r"(?: ?[:—–-]| составляет| равен)?"
        rf")\s?(?P<value>{_NUMBER})(?![0-9])"
    )
)
_CAPTION_WORDS = r"(?:out of|sur|de|von|su|di|из|/)"
_CAPTION_RE = re.compile(
    rf"(?<![0-9.,/])(?P<value>[0-9]{{1,3}})(?P<gap>\s?){_CAPTION_WORDS}\s?100"
    r"(?![0-9/]|[.,][0-9])"
)
# "out of 100" alone on its line: a caption whose number was lost (or cut by a stray line).
_ORPHAN_CAPTION_RE = re.compile(rf"(?m)^{_CAPTION_WORDS} ?100$")
_TOP_RE = re.compile(
    _plain(rf"\b(?:top|primeiros|primeros|primeras|топ|лучшие)\s?(?P<value>{_NUMBER})\s?%")
)
# The words before "top 72 %" in the sentence of a section: "You rank in the top 72 %".
_RANK_SENTENCE_RE = re.compile(
    _plain(
        r"(?:rank (?:in|among) the|are in the|dans le|parmi les|partie des|partie du"
        r"|(?:estas|te encuentras|te situas) (?:en el|entre (?:el|los))"
        r"|(?:esta|fica|se encontra) (?:entre os|no)|(?:zu|unter) den"
        r"|(?:sei|ti trovi|rientri) (?:nel|tra i|fra i)|(?:входите|находитесь) в) $"
    )
)
_RANK_RES = (
    re.compile(_plain(rf"\b{_RANK_LEAD}{_OWNER}{_SCOPE}[ -]ssi[ -]{_RANK_WORD}\b")),
    re.compile(_plain(rf"\b{_RANK_LEAD}{_OWNER}(?:ssi[ -])?{_RANK_WORD}{_FILLERS}[ -]{_SCOPE}\b")),
)
_PILLAR_RE = re.compile(
    "|".join(
        rf"\b(?P<{pillar.value}_{lang}>{_plain(pattern)})\b"
        for pillar, by_lang in _PILLAR_LABELS.items()
        for lang, pattern in by_lang.items()
    )
)
_REMAINING_RE = re.compile(
    _plain(
        r"\b(?:remaining points?|points? restants?|puntos restantes|pontos restantes"
        r"|verbleibende punkte|restliche punkte|punti (?:rimanenti|restanti)"
        r"|оставш\w* (?:баллы|баллов|очки|очков)|осталось (?:баллов|очков))\b"
    )
)
_FOUR = r"(?:four|quatre|quatro|cuatro|vier|quattro|четыре)"
_COMPONENTS = (
    r"(?:components|composantes|componentes|komponenten|componenti|elements|elementos"
    r"|bestandteile|elementi|factores|facteurs|fatores|fattori|faktoren|компонент\w*"
    r"|составляющ\w*|фактор\w*)"
)
# Headings that start the member's own part of a page: a second one after the averages
# starts a second page.
_PAGE_HEADER_RES = (
    re.compile(
        _plain(
            r"\b(?:(?:your|current|votre|tu|su|seu|sua|ihr|dein|il tuo|aktueller|aktuelle"
            r"|ваш|текущий) )?social selling index(?: (?:actuel|actual|atual|attuale|aktuell))?\b"
        )
    ),
    re.compile(r"\b(?:(?:tu|su) )?indice de ventas con las redes sociales(?: actual)?\b"),
    re.compile(_plain(r"\b(?:(?:ваш|текущий) )?индекс социальных продаж\b")),
)
# Headings of the member's four pillars, which may follow the member's hidden table.
_COMPONENTS_HEADER_RES = (
    re.compile(
        _plain(
            rf"\b(?:(?:los|les|os|die|i|the|your) )?{_FOUR} {_COMPONENTS}{_FILLERS} "
            r"(?:score|scores|punteggio|puntuacion|pontuacao|ssi|index|indice|wertes|werts"
            r"|рейтинга|показателя|оценки|индекса)\b"
        )
    ),
    re.compile(_plain(rf"\b{_FOUR} {_COMPONENTS}\b")),
)
_PEER_HEADER_RE = re.compile(
    _plain(
        rf"\b(?:(?:the|les|las|los|as|os|die|le|gli) )?(?:sales )?{_PEOPLE}{_FILLERS} {_SCOPE}\b"
    )
)
# "+2 %" and "-1" are the weekly change, never a rank or a score.
_SIGNED_RE = re.compile(r"(?<![0-9a-z])[-+±][0-9]+(?:[.,][0-9]+)*(?:\s?%)?")
_PERCENT_RE = re.compile(rf"(?<![0-9.,])(?P<value>{_NUMBER})\s?%")
_NUMBER_RE = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
# A date or a time is never a score: "12/05/2026", "27.04.2026", "13:06".
_DATE_RE = re.compile(
    r"(?<![0-9.,])(?:[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{1,4}|[0-9]{1,2}:[0-9]{2})(?![0-9])"
)
# A number glued to one of these is part of something else ("v2", "€0", "3x", "1/2").
_GLUED = frozenset("/\\€$£¥%+±#&@=<>~^°–—-")
# What is left of a rank when its number or its section was lost: "Top" alone, "SSI rank".
_RANK_DEBRIS_RES = (
    re.compile(_plain(r"\b(?:top|primeiros|primeros|primeras|топ|лучшие)\b")),
    re.compile(_plain(rf"\bssi[ -]?{_RANK_WORD}\b|\b{_RANK_WORD}[ -]ssi\b")),
)
_WORD_RE = re.compile(r"[^\W\d_]+")
# Signs that may sit between a label and its number without separating them.
_TRANSPARENT = frozenset(" \n|¦:-–—•·().,;'\"«»“”„*_")

# The page LinkedIn shows when the SSI is withdrawn from an account: no score to read.
_NO_ACCESS_RE = re.compile(
    _plain(
        r"\b(?:do not|don't|no longer|cannot|can't) (?:have )?access to (?:the |your )?"
        r"(?:ssi|social selling index)\b"
        r"|\bn'(?:avez|a|as) (?:pas|plus) (?:d')?acces (?:au |a l'|a votre |a )?"
        r"(?:ssi|social selling index)\b"
        r"|\bno (?:tienes|tiene) (?:mas )?acceso (?:al |a )?"
        r"(?:ssi|social selling index|indice de ventas)\b"
        r"|\bnao (?:tem|possui) (?:mais )?acesso (?:ao |a )?(?:ssi|social selling index)\b"
        r"|\bkeinen zugriff (?:mehr )?auf (?:den |das |ihren |ihr )?"
        r"(?:ssi|social selling index)\b"
        r"|\bnon (?:hai|ha|disponi) (?:piu )?(?:l')?accesso (?:al |all')?"
        r"(?:ssi|social selling index)\b"
        r"|\bнет доступа к (?:ssi|индексу|social selling index)"
    )
)

# The sector's name in an industry average sentence ("in the X industry", "du secteur X").
_INDUSTRY_NAME_RES = (
    re.compile(r"\bin the (?P<name>.+?) industry$"),
    re.compile(r"^(?:sales )?(?:people|professionals|members) in (?!your\b|the\b)(?P<name>.+?)$"),
    # "Personnes de votre secteur" names no sector: the keyword after a possessive is skipped.
    re.compile(r"(?<!votre )\bsecteur (?:de la |de l'|des |du |de |d')?(?P<name>.+)$"),
    re.compile(r"(?<!tu )(?<!su )\bsector (?:de la |de los |del |de )?(?P<name>.+)$"),
    re.compile(r"(?<!seu )(?<!sua )\bsetor (?:de |da |do |dos |das )?(?P<name>.+)$"),
    re.compile(r"(?<!ihrer )(?<!deiner )\bbranche (?P<name>.+)$"),
    re.compile(
        r"(?<!tuo )(?<!suo )\bsettore (?:di |del |della |dello |dei |degli |delle )?(?P<name>.+)$"
    ),
    re.compile(_plain(r"(?<!вашей )(?<!своей )\bотрасли (?P<name>.+)$")),
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


_LINE_BREAKS = frozenset("\n\r\u2028\u2029")
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
            # "|" only separates, even inside a label split by a bad copy ("People | in").
            if part.isspace() or part in "|¦":
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


def _check_text(text: str) -> None:
    """Raise SsiTextError when the text cannot be a copied page, whatever it says."""
    if not isinstance(text, str):
        raise TypeError("the pasted SSI page must be text")
    if len(text) > MAX_TEXT_CHARS:
        raise SsiTextError("too_long", limit=MAX_TEXT_CHARS)
    found = _UNTYPABLE.search(text)
    if found is not None:
        # The line helps the user find it; the text itself is never stored.
        raise SsiTextError("control_characters", line=text.count("\n", 0, found.start()) + 1)
    if not text.strip():
        raise SsiTextError("empty")


def check_source_text(text: object) -> str:
    """Return a pasted page's text fit to be stored with its reading, or raise InvalidInput.

    The parser refuses such a text before anything is read; this guards the store against a
    caller that skips the parser.
    """
    checked = check_characters("source_text", text, multiline=True)
    if len(checked) > MAX_TEXT_CHARS:
        raise InvalidInput("source_text", "too_long", limit=MAX_TEXT_CHARS)
    return checked


# --- Tokens ---


class _Kind(Enum):
    AVERAGE = "average"
    CAPTION = "caption"
    TOP = "top"
    PERCENT = "percent"
    RANK_LABEL = "rank_label"
    PILLAR = "pillar"
    REMAINING = "remaining"
    PAGE_HEADER = "page_header"
    COMPONENTS_HEADER = "components_header"
    PEER_HEADER = "peer_header"
    RANK_DEBRIS = "rank_debris"
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
    in_sentence: bool = False  # "you rank in the" stands right before it
    on_words: bool = False  # words stand on its line, before or after it


def _decimal(raw: str) -> Decimal:
    """Return a number written with a '.' or ',' decimal."""
    return Decimal(raw.replace(",", "."))


def _scope_of(word: str) -> Scope:
    """Return the section a scope word names."""
    return Scope.NETWORK if _NETWORK_WORD.fullmatch(word) else Scope.INDUSTRY


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
            line_end = source.find("\n", match.end())
            before = source[source.rfind("\n", 0, match.start()) + 1 : match.start()]
            after = source[match.end() : len(source) if line_end < 0 else line_end]
            return _Token(
                kind,
                match.start(),
                match.end(),
                value=_decimal(raw),
                raw=raw,
                in_sentence=_RANK_SENTENCE_RE.search(before) is not None,
                on_words=any(char.isalpha() for char in before + after),
            )

        return make

    def plain(kind: _Kind, key: str | None = None) -> Callable[[re.Match[str]], _Token]:
        return lambda match: _Token(kind, match.start(), match.end(), key=key)

    def scoped(kind: _Kind) -> Callable[[re.Match[str]], _Token]:
        return lambda match: _Token(
            kind, match.start(), match.end(), key=_scope_of(match.group("scope")).value
        )

    def caption(match: re.Match[str]) -> _Token | None:
        # "20" then "out of 100" on the next line is a caption only when the number stands
        # alone on its line: "out of 100" twice must not read the first "100" as a score.
        start = match.start("value")
        if match.group("gap") != "\n":
            return valued(_Kind.CAPTION)(match)
        if start > 0 and source[start - 1] != "\n":
            return None
        # A number ending the line before it too: which of the two is the score cannot be
        # told, so the caption gives none.
        if start > 1 and source[start - 2].isdigit():
            return _Token(_Kind.CAPTION, match.start(), match.end())
        return valued(_Kind.CAPTION)(match)

    def rank_label(match: re.Match[str]) -> _Token | None:
        # "You rank in the top 72 %" is not a label: a rank label always names the SSI.
        return scoped(_Kind.RANK_LABEL)(match) if "ssi" in match.group(0) else None

    def pillar(match: re.Match[str]) -> _Token:
        code, lang = (match.lastgroup or "").rsplit("_", 1)
        return _Token(_Kind.PILLAR, match.start(), match.end(), key=code, lang=lang)

    def number(match: re.Match[str]) -> _Token:
        raw = match.group(0)
        start, end = match.span()
        around = source[start - 1 : start] + source[end : end + 1]
        if raw.count(".") + raw.count(",") > 1 or any(c.isalpha() or c in _GLUED for c in around):
            return _Token(_Kind.BREAK, match.start(), match.end(), raw=raw)
        line_end = source.find("\n", end)
        line = source[source.rfind("\n", 0, start) + 1 : len(source) if line_end < 0 else line_end]
        return _Token(
            _Kind.NUMBER,
            start,
            end,
            value=_decimal(raw),
            raw=raw,
            on_words=any(char.isalpha() for char in line),
        )

    scan(_AVERAGE_RE, lambda match: _average_token(folded, text, match))
    scan(_CAPTION_RE, caption)
    scan(_ORPHAN_CAPTION_RE, plain(_Kind.CAPTION))
    scan(_TOP_RE, valued(_Kind.TOP))
    for pattern in _RANK_RES:
        scan(pattern, rank_label)
    scan(_PILLAR_RE, pillar)
    scan(_REMAINING_RE, plain(_Kind.REMAINING, "remaining"))
    for pattern in _PAGE_HEADER_RES:
        scan(pattern, plain(_Kind.PAGE_HEADER))
    for pattern in _COMPONENTS_HEADER_RES:
        scan(pattern, plain(_Kind.COMPONENTS_HEADER))
    scan(_PEER_HEADER_RE, scoped(_Kind.PEER_HEADER))
    for pattern in _RANK_DEBRIS_RES:
        scan(pattern, plain(_Kind.RANK_DEBRIS))
    scan(_DATE_RE, plain(_Kind.BREAK))
    scan(_SIGNED_RE, plain(_Kind.BREAK))
    scan(_PERCENT_RE, valued(_Kind.PERCENT))
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
    scopes: tuple[Scope, ...]  # the section of each token; a pillar label's is whose pillar
    captions: Mapping[int, Scope]  # caption index -> whose score it gives
    doubtful: Mapping[int, frozenset[Scope]]  # caption index -> whose score it may give
    unplaced: bool  # captions stand where no section can be told: the averages are unclear
    restarted: bool  # the text starts the member's part over: it may hold two pages
    loose: bool  # some caption was set aside: it stood where no section expects one


@dataclass
class _Page:
    """What the reading of one copy of the page has met so far."""

    own_first: bool = True  # before the member's pillars: a caption is the member's score
    own_pillars: bool = False
    peer_seen: bool = False
    captioned: set[Scope] = field(default_factory=set)
    closed: set[Scope] = field(default_factory=set)  # sections whose sentence was read
    peer_keys: dict[Scope, set[str]] = field(default_factory=dict)
    # A section whose heading came right after another's: that other one was left empty, so
    # what follows may be either's (two headings swapped, or a caption lost).
    after_empty: dict[Scope, Scope] = field(default_factory=dict)


def _next_scope(tokens: Sequence[_Token], index: int) -> Scope | None:
    """Return the section the token right after `index` opens, if it opens one."""
    if index + 1 >= len(tokens):
        return None
    following = tokens[index + 1]
    if following.kind in (_Kind.PEER_HEADER, _Kind.AVERAGE) and following.key is not None:
        return Scope(following.key)
    return None


def _sentence_next(tokens: Sequence[_Token], index: int) -> bool:
    """Tell whether an average's sentence starts right after the token at `index`."""
    return _is_kind(tokens, index + 1, _Kind.AVERAGE) or (
        _is_kind(tokens, index + 1, _Kind.PEER_HEADER)
        and _is_kind(tokens, index + 2, _Kind.AVERAGE)
    )


def _is_kind(tokens: Sequence[_Token], index: int, kind: _Kind) -> bool:
    return 0 <= index < len(tokens) and tokens[index].kind is kind


def _is_heading(tokens: Sequence[_Token], index: int) -> bool:
    """Tell whether the token at `index` is a heading (not a sentence's first words)."""
    if not 0 <= index < len(tokens):
        return False
    kind = tokens[index].kind
    if kind is _Kind.PEER_HEADER:
        return not (index + 1 < len(tokens) and tokens[index + 1].kind is _Kind.AVERAGE)
    return kind is _Kind.PAGE_HEADER


def _caption_side(tokens: Sequence[_Token]) -> str | None:
    """Return where the page writes its captions: "before" or "after" their headings.

    The pt-BR page of 2026 writes "53 de 100" then "Social Selling Index atual"; the others
    the heading first. Every caption beside one heading only votes; a split vote is no side.
    """
    votes: Counter[str] = Counter()
    for index, token in enumerate(tokens):
        if token.kind is _Kind.CAPTION and token.value is not None:
            before, after = _is_heading(tokens, index - 1), _is_heading(tokens, index + 1)
            if before != after:
                votes["after" if before else "before"] += 1
    # The rarer layout needs two captions to say so: one line moved makes one vote.
    if votes["after"] and not votes["before"]:
        return "after"
    if votes["before"] > 1 and not votes["after"]:
        return "before"
    return None


def _sections(tokens: Sequence[_Token], table_rows: frozenset[int]) -> _Sections:
    """Return the section of each token, whose score each caption gives, and page restarts.

    `table_rows` are the pillar labels of whole hidden tables (the four pillars, then
    "Remaining points"); a pillar written otherwise in an average's section is not its.
    """
    scope = Scope.OWN
    page = _Page()
    restarts = 0
    structured = False  # the text names a section of the averages somewhere
    side = _caption_side(tokens)
    captions: dict[int, Scope] = {}
    doubtful: dict[int, frozenset[Scope]] = {}
    loose: list[int] = []
    scopes: list[Scope] = []

    def restart() -> _Page:
        nonlocal restarts
        restarts += 1
        return _Page()

    for index, token in enumerate(tokens):
        kind = token.kind
        if kind in (_Kind.PAGE_HEADER, _Kind.COMPONENTS_HEADER):
            # The member's part after the averages, or a title after the pillars: a new copy.
            if page.peer_seen or (kind is _Kind.PAGE_HEADER and page.own_pillars):
                page = restart()
            scope, page.own_first = Scope.OWN, True
        elif kind is _Kind.PEER_HEADER and token.key is not None:
            if Scope(token.key) in page.closed:
                page = restart()
            before = tokens[index - 1] if index > 0 else None
            if before is not None and before.kind is _Kind.PEER_HEADER and before.key != token.key:
                page.after_empty[Scope(token.key)] = Scope(before.key or "")
            scope, page.peer_seen, structured = Scope(token.key), True, True
        elif kind is _Kind.AVERAGE:
            if token.key is not None:
                scope, page.peer_seen, structured = Scope(token.key), True, True
        elif kind is _Kind.CAPTION:
            # The caption right before "Four components of your score" is the member's.
            own = (scope is Scope.OWN and page.own_first) or _is_kind(
                tokens, index + 1, _Kind.COMPONENTS_HEADER
            )
            placed, sure = (
                (frozenset({Scope.OWN}), True)
                if own
                else _place_caption(tokens, index, scope, page, side)
            )
            if sure and len(placed) == 1:
                captions[index] = next(iter(placed))
            elif placed:
                doubtful[index] = placed
            else:
                loose.append(index)
                page.peer_seen = True
        elif kind in (_Kind.PILLAR, _Kind.REMAINING):
            peer_keys = page.peer_keys.setdefault(scope, set())
            in_table = scope is not Scope.OWN and scope not in page.closed
            if (
                in_table
                and index in table_rows
                and (token.key == "remaining" or token.key not in peer_keys)
            ):
                peer_keys.add(token.key or "")
            else:
                # A pillar after an average's sentence, a second table in its section, or
                # a list rather than a table, is the member's own again: a second copy of the
                # page, or an edited one.
                if page.peer_seen:
                    page = restart()
                scope = Scope.OWN
                page.own_first, page.own_pillars = False, True
        scopes.append(scope)
        if kind is _Kind.AVERAGE and scope is not Scope.OWN:
            page.closed.add(scope)
    # Without headings, the captions after the pillars are the industry's then the
    # network's; but one dropped or two swapped look just the same, so none is placed.
    unplaced = bool(loose) and not structured
    return _Sections(tuple(scopes), captions, doubtful, unplaced, restarts > 0, bool(loose))


def _place_caption(
    tokens: Sequence[_Token], index: int, scope: Scope, page: _Page, side: str | None
) -> tuple[frozenset[Scope], bool]:
    """Return the sections whose average a caption may give, and whether it surely does."""
    ahead = _next_scope(tokens, index)
    if ahead in page.captioned or ahead in page.closed:
        ahead = None
    # A second caption in an open section is a second value for its average.
    behind = scope if scope is not Scope.OWN and scope not in page.closed else None
    if side == "before":
        # "35 de 100" right before "Pessoas do seu setor": the caption first, then its section.
        found, sure = {ahead}, True
    elif side == "after":
        found, sure = {behind}, True
        if ahead is not None and ahead is not behind and _sentence_next(tokens, index):
            # "People in your network have an average SSI of …" right after a caption in
            # the industry's section: the industry's sentence, or the network's heading,
            # went missing, so the caption may be either's.
            found.add(ahead)
            sure = False
    else:
        # Unknown layout: only a caption inside a section with none ahead is surely its own.
        found, sure = {behind, ahead}, ahead is None or ahead is behind
    if behind in found and behind in page.after_empty:
        found.add(page.after_empty[behind])
        sure = False
    placed = frozenset(s for s in found if s is not None)
    page.captioned.update(placed)
    return placed, sure


# --- Pairing labels with numbers ---


@dataclass(frozen=True)
class _Pairing:
    pairs: tuple[tuple[int, int], ...]  # (label index, value index)
    unclear: tuple[tuple[int, frozenset[int]], ...]  # (label index, candidate value indexes)
    runs: tuple[tuple[int, ...], ...]
    label_first: frozenset[int]  # the labels of the runs read label first


def _runs(
    tokens: Sequence[_Token], is_label: Callable[[_Token], bool], is_value: Callable[[_Token], bool]
) -> tuple[list[list[int]], list[bool]]:
    """Return the runs of alternating labels and numbers, and whether each touches the last."""
    runs: list[list[int]] = []
    touching: list[bool] = []
    run: list[int] = []
    for index, token in enumerate(tokens):
        label, value = is_label(token), is_value(token)
        if not (label or value):
            run = []
            continue
        # Two labels or two numbers in a row: one layout ends and another begins.
        if not run or is_label(tokens[run[-1]]) == label:
            touching.append(bool(run))
            run = []
            runs.append(run)
        run.append(index)
    return runs, touching


def _pair(
    tokens: Sequence[_Token],
    is_label: Callable[[_Token], bool],
    is_value: Callable[[_Token], bool],
    table_then_list: bool = False,
) -> _Pairing:
    """Return the labels paired with the number beside them, and those that cannot be.

    `table_then_list` lets a label-first run ending with "Remaining points" end right where a
    number-first one starts, as the member's hidden table ends where the list starts.
    """
    runs, touching = _runs(tokens, is_label, is_value)
    pairs: dict[int, int] = {}
    unclear: dict[int, set[int]] = {}
    for indexes in runs:
        if len(indexes) < 2:
            continue
        starts_with_label = is_label(tokens[indexes[0]])
        ends_with_label = is_label(tokens[indexes[-1]])
        if starts_with_label and not ends_with_label:
            pairs.update((indexes[i], indexes[i + 1]) for i in range(0, len(indexes), 2))
        elif ends_with_label and not starts_with_label:
            pairs.update((indexes[i + 1], indexes[i]) for i in range(0, len(indexes), 2))
        else:
            for position, index in enumerate(indexes):
                if is_label(tokens[index]):
                    around = indexes[max(0, position - 1) : position + 2]
                    unclear[index] = {i for i in around if i != index}
    # A number or a label left over right beside a pair ("Label / 7 / 15.91") may be that
    # pair's own: which one is the label's cannot be told, so the pair becomes unclear.
    first = dict(pairs)
    owner = {value: label for label, value in first.items()}
    paired = set(first) | set(owner)
    demoted: list[tuple[int, int]] = []
    for k in range(1, len(runs)):
        if not touching[k]:
            continue
        before, after = runs[k - 1][-1], runs[k][0]
        for mine, other in ((before, after), (after, before)):
            # Two labels in a row end a number-first run and start a label-first one, two
            # numbers the other way round: no page turns so (but a table then its list), and
            # a line moved by one reads the wrong number.
            turned = not (
                table_then_list and is_value(tokens[mine]) and _whole_table(tokens, runs[k - 1])
            )
            if mine in paired and (other not in paired or turned):
                demoted.append((mine, other))
    for mine, other in demoted:
        label = mine if mine in first else owner[mine]
        value = first[label]
        pairs.pop(label, None)
        candidates = {i for i in (value, other) if not is_label(tokens[i])}
        unclear.setdefault(label, set()).update(candidates)
        if is_label(tokens[other]) and other not in first:
            unclear.setdefault(other, set()).update(candidates)
    return _Pairing(
        tuple(sorted(pairs.items())),
        tuple((label, frozenset(values)) for label, values in sorted(unclear.items())),
        tuple(tuple(r) for r in runs),
        frozenset(label for label, value in pairs.items() if label < value),
    )


def _whole_table(tokens: Sequence[_Token], run: Sequence[int]) -> bool:
    """Tell whether a run is a whole hidden table: the four pillars, then "Remaining points"."""
    keys = {tokens[i].key for i in run if tokens[i].kind is _Kind.PILLAR}
    return (
        len(run) > 1
        and tokens[run[-2]].kind is _Kind.REMAINING
        and keys >= {p.value for p in Pillar}
    )


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
    # An unclear mention agrees only when this value is the one number it could have:
    # one of two numbers may be a stray that the other reading would take.
    if any(candidates != {found.value} for candidates in unclear):
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


def _lone_numbers(tokens: Sequence[_Token], pairing: _Pairing) -> list[int]:
    """Return the numbers alone on their line and beside no label.

    "Label / Home / 15.91": such a number may be a value cut from its label by a line that
    strayed in. A page has none among its pillars or in the sections of its averages.
    """
    in_runs = {i for run in pairing.runs if len(run) > 1 for i in run}
    return [
        index
        for index, token in enumerate(tokens)
        if token.kind is _Kind.NUMBER and not token.on_words and index not in in_runs
    ]


def _strays(tokens: Sequence[_Token], scopes: Sequence[Scope], pairing: _Pairing) -> set[str]:
    """Return the member's pillars beside a lone number in the member's part of the page.

    The part runs from its first heading or score to the first caption or sentence after
    its last pillar: "Label / Home / 15.91", or "15.91" moved past "People in your industry".
    """
    own = [i for i, t in enumerate(tokens) if t.kind is _Kind.PILLAR and scopes[i] is Scope.OWN]
    if not own:
        return set()
    starts = [
        i
        for i, t in enumerate(tokens[: own[0]])
        if t.kind in (_Kind.PAGE_HEADER, _Kind.COMPONENTS_HEADER, _Kind.CAPTION)
    ]
    start = starts[0] if starts else own[0]
    end = next(
        (
            i
            for i in range(own[-1], len(tokens))
            if tokens[i].kind in (_Kind.CAPTION, _Kind.AVERAGE)
        ),
        len(tokens),
    )
    near: set[str] = set()
    for index in _lone_numbers(tokens, pairing):
        if start < index < end:
            before = [i for i in own if i < index]
            label = before[-1] if before else own[0]
            near.add(tokens[label].key or "")
    return near


def _turned(tokens: Sequence[_Token], scopes: Sequence[Scope], pairing: _Pairing) -> bool:
    """Tell whether the member's pillars read label first in one place, number first in another.

    A page writes them one way (but for its hidden table): one of the two readings is wrong.
    """
    ways = {
        label in pairing.label_first
        for run in pairing.runs
        if not _whole_table(tokens, run)
        for label, _ in pairing.pairs
        if label in run and tokens[label].kind is _Kind.PILLAR and scopes[label] is Scope.OWN
    }
    return len(ways) > 1


def _pillar_outcomes(
    tokens: Sequence[_Token], scopes: Sequence[Scope], pairing: _Pairing
) -> dict[Pillar, _Outcome]:
    """Return what the mentions of each of the member's pillars say."""
    strays = _strays(tokens, scopes, pairing)
    turned = _turned(tokens, scopes, pairing)
    alone = {run[0] for run in pairing.runs if len(run) == 1}
    outcomes: dict[Pillar, _Outcome] = {}
    for pillar in Pillar:

        def own(i: int, p: Pillar = pillar) -> bool:
            return tokens[i].key == p.value and scopes[i] is Scope.OWN

        definite, unclear = _evidence(tokens, pairing, own)
        # A label without any number beside it: its number went somewhere else.
        unclear += [frozenset() for i in alone if own(i) and tokens[i].kind is _Kind.PILLAR]
        outcome = _resolve(definite, unclear)
        if (pillar.value in strays or turned) and outcome.status == "found":
            outcome = _Outcome("unclear")
        outcomes[pillar] = outcome
    return outcomes


def _own_pillars(outcomes: Mapping[Pillar, _Outcome]) -> dict[Pillar, Decimal]:
    """Return the member's four pillars, or raise SsiTextError saying what to copy."""
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
    # Without its average, nothing checks that the four come from the same table.
    if average is None:
        return None
    summed = _round_half_up(sum((Decimal(str(v)) for v in values.values()), Decimal(0)))
    if abs(summed - round(average)) > TOTAL_TOLERANCE:
        return None
    return PillarScores(**values)


# --- Optional values: the score shown, ranks and averages ---


@dataclass(frozen=True)
class _Optional:
    value: float | int | None
    warning: ParseWarning | None


def _optional(
    name: str, outcome: _Outcome, accept: Callable[[Decimal], float | int | None]
) -> _Optional:
    """Return an optional value, or None with the warning that says why."""
    if outcome.status == "missing":
        if name == "total_shown":
            return _Optional(None, ParseWarning("missing_total"))
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


def _as_total(value: Decimal) -> int | None:
    return int(value) if value <= AVERAGE_MAX else None


def _is_rank_value(token: _Token) -> bool:
    return token.kind in (_Kind.TOP, _Kind.PERCENT)


def _ranks(tokens: Sequence[_Token], scopes: Sequence[Scope]) -> dict[Scope, _Outcome]:
    """Return each section's rank: by its label, or by a "you rank in the top X %" sentence."""
    pairing = _pair(tokens, lambda token: token.kind is _Kind.RANK_LABEL, _is_rank_value)
    in_runs = {i for run in pairing.runs if len(run) > 1 for i in run}
    paired = {label for label, _ in pairing.pairs}
    # Ranks are optional, so no total protects them: one label left without its number, or
    # one "Top X %" without its label, means the block was cut or moved, and a cut block can
    # pair "Top 8 %" with the wrong label.
    values = {value for _, value in pairing.pairs}
    cut = any(
        (t.kind is _Kind.RANK_LABEL and i not in paired)
        or (_is_rank_value(t) and not t.on_words and i not in values)
        or t.kind is _Kind.RANK_DEBRIS
        for i, t in enumerate(tokens)
    )
    # The page always shows both ranks, one block: a lone pair could be read either way.
    whole = {
        i
        for run in pairing.runs
        if {tokens[j].key for j in run if tokens[j].kind is _Kind.RANK_LABEL}
        >= {Scope.INDUSTRY.value, Scope.NETWORK.value}
        for i in run
    }
    found: dict[Scope, _Outcome] = {}
    for scope in (Scope.INDUSTRY, Scope.NETWORK):

        def ranked(i: int, s: Scope = scope) -> bool:
            return tokens[i].key == s.value

        definite, unclear = _evidence(tokens, pairing, ranked)
        lone = any(ranked(label) and label not in whole for label, _ in pairing.pairs)
        if cut or lone:
            unclear += [frozenset({token.value}) for token in definite if token.value is not None]
            definite = []
        if cut:
            # A "Top X %" left without its label may be this section's rank.
            unclear += [
                frozenset({t.value})
                for i, t in enumerate(tokens)
                if _is_rank_value(t) and not t.on_words and i not in values and t.value is not None
            ]
        # "You rank in the top 72 %" inside the network section is the network rank; a bare
        # "Top 72 %" there may have strayed from the rank block, so it says nothing.
        definite += [
            token
            for i, token in enumerate(tokens)
            if token.kind is _Kind.TOP
            and token.in_sentence
            and i not in in_runs
            and scopes[i] is scope
        ]
        found[scope] = _resolve(definite, unclear)
    return found


def _captioned(
    tokens: Sequence[_Token], sections: _Sections, scope: Scope
) -> tuple[list[_Token], list[frozenset[Decimal]]]:
    """Return a section's captions, and an unclear mention for each that may not be its."""
    definite: list[_Token] = []
    unclear: list[frozenset[Decimal]] = []
    for index, token in enumerate(tokens):
        sure = sections.captions.get(index) is scope
        if not sure and scope not in sections.doubtful.get(index, ()):
            continue
        if token.value is None or not sure:
            # "out of 100" without its number, or a caption between two sections: the
            # section's other numbers may be strays.
            unclear.append(frozenset() if token.value is None else frozenset({token.value}))
        else:
            definite.append(token)
    return definite, unclear


def _averages(
    tokens: Sequence[_Token], sections: _Sections, scope: Scope, lone: Sequence[int]
) -> _Outcome:
    """Return a section's average: its sentence and the caption of its donut.

    A lone number in the section may be the caption's own, cut from "out of 100".
    """
    definite, unclear = _captioned(tokens, sections, scope)
    unclear += [frozenset() for index in lone if sections.scopes[index] is scope]
    definite += [
        token
        for i, token in enumerate(tokens)
        if token.kind is _Kind.AVERAGE and token.value is not None and sections.scopes[i] is scope
    ]
    if sections.unplaced:
        unclear.append(frozenset())
    return _resolve(definite, unclear)


def _own_total(tokens: Sequence[_Token], sections: _Sections) -> _Outcome:
    """Return the member's score as the page shows it, "N out of 100"."""
    return _resolve(*_captioned(tokens, sections, Scope.OWN))


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


def _refuse_two_pages(outcomes: Mapping[str, _Outcome], sections: _Sections) -> None:
    """Raise SsiTextError when a text holding two copies of the page is not one page twice.

    Two copies must agree on every value and read cleanly: a value the copies give twice
    differently, one that cannot be placed, or a caption set aside may come from the other
    page, and nothing tells which page the user meant.
    """
    for name, outcome in outcomes.items():
        if outcome.status == "conflict":
            raise SsiTextError("two_pages", field=name, first=outcome.raw, second=outcome.other_raw)
    if sections.loose or any(outcome.status == "unclear" for outcome in outcomes.values()):
        raise SsiTextError("two_pages")


def _check_total(pillars: Mapping[Pillar, Decimal], outcome: _Outcome) -> None:
    """Raise SsiTextError when the pillars do not add up to the score the page shows.

    Two different scores on the page still check the pillars: they must add up to one.
    """
    shown = [v for v in (outcome.value, outcome.other) if v is not None]
    if outcome.status not in ("found", "conflict") or not shown:
        return
    summed = sum(pillars.values(), Decimal(0))
    if all(abs(_round_half_up(summed) - value) > TOTAL_TOLERANCE for value in shown):
        raise SsiTextError("total_mismatch", total=int(shown[0]), sum=float(summed))


def parse_ssi_text(text: str) -> ParsedSsi:
    """Return what a pasted SSI page says, or raise SsiTextError saying what to copy."""
    _check_text(text)
    folded = _fold(text)
    if _NO_ACCESS_RE.search(folded.text):
        raise SsiTextError("no_access")
    tokens = _tokenise(text, folded)
    if not any(token.kind is _Kind.PILLAR for token in tokens):
        raise SsiTextError("no_components")
    pairing = _pair(tokens, _is_pillar_label, _is_number, table_then_list=True)
    tables = frozenset(
        i
        for run in pairing.runs
        if _whole_table(tokens, run)
        for i in run
        if i in pairing.label_first
    )
    sections = _sections(tokens, tables)
    scopes = sections.scopes
    pillar_outcomes = _pillar_outcomes(tokens, scopes, pairing)
    ranks = _ranks(tokens, scopes)
    outcomes: dict[str, _Outcome] = {p.value: pillar_outcomes[p] for p in Pillar}
    outcomes["total_shown"] = _own_total(tokens, sections)
    for scope in (Scope.INDUSTRY, Scope.NETWORK):
        outcomes[f"{scope.value}_rank"] = ranks[scope]
        outcomes[f"{scope.value}_average"] = _averages(
            tokens, sections, scope, _lone_numbers(tokens, pairing)
        )
    if sections.restarted:
        _refuse_two_pages(outcomes, sections)
    pillars = _own_pillars(pillar_outcomes)

    warnings: list[ParseWarning] = []
    total = _optional("total_shown", outcomes["total_shown"], _as_total)
    if total.warning is not None:
        warnings.append(total.warning)
    _check_total(pillars, outcomes["total_shown"])

    optional: dict[str, float | int | None] = {}
    accept = {"rank": _as_rank, "average": _as_average}
    for name in _WARNING_ORDER[1:]:
        read = _optional(name, outcomes[name], accept[name.rsplit("_", 1)[1]])
        optional[name] = read.value
        if read.warning is not None:
            warnings.append(read.warning)
    warnings.sort(key=lambda w: _WARNING_ORDER.index(w.field_name))

    def peer(scope: Scope) -> PillarScores | None:
        average = optional[f"{scope.value}_average"]
        if sections.restarted:
            # Two copies may each hold part of a table: nothing says the parts belong together.
            return None
        return _peer_pillars(
            tokens, scopes, pairing, scope, None if average is None else float(average)
        )

    return ParsedSsi(
        brand=float(pillars[Pillar.BRAND]),
        people=float(pillars[Pillar.PEOPLE]),
        insights=float(pillars[Pillar.INSIGHTS]),
        relationships=float(pillars[Pillar.RELATIONSHIPS]),
        total_shown=_int_or_none(total.value),
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
