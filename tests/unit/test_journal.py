"""The KPI journal: reading the monthly form, the past months, routine adherence, KPI changes."""

import contextlib
import json
from datetime import date, datetime

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from ssi_coach.checkin import FormErrors
from ssi_coach.i18n import CATALOG_DIR, Lang, format_count, placeholders
from ssi_coach.journal import (
    FORM_LANG,
    JOURNAL_FIELDS,
    JOURNAL_MONTHS,
    NUMBER_FIELDS,
    ChangeLine,
    EmptyEntry,
    KpiChanges,
    MissingMonths,
    StoredMonth,
    change_rows,
    check_month,
    default_month,
    entry_form_values,
    entry_from_form,
    entry_values,
    goal_fields,
    journal_lines,
    journal_months,
    kpi_changes,
    month_label,
    other_fields,
    summary_month,
    summary_months,
    table_order,
)
from ssi_coach.model import FIGURE_MAX, Goal, InvalidInput, KpiMonth, Reading
from ssi_coach.records import KpiEntry

TODAY = date(2026, 11, 22)
NNBSP = "\u202f"
NBSP = "\u00a0"
FORM = {
    "month": date(2026, 10, 1),
    "impressions": "12 400",
    "engagements": "372",
    "qualified_conversations": "3",
    "opportunities": "1",
    "followers": "",
    "profile_views": None,
}


def read(**changes: object) -> KpiEntry:
    return entry_from_form(FORM | changes, today=TODAY)


def error_of(**changes: object) -> InvalidInput:
    with pytest.raises(FormErrors) as caught:
        read(**changes)
    assert len(caught.value.errors) == 1, caught.value.errors
    return caught.value.errors[0]


# --- the month ---------------------------------------------------------------------------


def test_a_valid_form_gives_the_months_kpis() -> None:
    assert read() == KpiEntry(
        KpiMonth(date(2026, 10, 1), 12400, 372, 3, 1), followers=None, profile_views=None
    )


def test_the_current_month_can_be_entered() -> None:
    assert read(month=date(2026, 11, 1)).kpis.month == date(2026, 11, 1)


def test_next_month_is_in_the_future() -> None:
    error = error_of(month=date(2026, 12, 1))
    assert (error.field, error.code) == ("month", "in_future")


def test_a_month_must_be_given_by_its_first_day() -> None:
    error = error_of(month=date(2026, 10, 2))
    assert (error.field, error.code) == ("month", "not_first_of_month")


def test_a_missing_month_is_refused() -> None:
    assert error_of(month=None).code == "not_a_date"


def test_a_datetime_is_not_a_month() -> None:
    assert error_of(month=datetime(2026, 10, 1)).code == "not_a_date"


def test_january_2014_is_the_first_month_accepted() -> None:
    assert check_month(date(2014, 1, 1), TODAY) == date(2014, 1, 1)
    with pytest.raises(InvalidInput) as caught:
        check_month(date(2013, 12, 1), TODAY)
    assert caught.value.code == "before_ssi"


# --- the figures -------------------------------------------------------------------------


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_zero_is_a_valid_figure(field: str) -> None:
    assert entry_values(read(**{field: "0", "engagements": "0"}), Lang.FR)[field] == "0"


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_a_negative_figure_is_refused(field: str) -> None:
    error = error_of(**{field: "-1"})
    assert (error.field, error.code, error.params) == (field, "too_small", {"low": 0})


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_a_decimal_figure_is_refused(field: str) -> None:
    error = error_of(**{field: "1,5"})
    assert (error.field, error.code) == (field, "not_whole")


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_text_is_not_a_figure(field: str) -> None:
    error = error_of(**{field: "beaucoup"})
    assert (error.field, error.code) == (field, "not_a_number")


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_infinity_is_not_a_figure(field: str) -> None:
    assert error_of(**{field: "inf"}).code == "not_finite"


@pytest.mark.parametrize("field", [f for f in NUMBER_FIELDS if f != "engagements"])
def test_the_largest_figure_is_accepted_and_one_more_is_refused(field: str) -> None:
    assert entry_values(read(**{field: str(FIGURE_MAX)}), Lang.EN)[field] == f"{FIGURE_MAX:,}"
    error = error_of(**{field: str(FIGURE_MAX + 1)})
    assert (error.field, error.code) == (field, "out_of_range")


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_an_empty_figure_stays_unknown(field: str) -> None:
    assert entry_values(read(**{field: "  "}), Lang.FR)[field] == ""


def test_a_figure_grouped_with_french_spaces_is_read() -> None:
    assert read(impressions=f"12{NNBSP}400", engagements=f"1{NBSP}000").kpis.engagements == 1000


def read_in(lang: str, **changes: object) -> KpiEntry:
    return read(**({FORM_LANG: lang} | changes))


def error_in(lang: str, **changes: object) -> InvalidInput:
    return error_of(**({FORM_LANG: lang} | changes))


@pytest.mark.parametrize(
    ("typed", "count"),
    [
        ("12 400", 12400),
        (f"12{NBSP}400", 12400),
        (f"12{NNBSP}400", 12400),
        ("12.400", 12400),
        ("250.000", 250000),
        (f"1{NNBSP}234{NNBSP}567", 1234567),
        ("1.234.567", 1234567),
    ],
)
def test_a_french_form_reads_thousands_grouped_by_spaces_or_dots(typed: str, count: int) -> None:
    assert read_in("fr", impressions=typed, engagements="").kpis.impressions == count


@pytest.mark.parametrize(
    ("typed", "count"), [("12,400", 12400), ("1,000", 1000), ("1,234,567", 1234567)]
)
def test_an_english_form_reads_thousands_grouped_by_commas(typed: str, count: int) -> None:
    assert read_in("en", impressions=typed, engagements="").kpis.impressions == count


@pytest.mark.parametrize(
    ("lang", "typed", "small", "large"),
    [
        ("fr", "1,000", 1.0, 1000.0),
        ("fr", "12,400", 12.4, 12400.0),
        ("en", "250.000", 250.0, 250000.0),
        ("en", "12.400", 12.4, 12400.0),
        (None, "1,000", 1.0, 1000.0),
        (None, "250.000", 250.0, 250000.0),
    ],
)
def test_a_decimal_mark_before_three_digits_is_refused_as_two_readings(
    lang: str | None, typed: str, small: float, large: float
) -> None:
    changes: dict[str, object] = {"impressions": typed, "engagements": ""}
    error = error_of(**changes) if lang is None else error_in(lang, **changes)
    assert (error.field, error.code) == ("impressions", "count_ambiguous")
    assert error.params == {"typed": typed, "small": small, "large": large}


def test_the_two_readings_message_names_the_field_and_says_how_to_write_it() -> None:
    error = error_in("fr", impressions="1,000", engagements="")
    assert error.message("fr") == (
        f"Impressions{NBSP}: «{NBSP}1,000{NBSP}» peut se lire 1 ou 1000{NBSP}: "
        "écrivez 1000, sans virgule ni point."
    )
    error = error_in("en", impressions="250.000", engagements="")
    assert error.message("en") == (
        "Impressions: “250.000” could be 250 or 250000: write 250000, with no comma or dot."
    )


@pytest.mark.parametrize(("lang", "typed"), [("fr", "12,5"), ("en", "12.5"), (None, "1,50")])
def test_a_count_with_decimals_is_refused_in_either_language(lang: str | None, typed: str) -> None:
    error = error_in(lang, followers=typed) if lang else error_of(followers=typed)
    assert (error.field, error.code) == ("followers", "not_whole")


@pytest.mark.parametrize(("lang", "typed"), [("fr", "12.5"), ("en", "12,40"), ("en", "1 2 3")])
def test_marks_that_group_nothing_are_refused_with_how_to_write_a_count(
    lang: str, typed: str
) -> None:
    error = error_in(lang, followers=typed)
    assert (error.field, error.code) == ("followers", "count_format")
    assert "12400" in error.message(lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_five_thousand_digit_figure_is_refused_naming_its_field(lang: str) -> None:
    error = error_in(lang, profile_views="9" * 5000)
    assert (error.field, error.code) == ("profile_views", "too_large")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_the_example_of_each_field_reads_back_as_the_figure_it_shows(field: str, lang: str) -> None:
    example = journal_catalog(lang)[f"journal.placeholder.{field}"].split(" ", 1)[1]
    figure = int("".join(filter(str.isdigit, example)))
    entry = read_in(lang, **(dict.fromkeys(NUMBER_FIELDS, "") | {field: example}))
    assert entry_form_values(entry)[field] == str(figure)


@given(st.integers(0, FIGURE_MAX), st.sampled_from(["fr", "en"]))
def test_a_figure_written_as_the_language_writes_it_reads_back_the_same(
    figure: int, lang: str
) -> None:
    entry = read_in(lang, impressions=format_count(figure, lang), engagements="")
    assert entry.kpis.impressions == figure


def test_a_stored_month_goes_back_to_the_form_as_plain_digits() -> None:
    entry = KpiEntry(KpiMonth(date(2026, 9, 1), impressions=12400, opportunities=0), followers=8)
    assert entry_form_values(entry) == {
        "impressions": "12400",
        "engagements": "",
        "qualified_conversations": "",
        "opportunities": "0",
        "followers": "8",
        "profile_views": "",
    }


def figure() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, FIGURE_MAX)


@st.composite
def stored_months(draw: st.DrawFn) -> KpiEntry:
    impressions = draw(figure())
    high = FIGURE_MAX if impressions is None else impressions
    engagements = draw(st.none() | st.integers(0, high))
    kpis = KpiMonth(date(2026, 9, 1), impressions, engagements, draw(figure()), draw(figure()))
    return KpiEntry(kpis, draw(figure()), draw(figure()))


@given(stored_months())
def test_a_stored_month_read_back_from_the_form_is_the_same_month(stored: KpiEntry) -> None:
    values = entry_form_values(stored)
    assume(any(values.values()))
    assert entry_from_form({"month": stored.kpis.month, **values}, today=TODAY) == stored


def test_engagements_equal_to_impressions_are_accepted() -> None:
    assert read(impressions="400", engagements="400").kpis.engagement_rate == 1.0


def test_engagements_above_impressions_are_refused_on_the_engagements_field() -> None:
    error = error_of(impressions="400", engagements="401")
    assert (error.field, error.code) == ("engagements", "above_impressions")


def test_engagements_without_impressions_are_kept_without_a_rate() -> None:
    entry = read(impressions="", engagements="50")
    assert (entry.kpis.engagements, entry.kpis.engagement_rate) == (50, None)


def test_every_bad_field_is_reported_at_once_in_form_order() -> None:
    with pytest.raises(FormErrors) as caught:
        read(
            profile_views="x",
            month=date(2027, 1, 1),
            opportunities="-2",
            impressions="10",
            engagements="11",
        )
    assert caught.value.fields == ("month", "engagements", "opportunities", "profile_views")


def test_a_form_without_any_figure_records_nothing() -> None:
    with pytest.raises(EmptyEntry):
        read(**dict.fromkeys(NUMBER_FIELDS, ""))


def test_a_bad_figure_in_an_otherwise_empty_form_is_named() -> None:
    blank = dict.fromkeys(NUMBER_FIELDS, "")
    with pytest.raises(FormErrors) as caught:
        read(**(blank | {"followers": "abc"}))
    assert caught.value.fields == ("followers",)


def test_followers_alone_are_an_entry() -> None:
    entry = read(**(dict.fromkeys(NUMBER_FIELDS, "") | {"followers": "850"}))
    assert (entry.followers, entry.kpis.impressions) == (850, None)


def test_the_engagement_rate_is_never_a_form_field() -> None:
    assert "engagement_rate" not in JOURNAL_FIELDS


def test_a_typed_engagement_rate_is_ignored() -> None:
    assert read(engagement_rate="90").kpis.engagement_rate == 372 / 12400


@given(impressions=st.integers(0, FIGURE_MAX), engagements=st.integers(0, FIGURE_MAX))
def test_engagements_are_accepted_exactly_when_they_do_not_exceed_impressions(
    impressions: int, engagements: int
) -> None:
    typed = {"impressions": str(impressions), "engagements": str(engagements)}
    if engagements > impressions:
        with pytest.raises(FormErrors) as caught:
            read(**typed)
        assert caught.value.fields == ("engagements",)
    else:
        entry = read(**typed)
        assert (entry.kpis.impressions, entry.kpis.engagements) == (impressions, engagements)


@given(st.dictionaries(st.sampled_from(NUMBER_FIELDS), st.text(max_size=12)))
def test_no_typed_text_crashes_the_form(typed: dict[str, str]) -> None:
    with contextlib.suppress(FormErrors, EmptyEntry):
        read(**typed)


# --- the goal's fields and the months offered ---------------------------------------------


def test_notoriety_asks_first_for_impressions_and_engagements() -> None:
    assert goal_fields(Goal.NOTORIETY) == ("impressions", "engagements")
    assert other_fields(Goal.NOTORIETY) == ("qualified_conversations", "opportunities")


def test_prospecting_asks_first_for_conversations_and_opportunities() -> None:
    assert goal_fields(Goal.PROSPECTING) == ("qualified_conversations", "opportunities")
    assert other_fields(Goal.PROSPECTING) == ("impressions", "engagements")


def test_without_a_goal_no_field_comes_first() -> None:
    assert goal_fields(None) == ()
    assert other_fields(None) == NUMBER_FIELDS[:4]


def test_the_journal_offers_this_month_and_the_23_before() -> None:
    months = journal_months(TODAY)
    assert len(months) == JOURNAL_MONTHS == 24
    assert (months[0], months[-1]) == (date(2026, 11, 1), date(2024, 12, 1))


def test_the_suggested_month_is_the_last_one_over() -> None:
    assert default_month(TODAY) == date(2026, 10, 1)
    assert default_month(date(2027, 1, 5)) == date(2026, 12, 1)


def test_a_month_is_written_out_in_each_language() -> None:
    assert month_label(date(2026, 10, 1), Lang.FR) == "octobre 2026"
    assert month_label(date(2026, 2, 1), Lang.EN) == "February 2026"


# --- the past months -----------------------------------------------------------------------


def entry(month: date, **figures: int) -> KpiEntry:
    extra = {name: figures.pop(name) for name in ("followers", "profile_views") if name in figures}
    return KpiEntry(KpiMonth(month, **figures), **extra)


def test_the_list_gives_months_newest_first_with_the_computed_rate() -> None:
    entries = [
        entry(date(2026, 9, 1), impressions=10000, engagements=300),
        entry(date(2026, 10, 1), impressions=12400, engagements=372, followers=850),
    ]
    lines = journal_lines(entries, None, Lang.FR)
    assert [line.title for line in lines if isinstance(line, StoredMonth)] == [
        "octobre 2026",
        "septembre 2026",
    ]
    assert lines[0].figures == (  # type: ignore[union-attr]
        ("Impressions", f"12{NNBSP}400"),
        ("Interactions", "372"),
        ("Taux d’engagement", f"3,0{NBSP}%"),
        ("Abonnés", "850"),
    )


def test_the_goals_kpis_come_first_in_each_month() -> None:
    month = entry(date(2026, 9, 1), impressions=10000, engagements=300, opportunities=2)
    [line] = journal_lines([month], Goal.PROSPECTING, Lang.EN)
    assert isinstance(line, StoredMonth)
    assert [label for label, _ in line.figures] == [
        "Opportunities",
        "Impressions",
        "Engagements",
        "Engagement rate",
    ]


def test_the_figure_order_puts_each_goals_kpis_first() -> None:
    assert table_order(Goal.NOTORIETY)[:2] == ("impressions", "engagement_rate")
    assert table_order(Goal.PROSPECTING)[:2] == ("qualified_conversations", "opportunities")
    assert table_order(None)[0] == "impressions"
    assert sorted(table_order(Goal.PROSPECTING)) == sorted(table_order(None))


def test_figures_left_blank_are_left_out_of_a_month() -> None:
    [line] = journal_lines([entry(date(2026, 9, 1), opportunities=0)], Goal.NOTORIETY, Lang.EN)
    assert isinstance(line, StoredMonth)
    assert line.figures == (("Opportunities", "0"),)


def test_a_gap_between_two_months_is_said_once() -> None:
    entries = [entry(date(2026, 5, 1), impressions=1), entry(date(2026, 9, 1), impressions=2)]
    lines = journal_lines(entries, None, Lang.FR)
    assert len(lines) == 3
    gap = lines[1]
    assert isinstance(gap, MissingMonths)
    assert (gap.first, gap.last) == (date(2026, 6, 1), date(2026, 8, 1))
    assert gap.text == "Aucun résultat saisi entre juin 2026 et août 2026 (3 mois)."


def test_a_single_missing_month_is_named() -> None:
    entries = [entry(date(2026, 7, 1), impressions=1), entry(date(2026, 9, 1), impressions=2)]
    gap = journal_lines(entries, None, Lang.EN)[1]
    assert isinstance(gap, MissingMonths)
    assert gap.text == "No results entered for August 2026."


def test_consecutive_months_have_no_gap_line() -> None:
    entries = [entry(date(2026, 8, 1), impressions=1), entry(date(2026, 9, 1), impressions=2)]
    assert all(isinstance(line, StoredMonth) for line in journal_lines(entries, None, Lang.EN))


def test_an_empty_journal_has_no_line() -> None:
    assert journal_lines([], Goal.NOTORIETY, Lang.EN) == ()


def test_a_month_with_no_impressions_has_no_rate() -> None:
    month = KpiEntry(KpiMonth(date(2026, 9, 1), impressions=0, engagements=0))
    assert entry_values(month, Lang.EN)["engagement_rate"] == ""


# --- KPI changes and the card's months -----------------------------------------------------

KPIS = [
    KpiMonth(date(2025, 10, 1), impressions=8000, engagements=200),
    KpiMonth(date(2026, 7, 1), impressions=10000, engagements=300, opportunities=0),
    KpiMonth(date(2026, 10, 1), impressions=12400, engagements=372, opportunities=2),
]


def test_the_goals_kpis_come_first_even_without_data() -> None:
    assert change_rows(KPIS, Goal.PROSPECTING) == (
        ("qualified_conversations", True),
        ("opportunities", True),
        ("impressions", False),
        ("engagement_rate", False),
    )


def test_other_kpis_without_data_are_left_out() -> None:
    assert change_rows(KPIS, Goal.NOTORIETY) == (
        ("impressions", True),
        ("engagement_rate", True),
        ("opportunities", False),
    )


def test_each_kpi_gives_its_latest_figure_and_its_3_and_12_month_changes() -> None:
    changes = kpi_changes(KPIS, Goal.NOTORIETY, Lang.FR)
    assert changes.month == date(2026, 10, 1)
    assert changes.lines[0] == ChangeLine(
        "Impressions (votre objectif)",
        f"12{NNBSP}400 ; sur trois mois{NBSP}: +24,0{NBSP}% ; sur douze mois{NBSP}: +55,0{NBSP}%",
        goal=True,
    )
    assert changes.notes == ()


def test_the_goals_kpis_come_first_in_the_changes() -> None:
    changes = kpi_changes(KPIS, Goal.PROSPECTING, Lang.EN)
    assert [(line.label, line.goal) for line in changes.lines] == [
        ("Qualified conversations (your goal)", True),
        ("Opportunities (your goal)", True),
        ("Impressions", False),
        ("Engagement rate", False),
    ]


def test_a_kpi_missing_from_one_month_says_which_month() -> None:
    changes = kpi_changes(KPIS, Goal.NOTORIETY, Lang.FR)
    assert changes.lines[2].text == (
        f"2 ; sur trois mois{NBSP}: de 0 à 2 ; sur douze mois{NBSP}: pas de donnée pour oct. 2025"
    )


WITHOUT_A_YEAR_AGO = KPIS[1:]


def test_a_comparison_month_without_results_is_said_once_not_on_every_kpi() -> None:
    changes = kpi_changes(WITHOUT_A_YEAR_AGO, Goal.NOTORIETY, Lang.FR)
    assert changes.notes == (
        f"Pas de comparaison sur douze mois{NBSP}: aucun résultat saisi pour oct. 2025.",
    )
    assert all("douze" not in line.text for line in changes.lines)
    assert changes.lines[0].text == f"12{NNBSP}400 ; sur trois mois{NBSP}: +24,0{NBSP}%"


def test_a_goal_kpi_missing_in_the_latest_month_says_so() -> None:
    changes = kpi_changes(KPIS, Goal.PROSPECTING, Lang.EN)
    assert changes.lines[0].text == "no data for Oct 2026"


def test_without_kpis_there_is_no_change_to_show() -> None:
    assert kpi_changes([], Goal.NOTORIETY, Lang.EN) == KpiChanges(None, (), ())


def test_the_card_offers_every_month_with_a_check_in_or_kpis_newest_first() -> None:
    readings = [
        Reading(date(2026, 9, 3), 10, 10, 10, 10),
        Reading(date(2026, 9, 28), 10, 10, 10, 11),
    ]
    assert summary_months(readings, KPIS) == (
        date(2026, 10, 1),
        date(2026, 9, 1),
        date(2026, 7, 1),
        date(2025, 10, 1),
    )


def test_the_card_sums_up_the_month_the_user_is_looking_at() -> None:
    months = (date(2026, 11, 1), date(2026, 10, 1))
    assert summary_month(date(2026, 10, 1), months) == date(2026, 10, 1)


def test_the_card_falls_back_to_the_latest_month_with_data() -> None:
    months = (date(2026, 11, 1), date(2026, 10, 1))
    assert summary_month(None, months) == date(2026, 11, 1)
    assert summary_month(date(2026, 8, 1), months) == date(2026, 11, 1)


def test_without_any_data_there_is_no_month_to_sum_up() -> None:
    assert summary_month(date(2026, 8, 1), ()) is None


# --- texts ---------------------------------------------------------------------------------


def journal_catalog(lang: str) -> dict[str, str]:
    return json.loads((CATALOG_DIR / lang / "journal.json").read_text(encoding="utf-8"))


def test_the_journal_catalogs_have_the_same_keys_and_placeholders() -> None:
    fr, en = journal_catalog("fr"), journal_catalog("en")
    assert fr.keys() == en.keys()
    for key in fr:
        assert placeholders(fr[key]) == placeholders(en[key]), key


def test_the_journal_catalogs_use_only_their_own_prefixes() -> None:
    keys = journal_catalog("fr")
    assert [key for key in keys if not key.startswith(("journal.", "crossread."))] == []


@pytest.mark.parametrize("field", NUMBER_FIELDS)
def test_every_field_has_a_help_and_an_example_in_each_language(field: str) -> None:
    for lang in ("fr", "en"):
        texts = journal_catalog(lang)
        assert f"journal.help.{field}" in texts
        assert f"journal.placeholder.{field}" in texts


def test_no_journal_text_suggests_automation_or_scraping() -> None:
    for lang in ("fr", "en"):
        text = " ".join(journal_catalog(lang).values()).casefold()
        for word in ("automati", "scrap", "bot ", "mot de passe", "password"):
            assert word not in text, word
