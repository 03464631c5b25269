"""Goal-weighted action plan: which lever to pull first, and the KPIs to watch."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from ssi_coach.model import PILLAR_MAX, Answers, Goal, Pillar, Reading


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
                Pillar.BRAND: 0.20,
                Pillar.PEOPLE: 0.35,
                Pillar.INSIGHTS: 0.10,
                Pillar.RELATIONSHIPS: 0.35,
            }
        ),
    }
)

GOAL_KPIS: Mapping[Goal, tuple[str, ...]] = MappingProxyType(
    {
        Goal.NOTORIETY: ("impressions", "engagement_rate"),
        Goal.PROSPECTING: ("qualified_conversations", "opportunities"),
    }
)

# LinkedIn shows one industry average for the total; a quarter of it is the per-pillar
# average we compare against. Being below it adds this share of the gap to the priority.
INDUSTRY_GAP_WEIGHT = 1.0


def headroom(score: float) -> float:
    """Return the share of a pillar still to gain: (25 - score) / 25."""
    return max(0.0, (PILLAR_MAX - score) / PILLAR_MAX)


def industry_gap(score: float, industry_average: float | None) -> float:
    """Return how far a pillar sits below the industry's per-pillar average, as a share of 25."""
    if industry_average is None:
        return 0.0
    return max(0.0, industry_average / 4 - score) / PILLAR_MAX


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


@dataclass(frozen=True)
class Plan:
    """The actions in priority order, the KPIs of the goal, and whether the score matters now."""

    goal: Goal
    actions: tuple[Action, ...]
    kpis: tuple[str, ...]
    maintenance: bool

    def weight(self, lever: Lever) -> float:
        """Return the goal weight of a lever's pillar."""
        return GOAL_WEIGHTS[self.goal][PILLAR_OF[lever]]


def build_plan(reading: Reading, answers: Answers) -> Plan:
    """Rank the four levers by goal weight times headroom, plus any gap to the industry."""
    weights = GOAL_WEIGHTS[answers.goal]
    actions = []
    for pillar in Pillar:
        score = reading.score(pillar)
        room = headroom(score)
        gap = industry_gap(score, reading.industry_average)
        weight = weights[pillar]
        actions.append(
            Action(
                lever=LEVER_OF[pillar],
                pillar=pillar,
                priority=weight * (room + INDUSTRY_GAP_WEIGHT * gap),
                score=score,
                headroom=room,
                weight=weight,
                industry_gap=gap,
            )
        )
    order = list(Pillar)
    # Ties go to the pillar the goal weighs most, then to LinkedIn's own pillar order.
    actions.sort(key=lambda a: (-a.priority, -a.weight, order.index(a.pillar)))
    return Plan(
        goal=answers.goal,
        actions=tuple(actions),
        kpis=GOAL_KPIS[answers.goal],
        maintenance=answers.already_converting,
    )
