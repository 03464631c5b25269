"""A few months of check-ins and KPIs that the card's tests read."""

from datetime import date

from ssi_coach.model import KpiMonth, Reading

NBSP = "\u00a0"
NOV = date(2026, 11, 1)


def reading(day: date, total: float) -> Reading:
    """Build a check-in with the given total (30 to 55): three pillars at 10, the rest on brand."""
    return Reading(day, round(total - 30, 3), 10.0, 10.0, 10.0)


READINGS = [
    reading(date(2026, 8, 18), 48.0),
    reading(date(2026, 10, 19), 51.4),
    reading(date(2026, 11, 3), 50.0),
    reading(date(2026, 11, 20), 54.5),
]
KPIS = [
    KpiMonth(date(2025, 11, 1), impressions=8000, engagements=200),
    KpiMonth(date(2026, 8, 1), impressions=10000, engagements=300),
    KpiMonth(date(2026, 11, 1), impressions=12400, engagements=372, opportunities=1),
]
