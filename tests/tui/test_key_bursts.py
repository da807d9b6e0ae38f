"""Keys that arrive in one read from the terminal (tmux send-keys, a lagging SSH link, a fast typist): each lands
where it would have landed typed one at a time.

Textual routes a key to the widget focused when the app's loop takes it, but a non-priority binding (Input's
Enter) runs only once the key has bubbled back up, and a focus move made by a message handler comes later
still: the keys of a burst all went to the field the burst started in.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Button, Input

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.dialogs import FormDialog, ProblemDialog
from tui.screens.dialogs.form import FormField
from tui.screens.school import SchoolScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZE = (120, 40)


def _burst(app: StarCampusApp, *keys: str) -> None:
    """Queue the keys as the driver does for one read: no key waits for the one before it."""
    for key in keys:
        if key == "enter":
            app.post_message(events.Key("enter", "\r"))
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
