"""Indicative score bands per role and the reference points of DOMAIN.md §3."""

from __future__ import annotations

from dataclasses import dataclass

from ssi_coach.model import Role


@dataclass(frozen=True)
class Band:
    """An indicative range of total SSI: a rule of thumb, not a target."""

    low: int
    high: int

    def position(self, total: float) -> str:
        """Return "below", "within" or "above" for a total."""
        if total < self.low:
            return "below"
        if total > self.high:
            return "above"
        return "within"


ROLE_BANDS: dict[Role, Band] = {
    Role.COMMUNITY_MANAGER: Band(60, 70),
    Role.FREELANCE: Band(65, 75),
    Role.SALES: Band(70, 80),
    Role.EXECUTIVE: Band(55, 65),
}

DEFAULT_ROLE = Role.FREELANCE
PASSIVE_BELOW = 20
ACTIVE_RANGE = Band(70, 90)
EXCELLENT_ABOVE = 75


def band_for(role: Role) -> Band:
    """Return the indicative band of a role."""
    return ROLE_BANDS[Role(role)]
