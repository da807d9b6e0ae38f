"""The dashboard's batch event: pick the event for the marked schools, then read each school's outcome.

The confirmation between the two is a ``ConfirmDialog`` listing every school with what will
happen to it (``plan_text``); the outcome lists every school again (``outcome_text``).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import Modal
from workflow.doors.school_batch import BatchOutcome, BatchPlan, destination
from workflow.i18n import t
from workflow.statemachine.events import EventOption
from workflow.statemachine.guards import state_label


def choices(offered: list[tuple[EventOption, int]], count: int) -> list[tuple[str, str]]:
    """The picker's lines: each event with how many of the marked schools may take it now."""
    return [(option.trigger, t("tui.batch.choice", event=option.label, allowed=allowed, count=count))
            for option, allowed in offered]


def plan_text(plans: list[BatchPlan], trigger: str) -> str:
    """Every school with what will happen to it: its move, or why it will be refused."""
    lines: list[str] = []
    done = 0
    for plan in plans:
        why = plan.refusal(trigger)
        if why:
            lines.append(t("tui.batch.will_refuse", school=plan.school.title, reason=why))
        else:
            done += 1
            lines.append(t("tui.batch.will_do", school=plan.school.title, before=state_label(plan.state),
                           after=destination(trigger)))
    return t("tui.batch.confirm_summary", done=done, refused=len(plans) - done) + "\n\n" + "\n".join(lines)


def outcome_text(outcomes: list[BatchOutcome]) -> Text:
    """One line per school, a refusal in the error colour."""
    text = Text()
    for i, outcome in enumerate(outcomes):
        if i:
            text.append("\n")
        if outcome.error is None:
            text.append(t("tui.batch.done_line", school=outcome.school.title, state=state_label(outcome.state or "")))
        else:
            text.append(t("tui.batch.refused_line", school=outcome.school.title, reason=str(outcome.error)),
                        style="bold red")
    return text


class EventPickDialog(Modal[str | None]):
    """The events the marked schools offer, each with how many of them may take it: the trigger, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "tui.key.cancel", id="batch_pick.cancel"),
    ]

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        """``choices``: (trigger, what the line says)."""
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            yield OptionList(*[Option(Text(text), id=trigger) for trigger, text in self.choices], id="batch-events")
            with Horizontal(classes="buttons"):
                yield Button(t("tui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


class BatchOutcomeDialog(Modal[None]):
    """Every school's outcome (done, or the guard's reason), read and closed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "tui.key.back", id="batch_outcome.close"),
    ]

    def __init__(self, title: str, body: Text) -> None:
        super().__init__()
        self.title_text = title
        self.body = body

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.title_text), classes="dialog-title")
            with VerticalScroll(classes="dialog-body"):
                yield Static(self.body, id="batch-outcomes")
            with Horizontal(classes="buttons"):
                yield Button(t("tui.ok"), variant="primary", id="ok")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def action_close(self) -> None:
        self.dismiss(None)
