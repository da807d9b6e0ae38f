"""The export dialog's 附件 checkbox: the notice carries the analysis charts when it is ticked;
for any other kind it is greyed out (nothing but the notice takes an appendix)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, Select

from tests.exports.docx_read import load
from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.export import ExportDialog
from workflow.doors.demo import ADMIN


@run_async
async def test_the_notice_gets_the_charts_when_ticked(demo: int, tmp_path: Path) -> None:
    target = tmp_path / "exports" / "通报-附件.docx"
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_export("notice")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        box = dialog.query_one("#x-appendix", Checkbox)
        assert not box.disabled and not box.value
        dialog.query_one("#x-kind", Select).value = "workbook"
        await settle(pilot)
        assert box.disabled  # the workbook has its charts on the 分析 sheet anyway
        dialog.query_one("#x-kind", Select).value = "notice"
        await settle(pilot)
        assert not box.disabled
        await pilot.click("#x-appendix")
        assert box.value
        dialog.query_one("#x-path", Input).value = str(target)
        dialog.query_one("#x-run", Button).press()
        await settle(pilot)
        assert dialog.result == target.resolve(), str(dialog.query_one("#x-result").render())
    document = load(target)
    assert len(document.inline_shapes) == 2
    assert "附件：核定总分分布与失分情况" in [p.text for p in document.paragraphs]
