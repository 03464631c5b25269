"""Saved headlines and Abouts: what a version may hold, in a file, and on Progress."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput, Reading
from ssi_coach.progress import HeadlineChange, headline_caption, headline_change
from ssi_coach.records import ProfileData, ProfileText
from ssi_coach.review import LIMITS, TextKind
from tests.unit.strategies import readings
from tests.unit.test_transfer import profile_texts, table_csv
from tests.unit.test_transfer import refusal as file_refusal

SAVED_AT = datetime(2026, 11, 12, 9, 30)
NBSP = "\u00a0"
ABOUT = "J’aide les DAF de PME industrielles.\n\nComment ?\r\n\t— en automatisant leur clôture."


def refusal(kind: object, text: object) -> tuple[str, str, dict[str, object]]:
    """Return the field, code and parameters of the error building a version raises."""
    with pytest.raises(InvalidInput) as refused:
        ProfileText(kind, SAVED_AT, text)  # type: ignore[arg-type]
    return refused.value.field, refused.value.code, refused.value.params


# --- what a saved version holds ----------------------------------------------------------------


@given(profile_texts())
def test_any_headline_or_about_within_its_limit_is_kept_exactly(version: ProfileText) -> None:
    again = ProfileText(version.kind.value, version.saved_at, version.text)  # type: ignore[arg-type]
    assert again == version


def test_a_kind_given_as_its_code_is_kept_as_the_kind() -> None:
    version = ProfileText("about", SAVED_AT, ABOUT)  # type: ignore[arg-type]
    assert version.kind is TextKind.ABOUT


@pytest.mark.parametrize("kind", [TextKind.COMMENT, TextKind.MESSAGE, "invitation", "bio", None])
def test_only_a_headline_or_an_about_can_be_saved(kind: object) -> None:
    assert refusal(kind, "Mon texte")[:2] == ("kind", "unknown_choice")


@pytest.mark.parametrize("kind", [TextKind.HEADLINE, TextKind.ABOUT])
@pytest.mark.parametrize("blank", ["", " ", "\u00a0", "\n\t "])
def test_a_blank_text_is_refused_as_required(kind: TextKind, blank: str) -> None:
    assert refusal(kind, blank)[:2] == ("text", "required")


@pytest.mark.parametrize("broken", ["Deux\nlignes", "Deux\r\nlignes", "Fin\r"])
def test_a_headline_holds_no_line_break(broken: str) -> None:
    assert refusal(TextKind.HEADLINE, broken)[:2] == ("text", "control_characters")


def test_an_about_keeps_its_line_breaks_and_tabs() -> None:
    assert ProfileText(TextKind.ABOUT, SAVED_AT, ABOUT).text == ABOUT


@pytest.mark.parametrize("kind", [TextKind.HEADLINE, TextKind.ABOUT])
def test_no_text_holds_another_control_character(kind: TextKind) -> None:
    assert refusal(kind, "Bip\x07")[:2] == ("text", "control_characters")


def test_a_text_that_is_not_text_is_refused_naming_the_text() -> None:
    assert refusal(TextKind.HEADLINE, 42)[:2] == ("text", "not_text")


@pytest.mark.parametrize(("kind", "limit"), [(TextKind.HEADLINE, 220), (TextKind.ABOUT, 2600)])
def test_each_kind_takes_linkedins_limit_and_not_one_character_more(
    kind: TextKind, limit: int
) -> None:
    assert LIMITS[kind] == limit
    assert len(ProfileText(kind, SAVED_AT, "é" * limit).text) == limit
    assert refusal(kind, "é" * (limit + 1)) == ("text", "too_long", {"limit": limit})


# --- the headline's change on Progress --------------------------------------------------------

SAVED_ON = date(2025, 11, 12)
SEPTEMBER = Reading(date(2025, 9, 15), 12.5, 10, 10, 10)
OCTOBER = Reading(date(2025, 10, 15), 14.2, 10, 10, 10)
DECEMBER = Reading(date(2025, 12, 15), 16, 10, 10, 10)
JANUARY = Reading(date(2026, 1, 15), 17.125, 10, 10, 10)


def test_nothing_is_shown_when_no_headline_was_ever_saved() -> None:
    assert headline_change([SEPTEMBER, OCTOBER], None) is None


def test_the_brand_is_read_at_the_last_check_in_before_and_the_latest_after() -> None:
    change = headline_change([SEPTEMBER, OCTOBER, DECEMBER, JANUARY], SAVED_ON)
    assert change == HeadlineChange(SAVED_ON, brand_before=14.2, brand_after=17.125)


def test_a_check_in_of_the_day_the_headline_was_saved_counts_as_before() -> None:
    same_day = Reading(SAVED_ON, 15, 10, 10, 10)
    change = headline_change([OCTOBER, same_day, DECEMBER], SAVED_ON)
    assert change == HeadlineChange(SAVED_ON, brand_before=15, brand_after=16)


def test_without_a_check_in_since_the_headline_only_the_before_is_known() -> None:
    assert headline_change([SEPTEMBER, OCTOBER], SAVED_ON) == HeadlineChange(SAVED_ON, 14.2, None)


def test_without_a_check_in_before_the_headline_only_the_after_is_known() -> None:
    assert headline_change([DECEMBER, JANUARY], SAVED_ON) == HeadlineChange(SAVED_ON, None, 17.125)


def test_without_any_check_in_only_the_day_is_known() -> None:
    assert headline_change([], SAVED_ON) == HeadlineChange(SAVED_ON, None, None)


def _day(reading: Reading) -> date:
    return reading.taken_on


distinct_readings = st.lists(readings, max_size=8, unique_by=_day)


@given(distinct_readings, st.dates(date(2014, 1, 1), date(2030, 12, 31)), st.randoms())
def test_the_order_the_check_ins_come_in_never_changes_the_result(
    found: list[Reading], saved_on: date, shuffler: random.Random
) -> None:
    shuffled = list(found)
    shuffler.shuffle(shuffled)
    assert headline_change(shuffled, saved_on) == headline_change(sorted(found, key=_day), saved_on)


@given(distinct_readings, st.data())
def test_before_and_after_are_brand_scores_of_check_ins_either_side_of_the_day(
    found: list[Reading], drawn: st.DataObject
) -> None:
    # Often a check-in's own day: the edge between before and after.
    days = st.dates(date(2014, 1, 1), date(2030, 12, 31))
    saved_on = drawn.draw(st.sampled_from([_day(r) for r in found]) | days if found else days)
    change = headline_change(found, saved_on)
    assert change is not None
    before = {r.brand for r in found if r.taken_on <= saved_on}
    after = {r.brand for r in found if r.taken_on > saved_on}
    assert (change.brand_before is None) == (not before)
    assert (change.brand_after is None) == (not after)
    assert change.brand_before is None or change.brand_before in before
    assert change.brand_after is None or change.brand_after in after


# --- the caption under the pillars ------------------------------------------------------------


def test_the_caption_says_when_the_headline_changed_and_the_brand_either_side_in_french() -> None:
    caption = headline_caption(HeadlineChange(SAVED_ON, 14.2, 16.0), Lang.FR)
    assert caption == (
        f"Titre LinkedIn enregistré le 12/11/2025 · marque professionnelle{NBSP}: "
        "14,2 au relevé d’avant, 16 au dernier relevé."
    )


def test_the_caption_writes_dates_and_numbers_the_english_way() -> None:
    caption = headline_caption(HeadlineChange(SAVED_ON, 14.2, 16.125), Lang.EN)
    assert caption == (
        "LinkedIn headline saved on 2025-11-12 · professional brand: "
        "14.2 at the check-in before, 16.125 at the latest check-in."
    )


@pytest.mark.parametrize("lang", list(Lang))
def test_each_missing_side_has_its_own_wording_with_no_placeholder_left(lang: Lang) -> None:
    captions = [
        headline_caption(HeadlineChange(SAVED_ON, before, after), lang)
        for before, after in ((14.2, 16.0), (14.2, None), (None, 16.0), (None, None))
    ]
    assert len(set(captions)) == 4
    assert not any("{" in caption or "review_saved" in caption for caption in captions)
    before, day = ("14,2", "12/11/2025") if lang is Lang.FR else ("14.2", "2025-11-12")
    assert before in captions[1]
    assert all(day in caption for caption in captions)


# --- in an export -----------------------------------------------------------------------------


def test_a_bad_saved_text_in_a_csv_file_is_named_by_its_line_and_moment() -> None:
    version = ProfileText(TextKind.HEADLINE, datetime(2025, 1, 5, 9), "J’aide les DAF")
    content = table_csv(ProfileData(profile_texts=(version,)), "profile_texts").decode("utf-8")
    too_long = content.replace("J’aide les DAF", "x" * 221).encode("utf-8")
    message = file_refusal(too_long, name="titres-infos.csv").replace(NBSP, " ")
    assert message.startswith("titres-infos.csv, ligne 2 (version du 05/01/2025 à 09:00)")
    assert "Texte enregistré" in message
