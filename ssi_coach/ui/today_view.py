"""The Today page: onboarding redirect, check-in banner, checklist, habit, pauses and reminders."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import streamlit as st

from ssi_coach.chart_text import heatmap_legend, heatmap_summary, weekly_summary
from ssi_coach.charts.habit import (
    has_counted_day,
    heatmap_chart,
    heatmap_first_day,
    heatmap_start,
    weekly_chart,
)
from ssi_coach.habits import (
    SKIPS_PER_MONTH,
    DayStatus,
    Holiday,
    percent_text,
    weekday_labels,
)
from ssi_coach.i18n import format_date, format_month
from ssi_coach.model import InvalidInput
from ssi_coach.reminders import (
    CHECKIN_DAY_MAX,
    DEFAULT_TIMEZONE,
    daily_routine_ics,
    monthly_checkin_ics,
)
from ssi_coach.review import TASK_KINDS
from ssi_coach.routine import Task, task_hint, task_text
from ssi_coach.services import checkin
from ssi_coach.services.today import (
    add_holiday,
    build_habit,
    cancel_holiday,
    load_today,
    onboarding_target,
    skip_day,
    tick_task,
    unskip_day,
)
from ssi_coach.today import (
    BACKFILL_DAYS,
    ONBOARDING_STEPS,
    Habit,
    HabitInputs,
    TodayState,
    backfill_days,
    checkin_due,
    days_text,
    onboarding_step,
)
from ssi_coach.ui import nav
from ssi_coach.ui.charts import ChartSpec, chart_spec, show_spec
from ssi_coach.ui.context import lang, repo, safe_callback, tr, writing_callback
from ssi_coach.ui.markdown import escape_markdown
from ssi_coach.ui.memo import session_memo
from ssi_coach.ui.plan_view import task_link
from ssi_coach.ui.review_view import check_link

# The onboarding page Today sent the user to; the target page reads it (onboarding_note).
ONBOARDING = "today_onboarding"
# The last page Today redirected to, so that the user is sent to each step once per session.
REDIRECTED = "today_redirected"
DAY = "today_day"
TICK_ERROR = "today_tick_error"
SKIP_ERROR = "today_skip_error"
HOLIDAY_ERROR = "today_holiday_error"
HOLIDAY_RANGE = "today_holiday_range"
REMINDER_TIME = "today_reminder_time"
CHECKIN_DAY = "today_checkin_day"
# The date widget keeps one format in both languages, as on the check-in page.
DATE_FORMAT = "DD/MM/YYYY"
DEFAULT_REMINDER = time(9, 0)
CHECKIN_TIME = time(9, 0)
DEFAULT_HOLIDAY_DAYS = 7
HOLIDAY_HORIZON = timedelta(days=365)
# Twelve bars read well at this height; the default one makes the chart dominate the page.
WEEKLY_HEIGHT = 180
# A few profiles × days × languages; each entry holds one habit history (ten years: ~1 MB).
# --- landing -----------------------------------------------------------------------------


def _onboard(target: str) -> None:
    """Send the user to the missing onboarding step once, then show the way there."""
    st.session_state[ONBOARDING] = target
    if st.session_state.get(REDIRECTED) != target:
        st.session_state[REDIRECTED] = target
        nav.go(nav.BY_URL[target])
    _step_card(target)


def _steps() -> int:
    # The first run has one more step than the pages that collect data: the plan and Today.
    return len(ONBOARDING_STEPS) + 1


def _step_card(target: str | None) -> None:
    """Show the next first-run step with a button to it; None means the plan and Today."""
    with st.container(border=True, key=f"onboarding_card_{target or 'ready'}"):
        if target is None:
            text = tr("today.onboarding.ready", step=_steps(), steps=_steps())
            st.markdown(f":material/flag: {text}")
            with st.container(horizontal=True):
                nav.button(
                    nav.PLAN,
                    tr("shell.onboarding.link.plan"),
                    key="onboarding_go_plan",
                    icon=":material/checklist:",
                    primary=True,
                )
                nav.button(
                    nav.TODAY,
                    tr("today.onboarding.link.today"),
                    key="onboarding_go_today",
                    icon=":material/today:",
                )
            return
        entry = nav.BY_URL[target]
        text = tr(f"today.onboarding.go.{target}", step=onboarding_step(target), steps=_steps())
        st.markdown(f":material/flag: {text}")
        nav.button(
            entry,
            tr(f"today.onboarding.link.{target}"),
            key=f"onboarding_go_{target}",
            icon=entry.icon,
            primary=True,
        )


def onboarding_note(page: str) -> bool:
    """Introduce the first-run step of this page ("questionnaire" or "checkin"), or lead back.

    Shows nothing unless Today sent the user into onboarding during this session, nor once the
    page's step is done: `next_step` then leads on, below what the page saved. Tells whether
    it showed something.
    """
    if ONBOARDING not in st.session_state:
        return False
    target = onboarding_target(repo())
    if target == page:
        st.info(
            tr(f"today.onboarding.step.{page}", step=onboarding_step(page), steps=_steps()),
            icon=":material/flag:",
        )
        return True
    if target is not None and onboarding_step(target) < onboarding_step(page):
        # An earlier step is missing: the way back to it comes first.
        _step_card(target)
        return True
    return False


def next_step(page: str, *, saved: bool = False) -> None:
    """Lead on from a page whose first-run step is done: to the next step, or to the plan.

    During onboarding the lead shows on every visit; otherwise only right after a save on the
    page (`saved`), as the one way on from its confirmation.
    """
    onboarding = ONBOARDING in st.session_state
    if not (onboarding or saved):
        return
    target = onboarding_target(repo())
    if target == page:
        return
    if target is not None and onboarding_step(target) < onboarding_step(page) and onboarding:
        return  # onboarding_note already leads back to it, at the top of the page
    if target is None and not onboarding:
        nav.button(
            nav.PLAN,
            tr("shell.onboarding.link.plan"),
            key="next_step_plan",
            icon=":material/checklist:",
        )
        return
    _step_card(target)


def language_key(name: str) -> str:
    """Return a widget key per language, for a choice whose shown labels are translated.

    A browser keeps showing the old language's label of a chosen option after the language
    changes; a new key per language gives a fresh widget, set from the language-neutral choice.
    """
    return f"{name}_{lang().value}"


@safe_callback
def _on_day_change(key: str) -> None:
    st.session_state[DAY] = st.session_state[key]


def _selected_day(today: date) -> date:
    """Return the day chosen in the day selector, today when none or out of range."""
    options = [day.isoformat() for day in backfill_days(today)]
    if st.session_state.get(DAY) not in options:
        st.session_state[DAY] = options[0]
    st.session_state[language_key(DAY)] = st.session_state[DAY]
    return date.fromisoformat(st.session_state[DAY])


# A converted habit chart, and whether it keeps its own width rather than the page's.
_Shown = tuple[ChartSpec, bool]


def _cache_key(inputs: HabitInputs) -> tuple[object, ...]:
    """Return a cheap cache key; hashing the inputs through Streamlit's hasher costs more."""
    return (repo(), inputs.profile_id, inputs.today, inputs.ticks, hash(inputs))


def _habit(key: tuple[object, ...], inputs: HabitInputs) -> Habit:
    """Return the habit for its inputs, computed again only when they change."""
    return session_memo("today_habit", key, lambda: build_habit(repo(), inputs))


def _habit_specs(
    key: tuple[object, ...], code: str, inputs: HabitInputs
) -> tuple[_Shown, _Shown] | None:
    """Return the heatmap and the weekly chart, converted once per language; None before day one."""

    def build() -> tuple[_Shown, _Shown] | None:
        habit = _habit(key, inputs)
        if not has_counted_day(habit.history):
            return None
        heatmap = heatmap_chart(habit.history, inputs.today, code)
        weekly = weekly_chart(habit.weekly, code)
        bars = weekly.chart.properties(height=WEEKLY_HEIGHT)
        # The title above the chart already names the measure; the vertical one would overflow.
        bars.encoding.y.title = None
        return (chart_spec(heatmap.chart), heatmap.fits), (chart_spec(bars), weekly.fits)

    return session_memo("today_habit_charts", (key, code), build)


def today_state() -> TodayState | None:
    """Return the page's state from the database, or None after sending the user to onboarding."""
    today = date.today()
    state = load_today(
        repo(),
        today,
        _selected_day(today),
        habit_of=lambda inputs: _habit(_cache_key(inputs), inputs),
    )
    if state is None:
        target = onboarding_target(repo())
        if target is not None:
            _onboard(target)
        return None
    st.session_state.pop(ONBOARDING, None)
    return state


def checkin_banner(state: TodayState | None = None) -> None:
    """Show that the monthly check-in is due, with a link to it; any page may call it."""
    today = date.today() if state is None else state.today
    reading = checkin.latest_reading(repo()) if state is None else state.reading
    if reading is None or not checkin_due(reading.taken_on, today):
        return
    current = lang()
    st.warning(
        tr(
            "today.checkin_due",
            date=format_date(reading.taken_on, current),
            days=days_text((today - reading.taken_on).days, current),
        ),
        icon=":material/event:",
    )
    nav.button(
        nav.CHECKIN, tr("today.checkin_link"), key="checkin_banner_go", icon=":material/edit_note:"
    )


# --- checklist ---------------------------------------------------------------------------


def _day_label(iso: str) -> str:
    day = date.fromisoformat(iso)
    current = lang()
    shown = tr(
        "today.day.date",
        weekday=weekday_labels(current)[day.weekday()],
        date=format_date(day, current),
    )
    ago = (date.today() - day).days
    if ago == 0:
        return tr("today.day.today", date=shown)
    if ago == 1:
        return tr("today.day.yesterday", date=shown)
    return shown


def _task_key(day: date, task: Task) -> str:
    return f"today_task_{day.isoformat()}_{task.key}"


@writing_callback
def _on_tick(day: date, task: Task, key: str) -> None:
    st.session_state.pop(TICK_ERROR, None)
    try:
        tick_task(repo(), day, task, bool(st.session_state[key]), date.today())
    except InvalidInput as error:
        st.session_state[TICK_ERROR] = error


@writing_callback
def _on_skip(day: date) -> None:
    st.session_state.pop(SKIP_ERROR, None)
    try:
        skip_day(repo(), day, date.today())
    except InvalidInput as error:
        st.session_state[SKIP_ERROR] = error
        return
    st.toast(tr("today.skip.saved"), icon=":material/pause_circle:")


@writing_callback
def _on_unskip(day: date) -> None:
    st.session_state.pop(SKIP_ERROR, None)
    unskip_day(repo(), day, date.today())


def _show_error(key: str) -> None:
    # Shown once: the message answers one click and must not linger over later actions.
    error = st.session_state.pop(key, None)
    if isinstance(error, InvalidInput):
        st.error(error.message(lang()), icon=":material/error:")


def _task_label(task: Task, state: TodayState) -> str:
    text = task_text(task, state.answers, lang())
    minutes = tr("routine.minutes", minutes=task.minutes)
    return f"**{escape_markdown(minutes)}** · {escape_markdown(text)}"


def _task_help(task: Task) -> str:
    pillar = tr(f"pillar.{task.pillar.value}")
    return tr("today.task.help", pillar=pillar, hint=task_hint(task, lang()))


def routine_section(state: TodayState) -> None:
    """Render the day selector, the checklist, the progress bar and the day's pause controls."""
    routine = state.routine
    if routine.light:
        st.info(tr("routine.light"), icon=":material/spa:")
    st.selectbox(
        tr("today.day.label"),
        options=[day.isoformat() for day in backfill_days(state.today)],
        format_func=_day_label,
        key=language_key(DAY),
        on_change=_on_day_change,
        args=(language_key(DAY),),
        help=tr("today.day.help", days=BACKFILL_DAYS),
    )
    _status_note(state)
    for task in routine.tasks:
        key = _task_key(routine.day, task)
        # The database is the truth: a tick that failed to save must not look saved.
        st.session_state[key] = task.key in routine.ticked
        st.checkbox(
            _task_label(task, state),
            key=key,
            help=_task_help(task),
            on_change=_on_tick,
            args=(routine.day, task, key),
        )
        # One click from the task to its ready-to-use text on the plan.
        task_link(task)
        if task.key in TASK_KINDS:
            check_link(TASK_KINDS[task.key])
    _show_error(TICK_ERROR)
    st.progress(
        routine.progress,
        text=tr("today.progress", done=routine.minutes_done, budget=routine.budget),
    )
    if routine.finished:
        if routine.day == state.today:
            st.success(tr("today.finished"), icon=":material/celebration:")
        else:
            st.success(
                tr("today.finished_past", date=format_date(routine.day, lang())),
                icon=":material/check_circle:",
            )
    _skip_controls(state)


def _status_note(state: TodayState) -> None:
    status = state.routine.status
    if status is DayStatus.HOLIDAY:
        st.info(tr("today.status.holiday"), icon=":material/beach_access:")
    elif status is DayStatus.SKIPPED:
        st.info(tr("today.status.skipped"), icon=":material/pause_circle:")
    elif status is DayStatus.REST:
        st.caption(tr("today.status.rest"))


def _skip_controls(state: TodayState) -> None:
    routine = state.routine
    if routine.status is DayStatus.SKIPPED:
        st.button(
            tr("today.skip.undo"),
            key="today_unskip",
            on_click=_on_unskip,
            args=(routine.day,),
            icon=":material/undo:",
        )
        return
    if routine.finished or routine.status in (DayStatus.HOLIDAY, DayStatus.REST):
        return
    left = state.skips_left(routine.day)
    st.button(
        tr("today.skip.button"),
        key="today_skip",
        on_click=_on_skip,
        args=(routine.day,),
        icon=":material/pause_circle:",
        help=tr("today.skip.help", total=SKIPS_PER_MONTH),
    )
    if (routine.day.year, routine.day.month) != (state.today.year, state.today.month):
        # The habit metrics show this month's skips; a day of last month uses last month's.
        month = format_month(routine.day, lang())
        st.caption(tr("today.skip.left", month=month, left=left, total=SKIPS_PER_MONTH))
    _show_error(SKIP_ERROR)


# --- habit -------------------------------------------------------------------------------


def habit_section(state: TodayState) -> None:
    """Render the regularity (habit score), the streaks, the skips left and the two charts."""
    current = lang()
    habit = state.habit
    st.header(tr("today.habit.title"))
    score, streak, best, skips = st.columns(4)
    score.metric(
        tr("today.habit.score"),
        percent_text(habit.score, current),
        help=tr("today.habit.score_help"),
    )
    streak.metric(
        tr("today.habit.streak"),
        days_text(habit.streaks.current, current),
        help=tr("today.habit.streak_help"),
    )
    best.metric(tr("today.habit.best"), days_text(habit.streaks.best, current))
    skips.metric(
        tr("today.habit.skips"),
        tr("today.habit.skips_value", left=habit.skips_left, total=SKIPS_PER_MONTH),
    )
    inputs = state.habit_inputs
    first = heatmap_first_day(habit.history, state.today)
    if first > heatmap_start(state.today):
        # A habit younger than the heatmap's year says where it starts, not "the last 12 months".
        st.markdown(f"**{tr('habit.heatmap.since', date=format_date(first, current))}**")
    else:
        st.markdown(f"**{tr('today.heatmap.title')}**")
    specs = _habit_specs(_cache_key(inputs), current.value, inputs)
    if specs is None:
        # Day one, nothing ticked yet: a sentence says what will come, not an empty chart.
        st.caption(tr("habit.heatmap.empty"))
    else:
        (heatmap, heatmap_fits), (weekly, weekly_fits) = specs
        show_spec(
            heatmap,
            key="today_heatmap",
            stretch=not heatmap_fits,
            summary=heatmap_summary(habit.history, first, state.today, current),
        )
        st.caption(heatmap_legend(current))
        st.markdown(f"**{tr('today.weekly.title')}**")
        show_spec(
            weekly,
            key="today_weekly",
            stretch=not weekly_fits,
            summary=weekly_summary(habit.weekly, current),
        )
    _holiday_controls(state)


@writing_callback
def _on_holiday() -> None:
    st.session_state.pop(HOLIDAY_ERROR, None)
    chosen = st.session_state.get(HOLIDAY_RANGE) or ()
    if not chosen:
        st.session_state[HOLIDAY_ERROR] = InvalidInput("holiday_start", "required")
        return
    start = chosen[0]
    end = chosen[1] if len(chosen) > 1 else start
    try:
        add_holiday(repo(), start, end, date.today())
    except InvalidInput as error:
        st.session_state[HOLIDAY_ERROR] = error
        return
    st.toast(tr("today.holiday.saved"), icon=":material/beach_access:")


@writing_callback
def _on_cancel_holiday(holiday: Holiday) -> None:
    cancel_holiday(repo(), holiday, date.today())
    st.toast(tr("today.holiday.cancelled"), icon=":material/undo:")


def _holiday_controls(state: TodayState) -> None:
    current = lang()
    upcoming = state.upcoming_holidays
    with st.expander(tr("today.holiday.title"), icon=":material/beach_access:"):
        st.caption(tr("today.holiday.intro"))
        first = state.today - timedelta(days=BACKFILL_DAYS)
        st.session_state.setdefault(
            HOLIDAY_RANGE, (state.today, state.today + timedelta(days=DEFAULT_HOLIDAY_DAYS - 1))
        )
        st.date_input(
            tr("today.holiday.dates"),
            key=HOLIDAY_RANGE,
            min_value=first,
            max_value=state.today + HOLIDAY_HORIZON,
            format=DATE_FORMAT,
        )
        st.button(tr("today.holiday.save"), key="today_holiday_save", on_click=_on_holiday)
        _show_error(HOLIDAY_ERROR)
        for holiday in upcoming:
            text, cancel = st.columns([3, 1], vertical_alignment="center")
            text.write(
                tr(
                    "today.holiday.period",
                    start=format_date(holiday.start, current),
                    end=format_date(holiday.end, current),
                )
            )
            started = holiday.start <= state.today
            cancel.button(
                tr("today.holiday.end_now" if started else "today.holiday.cancel"),
                key=f"today_holiday_cancel_{holiday.start.isoformat()}",
                on_click=_on_cancel_holiday,
                args=(holiday,),
            )


# --- reminders ---------------------------------------------------------------------------


def _timezone() -> str:
    """Return the browser's time zone when Python knows it, Paris otherwise."""
    name = st.context.timezone
    if not name:
        return DEFAULT_TIMEZONE
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return DEFAULT_TIMEZONE
    return name


def _clock(at: time) -> str:
    return tr("today.reminders.clock", hour=at.hour, minute=f"{at.minute:02d}")


def reminders_section(state: TodayState) -> None:
    """Render the two calendar downloads: the weekday routine and the monthly check-in."""
    current = lang()
    zone = _timezone()
    st.header(tr("today.reminders.title"))
    st.caption(tr("today.reminders.intro"))
    left, right = st.columns(2)
    with left:
        # An explicit value: without one the widget may show the current time after a rerun.
        chosen = st.time_input(
            tr("today.reminders.time"),
            value=DEFAULT_REMINDER,
            key=REMINDER_TIME,
            step=timedelta(minutes=15),
        )
        at = chosen or DEFAULT_REMINDER
        budget = state.budget

        def routine_file(at: time = at, budget: int = budget) -> bytes:
            return daily_routine_ics(at, current, state.today, budget, timezone=zone)

        st.download_button(
            tr("today.reminders.daily"),
            data=routine_file,
            file_name="ssi-coach-routine.ics",
            mime="text/calendar",
            key="today_reminder_ics",
            on_click="ignore",
            icon=":material/download:",
        )
        st.caption(tr("today.reminders.daily_caption", time=_clock(at), minutes=budget))
    with right:
        day = int(
            st.number_input(
                tr("today.reminders.checkin_day"),
                min_value=1,
                max_value=CHECKIN_DAY_MAX,
                value=1,
                step=1,
                key=CHECKIN_DAY,
                help=tr("today.reminders.checkin_help", max=CHECKIN_DAY_MAX),
            )
        )

        def checkin_file(day: int = day) -> bytes:
            return monthly_checkin_ics(day, current, state.today, CHECKIN_TIME, timezone=zone)

        st.download_button(
            tr("today.reminders.monthly"),
            data=checkin_file,
            file_name="ssi-coach-checkin.ics",
            mime="text/calendar",
            key="today_checkin_ics",
            on_click="ignore",
            icon=":material/download:",
        )
        shown = tr("today.reminders.first_day") if day == 1 else str(day)
        st.caption(tr("today.reminders.monthly_caption", day=shown, time=_clock(CHECKIN_TIME)))
