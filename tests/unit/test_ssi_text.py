"""The parser of a pasted LinkedIn SSI page: real layouts, errors, warnings and invariants."""

import json
import unicodedata
from dataclasses import fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ssi_coach.i18n import Lang, catalog, placeholders
from ssi_coach.model import Pillar
from ssi_coach.ssi_text import (
    ERROR_CODES,
    LANGUAGES,
    MAX_TEXT_CHARS,
    PARSER_VERSION,
    WARNING_CODES,
    ParsedSsi,
    ParseWarning,
    SsiTextError,
    parse_ssi_text,
)

PASTES = Path(__file__).parent / "fixtures" / "pastes"
PASTE_FILES = sorted(PASTES.glob("*.txt"))
OPTIONAL = (
    "total_shown",
    "industry_rank",
    "network_rank",
    "industry_average",
    "network_average",
    "industry_name",
)


def spec(paste: Path) -> dict[str, Any]:
    return json.loads(paste.with_suffix(".json").read_text(encoding="utf-8"))


def read(paste: Path) -> str:
    return paste.read_text(encoding="utf-8")


def outcome(text: str) -> ParsedSsi | SsiTextError:
    """Return the parse, or the error it raised."""
    try:
        return parse_ssi_text(text)
    except SsiTextError as error:
        return error


def warning_names(parsed: ParsedSsi) -> list[str]:
    return [
        w.code + (f":{w.params['field']}" if "field" in w.params else "") for w in parsed.warnings
    ]


def summary(parsed: ParsedSsi) -> dict[str, Any]:
    """Return a parse in the shape of the fixtures' expected values."""
    shown: dict[str, Any] = {f.name: getattr(parsed, f.name) for f in fields(parsed)}
    for name in ("industry_pillars", "network_pillars"):
        pillars = shown[name]
        shown[name] = None if pillars is None else [pillars.score(p) for p in Pillar]
    shown["warnings"] = warning_names(parsed)
    return shown


READABLE = [p for p in PASTE_FILES if "expected" in spec(p)]
UNREADABLE = [p for p in PASTE_FILES if "error" in spec(p)]
FIXTURE_TEXTS = [read(p) for p in READABLE]
# Pages whose every value is known; elsewhere an empty value means "could not tell".
KNOWN = [
    p
    for p in READABLE
    if not any(w.startswith(("unclear", "conflicting")) for w in spec(p)["expected"]["warnings"])
]


def fixture(name: str) -> str:
    return read(PASTES / f"{name}.txt")


# --- Fixtures: one pasted page each, with what it must give. ---


def test_every_paste_fixture_says_what_it_must_give() -> None:
    described = {p.stem for p in PASTES.glob("*.json")}
    assert described == {p.stem for p in PASTE_FILES}
    assert len(READABLE) + len(UNREADABLE) == len(PASTE_FILES)


@pytest.mark.parametrize("paste", READABLE, ids=lambda p: p.stem)
def test_a_pasted_page_gives_its_expected_values(paste: Path) -> None:
    assert summary(parse_ssi_text(read(paste))) == spec(paste)["expected"]


@pytest.mark.parametrize("paste", UNREADABLE, ids=lambda p: p.stem)
def test_an_unreadable_paste_gives_its_expected_error(paste: Path) -> None:
    with pytest.raises(SsiTextError) as caught:
        parse_ssi_text(read(paste))
    assert caught.value.code == spec(paste)["error"]


def test_the_seven_languages_have_a_fixture_each() -> None:
    languages = {spec(p)["expected"]["language"] for p in READABLE}
    assert languages == set(LANGUAGES) == {"en", "fr", "es", "pt", "de", "it", "ru"}


# --- Rules ---


def components(brand: str, people: str = "6", insights: str = "3.1", rel: str = "1.5") -> str:
    return (
        f"{brand} | Establish your professional brand\n{people} | Find the right people\n"
        f"{insights} | Engage with insights\n{rel} | Build relationships\n"
    )


def with_total(total: int, brand: str = "12.275") -> str:
    return f"Current Social Selling Index\n{total} out of 100\n" + components(brand)


def error_of(text: str) -> SsiTextError:
    with pytest.raises(SsiTextError) as caught:
        parse_ssi_text(text)
    return caught.value


def test_a_pillar_just_above_25_is_rejected() -> None:
    assert error_of(components("25.001")).code == "pillar_out_of_range"


def test_a_number_too_long_to_be_a_score_is_out_of_range() -> None:
    assert error_of(components("1" * 40)).code == "pillar_out_of_range"


def test_a_fourth_significant_decimal_is_rejected_not_rounded() -> None:
    assert error_of(components("12.0001")).params == {"pillar": "brand", "value": "12.0001"}


def test_a_total_one_point_off_the_rounded_sum_is_accepted() -> None:
    assert parse_ssi_text(with_total(24)).total_shown == 24


def test_a_total_two_points_off_the_rounded_sum_is_rejected() -> None:
    assert error_of(with_total(25)).params == {"total": 25, "sum": 22.875}


def test_a_half_point_sum_rounds_up_before_the_total_is_checked() -> None:
    # 11.9 + 6 + 3.1 + 1.5 = 22.5 rounds up to 23, one off a total of 24 (22 would be two off).
    assert parse_ssi_text(with_total(24, brand="11.9")).total_shown == 24


def test_missing_ranks_and_averages_are_warnings_not_errors() -> None:
    parsed = parse_ssi_text(with_total(23))
    assert warning_names(parsed) == [
        "missing_value:industry_rank",
        "missing_value:network_rank",
        "missing_value:industry_average",
        "missing_value:network_average",
    ]


def test_two_values_for_one_pillar_are_named_in_the_error() -> None:
    error = error_of(components("12.275") + "Four components of your score\n" + components("13"))
    assert (error.code, error.params["first"], error.params["second"]) == (
        "ambiguous_pillar",
        12.275,
        13.0,
    )


def test_the_same_value_written_twice_with_another_decimal_sign_is_not_a_conflict() -> None:
    parsed = parse_ssi_text(
        components("12.05") + "Four components of your score\n" + components("12,05")
    )
    assert parsed.brand == 12.05


def test_a_mention_of_a_pillar_between_two_other_numbers_is_an_error() -> None:
    text = components("12.275") + "Details\n5\nEstablish your professional brand\n7\n"
    assert error_of(text).params == {"pillars": ("brand",)}


def test_a_mention_between_two_numbers_is_unclear_even_when_one_is_the_pillar_s_value() -> None:
    # The other reading takes 5: agreeing with one of two readings proves nothing.
    text = components("12.275") + "Details\n5\nEstablish your professional brand\n12.275\n"
    assert error_of(text).params == {"pillars": ("brand",)}


def test_a_second_mention_beside_a_single_number_that_agrees_is_fine() -> None:
    text = components("12.275") + "Details\n12.275 | Establish your professional brand\n"
    assert parse_ssi_text(text).brand == 12.275


def test_a_caption_cut_from_its_number_gives_no_score_and_says_so() -> None:
    text = "23\nHome\nout of 100\n" + components("12.275")
    parsed = parse_ssi_text(text)
    assert (parsed.total_shown, parsed.warned("total_shown")) == (None, True)


def test_windows_line_endings_read_like_unix_ones() -> None:
    text = fixture("fr_issue_example")
    assert parse_ssi_text(text.replace("\n", "\r\n")) == parse_ssi_text(text)


def test_invisible_characters_inside_labels_are_ignored() -> None:
    text = fixture("en_issue_example")
    hidden = "\ufeff" + text.replace("professional brand", "professional\u200b brand")
    assert parse_ssi_text(hidden) == parse_ssi_text(text)


def test_text_longer_than_any_ssi_page_is_rejected() -> None:
    assert error_of("x" * (MAX_TEXT_CHARS + 1)).params == {"limit": MAX_TEXT_CHARS}


def test_the_pillars_of_the_averages_never_become_the_member_s() -> None:
    parsed = parse_ssi_text(fixture("en_hidden_tables"))
    industry, network = parsed.industry_pillars, parsed.network_pillars
    assert industry is not None
    assert network is not None
    assert (parsed.brand, industry.brand, network.brand) == (14.2, 11.27, 13.1)


def test_an_average_s_pillars_are_dropped_when_they_do_not_add_up_to_that_average() -> None:
    text = fixture("en_hidden_tables").replace("29 out of 100", "40 out of 100")
    text = text.replace("average SSI of 29", "average SSI of 40")
    parsed = parse_ssi_text(text)
    assert (parsed.industry_average, parsed.industry_pillars) == (40.0, None)


def test_a_paste_becomes_a_reading_of_the_given_day() -> None:
    reading = parse_ssi_text(fixture("fr_issue_example")).reading(date(2026, 11, 22))
    assert (reading.total, reading.industry_rank, reading.network_average) == (52.603, 10, None)


def test_the_parser_version_is_stored_as_text() -> None:
    assert PARSER_VERSION == "2"


# --- Messages ---


def test_the_error_without_components_tells_the_user_what_to_copy() -> None:
    assert "“Four components of your score” section" in str(error_of("Home\nJobs\n42\n"))


def test_an_error_reads_in_french_on_request() -> None:
    message = error_of(components("26")).message(Lang.FR)
    assert message.startswith("«\u00a0Établir votre marque professionnelle\u00a0» vaut 26,")


def test_a_missing_pillar_error_names_every_missing_pillar() -> None:
    text = "6 | Find the right people\n3.1 | Engage with insights\n"
    assert error_of(text).params == {"pillars": ("brand", "relationships")}


def test_a_warning_names_its_field_in_the_reader_s_language() -> None:
    warning = ParseWarning("missing_value", {"field": "network_average"})
    assert warning.message(Lang.FR) == "SSI moyen du réseau\u00a0: introuvable dans le texte collé."


@pytest.mark.parametrize("lang", list(Lang))
def test_every_error_and_warning_code_has_a_text(lang: Lang) -> None:
    keys = {f"parse.error.{c}" for c in ERROR_CODES} | {f"parse.warning.{c}" for c in WARNING_CODES}
    assert keys <= set(catalog(lang))


def test_the_parse_catalogs_have_the_same_keys_and_placeholders() -> None:
    def texts(lang: str) -> dict[str, frozenset[str]]:
        path = Path(__file__).parents[2] / "data" / "i18n" / lang / "parse.json"
        loaded = json.loads(path.read_text(encoding="utf-8"))
        return {key: placeholders(text) for key, text in loaded.items()}

    assert texts("fr") == texts("en")


# --- Properties ---

# The labels as LinkedIn writes them, and the words around the score, per language.
PAGE_WORDS = {
    "en": (
        "Establish your professional brand|Find the right people|Engage with insights"
        "|Build relationships",
        "Current Social Selling Index",
        "out of 100",
        "Remaining points",
    ),
    "fr": (
        "Établir votre marque professionnelle|Trouver les bonnes personnes"
        "|Échanger des informations|Établir des relations",
        "Social Selling Index actuel",
        "sur 100",
        "Points restants",
    ),
    "pt": (
        "Estabelecer sua marca profissional|Localizar as pessoas certas"
        "|Interagir oferecendo insights|Cultivar relacionamentos",
        "Social Selling Index atual",
        "de 100",
        "Pontos restantes",
    ),
    "es": (
        "Establecer tu marca profesional|Encontrar a las personas adecuadas"
        "|Interactuar con información|Establecer relaciones",
        "Social Selling Index actual",
        "de 100",
        "Puntos restantes",
    ),
    "de": (
        "Professionelle Marke etablieren|Die richtigen Personen finden"
        "|Mit Insights interagieren|Beziehungen aufbauen",
        "Aktueller Social Selling Index",
        "von 100",
        "Verbleibende Punkte",
    ),
    "it": (
        "Costruire il proprio brand professionale|Trovare le persone giuste"
        "|Interagire offrendo informazioni|Instaurare relazioni",
        "Social Selling Index attuale",
        "su 100",
        "Punti rimanenti",
    ),
}
LAYOUTS = {
    "number_label": "{number}  {label}",
    "pipe": "{number} | {label}",
    "label_tab": "{label}\t{number}",
    "label_line": "{label}\n{number}",
    "number_line": "{number}\n{label}",
}


def linkedin_number(thousandths: int, decimal_sign: str) -> str:
    """Write a score as LinkedIn does: up to 3 decimals, trailing zeros dropped."""
    whole, part = divmod(thousandths, 1000)
    decimals = f"{part:03d}".rstrip("0")
    return f"{whole}{decimal_sign}{decimals}" if decimals else str(whole)


@settings(deadline=None)
@given(
    scores=st.lists(st.integers(0, 25_000), min_size=4, max_size=4),
    decimal_sign=st.sampled_from([".", ","]),
    lang=st.sampled_from(sorted(PAGE_WORDS)),
    layout=st.sampled_from(sorted(LAYOUTS)),
    order=st.permutations(range(4)),
    remaining_rows=st.booleans(),
)
def test_pillars_written_the_linkedin_way_read_back_exactly(
    scores: list[int],
    decimal_sign: str,
    lang: str,
    layout: str,
    order: list[int],
    remaining_rows: bool,
) -> None:
    labels, heading, out_of_100, remaining = PAGE_WORDS[lang]
    pattern = LAYOUTS[layout]
    total = int((Decimal(sum(scores)) / 1000).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    lines = [heading, f"{total} {out_of_100}"]
    for index in order:
        number = linkedin_number(scores[index], decimal_sign)
        lines.append(pattern.format(number=number, label=labels.split("|")[index]))
        if remaining_rows:
            left = linkedin_number(25_000 - scores[index], decimal_sign)
            lines.append(pattern.format(number=left, label=remaining))
    parsed = parse_ssi_text("\n".join(lines))
    assert [parsed.score(p) for p in Pillar] == [s / 1000 for s in scores]
    assert (parsed.total_shown, parsed.language) == (total, lang)


# Noise a copied page really carries: menus, footers, counters, dates, the weekly change.
# Not "Top N %", "N out of 100" or "average SSI of N": those are the page's own content, and
# a stray one beside a block that is already incomplete can be read as part of it.
MENU_LINES = [
    "Home",
    "My Network",
    "Mon réseau",
    "Mi red",
    "Minha rede",
    "Mein Netzwerk",
    "La mia rete",
    "Jobs",
    "Messaging",
    "Notifications",
    "Me",
    "For Business",
    "Try Premium for €0",
    "Sales Navigator",
    "Saved searches",
    "People you may know",
    "Accessibility",
    "Help Center",
    "Privacy & Terms",
    "Ad Choices",
    "Get the LinkedIn app",
    "Accueil",
    "Offres d’emploi",
    "Centre d’aide",
    "Startseite",
    "Empleos",
    "Vagas",
    "Lavoro",
    "Camille Martin",
    "Consultante | J’aide les PME à prospecter",
]
# The page's own words: random noise must not spell them by chance.
PAGE_STEMS = ("brand", "marque", "marca", "marke", "person", "pessoa", "people", "insight")
PAGE_STEMS += ("informa", "relation", "relacion", "relacao", "relazion", "beziehung", "ssi")
PAGE_STEMS += ("selling", "remaining", "restant", "rimanent", "average", "moyen", "medio")
PAGE_STEMS += ("promedio", "durchschnitt", "compon", "professi", "profesi", "member", "membr")
PAGE_STEMS += ("miembro", "mitglied", "punkte", "punti", "puntos", "pontos", "points")
PAGE_LINKS = ("top", "out", "of", "sur", "de", "von", "su", "di")


def page_free(line: str) -> bool:
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", line.lower()) if not unicodedata.combining(c)
    )
    words = folded.split()
    return not any(s in folded for s in PAGE_STEMS) and not any(w in words for w in PAGE_LINKS)


random_words = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèàçñü", min_size=1, max_size=10),
    min_size=1,
    max_size=6,
).map(" ".join)
word_lines = st.sampled_from(MENU_LINES) | random_words.filter(page_free)
number_lines = st.one_of(
    st.integers(0, 10_000).map(str),
    st.builds(linkedin_number, st.integers(0, 99_999), st.sampled_from([".", ","])),
    st.integers(-9, 9).map(lambda n: f"{n:+d} %"),
    st.dates().map(lambda d: d.strftime("%d/%m/%Y")),
    st.just("LinkedIn Corporation © 2025"),
    st.integers(1, 999).map(lambda n: f"{n} followers"),
)
noise_lines = st.lists(word_lines | number_lines, max_size=6)


def right_or_explained(parsed: ParsedSsi, expected: dict[str, Any]) -> None:
    """Assert the pillars are right and each other value is right or empty with a warning."""
    assert [parsed.score(p) for p in Pillar] == [expected[p.value] for p in Pillar]
    warned = {w.params.get("field", "total_shown") for w in parsed.warnings}
    for name in OPTIONAL:
        value = getattr(parsed, name)
        if value != expected[name]:
            assert value is None
            # The sector's name comes with the industry average: its warning explains both.
            assert name in warned or (name == "industry_name" and "industry_average" in warned)


@settings(deadline=None)
@given(paste=st.sampled_from(KNOWN), before=noise_lines, after=noise_lines)
def test_noise_around_a_paste_never_gives_wrong_numbers(
    paste: Path, before: list[str], after: list[str]
) -> None:
    parsed = outcome("\n".join([*before, read(paste), *after]))
    if not isinstance(parsed, SsiTextError):
        right_or_explained(parsed, spec(paste)["expected"])


@settings(deadline=None)
@given(
    paste=st.sampled_from([p for p in PASTE_FILES if spec(p).get("error") != "empty"]),
    before=st.lists(word_lines, max_size=6),
    after=st.lists(word_lines, max_size=6),
)
def test_lines_of_words_around_a_paste_change_nothing(
    paste: Path, before: list[str], after: list[str]
) -> None:
    text = "\n".join([*before, read(paste), *after])
    if "error" in spec(paste):
        assert error_of(text).code == spec(paste)["error"]
    else:
        assert parse_ssi_text(text) == parse_ssi_text(read(paste))


@settings(deadline=None)
@given(paste=st.sampled_from(KNOWN), data=st.data())
def test_lines_of_words_anywhere_in_a_paste_never_give_wrong_numbers(
    paste: Path, data: st.DataObject
) -> None:
    lines = read(paste).split("\n")
    for _ in range(data.draw(st.integers(1, 4))):
        lines.insert(data.draw(st.integers(0, len(lines))), data.draw(word_lines))
    parsed = outcome("\n".join(lines))
    if not isinstance(parsed, SsiTextError):
        right_or_explained(parsed, spec(paste)["expected"])


# Pieces of real pages, to reach deep into the parser with odd mixes of them.
ODD_PIECES = ["", "Top", "%", "|", "\t", "out of 100", "25", "0", "100", "12,5", "1.234.5"]
ODD_PIECES += ["1" * 40, "0." + "0" * 40 + "1", "Top 1" + "0" * 40 + " %", "SSI of 1" + "0" * 40]
FRAGMENTS = [line for text in FIXTURE_TEXTS for line in text.split("\n") if line] + ODD_PIECES


@settings(deadline=None)
@given(
    text=st.text(max_size=300) | st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("\n".join)
)
def test_any_text_gives_a_valid_reading_or_an_ssi_text_error(text: str) -> None:
    parsed = outcome(text)
    if isinstance(parsed, SsiTextError):
        assert parsed.code in ERROR_CODES
    else:
        parsed.reading(date(2026, 1, 1))  # raises InvalidInput if any value is out of bounds
        assert {w.code for w in parsed.warnings} <= WARNING_CODES
