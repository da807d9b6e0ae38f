"""A school user's dashboard counts its own school only (trial, session 9: its list showed one school
while the bars counted the whole county's states and stars, and the township filter listed every township)."""

from __future__ import annotations

import pytest
from textual.widgets import Select, Static

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from workflow.permissions import Actor

XINMIN = Actor("xinmin", "school", "640424007")  # the demo's 新民乡中心小学


@run_async
async def test_a_school_users_bars_and_townships_are_its_own(demo: int) -> None:
    app = StarCampusApp(XINMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        summary = screen.summary
        assert summary is not None
        assert sum(n for _key, _label, n in summary.states) == 1, summary.states
        assert sum(n for _name, n, _prov in summary.stars) == 1, summary.stars
        assert summary.townships == ["新民乡"]
        town = screen.query_one("#township", Select)
        assert [v for _text, v in town._options if isinstance(v, str)] == ["新民乡"]  # noqa: SLF001
        assert "共1所学校" in str(screen.query_one("#count", Static).render())


pytestmark = pytest.mark.usefixtures("demo")
