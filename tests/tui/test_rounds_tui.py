"""This year's review in the TUI: the dashboard shows the round and measures today against the
review's own window; a school's history tab has one row per round, the raw audit trail below."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from textual.widgets import Static

from tests.demo_copy import load_demo
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.school import SchoolScreen
from tui.widgets.fit_table import FitTable
from tui.widgets.school_table import SchoolTable
from tui.widgets.timeline import Timeline
from workflow import clock
from workflow.doors.demo import ADMIN
from workflow.reads import queries

DAY = datetime(2026, 12, 1, 9, tzinfo=timezone(timedelta(hours=8)))


@pytest.mark.both_backends
@run_async
async def test_the_review_round_on_the_dashboard_and_in_history(db: str) -> None:
    clock.pin(DAY)
    try:
        campaign_id = load_demo()  # with this year's review, as `starcampus demo load` makes it
        clock.pin(DAY)
        app = StarCampusApp(ADMIN, campaign_id=campaign_id)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            title = str(app.screen.query_one("#title", Static).render())
            assert "2026年 年度复核" in title
            timeline = str(app.screen.query_one(Timeline).render())
            assert "逾期" not in timeline  # the review's window (2026), not the campaign's 2023 dates
            table = app.screen.query_one(SchoolTable)
            assert {r.code for r in table._pages[0]} == {"640424001", "640424002", "640424006", "640424007",
                                                       "640424010"}
            row = queries.find_assessment(campaign_id, "640424010")
            assert row is not None
            app.push_screen(SchoolScreen(int(row.id)))
            await settle(pilot)
            await pilot.press("f6")
            await settle(pilot)
            rounds = app.screen.query_one("#rounds-table", FitTable)
            lines = [" ".join(v for _t, v in rounds.full_text(i)) for i in range(rounds.row_count)]
            assert len(lines) == 2
            assert "2023" in lines[0] and "初评" in lines[0] and "初评认定" in lines[0]
            assert "2026" in lines[1] and "年度复核" in lines[1] and "晋级" in lines[1] and "三星级" in lines[1]
            assert app.screen.query_one("#history-table", FitTable).row_count > 0  # the raw trail below
    finally:
        clock.pin(None)


@run_async
async def test_the_export_offers_a_file_named_for_the_round_it_writes(db: str) -> None:
    # Trial, session 8: F7 on the demo offered "泾源县2023年…-通报.docx" for the 2026 review's notice, and
    # next year's export would have replaced it.
    from textual.widgets import Input

    from tui.screens.export import ExportDialog

    clock.pin(DAY)
    try:
        campaign_id = load_demo()
        clock.pin(DAY)
        app = StarCampusApp(ADMIN, campaign_id=campaign_id)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("f7")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            path = dialog.query_one("#x-path", Input).value
            assert path.endswith("-2026年度通报.docx") and "2023年" in path, path
    finally:
        clock.pin(None)
