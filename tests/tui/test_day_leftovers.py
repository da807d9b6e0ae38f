"""Issue 16 leftovers: F2 from the 流程操作 tab lands on the sheet's first leaf, what a role may not do
is not shown on the school screen at all (hidden, not greyed), and the admin screens are all on the Tab ring."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.widgets import Button, DataTable, Input, Select, Static, TabbedContent, TextArea

from tests.tui.helpers import assessment_id as _aid
from tests.tui.helpers import open_school as _open
from tests.tui.helpers import run_async, settle
from tests.tui.test_visible import footer_line, screen_text
from tui.app import StarCampusApp
from tui.export_jobs import KINDS
from tui.screens.admin import AdminScreen
from tui.screens.dialogs.publicity import PublicityDialog
from tui.screens.export import ExportDialog
from tui.screens.help import HelpScreen
from tui.screens.school import SchoolScreen
from tui.widgets.school_actions import EventButton
from tui.widgets.school_problems import ProblemsPane
from tui.widgets.score_input import ScoreInput
from workflow.doors.demo import ADMIN, spread
from workflow.doors.scores import set_scores
from workflow.i18n import set_language
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import fire

CLERK = Actor("xinmin", "school", "640424007")
VIEWER = Actor("viewer", "viewer")




def _labels(screen: SchoolScreen) -> list[str]:
    return [str(b.label) for b in screen.query("#event-buttons EventButton").results(EventButton)]


@run_async
async def test_f2_from_the_actions_tab_focuses_the_first_leaf(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f3")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "actions"
        await pilot.press("f2")
        await settle(pilot)
        assert screen.query_one(TabbedContent).active == "scores"
        focused = app.focused
        assert isinstance(focused, ScoreInput) and focused.code == "1.1", f"focus on {focused!r}, not leaf 1.1"


@run_async
async def test_a_school_clerk_is_not_shown_the_county_actions(selfeval: int) -> None:
    """In 自评中 with every leaf scored, a clerk may submit; 退回 is the county's and is not on its screen."""
    aid = _aid(selfeval, "640424007")
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, spread(rubric_of(queries.campaign(selfeval)), Decimal("83")), kind="self")
    fire(ADMIN, aid, "submit_self_evaluation")  # 已提交: the county's return and verification are next
    app = StarCampusApp(CLERK, campaign_id=selfeval)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f3")
        await settle(pilot)
        labels = _labels(screen)
        assert not any("退回" in x or "开始核定" in x for x in labels), labels
        assert not [b for b in screen.query("#event-buttons EventButton").results(EventButton)
                    if b.has_class("refused")], labels
    admin = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with admin.run_test(size=(120, 40)) as pilot:  # the county still has both
        screen = await _open(pilot, admin, aid)
        await pilot.press("f3")
        await settle(pilot)
        labels = _labels(screen)
        assert any("退回" in x for x in labels) and any("开始核定" in x for x in labels), labels


@run_async
async def test_every_control_of_the_admin_screens_is_reached_with_tab(selfeval: int) -> None:
    """F9 管理 at 80x24: Tab alone reaches 公示天数… (and Enter opens its form), and every button, box and
    list of the admin, users and office screens is on the Tab ring."""
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("f9")
        await settle(pilot)
        admin = app.screen
        assert isinstance(admin, AdminScreen)
        for _ in range(len(admin.focus_chain)):
            if app.focused is not None and app.focused.id == "publicity":
                break
            await pilot.press("tab")
            await settle(pilot, 1)
        assert app.focused is not None and app.focused.id == "publicity", f"Tab never reached 公示天数…: {app.focused!r}"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PublicityDialog)
        await pilot.press("escape")
        await settle(pilot)
        for opener in ("", "#open-users", "#open-office"):
            if opener:
                app.screen.query_one(opener, Button).press()
                await settle(pilot)
            screen = app.screen
            ring = set(map(id, screen.focus_chain))
            controls = [w for w in screen.query("Button, Input, Select, SelectionList, TextArea, DataTable, Checkbox")
                        if w.display and w.can_focus and not w.disabled]
            missed = [f"{type(w).__name__}#{w.id}" for w in controls
                      if id(w) not in ring and all(a.display for a in w.ancestors if a is not screen)]
            assert not missed, (type(screen).__name__, missed)
            if opener:
                await pilot.press("escape")
                await settle(pilot)


@run_async
async def test_a_reader_is_offered_no_change_of_problems_or_narratives(demo: int) -> None:
    """The 局领导 viewer reads the problems and the two texts; no button to add, edit, delete or save is there."""
    aid = _aid(demo, "640424001")
    app = StarCampusApp(VIEWER, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        await settle(pilot)
        pane = screen.query_one(ProblemsPane)
        shown = [b.id or b.name for b in pane.query(Button) if b.display and all(a.display for a in b.ancestors
                                                                                  if a is not screen)]
        assert shown == [], shown
        assert all(area.read_only for area in pane.query(TextArea))
        assert pane.query_one("#problem-table", DataTable).row_count >= 0  # the list itself is there
    clerk = StarCampusApp(CLERK, campaign_id=demo)  # one who may: the buttons are there
    async with clerk.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot, clerk, _aid(demo, "640424007"))
        await pilot.press("f4")
        await settle(pilot)
        pane = screen.query_one(ProblemsPane)
        assert pane.query_one("#problem-add", Button).display and pane.query_one("#narr-save", Button).display


@run_async
async def test_a_school_user_is_offered_its_own_form_only(demo: int, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """F7 and the palette's 导出 offer a school user its own self-evaluation form (自评表) and nothing else,
    and the form written is its school's; a viewer has every kind."""
    from docx import Document

    monkeypatch.setenv("STARCAMPUS_EXPORT_DIR", str(tmp_path))
    for actor, kinds in ((CLERK, ["forms"]), (VIEWER, list(KINDS))):
        app = StarCampusApp(actor, campaign_id=demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert "f7" in footer_line(screen_text(app)), actor
            await pilot.press("ctrl+p")
            await settle(pilot)
            options = app.screen.query_one(CommandList)
            prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
            assert len([p for p in prompts if "导出" in p]) == len(kinds), prompts
            await pilot.press("escape")
            await settle(pilot)
            await pilot.press("f7")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog), actor
            offered = [value for _label, value in dialog.query_one("#x-kind", Select)._options]  # noqa: SLF001
            assert offered == kinds, actor
            if actor is CLERK:
                await pilot.click("#x-run")
                await settle(pilot)
                written = sorted(tmp_path.rglob("*.docx"))
                assert len(written) == 1, written
                text = "\n".join(p.text for p in Document(str(written[0])).paragraphs)
                assert text.count("学校名称：") == 1 and "学校名称：新民乡中心小学" in text


@run_async
async def test_f1_says_what_the_screen_is_for_and_what_comes_next(demo: int) -> None:
    """F1 on the list, on a school and on F9: the screen's purpose and next step above its keys; English too."""
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for opener, purpose in ((None, "首页"), ("school", "一所学校的全部材料"), ("admin", "评定管理")):
            if opener == "school":
                app.open_school(_aid(demo, "640424007"))
            elif opener == "admin":
                app.pop_screen()
                await settle(pilot)
                await pilot.press("f9")
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            text = str(app.screen.query_one("#help-text").render())
            head, _, keys = text.partition("本屏按键")
            assert "本屏用途" in head and purpose in head and "下一步：" in head, head
            assert keys, text
            # Textual's own keys in Chinese too, each key apart from its words (trial, session 8)
            assert "Focus" not in keys and "Press button" not in keys and "Copy selected" not in keys, keys
            assert "shift+tab 上一项" in keys or "shift+tab  上一项" in keys, keys
            await pilot.press("escape")
            await settle(pilot)
    set_language("en")
    try:
        english = StarCampusApp(ADMIN, campaign_id=demo)
        async with english.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await pilot.press("f1")
            await settle(pilot)
            text = str(english.screen.query_one("#help-text").render())
            assert "This screen" in text and "Next:" in text and "本屏" not in text, text[:400]
    finally:
        set_language("zh")


@run_async
async def test_campaign_form_says_a_date_without_a_year_is_in_the_year_typed(db: str) -> None:
    from tests.tui.conftest import TODAY
    from workflow import clock
    from workflow.doors.users import add_user

    add_user(None, "boss", "admin")
    clock.pin(TODAY)
    app = StarCampusApp(Actor("boss", "admin"))
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdminScreen)
        hint = str(screen.query_one("#f-dates-hint", Static).render())
        assert "不写年份即按上面填写的年度" in hint, hint
        screen.query_one("#f-title", Input).value = "泾源县2025年评定"
        screen.query_one("#f-region", Input).value = "泾源县"
        screen.query_one("#f-year", Input).value = "2025"
        days = {"mobilization": ("5月6日", "5月31日"), "self_evaluation": ("6月1日", "6月30日"),
                "verification": ("7月1日", "7月15日"), "promotion": ("7月16日", "12月31日")}
        for name, (start, end) in days.items():
            screen.query_one(f"#f-{name}-start", Input).value = start
            screen.query_one(f"#f-{name}-end", Input).value = end
        screen.query_one("#create", Button).press()
        await settle(pilot)
        assert screen.query_one("#campaign-part").display, str(screen.query_one("#admin-error", Static).render())
    campaign = queries.campaign(None)
    assert campaign.year == 2025 and '"2025-05-06"' in campaign.windows_json and '"2025-12-31"' in campaign.windows_json


@run_async
async def test_a_reader_is_not_offered_the_school_screens_writing_keys(demo: int) -> None:
    """Ctrl+T (evidence) and Ctrl+S (texts) are not the viewer's: F1 on the school screen leaves them out."""
    for actor, offered in ((VIEWER, False), (CLERK, True)):
        app = StarCampusApp(actor, campaign_id=demo)
        async with app.run_test(size=(120, 40)) as pilot:
            await _open(pilot, app, _aid(demo, "640424007"))
            await pilot.press("f1")
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen)
            keys = str(app.screen.query_one("#help-text").render()).partition("本屏按键")[2]
            for binding_id in ("school.evidence", "school.save_texts"):
                assert (binding_id in keys) is offered, (actor, binding_id)
            assert "school.tab_history" in keys
