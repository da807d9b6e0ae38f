"""TUI fixtures: the demo database, a campaign still in self-evaluation, a pinned clock.

``demo`` stands on the ``db`` fixture (tests/conftest.py), which is parametrised over SQLite and
PostgreSQL. A screen draws what workflow/reads gives it, and those reads and every door are tested
on both backends below tests/workflow; so the app's tests run on SQLite, and on PostgreSQL too only
where the backend is the point: saves racing each other or the terminal going away while one is
in flight (``BOTH_BACKENDS``, or a test marked ``both_backends``). With
STARCAMPUS_REQUIRE_SERVICES=1 a missing PostgreSQL fails those cases instead of skipping them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from workflow import clock

CN = timezone(timedelta(hours=8))
TODAY = datetime(2024, 6, 10, 10, 0, tzinfo=CN)

WINDOWS_2024 = {
    "mobilization": ("2024-05-06", "2024-05-31"),
    "self_evaluation": ("2024-06-01", "2024-06-30"),
    "verification": ("2024-07-01", "2024-07-15"),
    "promotion": ("2024-07-16", "2024-12-31"),
}


BOTH_BACKENDS = {"test_tmux.py", "test_score_burst.py", "test_versions.py", "test_session_and_replace.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    keep: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        path = Path(str(item.path))
        sqlite_only = (path.parent == here and path.name not in BOTH_BACKENDS
                       and item.get_closest_marker("both_backends") is None)
        # The backend's parameter, not "[postgres" in the id: a test with another parameter first
        # (test_snapshots_visible.py: "[zh-postgres-80x24]") ran its PostgreSQL half by mistake.
        callspec = getattr(item, "callspec", None)
        on_postgres = callspec is not None and callspec.params.get("db_url") == "postgres"
        (dropped if sqlite_only and on_postgres else keep).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(autouse=True)
def _own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drafts and exports go to the test's folder, never the user's home."""
    monkeypatch.setenv("STARCAMPUS_DRAFT_DIR", str(tmp_path / "drafts"))
    monkeypatch.setenv("STARCAMPUS_EXPORT_DIR", str(tmp_path / "exports"))


@pytest.fixture
def demo(db: str) -> Iterator[int]:
    """The Jingyuan demo (campaign in its last steps, every school settled); its campaign id."""
    from tests.demo_copy import load_demo

    # The 2023 rating alone: screens are tested on facts that do not move with the calendar
    # (this year's review, which `demo load` adds, is tested by tests/tui/test_rounds_tui.py).
    campaign_id = load_demo(review=False)
    clock.pin(TODAY)
    yield campaign_id
    clock.pin(None)


@pytest.fixture
def selfeval(demo: int) -> int:
    """A 2024 campaign in the self-evaluation phase with three demo schools enrolled."""
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.demo import ADMIN

    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, ["640424001", "640424007", "640424011"])
    advance_campaign(ADMIN, row.id)
    return int(row.id)
