"""One leaf's score field: validates as you type, full-width digits accepted, IME pastes handled.

Enter is a priority binding, so it runs in the app's key loop while the key is being routed:
focus moves to the next leaf *before* the next keystroke is routed, and the value is read
from this field's own queue after the keys typed before Enter (``call_later``). A burst such
as ``6 Enter 4 Enter`` therefore lands 6 in this leaf and 4 in the next, never "64" here.

A paste of several lines (a column copied from Excel or WPS, cells split by tabs) is not typed
into this field: it is handed to the sheet as ``PasteMany``, which checks every value and
saves them down the leaves in one go, or none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

from rubrics.errors import ScoreError
from rubrics.scoring import parse_score
from workflow.i18n import language


def pasted_cells(text: str) -> list[str]:
    """The first cell of each pasted line (Excel ends the copy with a newline: that is no line)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return [line.split("\t")[0].strip() for line in lines]


def check(text: str, code: str, maximum: Decimal) -> tuple[Decimal | None, str]:
    """(value, "") when the text is a valid score for this leaf, else (None, why)."""
    try:
        return parse_score(text, code=code, maximum=maximum), ""
    except ScoreError as exc:
        return None, exc.message(language())


class ScoreInput(Input):
    """Up/Down move between leaves (the sheet handles them); Enter saves and moves on.

    ``next_field`` is set by the sheet: where Enter sends the focus (None on the last leaf).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "commit", show=False, priority=True, id="score.commit"),
    ]

    DEFAULT_CSS = """
    ScoreInput { width: 8; }
    ScoreInput.-bad { color: $error; text-style: bold; }
    """

    @dataclass
    class Move(Message):
        field: ScoreInput
        delta: int

    @dataclass
    class PasteMany(Message):
        """Several lines pasted here: the first cell of each, for this leaf and the ones below."""

        field: ScoreInput
        cells: list[str]

    def __init__(self, code: str, maximum: Decimal, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value=value, compact=True, id=id, select_on_focus=True)
        self.code = code
        self.maximum = maximum
        self.saved = value
        self.next_field: ScoreInput | None = None

    def action_commit(self) -> None:
        """Enter: hand the focus on now, submit this field's value once its earlier keys are in."""
        target = self.next_field
        if target is not None and self.screen.focused is self:
            self.screen.set_focus(target)  # synchronous: the next key goes to the next leaf
        self.call_later(self._submit_typed)

    def _submit_typed(self) -> None:
        self.post_message(self.Submitted(self, self.value))

    def on_key(self, event: events.Key) -> None:
        if event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Move(self, -1 if event.key == "up" else 1))

    def _on_paste(self, event: events.Paste) -> None:
        cells = pasted_cells(event.text)
        if len(cells) > 1:
            event.stop()
            event.prevent_default()
            self.post_message(self.PasteMany(self, cells))
            return
        # An IME may commit "８０.５" as a paste, sometimes with a trailing newline: insert it,
        # and treat the newline as Enter. One line copied from a sheet keeps its first cell.
        text = event.text.replace("\r", "\n")
        if "\t" in text:
            text = text.split("\t")[0] + ("\n" if text.rstrip(" ").endswith("\n") else "")
        first = text.split("\n")[0].strip()
        if first:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(first)
            else:
                self.replace(first, *selection)
        event.stop()
        event.prevent_default()
        if first and "\n" in text.strip(" ")[len(first):] or text.endswith("\n"):
            self.call_after_refresh(self.action_commit)
