"""Coming back to the dashboard from a school: nothing changed, nothing is counted again and the
cursor stays on the school the officer opened; something changed, the counts and the row show it,
the cursor still on that school."""

from __future__ import annotations

from decimal import Decimal

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.school import SchoolScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN
from workflow.doors.scores import set_score

SIZE = (120, 40)


@run_async
async def test_back_from_a_school_keeps_the_place_and_shows_changes(selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(SchoolTable)
        table.focus()
        await pilot.press("down", "down")
        third = table.current()
        assert third is not None and third.self_total is None
        summary = screen.summary
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert table.cursor == 2 and table.current() == third  # the place kept: no read from the top
        assert screen.summary is summary  # and the counts were not read again: nothing had changed
        set_score(ADMIN, third.assessment_id, "1.1", "6")  # another officer saves meanwhile
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert screen.summary is not summary  # the change is seen on the way back
        shown = table.current()
        assert shown is not None and shown.code == third.code  # still on that school
        assert shown.self_total == Decimal("6")
