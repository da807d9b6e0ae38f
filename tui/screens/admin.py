"""Campaign admin: create a campaign, enrol schools, advance the phase (with what it leaves behind)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbScreen
from tui.screens.dialogs import ConfirmDialog
from workflow import clock, queries
from workflow.campaigns import advance_campaign, create_campaign, enrol, leftovers
from workflow.declaration import PHASES, phase
from workflow.i18n import label, t
from workflow.permissions import Actor
from workflow.phases import next_phase

RUBRICS = [("ningxia-2022", "ningxia-2022"), ("henan-v2", "henan-v2")]


def create_and_enrol(actor: Actor, fields: dict[str, Any], enrol_all: bool) -> tuple[int, int]:
    row = create_campaign(actor, **fields)
    count = enrol(actor, row.id) if enrol_all else 0
    return int(row.id), count


def campaign_facts(campaign_id: int) -> tuple[str, str | None, dict[str, int]]:
    c = queries.campaign(campaign_id)
    return c.phase, next_phase(c.phase), leftovers(c)


class AdminScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", t("tui.key.back"), id="admin.back"),
    ]

    def compose(self) -> ComposeResult:
        year = clock.today().year
        with VerticalScroll(id="admin"):
            yield Static(t("tui.admin.current"), classes="section")
            yield Static(id="current", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.admin.enrol_all"), id="enrol")
                yield Button(t("tui.admin.advance"), id="advance", variant="warning")
            yield Static(t("tui.admin.new"), classes="section")
            with Grid(id="form"):
                yield Label(t("tui.admin.title"))
                yield Input(id="f-title", compact=True)
                yield Label(t("tui.admin.region"))
                yield Input(id="f-region", compact=True)
                yield Label(t("tui.admin.year"))
                yield Input(str(year), id="f-year", compact=True, restrict=r"[0-9]*")
                yield Label(t("tui.admin.rubric"))
                yield Select(RUBRICS, value="ningxia-2022", allow_blank=False, id="f-rubric", compact=True)
                yield Label(t("tui.admin.organ"))
                yield Input(id="f-organ", compact=True)
                for entry in PHASES:
                    yield Label(label(entry))
                    with Horizontal(classes="window"):
                        yield Input(placeholder="YYYY-MM-DD", id=f"f-{entry['name']}-start", compact=True)
                        yield Static(" ~ ")
                        yield Input(placeholder="YYYY-MM-DD", id=f"f-{entry['name']}-end", compact=True)
            yield Checkbox(t("tui.admin.enrol_now"), value=True, id="f-enrol")
            yield Button(t("tui.admin.create"), id="create", variant="primary")
            yield Static(id="admin-error", classes="error", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_current()

    def action_back(self) -> None:
        self.app.pop_screen()

    def campaign_id(self) -> int | None:
        return getattr(self.app, "campaign_id", None)

    def refresh_current(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.db("facts", campaign_facts, cid)

    def done_facts(self, facts: tuple[str, str | None, dict[str, int]]) -> None:
        current, following, states = facts
        text = Text(t("tui.admin.phase", phase=label(phase(current))))
        if following:
            text.append(t("tui.admin.next", phase=label(phase(following))))
        text.append("\n" + "、".join(f"{k} {v}" for k, v in states.items()))
        self.query_one("#current", Static).update(text)

    def _error(self, message: str) -> None:
        self.query_one("#admin-error", Static).update(message)

    @on(Button.Pressed, "#create")
    def create(self) -> None:
        def value(name: str) -> str:
            return self.query_one(f"#f-{name}", Input).value.strip()

        year_text = value("year")
        fields: dict[str, Any] = {
            "year": int(year_text) if year_text.isdigit() else 0,
            "region": value("region"), "title": value("title"),
            "rubric": str(self.query_one("#f-rubric", Select).value), "organ": value("organ"),
            "windows": {p["name"]: (value(f"{p['name']}-start"), value(f"{p['name']}-end")) for p in PHASES},
        }
        self._error("")
        self.db("created", create_and_enrol, self.app.actor, fields,  # type: ignore[attr-defined]
                self.query_one("#f-enrol", Checkbox).value)

    def done_created(self, result: tuple[int, int]) -> None:
        cid, count = result
        self.app.campaign_id = cid  # type: ignore[attr-defined]
        self.notify(t("tui.admin.created", id=cid, count=count), timeout=5)
        self._error(t("tui.admin.created", id=cid, count=count))
        self.refresh_current()

    def failed_created(self, error: str) -> None:
        self._error(error)

    @on(Button.Pressed, "#enrol")
    def enrol_all(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.db("enrolled", enrol, self.app.actor, cid)  # type: ignore[attr-defined]

    def done_enrolled(self, count: int) -> None:
        self.notify(t("tui.admin.enrolled", count=count), timeout=5)
        self.refresh_current()

    def failed_enrolled(self, error: str) -> None:
        self._error(error)

    @on(Button.Pressed, "#advance")
    def advance(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.db("advance_facts", campaign_facts, cid)

    def done_advance_facts(self, facts: tuple[str, str | None, dict[str, int]]) -> None:
        current, following, states = facts
        if following is None:
            self._error(t("err.phase_last", phase=label(phase(current))))
            return
        body = t("tui.admin.leftovers") + "\n" + "\n".join(f"  {k}: {v}" for k, v in states.items())
        title = t("tui.admin.confirm", old=label(phase(current)), new=label(phase(following)))

        def answered(yes: bool | None) -> None:
            cid = self.campaign_id()
            if yes and cid is not None:
                self.db("advanced", advance_campaign, self.app.actor, cid)  # type: ignore[attr-defined]

        self.app.push_screen(ConfirmDialog(title, body), answered)

    def done_advanced(self, row: Any) -> None:
        self.notify(t("tui.admin.advanced", phase=label(phase(row.phase))), timeout=5)
        self.refresh_current()

    def failed_advanced(self, error: str) -> None:
        self._error(error)
