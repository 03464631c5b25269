"""The KPI journal page: the form, its errors, replacing a month, the past months, the signals."""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.journal import default_month, month_label
from ssi_coach.model import Answers, KpiMonth, Reading
from ssi_coach.months import add_months
from ssi_coach.records import KpiEntry, ReadingSource
from ssi_coach.store.answers import save_answers
from ssi_coach.store.kpis import list_kpis, save_kpis
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import save_reading

PAGE = "pages/journal.py"
MONTH = default_month(date.today())
LABEL = month_label(MONTH, "fr")
NBSP = "\u00a0"


def fill(at: AppTest, month: date | None = None, **values: str) -> AppTest:
    """Type figures in the journal form and submit it."""
    if month is not None:
        at.selectbox(key="journal_month").set_value(month.isoformat())
    for field, value in values.items():
        at.text_input(key=f"journal_{field}").input(value)
    return at.button(key="journal_submit").click().run()


def set_goal(db: Engine, profile: int, goal: str) -> None:
    save_answers(db, profile, Answers(goal=goal, role="freelance", already_converting=False))


def input_keys(at: AppTest) -> list[str]:
    return [widget.key for widget in at.text_input]


def test_the_journal_runs_in_french(open_page: Callable[[str | None], AppTest]) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Vos résultats, mois par mois"
    assert not at.error


def test_the_journal_runs_in_english(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    at = open_page(PAGE)
    assert at.title[0].value == "Your results, month by month"
    assert at.button(key="journal_submit").label == "Save this month"


def test_without_a_goal_the_page_explains_it_and_links_to_the_questionnaire(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page(PAGE)
    assert "C’est lui qui décide quels indicateurs sont mis en avant" in at.info[0].value
    assert "questionnaire" in [link.proto.page for link in at.get("page_link")]


def test_a_notoriety_goal_puts_impressions_and_engagements_first(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile, "notoriety")
    keys = input_keys(open_page(PAGE))
    assert keys[:2] == ["journal_impressions", "journal_engagements"]
    assert any("Notoriété" in caption.value for caption in open_page(PAGE).caption)


def test_a_prospecting_goal_puts_conversations_and_opportunities_first(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile, "prospecting")
    keys = input_keys(open_page(PAGE))
    assert keys[:2] == ["journal_qualified_conversations", "journal_opportunities"]


def test_the_month_picker_offers_24_months_and_suggests_the_last_one_over(
    open_page: Callable[[str | None], AppTest],
) -> None:
    picker = open_page(PAGE).selectbox(key="journal_month")
    assert len(picker.options) == 24
    assert picker.value == MONTH.isoformat()
    assert picker.format_func(MONTH.isoformat()) == LABEL


def test_there_is_no_engagement_rate_to_type(open_page: Callable[[str | None], AppTest]) -> None:
    at = open_page(PAGE)
    assert "journal_engagement_rate" not in input_keys(at)
    assert any("calculé pour vous" in caption.value for caption in at.caption)


def test_a_valid_month_is_saved_and_confirmed_with_its_computed_rate(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), impressions="12 400", engagements="372", opportunities="1")
    assert list_kpis(db, profile) == [
        KpiEntry(KpiMonth(MONTH, impressions=12400, engagements=372, opportunities=1))
    ]
    assert at.success[0].value == f"Résultats de {LABEL} enregistrés."
    assert any(f"3,0{NBSP}%" in caption.value for caption in at.caption)


def test_an_older_month_and_the_audience_figures_are_saved(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    older = add_months(MONTH, -5)
    fill(open_page(PAGE), month=older, followers="850", profile_views="120")
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(older), followers=850, profile_views=120)]


def test_bad_input_names_each_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), impressions="beaucoup", opportunities="1,5", followers="-3")
    messages = [error.value for error in at.error]
    assert "Impressions : saisissez un nombre." in messages
    assert "Opportunités : saisissez un nombre entier." in messages
    assert "Abonnés : la valeur doit être supérieure ou égale à 0." in messages
    assert "Rien n’a été enregistré. Corrigez le ou les champs signalés." in messages
    assert list_kpis(db, profile) == []
    assert not at.success


def test_more_engagements_than_impressions_are_refused_on_the_engagements_field(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), impressions="100", engagements="101")
    assert "Interactions : les interactions ne peuvent pas dépasser les impressions." in [
        error.value for error in at.error
    ]
    assert list_kpis(db, profile) == []


def test_an_empty_form_saves_nothing_and_says_why(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE))
    assert at.error[0].value.startswith("Rien n’a été enregistré : saisissez au moins un chiffre.")
    assert list_kpis(db, profile) == []


def test_fixing_the_bad_field_then_saves(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), impressions="abc", engagements="10")
    at = fill(at, impressions="1000")
    assert not at.error
    assert list_kpis(db, profile)[0].kpis.impressions == 1000


OLD = KpiEntry(KpiMonth(MONTH, impressions=9000, engagements=90))


def test_a_second_entry_for_the_same_month_asks_before_replacing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = fill(open_page(PAGE), impressions="12 400", engagements="372")
    warning = at.warning[0].value
    assert warning.startswith(f"Des résultats sont déjà enregistrés pour {LABEL}")
    assert "Impressions : 9\u202f000" in warning
    assert "Impressions : 12\u202f400" in warning
    assert list_kpis(db, profile) == [OLD]


def test_confirming_the_replacement_replaces_the_month(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = fill(open_page(PAGE), impressions="12 400", engagements="372")
    at.button(key="journal_replace").click().run()
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(MONTH, 12400, 372))]
    assert at.success[0].value == f"Résultats de {LABEL} remplacés."


def test_keeping_the_old_month_changes_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = fill(open_page(PAGE), impressions="12 400", engagements="372")
    at.button(key="journal_keep").click().run()
    assert list_kpis(db, profile) == [OLD]
    assert "rien n’a changé" in at.info[-1].value


def test_a_month_already_entered_is_marked_in_the_picker(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    picker = open_page(PAGE).selectbox(key="journal_month")
    assert picker.format_func(MONTH.isoformat()) == f"{LABEL} (déjà saisi)"


def test_past_months_are_listed_newest_first_with_the_computed_rate(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 9, 1), 10000, 300)))
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 10, 1), 12400, 496)))
    table = open_page(PAGE).dataframe[0].value
    assert list(table["Mois"]) == ["octobre 2025", "septembre 2025"]
    assert list(table["Taux d’engagement"]) == [f"4,0{NBSP}%", f"3,0{NBSP}%"]


def test_an_empty_journal_says_where_to_start(
    open_page: Callable[[str | None], AppTest],
) -> None:
    at = open_page(PAGE)
    assert any("Aucun mois enregistré" in caption.value for caption in at.caption)
    assert not at.dataframe


def vanity(db: Engine, profile: int) -> None:
    """Store a score up 6 points over three months while impressions stay flat."""
    set_goal(db, profile, "notoriety")
    for month, brand in ((7, 10), (8, 12), (9, 14), (10, 16)):
        save_reading(db, profile, Reading(date(2025, month, 15), brand, 10, 10, 10))
        save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, month, 1), 1000, 30)))


def test_a_score_rising_without_results_shows_the_vanity_alert(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    vanity(db, profile)
    at = open_page(PAGE)
    assert at.warning[0].value.startswith("**Le score monte, pas vos résultats**")
    assert "misez sur la qualité plutôt que sur le volume" in at.warning[0].value


def test_the_vanity_alert_reads_in_english(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    vanity(db, profile)
    at = open_page(PAGE)
    # Switched in the session, as the sidebar does: opening the app runs the Today page first.
    at.session_state["lang"] = "en"
    at.run()
    assert at.warning[0].value.startswith("**Your score rises, your results don't**")


def test_without_signals_no_alert_is_shown(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile, "notoriety")
    save_reading(db, profile, Reading(date(2025, 10, 15), 10, 10, 10, 10))
    at = open_page(PAGE)
    assert not at.warning
    assert "Ce que disent vos chiffres" not in [s.value for s in at.subheader]


@pytest.mark.parametrize("name", ["*Conseil* [en](ligne)", "Études & `code` <b>"])
def test_an_industry_name_from_a_paste_is_shown_as_plain_text(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int, name: str
) -> None:
    for day, industry in ((date(2025, 9, 1), "Conseil"), (date(2025, 10, 1), name)):
        source = ReadingSource("pasted page", "1", industry)
        save_reading(db, profile, Reading(day, 10, 10, 10, 10), source=source)
    message = open_page(PAGE).info[-1].value
    assert message.startswith("**Votre secteur a changé**")
    escaped = "".join(
        "\\" + ch if not ch.isalnum() and ch.isascii() and ch != " " else ch for ch in name
    )
    assert f"« {escaped} »" in message


def test_a_month_just_saved_shows_at_once_in_the_table(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(add_months(MONTH, -1), 10000, 300)))
    at = open_page(PAGE)
    assert len(at.dataframe[0].value) == 1
    at = fill(at, impressions="12 400", engagements="372")
    assert list(at.dataframe[0].value["Mois"]) == [LABEL, month_label(add_months(MONTH, -1), "fr")]
