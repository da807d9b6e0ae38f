"""One leaf's score field: validates as you type, full-width digits accepted, IME pastes handled."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from textual import events
from textual.message import Message
from textual.widgets import Input

from rubrics.errors import ScoreError
from rubrics.scoring import parse_score
from workflow.i18n import language


def check(text: str, code: str, maximum: Decimal) -> tuple[Decimal | None, str]:
    """(value, "") when the text is a valid score for this leaf, else (None, why)."""
    try:
        return parse_score(text, code=code, maximum=maximum), ""
    except ScoreError as exc:
        return None, exc.message(language())


class ScoreInput(Input):
    """Up/Down move between leaves (the sheet handles them); Enter saves."""

    DEFAULT_CSS = """
    ScoreInput { width: 8; }
    ScoreInput.-bad { color: $error; text-style: bold; }
    """

    @dataclass
    class Move(Message):
        field: ScoreInput
        delta: int

    def __init__(self, code: str, maximum: Decimal, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value=value, compact=True, id=id, select_on_focus=True)
        self.code = code
        self.maximum = maximum
        self.saved = value

    def on_key(self, event: events.Key) -> None:
        if event.key in ("up", "down"):
            event.stop()
            event.prevent_default()
            self.post_message(self.Move(self, -1 if event.key == "up" else 1))

    def _on_paste(self, event: events.Paste) -> None:
        # An IME may commit "８０.５" as a paste, sometimes with a trailing newline: insert it,
        # and treat the newline as Enter.
        text = event.text.replace("\r", "\n")
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
            self.call_after_refresh(self.action_submit)
