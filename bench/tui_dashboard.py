"""Dashboard speed: first paint, filter latency and End at 1k/10k/100k schools, vs a stock DataTable.

    .venv/bin/python -m bench.tui_dashboard [1000 10000 100000]
    .venv/bin/python -m bench.tui_dashboard --db DB [--db DB ...]

Prints a markdown table. Times are wall-clock in a headless Textual app (run_test), so they
include SQL, workers and rendering but not the terminal's own drawing. ``--db`` reads a database
bench/data.py's campaign_db built (a SQLite path or a postgresql:// URL, its password in PGPASSWORD)
instead of building one: the 500,000-school one takes half an hour. The stock DataTable, which
holds every row, is measured up to 100,000 schools only.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import DataTable


def build(path: Path, n: int) -> int:
    from models.db import open_database
    from workflow.doors.campaigns import create_campaign, enrol
    from workflow.doors.demo import ADMIN, WINDOWS
    from workflow.doors.schools import SchoolRow, import_schools
    from workflow.doors.users import add_user

    open_database(str(path))
    add_user(None, ADMIN.name, "admin")
    towns = ["香水镇", "新民乡", "泾河源镇", "兴盛乡", "六盘山镇", "大湾乡", "黄花乡"]
    rows = [SchoolRow(f"64{i:08d}", f"测试学校{i}号", towns[i % len(towns)], "小学", i) for i in range(n)]
    import_schools(ADMIN, rows)
    campaign = create_campaign(ADMIN, year=2023, region="bench", title="bench", rubric="ningxia-2022",
                               windows=dict(WINDOWS))
    enrol(ADMIN, campaign.id)
    return int(campaign.id)


async def until(condition: Callable[[], object], what: str, seconds: float = 60.0) -> None:
    """Poll until `condition` holds; a bench that waits forever tells nobody anything."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"bench.tui_dashboard: no {what} within {seconds:.0f} s")
        await asyncio.sleep(0.0005)


def after(stamps: list[float], moment: float) -> list[float]:
    return [s for s in stamps if s >= moment]


STOCK_MAX = 100_000  # the stock DataTable holds every row: 500,000 of them take minutes and gigabytes


async def ours(campaign_id: int, actor: Any = None) -> tuple[float, float, float, float]:
    from tui.app import StarCampusApp
    from tui.screens.dashboard import DashboardScreen
    from tui.widgets.school_table import PAGE, SchoolTable
    from workflow.doors.demo import ADMIN

    start = time.perf_counter()
    app = StarCampusApp(actor or ADMIN, campaign_id=campaign_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: isinstance(app.screen, DashboardScreen) and app.screen.query_one(SchoolTable).loaded,
                    "the dashboard's first page")
        await pilot.pause()
        first = time.perf_counter() - start
        table = app.screen.query_one(SchoolTable)
        box: Any = app.screen.query_one("#filter")
        # "shown": the new query's first page is in and the table has drawn a line of it (what the
        # officer sees change); "counted": every worker is done, the count and scroll height too.
        # Both moments are stamped where they happen, not when this loop next wakes: on a loaded
        # machine the draw can come before the poll notices the page, and waiting for a later
        # draw would wait forever.
        drawn: list[float] = []
        arrivals: list[float] = []
        pages_in: dict[int, float] = {}  # a later page's start -> when it came (End's last page)
        original_line = table.render_line

        class StampedPages(dict):  # type: ignore[type-arg]
            def __setitem__(self, start: int, rows: Any) -> None:
                pages_in[start] = time.perf_counter()
                super().__setitem__(start, rows)

        def render_line(y: int) -> Any:
            drawn.append(time.perf_counter())
            return original_line(y)

        class Stamped(type(table)):  # type: ignore[misc]
            """The same table, stamping the moment a query's first page replaces the rows (first_page)."""

            @property
            def _pages(self) -> Any:
                return self.__dict__["_pages"]

            @_pages.setter
            def _pages(self, pages: Any) -> None:
                self.__dict__["_pages"] = StampedPages(pages)
                if 0 in pages:
                    arrivals.append(time.perf_counter())

        table.render_line = render_line  # type: ignore[method-assign]
        table.__class__ = Stamped
        shown, counted = [], []
        for text in ("1", "12", "123", "1234", "第9", "城关"):
            t0 = time.perf_counter()
            box.value = text
            await until(partial(after, arrivals, t0), f"the first page for {text!r}")
            arrived = min(after(arrivals, t0))
            await until(partial(after, drawn, arrived), f"a draw after {text!r}")
            shown.append(min(after(drawn, arrived)) - t0)
            await until(lambda: not app.workers._workers, f"the workers for {text!r}")
            counted.append(time.perf_counter() - t0)
        # End on the whole list: the key pressed in the table to a draw after the last page is in
        # (read from the index's far end, not by OFFSET).
        # The whole list's own count, not the last filter's: the box's debounce leaves a moment with no
        # worker running while the total still says 城关's (End then jumped to a stale last row, read
        # by OFFSET, and the bench timed that: 180-290 ms on PostgreSQL at 500,000).
        from workflow.reads import queries

        whole = queries.count_rows(campaign_id, scope=queries.scope_of(actor or ADMIN))
        box.value = ""
        await until(lambda: not app.workers._workers and table.total == whole, "the whole list again")
        table.focus()
        await pilot.pause()
        last = ((table.total - 1) // PAGE) * PAGE
        pages_in.clear()
        t0 = time.perf_counter()
        await pilot.press("end")
        await until(lambda: last in pages_in, "the last page after End")
        arrived = pages_in[last]
        await until(partial(after, drawn, arrived), "a draw after End")
        end = min(after(drawn, arrived)) - t0
    return first, sum(shown) / len(shown), sum(counted) / len(counted), end


class Stock(App[None]):
    def __init__(self, campaign_id: int) -> None:
        super().__init__()
        self.campaign_id = campaign_id

    def compose(self) -> ComposeResult:
        yield DataTable()

    def on_mount(self) -> None:
        from workflow.reads import queries

        table = self.query_one(DataTable)
        table.add_columns("代码", "学校", "乡镇", "状态", "自评", "核定", "星级", "最近变更")
        rows = queries.school_rows(self.campaign_id, limit=10**7)
        table.add_rows([(r.code, r.name, r.township, r.state, "-", "-", "-", r.updated_at) for r in rows])


async def stock(campaign_id: int) -> float:
    start = time.perf_counter()
    app = Stock(campaign_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.query_one(DataTable).render_lines  # noqa: B018 - make sure it was laid out
        await pilot.pause()
    return time.perf_counter() - start


def prebuilt(target: str) -> tuple[int, int, Any]:
    """(campaign id, schools, its admin) of a campaign_db database, opened."""
    from models.db import database, open_database
    from workflow.permissions import Actor

    open_database(target)
    schools = int(database.execute_sql("SELECT COUNT(*) FROM school").fetchone()[0])
    return 1, schools, Actor("bench-admin", "admin")


def main(argv: list[str]) -> None:
    from models.db import close_database

    given = [argv[i + 1] for i, arg in enumerate(argv) if arg == "--db" and i + 1 < len(argv)]
    sizes = [int(a) for a in argv if a.isdigit()] or ([] if given else [1000, 10000, 100000])
    lines = ["| schools | backend | first paint (ours) | filter keystroke: rows shown | filter keystroke: count in | "
             "End | first paint (stock DataTable) | stock / ours |",
             "|---:|---|---:|---:|---:|---:|---:|---:|"]

    def measure(cid: int, n: int, backend: str, actor: Any = None) -> None:
        first, shown, counted, end = asyncio.run(ours(cid, actor))
        stock_first = asyncio.run(stock(cid)) if n <= STOCK_MAX else None
        close_database()
        lines.append(f"| {n:,} | {backend} | {first * 1000:.0f} ms | {shown * 1000:.1f} ms | {counted * 1000:.1f} ms | "
                     f"{end * 1000:.1f} ms | "
                     + (f"{stock_first * 1000:.0f} ms | {stock_first / first:.1f}x |" if stock_first else "— | — |"))

    for target in given:
        cid, n, actor = prebuilt(target)
        measure(cid, n, "PostgreSQL" if "://" in target else "SQLite", actor)
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            measure(build(Path(tmp) / f"bench-{n}.sqlite3", n), n, "SQLite")
    print("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1:])
