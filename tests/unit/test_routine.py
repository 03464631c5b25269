"""The daily routine: minutes, variety, weekly profile task and wording."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ssi_coach.i18n import CATALOG_DIR, Lang, placeholders
from ssi_coach.model import Answers, Goal, InvalidInput, Reading, Role
from ssi_coach.plan import GOAL_WEIGHTS, PILLAR_OF, Lever, Plan, build_plan
from ssi_coach.routine import (
    DEPTH_VARIANTS,
    TASK_KEYS,
    WEEKLY_VARIANTS,
    Task,
    Variant,
    build_routine,
    routine_budget,
    routine_for,
    split_minutes,
    task_count,
    task_hint,
    task_text,
)
from tests.unit.strategies import all_task_keys

MONDAY = date(2026, 1, 5)
WEEKLY_KEYS = {v.key for v in WEEKLY_VARIANTS}

pillar_scores = st.decimals(min_value=0, max_value=25, places=3).map(float)
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2035, 12, 31))
budgets = st.integers(min_value=10, max_value=60)


@st.composite
def readings(draw: st.DrawFn) -> Reading:
    return Reading(
        taken_on=date(2025, 6, 1),
        brand=draw(pillar_scores),
        people=draw(pillar_scores),
        insights=draw(pillar_scores),
        relationships=draw(pillar_scores),
        industry_average=draw(st.none() | st.integers(0, 100).map(float)),
    )


def answers(goal: Goal = Goal.PROSPECTING, converting: bool = False, **texts: str) -> Answers:
    return Answers(goal=goal, role=Role.FREELANCE, already_converting=converting, **texts)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    goal = draw(st.sampled_from(Goal))
    return build_plan(draw(readings()), answers(goal, draw(st.booleans())))


def a_plan(goal: Goal = Goal.PROSPECTING, converting: bool = False) -> Plan:
    reading = Reading(date(2025, 6, 1), brand=12, people=8.5, insights=15, relationships=20)
    return build_plan(reading, answers(goal, converting))


@given(plan=plans(), minutes=budgets, day=days)
def test_the_minutes_always_add_up_to_the_budget(plan: Plan, minutes: int, day: date) -> None:
    assert sum(task.minutes for task in build_routine(plan, minutes, day)) == minutes


@given(plan=plans(), minutes=budgets, day=days)
def test_every_task_takes_at_least_one_minute(plan: Plan, minutes: int, day: date) -> None:
    assert all(task.minutes > 0 for task in build_routine(plan, minutes, day))


@given(plan=plans(), minutes=budgets, day=days)
def test_every_lever_has_a_task_every_day(plan: Plan, minutes: int, day: date) -> None:
    assert {task.lever for task in build_routine(plan, minutes, day)} == set(Lever)


@given(plan=plans(), minutes=budgets, day=days)
def test_task_keys_are_unique_within_a_day(plan: Plan, minutes: int, day: date) -> None:
    keys = [task.key for task in build_routine(plan, minutes, day)]
    assert len(keys) == len(set(keys))


@given(plan=plans(), minutes=budgets, day=days)
def test_the_same_day_gives_the_same_tasks(plan: Plan, minutes: int, day: date) -> None:
    assert build_routine(plan, minutes, day) == build_routine(plan, minutes, day)


def test_a_rebuilt_plan_gives_the_same_keys_on_the_same_day() -> None:
    first = [task.key for task in build_routine(a_plan(), 20, MONDAY)]
    again = [task.key for task in build_routine(a_plan(), 20, MONDAY)]
    assert first == again


@given(plan=plans(), minutes=budgets, start=days)
def test_the_tasks_vary_over_a_week(plan: Plan, minutes: int, start: date) -> None:
    week = {
        tuple(task.key for task in build_routine(plan, minutes, start + timedelta(days=i)))
        for i in range(7)
    }
    assert len(week) >= 3


@given(plan=plans(), minutes=budgets, day=days)
def test_the_tasks_follow_the_plan_priority(plan: Plan, minutes: int, day: date) -> None:
    levers = list(dict.fromkeys(task.lever for task in build_routine(plan, minutes, day)))
    assert levers == [action.lever for action in plan.actions]


def minutes_by_lever(tasks: Sequence[Task]) -> dict[Lever, int]:
    """Return the minutes a routine gives each lever."""
    totals = dict.fromkeys(Lever, 0)
    for task in tasks:
        totals[task.lever] += task.minutes
    return totals


def assert_the_goal_moves_the_minutes(reading: Reading, minutes: int, converting: bool) -> None:
    split = {
        goal: minutes_by_lever(
            build_routine(build_plan(reading, answers(goal, converting)), minutes)
        )
        for goal in Goal
    }
    for goal, other in ((Goal.NOTORIETY, Goal.PROSPECTING), (Goal.PROSPECTING, Goal.NOTORIETY)):
        for lever in Lever:
            pillar = PILLAR_OF[lever]
            if GOAL_WEIGHTS[goal][pillar] > GOAL_WEIGHTS[other][pillar]:
                assert split[goal][lever] >= split[other][lever]


@given(reading=readings(), minutes=budgets, converting=st.booleans())
def test_the_goal_moves_the_minutes_to_its_own_levers(
    reading: Reading, minutes: int, converting: bool
) -> None:
    assert_the_goal_moves_the_minutes(reading, minutes, converting)


@pytest.mark.parametrize("minutes", range(10, 61))
def test_the_goal_moves_the_minutes_at_every_budget(minutes: int) -> None:
    reading = Reading(date(2025, 6, 1), brand=3, people=24, insights=0.5, relationships=25)
    assert_the_goal_moves_the_minutes(reading, minutes, converting=False)


@pytest.mark.parametrize("goal", list(Goal))
def test_twenty_minutes_give_about_five_minutes_per_pillar(goal: Goal) -> None:
    assert all(4 <= m <= 6 for m in split_minutes(a_plan(goal), 20).values())


@pytest.mark.parametrize("goal", list(Goal))
def test_the_goals_own_levers_get_the_most_minutes(goal: Goal) -> None:
    split = split_minutes(a_plan(goal), 20)
    weights = GOAL_WEIGHTS[goal]
    top = max(weights.values())
    own = [split[lv] for lv in Lever if weights[PILLAR_OF[lv]] == top]
    others = [split[lv] for lv in Lever if weights[PILLAR_OF[lv]] < top]
    assert min(own) > max(others)


@given(plan=plans(), minutes=budgets, day=days)
def test_the_routine_spends_the_split_of_each_lever(plan: Plan, minutes: int, day: date) -> None:
    assert minutes_by_lever(build_routine(plan, minutes, day)) == split_minutes(plan, minutes)


@given(plan=plans(), minutes=budgets, day=days)
def test_the_weekly_profile_task_comes_on_mondays_only(plan: Plan, minutes: int, day: date) -> None:
    weekly = [task for task in build_routine(plan, minutes, day) if task.key in WEEKLY_KEYS]
    assert len(weekly) == (1 if day.weekday() == 0 else 0)
    assert all(task.weekly and task.lever is Lever.HEADLINE for task in weekly)


def test_the_weekly_profile_task_rotates_over_four_mondays() -> None:
    mondays = [MONDAY + timedelta(weeks=i) for i in range(4)]
    keys = {
        task.key
        for monday in mondays
        for task in build_routine(a_plan(), 20, monday)
        if task.weekly
    }
    assert keys == WEEKLY_KEYS


def test_a_large_budget_gives_a_lever_its_depth_task_rather_than_a_second_count() -> None:
    routine = build_routine(a_plan(Goal.NOTORIETY), 60, MONDAY + timedelta(days=1))
    comments = [task for task in routine if task.lever is Lever.COMMENTS]
    assert len(comments) == 2
    assert DEPTH_VARIANTS[Lever.COMMENTS].key in {task.key for task in comments}
    assert sum(task.count or 0 for task in comments) == 3


def test_a_standard_budget_has_no_depth_task() -> None:
    depth = {variant.key for variant in DEPTH_VARIANTS.values()}
    assert not any(task.key in depth for task in build_routine(a_plan(), 20, MONDAY))


@pytest.mark.parametrize("budget", [10, 15, 20, 25, 45, 60])
def test_a_light_plan_takes_ten_minutes_whatever_the_budget(budget: int) -> None:
    assert routine_budget(a_plan(converting=True), budget) == 10


def test_the_budget_is_unchanged_outside_maintenance() -> None:
    assert routine_budget(a_plan(converting=False), 35) == 35


def test_a_maintenance_routine_spends_the_light_budget() -> None:
    plan = build_plan(
        Reading(date(2025, 6, 1), 10, 10, 10, 10),
        Answers(Goal.NOTORIETY, Role.SALES, True, minutes_per_day=40),
    )
    routine = routine_for(plan, Answers(Goal.NOTORIETY, Role.SALES, True, 40), MONDAY)
    assert sum(task.minutes for task in routine) == 10


@pytest.mark.parametrize("minutes", [9, 61, 0, 20.5, "20", True])
def test_a_budget_outside_ten_to_sixty_minutes_is_rejected(minutes: object) -> None:
    with pytest.raises(InvalidInput) as error:
        build_routine(a_plan(), minutes, MONDAY)  # type: ignore[arg-type]
    assert error.value.field == "minutes_per_day"


@pytest.mark.parametrize(("minutes", "count"), [(1, 2), (2, 4), (4, 8), (5, 10), (9, 10)])
def test_the_quantity_shrinks_with_a_short_slot_but_never_grows(minutes: int, count: int) -> None:
    assert task_count(Variant("searches.job_changes", 10), minutes) == count


def test_a_quantity_never_drops_below_one() -> None:
    assert task_count(Variant("comments.angle", 3), 1) == 1


def test_a_task_without_quantity_has_none() -> None:
    assert task_count(Variant("comments.share"), 7) is None


COUNTED_KEYS = {
    "searches.job_changes",
    "searches.competitor_engagers",
    "searches.buying_signals",
    "comments.angle",
    "comments.experience",
    "messages.invitations",
    "messages.follow_up",
}


def every_task(count: int) -> list[Task]:
    return [
        Task(Lever(key.split(".")[0]), 5, key, count if key in COUNTED_KEYS else None)
        for key in TASK_KEYS
    ]


@pytest.mark.parametrize("lang", list(Lang))
@pytest.mark.parametrize("count", [1, 3])
@pytest.mark.parametrize(
    "given_answers",
    [None, answers(), answers(sector="immobilier", target="des PME", outcome="vendre", means="X")],
)
def test_every_task_has_a_finished_text(
    lang: Lang, count: int, given_answers: Answers | None
) -> None:
    for task in every_task(count):
        text = task_text(task, given_answers, lang)
        assert not text.startswith("routine.")
        assert "{" not in text
        assert "[" not in text


@pytest.mark.parametrize("lang", list(Lang))
def test_every_task_has_a_hint(lang: Lang) -> None:
    for task in every_task(3):
        assert not task_hint(task, lang).startswith("routine.")


def test_a_counted_task_states_its_quantity() -> None:
    task = Task(Lever.SEARCHES, 5, "searches.job_changes", 10)
    assert "10 prospects" in task_text(task, answers(), Lang.EN)


def test_the_text_names_the_sector_when_known() -> None:
    task = Task(Lever.SEARCHES, 5, "searches.job_changes", 10)
    text = task_text(task, answers(sector="immobilier"), Lang.FR)
    assert text.endswith("dans votre secteur (immobilier).")


def test_the_text_falls_back_naturally_without_a_sector() -> None:
    task = Task(Lever.COMMENTS, 5, "comments.angle", 3)
    assert task_text(task, answers(), Lang.EN).endswith("experts in your sector.")


def test_a_single_comment_is_written_in_the_singular() -> None:
    task = Task(Lever.COMMENTS, 1, "comments.angle", 1)
    assert task_text(task, None, Lang.FR).startswith("Laissez un commentaire qui apporte")


def test_the_headline_review_quotes_the_users_own_words() -> None:
    task = Task(Lever.HEADLINE, 5, "headline.review_headline", None, weekly=True)
    given_answers = answers(target="des cabinets RH", outcome="recruter plus vite", means="l’IA")
    text = task_text(task, given_answers, Lang.FR)
    assert "« J’aide des cabinets RH à recruter plus vite grâce à l’IA »" in text


def test_the_headline_review_is_generic_when_an_answer_is_missing() -> None:
    task = Task(Lever.HEADLINE, 5, "headline.review_headline", None, weekly=True)
    text = task_text(task, answers(target="des PME", outcome="vendre"), Lang.EN)
    assert "I help" not in text
    assert "rather than your job title" in text


@given(plan=plans(), minutes=budgets, day=days)
def test_every_routine_key_is_a_known_task(plan: Plan, minutes: int, day: date) -> None:
    assert {task.key for task in build_routine(plan, minutes, day)} <= set(all_task_keys())


def test_the_french_and_english_routine_catalogs_match() -> None:
    fr = json.loads((CATALOG_DIR / "fr" / "routine.json").read_text(encoding="utf-8"))
    en = json.loads((CATALOG_DIR / "en" / "routine.json").read_text(encoding="utf-8"))
    assert fr.keys() == en.keys()
    assert all(placeholders(fr[key]) == placeholders(en[key]) for key in fr)
    assert all(key.split(".")[0] in {"routine", "habit", "reminder"} for key in fr)


def test_no_routine_text_suggests_automation() -> None:
    for lang in Lang:
        texts = json.loads((CATALOG_DIR / lang.value / "routine.json").read_text("utf-8"))
        for text in texts.values():
            assert "automati" not in text.lower()
            assert "scrap" not in text.lower()


@pytest.mark.parametrize(
    ("lang", "mention"), [(Lang.FR, "mentionnez (@)"), (Lang.EN, "mention (@)")]
)
def test_the_share_task_asks_to_mention_people_with_an_at_sign(lang: Lang, mention: str) -> None:
    text = task_text(Task(Lever.COMMENTS, 5, "comments.share"), None, lang)
    assert mention in text
    assert "identifi" not in text


# The texts about the routine's own regularity measure (Loop-style habit strength).
HABIT_TEXT_KEYS = (
    "today.habit.title",
    "today.habit.score",
    "today.habit.score_help",
    "today.status.holiday",
    "today.status.skipped",
    "today.status.rest",
    "today.skip.help",
    "today.holiday.intro",
)


@pytest.mark.parametrize("lang", list(Lang))
def test_the_routines_regularity_is_never_called_a_score(lang: Lang) -> None:
    texts = json.loads((CATALOG_DIR / lang.value / "today.json").read_text("utf-8"))
    for key in HABIT_TEXT_KEYS:
        assert "score" not in texts[key].lower()


def test_the_weekly_headline_review_quotes_the_plans_first_headline_in_good_french() -> None:
    typed = Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        target="DSI de PME industrielles",
        outcome="gain de temps sur le recrutement",
        means="ateliers",
    )
    review = Task(Lever.HEADLINE, 5, "headline.review_headline", weekly=True)
    text = task_text(review, typed, "fr")
    assert "«\u00a0J’aide les DSI de PME industrielles à gagner du temps" in text
    assert "à gain" not in text
