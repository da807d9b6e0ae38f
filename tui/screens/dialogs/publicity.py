"""The publicity length (公示天数) of an existing campaign, in a one-field form (F9 管理).

The same door as `starcampus campaign set --publicity-days N` (workflow.doors.campaigns
.set_publicity_days): admins only, refused once the first school is publicized; the refusal stays
in the form. The current length is read in a worker when the form opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input

import tui.screens.dialogs.publicity_strings  # noqa: F401  - registers this file's keys
from tui.screens.dialogs.form import FormDialog, FormField
from tui.work import thread_connection
from workflow.doors.campaigns import set_publicity_days
from workflow.errors import InvalidInput
from workflow.i18n import Msg, t
from workflow.reads import queries


class PublicityDialog(FormDialog):
    @dataclass
    class Loaded(Message):
        days: int

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        self.days: int | None = None  # the length saved, once it is
        super().__init__(t("tui.publicity.title"), [FormField("days", t("tui.publicity.days"), required=True)],
                         self._save, body=t("tui.publicity.body"), dialog_id="publicity-dialog")

    def on_mount(self) -> None:
        super().on_mount()
        self.load_days()

    @work(thread=True, exclusive=True, group="publicity.load", exit_on_error=False)
    def load_days(self) -> None:
        with thread_connection():
            days = int(queries.campaign(self.campaign_id).publicity_days)
        self.post_message(self.Loaded(days))

    @on(Loaded)
    def days_loaded(self, message: Loaded) -> None:
        field = self.query_one("#f-days", Input)
        if not field.value:  # nothing typed yet: show the length as it is
            field.value = str(message.days)
            self._initial = self.values()

    def _save(self, values: dict[str, Any]) -> int:
        typed = str(values["days"]).strip()
        if not typed.isdigit():
            raise InvalidInput("err.invalid", where=Msg("field.publicity_days"), what=Msg("why.not_integer", value=typed))
        row, _before = set_publicity_days(self.actor, self.campaign_id, int(typed))
        self.days = int(row.publicity_days)
        return self.days


def open_publicity_dialog(screen: Screen[Any], campaign_id: int) -> None:
    """Push the form over ``screen``; once saved, say the new length there."""
    dialog = PublicityDialog(campaign_id)

    def closed(saved: bool | None) -> None:
        if saved and dialog.days is not None:
            screen.notify(t("tui.publicity.changed", days=dialog.days), timeout=4)

    screen.app.push_screen(dialog, closed)
