"""The score grid's both view (issue 13): the school's self score grey beside each verified cell,
the verified one entered, for an expert going school after school."""

from __future__ import annotations

from decimal import Decimal

from textual import events

from tests.tui.conftest import WINDOWS_2024
from tests.tui.helpers import run_async, settle
from tests.tui.test_visible import footer_line, screen_text
from tui.app import StarCampusApp
from tui.screens.help import HelpScreen
from tui.screens.score_grid import ScoreGridScreen
from tui.widgets.score_grid import HEADER
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol
from workflow.doors.demo import ADMIN, EXPERT, spread
from workflow.doors.scores import set_scores
from workflow.reads import queries
from workflow.rubric_cache import rubric_of
from workflow.statemachine.events import fire

SIZE = (120, 30)
SCHOOLS = ["640424001", "640424007"]


def _verifying(self_total: str) -> int:
    """A 2024 campaign in verification: two schools submitted with ``self_total`` and being verified."""
    row = create_campaign(ADMIN, year=2024, region="泾源县", title="泾源县2024年智慧校园星级评定",
                          rubric="ningxia-2022", windows=dict(WINDOWS_2024))
    enrol(ADMIN, row.id, SCHOOLS)
    advance_campaign(ADMIN, row.id)
    scores = spread(rubric_of(row), Decimal(self_total))
    aids = []
    for code in SCHOOLS:
        found = queries.find_assessment(int(row.id), code)
        assert found is not None
        aids.append(int(found.id))
        fire(ADMIN, aids[-1], "start_self_evaluation")
        set_scores(ADMIN, aids[-1], scores, kind="self")
        fire(ADMIN, aids[-1], "submit_self_evaluation")
    advance_campaign(ADMIN, row.id)
    for aid in aids:
        fire(EXPERT, aid, "start_verification")
    return int(row.id)


@run_async
async def test_f3_shows_self_beside_verified_and_enters_the_verified_score(demo: int) -> None:
    campaign_id = _verifying("81")
    app = StarCampusApp(EXPERT, campaign_id=campaign_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScoreGridScreen)
        grid = screen.grid
        assert grid.kind == "verified"  # an expert opens on the scores it enters
        assert "f3 自评/核定/对照" in footer_line(screen_text(app))  # the key that cycles the views
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen) and "自评/核定/对照" in str(app.screen.query_one("#help-text").render())
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("f3")
        await settle(pilot)
        assert grid.kind == "both" and grid.grid_layout is not None
        leaves = grid.grid_layout.leaves
        first = grid.current()
        assert first is not None
        own = queries.detail(first.assessment_id).self_scores
        header = grid.render_line(0).text, grid.render_line(1).text
        assert f"{leaves[0].code} /" in header[0] and "自评" in header[1] and "核定" in header[1]
        assert "对照" in str(screen.query_one("#grid-title").render())
        # The school's line: its self total, no verified total yet, then per leaf self beside "-".
        cells = grid.render_line(HEADER).text.split()
        assert cells[2:4] == ["81", "-"], cells
        assert cells[5:7] == [str(own[leaves[0].code].value.normalize()), "-"], cells

        # Typed into the both view: the verified score is stored, the self score untouched, the
        # verified total and level on the line at once; the cursor one school down.
        await pilot.press("0", "enter")
        await settle(pilot)
        stored = queries.detail(first.assessment_id)
        assert stored.verified_scores[leaves[0].code].value == Decimal(0)
        assert stored.self_scores == own
        assert grid.row == 1
        cells = grid.render_line(HEADER).text.split()
        assert cells[2:4] == ["81", "0"] and cells[6] == "0", cells
        saved = grid.row_at(0)
        assert saved is not None and saved.total == Decimal(0) and saved.self_total == Decimal(81)

        # A paste in the both view fills the verified cells too, the self ones beside them left alone.
        second = grid.current()
        assert second is not None and second.assessment_id != first.assessment_id
        grid.post_message(events.Paste("1\t2\n"))
        await settle(pilot)
        stored = queries.detail(second.assessment_id)
        assert [stored.verified_scores[leaf.code].value for leaf in leaves[:2]] == [Decimal(1), Decimal(2)]
        assert {c: score.value for c, score in stored.self_scores.items()} == {
            c: score.value for c, score in own.items()}  # both schools' own 81, as entered

        # F3 again goes round to the self scores, which an expert may only read.
        await pilot.press("f3")
        await settle(pilot)
        assert grid.kind == "self"
        await pilot.press("1")
        assert grid.editing is None and "不能录入自评分" in str(screen.query_one("#grid-status").render())
