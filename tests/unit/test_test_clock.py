"""The test run's clock lands on a noon ahead, never behind and never more than a day away."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tests.clock import seconds_to_noon


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_the_shift_always_lands_on_a_noon_less_than_a_day_ahead(now: datetime) -> None:
    landing = now + timedelta(seconds=seconds_to_noon(now))
    assert (landing.hour, landing.minute, landing.second, landing.microsecond) == (12, 0, 0, 0)
    assert timedelta(0) < landing - now <= timedelta(days=1)


def test_a_run_started_just_before_midnight_runs_at_the_next_noon() -> None:
    assert seconds_to_noon(datetime(2026, 11, 30, 23, 59, 50)) == 12 * 3600 + 10
