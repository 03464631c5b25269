"""Save one reading a day from a start date, printing each date once its commit has returned.

Usage: python reading_writer.py DATABASE_URL FIRST_DATE COUNT [--wait]
With --wait it prints "ready" and waits for a line on stdin before writing, so that two
writers can be released at the same moment.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta

from ssi_coach.model import Reading
from ssi_coach.store.engine import make_engine
from ssi_coach.store.profiles import default_profile_id
from ssi_coach.store.readings import save_reading


def reading_on(day: date) -> Reading:
    """Return a valid reading whose figures follow from its date."""
    seed = day.toordinal()
    return Reading(
        taken_on=day,
        brand=seed % 25_001 / 1000,
        people=seed * 7 % 25_001 / 1000,
        insights=seed * 13 % 25_001 / 1000,
        relationships=seed * 17 % 25_001 / 1000,
        industry_rank=seed % 100 + 1,
    )


def main(argv: list[str]) -> None:
    """Write the readings, reporting each date after its commit."""
    url, first, count = argv[1], date.fromisoformat(argv[2]), int(argv[3])
    engine = make_engine(url)
    profile = default_profile_id(engine)
    if "--wait" in argv:
        print("ready", flush=True)
        sys.stdin.readline()
    for offset in range(count):
        day = first + timedelta(days=offset)
        save_reading(engine, profile, reading_on(day))
        print(day.isoformat(), flush=True)


if __name__ == "__main__":
    main(sys.argv)
