"""Hypothesis strategies shared by the unit tests."""

from datetime import date

from hypothesis import strategies as st

from ssi_coach.model import FIRST_SSI_DATE, Answers, Goal, Reading, Role
from ssi_coach.routine import TASK_KEYS


def three_decimals(low: int, high: int) -> st.SearchStrategy[float]:
    """Draw numbers with at most 3 decimals, as LinkedIn shows them."""
    return st.decimals(low, high, places=3, allow_nan=False, allow_infinity=False).map(float)


pillar_scores = three_decimals(0, 25)
ranks = st.none() | st.integers(1, 100)
averages = st.none() | three_decimals(0, 100)
reading_dates = st.dates(FIRST_SSI_DATE, date.today())

readings = st.builds(
    Reading,
    taken_on=reading_dates,
    brand=pillar_scores,
    people=pillar_scores,
    insights=pillar_scores,
    relationships=pillar_scores,
    industry_rank=ranks,
    network_rank=ranks,
    industry_average=averages,
    network_average=averages,
)

answer_texts = st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80)
answers = st.builds(
    Answers,
    goal=st.sampled_from(Goal),
    role=st.sampled_from(Role),
    already_converting=st.booleans(),
    minutes_per_day=st.integers(10, 60),
    target=answer_texts,
    outcome=answer_texts,
    means=answer_texts,
    sector=answer_texts,
)


def all_task_keys() -> tuple[str, ...]:
    """Return every task key a routine can contain: daily, weekly, publish and depth."""
    return TASK_KEYS
