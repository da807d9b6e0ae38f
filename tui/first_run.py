"""The first run, inside the terminal: no database at the path yet (or nobody registered in it).

Instead of a line saying which command to type, the officer at the keyboard chooses: make the
database with its own OS account as the first administrator (what ``starcampus init`` does), load the
demo (``demo load``), or leave. Offered only on a local terminal: an SSH session's identity comes from
its key, which a database with no users cannot have issued, so there it stays the refusal it was.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from workflow.i18n import register, t

register({
    "tui.first.title": {"zh": "starcampus：第一次使用", "en": "starcampus: first run"},
    "tui.first.body": {
        "zh": "{path} 还没有评定数据库。\n\n"
              "“新建”：建立这个数据库，当前系统账户“{name}”成为第一位管理员（同 starcampus init）。\n"
              "“演示数据”：建立数据库并载入泾源县的演示评定（同 starcampus demo load），先看一看。\n"
              "“退出”：什么也不建立。",
        "en": "There is no rating database at {path} yet.\n\n"
              "New: create it, with this OS account '{name}' as its first administrator (as starcampus init).\n"
              "Demo: create it and load the Jingyuan demo campaign (as starcampus demo load), to look around.\n"
              "Quit: create nothing.",
    },
    "tui.first.init": {"zh": "新建", "en": "New"},
    "tui.first.demo": {"zh": "演示数据", "en": "Demo"},
    "tui.first.quit": {"zh": "退出", "en": "Quit"},
})

CHOICES = ("init", "demo", "quit")


class FirstRunApp(App[str]):
    """Returns "init", "demo" or "quit" (also on Esc or Ctrl+Q)."""

    CSS = """
    Screen { align: center middle; }
    #first { width: 76; height: auto; border: round $accent; padding: 1 2; }
    #first-title { text-style: bold; margin-bottom: 1; }
    #first-buttons { height: auto; margin-top: 1; }
    #first-buttons Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", show=False),
        Binding("left", "focus_previous", show=False),
        Binding("right", "focus_next", show=False),
    ]

    def __init__(self, path: str, name: str) -> None:
        super().__init__()
        self.path = path
        self.account = name

    def compose(self) -> ComposeResult:
        with Vertical(id="first"):
            yield Static(t("tui.first.title"), id="first-title", markup=False)
            yield Static(t("tui.first.body", path=self.path, name=self.account), markup=False)
            with Horizontal(id="first-buttons"):
                yield Button(t("tui.first.init"), variant="primary", id="init")
                yield Button(t("tui.first.demo"), id="demo")
                yield Button(t("tui.first.quit"), id="quit")

    def on_mount(self) -> None:
        self.query_one("#quit", Button).focus()  # a stray Enter creates nothing

    @on(Button.Pressed)
    def chosen(self, event: Button.Pressed) -> None:
        self.exit(event.button.id if event.button.id in CHOICES else "quit")

    def action_leave(self) -> None:
        self.exit("quit")
