"""Pilot tests: each screen driven on the demo database, changes read back through workflow.reads.queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from textual.widgets import Button, Checkbox, DataTable, Input, Select, Static

from rubrics.scoring import format_score
from tests.tui.helpers import assessment_id as _aid
from tests.tui.helpers import open_school as _open
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.admin import AdminScreen
from tui.screens.audit import AuditScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.school import SchoolScreen
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN, EXPERT
from workflow.doors.scores import set_score
from workflow.permissions import Actor
from workflow.reads import queries

SIZE = (120, 40)


def _text(widget: Static) -> str:
    return str(widget.render())


def _button(screen: SchoolScreen, trigger: str) -> Button:
    return next(b for b in screen.query("#event-buttons Button").results(Button) if b.name == trigger)



@run_async
async def test_dashboard_lists_and_filters(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one(SchoolTable)
        assert table.total == 13
        assert "泾源县第一中学" in [r.name for r in table._pages[0]]
        table.focus()
        await pilot.press("新", "民")  # typing on the list goes to the filter box
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "新民"
        assert table.total == 1 and table.current() is not None
        assert table.current().code == "640424007"  # type: ignore[union-attr]
        await pilot.press("escape")
        await settle(pilot)
        assert table.total == 13
        app.screen.query_one("#state", Select).value = "not_rated"
        await settle(pilot)
        assert table.total == 4
        app.screen.query_one("#state", Select).clear()
        app.screen.query_one("#township", Select).value = "香水镇"
        await settle(pilot)
        assert table.total == 6
        app.screen.query_one("#township", Select).clear()
        app.screen.query_one("#star", Select).value = 3
        await settle(pilot)
        assert table.total == 3
        counts = _text(app.screen.query_one("#star-bars"))
        assert "三星级" in counts


@run_async
async def test_dashboard_sorts_and_opens(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(SchoolTable)
        app.screen.post_message(SchoolTable.SortRequested("verified_total"))  # a header click
        await settle(pilot)
        app.screen.post_message(SchoolTable.SortRequested("verified_total"))  # again: descending
        await settle(pilot)
        assert table._pages[0][0].name == "泾源县城关第一小学"  # 94.5
        table.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        head = _text(app.screen.query_one("#school-head"))
        assert "泾源县城关第一小学" in head and "四星级" in head and "暂定" in head
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


@run_async
async def test_school_markup_is_shown_literally(demo: int) -> None:
    from workflow.doors.schools import SchoolRow, import_schools

    import_schools(ADMIN, [SchoolRow("640424001", "[bold]x[/bold]", "香水镇", "初中", 1)])
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_school(_aid(demo, "640424001"))
        await settle(pilot)
        assert "[bold]x[/bold]" in _text(app.screen.query_one("#school-head"))



@pytest.mark.both_backends
@run_async
async def test_score_entry_saves(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        field = screen._fields["1.1"]
        field.focus()
        await pilot.press("７", ".", "５", "enter")  # full-width digits, as an IME sends them
        await settle(pilot)
        assert app.focused is screen._fields["1.2"]  # Enter moved on to the next leaf
        await pilot.press("4", "enter")
        await settle(pilot)
    detail = queries.detail(aid)
    assert detail.self_scores["1.1"].value == Decimal("7.5")
    assert detail.self_scores["1.2"].value == Decimal("4")
    assert detail.assessment.self_total == Decimal("11.5")


@run_async
async def test_ime_paste_is_accepted(selfeval: int) -> None:
    from textual import events

    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        field = screen._fields["1.1"]
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste("６.５\n"))
        await settle(pilot)
    assert queries.detail(aid).self_scores["1.1"].value == Decimal("6.5")


@run_async
async def test_bad_scores_are_refused_inline(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        for typed, words in (("99", "超过满分"), ("abc", "不是有效分值"), ("3.3", "0.5"), ("-1", "")):
            field = screen._fields["1.1"]
            field.focus()
            field.value = ""
            await pilot.press(*typed, "enter")
            await settle(pilot)
            error = _text(screen._errors["1.1"])
            assert error and words in error, (typed, error)
            assert app.focused is field
    assert "1.1" not in queries.detail(aid).self_scores


@run_async
async def test_conflict_is_shown_and_nothing_overwritten(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        # someone else saves the same school meanwhile
        set_score(Actor("xinmin", "school", "640424007"), aid, "1.1", "5")
        field = screen._fields["1.1"]
        field.focus()
        await pilot.press("8", "enter")
        await settle(pilot)
        error = _text(screen._errors["1.1"])
        assert "xinmin" in error and "未覆盖" in error
    assert queries.detail(aid).self_scores["1.1"].value == Decimal("5")


@run_async
async def test_expert_sees_self_score_beside_field(demo: int) -> None:
    from workflow.doors.rounds import open_round

    # The 2024 annual review, with the school chosen by the bureau: its verified sheet carried over.
    open_round(ADMIN, 2024, campaign_id=demo, schools=["640424007"])
    aid = _aid(demo, "640424007")
    app = StarCampusApp(EXPERT, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        assert screen.view is not None and screen.view.editable == "verified"
        detail = queries.detail(aid)
        self_cell, _ = screen._cells["1.1"]
        assert _text(self_cell) == format_score(detail.self_scores["1.1"].value)
        assert screen._fields["1.1"].value == format_score(detail.verified_scores["1.1"].value)


@run_async
async def test_workflow_action_and_refusal(selfeval: int) -> None:
    aid = _aid(selfeval, "640424001")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f3")
        _button(screen, "start_self_evaluation").press()
        await settle(pilot)
        assert queries.detail(aid).assessment.state == "self_evaluating"
        refused = _button(screen, "submit_self_evaluation")
        assert refused.has_class("refused")
        refused.press()
        await settle(pilot)
        reason = _text(screen.query_one("#refusal"))
        assert "未评分" in reason
    assert queries.detail(aid).assessment.state == "self_evaluating"


@run_async
async def test_reason_dialog(demo: int) -> None:
    """An event that needs a reason asks for it in a modal; cancelling changes nothing."""
    from tui.screens.dialogs import ReasonDialog
    from workflow.doors.rounds import confirm_carried, open_round
    from workflow.doors.scores import set_scores

    open_round(ADMIN, 2024, campaign_id=demo, schools=["640424001"])
    aid = _aid(demo, "640424001")
    confirm_carried(ADMIN, aid)
    detail = queries.detail(aid)
    set_scores(ADMIN, aid, {c: s.value for c, s in detail.verified_scores.items()} | {"1.1": "0"},
               kind="verified")
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        _button(screen, "lower_level").press()
        await settle(pilot)
        assert isinstance(app.screen, ReasonDialog)
        await pilot.press("enter")
        assert "不能为空" in _text(app.screen.query_one("#reason-error"))
        await pilot.press(*"复核发现网络未达标", "enter")
        await settle(pilot)
        assert app.screen is screen
    row = queries.detail(aid).assessment
    assert row.state == "certified"
    assert queries.school_history("640424001")[0].reason == "复核发现网络未达标"


@run_async
async def test_create_campaign_refuses_impossible_date(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdminScreen)
        values = {"title": "济源市2022年数字校园星级评定", "region": "济源市", "year": "2022",
                  "mobilization-start": "2022-09-16", "mobilization-end": "2022-09-31",
                  "self_evaluation-start": "2022-10-01", "self_evaluation-end": "2022-10-15",
                  "verification-start": "2022-10-16", "verification-end": "2022-10-31",
                  "promotion-start": "2022-11-01", "promotion-end": "2024-12-31"}
        for name, value in values.items():
            screen.query_one(f"#f-{name}", Input).value = value
        screen.query_one("#f-rubric", Select).value = "henan-v2"
        screen.query_one("#f-enrol", Checkbox).value = True
        screen.query_one("#create", Button).press()
        await settle(pilot)
        error = _text(screen.query_one("#admin-error"))
        assert "2022-09-31" in error and "不存在" in error
        assert len(queries.campaigns()) == 1
        screen.query_one("#f-mobilization-end", Input).value = "2022-09-30"
        screen.query_one("#create", Button).press()
        await settle(pilot)
    made = queries.campaigns()
    assert sorted(c.year for c in made) == [2022, 2023]
    new = next(c for c in made if c.year == 2022)
    assert new.rubric_id == "henan-v2" and queries.count_rows(new.id) == 13


@run_async
async def test_advance_campaign_lists_leftovers(selfeval: int) -> None:
    from tui.screens.dialogs import ConfirmDialog

    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        app.screen.query_one("#advance", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "已参评: 3" in dialog.body
        dialog.query_one("#ok", Button).press()
        await settle(pilot)
    assert queries.campaign(selfeval).phase == "verification"


@run_async
async def test_audit_screen_verifies_chain(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        assert "审计链完整" in _text(screen.query_one("#chain"))
        table = screen.query_one("#audit-table")
        everything = table.row_count  # type: ignore[attr-defined]
        screen.query_one("#a-school", Input).value = "640424007"
        await settle(pilot)
        assert 0 < table.row_count < everything  # type: ignore[attr-defined]


@run_async
async def test_help_and_palette(demo: int) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"新民")
        await settle(pilot)
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        assert "新民乡中心小学" in _text(app.screen.query_one("#school-head"))


@run_async
async def test_english(demo: int) -> None:
    from workflow.i18n import set_language

    set_language("en")
    try:
        app = StarCampusApp(ADMIN, campaign_id=demo)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert "Schools per state" in _text(app.screen.query_one("#state-bars"))
            assert "Certified" in _text(app.screen.query_one("#state-bars"))
    finally:
        set_language("zh")


@run_async
async def test_audit_screen_keeps_the_servers_verdict_from_a_school(demo: int) -> None:
    # The chain's findings name any school's scores: a school user reads its own rows, not the verdict.
    app = StarCampusApp(Actor("xinmin", "school", "640424007"), campaign_id=demo)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AuditScreen)
        chain = _text(screen.query_one("#chain"))
        assert "审计链完整" not in chain and "校验全部审计记录" in chain, chain
        table = screen.query_one("#audit-table", DataTable)
        assert table.row_count > 0
        assert {str(table.get_row_at(i)[3]) for i in range(table.row_count)} <= {"640424007", ""}
