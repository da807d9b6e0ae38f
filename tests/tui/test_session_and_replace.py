"""Issue 10 follow-ups in the app: a disabled user's open session closes itself, keeping unsaved
scores as a draft; an export onto an existing file asks before replacing it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Static

from tests.tui.helpers import run_async, settle
from tui import drafts
from tui.app import StarCampusApp
from tui.screens.dialogs import ConfirmDialog
from tui.screens.export import ExportDialog
from tui.screens.school import SchoolScreen
from workflow.doors.demo import ADMIN
from workflow.doors.users import add_user, disable_user
from workflow.outputs import WriteFailed
from workflow.permissions import Actor
from workflow.reads import queries

SIZE = (120, 40)
OTHER_ADMIN = Actor("admin-2", "admin")


def _text(widget: Static) -> str:
    return str(widget.render())


def _aid(campaign_id: int, code: str) -> int:
    row = queries.find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)


async def _until(pilot, condition: Callable[[], bool], what: str, rounds: int = 100) -> None:  # type: ignore[no-untyped-def]
    """A bounded poll (the app is exiting, so its workers cannot be awaited as a group)."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"gave up waiting for {what}")


# ----- a user disabled while the session is open
def test_the_check_runs_well_within_a_minute() -> None:
    assert 0 < StarCampusApp.ACTIVE_CHECK_SECONDS <= 30  # two chances inside "within a minute"


@run_async
async def test_disabled_user_session_closes_and_keeps_the_draft(selfeval: int, tmp_path: Path,
                                                                capfd: pytest.CaptureFixture[str]) -> None:
    aid = _aid(selfeval, "640424007")
    add_user(ADMIN, OTHER_ADMIN.name, "admin")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.active_timer is not None  # the periodic check is running
        app.open_school(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        screen._fields["1.1"].focus()
        await pilot.press("６")  # typed, not saved
        await pilot.pause()
        app.check_still_active()  # still active: nothing happens
        await settle(pilot)
        assert app.closing is None and app.screen is screen

        disable_user(OTHER_ADMIN, ADMIN.name, keys_file=tmp_path / "authorized_keys")
        app.check_still_active()  # what the interval timer calls
        await _until(pilot, lambda: app.closing == "disabled", "the app to notice the disabled user")
    assert app.closing == "disabled" and app.return_code == 1
    said = capfd.readouterr().err  # printed on the terminal once the app is gone
    assert "已停用" in said and ADMIN.name in said and "草稿" in said, said
    draft = drafts.load_draft(ADMIN.name, selfeval, aid)
    assert draft is not None and draft.entries == {"1.1": "６"}
    assert "1.1" not in queries.detail(aid).self_scores  # kept as a draft, never written


# ----- replacing an existing export
async def _export_onto(pilot, app: StarCampusApp, target: Path) -> ExportDialog:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.action_export("notice")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ExportDialog)
    dialog = screen
    dialog.query_one("#x-path", Input).value = str(target)
    dialog.query_one("#x-run", Button).press()
    await settle(pilot)
    return dialog


@run_async
async def test_existing_export_kept_on_no_replaced_on_yes(demo: int, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "通报.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    old = b"an earlier notice, not to be lost"
    target.write_bytes(old)
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _export_onto(pilot, app, target)
        ask = app.screen
        assert isinstance(ask, ConfirmDialog) and "替换" in ask.title_text and str(target) in ask.body
        ask.query_one("#cancel", Button).press()
        await settle(pilot)
        assert app.screen is dialog and dialog.result is None
        assert target.read_bytes() == old
        said = _text(dialog.query_one("#x-result", Static))
        assert "未导出" in said and "保持不变" in said, said
        assert not dialog.query_one("#x-run", Button).disabled
        assert not queries.audit_events(action="export.notice")

        dialog.query_one("#x-run", Button).press()
        await settle(pilot)
        again = app.screen
        assert isinstance(again, ConfirmDialog)
        again.query_one("#ok", Button).press()
        await settle(pilot)
        assert app.screen is dialog and dialog.result == target.resolve()
        assert "已导出" in _text(dialog.query_one("#x-result", Static))
    assert target.read_bytes() != old and target.read_bytes()[:2] == b"PK"  # a .docx now
    assert len(queries.audit_events(action="export.notice")) == 1


@run_async
async def test_full_disk_is_a_plain_message(demo: int, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.screens.export as export_screen

    def full(*_a: object, **_k: object) -> Path:
        raise WriteFailed("output.disk_full", path=tmp_path / "exports" / "x.docx")

    monkeypatch.setattr(export_screen, "run_export", full)
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _export_onto(pilot, app, tmp_path / "exports" / "x.docx")
        assert app.screen is dialog  # no question: nothing to replace
        said = _text(dialog.query_one("#x-result", Static))
        assert "未导出" in said and "磁盘空间不足" in said, said
        assert not dialog.query_one("#x-run", Button).disabled
    assert not (tmp_path / "exports" / "x.docx").exists()


@run_async
async def test_the_question_and_the_answer_in_english(demo: int, tmp_path: Path) -> None:
    from workflow.i18n import set_language

    target = tmp_path / "exports" / "notice.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(b"old")
    set_language("en")
    try:
        app = StarCampusApp(ADMIN, campaign_id=demo)
        async with app.run_test(size=SIZE) as pilot:
            dialog = await _export_onto(pilot, app, target)
            ask = app.screen
            assert isinstance(ask, ConfirmDialog) and ask.title_text == "Replace the existing file?"
            await pilot.press("escape")  # Esc is "no" as well
            await settle(pilot)
            said = _text(dialog.query_one("#x-result", Static))
            assert said.startswith("Not exported:") and "left as it is" in said, said
    finally:
        set_language("zh")
    assert target.read_bytes() == b"old"
