"""Calendar months: month steps, month ends and spans."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.months import add_months, month_end, month_of, months_apart, months_between

days = st.dates(date(2000, 1, 1), date(2100, 12, 31))


def test_adding_months_crosses_year_boundaries() -> None:
    assert add_months(date(2026, 11, 1), 3) == date(2027, 2, 1)
    assert add_months(date(2026, 2, 1), -12) == date(2025, 2, 1)
    assert add_months(date(2026, 1, 1), -1) == date(2025, 12, 1)


def test_months_between_lists_every_month_both_ends_included() -> None:
    assert months_between(date(2025, 11, 20), date(2026, 2, 3)) == (
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    )


def test_a_month_is_named_by_its_first_day() -> None:
    assert month_of(date(2026, 11, 22)) == date(2026, 11, 1)


def test_adding_months_to_a_late_day_lands_on_the_first_of_the_month() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("month", "end"),
    [
        (date(2024, 2, 1), date(2024, 2, 29)),  # a leap year
        (date(2026, 2, 14), date(2026, 2, 28)),
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 12, 31), date(2026, 12, 31)),
    ],
)
def test_a_month_ends_on_its_last_calendar_day(month: date, end: date) -> None:
    assert month_end(month) == end


def test_months_apart_counts_calendar_months_not_days() -> None:
    assert months_apart(date(2025, 12, 31), date(2026, 1, 1)) == 1
    assert months_apart(date(2026, 3, 15), date(2025, 3, 1)) == -12


def test_months_between_is_empty_when_the_last_month_comes_first() -> None:
    assert months_between(date(2026, 3, 1), date(2026, 1, 1)) == ()


@given(day=days, count=st.integers(-240, 240))
def test_adding_months_then_measuring_the_gap_gives_the_count_back(day: date, count: int) -> None:
    assert months_apart(day, add_months(day, count)) == count
