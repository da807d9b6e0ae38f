"""A launch draws the dashboard's first rows before anything that grows with the campaign (issue 14).

The launch's own read (tui/dashboard_reads.py, made before the app runs) is in the first frame, read
by no worker; the counts per state and star, the township list and the list's own count are read once
the first rows are drawn (tui/first_rows.py), and still fill the bars, the count line and the
drop-downs; a full first page is drawn without waiting for its count.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static

import tui.screens.dashboard as dashboard_module
import tui.widgets.school_table as school_table_module
from tests.tui.helpers import run_async, settle
from tui import gc_hold
from tui.app import StarCampusApp
from tui.dashboard_reads import read_launch
from tui.screens.dashboard import DashboardScreen
from tui.widgets.bars import Bars
from tui.widgets.school_table import SchoolTable
from workflow.doors.campaigns import create_campaign, enrol
from workflow.doors.demo import ADMIN
from workflow.doors.schools import SchoolRow, import_schools
from workflow.reads import queries

SIZE = (120, 40)
WINDOWS_2025 = {"mobilization": ("2025-05-06", "2025-05-31"), "self_evaluation": ("2025-06-01", "2025-06-30"),
                "verification": ("2025-07-01", "2025-07-15"), "promotion": ("2025-07-16", "2025-12-31")}
COUNT_WAIT_SECONDS = 20.0  # the count held back below is let go by the test long before this


def _calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, seen: list[Any],
           what: Callable[[], Any] = lambda: True) -> None:
    """Every call of ``owner.name`` notes ``what()`` in ``seen``, then runs as before."""
    original = getattr(owner, name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        seen.append(what())
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, noted)


async def _first_rows(pilot: Pilot[Any], table: SchoolTable) -> None:
    for _ in range(400):  # bounded: messages handled, no sleep
        if table.loaded:
            return
        await pilot.pause()
    raise AssertionError("the first page never arrived")


def _line(table: SchoolTable, y: int) -> str:
    return "".join(segment.text for segment in table.render_line(y))


@run_async
async def test_the_launchs_read_is_the_first_frame_and_the_summary_follows(
        demo: int, monkeypatch: pytest.MonkeyPatch) -> None:
    found = read_launch(ADMIN, demo)
    assert found is not None and found.campaign_id == demo and found.rows
    campaign_reads: list[Any] = []
    page_reads: list[Any] = []
    _calls(monkeypatch, dashboard_module, "load_campaigns", campaign_reads)
    _calls(monkeypatch, school_table_module, "page_rows", page_reads)
    app = StarCampusApp(ADMIN, campaign_id=demo, launch=found)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(SchoolTable)
        assert table.loaded and table.row_at(0) == found.rows[0]  # shown at mount, before any worker ran
        assert "泾源县2023年" in str(screen.query_one("#title", Static).render())  # the heading too
        await settle(pilot)
        assert campaign_reads == [] and page_reads == []  # the launch's read was not read again
        summary = screen.summary
        assert summary is not None and summary.townships  # the counts came after the first rows
        assert "各状态学校数" in str(screen.query_one("#state-bars", Bars).render())
        town = screen.query_one("#township", Select)
        assert [value for _text, value in town._options if isinstance(value, str)] == summary.townships  # noqa: SLF001
        assert "共13所学校" in str(screen.query_one("#count", Static).render())
        await pilot.press("f5")  # read again in the workers, as any later opening
        await settle(pilot)
        assert page_reads


@run_async
async def test_the_counts_wait_for_the_first_rows(demo: int, monkeypatch: pytest.MonkeyPatch) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)  # no launch read: the dashboard reads in its workers
    counted_after: list[bool] = []
    summed_after: list[bool] = []
    _calls(monkeypatch, queries, "count_rows", counted_after, lambda: app.first_rows.is_drawn)
    _calls(monkeypatch, dashboard_module, "load_summary", summed_after,
           lambda: app.first_rows.is_drawn)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert counted_after == [True] and summed_after == [True]
        assert screen.summary is not None and "泾源县2023年" in str(screen.query_one("#title", Static).render())


@run_async
async def test_a_full_first_page_is_drawn_before_its_count(demo: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import_schools(ADMIN, [SchoolRow(f"T{i:04d}", f"测试{i}校", "测试镇", "小学", 1000 + i) for i in range(150)],
                   source="test")
    many = create_campaign(ADMIN, year=2025, region="泾源县", title="泾源县2025年智慧校园星级评定",
                           rubric="ningxia-2022", windows=dict(WINDOWS_2025))
    enrol(ADMIN, many.id)
    held = threading.Event()
    original = queries.count_rows

    def slow_count(*args: Any, **kwargs: Any) -> int:
        held.wait(COUNT_WAIT_SECONDS)  # until the rows were looked at
        return original(*args, **kwargs)

    monkeypatch.setattr(queries, "count_rows", slow_count)
    app = StarCampusApp(ADMIN, campaign_id=int(many.id))
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            table = screen.query_one(SchoolTable)
            await _first_rows(pilot, table)
            await pilot.pause()
            first = table.row_at(0)
            assert first is not None
            assert first.code in _line(table, 1)  # drawn while the count is still being read
            assert not table._total_known
            held.set()
            await settle(pilot)
            assert table.total == 163  # the demo's 13 and these 150
    finally:
        held.set()


@run_async
async def test_the_first_rows_count_as_shown_after_a_frame_that_was_written(
        demo: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the launch's read the dashboard's first frame is drawn inside Textual's start-up batch, which
    writes none of it: the screen is painted again after the batch, and only then do the rows count as
    shown (the counts, the filters and the collector wait for that, tui/app.py). Before, they ran first
    and the rows reached the terminal after them, in pieces (issue 14)."""
    found = read_launch(ADMIN, demo)
    app = StarCampusApp(ADMIN, campaign_id=demo, launch=found)
    displays: list[tuple[bool, bool]] = []  # (inside a batch, something to draw), one per display
    shown_after: list[int] = []  # how many displays there had been when the rows counted as shown
    display = StarCampusApp._display

    def noted_display(self: StarCampusApp, screen: Any, renderable: Any) -> None:
        displays.append((bool(self._batch_count), renderable is not None))  # noqa: SLF001
        display(self, screen, renderable)

    monkeypatch.setattr(StarCampusApp, "_display", noted_display)
    release = gc_hold.release  # called the moment the first rows count as drawn (tui/widgets/school_table.py)

    def noted_release() -> None:
        if not shown_after:
            shown_after.append(len(displays))
        release()

    monkeypatch.setattr(gc_hold, "release", noted_release)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_after, "the rows never counted as shown"
        before = displays[:shown_after[0]]
        assert (True, True) in before  # the launch's first frame was drawn inside the start-up batch
        last_withheld = max(i for i, (batched, _) in enumerate(before) if batched)
        assert (False, True) in before[last_withheld + 1:], displays  # and painted again before the rows counted
        assert not app.frame_withheld
