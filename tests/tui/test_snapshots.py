"""SVG snapshots of the dashboard and the school detail at 80x24 and 120x40 (clock pinned).

Regenerate with: .venv/bin/pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.helpers import settle
from tui.app import StarCampusApp
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZES = [(80, 24), (120, 40)]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_dashboard(snap_compare: Any, demo: int, size: tuple[int, int]) -> None:
    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=demo), terminal_size=size, run_before=ready)


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "120x40"])
def test_school_detail(snap_compare: Any, demo: int, size: tuple[int, int]) -> None:
    row = queries.find_assessment(demo, "640424002")  # in the demo's current round (its 2024 review)
    assert row is not None
    aid = int(row.id)

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_school(aid)  # type: ignore[attr-defined]
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=demo), terminal_size=size, run_before=ready)


def test_export_dialog(snap_compare: Any, demo: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STARCAMPUS_EXPORT_DIR", "/srv/exports")  # a fixed path for a stable picture

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=demo), terminal_size=(80, 24), run_before=ready)


def test_school_problems_tab(snap_compare: Any, demo: int) -> None:
    row = queries.find_assessment(demo, "640424007")
    assert row is not None
    aid = int(row.id)

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_school(aid)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("f4")
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=demo), terminal_size=(80, 24), run_before=ready)


def test_school_records_tab(snap_compare: Any, demo: int) -> None:
    """核定与异议 (Ctrl+R): visits, objections, veto conditions, responsibilities at 80x24."""
    row = queries.find_assessment(demo, "640424007")
    assert row is not None
    aid = int(row.id)

    async def ready(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_school(aid)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(StarCampusApp(ADMIN, campaign_id=demo), terminal_size=(80, 24), run_before=ready)
