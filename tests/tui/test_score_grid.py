"""The score grid (issue 13): every school's leaves of one kind, entered in place like a spreadsheet."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual import events

from tests.tui.helpers import run_async, settle
from tests.tui.test_visible import footer_line, screen_text
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.score_grid import ScoreGridScreen
from tui.widgets.score_grid import HEADER, ScoreGrid
from workflow.doors.demo import ADMIN
from workflow.doors.sheet_entry import save_leaf
from workflow.i18n import set_language
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.score_grid import (
    default_kind,
    grid_count,
    grid_layout,
    grid_position,
    grid_rows,
    kinds_for,
)

SIZE = (120, 30)


def _notes(app: StarCampusApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def _line(grid: ScoreGrid, index: int) -> str:
    """What the screen shows for the school at ``index`` (the view starts at the top)."""
    return grid.render_line(HEADER + index).text


def _status(screen: ScoreGridScreen) -> str:
    return str(screen.query_one("#grid-status").render())


@run_async
async def test_the_grid_moves_saves_refuses_a_bad_value_and_a_conflict(selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoreGridScreen)
        grid = screen.grid
        assert grid.kind == "self"  # an admin in the self-evaluation phase
        assert grid.total == 3 and grid.grid_layout is not None
        leaves = [leaf.code for leaf in grid.grid_layout.leaves]
        assert leaves[0] in grid.render_line(0).text  # the header: leaf codes

        # Arrows, Tab and Shift+Tab move the cursor; Home/End go to the first and last leaf.
        await pilot.press("right", "right", "tab", "shift+tab", "down", "down", "up")
        assert (grid.row, grid.col) == (1, 2)
        await pilot.press("end")
        assert grid.col == len(leaves) - 1 and grid.left > 0  # the columns scrolled
        assert leaves[-1] in grid.render_line(0).text and leaves[0] not in grid.render_line(0).text
        assert "640424" in _line(grid, 1)  # the code column stays
        await pilot.press("home", "up")
        assert (grid.row, grid.col) == (0, 0)

        # Type a value, Enter: stored through the door, the total on screen, the cursor one down.
        first = grid.current()
        assert first is not None
        await pilot.press("2", "enter")
        await settle(pilot)
        assert queries.detail(first.assessment_id).self_scores[leaves[0]].value == Decimal(2)
        assert grid.row == 1
        assert _line(grid, 0).split()[2] == "2"  # the row's total column
        saved = grid.row_at(0)
        assert saved is not None and saved.total == Decimal(2) and saved.version > first.version

        # A value above the leaf's maximum: refused in place naming the leaf, nothing stored.
        second = grid.current()
        assert second is not None
        before = set(queries.detail(second.assessment_id).self_scores)
        await pilot.press("9", "9", "enter")
        await settle(pilot)
        assert grid.row == 1 and grid.editing == "99"  # still on the refused cell
        assert leaves[0] in _status(screen) and "99" in _line(grid, 1)
        assert set(queries.detail(second.assessment_id).self_scores) == before
        await pilot.press("escape")
        assert grid.editing is None and isinstance(app.screen, ScoreGridScreen)

        # F2 edits the stored value; the school saved meanwhile elsewhere with the grid's version:
        # the grid's save is refused with the conflict message, the other save kept.
        await pilot.press("up", "f2")
        assert grid.editing == "2"
        await pilot.press("escape", "down", "down")
        third = grid.current()
        assert third is not None
        save_leaf(ADMIN, third.assessment_id, leaves[0], "1", kind="self", expected_version=third.version)
        await pilot.press("3", "enter")
        await settle(pilot)
        assert any("保存被拒绝" in note for note in _notes(app))
        assert queries.detail(third.assessment_id).self_scores[leaves[0]].value == Decimal(1)
        again = grid.row_at(2)  # read again after the conflict: the other save is shown
        assert again is not None and again.values[leaves[0]] == Decimal(1)

        # F3 shows the verified scores instead; none can be entered while the schools self-evaluate.
        await pilot.press("f3")
        await settle(pilot)
        assert grid.kind == "verified" and "核定分" in grid.render_line(0).text
        assert _line(grid, 0).split()[2] == "-"
        await pilot.press("1")
        assert grid.editing is None and "不能录入核定分" in _status(screen)

        # Esc goes back to the dashboard, whose command palette offers the grid too.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert "评分总表" in [command.title for command in app.get_system_commands(app.screen)]


@pytest.mark.both_backends  # the page is read on the raw cursor: each backend hands back its own types
def test_a_school_user_reads_only_its_own_row(selfeval: int) -> None:
    actor = Actor("school-user", "school", "640424007")
    layout = grid_layout(actor, selfeval)
    assert grid_count(actor, layout.round_id) == 1
    assert [row.code for row in grid_rows(actor, layout.round_id, "self")] == ["640424007"]
    assert kinds_for(actor) == ("self",)
    save_leaf(ADMIN, grid_rows(actor, layout.round_id, "self")[0].assessment_id, "1.2", "2.5", kind="self",
              expected_version=None)
    admin_rows = grid_rows(ADMIN, layout.round_id, "self", offset=1, limit=1)
    assert [(row.code, row.values, row.total) for row in admin_rows] == [("640424007", {"1.2": Decimal("2.5")},
                                                                         Decimal("2.5"))]
    both = grid_rows(ADMIN, layout.round_id, "both", offset=1, limit=1)  # verified, self beside it
    assert [(row.values, row.total, row.self_values, row.self_total) for row in both] == [
        ({}, None, {"1.2": Decimal("2.5")}, Decimal("2.5"))]
    aid = both[0].assessment_id
    assert grid_position(ADMIN, layout.round_id, aid) == (1, "640424007")  # its row for a draft restored
    assert grid_position(actor, layout.round_id, aid) == (0, "640424007")  # the school's own grid: one row
    assert grid_position(actor, layout.round_id, admin_rows[0].assessment_id + 10_000) is None


@run_async
async def test_a_paste_fills_down_and_across_or_nothing(selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoreGridScreen)
        grid = screen.grid
        assert grid.grid_layout is not None
        leaves = [leaf.code for leaf in grid.grid_layout.leaves]
        rows = [grid.row_at(i) for i in range(3)]
        assert all(rows)

        # One bad cell (above its maximum) in the last line: nothing of the paste is stored.
        grid.post_message(events.Paste("1\t1\n1\t1\n1\t99\n"))
        await settle(pilot)
        assert all(queries.detail(r.assessment_id).self_scores == {} for r in rows if r)
        assert leaves[1] in _status(screen)

        # 3 lines x 4 cells (as copied from Excel, CRLF): each school's four leaves, one door call per school.
        audit_before = len(queries.audit_events(limit=1_000_000))
        grid.post_message(events.Paste("1\t0.5\t1\t1\r\n2\t1\t0\t2\r\n0\t1.5\t1\t0\r\n"))
        await settle(pilot)
        stored = [queries.detail(r.assessment_id).self_scores for r in rows if r]
        assert [[s[code].value for code in leaves[:4]] for s in stored] == [
            [Decimal(1), Decimal("0.5"), Decimal(1), Decimal(1)], [Decimal(2), Decimal(1), Decimal(0), Decimal(2)],
            [Decimal(0), Decimal("1.5"), Decimal(1), Decimal(0)]]
        assert len(queries.audit_events(limit=1_000_000)) == audit_before + 3  # one record per school
        assert any("12" in note for note in _notes(app))
        shown = grid.row_at(1)
        assert shown is not None and shown.total == Decimal(5) and _line(grid, 1).split()[2] == "5"


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_f6_is_in_the_help_and_the_grid_footer_fits_80_columns(selfeval: int, lang: str) -> None:
    set_language(lang)
    try:
        app = StarCampusApp(ADMIN, campaign_id=selfeval)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-text").render())
            assert "dashboard.grid" in text and ("评分总表" if lang == "zh" else "Score grid") in text
            await pilot.press("escape", "f6")
            await settle(pilot)
            assert isinstance(app.screen, ScoreGridScreen)
            footer = footer_line(screen_text(app))
            assert "f3" in footer and ("f10 退出" if lang == "zh" else "f10 Quit") in footer, footer
    finally:
        set_language("zh")


def test_the_grid_opens_on_the_kind_the_role_enters() -> None:
    assert default_kind(Actor("e", "expert"), "self_evaluation") == "verified"
    assert default_kind(Actor("s", "school", "640424007"), "verification") == "self"
    assert [default_kind(ADMIN, phase) for phase in ("self_evaluation", "verification")] == ["self", "verified"]
