"""One clock for the whole test run: shifted forward to noon, ticking, so no test spans midnight.

A run that starts at 23:50 would otherwise compute `date.today()` in a test module on one day and in
the app on the next (a CI run lost 44 tests that way). Every process of the run (pytest and the
e2e servers) shifts its clock by the same offset, so their clocks agree with each other; the shift
is always forward, so a cookie set by a shifted server is never already expired for the browser.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta

import time_machine

OFFSET_VARIABLE = "SSI_COACH_TEST_CLOCK_OFFSET"


def seconds_to_noon(now: datetime) -> float:
    """Return the seconds from now to the next noon, today's if it is still ahead."""
    noon = now.replace(hour=12, minute=0, second=0, microsecond=0)
    if noon <= now:
        noon += timedelta(days=1)
    return (noon - now).total_seconds()


def start_test_clock() -> float:
    """Shift this process's clock by the run's offset (chosen once, shared by subprocesses)."""
    offset = float(os.environ.setdefault(OFFSET_VARIABLE, str(seconds_to_noon(datetime.now()))))
    time_machine.travel(time.time() + offset, tick=True).start()
    return offset
