"""Reading the typed check-in form and summing it up."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.checkin import (
    FormErrors,
    parse_number,
    previous_reading,
    reading_from_form,
    summarize_checkin,
)
from ssi_coach.model import InvalidInput, Reading

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


def test_non_breaking_spaces_are_ignored() -> None:
    assert parse_number("industry_average", "1\u00a000", required=False) == 100.0


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
