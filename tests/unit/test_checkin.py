"""Reading the typed check-in form and summing it up."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.checkin import (
    FormErrors,
    changed_fields,
    form_values,
    parse_day,
    parse_number,
    previous_reading,
    reading_from_form,
    summarize_checkin,
)
from ssi_coach.i18n import Lang
from ssi_coach.model import FIRST_SSI_DATE, InvalidInput, Reading
from tests.unit.strategies import readings

FORM = {
    "taken_on": date(2026, 11, 1),
    "brand": "12,275",
    "people": "6",
    "insights": "3.1",
    "relationships": "1,5",
    "industry_rank": "",
    "network_rank": None,
    "industry_average": "",
    "network_average": "",
}


def reading_on(day: date, total_brand: float = 10.0) -> Reading:
    return Reading(day, total_brand, 5.0, 5.0, 5.0)


def test_a_french_comma_decimal_is_read_as_a_number() -> None:
    assert reading_from_form(FORM).brand == 12.275


def test_empty_optional_fields_stay_unknown() -> None:
    reading = reading_from_form(FORM)
    assert (reading.industry_rank, reading.network_average) == (None, None)


def test_a_rank_copied_as_top_x_percent_is_read() -> None:
    assert reading_from_form(FORM | {"industry_rank": "Top 10 %"}).industry_rank == 10


def test_spaces_around_a_number_and_between_its_thousands_are_ignored() -> None:
    assert parse_number("industry_average", "\u00a035,5\u202f", required=False) == 35.5
    assert parse_number("industry_average", "1\u00a0000", required=False) == 1000.0


@pytest.mark.parametrize("typed", ["9 5", "1\u00a000", "12 5,5"])
def test_a_space_that_sets_no_thousands_apart_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_number("industry_average", typed, required=False)
    assert (caught.value.field, caught.value.code) == ("industry_average", "not_a_number")


@pytest.mark.parametrize("typed", ["1,000", "10,5", "Top 1.000 %"])
def test_a_rank_is_whole_and_a_mark_before_three_digits_is_refused(typed: str) -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"network_rank": typed})
    assert caught.value.fields == ("network_rank",)


@pytest.mark.parametrize("field", ["brand", "industry_rank", "network_average"])
def test_a_five_thousand_digit_figure_is_refused_naming_its_field(field: str) -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {field: "9" * 5000})
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, "too_large")]


@pytest.mark.parametrize("field", ["brand", "industry_rank", "network_average"])
def test_a_huge_number_given_as_a_number_is_refused_naming_its_field(field: str) -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {field: 10**400})
    assert [(e.field, e.code) for e in caught.value.errors] == [(field, "out_of_range")]


def test_every_bad_field_is_reported_at_once_in_form_order() -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"relationships": "", "brand": "26", "network_rank": "0"})
    assert caught.value.fields == ("brand", "relationships", "network_rank")


def test_a_missing_pillar_is_required() -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"people": "  "})
    assert [(e.field, e.code) for e in caught.value.errors] == [("people", "required")]


def test_text_that_is_not_a_number_names_the_field() -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"insights": "douze"})
    assert caught.value.errors[0].field == "insights"


@given(st.text(max_size=12))
def test_any_typed_text_gives_a_reading_or_named_errors(text: str) -> None:
    errors: tuple[InvalidInput, ...] = ()
    try:
        reading_from_form(FORM | {"people": text, "industry_average": text})
    except FormErrors as invalid:
        errors = invalid.errors
    assert {e.field for e in errors} <= {"people", "industry_average"}


def test_the_previous_reading_is_the_latest_strictly_before() -> None:
    history = [reading_on(date(2026, 9, 1)), reading_on(date(2026, 10, 1))]
    new = reading_on(date(2026, 10, 20))
    assert previous_reading(new, [*history, new]) == history[1]


def test_the_summary_gives_the_change_since_the_previous_check_in() -> None:
    before = reading_on(date(2026, 10, 1), 10.0)
    now = reading_on(date(2026, 11, 1), 12.5)
    summary = summarize_checkin(now, [before, now])
    assert (summary.change, summary.days_since_previous) == (2.5, 31)


def test_a_first_check_in_has_no_change() -> None:
    now = reading_on(date(2026, 11, 1))
    assert summarize_checkin(now, [now]).change is None


def test_a_check_in_6_days_after_the_previous_is_too_soon() -> None:
    before = reading_on(date(2026, 10, 26))
    assert summarize_checkin(reading_on(date(2026, 11, 1)), [before]).too_soon


def test_a_check_in_7_days_after_the_previous_is_not_too_soon() -> None:
    before = reading_on(date(2026, 10, 25))
    assert not summarize_checkin(reading_on(date(2026, 11, 1)), [before]).too_soon


def date_error(raw: object) -> InvalidInput:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"taken_on": raw})
    [error] = caught.value.errors
    assert error.field == "taken_on"
    return error


def test_a_future_date_is_refused() -> None:
    assert date_error(date.today() + timedelta(days=1)).code == "in_future"


def test_today_is_a_valid_date() -> None:
    assert reading_from_form(FORM | {"taken_on": date.today()}).taken_on == date.today()


def test_a_date_before_the_ssi_existed_is_refused() -> None:
    assert date_error(date(2013, 12, 31)).code == "before_ssi"


def test_a_missing_date_is_required() -> None:
    assert date_error(None).code == "required"


def test_an_unreadable_date_is_refused() -> None:
    assert date_error("le 1er septembre").code == "date_format"


def test_a_day_that_the_calendar_lacks_is_refused() -> None:
    assert date_error("31/02/2026").code == "date_format"


def test_a_moment_is_not_taken_for_a_day() -> None:
    assert date_error(datetime(2026, 9, 1, 12)).code == "not_a_date"


def test_a_date_written_day_first_is_read_day_first() -> None:
    assert parse_day("taken_on", "01/09/2026") == date(2026, 9, 1)


def test_an_iso_date_is_read() -> None:
    assert parse_day("taken_on", " 2026-09-01 ") == date(2026, 9, 1)


def test_a_refused_date_names_the_date_field_in_french() -> None:
    message = date_error(date.today() + timedelta(days=1)).message(Lang.FR)
    assert message == "Date du relevé : la date ne peut pas être dans le futur."


def test_a_refused_date_names_the_date_field_in_english() -> None:
    assert date_error("32/01/2026").message(Lang.EN).startswith("Date of the reading: enter a date")


def test_a_bad_date_is_reported_with_the_other_bad_fields() -> None:
    with pytest.raises(FormErrors) as caught:
        reading_from_form(FORM | {"taken_on": date(2013, 1, 1), "brand": "26"})
    assert caught.value.fields == ("taken_on", "brand")


@given(st.text(max_size=12))
def test_any_typed_date_gives_a_reading_or_a_date_error(text: str) -> None:
    errors: tuple[str, ...] = ()
    day: date | None = None
    try:
        day = reading_from_form(FORM | {"taken_on": text}).taken_on
    except FormErrors as invalid:
        errors = invalid.fields
    assert errors == (() if day else ("taken_on",))
    assert day is None or FIRST_SSI_DATE <= day <= date.today()


@given(readings, st.sampled_from(Lang))
def test_a_reading_written_back_into_the_form_reads_as_the_same_reading(
    reading: Reading, lang: Lang
) -> None:
    assert reading_from_form(form_values(reading, lang)) == reading


def test_only_the_figures_that_differ_are_listed_as_changes() -> None:
    old = Reading(date(2026, 9, 1), 10, 12, 5, 5)
    new = Reading(date(2026, 9, 1), 12, 10, 5, 5, industry_rank=8)
    assert changed_fields(old, new) == ("brand", "people", "industry_rank")
