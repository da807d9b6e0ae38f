"""A cell of the score grid being typed when the SSH link drops is kept as that school's draft (issue 13),
the file the school sheet keeps (tui/drafts.py): the next login offers it, and so does the grid when
it opens again, restoring the text into its cell, still to be saved with Enter."""

from __future__ import annotations

import os
import signal
from decimal import Decimal

from textual.widgets import Button

from tests.tui.helpers import run_async, settle
from tui import drafts
from tui.app import StarCampusApp
from tui.screens.dialogs import DraftDialog
from tui.screens.score_grid import ScoreGridScreen
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZE = (120, 30)


@run_async
async def test_a_cell_typed_at_hangup_is_a_draft_offered_at_login_and_restored_in_the_grid(selfeval: int) -> None:
    audit_before = len(queries.audit_events(limit=1_000_000))
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoreGridScreen) and app._sighup_installed
        grid = screen.grid
        await pilot.press("down", "right")
        row, code = grid.current(), grid.current_code()
        assert row is not None and code is not None
        await pilot.press("1", ".", "５")  # typed, not Entered
        assert grid.editing == "1.５"
        os.kill(os.getpid(), signal.SIGHUP)  # the SSH connection drops
        await pilot.pause(0.2)
    assert app.hung_up and app.return_code == 128 + signal.SIGHUP
    assert queries.detail(row.assessment_id).self_scores == {}  # nothing stored
    assert len(queries.audit_events(limit=1_000_000)) == audit_before
    draft = drafts.load_draft(ADMIN.name, selfeval, row.assessment_id)
    assert draft is not None and draft.entries == {code: "1.５"} and draft.kind == "self"
    assert draft.school_code == row.code and draft.reason == "hangup"

    # The next login offers it (the school sheet's way: restored there into the sheet's field); decided
    # later, opening the grid offers it again, and restored there it is back in its cell, being typed.
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DraftDialog)
        assert row.name in dialog.body() and f"{code}  1.５" in dialog.body()
        await pilot.press("escape")  # later
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        offered = app.screen
        assert isinstance(offered, DraftDialog) and f"{code}  1.５" in offered.body()
        offered.query_one("#restore", Button).press()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoreGridScreen)
        grid = screen.grid
        assert (grid.row, grid.current_code(), grid.editing) == (1, code, "1.５")
        assert queries.detail(row.assessment_id).self_scores == {}  # restored, not applied
        await pilot.press("enter")
        await settle(pilot)
        assert queries.detail(row.assessment_id).self_scores[code].value == Decimal("1.5")
    assert drafts.load_draft(ADMIN.name, selfeval, row.assessment_id) is None
