"""The command palette offers the dashboard's marks and batch event by name (issue 13): 全选当前显示的学校
marks every school the filter shows (Ctrl+A), and the batch entry opens the event picker (Ctrl+E)."""

from __future__ import annotations

from textual.command import CommandList, CommandPalette
from textual.widgets import Input

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.dialogs.batch import EventPickDialog
from tui.screens.score_grid import ScoreGridScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZE = (120, 40)


async def _run_command(pilot, app: StarCampusApp, typed: str, title: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+P, part of the command's name typed, Enter once ``title`` is the first match."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert CommandPalette.is_open(app)  # type: ignore[arg-type]
    await pilot.press(*typed)
    for _ in range(40):  # the palette searches as a worker: wait for the command to be listed
        await settle(pilot, 2)
        options = app.screen.query_one(CommandList)
        if options.option_count and title in str(options.get_option_at_index(0).prompt):
            break
    else:
        raise AssertionError(f"the palette never listed {title!r} first for {typed!r}")
    await pilot.press("enter")
    await settle(pilot)


def _titles(app: StarCampusApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


@run_async
async def test_palette_marks_all_shown_after_a_filter_then_opens_the_batch_event(selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(SchoolTable)
        screen.query_one("#filter", Input).focus()
        await pilot.press(*"小学")
        await settle(pilot)
        shown = {row.assessment_id for row in queries.school_rows(selfeval, text="小学", limit=100)}
        assert table.total == len(shown) and 0 < len(shown) < 3  # the filter hides a school

        await _run_command(pilot, app, "全选", "全选当前显示的学校")
        assert app.screen is screen and set(table.marked) == shown  # just the schools shown
        assert f"已标记{len(shown)}所" in str(screen.query_one("#count").render())

        await _run_command(pilot, app, "批量", "对已标记的学校批量操作")
        assert isinstance(app.screen, EventPickDialog)  # as Ctrl+E: the events the marked schools offer
        await pilot.press("escape")
        await settle(pilot)

        # The score grid has no marks: neither command is offered there.
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ScoreGridScreen)
        assert not {"全选当前显示的学校", "对已标记的学校批量操作"} & set(_titles(app))
