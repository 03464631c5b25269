"""Pasting the SSI page: preview in the form, save with the source, clear errors."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Reading
from ssi_coach.ssi_text import PARSER_VERSION
from ssi_coach.store.readings import list_readings, list_sources

FRENCH_PAGE = """Votre Social Selling Index
Classement SSI du secteur
Top 10 %
Classement SSI du réseau
Top 12 %
Social Selling Index actuel
53 sur 100
Les quatre composantes de votre score
Établir votre marque professionnelle
18,5
Trouver les bonnes personnes
11,25
Échanger des informations
9,853
Établir des relations
13
Personnes de votre secteur
35 sur 100
Les professionnels du secteur Conseil en management ont un SSI moyen de 35.
"""


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="checkin_paste").input(text)
    return at.button(key="checkin_paste_read").click().run()


def test_a_pasted_page_fills_the_form_without_saving(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = paste(open_page("pages/checkin.py"), FRENCH_PAGE)
    assert at.text_input(key="checkin_brand").value == "18,5"
    assert at.text_input(key="checkin_insights").value == "9,853"
    assert at.text_input(key="checkin_industry_rank").value == "10"
    assert at.text_input(key="checkin_network_average").value == ""
    assert list_readings(db, profile) == []


def test_the_preview_warns_about_what_the_page_did_not_give(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = paste(open_page("pages/checkin.py"), FRENCH_PAGE)
    assert at.warning, "the network average is missing from this paste"


def test_saving_a_pasted_page_keeps_its_text_and_parser_version(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = paste(open_page("pages/checkin.py"), FRENCH_PAGE)
    at.button(key="checkin_submit").click().run()
    today = date.today()
    assert list_readings(db, profile) == [Reading(today, 18.5, 11.25, 9.853, 13, 10, 12, 35.0)]
    source = list_sources(db, profile)[today]
    assert (source.text, source.parser_version) == (FRENCH_PAGE, PARSER_VERSION)
    assert source.industry_name == "Conseil en management"


def test_a_value_corrected_in_the_preview_is_the_one_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = paste(open_page("pages/checkin.py"), FRENCH_PAGE)
    at.text_input(key="checkin_relationships").input("13,5")
    at.button(key="checkin_submit").click().run()
    assert list_readings(db, profile)[0].relationships == 13.5


def test_a_paste_without_the_components_says_what_to_copy_and_fills_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = paste(open_page("pages/checkin.py"), "Accueil\nMon réseau\nEmplois\n")
    assert any("composantes" in e.value for e in at.error)
    assert at.text_input(key="checkin_brand").value == ""
    assert list_readings(db, profile) == []


def test_a_pasted_reading_shows_the_score_linkedin_displayed(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = paste(open_page("pages/checkin.py"), FRENCH_PAGE)
    at = at.button(key="checkin_submit").click().run()
    assert (at.metric[0].label, at.metric[0].value) == ("Score affiché par LinkedIn", "53")
