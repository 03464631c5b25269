"""The goal questionnaire: every submission is kept, the latest one drives the plan."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ssi_coach.model import Answers
from ssi_coach.records import ANSWERS, AnswersRecord
from ssi_coach.settings import ROLE
from ssi_coach.store.mapping import fill, to_record
from ssi_coach.store.profiles import now
from ssi_coach.store.tables import AnswersRow, SettingRow


def save_answers(engine: Engine, profile_id: int, answers: Answers) -> None:
    """Store a new questionnaire and its role, keeping the earlier ones, in one transaction."""
    with Session(engine) as session, session.begin():
        stamp = now()
        row = AnswersRow(profile_id=profile_id)
        fill(ANSWERS, row, AnswersRecord(stamp, answers), stamp)
        session.add(row)
        # The role lives in the settings too: Progress and Settings follow the latest answer.
        session.merge(SettingRow(profile_id=profile_id, key=ROLE, value=answers.role.value))


def answers_history(engine: Engine, profile_id: int) -> list[tuple[datetime, Answers]]:
    """Return every questionnaire of a profile with its date, oldest first."""
    with Session(engine) as session:
        rows = session.scalars(
            select(AnswersRow)
            .where(AnswersRow.profile_id == profile_id)
            .order_by(AnswersRow.answered_at, AnswersRow.id)
        )
        records = [to_record(ANSWERS, row) for row in rows]
        return [(record.answered_at, record.answers) for record in records]


def latest_answers(engine: Engine, profile_id: int) -> Answers | None:
    """Return the latest questionnaire, or None before the first one."""
    with Session(engine) as session:
        row = session.scalar(
            select(AnswersRow)
            .where(AnswersRow.profile_id == profile_id)
            .order_by(AnswersRow.answered_at.desc(), AnswersRow.id.desc())
            .limit(1)
        )
        return None if row is None else to_record(ANSWERS, row).answers
