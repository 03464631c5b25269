"""Open a lever's tab on the plan page: only the open tab's helper is rendered."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, t
from ssi_coach.plan import Lever
from ssi_coach.ui.plan_view import TABS_KEY


def tab_label(at: AppTest, lever: Lever) -> str:
    """Return the label of a lever's tab, in the page's language, with its rank."""
    names = {t(current, f"planpage.tab.{lever.value}") for current in Lang}
    (label,) = [tab.label for tab in at.tabs if tab.label.split(". ", 1)[1] in names]
    return label


def open_tab(at: AppTest, lever: Lever) -> AppTest:
    """Open a lever's tab as a click on it does: the widget takes its label, the page reruns."""
    at.session_state[TABS_KEY] = tab_label(at, lever)
    at.run()
    assert not at.exception, at.exception
    assert selected_tab(at) == tab_label(at, lever)
    return at


def selected_tab(at: AppTest) -> str:
    """Return the label of the open tab."""
    (container,) = at.get("tab_container")
    return at.tabs[container.proto.tab_container.default_tab_index].label
