"""The export dialog opens on its first field (the kind), as every dialog does, not on Run:
an Enter typed as the dialog appears must not write a file before anything was chosen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Select

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.export import ExportDialog
from workflow.doors.demo import ADMIN


@run_async
async def test_the_export_dialog_opens_on_its_first_field(demo: int, tmp_path: Path) -> None:
    app = StarCampusApp(ADMIN, campaign_id=demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f7")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        first = dialog.query(Select).first()
        assert first.id == "x-kind"
        assert dialog.focused is first, f"focus on {dialog.focused!r}, not the kind"
        assert dialog.result is None and not any((tmp_path / "exports").glob("*"))
