"""Goal-weighted action plan: which lever to pull first, the KPIs to watch, and its texts."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType

from ssi_coach.i18n import Lang, format_number, t
from ssi_coach.kpis import GOAL_KPIS as GOAL_KPIS  # re-exported: it lives beside the KPIs
from ssi_coach.model import PILLAR_MAX, Answers, Goal, KpiMonth, Pillar, Reading, to_thousandths
from ssi_coach.signals import THRESHOLDS, results_growing, score_saturated


class Lever(StrEnum):
    HEADLINE = "headline"
    SEARCHES = "searches"
    COMMENTS = "comments"
    MESSAGES = "messages"


LEVER_OF: Mapping[Pillar, Lever] = MappingProxyType(
    {
        Pillar.BRAND: Lever.HEADLINE,
        Pillar.PEOPLE: Lever.SEARCHES,
        Pillar.INSIGHTS: Lever.COMMENTS,
        Pillar.RELATIONSHIPS: Lever.MESSAGES,
    }
)
PILLAR_OF: Mapping[Lever, Pillar] = MappingProxyType({v: k for k, v in LEVER_OF.items()})

# How much each pillar serves a goal (DOMAIN.md §5, DESIGN.md §3); each goal's weights sum to 1.
# Notoriety leans on the profile and on engaging with content (reach and engagement rate);
# prospecting leans on finding the right people and building relationships (conversations).
#
# The table is a mirror: a goal gives 0.35 to each of its own two pillars and 0.15 to each of
# the other two. DESIGN.md's first draft gave prospecting 0.20 to the brand and 0.10 to insights;
# that breaks the promise that a goal's own pillars never rank lower under that goal. With
# brand at 15/25 and insights at 10/25 (the rest full), notoriety ranks insights first and brand
# second, while prospecting (brand 0.20 > insights 0.10) ranks brand first. Keeping the two own
# pillars equal under both goals means switching goal only moves weight between the pairs,
# never within one, so the promise holds for every reading.
GOAL_WEIGHTS: Mapping[Goal, Mapping[Pillar, float]] = MappingProxyType(
    {
        Goal.NOTORIETY: MappingProxyType(
            {
                Pillar.BRAND: 0.35,
                Pillar.PEOPLE: 0.15,
                Pillar.INSIGHTS: 0.35,
                Pillar.RELATIONSHIPS: 0.15,
            }
        ),
        Goal.PROSPECTING: MappingProxyType(
            {
                Pillar.BRAND: 0.15,
                Pillar.PEOPLE: 0.35,
                Pillar.INSIGHTS: 0.15,
                Pillar.RELATIONSHIPS: 0.35,
            }
        ),
    }
)

# LinkedIn shows one industry average for the total; a quarter of it is the per-pillar
# average we compare against. Being below it adds this share of the gap to the priority.
INDUSTRY_GAP_WEIGHT = 1

# The daily routine gives each pillar about five minutes (DOMAIN.md §6).
MINUTES_PER_LEVER = 5

_PILLAR_THOUSANDTHS = to_thousandths(PILLAR_MAX)


def own_pillars(goal: Goal) -> tuple[Pillar, ...]:
    """Return the pillars a goal weighs most, in LinkedIn's order."""
    weights = GOAL_WEIGHTS[Goal(goal)]
    top = max(weights.values())
    return tuple(p for p in Pillar if weights[p] == top)


def _exact_headroom(score: float) -> Fraction:
    return Fraction(max(0, _PILLAR_THOUSANDTHS - to_thousandths(score)), _PILLAR_THOUSANDTHS)


def _exact_industry_gap(score: float, industry_average: float | None) -> Fraction:
    if industry_average is None:
        return Fraction(0)
    # average / 4 - score, in thousandths times four so that it stays a whole number
    below = to_thousandths(industry_average) - 4 * to_thousandths(score)
    return Fraction(max(0, below), 4 * _PILLAR_THOUSANDTHS)


def headroom(score: float) -> float:
    """Return the share of a pillar still to gain: (25 - score) / 25."""
    return float(_exact_headroom(score))


def industry_gap(score: float, industry_average: float | None) -> float:
    """Return how far a pillar sits below the industry's per-pillar average, as a share of 25."""
    return float(_exact_industry_gap(score, industry_average))


@dataclass(frozen=True)
class Action:
    """One lever to pull, with the numbers that explain its priority."""

    lever: Lever
    pillar: Pillar
    priority: float
    score: float
    headroom: float
    weight: float
    industry_gap: float
    industry_average: float | None = None

    @property
    def headroom_percent(self) -> int:
        """Return the headroom as a whole percentage, halves rounded up."""
        return math.floor(self.headroom * 100 + 0.5)


@dataclass(frozen=True)
class Plan:
    """The actions in priority order, the KPIs of the goal, and whether the score matters now.

    `maintenance`: the user says LinkedIn already brings useful conversations (DOMAIN.md §5).
    `saturated`: every pillar is at or near 25 and nothing shows the goal's KPIs growing, so
    the score is not the problem (DOMAIN.md §4–5). Either one makes the routine light.
    """

    goal: Goal
    actions: tuple[Action, ...]
    kpis: tuple[str, ...]
    maintenance: bool
    saturated: bool = False

    @property
    def light(self) -> bool:
        """Tell whether the routine is the light one: the score is not what needs the work."""
        return self.maintenance or self.saturated

    def weight(self, lever: Lever) -> float:
        """Return the goal weight of a lever's pillar."""
        return GOAL_WEIGHTS[self.goal][PILLAR_OF[lever]]

    def action(self, lever: Lever) -> Action:
        """Return the action of one lever."""
        return next(a for a in self.actions if a.lever is Lever(lever))


def build_plan(reading: Reading, answers: Answers, *, kpis: Sequence[KpiMonth] = ()) -> Plan:
    """Rank the four levers by goal weight times headroom, plus any gap to the industry.

    The monthly KPIs tell whether a score at the top still goes with growing results; without
    them (or with too few months to compare) nothing shows growth.
    """
    weights = GOAL_WEIGHTS[answers.goal]
    ranked = []
    for pillar in Pillar:
        score = reading.score(pillar)
        room = _exact_headroom(score)
        gap = _exact_industry_gap(score, reading.industry_average)
        weight = weights[pillar]
        # Exact fractions, so that the order never depends on how floats happen to round.
        exact = Fraction(str(weight)) * (room + INDUSTRY_GAP_WEIGHT * gap)
        action = Action(
            lever=LEVER_OF[pillar],
            pillar=pillar,
            priority=float(exact),
            score=score,
            headroom=float(room),
            weight=weight,
            industry_gap=float(gap),
            industry_average=reading.industry_average,
        )
        ranked.append((exact, action))
    order = list(Pillar)
    # Ties go to the pillar the goal weighs most, then to LinkedIn's own pillar order.
    ranked.sort(key=lambda pair: (-pair[0], -pair[1].weight, order.index(pair[1].pillar)))
    return Plan(
        goal=answers.goal,
        actions=tuple(action for _, action in ranked),
        kpis=GOAL_KPIS[answers.goal],
        maintenance=answers.already_converting,
        saturated=score_saturated(reading)
        and not results_growing(kpis, answers.goal, reading.taken_on),
    )


# --- texts -------------------------------------------------------------------------------

# Section codes the Plan page renders, in order: the KPIs lead when the score is not the point.
SECTIONS_NORMAL = ("actions", "kpis", "honest")
SECTIONS_MAINTENANCE = ("kpis", "actions", "honest")

STEPS: Mapping[Lever, tuple[str, ...]] = MappingProxyType(
    {
        Lever.HEADLINE: ("headline", "about", "recommendation", "proof", "current", "routine"),
        Lever.SEARCHES: ("quota", "advanced", "signals", "note", "routine"),
        Lever.COMMENTS: ("quota", "never_generic", "share", "publish", "routine"),
        Lever.MESSAGES: ("thank_you", "fast", "alive", "positioning", "routine"),
    }
)

HONEST_POINTS = (
    "activity",
    "depth",
    "volume",
    "stable",
    "alert",
    "feed",
    "sales_navigator",
)

# The quantities of DOMAIN.md §6, handed to every step text so the numbers live in one place.
STEP_QUANTITIES: Mapping[str, int] = MappingProxyType(
    {
        "headline_limit": 220,
        "buyers_percent": 82,
        "prospects": 10,
        "note_limit": 300,
        "comments": 3,
        "share_sentences_min": 2,
        "share_sentences_max": 3,
        "tags_min": 1,
        "tags_max": 2,
        "minutes": MINUTES_PER_LEVER,
    }
)


@dataclass(frozen=True)
class KpiExplanation:
    """One KPI of the goal: its code, its label, and why it weighs more than the SSI."""

    code: str
    label: str
    why: str


def plan_sections(plan: Plan) -> tuple[str, ...]:
    """Return the order of the Plan page's sections: KPIs first when the score is not the point."""
    return SECTIONS_MAINTENANCE if plan.light else SECTIONS_NORMAL


def _case(plan: Plan) -> str:
    """Return which plan the texts speak of; the user's own word on converting comes first."""
    if plan.maintenance:
        return "maintenance"
    return "saturated" if plan.saturated else "normal"


def plan_title(plan: Plan, lang: Lang | str) -> str:
    """Return the plan's heading."""
    return t(lang, f"plan.title.{_case(plan)}")


def plan_intro(plan: Plan, lang: Lang | str) -> str:
    """Return the opening paragraph; it says so plainly when the score is not the point."""
    kpis = t(lang, f"plan.kpis_phrase.{plan.goal.value}")
    case = _case(plan)
    if case == "maintenance":
        return t(lang, "plan.intro.maintenance", kpis=kpis)
    if case == "saturated":
        return t(lang, "plan.intro.saturated", kpis=kpis, threshold=THRESHOLDS.saturated_pillar)
    return t(lang, "plan.intro.normal", goal=t(lang, f"goal.{plan.goal.value}"), kpis=kpis)


def action_title(action: Action, lang: Lang | str) -> str:
    """Return the short name of an action."""
    return t(lang, f"plan.lever.{action.lever.value}")


def action_why(action: Action, plan: Plan, lang: Lang | str) -> str:
    """Return one sentence on why this lever, with the user's own score, goal and headroom."""
    pillar = t(lang, f"pillar.{action.pillar.value}")
    goal = t(lang, f"plan.goal_phrase.{plan.goal.value}")
    percent = action.headroom_percent
    if percent == 0:
        return t(lang, "plan.why.full", pillar=pillar, score=action.score)
    role = (
        "key" if plan.weight(action.lever) == max(GOAL_WEIGHTS[plan.goal].values()) else "support"
    )
    params: dict[str, object] = {
        "pillar": pillar,
        "score": action.score,
        "headroom": percent,
        "goal": goal,
    }
    if action.industry_gap > 0 and action.industry_average is not None:
        per_pillar = format_number(round(action.industry_average / 4, 1), lang)
        return t(lang, f"plan.why.{role}.below_industry", industry=per_pillar, **params)
    return t(lang, f"plan.why.{role}", **params)


def action_steps(action: Action, lang: Lang | str) -> tuple[str, ...]:
    """Return the concrete steps of a lever, with their daily quantities."""
    return tuple(
        t(lang, f"plan.step.{action.lever.value}.{step}", **STEP_QUANTITIES)
        for step in STEPS[action.lever]
    )


def kpi_explanations(plan: Plan, lang: Lang | str) -> tuple[KpiExplanation, ...]:
    """Return each KPI of the goal with its label and why it weighs more than the SSI."""
    return tuple(
        KpiExplanation(
            code=code, label=t(lang, f"kpi.{code}.label"), why=t(lang, f"kpi.{code}.why")
        )
        for code in plan.kpis
    )


def kpi_reading_rule(lang: Lang | str) -> str:
    """Return the rule for reading KPIs: together and over time."""
    return t(lang, "kpi.reading_rule")


def honest_points(lang: Lang | str) -> tuple[str, ...]:
    """Return what the SSI does not measure, and how to use it anyway."""
    return tuple(t(lang, f"honest.{point}") for point in HONEST_POINTS)
