"""Score entry faster than the database answers: every Enter is stored, in its own leaf (issue 17)."""

from __future__ import annotations

from decimal import Decimal

from textual import events

from tests.tui.helpers import assessment_id as _aid
from tests.tui.helpers import open_school as _open
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.widgets.score_input import ScoreInput
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZE = (120, 40)
VALUES = ("2", "1.5", "1", "0.5")




@run_async
async def test_twenty_enters_with_no_pause_are_all_stored(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    audit_before = len(queries.audit_events(limit=1_000_000))
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        fields = list(screen._fields.values())[:20]
        wanted = {f.code: VALUES[i % len(VALUES)] for i, f in enumerate(fields)}
        for f in fields:  # all posted before the first save can answer
            f.post_message(ScoreInput.Submitted(f, wanted[f.code]))
        await settle(pilot, rounds=30)
        errors = {code: str(e.render()) for code, e in screen._errors.items() if str(e.render())}
        assert errors == {}
        row = queries.detail(aid).assessment
        assert screen.version == row.version  # the sheet kept up with its own saves
        assert row.self_total == Decimal("25")  # 5 x (2 + 1.5 + 1 + 0.5)
        assert "25" in str(screen.query_one("#school-head").render())
    stored = {c: s.value for c, s in queries.detail(aid).self_scores.items()}
    assert stored == {c: Decimal(v) for c, v in wanted.items()}
    assert len(queries.audit_events(limit=1_000_000)) == audit_before + 20


@run_async
async def test_a_burst_of_keys_lands_each_value_in_its_own_leaf(selfeval: int) -> None:
    """`6 Enter 4 Enter 4 Enter 4 Enter` arriving in one read from the terminal."""
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open(pilot, app, aid)
        assert app.focused is screen._fields["1.1"]
        for key, char in (("6", "6"), ("enter", "\r"), ("4", "4"), ("enter", "\r"),
                          ("4", "4"), ("enter", "\r"), ("4", "4"), ("enter", "\r")):
            app.post_message(events.Key(key, char))  # as the driver queues them: no wait in between
        await settle(pilot, rounds=20)
        assert app.focused is screen._fields["2.1"]
    stored = {c: s.value for c, s in queries.detail(aid).self_scores.items()}
    assert stored == {"1.1": Decimal("6"), "1.2": Decimal("4"), "1.3": Decimal("4"), "1.4": Decimal("4")}
