"""The Today service on SQLite and PostgreSQL: ticks, backfill, skips, holidays, results."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Engine

from ssi_coach.habits import SCORE_ALPHA, DayStatus, Holiday
from ssi_coach.model import Answers, Goal, InvalidInput, Pillar, Reading, Role
from ssi_coach.plan import Lever
from ssi_coach.services.progress import routine_period as period_of
from ssi_coach.services.repo import Repo
from ssi_coach.services.today import (
    add_holiday,
    cancel_holiday,
    load_today,
    onboarding_target,
    skip_day,
    tick_task,
    unskip_day,
)
from ssi_coach.store.answers import save_answers
from ssi_coach.store.engine import make_engine
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import latest_reading, save_reading
from ssi_coach.store.routine import list_day_marks, list_ticks, set_day_mark, tick_stamp
from ssi_coach.today import HolidayTooLong, OutsideBackfill, TodayState

MONDAY = date(2026, 3, 2)
WEDNESDAY = date(2026, 3, 4)
FIRST_READING = Reading(date(2026, 2, 2), 10, 8, 5, 7)


def set_up(engine: Engine, converting: bool = False, reading: Reading = FIRST_READING) -> int:
    profile = default_profile_id(engine)
    save_answers(engine, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, converting, 20))
    save_reading(engine, profile, reading)
    return profile


def state(engine: Engine, profile: int, today: date, day: date | None = None) -> TodayState:
    loaded = load_today(Repo(engine, profile), today, day)
    assert loaded is not None
    return loaded


def tick_all(engine: Engine, profile: int, day: date, today: date) -> None:
    for task in state(engine, profile, today, day).routine.tasks:
        tick_task(Repo(engine, profile), day, task, True, today)


# --- landing -----------------------------------------------------------------------------


def test_today_waits_for_the_questionnaire_then_for_the_first_check_in(engine: Engine) -> None:
    profile = default_profile_id(engine)
    assert onboarding_target(Repo(engine, profile)) == "questionnaire"
    save_answers(engine, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    assert onboarding_target(Repo(engine, profile)) == "checkin"
    assert load_today(Repo(engine, profile), WEDNESDAY) is None
    save_reading(engine, profile, FIRST_READING)
    assert onboarding_target(Repo(engine, profile)) is None
    assert load_today(Repo(engine, profile), WEDNESDAY) is not None


def test_the_latest_reading_is_the_most_recent_check_in(engine: Engine) -> None:
    profile = set_up(engine)
    later = Reading(date(2026, 3, 1), 11, 8, 5, 7)
    save_reading(engine, profile, later)
    assert latest_reading(engine, profile) == later


# --- ticks -------------------------------------------------------------------------------


def test_a_tick_survives_a_new_connection(engine: Engine) -> None:
    profile = set_up(engine)
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    tick_task(Repo(engine, profile), WEDNESDAY, task, True, WEDNESDAY)
    engine.dispose()
    reopened = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        assert state(reopened, profile, WEDNESDAY).routine.ticked == {task.key}
    finally:
        reopened.dispose()


def test_an_untick_is_saved_at_once(engine: Engine) -> None:
    profile = set_up(engine)
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    tick_task(Repo(engine, profile), WEDNESDAY, task, True, WEDNESDAY)
    tick_task(Repo(engine, profile), WEDNESDAY, task, False, WEDNESDAY)
    assert state(engine, profile, WEDNESDAY).routine.ticked == frozenset()


def test_a_tick_stores_the_tasks_lever_and_minutes(engine: Engine) -> None:
    profile = set_up(engine)
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    tick_task(Repo(engine, profile), WEDNESDAY, task, True, WEDNESDAY)
    [stored] = list_ticks(engine, profile)
    assert (stored.lever, stored.minutes) == (task.lever.value, task.minutes)


def test_a_day_seven_days_back_can_be_ticked(engine: Engine) -> None:
    profile = set_up(engine)
    day = WEDNESDAY - timedelta(days=7)
    task = state(engine, profile, WEDNESDAY, day).routine.tasks[0]
    tick_task(Repo(engine, profile), day, task, True, WEDNESDAY)
    assert state(engine, profile, WEDNESDAY, day).routine.ticked == {task.key}


def test_a_day_eight_days_back_is_refused_and_nothing_is_saved(engine: Engine) -> None:
    profile = set_up(engine)
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    with pytest.raises(OutsideBackfill):
        tick_task(Repo(engine, profile), WEDNESDAY - timedelta(days=8), task, True, WEDNESDAY)
    assert list_ticks(engine, profile) == []


def test_tomorrow_cannot_be_ticked(engine: Engine) -> None:
    profile = set_up(engine)
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    with pytest.raises(InvalidInput):
        tick_task(Repo(engine, profile), WEDNESDAY + timedelta(days=1), task, True, WEDNESDAY)
    assert list_ticks(engine, profile) == []


def test_the_page_state_refuses_a_day_outside_the_backfill_range(engine: Engine) -> None:
    profile = set_up(engine)
    with pytest.raises(OutsideBackfill):
        load_today(Repo(engine, profile), WEDNESDAY, WEDNESDAY - timedelta(days=8))


def test_the_tick_summary_changes_with_each_tick(engine: Engine) -> None:
    profile = set_up(engine)
    before = tick_stamp(engine, profile)
    tick_all(engine, profile, MONDAY, WEDNESDAY)
    after = tick_stamp(engine, profile)
    assert (before.count, after.count) == (0, 4)
    assert (after.first_day, after.last_day) == (MONDAY, MONDAY)


# --- habit -------------------------------------------------------------------------------


def test_three_full_weekdays_make_a_streak_of_three_and_finish_the_day(engine: Engine) -> None:
    profile = set_up(engine)
    for day in (MONDAY, MONDAY + timedelta(days=1), WEDNESDAY):
        tick_all(engine, profile, day, WEDNESDAY)
    today = state(engine, profile, WEDNESDAY)
    assert today.routine.finished
    assert (today.habit.streaks.current, today.habit.streaks.best) == (3, 3)
    assert today.habit.score == pytest.approx(1 - (1 - SCORE_ALPHA) ** 3)


def test_today_not_yet_done_keeps_yesterdays_streak(engine: Engine) -> None:
    profile = set_up(engine)
    tick_all(engine, profile, MONDAY, MONDAY + timedelta(days=1))
    today = state(engine, profile, MONDAY + timedelta(days=1))
    assert today.routine.status is DayStatus.PENDING
    assert today.habit.streaks.current == 1


def test_a_partly_ticked_today_counts_in_the_score_the_heatmap_and_the_week(
    engine: Engine,
) -> None:
    profile = set_up(engine)
    tasks = state(engine, profile, MONDAY).routine.tasks
    for task in tasks[:2]:
        tick_task(Repo(engine, profile), MONDAY, task, True, MONDAY)
    today = state(engine, profile, MONDAY)
    share = sum(task.minutes for task in tasks[:2]) / today.routine.budget
    assert 0 < share < 1
    last = today.habit.history[-1]
    assert (last.day, last.status, last.completion) == (MONDAY, DayStatus.STARTED, share)
    assert today.habit.score == pytest.approx(share * SCORE_ALPHA)
    assert today.habit.weekly[-1].rate == share
    assert today.routine.status is DayStatus.STARTED


def test_the_habit_of_a_new_user_starts_on_the_day_of_the_questionnaire(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered_on(monkeypatch, MONDAY)
    profile = set_up(engine, reading=Reading(MONDAY - timedelta(days=64), 10, 8, 5, 7))
    today = state(engine, profile, WEDNESDAY)
    assert [item.day for item in today.habit.history] == [
        MONDAY,
        MONDAY + timedelta(days=1),
        WEDNESDAY,
    ]
    assert [rate.week_start for rate in today.habit.weekly] == [MONDAY]


def test_the_heatmap_history_agrees_with_the_ticks(engine: Engine) -> None:
    profile = set_up(engine)
    tick_all(engine, profile, MONDAY, WEDNESDAY)
    task = state(engine, profile, WEDNESDAY, MONDAY + timedelta(days=1)).routine.tasks[0]
    tick_task(Repo(engine, profile), MONDAY + timedelta(days=1), task, True, WEDNESDAY)
    history = {item.day: item.status for item in state(engine, profile, WEDNESDAY).habit.history}
    assert [history[MONDAY + timedelta(days=i)] for i in range(3)] == [
        DayStatus.DONE,
        DayStatus.PARTIAL,
        DayStatus.PENDING,
    ]


def test_a_maintenance_plan_gives_the_light_routine_and_says_so(engine: Engine) -> None:
    profile = set_up(engine, converting=True)
    routine = state(engine, profile, WEDNESDAY).routine
    assert routine.light
    assert routine.budget == 10
    assert sum(task.minutes for task in routine.tasks) == 10


@pytest.mark.parametrize(("age", "due"), [(30, False), (31, True)])
def test_the_monthly_check_in_is_due_after_30_days(engine: Engine, age: int, due: bool) -> None:
    profile = set_up(engine, reading=Reading(WEDNESDAY - timedelta(days=age), 10, 8, 5, 7))
    assert state(engine, profile, WEDNESDAY).checkin_due is due


# --- skips -------------------------------------------------------------------------------


def test_two_skips_a_month_then_a_clear_refusal(engine: Engine) -> None:
    profile = set_up(engine)
    skip_day(Repo(engine, profile), MONDAY, WEDNESDAY)
    skip_day(Repo(engine, profile), MONDAY + timedelta(days=1), WEDNESDAY)
    with pytest.raises(InvalidInput) as refused:
        skip_day(Repo(engine, profile), WEDNESDAY, WEDNESDAY)
    assert refused.value.code == "no_skips_left"
    assert WEDNESDAY not in list_day_marks(engine, profile)
    assert state(engine, profile, WEDNESDAY).habit.skips_left == 0


def test_a_full_february_leaves_march_its_own_skips(engine: Engine) -> None:
    profile = set_up(engine)
    skip_day(Repo(engine, profile), date(2026, 2, 26), MONDAY)
    skip_day(Repo(engine, profile), date(2026, 2, 27), MONDAY)
    skip_day(Repo(engine, profile), MONDAY, MONDAY)
    assert state(engine, profile, MONDAY).skips_left(MONDAY) == 1


def test_undoing_a_skip_gives_it_back(engine: Engine) -> None:
    profile = set_up(engine)
    skip_day(Repo(engine, profile), MONDAY, WEDNESDAY)
    unskip_day(Repo(engine, profile), MONDAY, WEDNESDAY)
    assert list_day_marks(engine, profile) == {}
    assert state(engine, profile, WEDNESDAY).habit.skips_left == 2


def test_undoing_a_skip_leaves_a_holiday_alone(engine: Engine) -> None:
    profile = set_up(engine)
    set_day_mark(engine, profile, MONDAY, "holiday")
    unskip_day(Repo(engine, profile), MONDAY, WEDNESDAY)
    assert list_day_marks(engine, profile) == {MONDAY: "holiday"}


def test_a_skip_outside_the_backfill_range_is_refused(engine: Engine) -> None:
    profile = set_up(engine)
    with pytest.raises(OutsideBackfill):
        skip_day(Repo(engine, profile), WEDNESDAY - timedelta(days=8), WEDNESDAY)


def test_a_skipped_day_freezes_the_streak(engine: Engine) -> None:
    profile = set_up(engine)
    tick_all(engine, profile, MONDAY, WEDNESDAY)
    skip_day(Repo(engine, profile), MONDAY + timedelta(days=1), WEDNESDAY)
    tick_all(engine, profile, WEDNESDAY, WEDNESDAY)
    today = state(engine, profile, WEDNESDAY)
    assert today.habit.streaks.current == 2
    assert today.habit.score == pytest.approx(1 - (1 - SCORE_ALPHA) ** 2)
    skipped = state(engine, profile, WEDNESDAY, MONDAY + timedelta(days=1)).routine
    assert skipped.status is DayStatus.SKIPPED


# --- holidays ----------------------------------------------------------------------------


def test_a_holiday_pauses_each_of_its_days(engine: Engine) -> None:
    profile = set_up(engine)
    add_holiday(Repo(engine, profile), MONDAY, MONDAY + timedelta(days=13), WEDNESDAY)
    today = state(engine, profile, WEDNESDAY)
    assert today.routine.status is DayStatus.HOLIDAY
    assert today.upcoming_holidays == (Holiday(MONDAY, MONDAY + timedelta(days=13)),)
    assert len(list_day_marks(engine, profile)) == 14


def test_ending_a_holiday_early_keeps_the_days_already_past(engine: Engine) -> None:
    profile = set_up(engine)
    holiday = Holiday(MONDAY, MONDAY + timedelta(days=11))
    add_holiday(Repo(engine, profile), holiday.start, holiday.end, WEDNESDAY)
    cancel_holiday(Repo(engine, profile), holiday, WEDNESDAY)
    assert sorted(list_day_marks(engine, profile)) == [MONDAY, MONDAY + timedelta(days=1)]


def test_cancelling_a_holiday_to_come_removes_all_of_it(engine: Engine) -> None:
    profile = set_up(engine)
    holiday = Holiday(WEDNESDAY + timedelta(days=5), WEDNESDAY + timedelta(days=9))
    add_holiday(Repo(engine, profile), holiday.start, holiday.end, WEDNESDAY)
    cancel_holiday(Repo(engine, profile), holiday, WEDNESDAY)
    assert list_day_marks(engine, profile) == {}


def test_a_holiday_ending_before_it_starts_is_refused(engine: Engine) -> None:
    profile = set_up(engine)
    with pytest.raises(InvalidInput) as refused:
        add_holiday(Repo(engine, profile), WEDNESDAY, MONDAY, WEDNESDAY)
    assert refused.value.code == "end_before_start"
    assert list_day_marks(engine, profile) == {}


def test_a_holiday_longer_than_62_days_is_refused(engine: Engine) -> None:
    profile = set_up(engine)
    with pytest.raises(HolidayTooLong):
        add_holiday(Repo(engine, profile), WEDNESDAY, WEDNESDAY + timedelta(days=62), WEDNESDAY)
    assert list_day_marks(engine, profile) == {}


def test_a_holiday_cannot_start_before_the_backfill_range(engine: Engine) -> None:
    profile = set_up(engine)
    with pytest.raises(OutsideBackfill):
        add_holiday(Repo(engine, profile), WEDNESDAY - timedelta(days=8), WEDNESDAY, WEDNESDAY)


def test_a_holiday_replaces_a_skip_and_gives_the_skip_back(engine: Engine) -> None:
    profile = set_up(engine)
    skip_day(Repo(engine, profile), WEDNESDAY, WEDNESDAY)
    add_holiday(Repo(engine, profile), WEDNESDAY, WEDNESDAY + timedelta(days=1), WEDNESDAY)
    assert state(engine, profile, WEDNESDAY).habit.skips_left == 2


# --- routine against results -------------------------------------------------------------


def test_the_routine_between_two_check_ins_sits_next_to_each_pillars_change(
    engine: Engine,
) -> None:
    profile = set_up(engine)
    after = Reading(MONDAY, 10, 9.5, 5, 7.25)
    save_reading(engine, profile, after)
    day = FIRST_READING.taken_on
    while day < MONDAY:
        if day.weekday() < 5:
            for task in state(engine, profile, day, day).routine.tasks:
                if task.lever is Lever.SEARCHES:
                    tick_task(Repo(engine, profile), day, task, True, day)
        day += timedelta(days=1)
    period = period_of(Repo(engine, profile), FIRST_READING, after, WEDNESDAY)
    assert period is not None
    by_pillar = {item.pillar: item for item in period.pillars}
    assert by_pillar[Pillar.PEOPLE].completion == 1.0
    assert by_pillar[Pillar.RELATIONSHIPS].completion == 0.0
    assert [by_pillar[p].change for p in Pillar] == [0.0, 1.5, 0.0, 0.25]
    assert period.routine_days == 20


def test_paused_days_are_left_out_of_the_routine_done(engine: Engine) -> None:
    profile = set_up(engine)
    after = Reading(MONDAY, 10, 9.5, 5, 7.25)
    save_reading(engine, profile, after)
    # One tick on the check-in day: the routine runs from there.
    first_day = FIRST_READING.taken_on
    task = state(engine, profile, first_day, first_day).routine.tasks[0]
    tick_task(Repo(engine, profile), first_day, task, True, first_day)
    add_holiday(Repo(engine, profile), date(2026, 2, 9), date(2026, 2, 22), date(2026, 2, 9))
    period = period_of(Repo(engine, profile), FIRST_READING, after, WEDNESDAY)
    assert period is not None
    assert period.routine_days == 10


def test_the_open_period_counts_up_to_yesterday_and_has_no_change(engine: Engine) -> None:
    profile = set_up(engine, reading=Reading(MONDAY, 10, 8, 5, 7))
    tick_all(engine, profile, MONDAY, WEDNESDAY)
    period = period_of(Repo(engine, profile), Reading(MONDAY, 10, 8, 5, 7), None, WEDNESDAY)
    assert period is not None
    assert period.routine_days == 2
    assert {item.completion for item in period.pillars} == {0.5}
    assert {item.change for item in period.pillars} == {None}


def answered_on(monkeypatch: pytest.MonkeyPatch, day: date) -> None:
    """Make the next questionnaires look answered on that day, at nine."""
    moment = datetime(day.year, day.month, day.day, 9)
    monkeypatch.setattr("ssi_coach.store.answers.now", lambda: moment)


def test_the_period_counts_from_the_first_routine_day_not_from_an_earlier_check_in(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered_on(monkeypatch, MONDAY)
    profile = set_up(engine, reading=Reading(MONDAY - timedelta(days=64), 10, 8, 5, 7))
    task = state(engine, profile, WEDNESDAY).routine.tasks[0]
    tick_task(Repo(engine, profile), WEDNESDAY, task, True, WEDNESDAY)
    before = latest_reading(engine, profile)
    assert before is not None
    period = period_of(Repo(engine, profile), before, None, WEDNESDAY)
    assert period is not None
    # Monday and Tuesday missed, Wednesday started: 3 days, not the 64 before the routine.
    assert (period.counted_from, period.routine_days) == (MONDAY, 3)


def test_a_check_in_period_over_before_the_routine_began_has_nothing_to_compare(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    answered_on(monkeypatch, MONDAY)
    profile = set_up(engine)
    closed = Reading(FIRST_READING.taken_on + timedelta(days=14), 10, 8.5, 5, 7)
    period = period_of(Repo(engine, profile), FIRST_READING, closed, WEDNESDAY)
    assert period is not None
    assert (period.counted_span, period.routine_days) == (0, 0)


def test_without_a_questionnaire_there_is_no_routine_to_compare(engine: Engine) -> None:
    profile = default_profile_id(engine)
    assert period_of(Repo(engine, profile), FIRST_READING, None, WEDNESDAY) is None
