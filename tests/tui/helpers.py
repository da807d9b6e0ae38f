"""Waiting for the app's thread workers without sleeping blind."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from textual.pilot import Pilot


async def settle(pilot: Pilot[Any], rounds: int = 6) -> None:
    """Let workers finish and their messages be handled, a few rounds deep."""
    for _ in range(rounds):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def run_async(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test body with asyncio.run (no asyncio pytest plugin needed)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


def assessment_id(campaign_id: int, code: str) -> int:
    """The school's assessment in the campaign (its newest round)."""
    from workflow.reads import queries

    row = queries.find_assessment(campaign_id, code)
    assert row is not None, f"no assessment of {code} in campaign {campaign_id}"
    return int(row.id)


async def open_school(pilot: Pilot[Any], app: Any, aid: int) -> Any:
    """Open a school's screen as the dashboard's Enter does and wait for it; the SchoolScreen."""
    from tui.screens.school import SchoolScreen

    await settle(pilot)
    app.open_school(aid)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SchoolScreen), f"the school screen, not {screen!r}"
    return screen
