"""The daily routine: minutes per lever, the day's tasks and their wording (DOMAIN.md §6).

How the minutes are split
-------------------------
DOMAIN.md §6 asks for about 20 minutes a day, 5 per pillar, and the goal must show in the
routine. Each lever's share of the budget is half an even quarter (a little of every pillar,
every day: regularity beats intensity) and half the goal weight of its pillar
(``GOAL_WEIGHTS``). At 20 minutes, with weights of 0.35 and 0.15, the goal's two pillars get
6 minutes each and the other two 4. The shares are turned into whole minutes by largest
remainder, so the minutes always add up to the budget exactly and every lever gets at least
one minute.

The headroom of a pillar does NOT move the minutes: the plan's priority only orders the
tasks. A pillar close to 25 still needs its daily habit, and chasing the score is not the
point (DOMAIN.md §3 and §4). Because the minutes depend on the goal alone, "the goal moves
the minutes" holds for every reading: a lever whose pillar weighs more under a goal never
gets fewer minutes under that goal than under the other one.

The light routine
-----------------
When the plan is light (``Plan.light``: the score is not what needs the work), the routine
takes ``LIGHT_MINUTES``, the 10-minute minimum, whatever the user's budget: never longer than
the standard 20 minutes nor than the user's own budget. Call ``routine_budget`` (or
``routine_for``) to get it; ``build_routine`` itself always spends exactly the minutes it is
given.

Tasks: volume never grows with the budget
-----------------------------------------
Each lever has ONE main task a day, picked from its daily variants by the date's ordinal
(never a random generator: the same day always gives the same tasks). DOMAIN.md §6's daily
figures are ceilings: a counted task asks for its 5-minute quantity (about 10 prospects,
about 3 comments), fewer in a shorter slot, never more. A day therefore asks for at most 10
new prospects, 3 comments and one post draft, whatever the budget.

A lever gets one task per started ``MAX_TASK_MINUTES`` (10) of its minutes, shared evenly,
taken in this order as far as they go: the weekly profile review (headline lever, Mondays),
the main task, then the depth task. A depth task has no quantity: it is what §6 says a longer
slot buys instead of volume (reading the author's posts before commenting or sharing,
preparing a message, improving one section of the profile). Reading is listed before the
comment it prepares; the other depth tasks follow their main task.

Two headline tasks come on fixed weekdays:

- on Monday, the weekly profile review (headline, recommendation, visual proof, About, in
  turn) comes before the day's post draft: the start of the week is when the profile gets
  its care;
- on Wednesday, under the notoriety goal only, the main headline task is to publish the
  week's post (draft "post") instead of drafting another one. One post a week on the same
  day: regularity and timing beat volume (§6). Mid-week is a working day, away from
  Monday's review and from the weekend, when the routine is optional.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from ssi_coach.drafts import headline_drafts
from ssi_coach.i18n import Lang, plural_form, t
from ssi_coach.model import MINUTES_MAX, MINUTES_MIN, Answers, Goal, Pillar, check_whole
from ssi_coach.plan import GOAL_WEIGHTS, PILLAR_OF, Lever, Plan

DEFAULT_MINUTES = 20
# The light routine keeps the rhythm at the smallest budget the app allows (see module doc).
LIGHT_MINUTES = MINUTES_MIN
# Half of each lever's time is an even quarter, half follows the goal weight (see module doc).
EVEN_SHARE = Fraction(1, 2)
# Above this, a lever's time also goes into its depth task rather than one long task.
MAX_TASK_MINUTES = 10
# The DOMAIN.md §6 quantities are daily figures for about 5 minutes per pillar.
SLOT_MINUTES = 5
WEEKLY_TASK_WEEKDAY = 0  # Monday: the start of the week is when profiles get reviewed
PUBLISH_WEEKDAY = 2  # Wednesday: a fixed mid-week day, away from Monday's review and weekends


@dataclass(frozen=True)
class Variant:
    """One way to work a lever: its stable key and the quantity for a 5-minute slot."""

    key: str
    count: int | None = None


# Daily variants per lever, all from DOMAIN.md §6; a day takes one of them per lever. Pillar 1
# is also fed by publishing simple content that gets engagement (DOMAIN.md §2), hence the
# short post drafts.
DAILY_VARIANTS: Mapping[Lever, tuple[Variant, ...]] = MappingProxyType(
    {
        Lever.HEADLINE: (
            Variant("headline.post_tip"),
            Variant("headline.post_figure"),
            Variant("headline.post_question"),
        ),
        Lever.SEARCHES: (
            Variant("searches.job_changes", 10),
            Variant("searches.competitor_engagers", 10),
            Variant("searches.buying_signals", 10),
        ),
        Lever.COMMENTS: (
            Variant("comments.angle", 3),
            Variant("comments.experience", 3),
            Variant("comments.share"),
        ),
        Lever.MESSAGES: (
            Variant("messages.thank_connections"),
            Variant("messages.invitations", 3),
            Variant("messages.follow_up", 2),
        ),
    }
)

# What a longer slot buys instead of volume (DOMAIN.md §6): care, never a quantity.
DEPTH_VARIANTS: Mapping[Lever, Variant] = MappingProxyType(
    {
        Lever.HEADLINE: Variant("headline.improve_section"),
        Lever.SEARCHES: Variant("searches.read_profiles"),
        Lever.COMMENTS: Variant("comments.read_posts"),
        Lever.MESSAGES: Variant("messages.prepare"),
    }
)
# Reading a person's posts comes before commenting on them, so it is listed first.
DEPTH_FIRST = frozenset({Lever.COMMENTS})

# The weekly profile care of DOMAIN.md §6, one per week in turn.
WEEKLY_VARIANTS: tuple[Variant, ...] = (
    Variant("headline.review_headline"),
    Variant("headline.ask_recommendation"),
    Variant("headline.add_proof"),
    Variant("headline.update_about"),
)

# The notoriety goal's weekly post (DOMAIN.md §5 and §6): published, not only drafted.
PUBLISH_VARIANT = Variant("headline.publish")
PUBLISH_GOALS = frozenset({Goal.NOTORIETY})

# Every key a routine can contain; ticks are stored by key, so a key never changes.
TASK_KEYS: tuple[str, ...] = (
    *(v.key for pool in DAILY_VARIANTS.values() for v in pool),
    *(v.key for v in WEEKLY_VARIANTS),
    PUBLISH_VARIANT.key,
    *(v.key for v in DEPTH_VARIANTS.values()),
)

# The plan's draft a task starts from, by task key (codes of records.DRAFT_LEVERS); a task
# left out has no draft of its own and opens its lever's helper.
TASK_DRAFTS: Mapping[str, str] = MappingProxyType(
    {
        "headline.review_headline": "headline.1",
        "headline.ask_recommendation": "recommendation",
        "headline.update_about": "about",
        "headline.publish": "post",
        "searches.job_changes": "search.title",
        "searches.competitor_engagers": "search.title",
        "comments.angle": "comment.angle",
        "comments.experience": "comment.experience",
        "comments.share": "share",
        "messages.thank_connections": "message.thank_you",
        # An invitation goes out with the connection note of the search helper.
        "messages.invitations": "search.note",
        "messages.follow_up": "message.follow_up",
    }
)

# Shifts each lever's rotation so that two levers don't show the same variant number each day.
_LEVER_OFFSET: Mapping[Lever, int] = MappingProxyType({lever: i for i, lever in enumerate(Lever)})


@dataclass(frozen=True)
class Task:
    """One task of the day: a lever, its whole minutes, a stable key and a quantity."""

    lever: Lever
    minutes: int
    key: str
    count: int | None = None
    weekly: bool = False

    @property
    def pillar(self) -> Pillar:
        """Return the SSI pillar the task feeds."""
        return PILLAR_OF[self.lever]

    @property
    def draft(self) -> str | None:
        """Return the code of the plan's draft the task starts from, None when it has none."""
        return TASK_DRAFTS.get(self.key)


def routine_budget(plan: Plan, minutes_per_day: int = DEFAULT_MINUTES) -> int:
    """Return the minutes to spend today: the user's budget, or 10 when the plan is light."""
    minutes = check_whole("minutes_per_day", minutes_per_day, MINUTES_MIN, MINUTES_MAX)
    if plan.light:
        return min(LIGHT_MINUTES, minutes)
    return minutes


def lever_shares(plan: Plan) -> dict[Lever, Fraction]:
    """Return each lever's exact share of the budget: half even, half goal weight."""
    weights = GOAL_WEIGHTS[plan.goal]
    even = Fraction(1, len(Lever))
    return {
        lever: EVEN_SHARE * even + (1 - EVEN_SHARE) * Fraction(str(weights[PILLAR_OF[lever]]))
        for lever in Lever
    }


def split_minutes(plan: Plan, minutes: int = DEFAULT_MINUTES) -> dict[Lever, int]:
    """Return whole minutes per lever, adding up to the budget (largest remainder)."""
    minutes = check_whole("minutes_per_day", minutes, MINUTES_MIN, MINUTES_MAX)
    shares = lever_shares(plan)
    quotas = {lever: share * minutes for lever, share in shares.items()}
    seats = {lever: math.floor(quota) for lever, quota in quotas.items()}
    order = list(Lever)
    # Ties go to the lever with the larger share, then to LinkedIn's pillar order, so the split
    # never depends on the order of the plan's actions.
    by_remainder = sorted(
        Lever, key=lambda lv: (-(quotas[lv] - seats[lv]), -shares[lv], order.index(lv))
    )
    for lever in by_remainder[: minutes - sum(seats.values())]:
        seats[lever] += 1
    # Every share is at least 1/8 and the budget at least 10 minutes, so each lever already has
    # one minute; this only guards the invariant if the shares ever change.
    for lever in Lever:
        while seats[lever] == 0:
            richest = max(Lever, key=lambda lv: (seats[lv], -order.index(lv)))
            seats[richest] -= 1
            seats[lever] += 1
    return seats


def task_count(variant: Variant, minutes: int) -> int | None:
    """Return the quantity for a slot: the 5-minute figure scaled down, never up, at least 1."""
    if variant.count is None:
        return None
    scaled = (2 * variant.count * minutes + SLOT_MINUTES) // (2 * SLOT_MINUTES)
    return max(1, min(variant.count, scaled))


def publishes_on(plan: Plan, day: date) -> bool:
    """Tell whether the day's headline task is to publish the week's post."""
    return plan.goal in PUBLISH_GOALS and day.weekday() == PUBLISH_WEEKDAY


def _even_split(minutes: int, parts: int) -> list[int]:
    """Return `parts` whole minutes adding up to `minutes`, the first ones larger."""
    base, extra = divmod(minutes, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _candidates(plan: Plan, lever: Lever, day: date) -> list[tuple[Variant, bool]]:
    """Return a lever's possible tasks of the day, most needed first, with the weekly flag."""
    chosen: list[tuple[Variant, bool]] = []
    if lever is Lever.HEADLINE and day.weekday() == WEEKLY_TASK_WEEKDAY:
        week = (day.toordinal() - 1) // 7  # date(1, 1, 1) is a Monday
        chosen.append((WEEKLY_VARIANTS[week % len(WEEKLY_VARIANTS)], True))
    if lever is Lever.HEADLINE and publishes_on(plan, day):
        chosen.append((PUBLISH_VARIANT, True))
    else:
        pool = DAILY_VARIANTS[lever]
        chosen.append((pool[(day.toordinal() + _LEVER_OFFSET[lever]) % len(pool)], False))
    chosen.append((DEPTH_VARIANTS[lever], False))
    return chosen


def _lever_tasks(plan: Plan, lever: Lever, minutes: int, day: date) -> list[Task]:
    """Return a lever's tasks: one per started 10 minutes, as far as it has tasks to give."""
    candidates = _candidates(plan, lever, day)
    parts = min(len(candidates), minutes, math.ceil(minutes / MAX_TASK_MINUTES))
    chosen = candidates[:parts]
    if lever in DEPTH_FIRST:
        # A stable sort: the depth task moves to the front, the others keep their order.
        chosen.sort(key=lambda item: item[0] != DEPTH_VARIANTS[lever])
    return [
        Task(
            lever=lever,
            minutes=task_minutes,
            key=variant.key,
            count=task_count(variant, task_minutes),
            weekly=weekly,
        )
        for (variant, weekly), task_minutes in zip(chosen, _even_split(minutes, parts), strict=True)
    ]


def build_routine(
    plan: Plan, minutes: int = DEFAULT_MINUTES, day: date | None = None
) -> tuple[Task, ...]:
    """Return the day's tasks, highest-priority lever first, spending exactly `minutes`."""
    day = date.today() if day is None else day
    per_lever = split_minutes(plan, minutes)
    tasks: list[Task] = []
    for action in plan.actions:
        tasks.extend(_lever_tasks(plan, action.lever, per_lever[action.lever], day))
    return tuple(tasks)


def routine_for(plan: Plan, answers: Answers, day: date | None = None) -> tuple[Task, ...]:
    """Return the day's tasks for the user's budget, the light routine when the plan is light."""
    return build_routine(plan, routine_budget(plan, answers.minutes_per_day), day)


def _answer_params(answers: Answers | None, lang: Lang | str) -> dict[str, str]:
    """Return the answer-based phrases a task text may use, with natural fallbacks."""
    sector = answers.sector if answers is not None else ""
    if sector:
        in_sector = t(lang, "routine.sector.known", sector=sector)
    else:
        in_sector = t(lang, "routine.sector.unknown")
    return {"in_sector": in_sector}


def _headline_formula(answers: Answers | None) -> str | None:
    """Return the plan's first headline when the user gave target, outcome and means."""
    if answers is None or not (answers.target and answers.outcome and answers.means):
        return None
    # The plan's own wording: the answers fitted in grammatically, in the profile's language.
    return headline_drafts(answers, answers.profile_lang)[0].text


def task_text(task: Task, answers: Answers | None, lang: Lang | str) -> str:
    """Return what to do, with its quantity and the user's sector or headline words."""
    params: dict[str, object] = dict(_answer_params(answers, lang))
    key = f"routine.task.{task.key}"
    if task.key == "headline.review_headline":
        formula = _headline_formula(answers)
        if formula is None:
            return t(lang, f"{key}.generic")
        return t(lang, f"{key}.filled", headline=formula)
    if task.count is not None:
        params["count"] = task.count
        key = f"{key}.{plural_form(task.count, lang)}"
    return t(lang, key, **params)


def task_hint(task: Task, lang: Lang | str) -> str:
    """Return why the task matters, in one sentence from DOMAIN.md."""
    return t(lang, f"routine.hint.{task.key}")
