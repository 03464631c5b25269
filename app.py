"""SSI Coach: the router over pages/."""

from ssi_coach.ui.shell import run_app

run_app()
