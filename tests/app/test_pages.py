"""Every page runs through the router, in French by default and in English on demand."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.proto.Metric_pb2 import Metric
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang
from ssi_coach.model import Reading
from ssi_coach.store.profiles import get_setting, set_setting
from ssi_coach.store.readings import save_reading
from ssi_coach.ui.nav import PAGES as ROUTED_PAGES
from ssi_coach.ui.shell import PAGE_ICON, client_config, client_script

# A new user opening Today is sent to the questionnaire first: that is its title then.
PAGES = {
    "pages/today.py": ("Votre objectif sur LinkedIn", "Your goal on LinkedIn"),
    "pages/checkin.py": ("Relevé mensuel du SSI", "Monthly SSI check-in"),
    "pages/plan.py": ("Votre plan d’action", "Your action plan"),
    "pages/review.py": ("Relire mon texte", "Review my text"),
    "pages/progress.py": ("Votre progression", "Your progress"),
    "pages/journal.py": ("Vos résultats, mois par mois", "Your results, month by month"),
    "pages/questionnaire.py": ("Votre objectif sur LinkedIn", "Your goal on LinkedIn"),
    "pages/data.py": ("Mes données", "My data"),
    "pages/settings.py": ("Réglages", "Settings"),
}


def test_the_smoke_run_covers_every_page_the_router_lists() -> None:
    assert set(PAGES) == {page.script for page in ROUTED_PAGES}


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_french_without_error(
    open_page: Callable[[str | None], AppTest], page: str
) -> None:
    at = open_page(page)
    assert at.title[0].value == PAGES[page][0]
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_in_english_when_english_is_stored(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int, page: str
) -> None:
    set_setting(db, profile, "lang", "en")
    at = open_page(page)
    assert at.title[0].value == PAGES[page][1]


def test_the_sidebar_switch_stores_english_and_translates_the_page(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = open_page(None)
    french_title = at.title[0].value
    at.sidebar.radio(key="sidebar_lang").set_value("en").run()
    assert at.title[0].value != french_title
    assert at.sidebar.radio(key="sidebar_lang").label == "Language"
    assert get_setting(db, profile, "lang") == "en"


def test_progress_without_readings_leads_to_the_check_in(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page("pages/progress.py")
    assert "Aucun relevé" in at.info[0].value
    links = at.get("page_link")
    assert [link.proto.label for link in links] == ["Faire mon premier relevé"]


def test_progress_with_readings_shows_charts_ranks_and_table(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(date(2026, 9, 1), 10, 8, 4, 6, industry_rank=30))
    save_reading(db, profile, Reading(date(2026, 10, 1), 11, 9, 5, 7, industry_rank=25))
    at = open_page("pages/progress.py")
    assert len(at.get("vega_lite_chart")) == 3
    # A no-break space, as in every French percentage: "%" never starts a line.
    assert [m.value for m in at.metric] == ["32", "Top 25\u00a0%"]
    assert len(at.dataframe[0].value) == 2


def test_progress_without_ranks_says_so_instead_of_an_empty_chart(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(date(2026, 10, 1), 11, 9, 5, 7))
    at = open_page("pages/progress.py")
    assert len(at.get("vega_lite_chart")) == 2
    assert any("Pas encore de classement" in c.value for c in at.caption)


def test_settings_store_the_role(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = open_page("pages/settings.py")
    at.selectbox(key="settings_role").set_value("sales").run()
    assert get_setting(db, profile, "role") == "sales"
    assert any("70 à 80" in c.value for c in at.caption)


def test_settings_store_the_language(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = open_page("pages/settings.py")
    at.radio(key="settings_lang").set_value("en").run()
    assert get_setting(db, profile, "lang") == "en"
    assert at.title[0].value == "Settings"


def test_the_role_sets_the_band_on_progress(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "role", "executive")
    save_reading(db, profile, Reading(date(2026, 10, 1), 11, 9, 5, 7))
    at = open_page("pages/progress.py")
    assert any("55 à 65" in c.value for c in at.caption)


def test_the_role_survives_a_language_switch_on_settings(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = open_page("pages/settings.py")
    at.selectbox(key="settings_role").set_value("sales").run()
    at.radio(key="settings_lang").set_value("en").run()
    at.run()
    assert at.selectbox(key="settings_role").value == "sales"
    assert get_setting(db, profile, "role") == "sales"


def test_english_ranks_are_written_as_english_writes_a_percentage(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    save_reading(db, profile, Reading(date(2026, 10, 1), 11, 9, 5, 7, industry_rank=25))
    at = open_page("pages/progress.py")
    assert [m.value for m in at.metric] == ["32", "Top 25%"]


# --- the frame around the pages ------------------------------------------------------------


def test_the_tab_icon_is_a_file_of_the_app() -> None:
    assert PAGE_ICON.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_carries_the_client_script_in_the_sidebar(
    open_page: Callable[[str | None], AppTest], page: str
) -> None:
    at = open_page(page)
    bodies = [element.proto.body for element in at.sidebar.get("html")]
    assert bodies == [client_script(Lang.FR)]


def test_the_client_script_gets_the_language_of_the_profile(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    at = open_page("pages/settings.py")
    assert at.sidebar.get("html")[0].proto.body == client_script(Lang.EN)


def texts(lang: Lang) -> dict[str, str]:
    """Return what the client script shows for each of Streamlit's own English texts."""
    entries = client_config(lang)["texts"]
    assert isinstance(entries, list)
    return {entry["all"][0]: entry["now"] for entry in entries}


def test_streamlits_own_texts_are_shown_in_french() -> None:
    french = texts(Lang.FR)
    assert french["Copy to clipboard"] == "Copier"
    assert french["Press Enter to apply"] == "Entrée pour valider"
    assert all(shown != english for english, shown in french.items())


def test_streamlits_own_texts_stay_as_they_are_in_english() -> None:
    assert all(shown == english for english, shown in texts(Lang.EN).items())


def test_a_help_label_is_introduced_in_french_around_the_fields_label() -> None:
    prefixes = client_config(Lang.FR)["prefixes"]
    assert isinstance(prefixes, list)
    assert prefixes[0]["all"][0] == ["Help for ", ""]
    assert prefixes[0]["now"] == ["Aide\u00a0: ", ""]


def test_the_browser_is_told_the_language_of_the_app() -> None:
    assert (client_config(Lang.FR)["locale"], client_config(Lang.EN)["locale"]) == (
        "fr-FR",
        "en-GB",
    )


def test_no_text_can_end_the_client_script_early() -> None:
    html = client_script(Lang.FR)
    assert html.count("</script>") == 1
    assert html.endswith("</script>")
    assert "SSI_COACH_CONFIG" not in html


def test_streamlits_sanitizer_keeps_the_client_script() -> None:
    # DOMPurify drops, without a word, a script whose text has "<" before a letter, "/" or "!".
    script = client_script(Lang.FR).partition("<script>")[2].removesuffix("</script>")
    assert re.search(r"<[/\w!]", script) is None


def test_an_unchanged_rank_shows_no_arrow_and_a_better_one_points_up(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_reading(db, profile, Reading(date(2026, 9, 1), 10, 8, 4, 6, 30, 20))
    save_reading(db, profile, Reading(date(2026, 10, 1), 11, 9, 5, 7, 25, 20))
    at = open_page("pages/progress.py")
    industry, network = at.metric[1], at.metric[2]
    assert industry.proto.direction == Metric.MetricDirection.UP
    assert network.proto.direction == Metric.MetricDirection.NONE
