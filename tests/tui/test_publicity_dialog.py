"""公示天数 from F9 管理: the form shows the length as it is, saves a new one through the door, and
keeps the door's refusal (publicity already begun) in the form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.admin import AdminScreen
from tui.screens.dialogs.publicity import PublicityDialog
from workflow.doors.demo import ADMIN
from workflow.reads import queries


async def _until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(60):
        await settle(pilot, rounds=1)
        if condition():
            return
    raise AssertionError(f"waited for: {what}")


async def _open(pilot: Pilot[Any], app: StarCampusApp) -> PublicityDialog:
    screen = app.screen
    assert isinstance(screen, AdminScreen), f"the admin screen, not {screen!r}"
    screen.query_one("#publicity", Button).press()
    await _until(pilot, lambda: isinstance(app.screen, PublicityDialog), "the publicity form")
    dialog = app.screen
    assert isinstance(dialog, PublicityDialog)
    field = dialog.query_one("#f-days", Input)
    await _until(pilot, lambda: field.value == "5", "the current length, 5, in the form")
    assert dialog.focused is field
    return dialog


@run_async
async def test_publicity_days_changed_before_publicity_and_refused_after(selfeval: int, demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        admin = app.screen
        dialog = await _open(pilot, app)
        dialog.query_one("#f-days", Input).value = "7"
        dialog.query_one("#ok", Button).press()
        await _until(pilot, lambda: app.screen is admin, "the form to close once saved")
        assert queries.campaign(selfeval).publicity_days == 7

        app.campaign_id = demo  # the 2023 rating: its schools were publicized
        dialog = await _open(pilot, app)
        dialog.query_one("#f-days", Input).value = "9"
        dialog.query_one("#ok", Button).press()
        error = dialog.query_one("#form-error", Static)
        await _until(pilot, lambda: "公示天数不能再改" in str(error.render()), "the refusal in the form")
        assert app.screen is dialog
    assert queries.campaign(demo).publicity_days == 5
