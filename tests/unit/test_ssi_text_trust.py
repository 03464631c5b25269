"""A pasted page is read right, refused, or warned field by field: never silently wrong.

Issue 12, families 1, 2 and the pasted page of 4: pages pasted twice, two pages in one
paste, stray numbers and captions, the real pages in other languages, and characters no
copied page holds.
"""

from pathlib import Path

import pytest

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.ssi_text import (
    MAX_TEXT_CHARS,
    ParsedSsi,
    SsiTextError,
    check_source_text,
    parse_ssi_text,
)

PASTES = Path(__file__).parent / "fixtures" / "pastes"


def page(name: str) -> str:
    return (PASTES / f"{name}.txt").read_text(encoding="utf-8")


def error_of(text: str) -> SsiTextError:
    with pytest.raises(SsiTextError) as caught:
        parse_ssi_text(text)
    return caught.value


def averages(parsed: ParsedSsi) -> tuple[float | None, float | None]:
    return parsed.industry_average, parsed.network_average


LABEL_FIRST = page("en_label_then_number_lines")  # 16.4, 13.875, 12, 15.91; "58 out of 100"
# The fr page ends with its industry section; this second page has no heading at all.
SECOND_FRENCH_PAGE = (
    "54 sur 100\n19,5 | Établir votre marque professionnelle\n11,25 | Trouver les bonnes "
    "personnes\n9,853 | Échanger des informations\n13 | Établir des relations\n"
)


# --- The same block twice, two pages ---


def test_the_member_s_block_pasted_twice_is_read_once_and_never_as_an_average() -> None:
    own = page("en_issue_example").split("People in your industry")[0]
    parsed = parse_ssi_text(own + own)
    assert (parsed.total_shown, averages(parsed)) == (23, (None, None))
    assert (parsed.warned("industry_average"), parsed.warned("network_average")) == (True, True)


def test_a_whole_page_pasted_twice_reads_as_the_page() -> None:
    text = page("en_hidden_tables")
    assert parse_ssi_text(text + "\n" + text).brand == parse_ssi_text(text).brand == 14.2


def test_two_different_pages_in_one_paste_are_refused() -> None:
    assert error_of(page("en_issue_example") + page("en_hidden_tables")).code == "two_pages"


def test_a_second_page_without_headings_is_refused_not_read_as_an_average() -> None:
    assert error_of(page("fr_issue_example") + SECOND_FRENCH_PAGE).code == "two_pages"


def test_a_second_page_s_pillars_are_never_taken_for_an_average_s_table() -> None:
    french = (
        "Établir votre marque professionnelle\n18,5\nTrouver les bonnes personnes\n11,25\n"
        "Échanger des informations\n9,853\nÉtablir des relations\n13\n"
    )
    assert error_of(page("en_caption_split") + french).code == "two_pages"


def test_the_two_pages_message_asks_to_copy_one_page_in_both_languages() -> None:
    error = error_of(page("en_issue_example") + page("en_hidden_tables"))
    assert "Copy a single SSI page" in error.message(Lang.EN)
    assert "Copiez une seule page SSI" in error.message(Lang.FR)


# --- Stray numbers and captions ---


def test_a_stray_number_between_a_label_and_its_value_refuses_the_pillar() -> None:
    # 15 instead of 15.91 keeps the total within one point of 58: the check cannot catch it.
    text = LABEL_FIRST.replace("Build relationships\n", "Build relationships\n15\n")
    error = error_of(text)
    assert (error.code, error.params) == ("ambiguous_layout", {"pillars": ("relationships",)})


def test_a_number_cut_from_its_label_by_a_stray_line_refuses_the_pillar() -> None:
    # A stray number before the first label and a stray line before the last value read as
    # a whole list written number first, and no score is there to check it.
    text = LABEL_FIRST.replace("58 out of 100\n", "").replace("Establish your", "7\nEstablish your")
    text = text.replace("Build relationships\n", "Build relationships\nHome\n")
    assert error_of(text).params == {"pillars": ("relationships",)}


def test_a_line_moved_into_a_pillar_list_is_refused_even_when_the_total_still_matches() -> None:
    # Swapping "13.875" and its label, then joining the label to the next number, reads the
    # same four numbers in another order: the total cannot tell.
    text = page("en_number_then_label_lines").replace(
        "13.875\nFind the right people\n12\n", "Find the right people 12\n13.875\n"
    )
    assert error_of(text).code == "ambiguous_layout"


def test_a_rank_repeated_where_the_next_one_was_lost_leaves_both_empty_with_a_warning() -> None:
    # "Top 30 %" twice then the network label, its own "Top 35 %" gone: read either way.
    top_30, top_35 = "Top 30\u00a0%\n", "Top 35\u00a0%\n"
    text = page("es_page").replace(top_30, top_30 * 2).replace(top_35, "")
    parsed = parse_ssi_text(text)
    assert (parsed.industry_rank, parsed.network_rank) == (None, None)
    assert (parsed.warned("industry_rank"), parsed.warned("network_rank")) == (True, True)


def test_a_top_percentage_glued_to_another_sentence_is_not_a_rank() -> None:
    text = page("en_generic_industry_sentence").replace("SSI of 26.", "SSI of 26. Top 20%")
    parsed = parse_ssi_text(text)
    assert (parsed.network_rank, parsed.warned("network_rank")) == (None, True)


def test_a_missing_caption_never_moves_an_average_to_the_next_section() -> None:
    text = page("en_captions_without_headings").replace("27 out of 100\n", "")
    parsed = parse_ssi_text(text)
    assert averages(parsed) == (None, None)
    assert (parsed.warned("industry_average"), parsed.warned("network_average")) == (True, True)


def test_two_captions_swapped_between_sections_are_never_read_as_each_other() -> None:
    text = page("es_real_labels").replace(
        "27 de 100\nPersonas de tu red\n", "Personas de tu red\n27 de 100\n"
    )
    parsed = parse_ssi_text(text)
    assert averages(parsed) == (None, None)


def test_a_caption_followed_by_the_other_section_s_sentence_is_not_taken_for_this_one() -> None:
    # The industry's caption and sentence and the network's heading are gone: "32 de 100"
    # stands under the industry's heading, right before the network's sentence.
    lines = page("pt_page").split("\n")
    gone = ("27 de 100", "Profissionais do setor", "Pessoas na sua rede")
    parsed = parse_ssi_text("\n".join(x for x in lines if not x.startswith(gone)))
    assert (parsed.industry_average, parsed.network_average) == (None, 32)
    assert parsed.warned("industry_average")


def test_two_out_of_100_lines_never_give_an_average_of_100() -> None:
    text = page("en_components_only") + "People in your industry\nout of 100\nout of 100\n"
    parsed = parse_ssi_text(text)
    assert (parsed.industry_average, parsed.warned("industry_average")) == (None, True)


def test_two_different_scores_on_one_page_leave_the_score_empty_with_a_warning() -> None:
    text = page("en_issue_example").replace("23 out of 100\n", "23 out of 100\n24 out of 100\n")
    parsed = parse_ssi_text(text)
    assert (parsed.total_shown, parsed.warned("total_shown")) == (None, True)


def test_a_date_is_never_read_as_a_pillar() -> None:
    text = page("fr_issue_example").replace("relations\n13\n", "relations\n12/05/2026\n13\n")
    assert error_of(text).code == "ambiguous_layout"


# --- Real pages ---


def test_pt_br_ranks_written_primeiros_are_read() -> None:
    parsed = parse_ssi_text(page("pt_primeiros_label_first"))
    assert (parsed.industry_rank, parsed.network_rank) == (10, 12)


def test_the_2026_pt_br_page_with_each_value_before_its_label_is_read_whole() -> None:
    parsed = parse_ssi_text(page("pt_2026_value_first"))
    assert (parsed.brand, parsed.relationships, parsed.total_shown) == (20.973, 15, 53)
    assert (parsed.industry_rank, parsed.network_rank, averages(parsed)) == (10, 12, (35, 36))
    assert parsed.warnings == ()


def test_the_spanish_page_s_own_labels_and_ranks_are_read() -> None:
    parsed = parse_ssi_text(page("es_real_labels"))
    assert [parsed.brand, parsed.people, parsed.insights, parsed.relationships] == [
        13.5,
        9.25,
        6.875,
        11.4,
    ]
    assert (parsed.industry_rank, parsed.network_rank, parsed.language) == (51, 43, "es")


@pytest.mark.parametrize("name", ["ru_page", "ru_number_first"])
def test_a_russian_page_is_read(name: str) -> None:
    parsed = parse_ssi_text(page(name))
    assert (parsed.brand, parsed.insights, parsed.total_shown, parsed.language) == (
        14.35,
        8.125,
        47,
        "ru",
    )


def test_french_pillar_1_written_construire_is_read() -> None:
    assert parse_ssi_text(page("fr_construire_label_first")).brand == 18.5


@pytest.mark.parametrize(
    ("name", "lang", "words"),
    [
        ("err_no_access_en", Lang.EN, "you do not have access to the SSI"),
        ("err_no_access_fr", Lang.FR, "vous n’avez pas accès au SSI"),
    ],
)
def test_a_page_without_access_to_the_ssi_gets_its_own_message(
    name: str, lang: Lang, words: str
) -> None:
    error = error_of(page(name))
    assert (error.code, words in error.message(lang)) == ("no_access", True)


# --- Characters no copied page holds ---


@pytest.mark.parametrize("char", ["\x00", "\ud800", "\x1b", "\x0c", "\x7f", "\x85"])
def test_a_pasted_page_with_a_control_character_is_refused_naming_its_line(char: str) -> None:
    text = page("en_issue_example").replace("Top 72%", f"Top 72%{char}", 1)
    error = error_of(text)
    assert (error.code, error.params) == ("control_characters", {"line": 5})


def test_the_control_character_message_says_what_to_do_in_both_languages() -> None:
    error = error_of("Home\n\x00")
    assert "line 2" in error.message(Lang.EN)
    assert "ligne 2" in error.message(Lang.FR)
    assert "Copiez à nouveau votre page SSI" in error.message(Lang.FR)


def test_tabs_and_windows_line_breaks_are_still_read() -> None:
    text = page("en_label_tab_number")
    assert parse_ssi_text(text.replace("\n", "\r\n")) == parse_ssi_text(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("page\x00", "control_characters"), ("x" * (MAX_TEXT_CHARS + 1), "too_long")],
)
def test_a_page_text_unfit_to_store_is_refused_by_name(text: str, code: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        check_source_text(text)
    assert (caught.value.field, caught.value.code) == ("source_text", code)
