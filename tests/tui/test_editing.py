"""Pilot tests for the export dialog, editing in school detail, campaign admin extras and drafts."""

from __future__ import annotations

import os
import signal
from decimal import Decimal
from pathlib import Path

from textual import events
from textual.widgets import Button, Input, Label, ProgressBar, Select, SelectionList, Static, TextArea

from tests.tui.helpers import assessment_id as _aid
from tests.tui.helpers import open_school as _open
from tests.tui.helpers import run_async, settle
from tui import drafts
from tui.app import StarCampusApp
from tui.screens.admin import AdminScreen
from tui.screens.dialogs import DraftDialog, ProblemDialog
from tui.screens.export import ExportDialog
from tui.screens.school import SchoolScreen
from workflow.doors.demo import ADMIN
from workflow.permissions import Actor
from workflow.reads import queries

SIZE = (120, 40)
VIEWER = Actor("viewer-1", "viewer")


def _text(widget: Static) -> str:
    return str(widget.render())




# ----- export dialog
@run_async
async def test_export_dialog_writes_notice_with_progress(demo: int, tmp_path: Path) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        path = dialog.query_one("#x-path", Input).value
        assert path.startswith(str(tmp_path / "exports")) and path.endswith("通报.docx")
        dialog.query_one("#x-kind", Select).value = "workbook"
        await settle(pilot)
        path = dialog.query_one("#x-path", Input).value
        assert path.endswith("评分汇总.xlsx")  # the untouched default follows the kind
        dialog.query_one("#x-run", Button).press()
        await settle(pilot)
        assert dialog.result is not None and dialog.result.exists() and str(dialog.result) == path
        assert dialog.query_one("#x-progress", ProgressBar).percentage == 1.0
        assert "已导出" in _text(dialog.query_one("#x-result"))
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ExportDialog)
    assert queries.audit_events(action="export.workbook")


@run_async
async def test_export_refuses_paths_outside_the_folder(demo: int, tmp_path: Path) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_export("notice")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#x-path", Input).value = "../../escape.docx"
        dialog.query_one("#x-run", Button).press()
        await settle(pilot)
        result = _text(dialog.query_one("#x-result"))
        assert "未导出" in result and "不在导出文件夹" in result
        assert dialog.result is None and dialog.query_one("#x-progress", ProgressBar).progress == 0
    assert not (tmp_path / "escape.docx").exists()


@run_async
async def test_export_viewer_may_school_user_may_not(demo: int) -> None:
    """A viewer exports the publicity list; a school user asking for it gets the one kind it may export,
    its own self-evaluation form (自评表), never the list."""
    for actor, ok in ((VIEWER, True), (Actor("xinmin", "school", "640424007"), False)):
        app = StarCampusApp(actor, campaign_id=demo)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            app.action_export("publicity")
            await settle(pilot)
            dialog = app.screen
            assert isinstance(dialog, ExportDialog)
            dialog.query_one("#x-run", Button).press()
            await settle(pilot)
            result = _text(dialog.query_one("#x-result"))
            if ok:
                assert dialog.result is not None and dialog.result.exists(), result
            else:
                assert dialog.kind == "forms" and dialog.result is not None, result
                assert "自评表" in dialog.result.name and "公示" not in dialog.result.name


@run_async
async def test_export_from_the_palette(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"导出: 公示")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        assert app.screen.query_one("#x-kind", Select).value == "publicity"


# ----- problems and narratives
@run_async
async def test_narratives_saved_with_ctrl_s_and_ime_paste(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        area = screen.query_one("#narr-achievement", TextArea)
        area.focus()
        await pilot.press(*"校园网")
        app.post_message(events.Paste("全覆盖，班班通常态化使用"))  # an IME commit, as the driver sends it
        await settle(pilot)
        assert area.text == "校园网全覆盖，班班通常态化使用"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert queries.detail(aid).narratives["achievement"] == "校园网全覆盖，班班通常态化使用"
        await pilot.press("ctrl+s")  # nothing changed: nothing written
        await settle(pilot)
    history = [e.action for e in queries.audit_events(action="narrative.") if e.assessment_id == aid]
    assert history == ["narrative.achievement"]


@run_async
async def test_viewer_is_not_offered_changes(selfeval: int) -> None:
    """Issue 16: hidden, not refused after the fact: the texts are read-only, Ctrl+S and 新增问题 are not there."""
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(VIEWER, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        area = screen.query_one("#narr-problem", TextArea)
        assert area.read_only
        area.load_text("网络速率不足")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not screen.query_one("#problem-add", Button).display
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        assert not isinstance(app.screen, ProblemDialog)
    assert queries.detail(aid).problems == [] and "problem" not in queries.detail(aid).narratives


@run_async
async def test_add_problem_and_change_status(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProblemDialog)
        await pilot.press(*"录播教室未建成", "enter", *"张校长", "enter", *"2024-02-31", "enter")
        await settle(pilot)
        assert app.screen is dialog and "2024-02-31" in _text(dialog.query_one("#problem-error"))
        dialog.query_one("#p-due", Input).value = "2024-09-30"
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
        assert app.screen is screen
        problems = queries.detail(aid).problems
        assert [(p.text, p.responsible, str(p.deadline), p.status) for p in problems] == [
            ("录播教室未建成", "张校长", "2024-09-30", "open")]
        table = screen.query_one("#problem-table")
        assert table.row_count == 1  # type: ignore[attr-defined]
        next(b for b in screen.query(".problem-status").results(Button) if b.name == "rectifying").press()
        await settle(pilot)
        assert queries.detail(aid).problems[0].status == "rectifying"
        assert "整改中" in str(table.get_row_at(0))  # type: ignore[attr-defined]


# ----- campaign admin
@run_async
async def test_enrol_chosen_schools(selfeval: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdminScreen)
        pick = screen.query_one("#enrol-pick", SelectionList)
        assert pick.option_count == 10  # 13 schools, 3 enrolled
        screen.query_one("#enrol-some", Button).press()
        await settle(pilot)
        assert "请输入学校代码" in _text(screen.query_one("#admin-error"))
        screen.query_one("#enrol-codes", Input).value = "640424002，640424003 nosuch"
        screen.query_one("#enrol-some", Button).press()
        await settle(pilot)
        assert "nosuch" in _text(screen.query_one("#admin-error"))
        assert queries.count_rows(selfeval) == 3  # refused as a whole
        screen.query_one("#enrol-codes", Input).value = "640424002，640424003"
        pick.select(pick.get_option_at_index(pick.option_count - 1).value)
        screen.query_one("#enrol-some", Button).press()
        await settle(pilot)
        assert "新增参评学校3所" in _text(screen.query_one("#admin-error"))
        assert pick.option_count == 7
    assert queries.count_rows(selfeval) == 6


@run_async
async def test_notice_texts_show_defaults_and_save_changes(selfeval: int) -> None:
    from exports.gather import notice_texts

    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdminScreen)
        title = screen.query_one("#n-title", Input)
        assert title.value.startswith("泾源县2024年") and "通报" in title.value
        assert "默认" in _text(screen.query_one("#l-title", Label))
        assert "压实建设责任" in screen.query_one("#n-requirements", TextArea).text
        screen.query_one("#n-issue_date", Input).value = "2024-02-30"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "2024-02-30" in _text(screen.query_one("#admin-error"))
        assert notice_texts(queries.campaign(selfeval)) == {}
        screen.query_one("#n-issue_date", Input).value = "2024-07-20"
        title.value = "关于泾源县智慧校园评定结果的通报"
        screen.query_one("#n-order", Select).value = "score"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "已保存" in _text(screen.query_one("#admin-error"))
        assert "已保存" in _text(screen.query_one("#l-title", Label))
    saved = notice_texts(queries.campaign(selfeval))
    assert saved == {"issue_date": "2024-07-20", "order": "score", "title": "关于泾源县智慧校园评定结果的通报"}


# ----- drafts of unsaved score entries (issue 7)
@run_async
async def test_hangup_keeps_a_draft_and_login_offers_it_back(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    audit_before = len(queries.audit_events(limit=100000))
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        assert app._sighup_installed
        screen._fields["1.2"].focus()
        await pilot.press("4", "enter")  # saved
        await settle(pilot)
        screen._fields["1.1"].focus()
        await pilot.press("７", ".", "５")  # typed, not saved
        await pilot.pause()
        os.kill(os.getpid(), signal.SIGHUP)  # the SSH connection drops
        await pilot.pause(0.2)
    assert app.hung_up and app.return_code == 128 + signal.SIGHUP
    detail = queries.detail(aid)
    assert "1.1" not in detail.self_scores and detail.self_scores["1.2"].value == Decimal("4")
    assert len(queries.audit_events(limit=100000)) == audit_before + 1  # only the saved score
    draft = drafts.load_draft(ADMIN.name, selfeval, aid)
    assert draft is not None and draft.entries == {"1.1": "７.５"} and draft.reason in ("hangup", "exit", "leave")

    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DraftDialog) and "１" not in dialog.body()
        assert "新民乡中心小学" in dialog.body() and "1.1  ７.５" in dialog.body()
        dialog.query_one("#restore", Button).press()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        field = screen._fields["1.1"]
        assert field.value == "７.５" and app.focused is field
        assert "1.1" not in queries.detail(aid).self_scores  # restored, not applied
        await pilot.press("enter")
        await settle(pilot)
        assert queries.detail(aid).self_scores["1.1"].value == Decimal("7.5")
        await pilot.press("escape")
        await settle(pilot)
    assert drafts.load_draft(ADMIN.name, selfeval, aid) is None  # nothing unsaved: the draft is gone


@run_async
async def test_leaving_keeps_a_draft_offered_on_reopen_and_discarded(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        screen._fields["2.1"].focus()
        await pilot.press("3")
        await pilot.press("escape")  # back to the list without Enter
        await settle(pilot)
        assert drafts.load_draft(ADMIN.name, selfeval, aid).entries == {"2.1": "3"}  # type: ignore[union-attr]
        app.open_school(aid)
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, DraftDialog)
        await pilot.press("escape")  # later: the draft stays
        await settle(pilot)
        assert drafts.load_draft(ADMIN.name, selfeval, aid) is not None
        await pilot.press("escape")
        await settle(pilot)
        app.open_school(aid)
        await settle(pilot)
        app.screen.query_one("#discard", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen) and app.screen._fields["2.1"].value == ""
        assert drafts.load_draft(ADMIN.name, selfeval, aid) is None
    assert "2.1" not in queries.detail(aid).self_scores


@run_async
async def test_draft_for_a_school_no_longer_scoring_is_discarded(selfeval: int) -> None:
    from workflow.doors.campaigns import advance_campaign

    aid = _aid(selfeval, "640424007")
    drafts.save_draft(drafts.Draft(user=ADMIN.name, campaign_id=selfeval, assessment_id=aid,
                                   school_code="640424007", kind="verified", entries={"1.1": "5"}))
    advance_campaign(ADMIN, selfeval)
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DraftDialog)
        app.screen.query_one("#restore", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
    assert drafts.load_draft(ADMIN.name, selfeval, aid) is None
