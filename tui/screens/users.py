"""用户与密钥: the accounts, and adding, disabling, enabling and rekeying them without leaving the app.

The list is ``workflow.reads.registers.user_list`` (read in a worker); every change is a door of
``workflow.doors.users`` (add_user, disable_user, enable_user, rekey_user), which writes the
change and its audit record and then brings the authorized_keys file in line. Adding and
rekeying go through a ``FormDialog`` (the door's refusal stays in it); disabling asks first.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, DataTable, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
import tui.verbs.setup_strings  # noqa: F401 - the CLI's words for the same changes
from tui.screens.base import DbScreen
from tui.screens.dialogs import ConfirmDialog, FormDialog, FormField
from tui.widgets.keys_footer import KeysFooter
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow.doors.users import add_user, disable_user, enable_user, rekey_user
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.reads.registers import UserLine, user_list

ROLES = ("admin", "expert", "school", "viewer")


def program() -> str:
    """The forced command of a key line names this very program when it is the installed script."""
    return str(Path(sys.argv[0]).resolve()) if Path(sys.argv[0]).name == "starcampus" else "starcampus"


class UsersScreen(DbScreen):
    DEFAULT_CSS = """
    UsersScreen #users-table { height: 1fr; }
    UsersScreen .buttons { height: 1; }
    UsersScreen #users-error { height: auto; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="users.back"),
        Binding("f5", "reload", "tui.key.reload", id="users.reload"),
    ]

    @dataclass
    class Loaded(ReadDone):
        outcome: list[UserLine] | WorkflowError

    @dataclass
    class Changed(Message):
        outcome: object | WorkflowError
        done: str  # what to say once it is done

    def __init__(self) -> None:
        super().__init__()
        self.users: list[UserLine] = []

    def compose(self) -> ComposeResult:
        yield Static(t("tui.users.title"), classes="section")
        yield DataTable(id="users-table", cursor_type="row", zebra_stripes=True)
        with Horizontal(classes="buttons"):
            yield Button(t("tui.users.add"), id="user-add", variant="primary", compact=True)
            yield Button(t("tui.users.disable"), id="user-disable", variant="error", compact=True)
            yield Button(t("tui.users.enable"), id="user-enable", compact=True)
            yield Button(t("tui.users.rekey"), id="user-rekey", compact=True)
        yield Static("", id="users-error", classes="error", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).add_columns(
            t("tui.users.col.name"), t("tui.users.col.display"), t("tui.users.col.role"),
            t("tui.users.col.school"), t("tui.users.col.state"))
        self.action_reload()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.load(self.actor)

    @work(thread=True, exclusive=True, group="users.load", exit_on_error=False)
    def load(self, actor: Actor) -> None:
        with thread_connection():
            outcome = attempt(lambda: user_list(actor))
        post_read(self, self.Loaded(outcome))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.stale:
            return
        if isinstance(message.outcome, WorkflowError):
            self._say(str(message.outcome))  # a role that may not manage users reads why
            return
        self.users = message.outcome
        table = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear()
        for u in self.users:
            state = Text(t("tui.users.disabled"), style="bold red") if u.disabled else Text(t("tui.users.active"))
            table.add_row(Text(u.name), Text(u.display_name or "-"), t(f"role.{u.role}"), u.school_code or "-",
                          state, key=u.name)
        if self.users:
            table.move_cursor(row=min(max(keep, 0), len(self.users) - 1))

    def _say(self, text: str) -> None:
        self.query_one("#users-error", Static).update(text)

    def selected(self) -> UserLine | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            self._say(t("tui.users.pick"))
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((u for u in self.users if u.name == key), None)

    def _after_form(self, done: str) -> Any:
        def closed(saved: bool | None) -> None:
            if saved:
                self.notify(done, timeout=4)
                self._say(done)
                self.action_reload()

        return closed

    @on(Button.Pressed, "#user-add")
    def add(self) -> None:
        actor, db = self.actor, self.starcampus.db_target

        def save(v: dict[str, Any]) -> Any:
            return add_user(actor, v["name"].strip(), v["role"] or "", school_code=v["school"].strip() or None,
                            key=v["key"].strip(), display_name=v["display"].strip(), program=program(), db=db)

        self._say("")
        self.app.push_screen(FormDialog(t("tui.users.add_title"), [
            FormField("name", t("tui.users.col.name"), required=True),
            FormField("role", t("tui.users.col.role"), kind="select",
                      choices=tuple((r, t(f"role.{r}")) for r in ROLES), required=True),
            FormField("school", t("tui.users.school_hint")),
            FormField("display", t("tui.users.col.display")),
            FormField("key", t("tui.users.key"), placeholder="ssh-ed25519 AAAA..."),
        ], save, dialog_id="user-add-dialog"), self._after_form(t("tui.users.added")))

    @on(Button.Pressed, "#user-rekey")
    def rekey(self) -> None:
        user = self.selected()
        if user is None:
            return
        actor, db, name = self.actor, self.starcampus.db_target, user.name

        def save(v: dict[str, Any]) -> Any:
            return rekey_user(actor, name, v["key"].strip(), program=program(), db=db)

        self._say("")
        self.app.push_screen(FormDialog(t("tui.users.rekey_title", name=name), [
            FormField("key", t("tui.users.key"), placeholder="ssh-ed25519 AAAA...", required=True),
        ], save, body=t("tui.users.rekey_body"), dialog_id="user-rekey-dialog"),
            self._after_form(t("cli.user.rekeyed", name=name)))

    @on(Button.Pressed, "#user-disable")
    def disable(self) -> None:
        user = self.selected()
        if user is None:
            return
        name = user.name

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(self.actor, "disable", name)

        self.app.push_screen(ConfirmDialog(t("tui.users.disable_title", name=name), t("tui.users.disable_body"),
                                           yes=t("tui.users.disable")), answered)

    @on(Button.Pressed, "#user-enable")
    def enable(self) -> None:
        user = self.selected()
        if user is not None:
            self.change(self.actor, "enable", user.name)

    @work(thread=True, group="users.change", exit_on_error=False)
    def change(self, actor: Actor, what: str, name: str) -> None:
        with thread_connection():
            if what == "disable":
                outcome: object = attempt(lambda: disable_user(actor, name))
            else:
                outcome = attempt(lambda: enable_user(actor, name))
        done = t("cli.user.disabled" if what == "disable" else "cli.user.enabled", name=name)
        self.post_message(self.Changed(outcome, done))

    @on(Changed)
    def changed(self, message: Changed) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._say(str(message.outcome))
            self.notify(str(message.outcome), severity="error", timeout=8, markup=False)
            return
        self._say(message.done)
        self.notify(message.done, timeout=4)
        self.action_reload()
