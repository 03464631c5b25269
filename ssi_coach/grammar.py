"""Put the user's own words into French and English templates, grammatically.

A template names the grammatical shape each slot takes, after a colon: ``{target:group}``.
The shapes are:

- ``group``: the people helped, as a noun phrase with its article. French adds « les » to a
  plural or an acronym typed bare (« DSI de PME » -> « les DSI de PME ») and pluralises a bare
  singular head (« dirigeant de TPE » -> « les dirigeants de TPE »), or uses « chaque » when
  the head is followed by an adjective that would also have to agree.
- ``purpose`` / ``goal``: what the user helps them do, with its connector. A verb phrase goes
  after « à » / « pour » (English "to"), without the connector the user may have typed
  (« d’augmenter »); a noun phrase never does: a known nominalisation becomes its verb
  (« gain de temps » -> « gagner du temps »), a quality takes « plus de » (« plus de
  sérénité »), any other noun phrase goes after « à obtenir » / « pour », with an article if
  it has none (English "to get").
- ``by``: the means after « grâce à » (English "with"), without a typed connector (« avec »,
  « grâce aux »), with the article it needs: none for a name (« HubSpot », « Excel »), « le »
  for a discipline (« au coaching », « à l’IA »), else « un » / « des ». A gerund (« en
  animant des ateliers », "by running workshops") says the means by itself.
- ``noun``: the means as a noun phrase, the same way (« Ma méthode : des ateliers »).
- ``bare``: the answer without its leading article nor a typed « secteur » (« l’industrie »,
  « le secteur de l’industrie » -> « industrie »), for « du secteur {sector:bare} ».
- ``free`` (or no shape): the answer as typed, without a connector typed before its verb.

Wherever a slot meets the word before it, French contractions (à le -> au, à les -> aux,
de le -> du, de les -> des) and elisions before a vowel or a mute h (de, que, le, la, je…)
are applied. No well-kept Python package does this for French (inflecteur needs the DELA
dictionary and is unmaintained; the maintained french-contractions is JavaScript), hence this
small module. Its heuristics are tested with property tests in tests/unit/test_grammar.py.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

Gender = Literal["m", "f"]


def word_set(text: str) -> frozenset[str]:
    """Return the words of a text, as a set: the word lists below read as plain text."""
    return frozenset(text.split())


APOSTROPHE = "’"
_APOSTROPHES = "'’"
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüÿœæ")

# Words whose h is aspirated: no elision before them (le hasard, la hausse, de haut niveau).
H_ASPIRE = word_set("""
    hache hackathon hacker haine haie hall halle halte hamac hameau hamster hanche handball
    handicap hangar hanter happer harceler harcèlement hardi hardware hareng hargne haricot
    harpe hasard hâte hausse haut hautement hauteur havre hennir hérisson hernie héron héros
    hêtre heurter hibou hic hiérarchie hiérarchique high hippie hisser hobby hockey holding
    hollande homard honte honteux hoquet horde hors hot hotline houle housse hublot huche huer
    huit huitième hurler hutte hub hype hyper
    """)

# Words that end in s, x or z and are singular.
SINGULAR_S = word_set("""
    accès avis bras business corps cours concours devis discours dos fois flux index jus
    mois palmarès parcours pays poids prix process processus progrès propos recours repos
    secours succès temps tiers campus bonus focus virus consensus statut sas
    """)

# Determiners a noun phrase may start with: it then needs no article.
DETERMINERS_FR = word_set("""
    le la les l un une des du de d au aux ce cet cette ces mon ma mes ton ta tes son sa ses
    notre nos votre vos leur leurs chaque plusieurs certains certaines tous toutes quelques
    aucun aucune deux trois quatre cinq dix cent mille
    """)
# Quantities followed by « de » that act as determiners: « plus de clients ».
QUANTITIES_FR = word_set("plus moins davantage beaucoup peu autant trop assez")
DETERMINERS_EN = word_set("""
    a an the more less fewer better their your our its his her my some any every each all
    higher lower faster bigger stronger new no
    """)

# Nouns and adjectives that look like infinitives.
NOT_VERBS_FR = word_set("""
    dossier métier chantier quartier premier dernier entier particulier fichier calendrier
    papier courrier atelier escalier cahier palier pilier levier clavier panier collier
    conseiller hôtelier budget manager leader marketer designer développeur freelancer
    partner poster newsletter reporting cluster super hiver cancer fer mer hier cher
    avenir plaisir désir loisir élixir zéphyr martyr saphir
    centre chiffre cadre ordre offre livre titre membre nombre lettre genre filtre registre
    ministre théâtre autre propre libre pauvre sobre ombre chambre montre fibre tigre vivre
    maître
    """)
VERBS_RE_FR = word_set("""
    réduire produire construire conduire traduire introduire séduire reconstruire déduire
    induire instruire détruire reproduire cuire nuire prendre apprendre comprendre
    entreprendre reprendre surprendre vendre revendre rendre attendre étendre entendre
    défendre dépendre suspendre répondre correspondre fondre perdre mettre permettre
    promettre transmettre soumettre admettre remettre omettre émettre compromettre battre
    combattre débattre connaître reconnaître paraître apparaître croître accroître naître
    vivre revivre suivre poursuivre écrire décrire inscrire prescrire souscrire lire relire
    élire dire prédire interdire faire refaire défaire satisfaire plaire déplaire taire
    extraire distraire boire croire conclure exclure inclure résoudre dissoudre peindre
    atteindre craindre joindre rejoindre plaindre contraindre éteindre restreindre
    convaincre vaincre rompre interrompre être descendre tendre rire sourire suffire
    """)
VERBS_OIR_FR = word_set("""
    avoir voir revoir prévoir entrevoir pourvoir savoir pouvoir devoir valoir vouloir recevoir
    concevoir percevoir apercevoir décevoir promouvoir émouvoir asseoir falloir
    """)
ADVERBS_FR = word_set("mieux bien vite enfin davantage vraiment rapidement durablement")

# Noun phrases that say a result, and the verb phrase that says it as an action.
NOMINALISATIONS_FR: Mapping[str, str] = {
    "gain de temps": "gagner du temps",
    "gains de temps": "gagner du temps",
    "gain de": "gagner en",
    "gains de": "gagner en",
    "économie de": "économiser",
    "économies de": "économiser",
    "réduction de": "réduire",
    "réduction des": "réduire les",
    "réduction du": "réduire le",
    "baisse de": "baisser",
    "baisse des": "baisser les",
    "baisse du": "baisser le",
    "diminution de": "diminuer",
    "diminution des": "diminuer les",
    "diminution du": "diminuer le",
    "amélioration de": "améliorer",
    "amélioration des": "améliorer les",
    "amélioration du": "améliorer le",
    "augmentation de": "augmenter",
    "augmentation des": "augmenter les",
    "augmentation du": "augmenter le",
    "hausse de": "augmenter",
    "hausse des": "augmenter les",
    "hausse du": "augmenter le",
    "optimisation de": "optimiser",
    "optimisation des": "optimiser les",
    "optimisation du": "optimiser le",
    "accélération de": "accélérer",
    "accélération des": "accélérer les",
    "accélération du": "accélérer le",
    "simplification de": "simplifier",
    "simplification des": "simplifier les",
    "simplification du": "simplifier le",
    "automatisation de": "automatiser",
    "automatisation des": "automatiser les",
    "automatisation du": "automatiser le",
    "sécurisation de": "sécuriser",
    "sécurisation des": "sécuriser les",
    "sécurisation du": "sécuriser le",
    "structuration de": "structurer",
    "structuration des": "structurer les",
    "structuration du": "structurer le",
    "développement de": "développer",
    "développement des": "développer les",
    "développement du": "développer le",
    "fidélisation de": "fidéliser",
    "fidélisation des": "fidéliser les",
    "fidélisation du": "fidéliser le",
}

# Tools and brands typed with a single capital: they take no article (« grâce à Excel »).
NAMES = word_set("""
    excel notion hubspot salesforce pipedrive canva figma slack trello asana airtable zapier
    shopify wordpress webflow odoo sage lemlist linkedin chatgpt google python qonto pennylane
    """)
# Disciplines and techniques said with the definite article: « grâce au coaching », « grâce à
# l’hypnose », « grâce au SEO » (any noun in -ing, and acronyms whose gender is known).
MASS_NOUNS_FR = word_set("hypnose sophrologie naturopathie lean design storytelling")

# Gender of common nouns whose ending does not tell it.
GENDER_FR: Mapping[str, Gender] = {
    **dict.fromkeys(
        word_set("""
        page image plage équipe méthode démarche approche plateforme offre analyse vente
        marque campagne newsletter vidéo série base boîte chaîne carte feuille grille liste
        fiche checklist charte revue veille ia data valeur idée clientèle cible entreprise
        formule pme tpe eti start-up startup agence direction école clinique association
        mission session conférence étape masterclass
        """),
        "f",
    ),
    **dict.fromkeys(
        word_set("""
        système programme modèle service logiciel outil audit diagnostic conseil process
        processus suivi plan parcours cycle guide livre podcast webinaire webinar site crm
        erp seo kit cadre groupe dispositif levier temps gain chiffre budget bilan rapport
        retour portefeuille capital document contenu sourcing format studio lieu jeu cours
        tunnel produit prix pôle rôle contrôle rythme thème problème schéma volume silence
        ensemble exemple manque risque musée lycée trophée coaching mentoring accompagnement
        cabinet réseau collectif
        """),
        "m",
    ),
}
_FEMININE_ENDINGS = (
    "tion", "sion", "xion", "té", "ure", "ence", "ance", "ie", "ique", "ise", "ude", "ade",
    "ette", "elle", "esse", "ine", "ière", "ère", "euse", "trice", "ée", "aison", "ode", "ue",
    "ose", "èse",
)  # fmt: skip
_MASCULINE_ENDINGS = (
    "ment", "age", "isme", "eau", "at", "oir", "ing", "ier", "et", "on", "ail", "ard", "eur",
    "ot", "er", "in", "ain", "um", "us", "ème", "if", "al", "el", "ic", "ou",
)  # fmt: skip

# The leading article an answer may carry, removed by the ``bare`` shape.
_LEADING_ARTICLE = re.compile(
    r"^(?:(?:les|des|le|la|un|une|du|the|an|a)\s+|l[’']\s*)", re.IGNORECASE
)
_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
# A word, at the end of what precedes a slot, that joins the slot: « à », « de », « que »…
_JOINING = re.compile(
    r"(?:(?<=^)|(?<=[\s(«\u00a0]))"
    r"(à|À|de|De|que|Que|le|Le|la|La|je|Je|ne|Ne|lorsque|puisque|jusque)(\s+)$"
)
_ELIDING = word_set("de que le la je ne me te se lorsque puisque jusque")


@dataclass(frozen=True)
class Phrase:
    """A piece of text whose first word decides its junctions: its text and its first word."""

    text: str

    @property
    def first_word(self) -> str:
        """Return the phrase's first word, apostrophe included, lower-cased."""
        match = _WORD.match(self.text)
        return match.group(0).lower() if match else ""


def normalise(text: str) -> str:
    """Return an answer with single spaces, typographic apostrophes and no trailing period."""
    cleaned = " ".join(text.replace("'", APOSTROPHE).split())
    return cleaned.rstrip(" .;,")


def _words(text: str) -> list[str]:
    return text.split(" ") if text else []


def is_acronym(word: str) -> bool:
    """Tell whether a word is an acronym: two capitals or more, like DSI, PME or KPIs."""
    letters = word.rstrip("s")
    return len(letters) >= 2 and letters.isupper()


def has_inner_capital(word: str) -> bool:
    """Tell whether a word is a name written with an inner capital: HubSpot, SaaS, LinkedIn."""
    return any(ch.isupper() for ch in word[1:]) and not word.isupper()


def starts_with_vowel_sound(word: str) -> bool:
    """Tell whether French elides before this word: a vowel or a mute h, not « le yoga »."""
    lower = word.lower().lstrip('«"“ ')
    if not lower:
        return False
    first = lower[0]
    if first == "h":
        match = _WORD.match(lower)
        stem = match.group(0).split("-")[0] if match else ""
        # « holdings », « hausses »: the plural of an aspirated h is aspirated too.
        return bool(stem) and stem not in H_ASPIRE and stem.rstrip("sx") not in H_ASPIRE
    if first == "y":
        return len(lower) > 1 and lower[1] not in _VOWELS
    return first in _VOWELS


def elide(word: str, following: str) -> str:
    """Return an elidable word (de, que, le, la, je…) as French writes it before `following`."""
    if word.lower() in _ELIDING and starts_with_vowel_sound(following):
        return word[:-1] + APOSTROPHE
    return word + " "


def has_determiner_fr(text: str) -> bool:
    """Tell whether a French noun phrase starts with an article or another determiner."""
    words = _words(text.lower())
    if not words:
        return False
    first = words[0]
    if first[:2] in ("l’", "d’") and len(first) > 2:
        return True
    if first in DETERMINERS_FR or first[:1].isdigit() or first[:1] in "+-":
        # « 30 % de leads en plus », « +20 % de marge »: a figure needs no article.
        return True
    # « plus de clients », « moins d’erreurs »
    return first in QUANTITIES_FR and len(words) > 1 and (words[1] == "de" or words[1][:2] == "d’")


def has_determiner_en(text: str) -> bool:
    """Tell whether an English noun phrase starts with an article or another determiner."""
    words = _words(text.lower())
    return bool(words) and words[0] in DETERMINERS_EN


def is_plural_fr(word: str) -> bool:
    """Tell whether a French head noun reads as plural: ends in s/x/z, or is an acronym."""
    if is_acronym(word):
        return True
    lower = word.lower()
    return lower not in SINGULAR_S and lower.endswith(("s", "x", "z"))


# First halves of hyphenated job names that agree in the plural like the second half:
# « experts-comptables », « sages-femmes ». Other first halves are prefixes, verbs or English
# words that stay as they are: « co-fondateurs », « auto-entrepreneurs », « web-designers ».
_AGREEING_FIRST_HALVES_FR = word_set("""
    expert experte sage chef cheffe avocat avocate infirmier infirmière ingénieur ingénieure
    médecin agent agente conseiller conseillère directeur directrice gérant gérante artisan
    artisane maître technicien technicienne chirurgien chirurgienne employé employée
    commissaire greffier greffière huissier huissière
""")


def pluralise_fr(word: str) -> str:
    """Return the plural of a French noun: -al -> -aux, -eau/-eu -> -x, else -s."""
    first, hyphen, second = word.partition("-")
    if hyphen and second:
        if first.lower() in _AGREEING_FIRST_HALVES_FR:
            return f"{pluralise_fr(first)}-{pluralise_fr(second)}"
        return f"{first}-{pluralise_fr(second)}"
    lower = word.lower()
    if is_plural_fr(word) or lower in SINGULAR_S:
        return word
    if lower.endswith(("eau", "eu")) and lower not in ("pneu", "bleu"):
        return word + "x"
    if lower.endswith("al") and lower not in ("festival", "récital", "bal", "carnaval"):
        return word[:-2] + "aux"
    return word + "s"


def gender_fr(word: str) -> Gender | None:
    """Return the likely gender of a French noun, singular or plural, None when nothing tells."""
    lower = word.lower().strip("-")
    if lower in GENDER_FR:
        return GENDER_FR[lower]
    if is_acronym(word):
        return None
    if lower.endswith(("s", "x")) and lower not in SINGULAR_S:
        # « ateliers » ends like « atelier »: the ending is read on the singular.
        return gender_fr(word[:-1]) if len(word) > 2 else None
    if lower.endswith(_FEMININE_ENDINGS):
        return "f"
    if lower.endswith(_MASCULINE_ENDINGS):
        return "m"
    return None


def is_infinitive_fr(word: str) -> bool:
    """Tell whether a French word is an infinitive: réduire, gagner, choisir, recevoir."""
    lower = word.lower()
    if lower in NOT_VERBS_FR or len(lower) < 3:
        return False
    if lower.endswith("oir"):
        return lower in VERBS_OIR_FR
    if lower.endswith("re"):
        return lower in VERBS_RE_FR
    if lower.endswith("ier"):
        # Most nouns in -ier are places or tools; verbs in -ier mostly end so.
        return lower.endswith(("fier", "plier", "cier", "dier", "gier", "rier", "vier", "tier"))
    return lower.endswith(("er", "ir"))


_BEFORE_VERB_FR = word_set("se à pour de leur les lui")


def is_verb_phrase_fr(text: str) -> bool:
    """Tell whether a French answer starts with an infinitive, possibly reflexive or adverbial."""
    words = _words(text.lower())
    # Adverbs and pronouns before the verb: « mieux vendre », « se former », « leur faire… ».
    while words and (words[0] in ADVERBS_FR or words[0] in _BEFORE_VERB_FR):
        words = words[1:]
    if words and words[0][:2] in ("s’", "l’"):
        words[0] = words[0][2:]
    return bool(words) and is_infinitive_fr(words[0])


_NOUN_ENDINGS_EN = (
    "ing", "tion", "sion", "ment", "ness", "ity", "ance", "ence", "ship", "th", "s",
)  # fmt: skip
# Verbs an outcome often starts with: "cut their costs", "get organised", "win more deals".
VERBS_EN = word_set("""
    attract automate avoid be become boost build close create cut delegate develop double earn
    find focus free get grow hire improve increase keep land launch lead make manage meet
    optimise optimize organise organize plan prepare protect raise reach recruit reduce
    retain run save scale secure sell shorten sign simplify speed spend stop streamline turn
    win work
    """)
# Words that follow a verb rather than a noun: "sell better", "save time", "free up".
_AFTER_VERB_EN = DETERMINERS_EN | word_set("up down out off back them it on time")


def is_verb_phrase_en(text: str) -> bool:
    """Tell whether an English answer starts with a verb: "cut their costs", "to hire"."""
    words = _words(text.lower())
    if words and words[0] == "to":
        return True
    if not words or words[0] in DETERMINERS_EN:
        return False
    if words[0] in VERBS_EN:
        return True
    if words[0].endswith(_NOUN_ENDINGS_EN) or is_acronym(text.split(" ")[0]):
        return False
    # "time savings" is a noun phrase; "hire faster" a verb phrase.
    return len(words) == 1 or words[1] in _AFTER_VERB_EN or words[1].endswith("ly")


def _lower_first(text: str) -> str:
    """Return a phrase with its first letter lower-cased, unless it starts with a name."""
    first = text.split(" ", 1)[0]
    if is_acronym(first) or has_inner_capital(first) or len(first) < 2:
        return text
    return text[:1].lower() + text[1:]


def without_article(text: str) -> str:
    """Return a noun phrase without its leading article: « l’industrie » -> « industrie »."""
    shorter = _LEADING_ARTICLE.sub("", text, count=1)
    return shorter if shorter.strip() else text


def _strip_connector(text: str, connectors: tuple[str, ...]) -> str:
    lower = text.lower()
    for connector in connectors:
        if lower.startswith(connector + " "):
            return text[len(connector) + 1 :]
    return text


# --- French shapes ------------------------------------------------------------------------


_PREPOSITIONS_FR = word_set("de d’ du des en à au aux dans sur chez qui pour avec")


def group_fr(text: str) -> str:
    """Return the people helped with an article: « les DSI de PME », « les dirigeants »."""
    text = _lower_first(normalise(text))
    rest = _strip_connector(text, ("pour", "avec"))
    # « pour les DSI »: the template says « pour » or « avec » itself.
    text = rest if has_determiner_fr(rest) else text
    if not text or has_determiner_fr(text):
        return text
    words = _words(text)
    head = words[0]
    if is_plural_fr(head):
        return "les " + text
    # A bare singular: pluralise its head when nothing after it has to agree with it.
    if len(words) == 1 or words[1].lower() in _PREPOSITIONS_FR or words[1].startswith("d’"):
        return " ".join(["les", pluralise_fr(head), *words[1:]])
    return "chaque " + text


def is_name(word: str) -> bool:
    """Tell whether a word is a tool's or a brand's name: HubSpot, Excel, Notion, Salesforce."""
    if word.lower() in NAMES or has_inner_capital(word):
        return True
    # Another capitalised word is a name only when nothing says it is a common noun.
    return (
        word[:1].isupper()
        and not is_acronym(word)
        and not is_plural_fr(word)
        and gender_fr(word) is None
    )


def is_name_phrase(text: str) -> bool:
    """Tell whether a phrase starts with a name: « HubSpot », « Sales Navigator », « Excel »."""
    words = _words(text)
    if not words:
        return False
    if is_name(words[0]):
        return True
    # « Sales Navigator », « Google Ads »: capitalised words in a row, unless the first is a
    # known common noun (« Méthode Lean »).
    return (
        len(words) > 1
        and words[0][:1].isupper()
        and not is_acronym(words[0])
        and words[0].lower() not in GENDER_FR
        and words[1][:1].isupper()
        and not is_acronym(words[1])
    )


def indefinite_fr(text: str) -> str:
    """Return a noun phrase with an indefinite article when it has no determiner."""
    text = normalise(text)
    if not text or has_determiner_fr(text):
        return _lower_first(text)
    head = text.split(" ", 1)[0]
    if is_name_phrase(text):
        return text
    text = _lower_first(text)
    if is_acronym(head) and gender_fr(head) is not None:
        return ("une " if gender_fr(head) == "f" else "un ") + text
    if is_plural_fr(head):
        return "des " + text
    return ("une " if gender_fr(head) == "f" else "un ") + text


def definite_fr(text: str) -> str:
    """Return a noun phrase with « le », « la » or « l’ » when it has no determiner."""
    text = _lower_first(normalise(text))
    if not text or has_determiner_fr(text):
        return text
    head = text.split(" ", 1)[0]
    if starts_with_vowel_sound(head):
        return "l" + APOSTROPHE + text
    return ("la " if gender_fr(head) == "f" else "le ") + text


def is_mass_noun_fr(word: str) -> bool:
    """Tell whether a noun names a discipline, said with « le » / « la »: coaching, SEO, IA."""
    lower = word.lower()
    if is_acronym(word):
        return lower in GENDER_FR
    return lower in MASS_NOUNS_FR or (lower.endswith("ing") and len(lower) > 4)


# A contracted connector typed before the means, and the article it holds.
_MEANS_CONTRACTIONS = {"grâce au": "le", "grâce aux": "les", "au moyen du": "le"}
_MEANS_CONNECTORS = ("grâce à", "avec", "par", "via", "à travers", "au moyen de")


def _without_means_connector(text: str) -> str:
    """Return a means without the connector typed before it: « grâce aux ateliers »."""
    for typed, article in _MEANS_CONTRACTIONS.items():
        if text.lower().startswith(typed + " "):
            return article + text[len(typed) :]
    return _strip_connector(text, _MEANS_CONNECTORS)


def _is_gerund_fr(text: str) -> bool:
    words = _words(text.lower())
    return len(words) > 1 and words[0] == "en" and words[1].endswith("ant")


def article_fr(text: str) -> str:
    """Return a means as a noun phrase: a name as is, a discipline with « le », else « un »."""
    text = _without_means_connector(normalise(text))
    if _is_gerund_fr(text):
        # A gerund says the means by itself: « en animant des ateliers ».
        return _lower_first(text)
    words = _words(text)
    if (
        words
        and not has_determiner_fr(text)
        and not is_name_phrase(text)
        and is_mass_noun_fr(words[0])
    ):
        return definite_fr(text)
    return indefinite_fr(text)


def _nominalised_fr(text: str) -> str | None:
    lower = text.lower()
    for noun in sorted(NOMINALISATIONS_FR, key=len, reverse=True):
        verb = NOMINALISATIONS_FR[noun]
        elided = noun[:-2] + "d" + APOSTROPHE
        if verb.endswith(" en") and lower.startswith(elided) and len(lower) > len(elided):
            # « gain d’efficacité » -> « gagner en efficacité »
            return verb + " " + text[len(elided) :]
        if lower == noun or lower.startswith(noun + " "):
            rest = text[len(noun) :]
            if (
                noun.endswith(" de")
                and not verb.endswith(" en")
                and not has_determiner_fr(rest.strip())
            ):
                # « réduction de coûts » cannot become « réduire coûts »: it stays a noun.
                return None
            return verb + rest
    return None


def _abstract_fr(text: str) -> bool:
    """Tell whether a bare noun phrase names a quality: sérénité, visibilité, rentabilité."""
    head = text.split(" ", 1)[0].lower()
    return not has_determiner_fr(text) and head.endswith("té") and not is_name(head)


# What may come before the verb of an outcome: « à réduire », « pour », « afin de », « d’ ».
_OUTCOME_CONNECTORS = ("à ", "pour ", "afin de ", "afin d’", "de ", "d’")


def _without_connector(text: str) -> str:
    """Return an outcome without the connector typed before its verb (« d’augmenter »)."""
    lower = text.lower()
    for connector in _OUTCOME_CONNECTORS:
        rest = text[len(connector) :]
        if lower.startswith(connector) and rest and is_verb_phrase_fr(rest):
            return rest
    return text


def purpose_fr(text: str, connector: str = "à") -> str:
    """Return what the user helps do, after « à » (or « pour »): a verb, never a bare noun."""
    text = _without_connector(_lower_first(normalise(text)))
    if not text:
        return text
    if is_verb_phrase_fr(text):
        return join(connector, text)
    verb = _nominalised_fr(text)
    if verb is not None:
        return join(connector, verb)
    # A result typed as a noun: « à obtenir des clients plus fidèles », « pour plus de… ».
    lead = "pour " if connector == "pour" else "à obtenir "
    if _abstract_fr(text):
        return lead + join("plus de", text)
    return lead + indefinite_fr(text)


def free_fr(text: str) -> str:
    """Return an answer as typed, without the connector typed before a verb (« d’augmenter »)."""
    return _without_connector(_lower_first(normalise(text)))


def by_fr(text: str) -> str:
    """Return the means after « grâce à », with an article when it has none."""
    text = _without_means_connector(normalise(text))
    if _is_gerund_fr(text):
        return article_fr(text)
    return join("grâce à", article_fr(text)) if text else text


# « secteur », « le secteur de la », typed before the sector itself.
_SECTOR_WORD = re.compile(
    r"^(?:(?:dans|en|chez)\s+)?(?:(?:le|les|la)\s+|l’)?"
    r"(?:secteurs?\s+(?:(?:de\s+la|de|du|des)\s+|d’|de\s+l’)?)?",
    re.IGNORECASE,
)


# An article after « et » in a sector typed as a list: « l’hôpital et la santé ».
_ARTICLE_AFTER_AND = re.compile(r"\b(et|and) (?:l’|la |le |les |the )", re.IGNORECASE)


def sector_name(text: str) -> str:
    """Return a sector as a filter names it: « dans le secteur bancaire » -> « bancaire »."""
    text = normalise(text)
    shorter = _SECTOR_WORD.sub("", text, count=1)
    named = without_article(shorter) if shorter else without_article(text)
    return _ARTICLE_AFTER_AND.sub(r"\1 ", named)


def bare_fr(text: str) -> str:
    """Return an answer without its article, for an apposition: « secteur industrie »."""
    return _lower_first(sector_name(text))


# --- English shapes -----------------------------------------------------------------------


def group_en(text: str) -> str:
    """Return the people helped as typed: English needs no article before a plural."""
    text = normalise(text)
    words = _words(text)
    if words and words[0] in ("The", "A", "An"):
        return words[0].lower() + text[len(words[0]) :]
    return text


def purpose_en(text: str, connector: str = "to") -> str:
    """Return what the user helps do: "to cut their costs", or "to get faster hiring"."""
    text = normalise(text)
    if text.lower().startswith("to "):
        text = text[3:]
    if not text:
        return text
    text = _lower_first(text)
    if is_verb_phrase_en(text):
        return f"{connector} {text}"
    return f"{connector} get {text}"


def by_en(text: str) -> str:
    """Return the means after "with", unless it brings its own: "by running workshops"."""
    text = normalise(text)
    if text.lower().startswith("with "):
        text = text[5:]
    if text.lower().startswith(("by ", "through ", "using ", "via ")):
        return _lower_first(text)
    return f"with {_lower_first(text)}" if text else text


def noun_en(text: str) -> str:
    """Return the means as a noun phrase, without the "with" typed before it."""
    return _strip_connector(normalise(text), ("with", "With"))


def bare_en(text: str) -> str:
    """Return an answer without its leading article."""
    return without_article(normalise(text))


# --- composition --------------------------------------------------------------------------


def join(before: str, phrase: str) -> str:
    """Return `before` followed by `phrase`, contracted and elided as French writes it."""
    if not phrase:
        return before
    if not before:
        return phrase
    return _attach(before + " ", phrase)


def _attach(out: str, phrase: str) -> str:
    """Append a slot's text to what precedes it, fixing the junction."""
    match = _JOINING.search(out)
    if match is None or not phrase:
        return out + phrase
    word = match.group(1)
    lower = word.lower()
    head = out[: match.start(1)]
    phrase_words = phrase.split(" ", 1)
    first = phrase_words[0].lower()
    rest = phrase_words[1] if len(phrase_words) > 1 else ""

    def cased(replacement: str) -> str:
        return replacement.capitalize() if word[0].isupper() else replacement

    # « à les former », « de le faire »: a pronoun before a verb does not contract.
    pronoun = first in ("le", "les") and is_infinitive_fr(rest.split(" ", 1)[0])
    if lower == "à" and rest and first in ("le", "les") and not pronoun:
        return head + cased("au" if first == "le" else "aux") + " " + rest
    if lower == "de" and rest:
        if first in ("le", "les") and not pronoun:
            return head + cased("du" if first == "le" else "des") + " " + rest
        if first in ("des", "du"):
            return _attach(head + word + " ", rest)
        if first == "de" or first.startswith("d’"):
            # The phrase brings its own « de »: keep one.
            return head + (phrase[:1].upper() + phrase[1:] if word[0].isupper() else phrase)
    if lower in _ELIDING and starts_with_vowel_sound(phrase):
        return head + word[:-1] + APOSTROPHE + phrase
    return out + phrase


_SHAPES_FR = {
    "group": group_fr,
    "purpose": purpose_fr,
    "goal": lambda text: purpose_fr(text, "pour"),
    "by": by_fr,
    "bare": bare_fr,
    "noun": article_fr,
    "free": free_fr,
}
_SHAPES_EN = {
    "group": group_en,
    "purpose": purpose_en,
    "goal": lambda text: purpose_en(text, "to"),
    "by": by_en,
    "bare": bare_en,
    "noun": noun_en,
    "free": normalise,
}


def shaped(text: str, shape: str, lang: str) -> str:
    """Return an answer in the grammatical shape a template slot asks for."""
    shapes = _SHAPES_FR if lang == "fr" else _SHAPES_EN
    if shape not in shapes:
        raise ValueError(f"unknown slot shape {shape!r}")
    return shapes[shape](text)


def _sentence_start(out: str) -> bool:
    stripped = out.rstrip(" \u00a0")
    return not stripped or stripped.endswith((".", "!", "?", "\n"))


# What a slot's connector becomes when the answer is missing and its placeholder shows.
_PLACEHOLDER_CONNECTORS = {
    "fr": {"purpose": "à", "goal": "pour", "by": "grâce à"},
    "en": {"purpose": "to", "goal": "to", "by": "with"},
}


def placeholder_in_shape(placeholder: str, shape: str, lang: str) -> str:
    """Return a missing answer's placeholder with the connector its slot's shape carries."""
    connector = _PLACEHOLDER_CONNECTORS["fr" if lang == "fr" else "en"].get(shape)
    return f"{connector} {placeholder}" if connector and placeholder else placeholder


def _singular_target(
    parts: list[tuple[str, str | None, str | None, str | None]], answers: Mapping[str, str]
) -> bool:
    """Tell whether the template names the target as « chaque … », one person at a time."""
    target = answers.get("target", "")
    grouped = any(name == "target" and spec == "group" for _, name, spec, _ in parts)
    return grouped and bool(target.strip()) and group_fr(target).startswith("chaque ")


_LEUR = re.compile(r"\b([Ll])eur(s?) (\w+)")


def singular_possessives_fr(text: str) -> str:
    """Return an outcome said of « chaque dirigeant »: « leur agenda » -> « son agenda ».

    « leurs » becomes « ses »; « leur » before a noun becomes « son » or « sa » by the noun's
    gender (« son » before a vowel), and before a verb, where it is a pronoun, « lui ».
    """

    def one(match: re.Match[str]) -> str:
        capital, plural, word = match.group(1), match.group(2), match.group(3)
        if plural:
            replaced = "ses"
        elif is_infinitive_fr(word):
            replaced = "lui"
        elif gender_fr(word) == "f" and not starts_with_vowel_sound(word):
            replaced = "sa"
        else:
            replaced = "son"
        if capital.isupper():
            replaced = replaced.capitalize()
        return f"{replaced} {word}"

    return _LEUR.sub(one, text)


def compose(
    template: str,
    answers: Mapping[str, str],
    lang: str,
    placeholders: Mapping[str, str] | None = None,
    extra: Mapping[str, object] | None = None,
) -> str:
    """Return a template filled with the answers, each in its slot's shape.

    An empty answer shows its placeholder (« [votre cible] ») as is. `extra` fills slots that
    are not answers, such as a count.
    """
    shown = placeholders or {}
    values = extra or {}
    parts = list(string.Formatter().parse(template))
    singular = lang == "fr" and _singular_target(parts, answers)
    out = ""
    for literal, name, spec, _ in parts:
        out += literal
        if name is None:
            continue
        if name in answers:
            raw = answers[name]
            if raw.strip():
                text = shaped(raw, spec or "free", lang)
                if singular and name != "target":
                    text = singular_possessives_fr(text)
            else:
                text = placeholder_in_shape(shown.get(name, ""), spec or "free", lang)
        else:
            text = str(values.get(name, ""))
        if text and _sentence_start(out):
            text = text[:1].upper() + text[1:]
        out = _attach(out, text) if lang == "fr" else out + text
    return out
