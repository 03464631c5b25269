"""Plan use case: the plan of the latest reading and the questionnaire, and the user's drafts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from ssi_coach.model import Answers, InvalidInput, Reading
from ssi_coach.plan import Plan, build_plan
from ssi_coach.records import DRAFT_LEVERS, DraftEdit
from ssi_coach.services.repo import Repo
from ssi_coach.signals import plan_kpi_months
from ssi_coach.store import answers as answers_store
from ssi_coach.store import drafts as drafts_store
from ssi_coach.store import kpis as kpis_store
from ssi_coach.store import readings as readings_store


@dataclass(frozen=True)
class PlanView:
    """The plan with what it was built from; the plan is None until both inputs exist."""

    reading: Reading | None
    answers: Answers | None
    answered_at: datetime | None
    plan: Plan | None
    # The user's own text of each draft they edited, by draft code.
    edits: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def current_plan(repo: Repo) -> PlanView:
    """Return the latest reading, the questionnaire in force, when it was answered, the edits."""
    reading = readings_store.latest_reading(repo.engine, repo.profile_id)
    history = answers_store.answers_history(repo.engine, repo.profile_id)
    edits = MappingProxyType(
        {edit.code: edit.text for edit in drafts_store.list_drafts(repo.engine, repo.profile_id)}
    )
    if not history:
        return PlanView(reading, None, None, None, edits)
    answered_at, answers = history[-1]
    plan = None
    if reading is not None:
        first, last = plan_kpi_months(reading.taken_on)
        entries = kpis_store.list_kpis(repo.engine, repo.profile_id, first, last)
        plan = build_plan(reading, answers, kpis=[entry.kpis for entry in entries])
    return PlanView(reading, answers, answered_at, plan, edits)


class DraftOutcome(StrEnum):
    """What saving a draft did: kept the user's text, or went back to the proposed one."""

    SAVED = "saved"
    RESET = "reset"


def _check_code(code: str) -> None:
    if code not in DRAFT_LEVERS:
        raise InvalidInput("code", "unknown_choice")


def save_draft(repo: Repo, code: str, text: str, proposed: str) -> DraftOutcome:
    """Keep the user's text for a draft; an empty text or the proposed one resets it instead.

    Raises InvalidInput (field "text") for a text too long or with control characters; then
    nothing is written.
    """
    _check_code(code)
    if not text.strip() or text == proposed:
        drafts_store.delete_draft(repo.engine, repo.profile_id, code)
        return DraftOutcome.RESET
    drafts_store.save_draft(repo.engine, repo.profile_id, DraftEdit(code, text))
    return DraftOutcome.SAVED


def reset_draft(repo: Repo, code: str) -> bool:
    """Forget the user's text for a draft, so the proposed one shows; return whether one went."""
    _check_code(code)
    return drafts_store.delete_draft(repo.engine, repo.profile_id, code)
