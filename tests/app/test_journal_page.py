"""The KPI journal page: the form, its errors, replacing a month, the past months, the signals."""

import re
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.i18n import Lang, t
from ssi_coach.journal import default_month, month_label
from ssi_coach.model import Answers, KpiMonth, Reading
from ssi_coach.months import add_months
from ssi_coach.records import KpiEntry, ReadingSource
from ssi_coach.store.answers import save_answers
from ssi_coach.store.kpis import kpis_stamp, list_kpis, save_kpis
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import save_reading

PAGE = "pages/journal.py"
MONTH = default_month(date.today())
LABEL = month_label(MONTH, "fr")
NBSP = "\u00a0"


def said(key: str, **params: object) -> str:
    """Return a French message about the suggested month, as the catalog words it."""
    return t(Lang.FR, key, month=LABEL, **params)


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
    assert at.success[0].value == said("journal.saved")
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
    assert "Impressions : saisissez un nombre." in messages
    assert "Opportunités : saisissez un nombre entier." in messages
    assert "Abonnés : la valeur doit être supérieure ou égale à 0." in messages
    assert "Rien n’a été enregistré. Corrigez le ou les champs signalés." in messages
    assert list_kpis(db, profile) == []
    assert not at.success


def test_more_engagements_than_impressions_are_refused_on_the_engagements_field(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE), impressions="100", engagements="101")
    assert "Interactions : les interactions ne peuvent pas dépasser les impressions." in [
        error.value for error in at.error
    ]
    assert list_kpis(db, profile) == []


def test_an_empty_form_saves_nothing_and_says_why(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    at = fill(open_page(PAGE))
    assert at.error[0].value.startswith("Rien n’a été enregistré : saisissez au moins un chiffre.")
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
    assert "Impressions : 9\u202f000" in warning
    assert "Impressions : 12\u202f400" in warning
    assert list_kpis(db, profile) == [OLD]


def test_confirming_the_replacement_replaces_the_month(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = fill(open_page(PAGE), impressions="12 400", engagements="372")
    at.button(key="journal_replace").click().run()
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(MONTH, 12400, 372))]
    assert at.success[0].value == said("journal.replaced")


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


def month_rows(at: AppTest) -> list[str]:
    """Return the months of the list, newest first, as their rows name them."""
    return [m.value.strip("*") for m in at.markdown if re.fullmatch(r"\*\*\w+ \d{4}\*\*", m.value)]


def figures_of(at: AppTest, month: date) -> str:
    """Return the figures line of one month of the list."""
    title = f"**{month_label(month, 'fr')}**"
    values = [m.value for m in at.markdown]
    # No-break spaces keep each figure on one line; plain spaces read better in assertions.
    return values[values.index(title) + 1].replace(NBSP, " ")


def test_past_months_are_listed_newest_first_with_the_computed_rate(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 9, 1), 10000, 300)))
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 10, 1), 12400, 496)))
    at = open_page(PAGE)
    assert month_rows(at) == ["octobre 2025", "septembre 2025"]
    assert "Taux d’engagement : **4,0 %**" in figures_of(at, date(2025, 10, 1))
    assert "Taux d’engagement : **3,0 %**" in figures_of(at, date(2025, 9, 1))


def test_the_goals_kpis_come_first_in_the_months_list(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_goal(db, profile, "prospecting")
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 10, 1), 12400, 496, 3, 1)))
    figures = figures_of(open_page(PAGE), date(2025, 10, 1))
    assert figures.startswith("Conversations qualifiées : **3** · Opportunités : **1** · ")
    assert figures.index("Opportunités") < figures.index("Impressions")


def test_months_missing_between_two_entries_are_said_once(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 5, 1), 1000)))
    save_kpis(db, profile, KpiEntry(KpiMonth(date(2025, 9, 1), 1000)))
    captions = [c.value for c in open_page(PAGE).caption]
    assert "Aucun résultat saisi entre juin 2025 et août 2025 (3 mois)." in captions
    assert sum("Aucun résultat saisi" in text for text in captions) == 1


def test_only_the_latest_half_year_is_listed_until_older_months_are_asked_for(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    for back in range(14):
        save_kpis(db, profile, KpiEntry(KpiMonth(add_months(MONTH, -back), 1000)))
    at = open_page(PAGE)
    assert len(month_rows(at)) == 6
    at.toggle(key="journal_show_older").set_value(True).run()
    assert len(month_rows(at)) == 14


# --- correcting a month --------------------------------------------------------------------


def edit(at: AppTest, month: date) -> AppTest:
    return at.button(key=f"journal_edit_{month.isoformat()}").click().run()


def save_fix(at: AppTest, **values: str) -> AppTest:
    for field, value in values.items():
        at.text_input(key=f"journal_fix_{field}").input(value)
    return at.button(key="journal_fix_save").click().run()


def test_correcting_a_month_opens_the_form_with_its_figures(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(MONTH, 9000, 90), followers=850))
    at = edit(open_page(PAGE), MONTH)
    assert at.text_input(key="journal_fix_impressions").value == "9000"
    assert at.text_input(key="journal_fix_engagements").value == "90"
    assert at.text_input(key="journal_fix_opportunities").value == ""
    assert at.text_input(key="journal_fix_followers").value == "850"


def test_saving_a_correction_replaces_the_month(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = save_fix(edit(open_page(PAGE), MONTH), impressions="9 500", opportunities="2")
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(MONTH, 9500, 90, opportunities=2))]
    assert said("journal.replaced") in [s.value for s in at.success]
    assert not at.warning
    assert "Impressions : **9\u202f500**" in figures_of(at, MONTH)


def test_a_correction_emptying_a_figure_removes_it(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    save_fix(edit(open_page(PAGE), MONTH), engagements="")
    assert list_kpis(db, profile) == [KpiEntry(KpiMonth(MONTH, impressions=9000))]


def test_a_bad_correction_names_the_field_and_saves_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = save_fix(edit(open_page(PAGE), MONTH), impressions="beaucoup")
    assert "Impressions : saisissez un nombre." in [e.value for e in at.error]
    assert list_kpis(db, profile) == [OLD]
    # The form stays open with what was typed, to be fixed.
    assert at.text_input(key="journal_fix_impressions").value == "beaucoup"


def test_a_correction_emptying_every_figure_saves_nothing_and_points_to_delete(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = save_fix(edit(open_page(PAGE), MONTH), impressions="", engagements="")
    assert any(said("history.edit.empty") == e.value for e in at.error)
    assert any("Supprimer" in e.value for e in at.error)
    assert list_kpis(db, profile) == [OLD]


def test_a_correction_without_any_change_says_the_month_is_already_recorded(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    before = kpis_stamp(db, profile)
    at = save_fix(edit(open_page(PAGE), MONTH))
    assert said("history.unchanged") in [info.value for info in at.info]
    assert kpis_stamp(db, profile) == before


def test_cancelling_a_correction_changes_nothing(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = edit(open_page(PAGE), MONTH)
    at.text_input(key="journal_fix_impressions").input("1")
    at = at.button(key="journal_fix_cancel").click().run()
    assert list_kpis(db, profile) == [OLD]
    assert "journal_fix_impressions" not in input_keys(at)


def test_the_same_month_typed_again_in_the_form_is_already_recorded(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = fill(open_page(PAGE), impressions="9 000", engagements="90")
    assert at.info[-1].value == said("history.unchanged")
    assert "déjà enregistrés avec ces chiffres : rien n’a changé." in at.info[-1].value.replace(
        NBSP, " "
    )
    assert not at.warning
    assert list_kpis(db, profile) == [OLD]


# --- deleting a month ----------------------------------------------------------------------


def ask_delete(at: AppTest, month: date = MONTH) -> AppTest:
    return at.button(key=f"journal_delete_{month.isoformat()}").click().run()


def test_deleting_a_month_asks_first(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = ask_delete(open_page(PAGE))
    assert at.warning[0].value.startswith(said("history.delete.confirm", figures=""))
    assert "Impressions : 9\u202f000" in at.warning[0].value
    assert list_kpis(db, profile) == [OLD]


def test_answering_no_keeps_the_month(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = ask_delete(open_page(PAGE)).button(key="journal_delete_no").click().run()
    assert list_kpis(db, profile) == [OLD]
    assert not at.warning


def test_a_confirmed_deletion_removes_the_month_and_offers_to_undo(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = ask_delete(open_page(PAGE)).button(key="journal_delete_yes").click().run()
    assert list_kpis(db, profile) == []
    assert said("history.deleted") in [info.value for info in at.info]
    assert month_rows(at) == []
    assert at.button(key="journal_undo").label == "Annuler la suppression"


def test_undoing_a_deletion_brings_the_month_back_as_it_was(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(OLD.kpis, followers=12, profile_views=3))
    at = ask_delete(open_page(PAGE)).button(key="journal_delete_yes").click().run()
    at = at.run()  # the undo stays on offer while the user stays on the page
    at = at.button(key="journal_undo").click().run()
    assert list_kpis(db, profile) == [KpiEntry(OLD.kpis, followers=12, profile_views=3)]
    assert said("history.restored") in [s.value for s in at.success]
    assert month_rows(at) == [LABEL]
    assert "journal_undo" not in [b.key for b in at.button]


def test_confirming_a_deletion_removes_the_undo(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = ask_delete(open_page(PAGE)).button(key="journal_delete_yes").click().run()
    at = at.button(key="journal_undo_ok").click().run()
    assert "journal_undo" not in [b.key for b in at.button]
    assert list_kpis(db, profile) == []


def test_leaving_the_page_makes_a_deletion_final(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, OLD)
    at = ask_delete(open_page(PAGE)).button(key="journal_delete_yes").click().run()
    at.switch_page("pages/progress.py").run()
    at = at.switch_page(PAGE).run()
    assert "journal_undo" not in [b.key for b in at.button]
    assert not any("supprimés" in info.value for info in at.info)
    assert list_kpis(db, profile) == []


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
    assert "Ce que disent vos chiffres" not in [h.value for h in at.header]


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
    assert f"« {escaped} »" in message


def test_a_month_just_saved_shows_at_once_in_the_list(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_kpis(db, profile, KpiEntry(KpiMonth(add_months(MONTH, -1), 10000, 300)))
    at = open_page(PAGE)
    assert month_rows(at) == [month_label(add_months(MONTH, -1), "fr")]
    at = fill(at, impressions="12 400", engagements="372")
    assert month_rows(at) == [LABEL, month_label(add_months(MONTH, -1), "fr")]
