"""Issue 16, "everything visible": codes in full, names ellipsised, footers within 80 columns,
history and audit rows in the reader's words with the values changed, English not cut, local time,
and the dashboard following a campaign created meanwhile. Pilot tests on the screen's text.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.conftest import WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.audit import AuditScreen
from tui.screens.help import HelpScreen
from tui.screens.school import SchoolScreen
from tui.widgets.school_table import SchoolTable
from workflow import clock
from workflow.doors.demo import ADMIN
from workflow.i18n import set_language
from workflow.permissions import Actor
from workflow.reads import queries

NATIONAL = [f"419001000{n}" for n in range(1, 7)]
LONG_NAME = "泾源县城关第一完全小学附属幼儿园北区分校"


def screen_text(app: StarCampusApp) -> str:
    """The screen as the user reads it, one line per terminal row."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_text(pilot: Pilot[Any], app: StarCampusApp, wanted: str, rounds: int = 40) -> str:
    for _ in range(rounds):
        await settle(pilot, 2)
        text = screen_text(app)
        if wanted in text:
            return text
    raise AssertionError(f"waited for {wanted!r} on the screen; it shows:\n{screen_text(app)}")


@pytest.fixture
def national(demo: int) -> int:
    """A 2024 campaign of six schools with 10-digit national codes and long names; its id."""
    from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
    from workflow.doors.schools import SchoolRow, import_schools

    import_schools(ADMIN, [SchoolRow(code, f"{LONG_NAME}{i}", "泾河源镇", "小学", 100 + i)
                           for i, code in enumerate(NATIONAL, 1)], source="test")
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, NATIONAL)
    advance_campaign(ADMIN, row.id)
    return int(row.id)


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


def footer_line(text: str) -> str:
    return text.splitlines()[-1]


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@run_async
async def test_codes_in_full_and_names_ellipsised(national: int, size: tuple[int, int]) -> None:
    app = StarCampusApp(ADMIN, campaign_id=national)
    async with app.run_test(size=size) as pilot:
        text = await wait_text(pilot, app, NATIONAL[0])
        for code in NATIONAL:
            assert code in text, f"{code} is not shown in full"
        name_lines = [line for line in text.splitlines() if NATIONAL[0] in line]
        assert name_lines, text
        if size[0] == 80:
            assert "…" in name_lines[0], name_lines  # the cut name says it is cut
        else:
            assert LONG_NAME + "1" in name_lines[0], name_lines  # room for it whole


@pytest.mark.parametrize("lang", ["zh", "en"])
@run_async
async def test_footer_keeps_the_essential_keys_at_80_columns(demo: int, lang: str) -> None:
    set_language(lang)
    try:
        app = StarCampusApp(ADMIN, campaign_id=demo)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for screen_key in ("", "f8"):
                if screen_key:
                    await pilot.press(screen_key)
                    await settle(pilot)
                footer = footer_line(screen_text(app))
                quit_word = "退出" if lang == "zh" else "Quit"
                assert "f1" in footer and "f9" in footer and f"f10 {quit_word}" in footer, footer
                assert "palette" not in footer or lang == "en", footer
                if lang == "zh":
                    assert "^p 命令" in footer, footer
    finally:
        set_language("zh")


@run_async
async def test_help_lists_the_keys_the_footer_leaves_out(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key, word, binding_id in (("f2", "排序", "dashboard.sort"), ("f3", "倒序", "dashboard.reverse"),
                                      ("f4", "筛选", "dashboard.filters")):
            assert key in text and word in text and binding_id in text


@run_async
async def test_audit_rows_in_words_with_values(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        assert isinstance(app.screen, AuditScreen)
        screen = app.screen
        screen.query_one("#a-action", Input).value = "score.self"  # the filter still takes the stored prefix
        await wait_text(pilot, app, "录入自评分")
        text = screen_text(app)
        assert "合计" in text, text  # the score values are written in the row
        assert "score.self" not in text.replace("score.self", "", 1)  # only in the filter box itself
        for line in text.splitlines():
            assert cell_len(line) <= 80
        screen.query_one("#a-action", Input).value = "event."
        text = await wait_text(pilot, app, "确认未达星级")
        lines = text.splitlines()
        below = next(i for i, line in enumerate(lines) if "event." in line) + 1  # below the filter row
        body = "\n".join(lines[below:])
        assert "event." not in body and ">" not in body and "upheld" not in body, body
        assert "公示中→未达星级" in body
        screen.query_one("#a-action", Input).value = "认定星级"  # the label, as the officer reads it
        text = await wait_text(pilot, app, "公示中→已认定")
        body = "\n".join(text.splitlines()[9:])
        assert "确认未达星级" not in body and "录入自评分" not in body, body


def test_audit_filter_takes_labels_and_prefixes(english: None) -> None:
    from workflow.reads.audit_text import action_prefix

    assert action_prefix("score.") == "score."
    assert action_prefix("Certify") == "event.certify"
    set_language("zh")
    assert action_prefix("录入") == "score."
    assert action_prefix("报上级") == "event.recommend_upward"
    assert action_prefix("问题") == "problem."


@run_async
async def test_history_tab_in_words_with_values(selfeval: int) -> None:
    from workflow.doors.scores import set_score

    row = queries.find_assessment(selfeval, "640424001")
    assert row is not None
    set_score(ADMIN, int(row.id), "1.1", "6.5")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.open_school(int(row.id))
        await settle(pilot)
        await pilot.press("f6")
        text = await wait_text(pilot, app, "录入自评分")
        for raw in ("event.", "narrative.", "score.self", "self_evaluating", "enrolled>", "upheld"):
            assert raw not in text, (raw, text)
        assert "1.1: 6.5" in text  # the value entered, in the row
        for line in text.splitlines():
            assert cell_len(line) <= 80


@run_async
async def test_english_state_and_placeholder_not_cut(selfeval: int, english: None) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_text(pilot, app, "640424001")
        table = app.screen.query_one(SchoolTable)
        state = next(c for c in table.columns() if c.key == "state")
        assert state.width >= cell_len("Recommended upward")  # the longest label is never cut
        box = app.screen.query_one("#filter", Input)
        assert cell_len(box.placeholder) < box.size.width, (box.placeholder, box.size.width)


@run_async
async def test_dashboard_follows_a_campaign_created_meanwhile(db: str) -> None:
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.users import add_user

    add_user(None, "boss", "admin")
    boss = Actor("boss", "admin")
    app = StarCampusApp(boss)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_text(pilot, app, "还没有评定工作")
        await pilot.press("f1")  # another screen over the dashboard, as the admin screen is
        await settle(pilot)
        row = create_campaign(boss, year=2024, region="泾源县", title="泾源县2024年评定",
                              rubric="ningxia-2022", windows=dict(WINDOWS_2024))
        app.campaign_id = int(row.id)  # what the admin screen does after creating one
        await pilot.press("escape")
        text = await wait_text(pilot, app, "泾源县2024年评定")
        assert "还没有评定工作" not in text


def _write_config(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(body, encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def test_local_time_follows_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STARCAMPUS_CONFIG", str(tmp_path / "none.toml"))
    clock.reset_display_zone()
    assert clock.local("2026-12-01T07:37:00+00:00") == "2026-12-01 15:37"  # Beijing time by default
    monkeypatch.setenv("STARCAMPUS_CONFIG", str(_write_config(tmp_path, '[display]\ntimezone = "UTC"\n')))
    clock.reset_display_zone()
    try:
        assert clock.local("2026-12-01T15:37:00+08:00") == "2026-12-01 07:37"
    finally:
        monkeypatch.delenv("STARCAMPUS_CONFIG")
        clock.reset_display_zone()


@run_async
async def test_draft_prompt_shows_local_time(selfeval: int) -> None:
    from tui import drafts
    from tui.screens.dialogs import DraftDialog

    row = queries.find_assessment(selfeval, "640424001")
    assert row is not None
    clock.reset_display_zone()
    drafts.save_draft(drafts.Draft(ADMIN.name, selfeval, int(row.id), "640424001", "self", {"1.1": "6"},
                                   saved_at="2024-06-10T07:37:00+00:00"))
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftDialog)
        body = app.screen.body()
        assert "15:37" in body and "07:37" not in body, body


@run_async
async def test_school_screen_shows_times_in_the_configured_zone(selfeval: int, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STARCAMPUS_CONFIG", str(_write_config(tmp_path / "cfg", '[display]\ntimezone = "UTC"\n')))
    clock.reset_display_zone()
    row = queries.find_assessment(selfeval, "640424001")
    assert row is not None
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.open_school(int(row.id))
            await settle(pilot)
            assert isinstance(app.screen, SchoolScreen)
            await pilot.press("f6")
            # The demo's certification was written at 2023-09-08 10:00 Beijing time: 02:00 in UTC.
            text = await wait_text(pilot, app, "2023-09-08 02:00")
            assert "2023-09-08 10:00" not in text
    finally:
        monkeypatch.delenv("STARCAMPUS_CONFIG")
        clock.reset_display_zone()
