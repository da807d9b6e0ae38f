"""Keys that arrive in one read from the terminal (tmux send-keys, a lagging SSH link, a fast typist): each lands
where it would have landed typed one at a time.

Textual routes a key to the widget focused when the app's loop takes it, but a non-priority binding (Input's
Enter) runs only once the key has bubbled back up, and a focus move made by a message handler comes later
still: the keys of a burst all went to the field the burst started in.
"""

from __future__ import annotations

import threading
from decimal import Decimal
from unittest.mock import patch

from textual import events
from textual.widgets import Button, Input

from tests.tui.conftest import WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.dialogs import ConfirmDialog, FormDialog, ProblemDialog
from tui.screens.dialogs.form import FormField
from tui.screens.school import SchoolScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.demo import ADMIN, EXPERT, spread
from workflow.doors.scores import set_scores
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import EventOption, fire, options

SIZE = (120, 40)


NAMED = {"enter": "\r", "tab": "\t", "f3": None}


def _burst(app: StarCampusApp, *keys: str) -> None:
    """Queue the keys as the driver does for one read: no key waits for the one before it."""
    for key in keys:
        if key in NAMED:
            app.post_message(events.Key(key, NAMED[key]))
        else:
            for char in key:
                app.post_message(events.Key(char, char))


@run_async
async def test_problem_text_enter_person_enter_enter_in_one_burst_saves_the_problem(selfeval: int) -> None:
    row = queries.find_assessment(selfeval, "640424007")
    assert row is not None
    aid = int(row.id)
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_school(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        await pilot.press("f4")
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ProblemDialog)
        _burst(app, "机房网线老化", "enter", "张老师", "enter", "enter")
        await settle(pilot, rounds=10)
        assert app.screen is screen, "the third Enter saves the problem and closes the dialog"
    assert [(p.text, p.responsible, p.deadline) for p in queries.detail(aid).problems] == [
        ("机房网线老化", "张老师", None)]


@run_async
async def test_typing_a_name_on_the_list_and_enter_in_one_burst_opens_the_school(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert app.focused is dashboard.query_one(SchoolTable)
        _burst(app, "新民", "enter")
        await settle(pilot, rounds=10)
        assert dashboard.query_one("#filter", Input).value == "新民"
        screen = app.screen
        assert isinstance(screen, SchoolScreen), f"Enter after the typed filter opens its school, not {screen!r}"
        assert screen.view is not None and "新民" in screen.view.name


@run_async
async def test_a_forms_fields_typed_with_enter_in_one_burst_each_get_their_own_text(demo: int) -> None:
    saved: list[dict[str, object]] = []
    dialog = FormDialog("记录", [FormField("who", "专家"), FormField("where", "地点")], saved.append)
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(dialog)
        await settle(pilot)
        _burst(app, "王专家", "enter", "机房", "enter", "enter")  # the last Enter on 确定
        await settle(pilot, rounds=10)
    assert saved == [{"who": "王专家", "where": "机房"}]


@run_async
async def test_f3_tab_enter_right_after_the_last_save_asks_to_finish_verification(demo: int) -> None:
    """The buttons were read before the last leaf was saved (完成核定 refused: a score missing); F3 reads them
    again, and an Enter that comes before they are in waits for them instead of being refused on the old ones."""
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, ["640424007"])
    found = queries.find_assessment(int(row.id), "640424007")
    assert found is not None
    aid = int(found.id)
    advance_campaign(ADMIN, row.id)
    scores = spread(rubric_of(row), Decimal("81"))
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, scores, kind="self")
    fire(ADMIN, aid, "submit_self_evaluation")
    advance_campaign(ADMIN, row.id)
    fire(EXPERT, aid, "start_verification")
    last = list(scores)[-1]
    set_scores(EXPERT, aid, {c: v for c, v in scores.items() if c != last}, kind="verified")

    answer = threading.Event()

    def slow_options(actor: Actor, assessment_id: int) -> list[EventOption]:
        assert answer.wait(30), "the test let the options read go on"
        return options(actor, assessment_id)

    app = StarCampusApp(EXPERT, campaign_id=int(row.id))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_school(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        field_ = screen._fields[last]
        field_.focus()
        await pilot.pause()
        field_.value = str(scores[last])
        await pilot.press("enter")
        await settle(pilot)
        assert queries.detail(aid).assessment.verified_total == Decimal("81")
        with patch("tui.screens.school.options", slow_options):
            _burst(app, "f3", "tab", "enter")
            for _ in range(10):  # the keys are handled; the options read is held
                await pilot.pause()
            answer.set()
            await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), f"完成核定 asks to confirm, not {app.screen!r}"
        assert "完成核定" in app.screen.title_text
