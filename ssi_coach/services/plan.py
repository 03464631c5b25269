"""Plan use case: the plan of the latest reading and the questionnaire in force."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ssi_coach.model import Answers, Reading
from ssi_coach.plan import Plan, build_plan
from ssi_coach.services.repo import Repo
from ssi_coach.store import answers as answers_store
from ssi_coach.store import readings as readings_store


@dataclass(frozen=True)
class PlanView:
    """The plan with what it was built from; the plan is None until both inputs exist."""

    reading: Reading | None
    answers: Answers | None
    answered_at: datetime | None
    plan: Plan | None


def current_plan(repo: Repo) -> PlanView:
    """Return the latest reading, the questionnaire in force and when it was answered."""
    reading = readings_store.latest_reading(repo.engine, repo.profile_id)
    history = answers_store.answers_history(repo.engine, repo.profile_id)
    if not history:
        return PlanView(reading, None, None, None)
    answered_at, answers = history[-1]
    plan = None if reading is None else build_plan(reading, answers)
    return PlanView(reading, answers, answered_at, plan)
