"""各区划汇总 (tui/screens/regions.py): a city viewer presses Ctrl+G on the dashboard and sees its two
counties with the counts worked out by hand (tests/workflow/region_status_data.py), F2 shows the
year before; Enter on one opens the dashboard on that county's campaign; a county admin is not
offered the screen at all."""

from __future__ import annotations

from textual.widgets import DataTable

from tests.tui.helpers import run_async, settle
from tests.workflow.helpers import JIYUAN_WINDOWS
from tests.workflow.region_fixture import ROOT
from tests.workflow.region_status_data import province_midyear
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.regions import RegionScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.campaigns import create_campaign, enrol

SIZE = (80, 24)


def _cells(table: DataTable[object]) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]


@run_async
async def test_a_city_viewer_sees_its_counties_and_drills_into_one(db: str) -> None:
    province = province_midyear()
    last_year = create_campaign(ROOT, year=2021, region="", region_code="410102", title="中原区2021星级评定",
                                rubric="henan-v2", windows={k: (a.replace("2022", "2021"), b.replace("2022", "2021"))
                                                            for k, (a, b) in JIYUAN_WINDOWS.items()})
    enrol(ROOT, last_year.id)  # its two schools, still enrolled: overdue since 2021-10-15
    app = StarCampusApp(province.city_viewer)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "ctrl+g" in {key for key, _active in app.screen.active_bindings.items()}
        await pilot.press("ctrl+g")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RegionScreen)
        assert "郑州市（4101）2022年" in str(screen.query_one("#regions-title").render())
        table = screen.query_one(DataTable)
        headers = [str(c.label) for c in table.columns.values()]
        rows = _cells(table)
        assert headers[:5] == ["代码", "区划", "学校数", "逾期", "平均核定分"]
        assert [r[:5] for r in rows] == [["410102", "中原区", "2", "1", "85.5"], ["410103", "二七区", "2", "0", "70"],
                                         ["", "合计", "4", "1", "77.8"]]
        assert "已参评 1 · 已核定 1 · 3星 1；逾期 1 所" in str(screen.query_one("#regions-detail").render())
        await pilot.press("f2")  # the year before: 中原区's 2021 campaign only
        await settle(pilot)
        assert "郑州市（4101）2021年" in str(screen.query_one("#regions-title").render())
        assert [r[:4] for r in _cells(table)] == [["410102", "中原区", "2", "2"], ["410103", "二七区", "0", "0"],
                                                  ["", "合计", "2", "2"]]
        await pilot.press("f2")
        await settle(pilot)
        assert "郑州市（4101）2022年" in str(screen.query_one("#regions-title").render())
        await pilot.press("down", "enter")  # 二七区
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert dashboard.campaign_id == province.campaigns["410103"].id
        assert sorted(r.code for r in dashboard.query_one(SchoolTable)._pages[0]) == ["41010301", "41010302"]


@run_async
async def test_a_county_admin_is_not_offered_the_region_screen(db: str) -> None:
    province = province_midyear()
    app = StarCampusApp(province.admin("410102"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "ctrl+g" not in app.screen.active_bindings
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


def _palette_prompts(app: StarCampusApp) -> list[str]:
    from textual.command import CommandList

    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@run_async
async def test_the_palette_offers_the_region_screen_where_ctrl_g_does(db: str) -> None:
    province = province_midyear()
    for actor, offered in ((province.city_viewer, True), (province.admin("410102"), False)):
        app = StarCampusApp(actor)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert any("各区划汇总" in p for p in _palette_prompts(app)) is offered, actor
            if offered:
                entry = next(i for i, p in enumerate(_palette_prompts(app)) if "各区划汇总" in p)
                for _ in range(entry):
                    await pilot.press("down")
                await pilot.press("enter")
                await settle(pilot)
                assert isinstance(app.screen, RegionScreen)
