"""The Progress rules: the latest ranks, the check-in table and the role bands."""

from datetime import date

from ssi_coach.benchmarks import ROLE_BANDS, band_for
from ssi_coach.i18n import Lang
from ssi_coach.model import Reading, Role
from ssi_coach.progress import checkin_table, latest_ranks

READINGS = [
    Reading(date(2026, 9, 1), 10.0, 8.5, 4.0, 6.0, industry_rank=30, network_rank=40),
    Reading(date(2026, 10, 1), 11.25, 9.0, 5.0, 6.5, industry_rank=25),
]


def test_latest_ranks_compare_with_the_previous_known_rank() -> None:
    industry, network = latest_ranks(READINGS)
    assert (industry.rank, industry.improved_by) == (25, 5)
    assert (network.rank, network.improved_by) == (40, None)


def test_the_table_is_newest_first_with_french_decimals() -> None:
    table = checkin_table(READINGS, Lang.FR)
    assert list(table["Date"]) == ["01/10/2026", "01/09/2026"]
    assert table["Somme exacte"].iloc[0] == "31,75"
    assert table["Évolution"].iloc[0] == "+3,25"


def test_every_role_has_the_band_of_domain_md() -> None:
    assert {role: (b.low, b.high) for role, b in ROLE_BANDS.items()} == {
        Role.COMMUNITY_MANAGER: (60, 70),
        Role.FREELANCE: (65, 75),
        Role.SALES: (70, 80),
        Role.EXECUTIVE: (55, 65),
    }


def test_a_band_places_a_total_below_within_or_above() -> None:
    band = band_for(Role.FREELANCE)
    assert [band.position(v) for v in (64.9, 65, 75, 75.1)] == [
        "below",
        "within",
        "within",
        "above",
    ]
