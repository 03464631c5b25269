"""The coach's team page in AppTest, in server mode: who may see it, its rows, orders and texts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, update
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, format_month, t
from ssi_coach.model import Answers, Goal, KpiMonth, Reading, Role
from ssi_coach.months import month_of
from ssi_coach.records import KpiEntry
from ssi_coach.services import checkin
from ssi_coach.services.repo import Repo
from ssi_coach.store.answers import save_answers
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.profiles import profile_for_identity
from ssi_coach.store.tables import IdentityRow
from tests.app.conftest import APP
from tests.app.server_login import AUTH, ISSUER, user

PAGE = "pages/team.py"
CHARTS = {"team_view": "charts"}
COACH = user("coach-1", "coach@example.com") | {"name": "Coach"}


def opened(
    who: dict[str, object], *, query: dict[str, str] | None = None, lang: Lang | None = None
) -> AppTest:
    """Open the team page through the app's router for a login."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = who
    if lang is not None:
        at.session_state["lang"] = lang.value
    at.switch_page(PAGE)
    at.query_params.update(query or {})
    at.run()
    assert not at.exception, at.exception
    return at


def add_member(
    engine: Engine, name: str, last_login: date | None = None, *, checked_in: bool = True
) -> Repo:
    """Make a member's profile as their first login does, with a goal and, unless told, a check-in.

    A check-in saved now is activity of today: a member meant to be quiet has none.
    """
    sub = name.lower()
    repo = Repo(engine, profile_for_identity(engine, ISSUER, sub, f"{sub}@example.com", name))
    save_answers(
        engine,
        repo.profile_id,
        Answers(goal=Goal.PROSPECTING, role=Role.FREELANCE, already_converting=False),
    )
    if checked_in:
        checkin.store_checkin(repo, Reading(date.today() - timedelta(days=3), 15, 15, 15, 15))
    if last_login is not None:
        with engine.begin() as connection:
            connection.execute(
                update(IdentityRow)
                .where(IdentityRow.profile_id == repo.profile_id)
                .values(last_login_at=datetime.combine(last_login, time(12)))
            )
    return repo


def member_names(at: AppTest) -> list[str]:
    """Return the members of the table, in the order shown."""
    return at.dataframe[0].value.iloc[:, 0].tolist()


def texts(at: AppTest) -> str:
    """Return the page's texts."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in at.error] + [i.value for i in at.info]
    return "\n".join(str(part) for part in parts)


def test_a_member_who_is_not_a_coach_is_refused_before_anything_is_shown(server: Engine) -> None:
    add_member(server, "Alice")

    def script() -> None:
        from ssi_coach.ui.team_view import team_page

        team_page()

    at = AppTest.from_function(script, default_timeout=60)
    at.user = user("bob", "bob@example.com")
    at.run()
    assert not at.exception, at.exception
    assert [e.value for e in at.error] == [t(Lang.FR, "team.refused")]
    assert not at.title
    assert not at.dataframe


def test_a_member_who_opens_the_team_pages_address_does_not_get_the_team(server: Engine) -> None:
    add_member(server, "Alice")
    at = opened(user("bob", "bob@example.com"))
    assert t(Lang.FR, "team.title") not in [title.value for title in at.title]
    assert not at.dataframe


def test_a_coach_sees_one_row_per_member_by_name_and_not_their_own(server: Engine) -> None:
    for name in ("Zoé", "alice", "Bruno"):
        add_member(server, name)
    at = opened(COACH)
    assert [title.value for title in at.title] == ["Équipe"]
    assert member_names(at) == ["alice", "Bruno", "Zoé"]


def test_the_activity_order_puts_the_longest_quiet_member_first(server: Engine) -> None:
    today = date.today()
    add_member(server, "Alice", last_login=today - timedelta(days=1))
    add_member(server, "Bruno", last_login=today - timedelta(days=60), checked_in=False)
    at = opened(COACH)
    at.segmented_control(key="team_sort").set_value("activity").run()
    assert not at.exception, at.exception
    assert member_names(at) == ["Bruno", "Alice"]
    assert at.query_params["team_sort"] == "activity"


def test_a_url_naming_the_activity_order_opens_the_page_in_that_order(server: Engine) -> None:
    today = date.today()
    add_member(server, "Alice", last_login=today - timedelta(days=1))
    add_member(server, "Bruno", last_login=today - timedelta(days=60), checked_in=False)
    at = opened(COACH, query={"team_sort": "activity"})
    assert at.segmented_control(key="team_sort").value == "activity"
    assert member_names(at) == ["Bruno", "Alice"]


def test_an_ssi_order_in_the_url_falls_back_to_the_names(server: Engine) -> None:
    add_member(server, "Bruno", last_login=date.today() - timedelta(days=60), checked_in=False)
    add_member(server, "Alice")
    at = opened(COACH, query={"team_sort": "ssi"})
    assert at.segmented_control(key="team_sort").value == "name"
    assert member_names(at) == ["Alice", "Bruno"]


def test_the_order_switch_offers_the_name_and_the_last_activity_only(server: Engine) -> None:
    add_member(server, "Alice")
    at = opened(COACH)
    assert at.segmented_control(key="team_sort").options == [
        t(Lang.FR, "team.sort.name"),
        t(Lang.FR, "team.sort.activity"),
    ]


@pytest.mark.parametrize("lang", list(Lang))
def test_the_page_says_why_the_ssi_ranks_nobody(server: Engine, lang: Lang) -> None:
    add_member(server, "Alice")
    at = opened(COACH, lang=lang)
    assert t(lang, "team.why_not_ssi") in texts(at)


@pytest.mark.parametrize("lang", list(Lang))
def test_before_any_member_logs_in_the_page_says_so(server: Engine, lang: Lang) -> None:
    at = opened(COACH, lang=lang)
    assert [i.value for i in at.info] == [t(lang, "team.empty")]
    assert t(lang, "team.why_not_ssi") in texts(at)
    assert not at.dataframe


def test_the_page_reads_in_english(server: Engine) -> None:
    add_member(server, "Alice")
    at = opened(COACH, lang=Lang.EN)
    assert [title.value for title in at.title] == ["Team"]
    table = at.dataframe[0].value
    assert list(table.columns)[:4] == ["Member", "Goal", "Routine (4 weeks)", "Result 1"]
    assert table["Goal"].tolist() == ["Prospecting"]
    assert [h.value for h in at.header] == ["Members", "Team results by month"]


def test_the_team_totals_add_up_the_members_month(server: Engine) -> None:
    month = month_of(date.today()) - timedelta(days=1)
    for name, conversations in (("Alice", 3), ("Bruno", 4)):
        repo = add_member(server, name)
        save_kpis(
            server,
            repo.profile_id,
            KpiEntry(KpiMonth(month_of(month), qualified_conversations=conversations)),
        )
    totals = opened(COACH, lang=Lang.EN).dataframe[1].value
    assert totals.iloc[0].tolist() == [format_month(month, Lang.EN), "7", "—", "2"]


def test_the_table_puts_the_ssi_after_the_results_and_the_routine(server: Engine) -> None:
    add_member(server, "Alice")
    headers = list(opened(COACH).dataframe[0].value.columns)
    ssi = headers.index("SSI")
    assert ssi > headers.index("Résultat 2")
    assert ssi > headers.index("Routine (4 semaines)")


def test_each_member_gets_a_small_chart_and_a_button_to_view_their_pages(server: Engine) -> None:
    alice = add_member(server, "Alice")
    bruno = add_member(server, "Bruno")
    at = opened(COACH, query=CHARTS)
    labels = {b.key: b.label for b in at.button}
    assert labels[f"team_open_{alice.profile_id}"] == "Voir les pages d’Alice"
    assert labels[f"team_open_{bruno.profile_id}"] == "Voir les pages de Bruno"
    assert len(at.get("vega_lite_chart")) == 2


def test_viewing_a_member_opens_their_progress_read_only(server: Engine) -> None:
    alice = add_member(server, "Alice")
    at = opened(COACH, query=CHARTS)
    at.button(key=f"team_open_{alice.profile_id}").click().run()
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == [t(Lang.FR, "progress.title")]
    assert any("Alice" in i.value and "lecture seule" in i.value for i in at.info)


def test_many_members_draw_eight_small_charts_at_a_time(server: Engine) -> None:
    for index in range(9):
        add_member(server, f"Membre {index:02d}")
    at = opened(COACH, query=CHARTS)
    assert len(at.get("vega_lite_chart")) == 8
    at.selectbox(key="team_charts_page").select(8).run()
    assert not at.exception, at.exception
    assert len(at.get("vega_lite_chart")) == 1


def test_the_table_view_draws_no_chart_and_the_charts_view_no_table(server: Engine) -> None:
    add_member(server, "Alice")
    table = opened(COACH)
    assert table.dataframe
    assert not table.get("vega_lite_chart")
    charts = opened(COACH, query=CHARTS)
    assert not charts.dataframe
    assert len(charts.get("vega_lite_chart")) == 1


def test_choosing_the_charts_view_puts_its_code_in_the_url(server: Engine) -> None:
    add_member(server, "Alice")
    at = opened(COACH)
    at.segmented_control(key="team_view").set_value("charts").run()
    assert not at.exception, at.exception
    assert at.query_params["team_view"] == "charts"
    assert len(at.get("vega_lite_chart")) == 1
