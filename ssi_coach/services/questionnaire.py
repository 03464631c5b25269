"""Questionnaire use cases: save a filled questionnaire, read the latest one and the history.

Also the headline the answers typed so far give, shown while the questionnaire is filled.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from ssi_coach.checkin import FormErrors
from ssi_coach.drafts import Draft, headline_drafts
from ssi_coach.model import Answers, InvalidInput
from ssi_coach.questionnaire import answers_from_form, answers_so_far
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


def preview_headline(values: Mapping[str, object]) -> Draft:
    """Return the plan's first headline for the answers typed so far, in the profile's language.

    A field that is empty or does not read yet shows as the draft's bracketed placeholder.
    """
    answers = answers_so_far(values)
    return headline_drafts(answers, answers.profile_lang)[0]
