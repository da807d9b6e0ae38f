"""Score grid speed: first paint, a cursor move and a save at 1,000 schools x 48 leaves (henan-v2);
then the both view (F3: self beside verified, two cells a leaf): its paint and a cursor move.

    .venv/bin/python -m bench.score_grid [1000 ...]

Prints one JSON object per size. Times are wall-clock in a headless Textual app (run_test): SQL,
workers and rendering, not the terminal's own drawing. Every wait is bounded and says what it
waited for.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUBRIC = "henan-v2"  # 48 leaves (5 of them bonus items); ningxia-2022 has 22


async def until(condition: Callable[[], object], what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"bench.score_grid: no {what} within {seconds:.0f} s")
        await asyncio.sleep(0.0005)


def after(stamps: list[float], moment: float) -> list[float]:
    return [s for s in stamps if s >= moment]


async def measure(campaign_id: int, moves: int = 20) -> dict[str, Any]:
    from tui.app import StarCampusApp
    from tui.screens.dashboard import DashboardScreen
    from tui.screens.score_grid import ScoreGridScreen
    from tui.widgets.school_table import SchoolTable
    from tui.widgets.score_grid import HEADER, PAGE, ScoreGrid
    from workflow.permissions import Actor

    actor = Actor("bench-admin", "admin")
    app = StarCampusApp(actor, campaign_id=campaign_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await until(lambda: isinstance(app.screen, DashboardScreen) and app.screen.query_one(SchoolTable).loaded,
                    "dashboard")
        screen = ScoreGridScreen(campaign_id)
        grid: ScoreGrid = screen.grid
        drawn: list[float] = []  # a school's line drawn once the grid's rows are in
        original = grid.render_line

        last_drawn: list[float] = []  # the last school's own line drawn, its page in
        both_drawn: list[float] = []  # a school's line of the both view drawn, its page in

        def render_line(y: int) -> Any:
            if y >= HEADER and grid.loaded:
                now = time.perf_counter()
                drawn.append(now)
                index = int(grid.scroll_offset.y) + y - HEADER
                page_in = (index // PAGE) * PAGE in grid._pages
                if index == grid.total - 1 and page_in:
                    last_drawn.append(now)
                if grid.kind == "both" and page_in:
                    both_drawn.append(now)
            return original(y)

        grid.render_line = render_line  # type: ignore[method-assign]
        t0 = time.perf_counter()
        app.push_screen(screen)
        await until(lambda: drawn, "first paint of the grid")
        first = drawn[0] - t0
        await pilot.pause()
        leaves = len(grid.grid_layout.leaves) if grid.grid_layout else 0

        async def move(key: str) -> float:
            start = time.perf_counter()
            await pilot.press(key)
            await until(lambda: after(drawn, start), f"a draw after {key}")
            return min(after(drawn, start)) - start

        steps = ["down"] * (moves // 2) + ["right"] * (moves - moves // 2)  # right crosses the visible columns
        times = [await move(key) for key in steps]
        jumps = {key: await move(key) for key in ("end", "pagedown")}
        # Ctrl+End: the first draw (the last page's lines may still read "...") and the draw of its rows.
        start = time.perf_counter()
        jumps["ctrl+end"] = await move("ctrl+end")
        assert grid.grid_layout is not None and grid.row == grid.total - 1
        await until(lambda: after(last_drawn, start), "a draw of the last school's line")
        last_rows = min(after(last_drawn, start)) - start

        # Saves: type a value in the last school's first leaves, move on; from the cell's commit (its
        # value checked, handed to the queue) to the first draw after the door's answer was applied.
        # The first save of a session is reported apart (the door's first write warms its caches).
        committed: list[float] = []
        applied: list[float] = []
        commit, apply_saved = grid.commit, grid.apply_saved

        def stamped_commit() -> bool:
            if grid.editing is not None:
                committed.append(time.perf_counter())
            return commit()

        def stamped_apply(*args: Any) -> None:
            apply_saved(*args)
            applied.append(time.perf_counter())

        grid.commit = stamped_commit  # type: ignore[method-assign]
        grid.apply_saved = stamped_apply  # type: ignore[method-assign,assignment]
        await pilot.press("home")
        saves = []
        for _ in range(4):
            await pilot.press("1", "right")
            await until(lambda: not grid.pending and not screen._busy(), "the save's answer")
            await until(lambda: after(drawn, applied[-1]), "a draw of the saved cell")
            saves.append(min(after(drawn, applied[-1])) - committed[-1])

        # The both view: F3 until it shows (self -> verified -> both), from the key to its rows drawn.
        for _ in range(3):
            if grid.kind == "both":
                break
            start = time.perf_counter()
            await pilot.press("f3")
        await until(lambda: grid.kind == "both" and after(both_drawn, start), "the both view's rows drawn")
        both_paint = min(after(both_drawn, start)) - start
        await pilot.press("ctrl+home", "home")
        both_times = [await move(key) for key in steps]
    return {"schools": grid.total, "leaves": leaves, "rubric": RUBRIC,
            "first_paint_ms": round(first * 1000, 1),
            "cursor_move_ms_mean": round(statistics.mean(times) * 1000, 2),
            "cursor_move_ms_max": round(max(times) * 1000, 2),
            "end_ms": round(jumps["end"] * 1000, 2), "pagedown_ms": round(jumps["pagedown"] * 1000, 2),
            "last_school_ms": round(jumps["ctrl+end"] * 1000, 2), "last_school_rows_ms": round(last_rows * 1000, 2),
            "first_save_ms": round(saves[0] * 1000, 1), "save_ms": round(statistics.mean(saves[1:]) * 1000, 1),
            "both_paint_ms": round(both_paint * 1000, 1),
            "both_move_ms_mean": round(statistics.mean(both_times) * 1000, 2),
            "both_move_ms_max": round(max(both_times) * 1000, 2)}


def page_read(campaign_id: int, kind: str = "verified") -> float:
    """One page of 100 schools' ``kind`` scores ("both": self and verified), read directly (the worker's query)."""
    from workflow.permissions import Actor
    from workflow.reads.score_grid import grid_layout, grid_rows

    actor = Actor("bench-admin", "admin")
    layout = grid_layout(actor, campaign_id)
    start = time.perf_counter()
    for _ in range(5):
        grid_rows(actor, layout.round_id, kind, offset=400, limit=100)
    return (time.perf_counter() - start) / 5


def run(sizes: list[int]) -> list[dict[str, Any]]:
    """One result per size (for bench/run.py to hook): a fresh SQLite database each, in the verifying state."""
    from bench.data import campaign_db
    from models.db import close_database

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            campaign_id = campaign_db(Path(tmp) / f"grid-{n}.sqlite3", n, rubric_id=RUBRIC, state="verifying")
            numbers = asyncio.run(measure(campaign_id))
            numbers["page_read_ms"] = round(page_read(campaign_id) * 1000, 2)
            numbers["both_page_read_ms"] = round(page_read(campaign_id, "both") * 1000, 2)
            close_database()
            results.append(numbers)
    return results


def main(argv: list[str]) -> None:
    for numbers in run([int(a) for a in argv] or [1000]):
        print(json.dumps(numbers))


if __name__ == "__main__":
    main(sys.argv[1:])
