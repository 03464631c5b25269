"""The Today service's pure rules: landing, check-in due, backfill range, pauses, periods."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.card import month_routine
from ssi_coach.habits import DayStatus, Holiday, Pauses, Tick, daily_completion
from ssi_coach.i18n import Lang
from ssi_coach.model import Answers, Goal, InvalidInput, Pillar, Reading, Role
from ssi_coach.plan import Lever
from ssi_coach.records import StoredTick, TickStamp
from ssi_coach.routine import Task
from ssi_coach.today import (
    BACKFILL_DAYS,
    CHECKIN_DUE_DAYS,
    AnswersTimeline,
    DayRoutine,
    HabitInputs,
    HolidayTooLong,
    OutsideBackfill,
    PillarRoutine,
    RoutinePeriod,
    backfill_days,
    check_backfill,
    check_in_periods,
    checkin_due,
    days_text,
    habit_from,
    holiday_periods,
    landing_target,
    lever_completion_between,
    onboarding_step,
    pauses_from,
    period_caution,
    routine_period_from,
)

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))


def reading(day: date, brand: float = 10) -> Reading:
    return Reading(day, brand, 8, 5, 7)


# --- landing -----------------------------------------------------------------------------


@pytest.mark.parametrize("has_reading", [False, True])
def test_without_answers_the_questionnaire_comes_first(has_reading: bool) -> None:
    assert landing_target(False, has_reading) == "questionnaire"


def test_with_answers_but_no_reading_the_first_check_in_comes_next() -> None:
    assert landing_target(True, False) == "checkin"


def test_with_answers_and_a_reading_the_app_opens_on_today() -> None:
    assert landing_target(True, True) is None


def test_the_questionnaire_is_step_one_and_the_check_in_step_two() -> None:
    assert (onboarding_step("questionnaire"), onboarding_step("checkin")) == (1, 2)


# --- check-in due ------------------------------------------------------------------------


def test_a_check_in_exactly_30_days_old_is_not_yet_due() -> None:
    assert not checkin_due(date(2026, 1, 31), date(2026, 3, 2))


def test_a_check_in_31_days_old_is_due() -> None:
    assert checkin_due(date(2028, 1, 30), date(2028, 3, 1))


def test_a_check_in_is_due_when_there_is_none() -> None:
    assert checkin_due(None, date(2026, 6, 1))


@given(last=days, gap=st.integers(min_value=0, max_value=400))
def test_a_check_in_is_due_exactly_after_30_days(last: date, gap: int) -> None:
    assert checkin_due(last, last + timedelta(days=gap)) is (gap > CHECKIN_DUE_DAYS)


# --- backfill ----------------------------------------------------------------------------


def test_the_day_selector_offers_today_and_seven_days_back_across_a_leap_day() -> None:
    assert backfill_days(date(2028, 3, 3)) == (
        date(2028, 3, 3),
        date(2028, 3, 2),
        date(2028, 3, 1),
        date(2028, 2, 29),
        date(2028, 2, 28),
        date(2028, 2, 27),
        date(2028, 2, 26),
        date(2028, 2, 25),
    )


@given(today=days, back=st.integers(min_value=0, max_value=BACKFILL_DAYS))
def test_every_offered_day_can_be_ticked(today: date, back: int) -> None:
    day = today - timedelta(days=back)
    assert day in backfill_days(today)
    assert check_backfill(day, today) == day


def test_eight_days_back_is_refused_across_a_year_end() -> None:
    with pytest.raises(OutsideBackfill) as caught:
        check_backfill(date(2026, 12, 25), date(2027, 1, 2))
    assert caught.value.field == "tick_day"


def test_a_day_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_backfill(date(2026, 3, 2), date(2026, 3, 1))
    assert caught.value.code == "in_future"


def test_a_datetime_is_not_a_day() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_backfill(datetime(2026, 3, 1, 9), date(2026, 3, 1))  # type: ignore[arg-type]
    assert caught.value.code == "not_a_date"


def test_the_backfill_refusal_says_how_far_back_in_french() -> None:
    message = OutsideBackfill("tick_day").message(Lang.FR)
    assert message == (
        "Jour de la routine : vous pouvez cocher aujourd’hui et jusqu’à 7 jours en arrière, "
        "pas au-delà."
    )


def test_the_backfill_refusal_says_how_far_back_in_english() -> None:
    assert "up to 7 days back" in OutsideBackfill("tick_day").message(Lang.EN)


def test_a_too_long_holiday_names_its_limit() -> None:
    assert HolidayTooLong().message(Lang.FR).endswith("62 jours au maximum par période de congés.")


# --- pauses ------------------------------------------------------------------------------


def test_consecutive_holiday_days_make_one_holiday_across_a_year_end() -> None:
    marks = {date(2026, 12, 30) + timedelta(days=i): "holiday" for i in range(5)}
    marks[date(2027, 1, 10)] = "holiday"
    marks[date(2027, 1, 11)] = "skip"
    assert holiday_periods(marks) == (
        Holiday(date(2026, 12, 30), date(2027, 1, 3)),
        Holiday(date(2027, 1, 10), date(2027, 1, 10)),
    )


def test_stored_marks_become_skips_and_holidays() -> None:
    marks = {date(2026, 2, 3): "skip", date(2026, 2, 4): "holiday"}
    pauses = pauses_from(marks)
    assert pauses.pause_of(date(2026, 2, 3)) is DayStatus.SKIPPED
    assert pauses.pause_of(date(2026, 2, 4)) is DayStatus.HOLIDAY
    assert pauses.pause_of(date(2026, 2, 5)) is None


@given(marks=st.dictionaries(days, st.sampled_from(["skip", "holiday"]), max_size=40))
def test_holiday_periods_cover_exactly_the_holiday_days(marks: dict[date, str]) -> None:
    periods = holiday_periods(marks)
    covered = {
        p.start + timedelta(days=i) for p in periods for i in range((p.end - p.start).days + 1)
    }
    assert covered == {day for day, kind in marks.items() if kind == "holiday"}


# --- questionnaire in force --------------------------------------------------------------


def answers(minutes: int) -> Answers:
    return Answers(Goal.PROSPECTING, Role.FREELANCE, False, minutes)


TIMELINE = AnswersTimeline.of(
    [(datetime(2026, 3, 10, 8), answers(20)), (datetime(2026, 3, 20, 18), answers(30))]
)


def test_days_before_the_first_questionnaire_use_the_first_one() -> None:
    assert TIMELINE.on(date(2026, 3, 1)).minutes_per_day == 20


def test_a_new_questionnaire_applies_from_the_day_it_was_answered() -> None:
    assert TIMELINE.on(date(2026, 3, 19)).minutes_per_day == 20
    assert TIMELINE.on(date(2026, 3, 20)).minutes_per_day == 30


# --- a day's checklist -------------------------------------------------------------------


TASKS = (
    Task(Lever.SEARCHES, 6, "searches.job_changes", 10),
    Task(Lever.MESSAGES, 6, "messages.invitations", 3),
    Task(Lever.COMMENTS, 4, "comments.angle", 2),
    Task(Lever.HEADLINE, 4, "headline.post_tip"),
)


def day_routine(ticked: set[str]) -> DayRoutine:
    return DayRoutine(date(2026, 3, 4), TASKS, frozenset(ticked), 20, DayStatus.PENDING, False)


def test_the_progress_is_the_ticked_minutes_over_the_budget() -> None:
    routine = day_routine({"searches.job_changes", "comments.angle"})
    assert (routine.minutes_done, routine.progress, routine.finished) == (10, 0.5, False)


def test_a_day_with_every_task_ticked_is_finished() -> None:
    assert day_routine({task.key for task in TASKS}).finished


def test_a_tick_from_another_routine_does_not_count_on_the_checklist() -> None:
    assert day_routine({"searches.buying_signals"}).minutes_done == 0


# --- routine against results -------------------------------------------------------------


def test_periods_run_from_one_check_in_to_the_next_newest_first() -> None:
    first, second, third = (reading(date(2026, m, 1)) for m in (1, 2, 3))
    assert check_in_periods([second, third, first]) == (
        (third, None),
        (second, third),
        (first, second),
    )


def test_there_is_no_period_without_a_reading() -> None:
    assert check_in_periods([]) == ()


def test_lever_completion_counts_the_planned_minutes_ticked() -> None:
    monday, tuesday = date(2026, 3, 2), date(2026, 3, 3)
    ticks = [
        StoredTick(monday, "searches.job_changes", "searches", 6),
        StoredTick(tuesday, "comments.angle", "comments", 4),
        StoredTick(tuesday, "comments.unknown", "comments", 4),
    ]
    result = lever_completion_between(ticks, {monday: TASKS, tuesday: TASKS[:3]})
    assert result == {
        Lever.SEARCHES: 0.5,
        Lever.MESSAGES: 0.0,
        Lever.COMMENTS: 0.5,
        Lever.HEADLINE: 0.0,
    }


def test_a_lever_with_nothing_planned_has_no_completion() -> None:
    result = lever_completion_between([], {date(2026, 3, 2): TASKS[:1]})
    assert result[Lever.HEADLINE] is None


def test_a_pillars_change_is_rounded_to_linkedins_three_decimals() -> None:
    item = PillarRoutine(Pillar.BRAND, Lever.HEADLINE, 1.0, 10.1, 10.3)
    assert item.change == 0.2


def test_an_open_period_has_no_change_yet() -> None:
    assert PillarRoutine(Pillar.BRAND, Lever.HEADLINE, 1.0, 10.1, None).change is None


def timeline_from(day: date) -> AnswersTimeline:
    return AnswersTimeline.of([(datetime(day.year, day.month, day.day, 9), answers(20))])


def stored(day: date) -> StoredTick:
    return StoredTick(day, "searches.job_changes", "searches", 6)


def period_between(
    before: date, after: date, answered: date, ticked: Iterable[date] = ()
) -> RoutinePeriod:
    return routine_period_from(
        reading(before),
        reading(after, brand=11),
        date(2026, 6, 1),
        timeline_from(answered),
        [stored(day) for day in ticked],
        Pauses(),
    )


def test_a_period_counts_from_the_first_questionnaire_when_the_routine_began_later() -> None:
    period = period_between(date(2026, 1, 5), date(2026, 3, 9), answered=date(2026, 3, 2))
    assert (period.counted_from, period.routine_days) == (date(2026, 3, 2), 5)
    assert period.started_later


def test_a_tick_before_the_first_questionnaire_starts_the_routine_there() -> None:
    period = period_between(
        date(2026, 1, 5), date(2026, 3, 9), answered=date(2026, 3, 2), ticked=[date(2026, 2, 27)]
    )
    assert (period.counted_from, period.routine_days) == (date(2026, 2, 27), 6)


def test_a_routine_older_than_the_period_counts_from_the_check_in() -> None:
    period = period_between(date(2026, 1, 5), date(2026, 1, 19), answered=date(2025, 12, 1))
    assert (period.counted_from, period.routine_days) == (date(2026, 1, 5), 10)
    assert not period.started_later


def test_a_routine_that_began_after_the_period_has_nothing_to_compare() -> None:
    period = period_between(date(2026, 1, 5), date(2026, 2, 2), answered=date(2026, 4, 1))
    assert (period.counted_span, period.routine_days) == (0, 0)
    assert {item.completion for item in period.pillars} == {None}


def habit_inputs(today: date, answered: date, first_tick: date | None) -> HabitInputs:
    return HabitInputs(
        1,
        today,
        timeline_from(answered),
        reading(date(2026, 1, 5)),
        Pauses(),
        TickStamp(0 if first_tick is None else 1, first_tick, first_tick),
    )


def test_the_habit_starts_on_the_first_questionnaire_day() -> None:
    habit = habit_from([], habit_inputs(date(2026, 3, 11), date(2026, 3, 9), None))
    assert [item.day for item in habit.history] == [
        date(2026, 3, 9),
        date(2026, 3, 10),
        date(2026, 3, 11),
    ]


def test_the_habit_starts_on_a_tick_made_before_the_first_questionnaire() -> None:
    ticked = date(2026, 3, 6)
    habit = habit_from([stored(ticked)], habit_inputs(date(2026, 3, 11), date(2026, 3, 9), ticked))
    assert habit.history[0].day == ticked


def test_a_new_habit_has_only_this_weeks_bar() -> None:
    habit = habit_from([], habit_inputs(date(2026, 3, 11), date(2026, 3, 11), None))
    assert [rate.week_start for rate in habit.weekly] == [date(2026, 3, 9)]


# --- wording -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "lang", "text"),
    [
        (0, Lang.FR, "0 jour"),
        (1, Lang.FR, "1 jour"),
        (2, Lang.FR, "2 jours"),
        (0, Lang.EN, "0 days"),
        (1, Lang.EN, "1 day"),
        (12, Lang.EN, "12 days"),
    ],
)
def test_a_number_of_days_agrees_in_each_language(count: int, lang: Lang, text: str) -> None:
    assert days_text(count, lang) == text


def a_period(span: int) -> RoutinePeriod:
    start = date(2026, 1, 5)
    last = start + timedelta(days=span - 1)
    return RoutinePeriod(start, None, (), 0, counted_from=start, last_day=last)


@pytest.mark.parametrize(
    ("span", "lang", "opening"),
    [
        (1, Lang.FR, "1 jour, c’est très court"),
        (12, Lang.FR, "12 jours, c’est très court"),
        (1, Lang.EN, "1 day is very short"),
        (12, Lang.EN, "12 days is very short"),
        (30, Lang.FR, "Un mois, c’est court"),
        (45, Lang.EN, "A month is short"),
        (92, Lang.FR, "Sur 3 mois, la tendance se lit mieux"),
        (61, Lang.EN, "Over 2 months, the trend reads better"),
    ],
)
def test_the_caution_matches_the_length_of_the_period(span: int, lang: Lang, opening: str) -> None:
    assert period_caution(a_period(span), lang).startswith(opening)


def test_a_three_month_period_is_not_called_short_like_a_month() -> None:
    assert "Un mois" not in period_caution(a_period(91), Lang.FR)


# --- one routine measure: the month's routine on the card follows the habit's rules ----------

OCT = date(2026, 10, 1)
TODAY = date(2026, 11, 22)


def weekdays(first: date, last: date) -> list[date]:
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return [day for day in days if day.weekday() < 5]


def ticks(days: list[date], minutes: int = 20) -> list[Tick]:
    return [Tick(day, "comments-1", Lever.COMMENTS, minutes) for day in days]


def routine_share(
    done: list[Tick],
    month: date,
    today: date,
    start: date,
    skips: Iterable[date] = (),
    holidays: tuple[Holiday, ...] = (),
) -> float | None:
    completion = daily_completion(done, 20)
    routine = month_routine(completion, month, today, Pauses(frozenset(skips), holidays), start)
    return None if routine is None else routine.share


def test_a_holiday_is_not_a_missed_day_of_the_month() -> None:
    days = weekdays(date(2026, 10, 1), date(2026, 10, 31))
    away = days[5]
    kept = [d for d in days if d != away]
    assert routine_share(ticks(kept), OCT, TODAY, OCT, holidays=(Holiday(away, away),)) == 1.0


def test_a_skip_day_is_not_a_missed_day_of_the_month() -> None:
    days = weekdays(date(2026, 10, 1), date(2026, 10, 31))
    kept = [d for d in days if d != days[3]]
    assert routine_share(ticks(kept), OCT, TODAY, OCT, skips=[days[3]]) == 1.0


def test_a_started_today_counts_in_the_month_with_its_completion() -> None:
    today = date(2026, 11, 4)  # a Wednesday; Monday done, Tuesday missed, a quarter today
    done = [*ticks([date(2026, 11, 2)]), *ticks([today], minutes=5)]
    share = routine_share(done, date(2026, 11, 1), today, date(2026, 11, 2))
    assert share == pytest.approx((1 + 0 + 0.25) / 3)


def test_an_untouched_today_stays_out_of_the_month() -> None:
    today = date(2026, 11, 4)
    share = routine_share(ticks([date(2026, 11, 2)]), date(2026, 11, 1), today, date(2026, 11, 2))
    assert share == 0.5


@given(st.lists(st.dates(date(2026, 9, 1), TODAY), max_size=60), st.integers(1, 30))
def test_the_months_routine_is_a_share_between_0_and_1(days: list[date], minutes: int) -> None:
    share = routine_share(ticks(days, minutes=minutes), OCT, TODAY, date(2026, 9, 1))
    assert share is None or 0.0 <= share <= 1.0
