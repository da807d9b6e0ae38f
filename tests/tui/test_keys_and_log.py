"""Key names in the chosen language, and the log file that keeps what went wrong (issue 17)."""

from __future__ import annotations

import logging
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.tui.helpers import run_async, settle
from tui import logfile
from tui.app import StarCampusApp
from tui.screens.audit import AuditScreen
from tui.screens.help import HelpScreen
from workflow.doors.demo import ADMIN
from workflow.i18n import set_language

SIZE = (120, 40)


def _descriptions(node: object) -> set[str]:
    bindings = node._bindings.key_to_bindings  # type: ignore[attr-defined]
    return {b.description for found in bindings.values() for b in found if b.description}


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


@pytest.fixture
def log_next_to(tmp_path: Path) -> Iterator[Path]:
    path = logfile.configure(str(tmp_path / "starcampus.sqlite3"))
    yield path
    for handler in list(logging.getLogger(logfile.LOGGER).handlers):
        logging.getLogger(logfile.LOGGER).removeHandler(handler)
        handler.close()
    logfile._path = None


def test_app_keys_read_in_the_language_chosen_at_start(english: None) -> None:
    app = StarCampusApp(ADMIN)
    assert {"Help", "Export", "Audit", "Admin", "Quit"} <= _descriptions(app)
    set_language("zh")
    assert {"帮助", "导出", "审计", "管理", "退出"} <= _descriptions(StarCampusApp(ADMIN))


@run_async
async def test_screen_keys_and_footer_follow_the_language(demo: int, english: None) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert {"Sort", "Reverse", "Filters", "Reload"} <= _descriptions(app.screen)
        shown = {b.binding.description for b in app.screen.active_bindings.values()}
        assert "Help" in shown and "Open" in shown and "帮助" not in shown


def test_log_file_is_next_to_the_sqlite_file_and_private(log_next_to: Path, tmp_path: Path) -> None:
    assert log_next_to == tmp_path / "starcampus.log"
    try:
        raise RuntimeError("disk on fire")
    except RuntimeError as exc:
        assert logfile.log_unexpected(exc) == log_next_to
    text = log_next_to.read_text(encoding="utf-8")
    assert "disk on fire" in text and "Traceback" in text
    assert stat.S_IMODE(log_next_to.stat().st_mode) == 0o600
    handler = next(h for h in logging.getLogger(logfile.LOGGER).handlers
                   if isinstance(h, logfile.PrivateRotatingFileHandler))
    handler.doRollover()  # the fresh file after a rotation is private too
    assert stat.S_IMODE(log_next_to.stat().st_mode) == 0o600
    assert (tmp_path / "starcampus.log.1").exists()


def test_log_file_for_postgresql_is_in_the_user_log_directory() -> None:
    import platformdirs

    assert logfile.log_dir_for("postgresql://u:p@127.0.0.1:5432/starcampus") == Path(
        platformdirs.user_log_dir("starcampus"))


@run_async
async def test_unexpected_error_goes_to_the_log_and_the_screen_says_it_plainly(
        demo: int, log_next_to: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> list[tuple[str, ...]]:
        raise ZeroDivisionError("audit query exploded")

    monkeypatch.setattr("tui.screens.audit.load_events", broken)
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)  # the app is still running
        shown = [n.message for n in app._notifications]
        assert any(str(log_next_to) in m and "出错了" in m for m in shown), shown
        assert not any("ZeroDivisionError" in m or "Traceback" in m for m in shown)
        await pilot.press("escape", "f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert str(log_next_to) in str(app.screen.query_one("#help-text").render())
    text = log_next_to.read_text(encoding="utf-8")
    assert "audit query exploded" in text and "Traceback" in text and "ZeroDivisionError" in text
