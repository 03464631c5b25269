"""The journal page reads figures as the language it is shown in writes them."""

from collections.abc import Callable
from datetime import date

from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.journal import default_month
from ssi_coach.store.kpis import list_kpis
from ssi_coach.store.profiles import set_setting

PAGE = "pages/journal.py"
MONTH = default_month(date.today())
NBSP = "\u00a0"
NNBSP = "\u202f"


def submit(at: AppTest, **values: str) -> AppTest:
    for field, value in values.items():
        at.text_input(key=f"journal_{field}").input(value)
    return at.button(key="journal_submit").click().run()


def test_an_english_page_reads_12_400_as_twelve_thousand_four_hundred(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    submit(open_page(PAGE), impressions="12,400", followers="1,000")
    [stored] = list_kpis(db, profile)
    assert (stored.kpis.impressions, stored.followers) == (12400, 1000)


def test_a_french_page_reads_thousands_set_apart_by_spaces_or_dots(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    submit(open_page(PAGE), impressions=f"12{NNBSP}400", followers="250.000")
    [stored] = list_kpis(db, profile)
    assert (stored.kpis.impressions, stored.followers) == (12400, 250000)


def test_a_french_page_refuses_1_000_naming_the_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = submit(open_page(PAGE), impressions="1,000")
    assert [e.value for e in at.error if "1,000" in e.value] == [
        f"Impressions{NBSP}: «{NBSP}1,000{NBSP}» peut se lire 1 ou 1000{NBSP}: "
        "écrivez 1000, sans virgule ni point."
    ]
    assert list_kpis(db, profile) == []


def test_an_english_page_refuses_250_000_written_with_a_dot(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    at = submit(open_page(PAGE), impressions="250.000")
    assert any("could be 250 or 250000" in e.value for e in at.error)
    assert list_kpis(db, profile) == []
