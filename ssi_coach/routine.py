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

When the plan is in maintenance (LinkedIn already brings useful conversations), the routine
is light: call ``routine_budget`` first, which halves the user's budget (never below 10
minutes); ``build_routine`` itself always spends exactly the minutes it is given.

Tasks
-----
A lever with more than ``MAX_TASK_MINUTES`` gets several tasks (different variants) rather
than one long task, so extra minutes go into variety and care, not volume. Each day picks
its variants from the date's ordinal, never from a random generator: the same day always
gives the same tasks. On Monday the first profile task is the weekly profile review (headline,
recommendation, visual proof, About), rotating by week.

Quantities come from DOMAIN.md §6 (about 10 prospects, about 3 comments) for a 5-minute slot;
a shorter slot asks for fewer, a longer one never asks for more.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from types import MappingProxyType

from ssi_coach.i18n import Lang, plural_form, t
from ssi_coach.model import MINUTES_MAX, MINUTES_MIN, Answers, Pillar, check_whole
from ssi_coach.plan import GOAL_WEIGHTS, PILLAR_OF, Lever, Plan

DEFAULT_MINUTES = 20
# Half of each lever's time is an even quarter, half follows the goal weight (see module doc).
EVEN_SHARE = Fraction(1, 2)
# Above this, a lever's time is split into several tasks rather than one long one.
MAX_TASK_MINUTES = 10
# The DOMAIN.md §6 quantities are daily figures for about 5 minutes per pillar.
SLOT_MINUTES = 5
WEEKLY_TASK_WEEKDAY = 0  # Monday: the start of the week is when profiles get reviewed


@dataclass(frozen=True)
class Variant:
    """One way to work a lever: its stable key and the quantity for a 5-minute slot."""

    key: str
    count: int | None = None


# Daily variants per lever, all from DOMAIN.md §6. Pillar 1 is also fed by publishing simple
# content that gets engagement (DOMAIN.md §2), hence the short post drafts.
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

# The weekly profile care of DOMAIN.md §6, one per week in turn.
WEEKLY_VARIANTS: tuple[Variant, ...] = (
    Variant("headline.review_headline"),
    Variant("headline.ask_recommendation"),
    Variant("headline.add_proof"),
    Variant("headline.update_about"),
)

# The plan's draft a task starts from, by task key (codes of records.DRAFT_LEVERS); a task
# left out has no draft of its own and opens its lever's helper.
TASK_DRAFTS: Mapping[str, str] = MappingProxyType(
    {
        "headline.review_headline": "headline.1",
        "headline.ask_recommendation": "recommendation",
        "headline.update_about": "about",
        "searches.job_changes": "search.query",
        "searches.competitor_engagers": "search.query",
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
    """Return the minutes to spend today: the user's budget, halved (min 10) in maintenance."""
    minutes = check_whole("minutes_per_day", minutes_per_day, MINUTES_MIN, MINUTES_MAX)
    if plan.maintenance:
        return max(MINUTES_MIN, minutes // 2)
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


def _even_split(minutes: int, parts: int) -> list[int]:
    """Return `parts` whole minutes adding up to `minutes`, the first ones larger."""
    base, extra = divmod(minutes, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _variants_for(lever: Lever, day: date, parts: int) -> list[tuple[Variant, bool]]:
    """Return the day's variants for a lever, with whether each one is the weekly task."""
    pool = DAILY_VARIANTS[lever]
    chosen: list[tuple[Variant, bool]] = []
    if lever is Lever.HEADLINE and day.weekday() == WEEKLY_TASK_WEEKDAY:
        week = (day.toordinal() - 1) // 7  # date(1, 1, 1) is a Monday
        chosen.append((WEEKLY_VARIANTS[week % len(WEEKLY_VARIANTS)], True))
    start = day.toordinal() + _LEVER_OFFSET[lever]
    for i in range(parts - len(chosen)):
        chosen.append((pool[(start + i) % len(pool)], False))
    return chosen


def build_routine(
    plan: Plan, minutes: int = DEFAULT_MINUTES, day: date | None = None
) -> tuple[Task, ...]:
    """Return the day's tasks, highest-priority lever first, spending exactly `minutes`."""
    day = date.today() if day is None else day
    per_lever = split_minutes(plan, minutes)
    tasks: list[Task] = []
    for action in plan.actions:
        lever = action.lever
        lever_minutes = per_lever[lever]
        weekly_slot = lever is Lever.HEADLINE and day.weekday() == WEEKLY_TASK_WEEKDAY
        room = len(DAILY_VARIANTS[lever]) + (1 if weekly_slot else 0)
        parts = min(room, lever_minutes, math.ceil(lever_minutes / MAX_TASK_MINUTES))
        chosen = _variants_for(lever, day, parts)
        for (variant, weekly), task_minutes in zip(
            chosen, _even_split(lever_minutes, parts), strict=True
        ):
            tasks.append(
                Task(
                    lever=lever,
                    minutes=task_minutes,
                    key=variant.key,
                    count=task_count(variant, task_minutes),
                    weekly=weekly,
                )
            )
    return tuple(tasks)


def routine_for(plan: Plan, answers: Answers, day: date | None = None) -> tuple[Task, ...]:
    """Return the day's tasks for the user's budget, light in maintenance."""
    return build_routine(plan, routine_budget(plan, answers.minutes_per_day), day)


def _answer_params(answers: Answers | None, lang: Lang | str) -> dict[str, str]:
    """Return the answer-based phrases a task text may use, with natural fallbacks."""
    sector = answers.sector if answers is not None else ""
    if sector:
        in_sector = t(lang, "routine.sector.known", sector=sector)
    else:
        in_sector = t(lang, "routine.sector.unknown")
    return {"in_sector": in_sector}


def _headline_formula(answers: Answers | None) -> dict[str, str] | None:
    """Return target, outcome and means when the user gave all three."""
    if answers is None or not (answers.target and answers.outcome and answers.means):
        return None
    return {"target": answers.target, "outcome": answers.outcome, "means": answers.means}


def task_text(task: Task, answers: Answers | None, lang: Lang | str) -> str:
    """Return what to do, with its quantity and the user's sector or headline words."""
    params: dict[str, object] = dict(_answer_params(answers, lang))
    key = f"routine.task.{task.key}"
    if task.key == "headline.review_headline":
        formula = _headline_formula(answers)
        if formula is None:
            return t(lang, f"{key}.generic")
        return t(lang, f"{key}.filled", **formula)
    if task.count is not None:
        params["count"] = task.count
        key = f"{key}.{plural_form(task.count, lang)}"
    return t(lang, key, **params)


def task_hint(task: Task, lang: Lang | str) -> str:
    """Return why the task matters, in one sentence from DOMAIN.md."""
    return t(lang, f"routine.hint.{task.key}")
