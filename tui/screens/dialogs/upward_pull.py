"""受理下级推荐 (F9 管理 of a city or province): take the year's recommendations from the counties below
into the current campaign, which becomes (or already is) their upward review.

The same door as `starcampus round pull YEAR` (workflow.doors.upward ``pull_recommended``): a
county's campaign, one with schools of its own or one reviewing another year is refused, and the
refusal stays in the form. The year proposed is the one the campaign already reviews, else its own;
it is read in a worker when the form opens.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Input, Static

import tui.upward_strings  # noqa: F401  - registers this file's keys
from tui.screens.dialogs.form import FormDialog, FormField
from tui.work import thread_connection
from workflow.doors.upward import pull_recommended
from workflow.errors import InvalidInput
from workflow.i18n import Msg, t
from workflow.permissions import Actor
from workflow.reads import queries


def pull_offered(actor: Actor) -> bool:
    """A county's admin has no one below it to review: the button is not shown to it."""
    return actor.role == "admin" and len(actor.region_code or "") < 6


class PullDialog(FormDialog):
    @dataclass
    class Loaded(Message):
        year: int
        title: str

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        self.said = ""  # the door's outcome in words, once it has taken them in
        super().__init__(t("tui.upward.pull_button"),
                         [FormField("year", t("tui.upward.pull_year"), required=True)],
                         self._save, body=t("tui.upward.pull_body"), dialog_id="upward-pull-dialog")

    def on_mount(self) -> None:
        super().on_mount()
        self.load_year()

    @work(thread=True, exclusive=True, group="upward_pull.load", exit_on_error=False)
    def load_year(self) -> None:
        with thread_connection():
            campaign = queries.campaign(self.campaign_id)
            year = int(campaign.upward_of if campaign.upward_of is not None else campaign.year)
            title = str(campaign.title)
        self.post_message(self.Loaded(year, title))

    @on(Loaded)
    def year_loaded(self, message: Loaded) -> None:
        self.query_one(".dialog-title", Static).update(Text(t("tui.upward.pull_title", title=message.title)))
        field = self.query_one("#f-year", Input)
        if not field.value:  # nothing typed yet
            field.value = str(message.year)
            self._initial = self.values()

    def _save(self, values: dict[str, Any]) -> str:
        typed = str(values["year"]).strip()
        if not (typed.isdigit() and len(typed) == 4):
            raise InvalidInput("err.invalid", where=Msg("tui.upward.year_field"), what=Msg("tui.upward.year_digits"))
        pulled = pull_recommended(self.actor, int(typed), campaign_id=self.campaign_id)
        self.said = t("round.pulled", count=len(pulled.codes), year=pulled.year, id=pulled.campaign_id,
                      schools=" ".join(pulled.codes) or "-")
        return self.said


def open_pull_dialog(screen: Screen[Any], campaign_id: int, done: Any) -> None:
    """Push the form over ``screen``; once the door has taken them in, say how many and call ``done()``."""
    dialog = PullDialog(campaign_id)

    def closed(saved: bool | None) -> None:
        if saved:
            screen.notify(dialog.said, timeout=8, markup=False)
            done()

    screen.app.push_screen(dialog, closed)
