"""Two people editing one school's texts: the TUI sends the version it read, so a change made
meanwhile is refused with who made it, never silently overwritten (issue 17)."""

from __future__ import annotations

from textual.widgets import Button, Static, TextArea

from tests.tui.helpers import assessment_id as _aid
from tests.tui.helpers import open_school as _open
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from workflow.doors.demo import ADMIN
from workflow.doors.records import add_problem, set_narrative, set_problem_status
from workflow.permissions import Actor
from workflow.reads import queries

SIZE = (120, 40)
SCHOOL = Actor("xinmin", "school", "640424007")




@run_async
async def test_narrative_changed_meanwhile_is_not_overwritten(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        set_narrative(SCHOOL, aid, "achievement", "学校自己写的成效")  # the school writes while the admin types
        screen.query_one("#narr-achievement", TextArea).load_text("管理员写的成效")
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(screen.query_one("#records-error", Static).render())
        assert "xinmin" in error
        assert queries.detail(aid).narratives["achievement"] == "学校自己写的成效"
        assert screen.query_one("#narr-achievement", TextArea).text == "管理员写的成效"  # kept to decide on
        await pilot.press("ctrl+s")  # read again since: now it is a knowing overwrite
        await settle(pilot)
        assert queries.detail(aid).narratives["achievement"] == "管理员写的成效"
        screen.query_one("#narr-achievement", TextArea).load_text("管理员改过两次")
        await pilot.press("ctrl+s")  # the version returned by the last save is the one sent
        await settle(pilot)
    assert queries.detail(aid).narratives["achievement"] == "管理员改过两次"


@run_async
async def test_problem_status_changed_meanwhile_is_refused(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    problem = add_problem(ADMIN, aid, "录播教室未建成")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        await pilot.press("f4")
        set_problem_status(SCHOOL, int(problem.id), "closed")
        next(b for b in screen.query(".problem-status").results(Button) if b.name == "rectifying").press()
        await settle(pilot)
        assert "xinmin" in str(screen.query_one("#records-error", Static).render())
        assert queries.detail(aid).problems[0].status == "closed"
        next(b for b in screen.query(".problem-status").results(Button) if b.name == "rectifying").press()
        await settle(pilot)
        next(b for b in screen.query(".problem-status").results(Button) if b.name == "open").press()
        await settle(pilot)  # the second change carries the version the first one returned
    assert queries.detail(aid).problems[0].status == "open"


@run_async
async def test_notice_text_changed_meanwhile_is_not_overwritten(selfeval: int) -> None:
    from textual.widgets import Input

    from exports.gather import notice_texts
    from tui.screens.admin import AdminScreen
    from workflow.doors.notice_texts import set_notice_text

    other = Actor("admin-2", "admin")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.action_admin()
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AdminScreen)
        set_notice_text(other, selfeval, "title", "另一位管理员的标题")  # saved while this form is open
        title = screen.query_one("#n-title", Input)
        shown = title.value
        title.value = "本表单的标题"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "admin-2" in str(screen.query_one("#admin-error", Static).render())
        assert notice_texts(queries.campaign(selfeval))["title"] == "另一位管理员的标题"
        title.value = shown  # leave the title alone: a text nobody else touched saves (version 0: never saved)
        screen.query_one("#n-requirements", TextArea).load_text("新的工作要求")
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert notice_texts(queries.campaign(selfeval))["requirements"] == "新的工作要求"
