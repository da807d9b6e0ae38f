"""Marked schools take one event together from the dashboard: each school its own door call, the
refused one named with the guard's reason, the others done (issue 13)."""

from __future__ import annotations

from textual.widgets import Button, OptionList, Static

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dashboard import DashboardScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.dialogs.batch import BatchOutcomeDialog, EventPickDialog
from tui.widgets.school_table import SchoolTable
from workflow.doors.demo import ADMIN
from workflow.doors.scores import set_scores
from workflow.reads import queries
from workflow.statemachine.events import fire, options

SIZE = (120, 40)
SCORED = ("640424001", "640424007")
UNSCORED = "640424011"


def _aid(campaign_id: int, code: str) -> int:
    row = queries.find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)


def _state(aid: int) -> str:
    return str(queries.detail(aid).assessment.state)


def _marked_rows(table: SchoolTable) -> list[str]:
    """The drawn rows (below the header) that carry the mark."""
    lines = ["".join(seg.text for seg in table.render_line(y)) for y in range(1, table.size.height)]
    return [line.split()[1] for line in lines if line.startswith("✓")]


@run_async
async def test_three_marked_schools_take_submit_one_refused_with_its_reason(selfeval: int) -> None:
    aids = {code: _aid(selfeval, code) for code in (*SCORED, UNSCORED)}
    rubric_leaves = list(queries.detail(aids[UNSCORED]).rubric.leaves())
    for code, aid in aids.items():
        if _state(aid) == "enrolled":
            fire(ADMIN, aid, "start_self_evaluation")
        if code in SCORED:
            set_scores(ADMIN, aid, {leaf.code: leaf.max_score for leaf in rubric_leaves})
    reason = next(o.reason for o in options(ADMIN, aids[UNSCORED]) if o.trigger == "submit_self_evaluation")
    assert reason  # the guard refuses the school with no scores
    audit_before = len(queries.audit_events(limit=1_000_000))

    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        table = screen.query_one(SchoolTable)
        table.focus()
        assert table.total == 3
        await pilot.press("space")  # one school marked, the cursor moves on
        await settle(pilot)
        assert len(table.marked) == 1 and table.cursor == 1
        await pilot.press("ctrl+a")  # and then every school shown
        await settle(pilot)
        assert set(table.marked) == set(aids.values())
        assert sorted(_marked_rows(table)) == sorted(aids)
        assert "已标记3所" in str(screen.query_one("#count", Static).render())

        await pilot.press("ctrl+e")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, EventPickDialog)
        events = picker.query_one(OptionList)
        wanted = next(i for i in range(events.option_count)
                      if events.get_option_at_index(i).id == "submit_self_evaluation")
        assert "2/3" in str(events.get_option_at_index(wanted).prompt)
        events.highlighted = wanted
        await pilot.press("enter")
        await settle(pilot)

        confirm = app.screen
        assert isinstance(confirm, ConfirmDialog)
        for code in SCORED:  # every school named with what will happen
            assert any(line.startswith(code) and "→ 已提交自评" in line for line in confirm.body.splitlines())
        assert f"{UNSCORED}" in confirm.body and reason in confirm.body
        assert len(queries.audit_events(limit=1_000_000)) == audit_before  # nothing written before yes
        confirm.query_one("#ok", Button).press()
        await settle(pilot)

        outcome = app.screen
        assert isinstance(outcome, BatchOutcomeDialog)
        assert "完成2所，拒绝1所" in outcome.title_text
        lines = outcome.body.plain.splitlines()
        assert len(lines) == 3
        assert all(any(line.startswith(code) and "完成" in line for line in lines) for code in SCORED)
        assert any(line.startswith(UNSCORED) and "拒绝" in line and reason in line for line in lines)
        outcome.query_one("#ok", Button).press()
        await settle(pilot)
        assert set(table.marked) == {aids[UNSCORED]}  # the refused school stays marked
    assert {code: _state(aid) for code, aid in aids.items()} == {
        SCORED[0]: "submitted", SCORED[1]: "submitted", UNSCORED: "self_evaluating"}
    assert len(queries.audit_events(limit=1_000_000)) == audit_before + 2  # one record per school done
