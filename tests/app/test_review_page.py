"""The Review page, the plan's review buttons and Today's links to the review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from ssi_coach.model import Answers, Goal, Reading, Role
from ssi_coach.plan import Lever, build_plan
from ssi_coach.review import DRAFT_KINDS, TASK_KINDS, TextKind
from ssi_coach.routine import routine_for
from ssi_coach.services.repo import Repo
from ssi_coach.services.review import profile_texts, save_profile_text
from ssi_coach.store.answers import save_answers
from ssi_coach.store.profiles import set_setting
from ssi_coach.store.readings import save_reading
from tests.app.plan_tabs import open_tab

PAGE = "pages/review.py"
TITLE_ONLY = "Consultant chez Capgemini"
GOOD_HEADLINE = "J’aide les PME industrielles à recruter des techniciens sans cabinet"


def errors(at: AppTest) -> list[str]:
    return [element.value for element in at.error]


def choose(at: AppTest, kind: TextKind) -> AppTest:
    at.segmented_control(key="review_kind").set_value(kind.value).run()
    assert not at.exception, at.exception
    return at


def type_text(at: AppTest, kind: TextKind, text: str) -> AppTest:
    at.text_area(key=f"review_text_{kind.value}").input(text).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def review(open_page: Callable[[str | None], AppTest]) -> AppTest:
    return open_page(PAGE)


def test_the_empty_page_asks_for_a_text_and_offers_no_save(review: AppTest) -> None:
    assert "Collez ou tapez votre texte" in review.info[0].value
    assert review.button(key="review_save_headline").disabled


def test_a_job_title_headline_gets_its_fixes_with_the_length_against_220(review: AppTest) -> None:
    type_text(review, TextKind.HEADLINE, TITLE_ONLY)
    shown = errors(review)
    assert len(shown) == 2
    assert "ne donne qu’un poste" in shown[0]
    assert "ni qui vous aidez" in shown[1]
    assert review.get("progress")[0].proto.text == "25 / 220 caractères"


def test_a_good_headline_gets_no_fix(review: AppTest) -> None:
    type_text(review, TextKind.HEADLINE, GOOD_HEADLINE)
    assert errors(review) == []
    assert "Rien à corriger" in review.success[0].value


def test_each_kind_keeps_its_own_text_when_switching(review: AppTest) -> None:
    type_text(review, TextKind.HEADLINE, TITLE_ONLY)
    choose(review, TextKind.COMMENT)
    type_text(review, TextKind.COMMENT, "Super post !")
    assert any("n’importe quel post" in message for message in errors(review))
    choose(review, TextKind.HEADLINE)
    assert review.text_area(key="review_text_headline").value == TITLE_ONLY


def test_a_comment_shows_no_save_button(review: AppTest) -> None:
    choose(review, TextKind.COMMENT)
    assert not [button for button in review.button if button.key == "review_save_comment"]


def test_saving_a_headline_keeps_a_dated_version(review: AppTest, db: Engine, profile: int) -> None:
    type_text(review, TextKind.HEADLINE, GOOD_HEADLINE)
    review.button(key="review_save_headline").click().run()
    assert not review.exception
    saved = profile_texts(Repo(db, profile))
    assert [version.text for version in saved.headline] == [GOOD_HEADLINE]
    assert "Votre titre enregistré le" in "\n".join(c.value for c in review.caption)


def test_saving_the_same_headline_twice_keeps_one_version(
    review: AppTest, db: Engine, profile: int
) -> None:
    type_text(review, TextKind.HEADLINE, GOOD_HEADLINE)
    review.button(key="review_save_headline").click().run()
    review.button(key="review_save_headline").click().run()
    assert len(profile_texts(Repo(db, profile)).headline) == 1


def test_a_headline_over_the_limit_is_reviewed_but_never_saved(
    review: AppTest, db: Engine, profile: int
) -> None:
    type_text(review, TextKind.HEADLINE, GOOD_HEADLINE + " et bien plus" * 20)
    assert any("LinkedIn en accepte 220" in message for message in errors(review))
    review.button(key="review_save_headline").click().run()
    assert not review.exception
    shown = errors(review)
    assert any(
        message.startswith("Titre") and "Rien n’a été enregistré" in message for message in shown
    )
    assert profile_texts(Repo(db, profile)).headline == ()


def test_the_saved_headline_is_where_the_next_review_starts(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    save_profile_text(Repo(db, profile), TextKind.HEADLINE, GOOD_HEADLINE)
    at = open_page(PAGE)
    assert at.text_area(key="review_text_headline").value == GOOD_HEADLINE
    assert "Mes titres enregistrés (1)" in [expander.label for expander in at.expander]


def test_the_url_opens_the_review_on_the_kind_a_task_asks_for(db: Engine) -> None:
    from tests.app.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page(PAGE)
    at.query_params["kind"] = "invitation"
    at.run()
    assert not at.exception
    assert at.segmented_control(key="review_kind").value == "invitation"


def test_the_page_speaks_english(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    set_setting(db, profile, "lang", "en")
    at = open_page(PAGE)
    type_text(at, TextKind.HEADLINE, "Sales Executive at Acme")
    assert "only gives a job title" in errors(at)[0]
    assert at.get("progress")[0].proto.text == "23 / 220 characters"


def test_an_english_text_is_judged_in_english_on_a_french_page(review: AppTest) -> None:
    choose(review, TextKind.COMMENT)
    type_text(review, TextKind.COMMENT, "Great post, so true!")
    assert "Texte relu comme un texte en anglais." in [c.value for c in review.caption]
    assert any("n’importe quel post" in message for message in errors(review))


# --- the plan's review buttons ------------------------------------------------------------------


@pytest.fixture
def plan(open_page: Callable[[str | None], AppTest], db: Engine, profile: int) -> AppTest:
    save_reading(db, profile, Reading(date(2026, 10, 1), 15, 5, 10, 12))
    answers = Answers(
        Goal.PROSPECTING,
        Role.FREELANCE,
        False,
        target="les DAF de PME industrielles",
        outcome="réduire leurs délais de clôture",
        means="un tableau de bord automatisé",
        sector="industrie",
        titles="DAF",
    )
    save_answers(db, profile, answers)
    return open_page("pages/plan.py")


def test_every_reviewable_draft_of_the_plan_has_a_review_button(plan: AppTest) -> None:
    keys = set()
    for lever in Lever:
        keys |= {button.key for button in open_tab(plan, lever).button}
    assert {"plan_review_" + code.replace(".", "_") for code in DRAFT_KINDS} <= keys


def test_the_review_button_reviews_the_draft_as_proposed(plan: AppTest) -> None:
    open_tab(plan, Lever.MESSAGES)
    plan.button(key="plan_review_message_thank_you").click().run()
    assert not plan.exception
    assert any("à compléter" in message for message in errors(plan))


def test_the_review_button_reviews_the_edited_draft(plan: AppTest) -> None:
    open_tab(plan, Lever.HEADLINE)
    plan.text_area(key="plan_draft_headline_1").input(TITLE_ONLY).run()
    plan.button(key="plan_review_headline_1").click().run()
    assert not plan.exception
    assert any("ne donne qu’un poste" in message for message in errors(plan))


# --- Today's links ------------------------------------------------------------------------------


def test_todays_comment_and_message_tasks_link_to_the_review_of_their_kind(
    open_page: Callable[[str | None], AppTest], db: Engine, profile: int
) -> None:
    reading = Reading(date(2026, 10, 1), 15, 5, 10, 12)
    answers = Answers(Goal.PROSPECTING, Role.FREELANCE, False)
    save_reading(db, profile, reading)
    save_answers(db, profile, answers)
    at = open_page(None)
    tasks = routine_for(build_plan(reading, answers), answers, date.today())
    expected = [f"kind={TASK_KINDS[task.key].value}" for task in tasks if task.key in TASK_KINDS]
    checks = [link.proto for link in at.get("page_link") if link.proto.page.endswith("review")]
    assert expected
    assert [link.query_string for link in checks] == expected
    assert {link.label for link in checks} == {"Relire mon texte"}
