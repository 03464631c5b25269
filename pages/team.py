"""Team (coaches only): each member's results and routine first, the SSI as context."""

from ssi_coach.ui.shell import ensure_routed
from ssi_coach.ui.team_view import team_page

ensure_routed()

team_page()
