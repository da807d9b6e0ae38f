"""Issue 16 snapshots: the dashboard with 10-digit national codes and long names, and the audit log,
at 80x24 and 120x40, in Chinese and English (clock pinned).

Regenerate with: .venv/bin/pytest tests/tui/test_snapshots_visible.py --snapshot-update
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.helpers import settle
from tests.tui.test_visible import national  # noqa: F401 - the fixture
from tui.app import StarCampusApp
from workflow.doors.demo import ADMIN
from workflow.i18n import set_language

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(params=["zh", "en"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    set_language(request.param)
    yield str(request.param)
    set_language("zh")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_dashboard_national_codes(snap_compare: Any, national: int, lang: str,  # noqa: F811
                                  size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=national), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_audit_log_in_words(snap_compare: Any, national: int, lang: str,  # noqa: F811
                            size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        # The focused filter's cursor blinks on a timer: held steady, the picture is the same every run.
        from textual.widgets import Input

        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=national), terminal_size=size, run_before=ready)
