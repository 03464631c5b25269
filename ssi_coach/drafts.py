"""Ready-to-edit texts for each lever, written from the user's own questionnaire answers.

Every text comes from the catalogs (keys "draft.*"). The user's answers are inserted verbatim,
as plain text; an empty answer is replaced by a visible placeholder such as « [votre cible] »
and named in the draft's `missing`, so the page can ask for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ssi_coach.i18n import Lang, catalog, format_count, placeholders, t
from ssi_coach.model import Answers

# LinkedIn's own limits, in characters.
HEADLINE_LIMIT = 220
ABOUT_LIMIT = 2600
CONNECTION_NOTE_LIMIT = 300
COMMENT_LIMIT = 1250
POST_LIMIT = 3000

# The daily quantities of DOMAIN.md §6.
DAILY_PROSPECTS = 10
DAILY_COMMENTS = 3

# The questionnaire answers a draft may use, in the questionnaire's order.
ANSWER_FIELDS = ("target", "outcome", "means", "sector")

HEADLINE_VARIANTS = ("1", "2", "3")
SEARCH_FILTERS = ("title", "connections", "location", "industry", "company", "job_change")
SEARCH_SIGNALS = ("viewers", "your_content", "competitors", "job_change")
SEARCH_ADVICE = ("quota", "titles", "boolean", "note", "free")
COMMENT_FRAMEWORKS = ("angle", "experience", "question")
COMMENT_RULES = ("quota", "never_generic", "targets")
MESSAGE_RULES = ("sell_nothing", "fast", "alive", "positioning", "personal")

# Characters that would unbalance a boolean search: LinkedIn has no way to escape them.
_SEARCH_UNSAFE = re.compile(r"[\"“”„‟«»()]")
# Alternatives in one answer: "directeur marketing, responsable marketing" or "... ou ...".
_ALTERNATIVES = re.compile(r"\s*(?:[,;/|]|\b(?:ou|or)\b)\s*", re.IGNORECASE)
# A leading article, useless in a search: "les DAF de PME" is searched as "DAF de PME".
_ARTICLE = re.compile(r"^(?:(?:les|des|le|la|un|une|aux|the|an|a)\s+|l['’]\s*)", re.IGNORECASE)


@dataclass(frozen=True)
class Draft:
    """A text to copy, its LinkedIn length limit if any, and the answers it still lacks."""

    text: str
    limit: int | None = None
    missing: tuple[str, ...] = ()

    @property
    def length(self) -> int:
        """Return the number of characters."""
        return len(self.text)

    @property
    def over_limit(self) -> bool:
        """Tell whether the text is longer than LinkedIn accepts."""
        return self.limit is not None and self.length > self.limit

    @property
    def excess(self) -> int:
        """Return how many characters are over the limit, 0 when within it."""
        return max(0, self.length - self.limit) if self.limit is not None else 0


@dataclass(frozen=True)
class SearchRecipe:
    """How to find today's prospects: terms, a boolean query, filters, signals and a note."""

    keywords: tuple[str, ...]
    boolean_query: str
    filters: tuple[str, ...]
    signals: tuple[str, ...]
    advice: tuple[str, ...]
    connection_note: Draft
    missing: tuple[str, ...]
    daily_quota: int = DAILY_PROSPECTS


@dataclass(frozen=True)
class CommentFramework:
    """One way to write a comment that adds something, with an example from the sector."""

    code: str
    name: str
    how: str
    example: Draft


@dataclass(frozen=True)
class CommentKit:
    """The three comment frameworks, the share-with-context template and the rules."""

    frameworks: tuple[CommentFramework, ...]
    share_how: str
    share_template: Draft
    rules: tuple[str, ...]
    missing: tuple[str, ...]
    daily_quota: int = DAILY_COMMENTS


@dataclass(frozen=True)
class MessageKit:
    """The thank-you for an accepted invitation, a follow-up, and the rules of conversation."""

    thank_you: Draft
    follow_up: Draft
    rules: tuple[str, ...]
    missing: tuple[str, ...]


def missing_fields(drafts: Iterable[Draft]) -> tuple[str, ...]:
    """Return the answers any of the drafts lacks, in the questionnaire's order."""
    lacking = {name for draft in drafts for name in draft.missing}
    return tuple(name for name in ANSWER_FIELDS if name in lacking)


def missing_message(missing: Iterable[str], lang: Lang | str) -> str:
    """Return the sentence asking to fill the missing answers, or "" when none is missing."""
    names = [t(lang, f"field.{name}") for name in missing]
    return t(lang, "draft.missing", fields=", ".join(names)) if names else ""


def length_label(draft: Draft, lang: Lang | str) -> str:
    """Return the character count against the limit, and how much to cut when over it."""
    if draft.limit is None:
        return t(lang, "draft.length.plain", length=format_count(draft.length, lang))
    label = t(
        lang,
        "draft.length",
        length=format_count(draft.length, lang),
        limit=format_count(draft.limit, lang),
    )
    if draft.over_limit:
        over = t(
            lang,
            "draft.over_limit",
            excess=format_count(draft.excess, lang),
            limit=format_count(draft.limit, lang),
        )
        return label + " " + over
    return label


def slots_hint(lang: Lang | str) -> str:
    """Return the reminder to replace the bracketed parts before sending."""
    return t(lang, "draft.slots")


def answer_hint(field: str, lang: Lang | str) -> str:
    """Return the questionnaire help text for one answer, with an example."""
    return t(lang, f"draft.hint.{field}")


def _placeholder(name: str, lang: Lang | str) -> str:
    return t(lang, f"draft.placeholder.{name}")


def _values(answers: Answers, lang: Lang | str) -> dict[str, str]:
    return {name: getattr(answers, name) or _placeholder(name, lang) for name in ANSWER_FIELDS}


def _draft(
    key: str, answers: Answers, lang: Lang | str, limit: int | None = None, **extra: object
) -> Draft:
    used = placeholders(catalog(lang).get(key, ""))
    missing = tuple(name for name in ANSWER_FIELDS if name in used and not getattr(answers, name))
    text = t(lang, key, **_values(answers, lang), **extra)
    return Draft(text=text, limit=limit, missing=missing)


def headline_drafts(answers: Answers, lang: Lang | str) -> tuple[Draft, Draft, Draft]:
    """Return three headlines on "I help [target] to [outcome] with [means]", within 220."""
    first, second, third = (
        _draft(f"draft.headline.{variant}", answers, lang, HEADLINE_LIMIT)
        for variant in HEADLINE_VARIANTS
    )
    return first, second, third


def about_draft(answers: Answers, lang: Lang | str) -> Draft:
    """Return an About section in three parts: the problem, the solution, a call to action."""
    return _draft("draft.about", answers, lang, ABOUT_LIMIT)


def recommendation_request(answers: Answers, lang: Lang | str) -> Draft:
    """Return a message asking a satisfied client to recommend one precise skill."""
    return _draft("draft.recommendation", answers, lang)


def search_terms(text: str) -> tuple[str, ...]:
    """Split an answer into search alternatives, without articles, quotes or parentheses."""
    terms: list[str] = []
    seen: set[str] = set()
    for part in _ALTERNATIVES.split(_SEARCH_UNSAFE.sub(" ", text)):
        term = " ".join(part.split())
        shorter = _ARTICLE.sub("", term)
        term = shorter if shorter.strip() else term
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return tuple(terms)


def boolean_query(*groups: tuple[str, ...]) -> str:
    """Return a LinkedIn boolean search: each term quoted, OR within a group, AND between."""
    parts = []
    for group in groups:
        cleaned = (" ".join(_SEARCH_UNSAFE.sub(" ", term).split()) for term in group)
        quoted = [f'"{term}"' for term in cleaned if term]
        if len(quoted) == 1:
            parts.append(quoted[0])
        elif quoted:
            parts.append("(" + " OR ".join(quoted) + ")")
    return " AND ".join(parts)


def _folded(terms: tuple[str, ...]) -> set[str]:
    return {term.casefold() for term in terms}


def search_recipe(answers: Answers, lang: Lang | str) -> SearchRecipe:
    """Return today's search: terms and query from target and sector, filters, signals, note."""
    titles = search_terms(answers.target)
    sectors = search_terms(answers.sector)
    # An answer made only of quotes or brackets leaves no term: it counts as missing.
    lacking = {name for name, terms in (("target", titles), ("sector", sectors)) if not terms}
    title_terms = titles or (_placeholder("target", lang),)
    sector_terms = sectors or (_placeholder("sector", lang),)
    shown_sector = answers.sector or _placeholder("sector", lang)
    note = _draft("draft.search.note", answers, lang, CONNECTION_NOTE_LIMIT)
    quantities = {"count": DAILY_PROSPECTS, "limit": CONNECTION_NOTE_LIMIT}
    return SearchRecipe(
        keywords=titles + tuple(s for s in sectors if s.casefold() not in _folded(titles)),
        boolean_query=boolean_query(title_terms, sector_terms),
        filters=tuple(
            t(lang, f"draft.search.filter.{name}", title=title_terms[0], sector=shown_sector)
            for name in SEARCH_FILTERS
        ),
        signals=tuple(t(lang, f"draft.search.signal.{name}") for name in SEARCH_SIGNALS),
        advice=tuple(
            t(lang, f"draft.search.advice.{name}", **quantities) for name in SEARCH_ADVICE
        ),
        connection_note=note,
        missing=tuple(name for name in ANSWER_FIELDS if name in lacking or name in note.missing),
    )


def comment_kit(answers: Answers, lang: Lang | str) -> CommentKit:
    """Return three comment frameworks with sector examples, a share template and the rules."""
    frameworks = tuple(
        CommentFramework(
            code=code,
            name=t(lang, f"draft.comment.{code}.name"),
            how=t(lang, f"draft.comment.{code}.how"),
            example=_draft(f"draft.comment.{code}.example", answers, lang, COMMENT_LIMIT),
        )
        for code in COMMENT_FRAMEWORKS
    )
    share = _draft("draft.share.template", answers, lang, POST_LIMIT)
    return CommentKit(
        frameworks=frameworks,
        share_how=t(lang, "draft.share.how"),
        share_template=share,
        rules=tuple(
            t(lang, f"draft.comment.rule.{name}", count=DAILY_COMMENTS) for name in COMMENT_RULES
        ),
        missing=missing_fields([*(f.example for f in frameworks), share]),
    )


def message_kit(answers: Answers, lang: Lang | str) -> MessageKit:
    """Return the thank-you for an accepted invitation, a follow-up and the rules."""
    thank_you = _draft("draft.message.thank_you", answers, lang)
    follow_up = _draft("draft.message.follow_up", answers, lang)
    return MessageKit(
        thank_you=thank_you,
        follow_up=follow_up,
        rules=tuple(t(lang, f"draft.message.rule.{name}") for name in MESSAGE_RULES),
        missing=missing_fields([thank_you, follow_up]),
    )
