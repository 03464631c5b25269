"""Habit tracking: completion, habit score, streaks, pauses and weekly rates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.habits import (
    SCORE_ALPHA,
    DayStatus,
    HabitDay,
    Holiday,
    Pauses,
    Tick,
    check_skip,
    daily_completion,
    habit_days,
    habit_score,
    honoured_skips,
    percent_text,
    routine_start,
    skips_left,
    streaks,
    weekday_labels,
    weekly_completion,
)
from ssi_coach.i18n import Lang
from ssi_coach.model import InvalidInput
from ssi_coach.plan import Lever

EVERY_DAY = Pauses(rest_weekdays=frozenset())
MONDAY = date(2026, 1, 5)


def run_of(first: date, length: int, value: float = 1.0) -> dict[date, float]:
    return {first + timedelta(days=i): value for i in range(length)}


def history(
    completion: dict[date, float], since: date, today: date, pauses: Pauses = EVERY_DAY
) -> tuple[HabitDay, ...]:
    return habit_days(completion, since, today, pauses)


# --- habit score -------------------------------------------------------------------------


def test_the_score_uses_loops_daily_multiplier() -> None:
    assert pytest.approx(0.0519225, abs=1e-7) == SCORE_ALPHA


def test_the_score_follows_the_moving_average_by_hand() -> None:
    start = date(2026, 3, 2)
    done = {start: 1.0, start + timedelta(days=1): 0.5}
    days = history(done, start, start + timedelta(days=3))
    # s1 = α; s2 = s1·(1 − α) + 0.5·α; s3 = s2·(1 − α); the last day is today, pending.
    assert [d.score for d in days] == pytest.approx(
        [0.0519225, 0.0751878, 0.0712838, 0.0712838], abs=1e-7
    )


def test_a_few_missed_days_after_a_long_run_barely_hurt() -> None:
    start = date(2025, 1, 1)
    done = run_of(start, 200)
    days = history(done, start, start + timedelta(days=203))
    assert days[199].score > 0.99
    assert 0.8 < days[-2].score < days[199].score


def test_a_missed_day_lowers_the_score() -> None:
    start = date(2025, 1, 1)
    days = history(run_of(start, 10), start, start + timedelta(days=11))
    assert days[10].score < days[9].score


def test_partial_work_counts_in_the_score() -> None:
    start = date(2025, 1, 1)
    partial = history({start: 0.5}, start, start + timedelta(days=1))
    missed = history({}, start, start + timedelta(days=1))
    assert habit_score(partial) > habit_score(missed)


def test_an_empty_history_scores_zero() -> None:
    assert habit_score(()) == 0.0


@given(
    values=st.lists(st.sampled_from([0.0, 0.25, 0.5, 1.0]), min_size=1, max_size=120),
)
def test_the_score_stays_between_zero_and_one(values: list[float]) -> None:
    start = date(2024, 1, 1)
    done = {start + timedelta(days=i): v for i, v in enumerate(values)}
    days = history(done, start, start + timedelta(days=len(values)))
    assert all(0.0 <= d.score <= 1.0 for d in days)


@given(
    values=st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=1, max_size=90),
    paused=st.sets(st.integers(min_value=0, max_value=89)),
)
def test_paused_days_change_neither_score_nor_streaks(
    values: list[float], paused: set[int]
) -> None:
    start = date(2023, 12, 1)
    holidays = tuple(Holiday(start + timedelta(days=i), start + timedelta(days=i)) for i in paused)
    with_pauses: dict[date, float] = {}
    without: dict[date, float] = {}
    day = kept = start
    for value in values:
        while (day - start).days in paused:
            with_pauses[day] = 1.0 if (day - start).days % 2 else 0.0  # ignored when paused
            day += timedelta(days=1)
        with_pauses[day] = value
        without[kept] = value
        day += timedelta(days=1)
        kept += timedelta(days=1)
    paused_history = history(with_pauses, start, day, Pauses(holidays=holidays, rest_weekdays=()))
    plain_history = history(without, start, kept)
    assert habit_score(paused_history) == pytest.approx(habit_score(plain_history))
    assert streaks(paused_history) == streaks(plain_history)


# --- streaks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "length"),
    [
        (date(2026, 1, 29), 5),  # across a month end
        (date(2025, 12, 29), 6),  # across a year end
        (date(2024, 2, 27), 4),  # through the leap day 2024-02-29
        (date(2028, 2, 28), 3),  # through the leap day 2028-02-29
        (date(2023, 2, 27), 4),  # a non-leap February, for contrast
    ],
)
def test_a_streak_counts_every_day_across_calendar_boundaries(first: date, length: int) -> None:
    last = first + timedelta(days=length - 1)
    assert streaks(history(run_of(first, length), first, last)).current == length


def test_the_leap_day_itself_must_be_done_to_keep_the_streak() -> None:
    done = run_of(date(2024, 2, 26), 5)
    del done[date(2024, 2, 29)]
    result = streaks(history(done, date(2024, 2, 26), date(2024, 3, 1)))
    assert (result.current, result.best) == (1, 3)


def test_the_best_streak_survives_a_break() -> None:
    start = date(2026, 1, 1)
    done = run_of(start, 10) | run_of(start + timedelta(days=11), 3)
    result = streaks(history(done, start, start + timedelta(days=13)))
    assert (result.current, result.best) == (3, 10)


def test_today_partly_done_does_not_break_the_streak() -> None:
    start = date(2026, 3, 1)
    today = start + timedelta(days=5)
    days = history(run_of(start, 5) | {today: 0.5}, start, today)
    assert days[-1].status is DayStatus.STARTED
    assert streaks(days).current == 5


def test_today_untouched_is_pending_and_leaves_the_score_alone() -> None:
    start = date(2026, 3, 1)
    today = start + timedelta(days=5)
    days = history(run_of(start, 5), start, today)
    assert days[-1].status is DayStatus.PENDING
    assert days[-1].score == days[-2].score


def test_a_first_ticked_task_today_raises_a_new_habits_score() -> None:
    today = date(2026, 3, 2)
    days = history({today: 0.6}, today, today)
    assert days[-1].status is DayStatus.STARTED
    assert days[-1].score == pytest.approx(0.6 * SCORE_ALPHA)


@given(
    values=st.lists(st.sampled_from([0.0, 0.5, 1.0]), min_size=1, max_size=60),
    today_value=st.sampled_from([0.1, 0.25, 0.5, 0.9]),
)
def test_ticking_today_never_lowers_the_score_before_the_day_is_over(
    values: list[float], today_value: float
) -> None:
    start = date(2024, 1, 1)
    done = {start + timedelta(days=i): v for i, v in enumerate(values)}
    today = start + timedelta(days=len(values))
    untouched = history(done, start, today)
    started = history(done | {today: today_value}, start, today)
    assert habit_score(started) >= habit_score(untouched)


def test_today_done_extends_the_streak() -> None:
    start = date(2026, 3, 1)
    assert streaks(history(run_of(start, 6), start, start + timedelta(days=5))).current == 6


def test_yesterday_missed_breaks_the_streak() -> None:
    start = date(2026, 3, 1)
    today = start + timedelta(days=6)
    assert streaks(history(run_of(start, 5), start, today)).current == 0


def test_a_partly_done_day_breaks_the_streak() -> None:
    start = date(2026, 3, 1)
    done = run_of(start, 5) | {start + timedelta(days=2): 0.9}
    result = streaks(history(done, start, start + timedelta(days=4)))
    assert (result.current, result.best) == (2, 2)


@given(values=st.lists(st.sampled_from([0.0, 0.5, 1.0]), max_size=60))
def test_the_best_streak_is_never_below_the_current_one(values: list[float]) -> None:
    start = date(2024, 2, 1)
    done = {start + timedelta(days=i): v for i, v in enumerate(values)}
    result = streaks(history(done, start, start + timedelta(days=len(values))))
    assert result.best >= result.current


# --- pauses ------------------------------------------------------------------------------


def test_a_skip_day_freezes_score_and_streak() -> None:
    start = date(2026, 3, 2)
    skip = start + timedelta(days=3)
    done = run_of(start, 7)
    del done[skip]
    days = history(done, start, start + timedelta(days=6), Pauses(skips={skip}, rest_weekdays=()))
    assert days[3].status is DayStatus.SKIPPED
    assert days[3].score == days[2].score
    assert streaks(days).current == 6


def test_a_holiday_across_the_year_end_freezes_score_and_streak() -> None:
    start = date(2025, 12, 20)
    holiday = Holiday(date(2025, 12, 24), date(2026, 1, 2))
    done = {d: v for d, v in run_of(start, 20).items() if not holiday.covers(d)}
    pauses = Pauses(holidays=(holiday,), rest_weekdays=())
    days = history(done, start, start + timedelta(days=19), pauses)
    frozen = [d for d in days if d.status is DayStatus.HOLIDAY]
    assert len(frozen) == 10
    assert {d.score for d in frozen} == {days[3].score}
    assert streaks(days).current == 10


def test_a_third_skip_in_a_month_is_not_honoured() -> None:
    skips = {date(2026, 4, 7), date(2026, 4, 8), date(2026, 4, 9)}
    days = history({}, date(2026, 4, 6), date(2026, 4, 10), Pauses(skips=skips, rest_weekdays=()))
    statuses = [d.status for d in days]
    assert statuses[1:4] == [DayStatus.SKIPPED, DayStatus.SKIPPED, DayStatus.MISSED]


def test_the_earliest_skips_of_a_month_are_the_honoured_ones() -> None:
    skips = {date(2026, 5, 20), date(2026, 5, 2), date(2026, 5, 11)}
    assert honoured_skips(skips) == {date(2026, 5, 2), date(2026, 5, 11)}


def test_weekends_are_rest_days_by_default() -> None:
    saturday = date(2026, 1, 10)
    days = habit_days({}, saturday - timedelta(days=1), saturday + timedelta(days=2))
    assert [d.status for d in days[1:3]] == [DayStatus.REST, DayStatus.REST]


def test_a_routine_done_on_a_rest_day_counts() -> None:
    friday = date(2026, 1, 9)
    days = habit_days(run_of(friday, 2), friday, friday + timedelta(days=2))
    assert days[1].status is DayStatus.DONE
    assert streaks(days).current == 2


def test_a_weekend_between_two_done_weeks_keeps_the_streak() -> None:
    done = run_of(MONDAY, 5) | run_of(MONDAY + timedelta(weeks=1), 5)
    days = habit_days(done, MONDAY, MONDAY + timedelta(days=11))
    assert streaks(days).current == 10


def test_two_skips_are_available_each_month_by_default() -> None:
    assert skips_left(set(), date(2026, 2, 14)) == 2


def test_a_skip_uses_the_budget_of_its_own_month_only() -> None:
    skips = {date(2026, 1, 31)}
    assert (skips_left(skips, date(2026, 1, 1)), skips_left(skips, date(2026, 2, 1))) == (1, 2)


def test_the_skip_budget_never_goes_negative() -> None:
    skips = {date(2026, 3, d) for d in (2, 3, 4)}
    assert skips_left(skips, date(2026, 3, 15)) == 0


def test_the_skip_budget_can_be_changed() -> None:
    assert skips_left({date(2026, 3, 2)}, date(2026, 3, 1), per_month=4) == 3


def test_a_skip_beyond_the_monthly_budget_is_refused() -> None:
    skips = {date(2026, 1, 5), date(2026, 1, 6)}
    with pytest.raises(InvalidInput) as error:
        check_skip(skips, date(2026, 1, 30))
    assert (error.value.field, error.value.code) == ("skip_day", "no_skips_left")


def test_a_skip_in_the_next_month_is_accepted() -> None:
    check_skip({date(2026, 1, 5), date(2026, 1, 6)}, date(2026, 2, 1))


def test_skipping_an_already_skipped_day_is_accepted() -> None:
    check_skip({date(2026, 1, 5), date(2026, 1, 6)}, date(2026, 1, 6))


def test_a_holiday_ending_before_it_starts_is_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        Holiday(date(2026, 8, 10), date(2026, 8, 1))
    assert error.value.field == "holiday_end"


def test_a_one_day_holiday_covers_that_day() -> None:
    assert Holiday(date(2026, 8, 10), date(2026, 8, 10)).covers(date(2026, 8, 10))


# --- completion --------------------------------------------------------------------------


def tick(day: date, key: str, minutes: int, lever: Lever = Lever.COMMENTS) -> Tick:
    return Tick(day=day, task_key=key, lever=lever, minutes=minutes)


def test_a_days_completion_is_its_ticked_minutes_over_the_budget() -> None:
    ticks = [tick(MONDAY, "comments.angle", 6), tick(MONDAY, "messages.follow_up", 4)]
    assert daily_completion(ticks, 20) == {MONDAY: 0.5}


def test_a_task_ticked_twice_counts_once() -> None:
    ticks = [tick(MONDAY, "comments.angle", 6), tick(MONDAY, "comments.angle", 6)]
    assert daily_completion(ticks, 20) == {MONDAY: 0.3}


def test_completion_never_exceeds_one() -> None:
    ticks = [tick(MONDAY, "a", 15), tick(MONDAY, "b", 15)]
    assert daily_completion(ticks, 20) == {MONDAY: 1.0}


def test_each_day_can_have_its_own_budget() -> None:
    tuesday = MONDAY + timedelta(days=1)
    ticks = [tick(MONDAY, "a", 5), tick(tuesday, "a", 5)]
    assert daily_completion(ticks, {MONDAY: 10, tuesday: 20}) == {MONDAY: 0.5, tuesday: 0.25}


def test_a_tick_without_minutes_is_rejected() -> None:
    with pytest.raises(InvalidInput) as error:
        tick(MONDAY, "comments.angle", 0)
    assert error.value.field == "task_minutes"


def test_a_tick_needs_a_known_lever() -> None:
    with pytest.raises(InvalidInput) as error:
        Tick(MONDAY, "comments.angle", "likes", 3)  # type: ignore[arg-type]
    assert error.value.field == "lever"


# --- weekly completion -------------------------------------------------------------------


def test_the_weekly_rate_is_the_mean_of_the_counted_days() -> None:
    done = {MONDAY: 1.0, MONDAY + timedelta(days=1): 0.5}
    days = habit_days(done, MONDAY, MONDAY + timedelta(days=6))
    rates = weekly_completion(days, MONDAY + timedelta(days=13), weeks=2)
    assert [(r.week_start, r.rate, r.days) for r in rates] == [
        (MONDAY, 0.3, 5),
        (MONDAY + timedelta(weeks=1), None, 0),
    ]


def test_the_weekly_rates_end_with_the_current_iso_week_across_a_year_end() -> None:
    today = date(2027, 1, 1)  # a Friday in the ISO week starting Monday 2026-12-28
    days = habit_days(run_of(date(2026, 12, 1), 32), date(2026, 12, 1), today)
    rates = weekly_completion(days, today, weeks=3)
    assert [r.week_start for r in rates] == [
        date(2026, 12, 14),
        date(2026, 12, 21),
        date(2026, 12, 28),
    ]
    assert all(r.rate == 1.0 for r in rates)


def test_a_pending_today_does_not_lower_the_weekly_rate() -> None:
    days = habit_days({MONDAY: 1.0}, MONDAY, MONDAY + timedelta(days=1))
    assert weekly_completion(days, MONDAY + timedelta(days=1), weeks=1)[0].rate == 1.0


def test_a_started_today_counts_in_this_weeks_rate() -> None:
    tuesday = MONDAY + timedelta(days=1)
    days = habit_days({MONDAY: 1.0, tuesday: 0.5}, MONDAY, tuesday)
    assert weekly_completion(days, tuesday)[-1].rate == 0.75


def test_the_weekly_rates_start_at_the_routines_first_week() -> None:
    first = MONDAY + timedelta(weeks=2, days=3)
    today = first + timedelta(weeks=1)
    rates = weekly_completion(habit_days({first: 1.0}, first, today), today)
    assert [rate.week_start for rate in rates] == [
        MONDAY + timedelta(weeks=2),
        MONDAY + timedelta(weeks=3),
    ]


def test_a_long_habit_shows_the_last_twelve_weeks() -> None:
    today = MONDAY + timedelta(weeks=30)
    rates = weekly_completion(habit_days({}, MONDAY, today), today)
    assert (len(rates), rates[-1].week_start) == (12, today)


# --- the routine's first day -------------------------------------------------------------


def test_the_routine_starts_on_the_first_questionnaire_day() -> None:
    assert routine_start(date(2026, 3, 9), date(2026, 3, 12)) == date(2026, 3, 9)


def test_a_tick_before_the_first_questionnaire_starts_the_routine() -> None:
    assert routine_start(date(2026, 3, 9), date(2026, 3, 4)) == date(2026, 3, 4)


def test_without_questionnaire_nor_tick_there_is_no_routine_yet() -> None:
    assert routine_start(None, None) is None


# --- texts -------------------------------------------------------------------------------


def test_weekdays_are_named_monday_first_in_the_language() -> None:
    assert weekday_labels(Lang.FR)[:2] == ["lun.", "mar."]
    assert weekday_labels(Lang.EN)[-1] == "Sun"


def test_a_share_reads_as_a_whole_percentage() -> None:
    assert (percent_text(0.5, Lang.FR), percent_text(0.284, Lang.EN)) == ("50\u00a0%", "28%")
