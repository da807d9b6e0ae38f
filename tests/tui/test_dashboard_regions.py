"""The dashboard of an officer with a region: its campaign list holds its subtree's campaigns only,
and a campaign of another county asked for at launch is not opened."""

from __future__ import annotations

from textual.widgets import Select

from tests.tui.helpers import run_async, settle
from tests.workflow.region_fixture import build_province
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen, load_campaigns
from tui.widgets.school_table import SchoolTable

SIZE = (120, 40)


@run_async
async def test_a_county_admin_sees_its_own_county_only(db: str) -> None:
    province = build_province()
    mine, other = province.campaigns["410102"], province.campaigns["410202"]
    app = StarCampusApp(province.admin("410102"), campaign_id=other.id)  # another county's, asked for by id
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert screen.campaign_id == mine.id
        # One campaign of its own: no drop-down to pick from (it is built only for two or more), and the
        # list it would offer holds that one alone.
        assert not screen.query("#campaign")
        assert [cid for cid, _text in load_campaigns(app.actor)] == [mine.id]
        table = screen.query_one(SchoolTable)
        assert sorted(r.code for r in table._pages[0]) == ["41010201", "41010202"]
    viewer = StarCampusApp(province.city_viewer)
    async with viewer.run_test(size=SIZE) as pilot:
        await settle(pilot)
        options = viewer.screen.query_one("#campaign", Select)._options  # noqa: SLF001
        shown = {value for _label, value in options if isinstance(value, int)}
        assert shown == {province.campaigns["410102"].id, province.campaigns["410103"].id}  # its two counties
