"""Progress: the signals, the SSI beside the goal's KPIs, the averages and the monthly card."""

import json
import struct
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest, app_test

from ssi_coach.i18n import format_month
from ssi_coach.journal import default_month
from ssi_coach.model import Answers, KpiMonth, Reading
from ssi_coach.records import KpiEntry
from ssi_coach.routine import Task
from ssi_coach.services.repo import open_default
from ssi_coach.services.today import load_today
from ssi_coach.store.answers import save_answers
from ssi_coach.store.kpis import save_kpis
from ssi_coach.store.readings import save_reading
from ssi_coach.store.routine import set_tick

PAGE = "pages/progress.py"
NBSP = "\u00a0"


def plain(text: str) -> str:
    """Return a text with its no-break spaces as plain ones, to compare words, not spacing."""
    return text.replace(NBSP, " ")


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def set_goal(db: Engine, profile: int, goal: str = "notoriety") -> None:
    save_answers(db, profile, Answers(goal=goal, role="freelance", already_converting=False))


def history(db: Engine, profile: int, averages: bool = False) -> None:
    """Store four monthly check-ins, the score up 6 points, and flat impressions."""
    extra = {"industry_average": 32.0, "network_average": 28.0} if averages else {}
    for month, brand in ((7, 10), (8, 12), (9, 14), (10, 16)):
        save_reading(db, profile, Reading(date(2025, month, 15), brand, 10, 10, 10, **extra))
        save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, month, 1), 1000, 30)))


def specs(at: AppTest) -> list[dict[str, Any]]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def titled(at: AppTest, title: str) -> list[dict[str, Any]]:
    found = []
    for spec in specs(at):
        heading = spec.get("title", {})
        if isinstance(heading, dict) and heading.get("text") == title:
            found.append(spec)
    return found


def in_english(at: AppTest) -> AppTest:
    """Switch the session to English, as the sidebar switch does, and rerun the page."""
    at.session_state["lang"] = "en"
    return at.run()


def layer_marks(at: AppTest) -> list[str]:
    return [layer["mark"]["type"] for spec in specs(at) for layer in spec.get("layer", [])]


def results_view(at: AppTest) -> AppTest:
    """Switch Progress to its "score and results" view, where the cross-reading lives."""
    return at.segmented_control(key="progress_view").set_value("results").run()


def headings(at: AppTest) -> list[str]:
    return [header.value for header in at.header]


def test_a_score_rising_without_results_is_flagged_at_the_top(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = open_page(PAGE)
    assert at.warning[0].value.startswith("**Le score monte, pas vos résultats**")
    titles = headings(at)
    assert titles.index("Ce que disent vos chiffres") < titles.index("Score total dans le temps")


def test_the_score_and_the_goals_kpis_share_one_chart_in_the_results_view(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = results_view(open_page(PAGE))
    [spec] = titled(at, "Votre SSI et vos résultats, mois par mois")
    panels = [panel["title"]["text"] for panel in spec["vconcat"]]
    assert panels == [
        "SSI total",
        "Impressions — indicateur de votre objectif",
        "Taux d’engagement — indicateur de votre objectif",
    ]
    assert "Les quatre piliers (chacun sur 25)" not in headings(at)


def changes(at: AppTest) -> list[str]:
    """Return the lines of the KPI change list, one per KPI."""
    [block] = [m.value for m in at.markdown if m.value.startswith("- **")]
    return plain(block).splitlines()


def test_each_kpi_shows_its_change_over_3_and_12_months(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2024, 10, 1), 800, 40)))
    assert changes(results_view(open_page(PAGE)))[0] == (
        "- **Impressions (votre objectif)** : 1\u202f000 ; sur trois mois : "
        "0,0 % ; sur douze mois : +25,0 %"
    )


def test_a_year_without_results_is_said_once_below_the_changes(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = results_view(open_page(PAGE))
    assert not any("oct. 2024" in line for line in changes(at))
    notes = [plain(c.value) for c in at.caption if "oct. 2024" in c.value]
    assert notes == ["Pas de comparaison sur douze mois : aucun résultat saisi pour oct. 2024."]


def test_the_goals_kpis_come_first_in_the_changes(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile, "prospecting")
    history(db, profile)
    labels = [line.split("**")[1] for line in changes(results_view(open_page(PAGE)))]
    assert labels == [
        "Conversations qualifiées (votre objectif)",
        "Opportunités (votre objectif)",
        "Impressions",
        "Taux d’engagement",
    ]


def test_known_averages_draw_you_against_your_industry_and_network(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile, averages=True)
    at = results_view(open_page(PAGE))
    assert "**Vous face à votre secteur et à votre réseau**" in [m.value for m in at.markdown]
    # Your pillars as bars, the averages as ticks across them.
    assert "tick" in layer_marks(at)
    assert any(c.value.startswith("D’après votre relevé du 15/10/2025.") for c in at.caption)


def test_unknown_averages_say_how_to_get_them(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = results_view(open_page(PAGE))
    assert "**Vous face à votre secteur et à votre réseau**" not in [m.value for m in at.markdown]
    assert "tick" not in layer_marks(at)
    assert any("ne sont pas encore connus" in caption.value for caption in at.caption)


def test_without_a_goal_the_page_explains_it_and_links_to_the_questionnaire(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    history(db, profile)
    at = results_view(open_page(PAGE))
    assert any("indiquez d’abord votre objectif" in info.value for info in at.info)
    assert "questionnaire" in [link.proto.page for link in at.get("page_link")]
    assert titled(at, "Votre SSI et vos résultats, mois par mois") == []


def test_without_kpis_the_page_links_to_the_journal(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    save_reading(db, profile, Reading(date(2025, 10, 15), 10, 10, 10, 10))
    at = results_view(open_page(PAGE))
    assert any("Aucun résultat saisi" in info.value for info in at.info)
    assert "journal" in [link.proto.page for link in at.get("page_link")]


def test_the_cross_reading_reads_in_english(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = in_english(results_view(open_page(PAGE)))
    assert "Your score against your results" in headings(at)
    assert len(titled(at, "Your SSI and your results, month by month")) == 1


# --- the monthly card ----------------------------------------------------------------------


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> list[MediaFileManager]:
    """Keep the media managers AppTest makes, to fetch what a download button would serve."""
    made: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MediaFileManager", Recording)
    return made


def download(at: AppTest, media: list[MediaFileManager], key: str) -> tuple[bytes, str, str]:
    """Return the content, MIME type and file name a download button serves."""
    [button] = [b for b in at.get("download_button") if b.proto.id.endswith(key)]
    manager = media[-1]
    url = (
        manager.execute_deferred(button.proto.deferred_file_id)
        if button.proto.deferred_file_id
        else button.proto.url
    )
    served = manager.read_file(url.rsplit("/", 1)[-1])
    assert served is not None
    return served.content, served.mimetype, served.filename or ""


def card_markdown(at: AppTest) -> str:
    return plain(next(m.value for m in at.markdown if m.value.startswith("### ")))


def test_the_card_sums_up_the_latest_month_with_real_numbers(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    text = card_markdown(results_view(open_page(PAGE)))
    assert text.startswith("### Votre bilan — oct. 2025")
    assert "**SSI** : 46 au dernier relevé du mois, le 15/10/2025" in text
    assert "sur trois mois : +6 points" in text
    assert "- Impressions : 1\u202f000 ; sur trois mois : 0,0" in text


def test_the_card_gives_the_score_as_a_whole_number_as_linkedin_shows_it(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    save_reading(db, profile, Reading(date(2025, 9, 12), 13.95, 10, 10, 10))
    save_reading(db, profile, Reading(date(2025, 10, 14), 22.603, 10, 10, 10))
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 10, 1), 1000, 30)))
    text = card_markdown(results_view(open_page(PAGE)))
    assert "**SSI** : 53 au dernier relevé du mois, le 14/10/2025 ; sur un mois : +9 points" in text
    assert "52,603" not in text


def test_the_card_sums_up_the_month_just_entered_on_results(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    # A later check-in: without Results, the card would sum up its month.
    save_reading(db, profile, Reading(date(2025, 11, 20), 16, 10, 10, 10))
    at = open_page("pages/journal.py")
    at.selectbox(key="journal_month").set_value("2025-06-01")
    at.text_input(key="journal_impressions").input("1 100")
    at.button(key="journal_submit").click().run()
    at.switch_page(PAGE).run()
    text = card_markdown(results_view(at))
    assert text.startswith("### Votre bilan — juin 2025")
    assert "- Impressions : 1\u202f100" in text


def test_the_card_and_results_open_on_the_same_month(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    today = date.today()
    last_month = default_month(today)
    save_reading(db, profile, Reading(last_month + timedelta(days=9), 12, 10, 10, 10))
    save_reading(db, profile, Reading(today, 13, 10, 10, 10))
    save_kpis(db, profile, KpiEntry(KpiMonth(last_month, 1000, 30)))
    at = open_page("pages/journal.py")
    assert at.selectbox(key="journal_month").value == last_month.isoformat()
    at.switch_page(PAGE).run()
    title = f"### Votre bilan — {format_month(last_month, 'fr')}"
    assert card_markdown(results_view(at)).startswith(title)


def test_the_card_follows_the_month_results_shows(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    save_reading(db, profile, Reading(date(2025, 11, 20), 16, 10, 10, 10))
    at = open_page(PAGE)
    assert card_markdown(results_view(at)).startswith("### Votre bilan — nov. 2025")
    at.switch_page("pages/journal.py").run()
    at.button(key="journal_edit_2025-08-01").click().run()
    at.switch_page(PAGE).run()
    assert card_markdown(results_view(at)).startswith("### Votre bilan — août 2025")


def test_a_month_chosen_on_the_card_is_the_one_results_opens_on(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = results_view(open_page(PAGE))
    at.selectbox(key="crossread_card_month").set_value("2025-08-01").run()
    at.switch_page("pages/journal.py").run()
    assert at.selectbox(key="journal_month").value == "2025-08-01"


def test_another_month_can_be_chosen_for_the_card(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = results_view(open_page(PAGE))
    picker = at.selectbox(key="crossread_card_month")
    assert picker.options[:2] == ["octobre 2025", "septembre 2025"]
    picker.set_value("2025-08-01").run()
    assert card_markdown(at).startswith("### Votre bilan — août 2025")


def test_the_card_says_so_when_there_is_no_routine_data(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    assert "**Routine quotidienne** : aucun jour de routine ce mois-là" in card_markdown(
        results_view(open_page(PAGE))
    )


def test_the_card_gives_the_routine_adherence_from_the_ticks(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile)
    history(db, profile)
    day = date(2025, 10, 1)
    while day.month == 10:
        if day.weekday() < 5 and day.day % 2 == 0:
            set_tick(db, profile, day, "comments-1", "comments", 20, True)
        day += timedelta(days=1)
    # Weekdays from the first tick (Thursday 2nd) to the 31st: 11 done out of 22.
    text = card_markdown(results_view(open_page(PAGE)))
    assert "**Routine quotidienne** : suivie 50 % des jours (22 jours de routine)" in text


def test_the_routine_counts_every_routine_day_since_the_questionnaire_not_just_ticked_ones(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    # The questionnaire was answered on 1 October 2025; one day was ticked, on the 30th.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("ssi_coach.store.answers.now", lambda: datetime(2025, 10, 1, 9))
        set_goal(db, profile)
    save_reading(db, profile, Reading(date(2025, 10, 2), 10, 10, 10, 10))
    set_tick(db, profile, date(2025, 10, 30), "comments-1", "comments", 5, True)
    october = [date(2025, 10, day) for day in range(1, 32)]
    weekdays = sum(day.weekday() < 5 for day in october)
    text = card_markdown(results_view(open_page(PAGE)))
    assert f"des jours ({weekdays} jours de routine)" in text
    assert "suivie 100 %" not in text


def test_the_card_downloads_as_a_png_image_of_sensible_size(
    open_page: Callable[[str | None], AppTest],
    db: Engine,
    profile: int,
    media: list[MediaFileManager],
) -> None:
    set_goal(db, profile)
    history(db, profile)
    content, mime, name = download(results_view(open_page(PAGE)), media, "crossread_card_png")
    assert (mime, name) == ("image/png", "bilan-ssi-2025-10.png")
    assert content.startswith(PNG_SIGNATURE)
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    assert 600 <= width <= 3000
    assert 400 <= height <= 4000
    assert 10_000 < len(content) < 2_000_000


def test_the_card_downloads_as_the_markdown_shown(
    open_page: Callable[[str | None], AppTest],
    db: Engine,
    profile: int,
    media: list[MediaFileManager],
) -> None:
    set_goal(db, profile)
    history(db, profile)
    at = in_english(results_view(open_page(PAGE)))
    content, mime, name = download(at, media, "crossread_card_markdown")
    assert (mime, name) == ("text/markdown", "ssi-review-2025-10.md")
    assert plain(content.decode().rstrip()) == card_markdown(at)
    assert content.decode().startswith("### Your review — Oct 2025")


def test_a_tick_swapped_for_another_on_today_reaches_the_card_in_the_same_session(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    today = date.today()
    # The latest weekday before today: only rest days lie between it and today.
    day = today - timedelta(days=1)
    while day.weekday() >= 5:
        day -= timedelta(days=1)
    set_goal(db, profile)
    save_reading(db, profile, Reading(day, 10, 10, 10, 10))
    state = load_today(open_default(db), today, day)
    assert state is not None
    first, *_, last = state.routine.tasks
    assert first.minutes != last.minutes

    def tick(at: AppTest, task: Task, done: bool) -> None:
        at.session_state["today_day"] = day.isoformat()
        at.switch_page("pages/today.py").run()
        at.checkbox(key=f"today_task_{day.isoformat()}_{task.key}").set_value(done).run()

    def card(at: AppTest) -> str:
        at.switch_page(PAGE).run()
        return card_markdown(results_view(at))

    at = open_page(PAGE)
    tick(at, first, True)
    percent = round(100 * first.minutes / state.routine.budget)
    assert f"suivie {percent} % des jours" in card(at)
    # Unticking one task and ticking another keeps the number of ticks and their days.
    tick(at, first, False)
    tick(at, last, True)
    percent = round(100 * last.minutes / state.routine.budget)
    assert f"suivie {percent} % des jours" in card(at)
