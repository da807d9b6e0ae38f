"""Restore, discard or keep a draft of unsaved score entries."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.drafts import Draft
from tui.screens.base import Modal
from workflow import clock
from workflow.i18n import t


class DraftDialog(Modal[str | None]):
    """恢复未保存的草稿？ Returns "restore", "discard", or None (decide later; the draft stays)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "tui.draft.later", id="draft.later"),
    ]

    def __init__(self, draft: Draft, school_name: str = "") -> None:
        super().__init__()
        self.draft = draft
        self.school_name = school_name or draft.school_name or draft.school_code

    def body(self) -> str:
        d = self.draft
        kind = t("word.verified") if d.kind == "verified" else t("word.self")
        lines = [t("tui.draft.body", school=self.school_name, code=d.school_code, kind=kind,
                   count=len(d.entries), at=clock.local(d.saved_at))]
        lines += [f"  {code}  {value}" for code, value in sorted(d.entries.items())]
        return "\n".join(lines)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="draft-dialog"):
            yield Static(Text(t("tui.draft.title")), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(Text(self.body()))
            with Horizontal(classes="buttons"):
                yield Button(t("tui.draft.restore"), variant="primary", id="restore")
                yield Button(t("tui.draft.discard"), variant="error", id="discard")
                yield Button(t("tui.draft.later"), id="later")

    def on_mount(self) -> None:
        self.query_one("#restore", Button).focus()

    @on(Button.Pressed, "#restore")
    def restore(self) -> None:
        self.dismiss("restore")

    @on(Button.Pressed, "#discard")
    def discard(self) -> None:
        self.dismiss("discard")

    @on(Button.Pressed, "#later")
    def action_later(self) -> None:
        self.dismiss(None)
