"""Questionnaire use cases: save a filled questionnaire, read the latest one and the history."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ssi_coach.checkin import FormErrors
from ssi_coach.model import Answers, InvalidInput
from ssi_coach.questionnaire import answers_from_form
from ssi_coach.services.repo import Repo
from ssi_coach.store import answers as store


class QuestionnaireStatus(StrEnum):
    """What became of a submitted questionnaire."""

    SAVED = "saved"
    INVALID = "invalid"


@dataclass(frozen=True)
class QuestionnaireOutcome:
    """What became of the last submitted questionnaire."""

    status: QuestionnaireStatus
    errors: tuple[InvalidInput, ...] = ()


def submit_questionnaire(repo: Repo, values: Mapping[str, object]) -> QuestionnaireOutcome:
    """Validate a filled questionnaire and store it with its role, in one transaction."""
    try:
        answers = answers_from_form(values)
    except FormErrors as invalid:
        return QuestionnaireOutcome(QuestionnaireStatus.INVALID, invalid.errors)
    store.save_answers(repo.engine, repo.profile_id, answers)
    return QuestionnaireOutcome(QuestionnaireStatus.SAVED)


def latest_answers(repo: Repo) -> Answers | None:
    """Return the questionnaire in force, or None before the first one."""
    return store.latest_answers(repo.engine, repo.profile_id)


def answers_history(repo: Repo) -> list[tuple[datetime, Answers]]:
    """Return every questionnaire with when it was answered (UTC), oldest first."""
    return store.answers_history(repo.engine, repo.profile_id)
