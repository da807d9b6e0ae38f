"""F10 the moment the list appears: the dashboard's drop-downs are mounted after the first rows, so
an officer may quit while they are still being mounted. With textual's own Select that ended the
app with a traceback (seen in CI: NoMatches 'SelectOverlay'); the dashboard's LateSelect ends
cleanly."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Select

from tests.tui.helpers import run_async
from tui.widgets.late_select import LateSelect


class QuitWhileMounting(App[None]):
    """Mounts a drop-down and quits in the same step, the way F10 lands during the dashboard's
    late mount."""

    def __init__(self, kind: type[Select[Any]]) -> None:
        super().__init__()
        self.kind = kind

    def compose(self) -> ComposeResult:
        yield Horizontal(id="filters")

    def on_mount(self) -> None:
        self.query_one("#filters").mount(self.kind([("已核定", "verified")], prompt="状态", id="state"))
        self.exit()


async def _quit_while_mounting(kind: type[Select[Any]]) -> None:
    app = QuitWhileMounting(kind)
    async with app.run_test():
        await asyncio.wait_for(asyncio.shield(app._task), timeout=60)  # ends by itself, or fails here
    assert app.return_code == 0


@run_async
async def test_the_dashboards_drop_down_quits_cleanly_while_mounting() -> None:
    await _quit_while_mounting(LateSelect)


@run_async
async def test_textuals_own_select_still_crashes_there() -> None:
    # When a textual upgrade makes this pass, LateSelect is no longer needed.
    with pytest.raises(Exception, match="SelectOverlay"):
        await _quit_while_mounting(Select)
