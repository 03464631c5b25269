"""The goal questionnaire: every submission is kept, the latest one drives the plan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ssi_coach.model import Answers
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import AnswersRow


def save_answers(engine: Engine, profile_id: int, answers: Answers) -> None:
    """Store a new questionnaire, keeping the earlier ones."""
    with Session(engine) as session, session.begin():
        session.add(
            AnswersRow(
                profile_id=profile_id,
                answered_at=now(),
                goal=answers.goal.value,
                role=answers.role.value,
                already_converting=answers.already_converting,
                minutes_per_day=answers.minutes_per_day,
                target=answers.target,
                outcome=answers.outcome,
                means=answers.means,
                sector=answers.sector,
            )
        )


def _to_answers(row: AnswersRow) -> Answers:
    return Answers(
        goal=row.goal,  # type: ignore[arg-type]
        role=row.role,  # type: ignore[arg-type]
        already_converting=row.already_converting,
        minutes_per_day=row.minutes_per_day,
        target=row.target,
        outcome=row.outcome,
        means=row.means,
        sector=row.sector,
    )


def answers_history(engine: Engine, profile_id: int) -> list[tuple[datetime, Answers]]:
    """Return every questionnaire of a profile with its date, oldest first."""
    with Session(engine) as session:
        rows = session.scalars(
            select(AnswersRow)
            .where(AnswersRow.profile_id == profile_id)
            .order_by(AnswersRow.answered_at, AnswersRow.id)
        )
        return [(row.answered_at, _to_answers(row)) for row in rows]


def latest_answers(engine: Engine, profile_id: int) -> Answers | None:
    """Return the latest questionnaire, or None before the first one."""
    with Session(engine) as session:
        row = session.scalar(
            select(AnswersRow)
            .where(AnswersRow.profile_id == profile_id)
            .order_by(AnswersRow.answered_at.desc(), AnswersRow.id.desc())
            .limit(1)
        )
        return None if row is None else _to_answers(row)
