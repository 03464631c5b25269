"""Progress over time: the latest ranks and the check-in table (charts: ssi_coach.charts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ssi_coach.i18n import Lang, format_date, format_number, format_signed, t
from ssi_coach.model import Pillar, Reading


def has_ranks(readings: Sequence[Reading]) -> bool:
    """Tell whether any reading holds a rank."""
    return any(r.industry_rank is not None or r.network_rank is not None for r in readings)


@dataclass(frozen=True)
class RankSummary:
    """The latest rank of one kind and how it moved since the previous known one."""

    kind: str
    rank: int
    previous: int | None

    @property
    def improved_by(self) -> int | None:
        """Return how many percentage points the rank gained; positive means better."""
        return None if self.previous is None else self.previous - self.rank


def latest_ranks(readings: Sequence[Reading]) -> tuple[RankSummary, ...]:
    """Return the latest industry and network ranks with their previous values."""
    summaries = []
    for kind in ("industry", "network"):
        known = [getattr(r, f"{kind}_rank") for r in readings]
        known = [rank for rank in known if rank is not None]
        if known:
            previous = known[-2] if len(known) > 1 else None
            summaries.append(RankSummary(kind=kind, rank=known[-1], previous=previous))
    return tuple(summaries)


def checkin_table(readings: Sequence[Reading], lang: Lang) -> pd.DataFrame:
    """Return the check-ins newest first, with columns and numbers written for the language."""
    rows = []
    previous: Reading | None = None
    for reading in readings:
        change = None if previous is None else reading.total - previous.total
        row = {
            t(lang, "progress.col.date"): format_date(reading.taken_on, lang),
            t(lang, "progress.col.total"): reading.total_shown,
            t(lang, "progress.col.exact"): format_number(reading.total, lang),
            t(lang, "progress.col.change"): "" if change is None else format_signed(change, lang),
        }
        for pillar in Pillar:
            row[t(lang, f"pillar.short.{pillar.value}")] = format_number(
                reading.score(pillar), lang
            )
        for kind in ("industry", "network"):
            rank = getattr(reading, f"{kind}_rank")
            row[t(lang, f"progress.col.{kind}_rank")] = (
                "" if rank is None else t(lang, "progress.rank.top", rank=rank)
            )
        rows.append(row)
        previous = reading
    return pd.DataFrame(rows[::-1])
