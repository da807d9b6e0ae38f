"""Pilot tests for the school detail's "核定与异议" tab (Ctrl+R) and the F1 workflow drawing.

Data is built through the workflow doors; results are read back through workflow queries.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest
from textual.widgets import Button, Checkbox, DataTable, Input, Select, Static, TabbedContent, TextArea

from models.schema import Assessment, Objection
from tests.tui.conftest import WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dialogs import FormDialog
from tui.screens.help import HelpScreen, flow_text
from tui.screens.school import SchoolScreen
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.demo import ADMIN, EXPERT, spread
from workflow.doors.scores import set_scores
from workflow.permissions import Actor
from workflow.reads import queries, record_queries
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import fire

SIZE = (120, 40)
VIEWER = Actor("viewer", "viewer")
CLERK = Actor("xinmin", "school", "640424007")


def _text(widget: Static) -> str:
    return str(widget.render())


def _aid(campaign_id: int, code: str) -> int:
    row = queries.find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)


def _rows(screen: SchoolScreen, table_id: str) -> list[str]:
    table = screen.query_one(table_id, DataTable)
    return [" ".join(str(cell) for cell in table.get_row_at(i)) for i in range(table.row_count)]


async def _open_records(pilot, app: StarCampusApp, aid: int) -> SchoolScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.open_school(aid)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SchoolScreen)
    await pilot.press("ctrl+r")
    await settle(pilot)
    assert screen.query_one(TabbedContent).active == "records-tab"
    return screen


async def _press(pilot, screen: SchoolScreen, button_id: str) -> None:  # type: ignore[no-untyped-def]
    screen.query_one(f"#{button_id}", Button).press()
    await settle(pilot)


async def _ok(pilot, dialog: FormDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.query_one("#ok", Button).press()
    await settle(pilot)


@pytest.fixture
def publicized(demo: int) -> int:
    """A small 2024 campaign with one school (新民乡中心小学) in publicity; its assessment id."""
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, ["640424007"])
    aid = _aid(int(row.id), "640424007")
    rubric = rubric_of(row)
    advance_campaign(ADMIN, row.id)
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, spread(rubric, Decimal("83")), kind="self")
    fire(ADMIN, aid, "submit_self_evaluation")
    advance_campaign(ADMIN, row.id)
    fire(EXPERT, aid, "start_verification")
    set_scores(EXPERT, aid, spread(rubric, Decimal("81.5")), kind="verified")
    fire(EXPERT, aid, "finish_verification")
    fire(ADMIN, aid, "publicize")
    return aid


@run_async
async def test_record_a_verification(demo: int) -> None:
    aid = _aid(demo, "640424001")
    app = StarCampusApp(EXPERT, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_records(pilot, app, aid)
        assert len(_rows(screen, "#ver-table")) == 1  # the demo's own visit
        await _press(pilot, screen, "ver-add")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-experts", Input).value = "县督导办 [bold]王[/bold]"
        dialog.query_one("#f-date", Input).value = "2023-02-30"
        dialog.query_one("#f-methods-materials", Checkbox).value = True
        dialog.query_one("#f-methods-interview", Checkbox).value = True
        dialog.query_one("#f-findings", TextArea).load_text("档案齐全；[red]机房[/red]需改造")
        await _ok(pilot, dialog)
        assert app.screen is dialog  # an impossible date: the door's refusal stays in the dialog
        assert "2023-02-30" in _text(dialog.query_one("#form-error", Static))
        dialog.query_one("#f-date", Input).value = "2023-09-01"
        await _ok(pilot, dialog)
        assert app.screen is screen
        rows = _rows(screen, "#ver-table")
        assert len(rows) == 2
        assert any("2023-09-01" in r and "审验材料、座谈/谈话询问" in r and "[bold]王[/bold]" in r for r in rows)
        screen.query_one("#ver-table", DataTable).move_cursor(row=1)
        await settle(pilot)
        assert "[red]机房[/red]需改造" in _text(screen.query_one("#ver-detail", Static))  # literal, no markup
        await pilot.press("f6")
        await settle(pilot)
        rows = _rows(screen, "#history-table")
        assert any("记录核定过程" in r and EXPERT.name[:9] in r for r in rows), rows  # the actor may be cut: …
    visits = record_queries.verifications(aid)
    assert [(v.visited_on, v.methods, v.recorded_by) for v in visits][-1] == (
        "2023-09-01", ("materials", "interview"), EXPERT.name)
    assert any(e.assessment_id == aid and e.actor == EXPERT.name
               for e in queries.audit_events(action="verification.record"))


@run_async
async def test_objections_dismissed_and_upheld(demo: int, publicized: int) -> None:
    aid = publicized
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_records(pilot, app, aid)
        assert "公示中" in _text(screen.query_one("#school-head", Static))
        for who, text in (("家长甲", "网络没有全覆盖"), ("教师乙", "录播教室<未使用>")):
            await _press(pilot, screen, "obj-raise")
            dialog = app.screen
            assert isinstance(dialog, FormDialog)
            dialog.query_one("#f-raised_by", Input).value = who
            dialog.query_one("#f-text", TextArea).load_text(text)
            await _ok(pilot, dialog)
            assert app.screen is screen
        rows = _rows(screen, "#obj-table")
        assert len(rows) == 2 and all("待处理" in r for r in rows)
        # dismiss the first
        screen.query_one("#obj-table", DataTable).move_cursor(row=0)
        await _press(pilot, screen, "obj-dismiss")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await _ok(pilot, dialog)
        assert app.screen is dialog and "处理意见" in _text(dialog.query_one("#form-error", Static))
        dialog.query_one("#f-resolution", TextArea).load_text("经核实已全覆盖")
        await _ok(pilot, dialog)
        assert app.screen is screen
        assert "驳回" in _rows(screen, "#obj-table")[0]
        await _press(pilot, screen, "obj-uphold")  # the cursor is still on the dismissed one
        assert "已处理" in _text(screen.query_one("#rec-error", Static))
        # uphold the second: back to verification
        screen.query_one("#obj-table", DataTable).move_cursor(row=1)
        await settle(pilot)
        assert "录播教室<未使用>" in _text(screen.query_one("#obj-detail", Static))
        await _press(pilot, screen, "obj-uphold")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-resolution", TextArea).load_text("录播教室确未使用，重新核定")
        await _ok(pilot, dialog)
        assert app.screen is screen
        assert "核定中" in _text(screen.query_one("#school-head", Static))
        assert "成立" in _rows(screen, "#obj-table")[1]
        # no longer in publicity: the door refuses a new objection, inside the dialog
        await _press(pilot, screen, "obj-raise")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-raised_by", Input).value = "家长丙"
        dialog.query_one("#f-text", TextArea).load_text("迟到的异议")
        await _ok(pilot, dialog)
        assert app.screen is dialog and "公示" in _text(dialog.query_one("#form-error", Static))
    assert Assessment.get_by_id(aid).state == "verifying"
    assert [o.status for o in Objection.select().where(Objection.assessment == aid).order_by(Objection.id)] == [
        "dismissed", "upheld"]
    assert any(e.assessment_id == aid and e.to_state == "verifying" for e in queries.audit_events(action="event.uphold_objection"))


@run_async
async def test_toggle_a_veto(demo: int) -> None:
    aid = _aid(demo, "640424001")
    app = StarCampusApp(EXPERT, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_records(pilot, app, aid)
        head = screen.query_one("#school-head", Static)
        assert "二星级" in _text(head) and "一票否决" not in _text(head)
        assert "不成立" in _rows(screen, "#veto-table")[0]
        assert "二星级" in _text(screen.query_one("#veto-level", Static))
        await _press(pilot, screen, "veto-toggle")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        await _ok(pilot, dialog)
        assert app.screen is dialog  # a reason is asked for
        dialog.query_one("#f-reason", Input).value = "发生数据泄露事件"
        await _ok(pilot, dialog)
        assert app.screen is screen
        assert "成立" in _rows(screen, "#veto-table")[0] and "不成立" not in _rows(screen, "#veto-table")[0]
        assert "无（一票否决：V1）" in _text(screen.query_one("#veto-level", Static))
        assert "星级：无（一票否决：V1）" in _text(head)
        assert [v.code for v in record_queries.vetoes(aid) if v.holds] == ["V1"]
        # and back
        await _press(pilot, screen, "veto-toggle")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-reason", Input).value = "经查为误报"
        await _ok(pilot, dialog)
        assert "一票否决" not in _text(head) and "二星级" in _text(head)
    assert not any(v.holds for v in record_queries.vetoes(aid))
    actions = [(e.action, e.reason) for e in queries.audit_events(action="veto.") if e.assessment_id == aid]
    assert actions == [("veto.clear", "经查为误报"), ("veto.set", "发生数据泄露事件")]


@run_async
async def test_add_a_responsibility(demo: int) -> None:
    aid = _aid(demo, "640424007")
    app = StarCampusApp(CLERK, campaign_id=demo)  # a school user, on its own school
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_records(pilot, app, aid)
        assert len(_rows(screen, "#resp-table")) == 1  # 校长, 组长 (demo)
        await _press(pilot, screen, "resp-add")
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-person", Input).value = "李老师"
        dialog.query_one("#f-duty", Input).value = "成员"
        dialog.query_one("#f-indicator", Select).value = "1.1"
        await _ok(pilot, dialog)
        assert app.screen is screen
        assert "李老师 成员 1.1 校园网络" in _rows(screen, "#resp-table")
    assert [(r.person, r.duty, r.indicator_code) for r in record_queries.responsibilities(aid)][-1] == (
        "李老师", "成员", "1.1")


@run_async
async def test_viewer_is_not_offered_the_changes(demo: int) -> None:
    aid = _aid(demo, "640424001")
    expected = record_queries.refusals(VIEWER, "640424001")
    assert all(expected.values())  # a viewer may change none of these
    app = StarCampusApp(VIEWER, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_records(pilot, app, aid)
        for button_id, action in (("ver-add", "verification.record"), ("veto-toggle", "veto.set"),
                                  ("obj-raise", "objection.raise"), ("resp-add", "responsibility.edit")):
            button = screen.query_one(f"#{button_id}", Button)
            assert not button.display, action  # not offered (issue 16: hidden, not greyed)
            await _press(pilot, screen, button_id)
            assert not isinstance(app.screen, FormDialog)
    assert len(record_queries.verifications(aid)) == 1 and not any(v.holds for v in record_queries.vetoes(aid))


@run_async
async def test_help_draws_the_workflow(demo: int) -> None:
    flow = flow_text().plain
    assert "已参评\n  -> 自评中" in flow and "-> (整改中)" in flow
    assert "-> 公示中" in flow and "-> 已认定" in flow and "   | 未达星级" in flow
    side = flow.split("旁支事件")[1]
    for event in ("退回", "异议成立，重新核定", "申请晋级", "开始年度复核"):
        assert event in side
    assert "公示中 -> 核定中" in side
    # 未参评 settles from any unverified state: a side event, not the main line's end
    assert "未参评（终止参评）：已参评/自评中/整改中/已提交自评/核定中 -> 未参评" in side
    assert not [c for c in flow if unicodedata.east_asian_width(c) == "A"]  # no ambiguous-width glyphs
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert "-> 已提交自评" in _text(app.screen.query_one("#help-text", Static))
