"""上级认定 in the app (issue 15): Ctrl+O on a school awaiting the higher authority's decision.

中原区 sends 41010201 up with four stars (tests/workflow/test_upward_review.py ``_county_recommends``).
Its admin records the decision by hand from the keyboard: an empty document number and a date that
does not exist are refused naming the field, then the decision is recorded, the school is certified
four-star and the key is gone. 河南省's admin, whose tier is not the county's, is told so on Ctrl+O
on the county's school; it takes the recommendation into its own review from F9 (受理下级推荐),
decides there after its expert has verified, and the county's school history shows the decision in
the province's name. A form left open while someone else decided shows the door's refusal.
"""

from __future__ import annotations

from typing import Any

from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from tests.tui.helpers import open_school, run_async, settle
from tests.tui.test_visible import footer_line, screen_text
from tests.workflow.helpers import JIYUAN_WINDOWS, at
from tests.workflow.region_fixture import ROOT, build_province
from tests.workflow.test_upward_review import SCHOOL, _advance, _aid, _county_recommends
from tui.app import StarCampusApp
from tui.screens.dialogs.upward import UpwardDialog
from tui.screens.help import HelpScreen
from tui.screens.school import SchoolScreen
from workflow import clock
from workflow.doors.assignments import assign_experts
from workflow.doors.campaigns import create_campaign
from workflow.doors.rounds import confirm_carried, record_upward_decision
from workflow.doors.upward import pull_recommended
from workflow.doors.users import actor_for, add_user
from workflow.reads import queries
from workflow.statemachine.events import fire

SIZE = (100, 32)


def _messages(app: StarCampusApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def _wait_for(pilot: Pilot[Any], what: str, condition: Any, rounds: int = 40) -> None:
    for _ in range(rounds):
        if condition():
            return
        await settle(pilot, 2)
    raise AssertionError(f"waited for {what}; the screen shows:\n{screen_text(pilot.app)}")  # type: ignore[arg-type]


def _error(dialog: UpwardDialog) -> str:
    return str(dialog.query_one("#form-error", Static).render())


async def _type(pilot: Pilot[Any], text: str) -> None:
    await pilot.press(*list(text))


def _palette(app: StarCampusApp) -> list[str]:
    if not app.screen.query(CommandList):
        return []
    options = app.screen.query_one(CommandList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def _offered(app: StarCampusApp) -> bool:
    return "上级认定" in footer_line(screen_text(app))


@run_async
async def test_a_county_records_the_higher_authoritys_decision_by_hand(db: str) -> None:
    province = build_province()
    county = _county_recommends(province.admin("410102"))
    aid = _aid(county, SCHOOL)
    clock.pin(at("2022-12-20"))
    app = StarCampusApp(province.admin("410102"), campaign_id=county)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_school(pilot, app, aid)
        await _wait_for(pilot, "Ctrl+O in the footer", lambda: _offered(app))
        await pilot.press("f1")  # F1 lists the key among this screen's, with the id a keymap rebinds
        await _wait_for(pilot, "the help", lambda: isinstance(app.screen, HelpScreen))
        keys = str(app.screen.query_one("#help-text", Static).render())
        assert "上级认定" in keys and "school.upward" in keys and "Ctrl+O 上级认定：已报上级的学校" in keys
        await pilot.press("escape")
        await _wait_for(pilot, "the school again", lambda: isinstance(app.screen, SchoolScreen))
        await pilot.press("ctrl+p")  # the palette offers it by name too, and opens the same form
        await _type(pilot, "登记上级认定结果")
        await _wait_for(pilot, "the palette's first match", lambda: _palette(app)[:1] and "Ctrl+O" in _palette(app)[0])
        await pilot.press("down")
        await _wait_for(pilot, "the entry highlighted", lambda: app.screen.query_one(CommandList).highlighted == 0)
        await pilot.press("enter")
        await _wait_for(pilot, "the upward dialog", lambda: isinstance(app.screen, UpwardDialog))
        dialog = app.screen
        assert isinstance(dialog, UpwardDialog)
        text = screen_text(app)
        assert "中原区第一小学：登记上级认定结果" in text and "报上级：四星级" in text, text
        assert "认定机关（不填则为：" in text
        # 结果 (予以认定) and 认定星级 (the four stars sent up) are chosen; the document number is not typed.
        await pilot.press("tab", "tab", "tab")
        assert app.focused is dialog.query_one("#f-date", Input)
        await _type(pilot, "2022-12-32")
        await pilot.press("enter", "enter", "enter")  # 认定机关 left empty, then 确定
        await _wait_for(pilot, "the empty number refused", lambda: "认定文号" in _error(dialog))
        assert "“认定文号”不能为空" in _error(dialog)
        dialog.query_one("#f-doc_no", Input).value = "宁教发〔2022〕12号"  # Pilot cannot press 〔〕
        dialog.query_one("#ok", Button).press()
        await _wait_for(pilot, "the date refused", lambda: "认定日期" in _error(dialog))
        assert "2022-12-32" in _error(dialog) and isinstance(app.screen, UpwardDialog)
        dialog.query_one("#f-date", Input).focus()  # its text selected: typing replaces it
        await _type(pilot, "2022-12-31")
        await pilot.press("enter", "enter", "enter")
        await _wait_for(pilot, "the school screen again", lambda: isinstance(app.screen, SchoolScreen))
        await _wait_for(pilot, "the decision said", lambda: any("已登记" in m for m in _messages(app)))
        said = next(m for m in _messages(app) if "已登记" in m)
        assert "中原区第一小学" in said and "宁教发〔2022〕12号" in said and "2022-12-31" in said, said
        await _wait_for(pilot, "the level granted in the head", lambda: "四星级" in str(
            screen.query_one("#school-head", Static).render()) and not _offered(app))
        assert "已认定" in str(screen.query_one("#school-head", Static).render())
        await pilot.press("ctrl+o")  # no longer awaiting: nothing opens
        await settle(pilot)
        assert isinstance(app.screen, SchoolScreen)
        await pilot.press("f6")
        await _wait_for(pilot, "the decision in the history", lambda: "宁教发〔2022" in screen_text(app))
        assert "宁夏回族自治区教育厅" in screen_text(app) and "登记上级认定" in screen_text(app)
    row = queries.detail(aid).assessment
    assert (row.state, row.star_level, row.upward_granted, row.upward_doc_no) == ("certified", 4, True,
                                                                                 "宁教发〔2022〕12号")


@run_async
async def test_the_province_reviews_decides_and_the_county_sees_it(db: str) -> None:
    province = build_province()
    county = _county_recommends(province.admin("410102"))
    county_aid = _aid(county, SCHOOL)
    add_user(ROOT, "admin-41", "admin", region_code="41")
    add_user(ROOT, "expert-p", "expert", region_code="41", school_code="41010202")
    top = actor_for("admin-41")
    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title="河南省2022智慧校园四星级认定", rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    clock.pin(at("2022-12-20"))
    app = StarCampusApp(top, campaign_id=int(review.id))
    async with app.run_test(size=SIZE) as pilot:
        # Not the province's tier: Ctrl+O on the county's own school says so, and opens nothing.
        await open_school(pilot, app, county_aid)
        await _wait_for(pilot, "Ctrl+O on the county's school", lambda: _offered(app))
        await pilot.press("ctrl+o")
        await _wait_for(pilot, "the tier refusal", lambda: any("本级" in m for m in _messages(app)))
        assert isinstance(app.screen, SchoolScreen)

        # F9 (from any screen): 受理下级推荐 into the review, for the year the form proposes (the campaign's).
        await pilot.press("f9")
        await settle(pilot)
        app.screen.query_one("#upward-pull", Button).press()
        await _wait_for(pilot, "the pull form", lambda: "受理下级推荐：河南省2022" in screen_text(app))
        await _wait_for(pilot, "the year proposed", lambda: app.screen.query_one("#f-year", Input).value == "2022")
        app.screen.query_one("#ok", Button).press()
        await _wait_for(pilot, "the pull said", lambda: any("已受理1所学校" in m for m in _messages(app)))

        up = _aid(int(review.id), SCHOOL)
        assign_experts(top, "expert-p", [SCHOOL], campaign_id=review.id)
        _advance(top, int(review.id), "verification")
        expert = actor_for("expert-p")
        confirm_carried(expert, up)
        fire(expert, up, "finish_verification")

        await pilot.press("escape")
        await open_school(pilot, app, up)
        await _wait_for(pilot, "Ctrl+O on the reviewed school", lambda: _offered(app))
        await pilot.press("ctrl+o")
        await _wait_for(pilot, "the review's dialog", lambda: isinstance(app.screen, UpwardDialog))
        text = screen_text(app)
        assert "中原区第一小学：上级复核决定" in text and "以“河南省”为认定机关" in text, text
        assert not app.screen.query("#f-authority")  # no authority to type: the campaign's region decides
        await pilot.press("tab", "tab")
        assert app.focused is app.screen.query_one("#f-doc_no", Input)
        app.screen.query_one("#f-doc_no", Input).value = "豫教〔2022〕88号"
        await pilot.press("enter")
        await _type(pilot, "2022-12-18")
        await pilot.press("enter", "enter")
        await _wait_for(pilot, "the review decided", lambda: any("已决定" in m for m in _messages(app)))
        assert isinstance(app.screen, SchoolScreen)
        said = next(m for m in _messages(app) if "已决定" in m)
        assert "河南省 豫教〔2022〕88号" in said and "登记到县级评定工作" in said, said
        await _wait_for(pilot, "the key gone", lambda: not _offered(app))

        # The county's record, as its history tab shows it: decided in the province's name.
        await pilot.press("escape")
        await open_school(pilot, app, county_aid)
        await _wait_for(pilot, "the key gone on the county's school", lambda: not _offered(app) and "已认定" in str(
            app.screen.query_one("#school-head", Static).render()))
        await pilot.press("f6")
        await _wait_for(pilot, "the decision in the county's history",
                        lambda: "河南省 豫教〔2022〕88号 2022-12-18" in screen_text(app))


@run_async
async def test_a_form_left_open_while_another_decided_shows_the_doors_refusal(db: str) -> None:
    province = build_province()
    county = _county_recommends(province.admin("410102"))
    aid = _aid(county, SCHOOL)
    clock.pin(at("2022-12-20"))
    app = StarCampusApp(province.admin("410102"), campaign_id=county)
    async with app.run_test(size=SIZE) as pilot:
        await open_school(pilot, app, aid)
        await _wait_for(pilot, "Ctrl+O in the footer", lambda: _offered(app))
        await pilot.press("ctrl+o")
        await _wait_for(pilot, "the upward dialog", lambda: isinstance(app.screen, UpwardDialog))
        dialog = app.screen
        assert isinstance(dialog, UpwardDialog)
        dialog.query_one("#f-doc_no", Input).value = "宁教发〔2022〕12号"
        dialog.query_one("#f-date", Input).value = "2022-12-18"
        record_upward_decision(ROOT, aid, granted=False, doc_no="宁教发〔2022〕9号", decided_on="2022-12-15")
        dialog.query_one("#ok", Button).press()
        await _wait_for(pilot, "the door's refusal", lambda: "已报上级" in _error(dialog))
        assert "中原区第一小学的状态为“已认定”" in _error(dialog), _error(dialog)
        assert isinstance(app.screen, UpwardDialog)


def _hint(app: StarCampusApp) -> str:
    return str(app.screen.query_one("#actions-hint", Static).render())


@run_async
async def test_after_its_publicity_the_review_points_to_ctrl_o_and_the_county_is_refused_at_the_key(db: str) -> None:
    """An officer trial: F3 offered only 公示 and nothing named Ctrl+O; after 公示 the key was gone (a dead
    end); F9 offered 全部学校参评 on the review; the county's Ctrl+O opened the whole form, refusing on 确定."""
    province = build_province()
    county = _county_recommends(province.admin("410102"))
    county_aid = _aid(county, SCHOOL)
    add_user(ROOT, "admin-41", "admin", region_code="41")
    top = actor_for("admin-41")
    clock.pin(at("2022-11-10"))
    review = create_campaign(top, year=2022, region="", title="河南省2022智慧校园四星级认定", rubric="ningxia-2022",
                             windows=dict(JIYUAN_WINDOWS))
    pull_recommended(top, 2022, campaign_id=review.id)
    _advance(top, int(review.id), "verification")
    up = _aid(int(review.id), SCHOOL)
    confirm_carried(top, up)
    fire(top, up, "finish_verification")
    clock.pin(at("2022-12-20"))
    app = StarCampusApp(top, campaign_id=int(review.id))
    async with app.run_test(size=SIZE) as pilot:
        await open_school(pilot, app, up)
        await _wait_for(pilot, "Ctrl+O on the verified school", lambda: _offered(app))
        await pilot.press("f3")
        await _wait_for(pilot, "F3 naming Ctrl+O", lambda: "上级认定（Ctrl+O）" in _hint(app))
        fire(top, up, "publicize")
        await pilot.press("f5", "f3")  # read again
        await _wait_for(pilot, "the school publicized", lambda: "公示中" in str(
            app.screen.query_one("#school-head", Static).render()))
        await _wait_for(pilot, "Ctrl+O still offered after 公示", lambda: _offered(app) and "Ctrl+O" in _hint(app))
        await pilot.press("f1")
        await _wait_for(pilot, "F1", lambda: isinstance(app.screen, HelpScreen))
        assert "school.upward" in screen_text(app)  # the screen's keys list Ctrl+O (by its binding id) while offered
        await pilot.press("escape")
        await pilot.press("f9")
        await _wait_for(pilot, "the admin screen's pull button", lambda: bool(app.screen.query("#upward-pull")))
        await _wait_for(pilot, "no enrolment on a review", lambda: not app.screen.query_one("#enrol", Button).display
                        and not app.screen.query_one("#enrol-pick").display)

    app = StarCampusApp(province.admin("410102"), campaign_id=county)
    async with app.run_test(size=SIZE) as pilot:
        await open_school(pilot, app, county_aid)
        await _wait_for(pilot, "F3 saying the province reviews it", lambda: "上级在系统中复核" in _hint(app))
        await pilot.press("ctrl+o")
        await _wait_for(pilot, "the refusal at the key", lambda: any("上级在系统中复核" in m for m in _messages(app)))
        assert isinstance(app.screen, SchoolScreen)  # no form to fill in first
