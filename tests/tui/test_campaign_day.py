"""Pilot tests of issue 16 (a campaign day in the terminal): final events asked for and fired once,
dialogs that open on their first field and ask before dropping typed text, year-less dates in the
campaign's year, and a returned school told why at login."""

from __future__ import annotations

import threading
from decimal import Decimal
from typing import Any

import pytest
from textual.widgets import Button, Input, Label, Static, TextArea

from tests.tui.conftest import WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dialogs import ConfirmDialog, FormDialog, ProblemDialog, ReasonDialog
from tui.screens.dialogs.discard import DiscardDialog
from tui.screens.dialogs.returned import ReturnedDialog
from tui.screens.school import SchoolScreen
from tui.widgets.school_actions import EventButton
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.demo import ADMIN, EXPERT, spread
from workflow.doors.records import raise_objection
from workflow.doors.scores import set_scores
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import fire

SIZE = (120, 40)
CLERK = Actor("xinmin", "school", "640424007")


def _text(widget: Static) -> str:
    return str(widget.render())


def _aid(campaign_id: int, code: str) -> int:
    row = queries.find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)


def _events(aid: int, trigger: str) -> int:
    """How many times ``trigger`` was fired on this assessment (its audit records)."""
    code = queries.detail(aid).school.code
    return sum(1 for e in queries.school_history(code)
               if e.action == f"event.{trigger}" and e.assessment_id == aid)


def _button(screen: SchoolScreen, trigger: str) -> EventButton:
    return next(b for b in screen.query("#event-buttons EventButton").results(EventButton) if b.name == trigger)


async def _open(pilot, app: StarCampusApp, aid: int) -> SchoolScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    app.open_school(aid)
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, SchoolScreen), f"the school screen, not {screen!r}"
    return screen


@pytest.fixture
def scored(selfeval: int) -> int:
    """640424007 self-evaluating with every leaf self-scored: submit is allowed. Its assessment id."""
    aid = _aid(selfeval, "640424007")
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, spread(rubric_of(queries.campaign(selfeval)), Decimal("83")), kind="self")
    return aid


# ----- safe decisions
@run_async
async def test_submit_asks_naming_school_event_and_consequence(scored: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=queries.detail(scored).campaign.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, scored)
        await pilot.press("f3")
        await settle(pilot)
        _button(screen, "submit_self_evaluation").press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog), "submit asks first"
        assert "新民乡中心小学" in dialog.title_text and "提交自评表" in dialog.title_text
        assert "不能再改自评分" in dialog.body and "640424007" in dialog.body
        await pilot.press("enter")  # the focus starts on 取消: a stray Enter declines
        await settle(pilot)
        assert app.screen is screen
        assert queries.detail(scored).assessment.state == "self_evaluating"
        _button(screen, "submit_self_evaluation").press()
        await settle(pilot)
        app.screen.query_one("#ok", Button).press()
        await settle(pilot)
        assert queries.detail(scored).assessment.state == "submitted"


@run_async
async def test_a_double_click_fires_one_event_and_never_lands_on_return(scored: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=queries.detail(scored).campaign.id)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, scored)
        await pilot.press("f3")
        await settle(pilot)
        submit = _button(screen, "submit_self_evaluation")
        await pilot.click(submit, times=2)  # the clerk's quick second click
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog), "one confirmation, no second press behind it"
        ok = app.screen.query_one("#ok", Button).region
        await pilot.click(offset=(ok.x + 1, ok.y))
        await pilot.click(offset=(ok.x + 1, ok.y))  # a second click where the dialog's button was
        await settle(pilot)
        assert app.screen is screen, f"no second dialog (退回's reason) opened: {app.screen!r}"
        assert _events(scored, "submit_self_evaluation") == 1
        assert _events(scored, "return_to_school") == 0
        assert queries.detail(scored).assessment.state == "submitted"


@run_async
async def test_buttons_are_disabled_in_place_while_an_event_is_in_flight(
        selfeval: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.screens.school as school_module

    # The event's write waits until the test has looked at the buttons: "in flight" for as long as needed.
    release = threading.Event()
    real_fire = school_module.fire

    def held_fire(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(30), "the test never released the event's write"
        return real_fire(*args, **kwargs)

    monkeypatch.setattr(school_module, "fire", held_fire)
    aid = _aid(selfeval, "640424001")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f3")
        await settle(pilot)
        start = _button(screen, "start_self_evaluation")
        where = start.region
        await pilot.click(start)
        await pilot.pause()
        # The write is held: every button disabled where it was, and further clicks are nothing.
        assert all(b.disabled for b in screen.query("#event-buttons EventButton").results(EventButton))
        assert start.region == where
        await pilot.click(start)
        await pilot.press("enter")
        release.set()
        await settle(pilot)
        assert _events(aid, "start_self_evaluation") == 1
        assert queries.detail(aid).assessment.state == "self_evaluating"
        assert not any(b.disabled for b in screen.query("#event-buttons EventButton").results(EventButton))


@run_async
async def test_a_reason_dialog_for_lowering_names_the_consequence(selfeval: int) -> None:
    """降级 needs a reason and is final: its reason dialog is the confirmation, naming what follows."""
    from tui.widgets.school_actions import ActionsPane
    from workflow.statemachine.events import EventOption

    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f3")
        pane = screen.query_one(ActionsPane)
        # The school's real options stand in for a re-reviewed one: the pane is shown one lower_level.
        pane.show([EventOption("lower_level", "降级", True, "", True)])
        await settle(pilot)
        _button(screen, "lower_level").press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReasonDialog)
        body = _text(dialog.query_one("#reason-body", Static))
        assert "降级" in body and "新星级立即生效" in body and "新民乡中心小学" in body
        await pilot.press("escape")  # nothing typed: closes, nothing fired
        await settle(pilot)
        assert app.screen is screen and pane.busy is None


# ----- dialogs: first field, Esc
@run_async
async def test_visit_dialog_opens_on_the_experts_and_keeps_the_date(demo: int) -> None:
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, ["640424007"])
    aid = _aid(int(row.id), "640424007")
    advance_campaign(ADMIN, row.id)
    fire(ADMIN, aid, "start_self_evaluation")
    set_scores(ADMIN, aid, spread(rubric_of(row), Decimal("83")), kind="self")
    fire(ADMIN, aid, "submit_self_evaluation")
    advance_campaign(ADMIN, row.id)
    fire(ADMIN, aid, "start_verification")
    app = StarCampusApp(ADMIN, campaign_id=int(row.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen.query_one("#ver-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        assert dialog.focused is dialog.query_one("#f-experts", Input), f"focus on {dialog.focused!r}"
        await pilot.press(*"王专家")
        assert dialog.query_one("#f-experts", Input).value == "王专家"
        assert dialog.query_one("#f-date", Input).value == "2024-06-10"
        labels = " ".join(str(label.render()) for label in dialog.query(Label).results(Label))
        assert "9月16日" in labels and "2024" in labels  # the date's label says which year a bare date is in


@run_async
async def test_esc_over_typed_text_asks_and_on_an_untouched_dialog_closes(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ProblemDialog)
        await pilot.press("escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.screen is screen
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProblemDialog)
        await pilot.press(*"机房漏水")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardDialog), "typed text is not dropped without asking"
        await pilot.press("escape")  # keep editing
        await settle(pilot)
        assert app.screen is dialog and dialog.query_one("#p-text", Input).value == "机房漏水"
        await pilot.press("escape")
        await settle(pilot)
        app.screen.query_one("#discard", Button).press()
        await settle(pilot)
        assert app.screen is screen
    assert queries.detail(aid).problems == []


@run_async
async def test_objection_resolution_opens_on_its_text_box(demo: int) -> None:
    # A school in publicity with one open objection (as tests/tui/test_records.py builds it).
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
    raise_objection(ADMIN, aid, raised_by="家长", text="录播教室不存在")
    app = StarCampusApp(ADMIN, campaign_id=int(row.id))
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("ctrl+r")
        await settle(pilot)
        screen.query_one("#obj-dismiss", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        area = dialog.query_one("#f-resolution", TextArea)
        assert dialog.focused is area, f"focus on {dialog.focused!r}"
        await pilot.press(*"经核实录播教室已建成")
        assert area.text == "经核实录播教室已建成"
        await pilot.press("escape")  # from inside the text box too: asked, not dropped
        await settle(pilot)
        assert isinstance(app.screen, DiscardDialog)


# ----- one date rule
@run_async
async def test_problem_deadline_without_a_year_is_in_the_campaigns_year(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        screen.query_one("#problem-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProblemDialog)
        assert "2024" in _text(dialog.query_one("#p-due-hint", Static))  # the hint says which year
        await pilot.press(*"录播教室未建成", "enter", *"张校长", "enter", *"9月16日", "enter")
        await settle(pilot)
        assert app.screen is screen, _text(dialog.query_one("#problem-error", Static))
    assert [str(p.deadline) for p in queries.detail(aid).problems] == ["2024-09-16"]


# ----- a return, shown to the school
@run_async
async def test_a_returned_school_reads_the_reason_in_full_at_login(scored: int) -> None:
    reason = "1.1 分值与佐证不符：录播教室尚未验收，请据实重评；另请补充2.3的佐证材料（照片与验收单）。"
    fire(ADMIN, scored, "submit_self_evaluation")
    fire(ADMIN, scored, "return_to_school", reason=reason)
    app = StarCampusApp(CLERK, campaign_id=queries.detail(scored).campaign.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ReturnedDialog), f"the notice is on the first screen, not {dialog!r}"
        assert reason in dialog.body and "demo-admin" in dialog.body
        dialog.query_one("#open", Button).press()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        assert reason in _text(screen.query_one("#returned-note", Static))


@run_async
async def test_no_return_notice_once_resubmitted(scored: int) -> None:
    fire(ADMIN, scored, "submit_self_evaluation")
    fire(ADMIN, scored, "return_to_school", reason="请补充佐证")
    fire(CLERK, scored, "submit_self_evaluation")
    app = StarCampusApp(CLERK, campaign_id=queries.detail(scored).campaign.id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ReturnedDialog)


# ----- evidence in the sheet
@run_async
async def test_evidence_typed_in_the_sheet_is_saved_with_the_score_and_shown_to_experts(selfeval: int) -> None:
    from tui.screens.dialogs import EvidenceDialog

    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        field = screen._fields["1.1"]
        field.focus()
        await pilot.press("ctrl+t")  # no score yet: asked for it first
        await settle(pilot)
        assert not isinstance(app.screen, EvidenceDialog)
        assert "先填写该项分值" in _text(screen._errors["1.1"])
        await pilot.press("4")
        field.focus()
        await pilot.press("ctrl+t")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EvidenceDialog)
        await pilot.press(*"网络中心验收单 2024-05")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen
        assert "[佐证]" in _text(screen.sheet.names["1.1"])
    stored = queries.detail(aid).self_scores["1.1"]
    assert (stored.value, stored.evidence) == (Decimal("4"), "网络中心验收单 2024-05")
    # An expert reading the school sees the evidence beside the self score.
    expert_app = StarCampusApp(EXPERT, campaign_id=selfeval)
    async with expert_app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, expert_app, aid)
        screen.sheet.leaf_info("1.1")
        info = _text(screen.query_one("#leaf-info", Static))
        assert "自评4分" in info and "网络中心验收单 2024-05" in info


# ----- problems: edit, delete, overdue, filter
@run_async
async def test_problems_edited_deleted_and_overdue_flagged_and_filtered(selfeval: int) -> None:
    from textual.widgets import DataTable, Select

    from workflow.doors.records import add_problem

    aid = _aid(selfeval, "640424007")
    add_problem(ADMIN, aid, "机房空调损坏", responsible="李老师", deadline="2024-05-01")  # past (today 2024-06-10)
    add_problem(ADMIN, aid, "录播教室未建成", responsible="张校长", deadline="2024-09-30")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        await settle(pilot)
        table = screen.query_one("#problem-table", DataTable)
        rows = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        assert "逾期" in rows[0] and "逾期" not in rows[1]
        screen.query_one("#problem-filter", Select).value = "overdue"
        await settle(pilot)
        assert table.row_count == 1 and "机房空调损坏" in str(table.get_row_at(0))
        screen.query_one("#problem-filter", Select).value = "all"
        await settle(pilot)
        table.move_cursor(row=1)
        screen.query_one("#problem-edit", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ProblemDialog)
        assert dialog.query_one("#p-text", Input).value == "录播教室未建成"
        dialog.query_one("#p-due", Input).value = "10月15日"  # the campaign's year
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
        assert app.screen is screen
        table.move_cursor(row=0)
        next(b for b in screen.query(".problem-status").results(Button) if b.name == "closed").press()
        await settle(pilot)
        assert "逾期" not in str(table.get_row_at(0))  # closed: no longer owed
        screen.query_one("#problem-delete", Button).press()
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.screen.query_one("#ok", Button).press()
        await settle(pilot)
        assert table.row_count == 1
    problems = queries.detail(aid).problems
    assert [(p.text, str(p.deadline)) for p in problems] == [("录播教室未建成", "2024-10-15")]
    actions = [e.action for e in queries.school_history("640424007") if e.assessment_id == aid]
    assert "problem.edit" in actions and "problem.delete" in actions
