"""Ready-to-edit texts for each lever, written from the user's own questionnaire answers.

The texts people publish are written in their LinkedIn profile's language
(`Answers.profile_lang`), whatever the interface language; the guidance around them (names,
how-tos, rules, filters) follows the interface language `lang`. Every text comes from the
catalogs (keys "draft.*"), whose templates state the grammatical shape of each slot
(``{target:group}``); ssi_coach.grammar fits the answers in. An empty answer is replaced by
a visible placeholder such as « [votre cible] » and named in the draft's `missing`, so the
page can ask for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ssi_coach.grammar import compose, without_article
from ssi_coach.i18n import Lang, catalog, format_count, placeholders, t, typeset
from ssi_coach.model import ANSWER_TEXTS, Answers

# LinkedIn's own limits, in characters (DOMAIN.md §9).
HEADLINE_LIMIT = 220
ABOUT_LIMIT = 2600
CONNECTION_NOTE_LIMIT = 300
COMMENT_LIMIT = 1250
POST_LIMIT = 3000

# The daily ceilings of DOMAIN.md §6.
DAILY_PROSPECTS = 10
DAILY_COMMENTS = 3

# The questionnaire answers a draft may use, in the questionnaire's order.
ANSWER_FIELDS = ANSWER_TEXTS

HEADLINE_VARIANTS = ("1", "2", "3")
# What a headline leaves out, in turn, to fit in 220 characters: the means, then nothing more
# (the target and the outcome are the headline).
HEADLINE_SHORTENING = ("means",)
SEARCH_FILTERS = ("location", "connections", "job_change")
SEARCH_SIGNALS = ("viewers", "your_content", "competitors", "job_change")
SEARCH_ADVICE = ("quota", "titles", "boolean", "note", "free")
COMMENT_FRAMEWORKS = ("angle", "experience", "question")
# Examples per comment framework; they rotate by date, so no example comes back the next day.
COMMENT_EXAMPLES = 3
COMMENT_RULES = ("quota", "never_generic", "targets")
MESSAGE_RULES = ("sell_nothing", "fast", "alive", "positioning", "personal")
POST_KINDS = ("tip", "figure", "question")

# Characters that would break a LinkedIn boolean search: it has no way to escape them, and
# takes no wildcard (DOMAIN.md §9).
_SEARCH_UNSAFE = re.compile(r"[\"“”„‟«»()*]")
# Alternatives in one answer: "DAF, Directeur administratif et financier" or "… ou …".
_ALTERNATIVES = re.compile(r"\s*(?:[,;/|()]|\b(?:ou|or|OU|OR)\b)\s*")
# Kinds of company typed as a list: "PME et ETI" is searched as PME OR ETI.
_KIND_JOINS = re.compile(r"\s+(?:et|and|&)\s+", re.IGNORECASE)
# A leading article, useless in a search: "les DAF" is searched as "DAF".
_ARTICLE = re.compile(r"^(?:(?:les|des|le|la|un|une|aux|the|an|a)\s+|l['’]\s*)", re.IGNORECASE)
_OPERATORS = frozenset({"AND", "OR", "NOT"})


@dataclass(frozen=True)
class Draft:
    """A text to copy, its LinkedIn limit if any, the answers it lacks and what it left out."""

    text: str
    limit: int | None = None
    missing: tuple[str, ...] = ()
    # Answers left out so that the text fits its limit.
    shortened: tuple[str, ...] = ()

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
    """Today's search as LinkedIn's fields take it: Title, Keywords, filters, signals, note."""

    title_query: Draft
    keywords_query: Draft
    industry: str
    filters: tuple[str, ...]
    signals: tuple[str, ...]
    advice: tuple[str, ...]
    connection_note: Draft
    missing: tuple[str, ...]
    daily_quota: int = DAILY_PROSPECTS


@dataclass(frozen=True)
class CommentFramework:
    """One way to write a comment that adds something, with the day's example."""

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


@dataclass(frozen=True)
class PostDraft:
    """The week's post: its kind (a tip, a figure, a question), the draft and how to use it."""

    kind: str
    name: str
    how: str
    draft: Draft


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


def shortened_label(draft: Draft, lang: Lang | str) -> str:
    """Return what a draft left out to fit its limit, or "" when it left nothing out."""
    if not draft.shortened or draft.limit is None:
        return ""
    fields = ", ".join(t(lang, f"draft.shortened.field.{name}") for name in draft.shortened)
    return t(lang, "draft.shortened", limit=format_count(draft.limit, lang), fields=fields)


def language_label(answers: Answers, lang: Lang | str) -> str:
    """Return the sentence saying which language the drafts are written in."""
    return t(lang, "draft.language", language=t(lang, f"draft.language.{answers.profile_lang}"))


def slots_hint(lang: Lang | str) -> str:
    """Return the reminder to replace the bracketed parts before sending."""
    return t(lang, "draft.slots")


def _template(key: str, lang: str) -> str:
    return catalog(lang).get(key, key)


def _compose(
    key: str,
    answers: Answers,
    limit: int | None = None,
    leave_out: tuple[str, ...] = (),
    **extra: object,
) -> Draft:
    """Return one draft in the profile's language, its answers fitted in by their shape."""
    lang = answers.profile_lang
    template = _template(key, lang)
    used = placeholders(template)
    values = {name: getattr(answers, name) for name in ANSWER_FIELDS}
    shown = {name: t(lang, f"draft.placeholder.{name}") for name in ANSWER_FIELDS}
    # The language's typography (French no-break spaces) applies to the user's words too.
    text = typeset(compose(template, values, lang, shown, extra), lang)
    missing = tuple(name for name in ANSWER_FIELDS if name in used and not values[name])
    return Draft(text=text, limit=limit, missing=missing, shortened=leave_out)


def _fitted(key: str, answers: Answers, limit: int) -> Draft:
    """Return a draft, or its shorter form when the full one is over the limit."""
    draft = _compose(key, answers, limit)
    if not draft.over_limit or f"{key}.short" not in catalog(answers.profile_lang):
        return draft
    short = _compose(f"{key}.short", answers, limit, HEADLINE_SHORTENING)
    # The short form cannot name a missing means: it never uses it.
    return short if not short.over_limit else draft


def headline_drafts(answers: Answers, lang: Lang | str) -> tuple[Draft, Draft, Draft]:
    """Return three headlines on "I help [target] to [outcome] with [means]", fitted to 220."""
    first, second, third = (
        _fitted(f"draft.headline.{variant}", answers, HEADLINE_LIMIT)
        for variant in HEADLINE_VARIANTS
    )
    return first, second, third


def about_draft(answers: Answers, lang: Lang | str) -> Draft:
    """Return an About section: the client's problem (theirs to write), the offer, a call."""
    return _compose("draft.about", answers, ABOUT_LIMIT)


def recommendation_request(answers: Answers, lang: Lang | str) -> Draft:
    """Return a message asking a satisfied client to recommend one precise skill."""
    return _compose("draft.recommendation", answers)


def post_kind(day: date) -> str:
    """Return the kind of post of a day's week: a tip, a figure, a question, in turn."""
    week = (day.toordinal() - 1) // 7
    return POST_KINDS[week % len(POST_KINDS)]


def post_draft(answers: Answers, lang: Lang | str, day: date | None = None) -> PostDraft:
    """Return the week's simple post about the clients' challenges (DOMAIN.md §6)."""
    kind = post_kind(date.today() if day is None else day)
    return PostDraft(
        kind=kind,
        name=t(lang, f"draft.post.{kind}.name"),
        how=t(lang, "draft.post.how"),
        draft=_compose(f"draft.post.{kind}.text", answers, POST_LIMIT),
    )


# --- search -------------------------------------------------------------------------------


def search_terms(text: str) -> tuple[str, ...]:
    """Split an answer into search alternatives, without articles, quotes or wildcards."""
    terms: list[str] = []
    seen: set[str] = set()
    # Split first: "Directeur administratif et financier (DAF)" searches both.
    for part in _ALTERNATIVES.split(text):
        cleaned = _SEARCH_UNSAFE.sub(" ", part)
        words = [w.lstrip("+-−") for w in cleaned.split() if w not in _OPERATORS]
        term = " ".join(w for w in words if w)
        shorter = _ARTICLE.sub("", term)
        term = shorter if shorter.strip() else term
        if term and term.upper() not in _OPERATORS and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term)
    return tuple(terms)


def _quoted(term: str) -> str:
    """Return a term as LinkedIn's search takes it: quoted only when it has several words."""
    return f'"{term}"' if " " in term else term


def any_of(terms: Iterable[str]) -> str:
    """Return terms joined with OR, in parentheses when there are several."""
    quoted = [_quoted(term) for term in terms]
    if len(quoted) > 1:
        return "(" + " OR ".join(quoted) + ")"
    return quoted[0] if quoted else ""


def title_query(titles: Iterable[str]) -> str:
    """Return the Title field: the job titles joined with OR, multi-word ones quoted."""
    return " OR ".join(_quoted(term) for term in titles)


def keywords_query(kinds: tuple[str, ...], exclusions: tuple[str, ...]) -> str:
    """Return the Keywords field: the kinds of company, then NOT the profiles to leave out."""
    parts = [any_of(kinds)] if kinds else []
    if exclusions:
        parts.append("NOT " + any_of(exclusions))
    return " ".join(parts)


def search_recipe(answers: Answers, lang: Lang | str) -> SearchRecipe:
    """Return today's search as LinkedIn's fields take it: Title, Keywords, then filters."""
    profile = answers.profile_lang
    titles = search_terms(answers.titles)
    kinds = search_terms(_KIND_JOINS.sub(", ", answers.company_kind))
    exclusions = search_terms(t(profile, "draft.search.exclude"))
    lacking = {name for name, terms in (("titles", titles), ("company_kind", kinds)) if not terms}
    title_text = title_query(titles) if titles else t(profile, "draft.placeholder.titles")
    if kinds:
        keywords_text = keywords_query(kinds, exclusions)
    else:
        placeholder = t(profile, "draft.placeholder.company_kind")
        keywords_text = f"{placeholder} {keywords_query((), exclusions)}"
    sector = without_article(" ".join(_SEARCH_UNSAFE.sub(" ", answers.sector).split()))
    if not sector:
        lacking.add("sector")
    note = _compose("draft.search.note", answers, CONNECTION_NOTE_LIMIT)
    return SearchRecipe(
        title_query=Draft(title_text, missing=("titles",) if not titles else ()),
        keywords_query=Draft(keywords_text, missing=("company_kind",) if not kinds else ()),
        industry=t(lang, "draft.search.filter.industry", sector=sector)
        if sector
        else t(lang, "draft.search.filter.industry.missing"),
        filters=tuple(t(lang, f"draft.search.filter.{name}") for name in SEARCH_FILTERS),
        signals=tuple(t(lang, f"draft.search.signal.{name}") for name in SEARCH_SIGNALS),
        advice=tuple(
            t(
                lang,
                f"draft.search.advice.{name}",
                count=DAILY_PROSPECTS,
                limit=CONNECTION_NOTE_LIMIT,
            )
            for name in SEARCH_ADVICE
        ),
        connection_note=note,
        missing=tuple(name for name in ANSWER_FIELDS if name in lacking or name in note.missing),
    )


# --- comments and messages ----------------------------------------------------------------


def comment_example_number(code: str, day: date) -> int:
    """Return which example of a framework a day shows: 1 to 3, never the same two days running."""
    offset = COMMENT_FRAMEWORKS.index(code)
    return (day.toordinal() + offset) % COMMENT_EXAMPLES + 1


def comment_kit(answers: Answers, lang: Lang | str, day: date | None = None) -> CommentKit:
    """Return the comment frameworks with the day's examples, a share template and the rules."""
    today = date.today() if day is None else day
    frameworks = tuple(
        CommentFramework(
            code=code,
            name=t(lang, f"draft.comment.{code}.name"),
            how=t(lang, f"draft.comment.{code}.how"),
            example=_compose(
                f"draft.comment.{code}.example.{comment_example_number(code, today)}",
                answers,
                COMMENT_LIMIT,
            ),
        )
        for code in COMMENT_FRAMEWORKS
    )
    share = _compose("draft.share.template", answers, POST_LIMIT)
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
    thank_you = _compose("draft.message.thank_you", answers)
    follow_up = _compose("draft.message.follow_up", answers)
    return MessageKit(
        thank_you=thank_you,
        follow_up=follow_up,
        rules=tuple(t(lang, f"draft.message.rule.{name}") for name in MESSAGE_RULES),
        missing=missing_fields([thank_you, follow_up]),
    )


@dataclass(frozen=True)
class PlanDrafts:
    """Every draft and kit the plan proposes for one day, each built once."""

    headlines: tuple[Draft, Draft, Draft]
    about: Draft
    recommendation: Draft
    post: PostDraft
    search: SearchRecipe
    comments: CommentKit
    messages: MessageKit

    def by_code(self) -> Mapping[str, Draft]:
        """Return every draft by its code (records.DRAFT_LEVERS)."""
        first, second, third = self.headlines
        return {
            "headline.1": first,
            "headline.2": second,
            "headline.3": third,
            "about": self.about,
            "recommendation": self.recommendation,
            "post": self.post.draft,
            "search.title": self.search.title_query,
            "search.query": self.search.keywords_query,
            "search.note": self.search.connection_note,
            **{f"comment.{f.code}": f.example for f in self.comments.frameworks},
            "share": self.comments.share_template,
            "message.thank_you": self.messages.thank_you,
            "message.follow_up": self.messages.follow_up,
        }


def plan_drafts(answers: Answers, lang: Lang | str, day: date) -> PlanDrafts:
    """Return every draft and kit of the plan for a day."""
    return PlanDrafts(
        headlines=headline_drafts(answers, lang),
        about=about_draft(answers, lang),
        recommendation=recommendation_request(answers, lang),
        post=post_draft(answers, lang, day),
        search=search_recipe(answers, lang),
        comments=comment_kit(answers, lang, day),
        messages=message_kit(answers, lang),
    )


def draft_texts(answers: Answers, lang: Lang | str, day: date) -> Mapping[str, Draft]:
    """Return every draft the plan proposes, by draft code (records.DRAFT_LEVERS)."""
    return plan_drafts(answers, lang, day).by_code()
