"""Pilot tests of issue 16's admin screens: the campaign form (rubric names, first field focused,
publicity length), users and keys, school import, objections, audit export and backup, all
without leaving the app."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.widgets import Button, DataTable, Input, Select, Static

from tests.tui.conftest import TODAY, WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.admin import AdminScreen
from tui.screens.dialogs import ConfirmDialog, FormDialog
from tui.screens.office import OfficeScreen
from tui.screens.users import UsersScreen
from workflow import clock
from workflow.doors.demo import ADMIN, EXPERT
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.registers import user_list

SIZE = (120, 50)
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0dGVzdGtleWZvcnN0YXJjYW1wdXN0dWk0"
NEW_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0bmV3a2V5Zm9yc3RhcmNhbXB1c3R1aTU"


def _text(widget: Static) -> str:
    return str(widget.render())


async def _until(pilot, condition: Callable[[], bool], what: str, rounds: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(rounds):
        await settle(pilot, rounds=1)
        if condition():
            return
    raise AssertionError(f"waited for: {what}")


@pytest.fixture(autouse=True)
def _keys_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "authorized_keys"
    monkeypatch.setenv("STARCAMPUS_AUTHORIZED_KEYS", str(path))
    return path


async def _admin(pilot, app: StarCampusApp) -> AdminScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.action_admin()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, AdminScreen), f"the admin screen, not {screen!r}"
    return screen


# ----- the campaign form
@run_async
async def test_campaign_form_shows_rubric_names_and_opens_on_its_first_field(db: str) -> None:
    from workflow.doors.users import add_user

    add_user(None, "boss", "admin")
    clock.pin(TODAY)
    boss = Actor("boss", "admin")
    app = StarCampusApp(boss)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _admin(pilot, app)
        assert screen.focused is screen.query_one("#f-title", Input), f"focus on {screen.focused!r}"
        assert not screen.query_one("#campaign-part").display  # no notice boxes of a campaign not made yet
        rubric = screen.query_one("#f-rubric", Select)
        shown = str(rubric.query_one("SelectCurrent Static#label", Static).render())
        assert "宁夏中小学" in shown, shown
        await pilot.press(*"泾源县2024年评定")
        screen.query_one("#f-region", Input).value = "泾源县"
        screen.query_one("#f-publicity", Input).value = "7"
        for name, (start, end) in WINDOWS_2024.items():
            screen.query_one(f"#f-{name}-start", Input).value = start
            screen.query_one(f"#f-{name}-end", Input).value = end
        screen.query_one("#create", Button).press()
        await settle(pilot)
        assert screen.query_one("#campaign-part").display
    campaign = queries.campaign(None)
    assert (campaign.title, campaign.publicity_days) == ("泾源县2024年评定", 7)


# ----- users and keys
@run_async
async def test_users_added_disabled_enabled_and_rekeyed(demo: int, _keys_file: Path) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        admin = await _admin(pilot, app)
        admin.query_one("#open-users", Button).press()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UsersScreen)
        table = screen.query_one("#users-table", DataTable)
        assert table.row_count == len(user_list(ADMIN))
        screen.query_one("#user-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.focused is dialog.query_one("#f-name", Input)
        await pilot.press(*"wang-zj")
        dialog.query_one("#f-role", Select).value = "expert"
        dialog.query_one("#f-display", Input).value = "王专家"
        dialog.query_one("#f-key", Input).value = KEY
        dialog.query_one("#ok", Button).press()
        await _until(pilot, lambda: app.screen is screen, "the add dialog to close")
        await _until(pilot, lambda: table.row_count == len(user_list(ADMIN)), "the new user in the table")
        assert "wang-zj" in _keys_file.read_text()
        table.move_cursor(row=[u.name for u in user_list(ADMIN)].index("wang-zj"))
        screen.query_one("#user-disable", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#ok", Button).press()
        await _until(pilot, lambda: "已停用" in _text(screen.query_one("#users-error", Static)), "the disable")
        assert next(u for u in user_list(ADMIN) if u.name == "wang-zj").disabled
        assert "wang-zj" not in _keys_file.read_text()
        screen.query_one("#user-enable", Button).press()
        await _until(pilot, lambda: "已恢复" in _text(screen.query_one("#users-error", Static)), "the enable")
        assert not next(u for u in user_list(ADMIN) if u.name == "wang-zj").disabled
        screen.query_one("#user-rekey", Button).press()
        await settle(pilot)
        rekey = app.screen
        assert isinstance(rekey, FormDialog)
        rekey.query_one("#f-key", Input).value = NEW_KEY
        rekey.query_one("#ok", Button).press()
        await _until(pilot, lambda: app.screen is screen, "the rekey dialog to close")
        keys = _keys_file.read_text()
        assert NEW_KEY.split()[1] in keys and KEY.split()[1] not in keys


@run_async
async def test_an_expert_reads_why_users_cannot_be_managed(demo: int) -> None:
    app = StarCampusApp(EXPERT, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(UsersScreen())
        await settle(pilot)
        assert "管理用户" in _text(app.screen.query_one("#users-error", Static)) or \
            "权限" in _text(app.screen.query_one("#users-error", Static))


# ----- import, objections, audit export, backup
async def _office(pilot, app: StarCampusApp) -> OfficeScreen:  # type: ignore[no-untyped-def]
    admin = await _admin(pilot, app)
    admin.query_one("#open-office", Button).press()
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, OfficeScreen)
    return screen


@run_async
async def test_school_import_reports_like_the_cli_and_refuses_as_a_whole(demo: int, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir(exist_ok=True)
    (folder / "good.csv").write_text("学校代码,学校名称,乡镇,学段\n4190010001,济源市第一实验学校（东校区）,沁园街道,小学\n"
                                     "640424001,泾源县第一中学,香水镇,初中\n", encoding="utf-8")
    (folder / "bad.csv").write_text("学校代码,学校名称\n4190010002,济源市第二实验学校\n4190010002,重复\n",
                                    encoding="utf-8")
    (tmp_path / "outside.csv").write_text("学校代码,学校名称\n4190010003,外面\n", encoding="utf-8")
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _office(pilot, app)
        assert screen.focused is screen.query_one("#import-file", Input)
        result = screen.query_one("#import-result", Static)

        async def run(name: str) -> str:
            screen.query_one("#import-file", Input).value = name
            screen.query_one("#import-go", Button).press()
            await _until(pilot, lambda: "正在" not in _text(result), f"the import of {name}")
            return _text(result)

        assert "第3行" in await run("bad.csv") or "重复" in _text(result)
        assert "不在导出文件夹" in await run("../outside.csv")
        assert "不在导出文件夹" in await run(str(tmp_path / "outside.csv"))
        assert "新增1所" in await run("good.csv")
    from workflow.reads.registers import school_register

    codes = {s.code for s in school_register(ADMIN)}
    assert "4190010001" in codes and "4190010002" not in codes and "4190010003" not in codes


@run_async
async def test_objections_listed_and_audit_exported_and_backed_up(demo: int, tmp_path: Path, db: str) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _office(pilot, app)
        await settle(pilot)
        table = screen.query_one("#obj-list", DataTable)
        from workflow.reads.registers import objection_list

        assert table.row_count == len(objection_list(ADMIN, demo))
        audit_result = screen.query_one("#audit-result", Static)
        screen.query_one("#audit-go", Button).press()
        await _until(pilot, lambda: "已写入" in _text(audit_result) or "red" in str(audit_result.render()),
                     "the audit export")
        written = next((tmp_path / "exports").glob("audit-*.csv"))
        assert written.read_text(encoding="utf-8-sig").startswith("seq")
        screen.query_one("#audit-go", Button).press()  # the same name again: asked first
        await _until(pilot, lambda: isinstance(app.screen, ConfirmDialog), "the replace question")
        app.screen.query_one("#cancel", Button).press()
        await _until(pilot, lambda: "未改动" in _text(audit_result), "the file left alone")
        backup_result = screen.query_one("#backup-result", Static)
        screen.query_one("#backup-go", Button).press()
        await _until(pilot, lambda: "正在" not in _text(backup_result), "the backup")
        if db.startswith("postgresql"):
            assert "备份" in _text(backup_result) or "SQLite" in _text(backup_result)
        else:
            assert "已写入" in _text(backup_result)
            assert next((tmp_path / "exports").glob("starcampus-backup-*.sqlite3")).stat().st_size > 0
