"""The dashboard's campaign picker: with two campaigns it lists the two, and nothing else. A campaign is
always open, so the empty line (Textual's "blank" choice, drawn as the dim prompt "评定工作") offered
nothing to pick and, picked, left the open campaign unnamed above its own list."""

from __future__ import annotations

from textual.widgets import Select
from textual.widgets._select import SelectOverlay

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from workflow.doors.demo import ADMIN

SIZE = (120, 40)


def _lines(select: Select[int]) -> list[str]:
    overlay = select.query_one(SelectOverlay)
    return [str(overlay.get_option_at_index(i).prompt) for i in range(overlay.option_count)]


@run_async
async def test_the_picker_lists_the_campaigns_and_no_blank_line(demo: int, selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        select = screen.query_one("#campaign", Select)
        wanted = ["2024 泾源县2024年智慧校园星级评定", "2023 泾源县2023年“互联网+教育”智慧校园星级评定"]
        assert sorted(_lines(select)) == sorted(wanted)
        assert select.value == selfeval
        await pilot.press("f5")  # read again: the options are set anew, the open campaign stays picked
        await settle(pilot)
        assert sorted(_lines(select)) == sorted(wanted)
        assert select.value == selfeval
        assert screen.campaign_id == selfeval
        # Opened and moved to the top: the first line is a campaign, and Up from the open one picks no blank.
        select.focus()
        await pilot.press("enter")
        await pilot.press("up", "up", "enter")
        await settle(pilot)
        assert select.value in {demo, selfeval}
        assert screen.campaign_id == select.value
