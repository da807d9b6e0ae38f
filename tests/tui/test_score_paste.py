"""A column of scores pasted from Excel or WPS fills the leaves down, all of it or none (issue 13)."""

from __future__ import annotations

from decimal import Decimal

from textual import events

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.school import SchoolScreen
from workflow.doors.demo import ADMIN
from workflow.reads import queries

SIZE = (120, 40)


def _aid(campaign_id: int, code: str) -> int:
    row = queries.find_assessment(campaign_id, code)
    assert row is not None
    return int(row.id)


def _audit_count() -> int:
    return len(queries.audit_events(limit=1_000_000))


def _notes(app: StarCampusApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


@run_async
async def test_a_pasted_column_fills_the_leaves_down_or_nothing(selfeval: int) -> None:
    aid = _aid(selfeval, "640424007")
    app = StarCampusApp(ADMIN, campaign_id=selfeval)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_school(aid)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, SchoolScreen)
        codes = list(screen._fields)
        start = codes.index("1.2")

        # One bad cell (above its leaf's maximum) among good ones: nothing stored, that leaf named.
        before = _audit_count()
        field = screen._fields["1.2"]
        field.focus()
        await pilot.pause()
        bad = codes[start + 2]
        field.post_message(events.Paste("2\r\n1\r\n99\r\n1\r\n"))
        await settle(pilot)
        assert queries.detail(aid).self_scores == {}
        assert _audit_count() == before
        assert bad in str(screen._errors[bad].render())
        assert any(bad in note and "超过满分" in note for note in _notes(app))

        # More lines than leaves left below the last one: refused, saying so.
        last = screen._fields[codes[-1]]
        last.focus()
        await pilot.pause()
        last.post_message(events.Paste("1\n1\n"))
        await settle(pilot)
        assert queries.detail(aid).self_scores == {}
        assert any("只有1项" in note for note in _notes(app))

        # Four lines copied from a sheet (tabs, a fullwidth value as an IME types it): four leaves, one save.
        field.focus()
        await pilot.pause()
        field.post_message(events.Paste("2\t备注\r\n1.5\r\n３.５\t\r\n1\r\n"))
        await settle(pilot)
        assert any("已粘贴4项" in note for note in _notes(app))
        assert screen._fields[codes[start + 2]].value == "3.5"
    stored = {c: s.value for c, s in queries.detail(aid).self_scores.items()}
    assert stored == {codes[start]: Decimal("2"), codes[start + 1]: Decimal("1.5"),
                      codes[start + 2]: Decimal("3.5"), codes[start + 3]: Decimal("1")}
    assert _audit_count() == before + 1
