"""An SSH key line written from the users screen names the database the app was opened on
(``starcampus --db PATH``), not whatever STARCAMPUS_DB or the config file would say."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select

from tests.tui.helpers import run_async, settle
from tui.app import StarCampusApp
from tui.screens.dialogs import FormDialog
from tui.screens.users import UsersScreen
from workflow.doors.demo import ADMIN

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0dGVzdGtleWZvcnN0YXJjYW1wdXN0dWk0"


@run_async
async def test_a_key_added_in_the_app_names_the_database_it_was_opened_on(
        demo: int, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = tmp_path / "authorized_keys"
    monkeypatch.setenv("STARCAMPUS_AUTHORIZED_KEYS", str(keys))
    # What the app would fall back on without --db: a different database the line must not name.
    monkeypatch.setenv("STARCAMPUS_DB", str(tmp_path / "elsewhere.sqlite3"))
    app = StarCampusApp(ADMIN, campaign_id=demo, db=db)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        app.push_screen(UsersScreen())
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, UsersScreen)
        screen.query_one("#user-add", Button).press()
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, FormDialog)
        dialog.query_one("#f-name", Input).value = "li-zj"
        dialog.query_one("#f-role", Select).value = "expert"
        dialog.query_one("#f-key", Input).value = KEY
        dialog.query_one("#ok", Button).press()
        for _ in range(60):
            await settle(pilot, rounds=1)
            if keys.exists() and "li-zj" in keys.read_text():
                break
        else:
            raise AssertionError("waited for li-zj's key line in authorized_keys")
    line = next(line for line in keys.read_text().splitlines() if line.endswith("li-zj"))
    assert f"--db {db}" in line, line
    assert "elsewhere.sqlite3" not in line, line
