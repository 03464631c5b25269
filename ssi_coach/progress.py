"""Progress over time: the latest ranks and the check-in table (charts: ssi_coach.charts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

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


@dataclass(frozen=True)
class HeadlineChange:
    """When the headline last changed, and the brand pillar at the check-ins either side."""

    saved_on: date
    # The last check-in on or before that day: one of the same day can hardly show the change.
    brand_before: float | None
    # The latest check-in after that day.
    brand_after: float | None


def headline_change(readings: Sequence[Reading], saved_on: date | None) -> HeadlineChange | None:
    """Return the brand pillar before and after the day the headline was last saved, or None.

    saved_on: the local day of the newest saved headline, None when none was ever saved.
    """
    if saved_on is None:
        return None
    before = [r for r in readings if r.taken_on <= saved_on]
    after = [r for r in readings if r.taken_on > saved_on]
    return HeadlineChange(
        saved_on,
        brand_before=_brand_of_last(before),
        brand_after=_brand_of_last(after),
    )


def _brand_of_last(readings: Sequence[Reading]) -> float | None:
    if not readings:
        return None
    return max(readings, key=lambda r: r.taken_on).brand


def headline_caption(change: HeadlineChange, lang: Lang) -> str:
    """Return the line saying when the headline changed and how the brand pillar moved."""
    if change.brand_before is None and change.brand_after is None:
        variant = "none"
    elif change.brand_after is None:
        variant = "no_after"
    elif change.brand_before is None:
        variant = "no_before"
    else:
        variant = "both"
    scores = {
        name: format_number(value, lang)
        for name, value in (("before", change.brand_before), ("after", change.brand_after))
        if value is not None
    }
    return t(
        lang,
        f"review_saved.progress.{variant}",
        date=format_date(change.saved_on, lang),
        **scores,
    )


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
