"""The Today page under AppTest: landing, checklist, ticks, backfill, pauses, reminders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.habits import SCORE_ALPHA, percent_text
from ssi_coach.i18n import Lang, format_date
from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.store.answers import save_answers
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import save_reading
from ssi_coach.store.routine import list_day_marks, list_ticks, set_day_mark, set_tick
from ssi_coach.today import backfill_days
from ssi_coach.ui.markdown import escape_markdown

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()
TITLE = "Votre routine du jour"
OpenPage = Callable[[str | None], AppTest]


def a_weekday() -> date:
    """Return the latest day the page offers that is not a weekend rest day."""
    return next(day for day in backfill_days(TODAY) if day.weekday() < 5)


def set_up(
    db: Engine, profile: int, converting: bool = False, reading_age: int = 3, sector: str = ""
) -> None:
    answers = Answers(Goal.PROSPECTING, Role.FREELANCE, converting, 20, sector=sector)
    save_answers(db, profile, answers)
    save_reading(db, profile, Reading(TODAY - timedelta(days=reading_age), 10, 8, 5, 7))


def show_day(at: AppTest, day: date) -> AppTest:
    return at.selectbox(key="today_day_fr").set_value(day.isoformat()).run()


def task_boxes(at: AppTest, day: date) -> list:
    prefix = f"today_task_{day.isoformat()}_"
    return [box for box in at.checkbox if box.key and box.key.startswith(prefix)]


# --- landing -----------------------------------------------------------------------------


def test_a_new_user_is_sent_to_the_questionnaire_first(open_page: OpenPage) -> None:
    at = open_page(None)
    assert at.title[0].value != TITLE
    assert at.session_state["today_onboarding"] == "questionnaire"


def test_with_answers_but_no_reading_the_user_is_sent_to_the_check_in(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    at = open_page(None)
    assert at.title[0].value == "Relevé mensuel du SSI"
    assert at.session_state["today_onboarding"] == "checkin"


def test_coming_back_to_today_during_onboarding_shows_the_way_instead_of_a_loop(
    open_page: OpenPage,
) -> None:
    at = open_page(None)
    at.switch_page("pages/today.py").run()
    assert at.title[0].value == TITLE
    assert any("Étape 1 sur 3" in m.value for m in at.markdown)
    assert at.button(key="onboarding_go_questionnaire").label == "Définir mon objectif"


def test_with_answers_and_a_reading_the_app_opens_on_today(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    at = open_page(None)
    assert at.title[0].value == TITLE
    assert not at.error
    assert "today_onboarding" not in at.session_state


def test_today_runs_in_english(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    set_setting(db, profile, "lang", "en")
    at = open_page(None)
    assert at.title[0].value == "Your routine for today"
    assert at.metric[0].label == "Regularity"


# --- onboarding note ---------------------------------------------------------------------


PART_SCRIPT = """
import sys

import streamlit as st

sys.path.insert(0, {root!r})
from ssi_coach.ui.routine_view import routine_vs_pillars_section
from ssi_coach.ui.nav import PAGES
from ssi_coach.ui.today_view import onboarding_note

# The app's pages are registered so that links resolve; none of them runs.
st.navigation([st.Page(page.script, url_path=page.url_path) for page in PAGES])
onboarding = {onboarding!r}
if onboarding is not None:
    st.session_state["today_onboarding"] = onboarding
{call}
"""


def part_app(tmp_path: Path, call: str, onboarding: str | None = None) -> AppTest:
    """Run one of the functions the lead calls from other pages, beside the app's pages."""
    (tmp_path / "pages").symlink_to(ROOT / "pages")
    script = tmp_path / "part.py"
    script.write_text(PART_SCRIPT.format(root=str(ROOT), onboarding=onboarding, call=call))
    return AppTest.from_file(str(script), default_timeout=60).run()


def note_app(tmp_path: Path, page: str, onboarding: str | None) -> AppTest:
    return part_app(tmp_path, f"onboarding_note({page!r})", onboarding)


def next_step_app(tmp_path: Path, page: str, onboarding: str | None) -> AppTest:
    call = f"from ssi_coach.ui.today_view import next_step\nnext_step({page!r})"
    return part_app(tmp_path, call, onboarding)


def test_the_questionnaire_shows_step_one_of_three_during_onboarding(
    db: Engine, tmp_path: Path
) -> None:
    at = note_app(tmp_path, "questionnaire", "questionnaire")
    assert at.info[0].value.startswith("Étape 1 sur 3 : votre objectif.")


def test_the_check_in_shows_step_two_of_three_once_the_goal_is_set(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    at = note_app(tmp_path, "checkin", "checkin")
    assert at.info[0].value.startswith("Étape 2 sur 3 : votre premier relevé SSI.")


def test_the_check_in_without_a_goal_leads_back_to_step_one(db: Engine, tmp_path: Path) -> None:
    at = note_app(tmp_path, "checkin", "questionnaire")
    assert any("Étape 1 sur 3" in m.value for m in at.markdown)
    assert at.button(key="onboarding_go_questionnaire").label == "Définir mon objectif"


def test_once_answered_the_questionnaire_leads_to_step_two_with_a_button(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    at = next_step_app(tmp_path, "questionnaire", "questionnaire")
    assert any("Étape 2 sur 3" in m.value for m in at.markdown)
    assert at.button(key="onboarding_go_checkin").label == "Faire mon premier relevé"
    assert not at.get("page_link")


def test_once_answered_the_questionnaire_has_no_step_note_at_the_top(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    save_answers(db, profile, Answers(Goal.NOTORIETY, Role.FREELANCE, False))
    at = note_app(tmp_path, "questionnaire", "questionnaire")
    assert not at.info
    assert not at.markdown


def test_onboarding_ends_with_buttons_to_the_plan_and_today(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    set_up(db, profile)
    at = next_step_app(tmp_path, "checkin", "checkin")
    assert any("Étape 3 sur 3 : tout est prêt." in m.value for m in at.markdown)
    labels = [at.button(key=key).label for key in ("onboarding_go_plan", "onboarding_go_today")]
    assert labels == ["Voir mon plan d’action", "Voir ma routine du jour"]


def test_no_note_shows_outside_onboarding(db: Engine, tmp_path: Path) -> None:
    at = note_app(tmp_path, "questionnaire", None)
    assert not at.info
    assert not at.success


# --- checklist ---------------------------------------------------------------------------


def test_the_checklist_shows_each_task_with_its_minutes_and_the_users_sector(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile, sector="la cybersécurité")
    at = open_page(None)
    labels = [box.label for box in task_boxes(at, TODAY)]
    assert len(labels) >= 4
    assert all(label.startswith("**") and " min** · " in label for label in labels)
    assert any("la cybersécurité" in label for label in labels)
    assert at.get("progress")[0].proto.text == "0 min faites sur 20"


def test_a_tick_is_saved_at_once_and_still_ticked_on_a_fresh_run(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    at = open_page(None)
    box = task_boxes(at, TODAY)[0]
    box.check().run()
    assert [tick.day for tick in list_ticks(db, profile)] == [TODAY]
    fresh = open_page(None)
    assert task_boxes(fresh, TODAY)[0].value is True
    assert [b.value for b in task_boxes(fresh, TODAY)[1:]] == [False] * (
        len(task_boxes(fresh, TODAY)) - 1
    )


def test_an_untick_is_saved_at_once(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    at = open_page(None)
    task_boxes(at, TODAY)[0].check().run()
    task_boxes(at, TODAY)[0].uncheck().run()
    assert list_ticks(db, profile) == []
    assert task_boxes(open_page(None), TODAY)[0].value is False


def test_ticking_every_task_finishes_the_day(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    at = open_page(None)
    for index in range(len(task_boxes(at, TODAY))):
        task_boxes(at, TODAY)[index].check().run()
    assert at.get("progress")[0].proto.text == "20 min faites sur 20"
    assert at.success[0].value == "Routine du jour terminée. Bravo, et à demain !"


def test_yesterday_can_be_backfilled(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    yesterday = TODAY - timedelta(days=1)
    at = show_day(open_page(None), yesterday)
    task_boxes(at, yesterday)[0].check().run()
    assert [tick.day for tick in list_ticks(db, profile)] == [yesterday]


def test_the_day_selector_offers_today_and_seven_days_back_only(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    at = open_page(None)
    options = at.selectbox(key="today_day_fr").options
    assert len(options) == 8
    assert options[0].startswith("Aujourd’hui, ")
    assert options[1].startswith("Hier, ")


def test_a_maintenance_plan_shows_the_light_routine(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile, converting=True)
    at = open_page(None)
    assert at.info[0].value.startswith("Routine allégée")
    assert at.get("progress")[0].proto.text == "0 min faites sur 10"


# --- check-in banner ---------------------------------------------------------------------


def test_a_check_in_older_than_30_days_shows_a_banner_with_a_link(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile, reading_age=31)
    at = open_page(None)
    assert "il y a 31 jours" in at.warning[0].value
    assert at.button(key="checkin_banner_go").label == "Faire le relevé du mois"


def test_a_recent_check_in_shows_no_banner(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile, reading_age=30)
    assert not open_page(None).warning


# --- pauses ------------------------------------------------------------------------------


def test_skipping_a_weekday_pauses_it_and_uses_one_skip(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    day = a_weekday()
    at = show_day(open_page(None), day)
    at.button(key="today_skip").click().run()
    assert list_day_marks(db, profile) == {day: "skip"}
    assert any(info.value.startswith("Jour de pause") for info in at.info)
    assert at.button(key="today_unskip")


def test_undoing_a_skip_clears_it(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    day = a_weekday()
    set_day_mark(db, profile, day, "skip")
    at = show_day(open_page(None), day)
    at.button(key="today_unskip").click().run()
    assert list_day_marks(db, profile) == {}


def test_a_third_skip_in_a_month_is_refused_with_a_clear_message(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    day = a_weekday()
    others = [d for d in (day.replace(day=n) for n in range(1, 29)) if d != day][:2]
    for other in others:
        set_day_mark(db, profile, other, "skip")
    at = show_day(open_page(None), day)
    at.button(key="today_skip").click().run()
    assert day not in list_day_marks(db, profile)
    assert at.error[0].value == (
        "Jour de pause : vous avez déjà utilisé vos 2 jours de pause ce mois-ci."
    )


def test_the_skips_left_this_month_are_shown(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    other = TODAY.replace(day=1) if TODAY.day != 1 else TODAY.replace(day=2)
    set_day_mark(db, profile, other, "skip")
    at = open_page(None)
    skips = next(m for m in at.metric if m.label == "Pauses restantes ce mois-ci")
    assert skips.value == "1 sur 2"


def test_a_holiday_is_saved_from_a_date_range(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    at = open_page(None)
    end = TODAY + timedelta(days=2)
    at.date_input(key="today_holiday_range").set_value((TODAY, end)).run()
    at.button(key="today_holiday_save").click().run()
    assert sorted(list_day_marks(db, profile)) == [TODAY + timedelta(days=i) for i in range(3)]
    assert any("vous êtes en congés" in info.value.lower() for info in at.info)


def test_a_holiday_to_come_can_be_cancelled(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    start = TODAY + timedelta(days=10)
    for offset in range(3):
        set_day_mark(db, profile, start + timedelta(days=offset), "holiday")
    at = open_page(None)
    at.button(key=f"today_holiday_cancel_{start.isoformat()}").click().run()
    assert list_day_marks(db, profile) == {}


# --- habit and reminders -----------------------------------------------------------------


def test_the_habit_shows_regularity_streaks_and_two_charts(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    set_tick(db, profile, TODAY, "searches.job_changes", "searches", 20, True)
    at = open_page(None)
    values = {m.label: m.value for m in at.metric}
    assert values["Régularité"] == "5\u00a0%"
    assert values["Meilleure série"] == "1 jour"
    assert len(at.get("vega_lite_chart")) == 2


class OnAWeekday(date):
    """Today's date on the page, moved to the latest weekday: weekends are rest days."""

    @classmethod
    def today(cls) -> OnAWeekday:
        day = a_weekday()
        return cls(day.year, day.month, day.day)


HEATMAP, WEEKLY = 0, 1


def chart_rows(at: AppTest, index: int) -> list[dict[str, object]]:
    """Return the rows a chart of the page draws, read back from the Arrow data sent."""
    (dataset,) = at.get("vega_lite_chart")[index].proto.datasets
    return pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()


def tick_two_of_the_days_tasks(at: AppTest, day: date) -> float:
    """Tick the first two tasks of the day on the page; return their share of the budget."""
    for index in range(2):
        task_boxes(at, day)[index].check().run()
    labels = [box.label for box in task_boxes(at, day)[:2]]
    minutes = sum(int(label.removeprefix("**").split(" min")[0]) for label in labels)
    return minutes / 20


def test_two_ticked_tasks_today_raise_the_regularity_at_once(
    open_page: OpenPage, db: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ssi_coach.ui.today_view.date", OnAWeekday)
    set_up(db, profile)
    day = a_weekday()
    at = open_page(None)
    share = tick_two_of_the_days_tasks(at, day)
    assert 0 < share < 1
    score = next(m for m in at.metric if m.label == "Régularité")
    assert score.value == percent_text(share * SCORE_ALPHA, Lang.FR)
    assert score.value != "0\u00a0%"


def test_two_ticked_tasks_today_colour_todays_cell_and_fill_this_weeks_bar(
    open_page: OpenPage, db: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ssi_coach.ui.today_view.date", OnAWeekday)
    set_up(db, profile)
    day = a_weekday()
    at = open_page(None)
    share = tick_two_of_the_days_tasks(at, day)
    cell = next(row for row in chart_rows(at, HEATMAP) if row["date"] == day.isoformat())
    assert (cell["counted"], cell["completion"]) == (True, share)
    assert cell["status"] == "Aujourd’hui, en partie faite"
    assert chart_rows(at, WEEKLY)[-1]["rate"] == share


def test_day_one_without_a_tick_says_what_will_come_instead_of_empty_charts(
    open_page: OpenPage, db: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ssi_coach.ui.today_view.date", OnAWeekday)
    set_up(db, profile)
    at = open_page(None)
    assert not at.get("vega_lite_chart")
    assert any(c.value.startswith("Votre calendrier se remplira") for c in at.caption)


def test_a_young_habit_says_since_when_instead_of_the_last_12_months(
    open_page: OpenPage, db: Engine, profile: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ssi_coach.ui.today_view.date", OnAWeekday)
    set_up(db, profile)
    day = a_weekday()
    set_tick(db, profile, day, "searches.job_changes", "searches", 6, True)
    texts = [m.value for m in open_page(None).markdown]
    assert "**Les 12 derniers mois**" not in texts
    assert any(text.startswith("**Depuis le ") for text in texts)


def test_both_reminders_can_be_downloaded(open_page: OpenPage, db: Engine, profile: int) -> None:
    set_up(db, profile)
    at = open_page(None)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels == ["Rappel de la routine (.ics)", "Rappel du relevé mensuel (.ics)"]
    assert at.time_input(key="today_reminder_time").value.hour == 9
    assert at.number_input(key="today_checkin_day").value == 1


# --- markdown ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # The word joiner after "http:" keeps the address from becoming a link (test_user_links).
        ("la *cyber* [sécurité](http://x)", "la \\*cyber\\* \\[sécurité\\]\\(http\\:\u2060//x\\)"),
        (":red[SaaS] B2B", r"\:red\[SaaS\] B2B"),
        ("$5 <b>", r"\$5 \<b\>"),
    ],
)
def test_the_users_words_are_shown_as_typed(text: str, shown: str) -> None:
    assert escape_markdown(text) == shown


# --- routine against results (Progress page) ---------------------------------------------


def answer_on(db: Engine, profile: int, day: date, monkeypatch: pytest.MonkeyPatch) -> None:
    """Store a questionnaire as if answered on that day."""
    moment = datetime(day.year, day.month, day.day, 9)
    monkeypatch.setattr("ssi_coach.store.answers.now", lambda: moment)
    save_answers(db, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, False))


def test_the_routine_done_sits_next_to_each_pillars_change(
    db: Engine, profile: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_on(db, profile, TODAY - timedelta(days=40), monkeypatch)
    save_reading(db, profile, Reading(TODAY - timedelta(days=40), 10, 8, 5, 7))
    save_reading(db, profile, Reading(TODAY - timedelta(days=10), 10.5, 9.5, 5, 6.75))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    table = at.dataframe[0].value
    assert list(table.columns) == ["Pilier", "Tâches faites", "Évolution (points)", "Relevés"]
    assert list(table["Évolution (points)"]) == ["+0,5", "+1,5", "0", "−0,25"]
    assert set(table["Tâches faites"]) == {"0\u00a0%"}
    assert at.selectbox(key="routine_period_fr").value == 1


def test_a_month_long_period_is_called_short_and_a_three_month_one_is_not(
    db: Engine, profile: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_on(db, profile, TODAY - timedelta(days=200), monkeypatch)
    for days_ago in (130, 40, 10):
        save_reading(db, profile, Reading(TODAY - timedelta(days=days_ago), 10, 8, 5, 7))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    assert any(c.value.startswith("Un mois, c’est court") for c in at.caption)
    at.selectbox(key="routine_period_fr").set_value(2).run()
    assert any(c.value.startswith("Sur 3 mois, la tendance") for c in at.caption)
    assert not any("Un mois" in c.value for c in at.caption)


def test_the_period_is_counted_from_the_first_routine_day(
    db: Engine, profile: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = TODAY - timedelta(days=5)
    answer_on(db, profile, started, monkeypatch)
    save_reading(db, profile, Reading(TODAY - timedelta(days=64), 10, 8, 5, 7))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    notes = [c.value for c in at.caption]
    assert f"Votre routine a commencé le {format_date(started, Lang.FR)}" in " ".join(notes)
    assert any(note.startswith("6 jours, c’est très court") for note in notes)


def test_a_period_over_before_the_routine_began_is_not_chosen_first(
    db: Engine, profile: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_on(db, profile, TODAY - timedelta(days=3), monkeypatch)
    save_reading(db, profile, Reading(TODAY - timedelta(days=40), 10, 8, 5, 7))
    save_reading(db, profile, Reading(TODAY - timedelta(days=10), 10.5, 9.5, 5, 6.75))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    assert at.selectbox(key="routine_period_fr").value == 0
    at.selectbox(key="routine_period_fr").set_value(1).run()
    assert not at.dataframe
    assert at.info[-1].value.startswith("Votre routine a commencé le")


def test_with_one_reading_the_section_shows_the_routine_since_it(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    save_answers(db, profile, Answers(Goal.PROSPECTING, Role.FREELANCE, False))
    save_reading(db, profile, Reading(TODAY - timedelta(days=10), 10, 8, 5, 7))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    assert at.info[0].value.startswith("Il faut deux relevés")
    assert set(at.dataframe[0].value["Évolution (points)"]) == {"au prochain relevé"}


def test_without_a_goal_the_section_leads_to_the_questionnaire(
    db: Engine, profile: int, tmp_path: Path
) -> None:
    save_reading(db, profile, Reading(TODAY - timedelta(days=40), 10, 8, 5, 7))
    save_reading(db, profile, Reading(TODAY - timedelta(days=10), 10, 8, 5, 7))
    at = part_app(tmp_path, "routine_vs_pillars_section()")
    assert not at.dataframe
    assert [link.proto.label for link in at.get("page_link")] == ["Définir mon objectif"]


def test_the_habit_follows_a_tick_moved_to_another_task(
    open_page: OpenPage, db: Engine, profile: int
) -> None:
    set_up(db, profile)
    day = next(d for d in backfill_days(TODAY)[1:] if d.weekday() < 5)
    at = show_day(open_page(None), day)
    boxes = task_boxes(at, day)
    longer, shorter = boxes[0], next(b for b in boxes if "4 min" in b.label)
    longer.check().run()
    assert at.metric[0].value == "2\u00a0%"
    task_boxes(at, day)[0].uncheck().run()
    next(b for b in task_boxes(at, day) if b.key == shorter.key).check().run()
    assert at.metric[0].value == "1\u00a0%"


def test_the_check_in_banner_can_show_on_any_page(db: Engine, profile: int, tmp_path: Path) -> None:
    set_up(db, profile, reading_age=45)
    at = part_app(tmp_path, "from ssi_coach.ui.today_view import checkin_banner\ncheckin_banner()")
    assert "il y a 45 jours" in at.warning[0].value
