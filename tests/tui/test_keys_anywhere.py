"""Issue 16, "keys that work from anywhere" and "palette in Chinese": function keys from any focus,
F3 and Enter in the filter box, what a role may not do is not offered, the user's keymap file, and
the command palette's own words in the reader's language."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandInput, CommandList, CommandPalette
from textual.pilot import Pilot
from textual.widgets import Button, Input, TabbedContent, TextArea

from tests.tui.helpers import run_async, settle
from tests.tui.test_visible import footer_line, screen_text
from tui.app import StarCampusApp
from tui.keymap import load_keymap
from tui.screens.admin import AdminScreen
from tui.screens.audit import AuditScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.school import SchoolScreen
from workflow.doors.demo import ADMIN, EXPERT
from workflow.i18n import set_language
from workflow.permissions import Actor
from workflow.reads import queries

SCHOOL_USER = Actor("xinmin", "school", "640424007")


async def _dashboard(pilot: Pilot[Any], app: StarCampusApp) -> DashboardScreen:
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    return screen


async def _wait_for(pilot: Pilot[Any], what: str, condition: Any, rounds: int = 40) -> None:
    for _ in range(rounds):
        if condition():
            return
        await settle(pilot, 2)
    raise AssertionError(f"waited for {what}")


@run_async
async def test_f3_in_the_filter_box_does_not_reverse_the_sort(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _dashboard(pilot, app)
        await pilot.press("泾")  # typing on the list goes to the filter box
        await settle(pilot)
        assert app.focused is screen.query_one("#filter", Input)
        await pilot.press("f3")
        await settle(pilot)
        assert screen.descending is False
        assert app.focused is screen.query_one("#filter", Input)  # still typing
        assert "f3" in footer_line(screen_text(app))  # offered as "next match" there
        await pilot.press("escape")  # back on the list: F3 reverses
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        assert screen.descending is True


@run_async
async def test_enter_in_the_filter_box_opens_the_match(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await _dashboard(pilot, app)
        await pilot.press("新", "民", "enter")
        await _wait_for(pilot, "the school screen", lambda: isinstance(app.screen, SchoolScreen))
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        await _wait_for(pilot, "the school's view", lambda: screen.view is not None)
        assert screen.view is not None and screen.view.code == "640424007"


@run_async
async def test_function_keys_act_from_a_text_area_and_a_button(selfeval: int) -> None:
    row = queries.find_assessment(selfeval, "640424001")
    assert row is not None
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_school(int(row.id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        tabs = screen.query_one(TabbedContent)
        await pilot.press("f4")
        await settle(pilot)
        area = screen.query(TextArea).first()
        area.focus()
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert tabs.active == "history", "F6 from a text area"
        await pilot.press("f3")
        await settle(pilot)
        assert tabs.active == "actions"
        button = screen.query_one("#actions-pane").query(Button).first()
        button.focus()
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        assert tabs.active == "history", "F6 from a button"
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen), "F8 from anywhere"


@pytest.mark.parametrize("actor", [SCHOOL_USER, EXPERT], ids=["school", "expert"])
@run_async
async def test_admin_is_not_offered_to_a_role_that_may_not_use_it(demo: int, actor: Actor) -> None:
    app = StarCampusApp(actor, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _dashboard(pilot, app)
        footer = footer_line(screen_text(app))
        assert "f9" not in footer and "管理" not in footer, footer
        await pilot.press("f9")
        await settle(pilot)
        assert not isinstance(app.screen, AdminScreen)
        app.action_admin()  # a stale palette entry, say: still refused
        await settle(pilot)
        assert not isinstance(app.screen, AdminScreen)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert CommandPalette.is_open(app)  # type: ignore[arg-type]
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("阶段" in p or "评定管理" in p for p in prompts), prompts
        assert any("审计" in p for p in prompts), prompts


@run_async
async def test_admin_still_sees_f9_and_the_phase_command(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _dashboard(pilot, app)
        assert "f9" in footer_line(screen_text(app))
        await pilot.press("ctrl+p")
        await settle(pilot)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("阶段" in p for p in prompts), prompts


def _config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keymap: str) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    (folder / "keymap.toml").write_text(keymap, encoding="utf-8")
    monkeypatch.setenv("STARCAMPUS_CONFIG", str(folder / "config.toml"))
    return folder


def test_keymap_file_is_read_by_binding_id(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config_dir(tmp_path, monkeypatch, '[keys]\n"app.audit" = "f12"\n"app.quit" = 3\n')
    keymap = load_keymap()
    assert keymap.keys == {"app.audit": "f12"}
    assert "app.quit" in keymap.problem
    (tmp_path / "config" / "keymap.toml").write_text("[keys\n", encoding="utf-8")
    broken = load_keymap()
    assert broken.keys == {} and "keymap.toml" in broken.problem


@run_async
async def test_keymap_rebinds_a_key(demo: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _config_dir(tmp_path, monkeypatch, '[keys]\n"app.audit" = "f12"\n')
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _dashboard(pilot, app)
        assert "f12" in footer_line(screen_text(app))
        await pilot.press("f12")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)


@run_async
async def test_palette_speaks_chinese(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await _dashboard(pilot, app)
        footer = footer_line(screen_text(app))
        assert "palette" not in footer and "命令" in footer, footer
        await pilot.press("ctrl+p")
        await settle(pilot)
        palette = app.screen
        assert CommandPalette.is_open(app)  # type: ignore[arg-type]
        box = palette.query_one(CommandInput)
        assert box.placeholder.startswith("搜索命令"), box.placeholder
        options = palette.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        for word in ("退出", "配色主题", "按键", "截图"):
            assert any(word in p for p in prompts), (word, prompts)
        for word in ("Quit", "Theme", "Keys", "Screenshot"):
            assert not any(p.startswith(word) for p in prompts), (word, prompts)
        await pilot.press(*"qqqzzz")

        def no_match_shown() -> bool:
            return options.option_count == 1 and "没有匹配的命令" in str(options.get_option_at_index(0).prompt)

        await _wait_for(pilot, "the no-matches line", no_match_shown)
        assert "No matches" not in screen_text(app)


@run_async
async def test_select_menu_and_palette_keys_in_chinese(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _dashboard(pilot, app)
        screen.query_one("#state").focus()
        await pilot.press("enter")  # open the drop-down
        await settle(pilot)
        footer = footer_line(screen_text(app))
        assert "Dismiss" not in footer and "收起列表" in footer, footer


@run_async
async def test_palette_in_english_keeps_textual_words(demo: int) -> None:
    set_language("en")
    try:
        app = StarCampusApp(ADMIN, campaign_id=demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await _dashboard(pilot, app)
            await pilot.press("ctrl+p")
            await settle(pilot)
            assert app.screen.query_one(CommandInput).placeholder == "Search for commands…"
    finally:
        set_language("zh")


def test_config_folder_default_is_the_users(monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.keymap import keymap_path

    monkeypatch.delenv("STARCAMPUS_CONFIG", raising=False)
    assert keymap_path().name == "keymap.toml" and "starcampus" in str(keymap_path())
    assert os.sep in str(keymap_path())
