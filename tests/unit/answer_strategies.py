"""Hypothesis strategies of realistic questionnaire answers, in French and in English.

Answers are drawn the way people type them: with and without articles, singular and plural,
acronyms (DSI, DAF, PME, RH, CFO), outcomes as verbs and as nouns, means as names or noun
phrases, sectors as LinkedIn writes them or as spoken; either apostrophe, a capital first
letter or not, words starting with a vowel or an h (mute or aspirated), answers lengthened up
to the questionnaire's limit, and empty answers. The end of the file says what a text written
from them must never show.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from ssi_coach.grammar import word_set
from ssi_coach.model import ANSWER_TEXT_MAX, TITLES_TEXT_MAX, Answers, Goal, Role

# --- French -------------------------------------------------------------------------------

# (singular, plural) heads of a group of people.
FR_HEADS = (
    ("DSI", "DSI"),
    ("DAF", "DAF"),
    ("RH", "RH"),
    ("CFO", "CFO"),
    ("DRH", "DRH"),
    ("dirigeant", "dirigeants"),
    ("hôtelier", "hôteliers"),
    ("expert-comptable", "experts-comptables"),
    ("responsable marketing", "responsables marketing"),
    ("fondateur", "fondateurs"),
    ("artisan", "artisans"),
    ("avocat", "avocats"),
    ("infirmier libéral", "infirmiers libéraux"),
    ("chef d’entreprise", "chefs d’entreprise"),
    ("directeur commercial", "directeurs commerciaux"),
    ("indépendant", "indépendants"),
    ("agent immobilier", "agents immobiliers"),
    ("ingénieur", "ingénieurs"),
    ("huissier", "huissiers"),
    ("restaurateur", "restaurateurs"),
    ("office manager", "office managers"),
)
FR_TARGET_COMPLEMENTS = (
    "",
    " de PME",
    " de TPE",
    " de PME industrielles",
    " d’ETI",
    " de startups SaaS",
    " du BTP",
    " des cabinets d’avocats",
    " dans l’hôtellerie",
    " en Île-de-France",
    " de la grande distribution",
    " d’hôpitaux privés",
    " de l’industrie agroalimentaire",
)
FR_TARGETS_WITH_ARTICLE = (
    "l’équipe RH",
    "la direction financière",
    "l’équipe commerciale des PME",
    "les entreprises familiales",
    "des indépendants",
    "le dirigeant de PME",
    "pour les dirigeants de PME",
)
# Words that lengthen an answer towards the questionnaire's limit.
FR_TARGET_TAILS = (
    " et leurs équipes de direction",
    " en pleine croissance",
    " dans toute la France",
    " qui veulent structurer leur développement commercial",
    " sans alourdir leur organisation",
)
FR_OUTCOME_TAILS = (
    " sans recruter",
    " en moins de six mois",
    " dès le premier trimestre",
    " tout en gardant leurs marges",
    " avec des outils simples",
)

FR_VERB_OUTCOMES = (
    "réduire leurs coûts IT",
    "mieux vendre",
    "s’organiser",
    "gagner du temps",
    "recruter plus vite",
    "améliorer leur marge",
    "trouver des clients",
    "développer leur chiffre d’affaires",
    "automatiser leur facturation",
    "obtenir des rendez-vous qualifiés",
    "être plus visibles",
    "avoir plus de clients",
    "choisir le bon ERP",
    "optimiser leurs achats",
    "sécuriser leur trésorerie",
    "atteindre leurs objectifs",
    "embaucher sans se tromper",
    "honorer leurs commandes à temps",
    "héberger leurs données en France",
    "à réduire leurs délais de clôture",
    "pour mieux recruter",
    "d’augmenter leurs ventes",
    "de fidéliser leurs clients",
    "se faire connaître",
    "vendre plus cher",
    "produire mieux",
    "leur faire gagner du temps",
    "les rendre autonomes",
    "afin de structurer leur offre",
    "se développer à l’international",
    "Doubler leur chiffre d’affaires",
)
FR_NOUN_OUTCOMES = (
    "gain de temps sur le recrutement",
    "des clients plus fidèles",
    "réduction des délais",
    "plus de clients",
    "une meilleure visibilité",
    "leads qualifiés",
    "croissance durable",
    "gain de temps",
    "gains de productivité",
    "économies d’énergie",
    "amélioration de la marge",
    "augmentation du chiffre d’affaires",
    "hausse des ventes",
    "moins d’erreurs",
    "sérénité",
    "clients plus fidèles",
    "baisse des coûts",
    "optimisation des achats",
    "réduction de coûts",
    "un meilleur taux de conversion",
    "de meilleurs résultats",
    "visibilité sur LinkedIn",
    "rentabilité",
    "équipes plus autonomes",
    "hausse du panier moyen",
    "gain d’efficacité",
    "30 % de leads en plus",
    "deux fois plus de rendez-vous",
    "efficacité",
)

FR_MEANS = (
    "les ateliers",
    "ateliers",
    "des ateliers collectifs",
    "audit express",
    "un audit express",
    "le marketing de contenu",
    "marketing de contenu",
    "HubSpot",
    "l’IA",
    "l’intelligence artificielle",
    "des formations sur mesure",
    "formation sur mesure",
    "accompagnement individuel",
    "une méthode éprouvée",
    "méthode agile",
    "coaching",
    "hypnose",
    "hébergement sécurisé",
    "tableau de bord automatisé",
    "un tableau de bord automatisé",
    "mon expertise du recrutement",
    "le SEO",
    "Excel",
    "Notion",
    "Salesforce",
    "la méthode Lean",
    "diagnostic flash",
    "stratégie de contenu",
    "Sales Navigator",
    "plateforme de recrutement",
    "en animant des ateliers",
    "via des ateliers",
    "par l’IA",
    "avec HubSpot",
    "Ateliers collectifs",
    "mentoring",
    "hackathons",
    "grâce aux ateliers",
    "grâce au coaching",
    "à travers des ateliers",
)

FR_SECTORS = (
    "l’industrie",
    "industrie",
    "Industrie manufacturière",
    "SaaS",
    "la santé",
    "santé",
    "le BTP",
    "BTP",
    "Hôtellerie",
    "l’hôtellerie",
    "la banque",
    "Services financiers",
    "agroalimentaire",
    "l’agroalimentaire",
    "Technologies de l’information",
    "e-commerce",
    "Immobilier",
    "l’immobilier",
    "les assurances",
    "Hôpitaux et santé",
    "Conseil en management",
    "le secteur bancaire",
    "secteur public",
    "le secteur de la santé",
    "habillement",
    "horlogerie",
    "dans l’industrie",
    "en santé",
)

FR_TITLES = (
    "DAF",
    "DSI",
    "DRH",
    "CFO",
    "Directeur administratif et financier",
    "Directrice financière",
    "Responsable des ressources humaines",
    "Directeur des systèmes d’information",
    "Gérant",
    "Fondateur",
    "Chef d’entreprise",
    "Responsable marketing",
    "Office manager",
    "Head of Sales",
    "Directeur d’hôtel",
    "Expert-comptable",
)

FR_COMPANY_KINDS = (
    "PME",
    "PME industrielles",
    "TPE",
    "les PME",
    "ETI",
    "startups SaaS",
    "cabinets d’avocats",
    "hôtels indépendants",
    "TPE/PME",
    "entreprises familiales",
    "scale-ups",
    "collectivités",
    "holdings",
    "hôpitaux",
    "une PME",
    "PME et ETI",
)

# Words of the French lists whose h is mute (elided before) or aspirated (never elided).
MUTE_H_WORDS = word_set("""
    hôtel hôtels hôtelier hôteliers hôtellerie hôpital hôpitaux huissier huissiers hypnose
    hébergement héberger honorer habillement horlogerie heure heures homme hommes
    """)
ASPIRATED_H_WORDS = word_set(
    "hausse haut hasard handicap hiérarchie hall héros holding holdings hackathon hackathons"
)

# --- English ------------------------------------------------------------------------------

EN_TARGETS = (
    "CFOs",
    "CFOs of SaaS startups",
    "HR managers at SMEs",
    "the founders of B2B startups",
    "small business owners",
    "independent hotel owners",
    "marketing directors",
    "Heads of Sales in manufacturing",
    "IT directors of mid-sized companies",
    "accountants",
    "a CFO",
)
EN_VERB_OUTCOMES = (
    "cut their IT costs",
    "sell better",
    "get organised",
    "hire faster",
    "close their books faster",
    "to win more clients",
    "grow their revenue",
    "Keep their best people",
    "work smarter",
    "focus on sales",
)
EN_NOUN_OUTCOMES = (
    "faster hiring",
    "more loyal clients",
    "time savings on recruiting",
    "lower costs",
    "better margins",
    "a steady pipeline",
    "time savings on recruiting",
    "growth",
)
EN_MEANS = (
    "workshops",
    "an express audit",
    "express audit",
    "content marketing",
    "HubSpot",
    "the Lean method",
    "with tailored training",
    "AI",
    "one-to-one coaching",
    "by running workshops",
    "through content marketing",
    "using HubSpot",
)
EN_SECTORS = (
    "Manufacturing",
    "Software Development",
    "Hospitals and Health Care",
    "healthcare",
    "the financial services",
    "SaaS",
    "Hospitality",
)
EN_TITLES = (
    "CFO",
    "Chief Financial Officer",
    "HR Manager",
    "Head of Sales",
    "Founder",
    "IT Director",
    "Hotel Manager",
)
EN_COMPANY_KINDS = (
    "SMEs",
    "SaaS startups",
    "mid-sized companies",
    "family businesses",
    "B2B",
    "startups and scale-ups",
)
# French words an English draft must never show.
FRENCH_ARTICLES = word_set("le la les des du au aux")


# --- building answers ---------------------------------------------------------------------


def typed(text: str) -> st.SearchStrategy[str]:
    """Draw a text as someone may type it: either apostrophe, a capital first letter or not."""
    apostrophes = st.sampled_from((text, text.replace("’", "'")))
    return apostrophes.flatmap(lambda t: st.sampled_from((t, t[:1].upper() + t[1:])))


def phrases(choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Draw one of the phrases, typed in any of the usual ways."""
    return st.sampled_from(choices).flatmap(typed)


def lengthened(base: st.SearchStrategy[str], tails: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Draw a phrase, sometimes lengthened with tails up to the questionnaire's limit."""
    return st.tuples(base, st.lists(st.sampled_from(tails), max_size=4, unique=True)).map(
        lambda parts: _fitted(parts[0], parts[1]),
    )


def _fitted(text: str, tails: list[str]) -> str:
    for tail in tails:
        if len(text + tail) <= ANSWER_TEXT_MAX:
            text += tail
    return text


def _fr_group(head: tuple[str, str], plural: bool, article: str, complement: str) -> str:
    word = head[1] if plural else head[0]
    # An article only goes with a plural head here; singular heads are typed bare.
    return (article if plural else "") + word + complement


fr_groups = st.builds(
    _fr_group,
    st.sampled_from(FR_HEADS),
    st.booleans(),
    st.sampled_from(("", "les ", "Les ", "des ")),
    st.sampled_from(FR_TARGET_COMPLEMENTS),
).flatmap(typed)
fr_targets = lengthened(fr_groups | phrases(FR_TARGETS_WITH_ARTICLE), FR_TARGET_TAILS)
fr_verb_outcomes = lengthened(phrases(FR_VERB_OUTCOMES), FR_OUTCOME_TAILS)
fr_noun_outcomes = phrases(FR_NOUN_OUTCOMES)
fr_outcomes = fr_verb_outcomes | fr_noun_outcomes
fr_means = phrases(FR_MEANS)
fr_sectors = phrases(FR_SECTORS)
fr_company_kinds = phrases(FR_COMPANY_KINDS)

en_targets = phrases(EN_TARGETS)
en_verb_outcomes = phrases(EN_VERB_OUTCOMES)
en_noun_outcomes = phrases(EN_NOUN_OUTCOMES)
en_outcomes = en_verb_outcomes | en_noun_outcomes
en_means = phrases(EN_MEANS)
en_sectors = phrases(EN_SECTORS)
en_company_kinds = phrases(EN_COMPANY_KINDS)


# Four titles always fit in the questionnaire's limit, in either language.
assert len(", ".join(sorted(FR_TITLES + EN_TITLES, key=len)[-4:])) <= TITLES_TEXT_MAX


def title_lists(choices: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    """Draw one to four different job titles."""
    return st.lists(st.sampled_from(choices), min_size=1, max_size=4, unique_by=str.casefold)


def joined_titles(choices: tuple[str, ...]) -> st.SearchStrategy[str]:
    """Draw job titles as the questionnaire takes them: comma-separated (all fit its limit)."""
    return title_lists(choices).map(", ".join)


def or_empty(texts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Draw an answer, or an empty one (a question left blank)."""
    return st.just("") | texts


def answers_in(
    profile_lang: str,
    target: st.SearchStrategy[str],
    outcome: st.SearchStrategy[str],
    means: st.SearchStrategy[str],
    sector: st.SearchStrategy[str],
    titles: st.SearchStrategy[str],
    company_kind: st.SearchStrategy[str],
) -> st.SearchStrategy[Answers]:
    """Draw whole questionnaires whose texts come from the given strategies."""
    return st.builds(
        Answers,
        goal=st.sampled_from(Goal),
        role=st.sampled_from(Role),
        already_converting=st.booleans(),
        minutes_per_day=st.integers(10, 60),
        target=target,
        outcome=outcome,
        means=means,
        sector=sector,
        titles=titles,
        company_kind=company_kind,
        profile_lang=st.just(profile_lang),
    )


# Complete French questionnaires, and ones with any answer left blank.
fr_answers = answers_in(
    "fr",
    fr_targets,
    fr_outcomes,
    fr_means,
    fr_sectors,
    joined_titles(FR_TITLES),
    fr_company_kinds,
)
fr_answers_or_blank = answers_in(
    "fr",
    or_empty(fr_targets),
    or_empty(fr_outcomes),
    or_empty(fr_means),
    or_empty(fr_sectors),
    or_empty(joined_titles(FR_TITLES)),
    or_empty(fr_company_kinds),
)
en_answers = answers_in(
    "en",
    en_targets,
    en_outcomes,
    en_means,
    en_sectors,
    joined_titles(EN_TITLES),
    en_company_kinds,
)
en_answers_or_blank = answers_in(
    "en",
    or_empty(en_targets),
    or_empty(en_outcomes),
    or_empty(en_means),
    or_empty(en_sectors),
    or_empty(joined_titles(EN_TITLES)),
    or_empty(en_company_kinds),
)

# Answers as long as the questionnaire allows: realistic ones filled up to the limit, and
# arbitrary letters, so that every headline is as long as it can get.
_FILLER = " ".join(["et leurs équipes"] * 10)
full_length_texts = (
    st.sampled_from(FR_VERB_OUTCOMES + FR_NOUN_OUTCOMES + FR_MEANS + EN_TARGETS).map(
        lambda text: (text + " " + _FILLER)[:ANSWER_TEXT_MAX].rstrip()
    )
    | st.text(st.sampled_from("abcdéèhiouyDSIPME’' -"), min_size=ANSWER_TEXT_MAX, max_size=80)
    | st.just("x" * ANSWER_TEXT_MAX)
)
long_answers = st.sampled_from(("fr", "en")).flatmap(
    lambda lang: answers_in(
        lang,
        full_length_texts,
        full_length_texts,
        full_length_texts,
        full_length_texts,
        st.just("DAF"),
        st.just("PME"),
    )
)


# --- what a text written from the answers never shows ---------------------------------------

_NOT_IN_WORD = r"(?<![\w’'-])"
_END_OF_WORD = r"(?![\w’'-])"
# « à le », « à les », « de le », « de les », « de des », as articles: French contracts them.
_UNCONTRACTED = re.compile(
    rf"{_NOT_IN_WORD}(?:(?:à|de) (?:le|les)|de des|de du){_END_OF_WORD}"
    # « à les rendre autonomes »: a pronoun before a verb is not an article.
    r"(?! \w+(?:er|ir|re)\b)",
    re.IGNORECASE,
)
_VOWEL = "aeiouàâäéèêëîïôöùûüœæ"
# « de », « que », « le », « la », « je », « ne » before a word starting with a vowel…
_UNELIDED_VOWEL = re.compile(rf"{_NOT_IN_WORD}(?:de|que|le|la|je|ne) [{_VOWEL}]", re.IGNORECASE)
# … or with a mute h.
_UNELIDED_H = re.compile(
    rf"{_NOT_IN_WORD}(?:de|que|le|la|je|ne) (?:{'|'.join(sorted(MUTE_H_WORDS))}){_END_OF_WORD}",
    re.IGNORECASE,
)
# « l’hausse », « d’haut »: an elision before an aspirated h.
_ELIDED_ASPIRATED_H = re.compile(
    rf"{_NOT_IN_WORD}(?:[dlj]|qu)[’'](?:{'|'.join(sorted(ASPIRATED_H_WORDS))}){_END_OF_WORD}",
    re.IGNORECASE,
)
# « secteur l’industrie », « secteur la santé », « secteur secteur bancaire ».
_SECTOR_ARTICLE = re.compile(
    rf"{_NOT_IN_WORD}secteur(?: |\u00a0)"
    rf"(?:l[’']|(?:le|la|les|un|une|du|des|secteur){_END_OF_WORD})",
    re.IGNORECASE,
)
# « à à », « pour pour », « grâce à grâce à »: a connector said twice.
_DOUBLED = re.compile(
    rf"{_NOT_IN_WORD}(à|de|pour|avec|grâce à|les|le|la|des|to|with|the){_END_OF_WORD}"
    rf" \1{_END_OF_WORD}"
    r"|\b(?:grâce (?:à|au|aux)|with) (?:grâce|à|au|aux|avec|par|via|by|through|using|with)\b",
    re.IGNORECASE,
)
# « un à travers des ateliers », « Ma méthode : un grâce au coaching »: an article before a
# preposition means a typed connector was kept.
_ARTICLE_BEFORE_PREPOSITION = re.compile(
    rf"{_NOT_IN_WORD}(?:un|une|des|le|la|les|the|an?) (?:à|au|aux|grâce|par|avec|via|pour|with|by)"
    rf"{_END_OF_WORD}",
    re.IGNORECASE,
)
_SLOT = re.compile(r"\{[^{}]*\}")
_CATALOG_KEY = re.compile(r"\bdraft\.[a-z_]+(?:\.[a-z_0-9]+)*")
_DOUBLE_SPACE = re.compile(r"[ \u00a0\u202f]{2,}")
_SPACE_BEFORE_COMMA = re.compile(r"[ \u00a0\u202f],")


def layout_faults(text: str) -> list[str]:
    """Return what a filled template must never show, in any language."""
    faults = []
    for name, pattern in (
        ("unfilled slot", _SLOT),
        ("catalog key", _CATALOG_KEY),
        ("double space", _DOUBLE_SPACE),
        ("space before a comma", _SPACE_BEFORE_COMMA),
        ("doubled word", _DOUBLED),
        ("article before a preposition", _ARTICLE_BEFORE_PREPOSITION),
    ):
        faults += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    return faults


def french_faults(text: str) -> list[str]:
    """Return the grammar faults of a French text: contractions, elisions, « secteur la »."""
    faults = layout_faults(text)
    for name, pattern in (
        ("no contraction", _UNCONTRACTED),
        ("no elision", _UNELIDED_VOWEL),
        ("no elision before a mute h", _UNELIDED_H),
        ("elision before an aspirated h", _ELIDED_ASPIRATED_H),
        ("article after « secteur »", _SECTOR_ARTICLE),
    ):
        faults += [f"{name}: {m.group(0)!r}" for m in pattern.finditer(text)]
    return faults


def french_articles(text: str) -> list[str]:
    """Return the French articles a text shows (le, la, les, des, du, au, aux, l’)."""
    words = re.findall(r"[\w’']+", text.lower())
    return [w for w in words if w in FRENCH_ARTICLES or w.startswith(("l’", "l'"))]
