"""The school screen's 流程操作 tab: one button per workflow event the actor is offered.

Only the events the actor's role may fire at all are shown (a clerk never sees 退回 or 开始核定,
issue 16: hidden, not greyed); of those, the ones refused for now are grey and say why when pressed; an event that needs a reason asks for it. A
final, irreversible event (``FINAL``) first asks for confirmation in a dialog naming the school,
the event and its consequence. A chosen event is posted as ``ActionsPane.Chosen``: the school
screen queues it behind any saves, so it carries their version.

One press fires at most one event: from the moment one is chosen until the school's new options
are shown, every button is disabled where it stands (nothing is re-laid out under the pointer),
and the second click of a double click is never a press of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.dialogs import ConfirmDialog, ReasonDialog
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.statemachine.declaration import event
from workflow.statemachine.events import EventOption

# Events whose consequence cannot be taken back by the one who fires them: each asks first.
FINAL = ("submit_self_evaluation", "finish_verification", "publicize", "certify", "recommend_upward",
         "mark_not_rated", "withdraw", "raise_level", "keep_level", "lower_level")


def for_role(actor: Actor, options: list[EventOption]) -> list[EventOption]:
    """The events the actor's role is among the roles of; the rest are the county's (or a clerk's) to take."""
    return [o for o in options if actor.role in event(o.trigger)["roles"]]


@dataclass(frozen=True)
class SchoolNames:
    """What a confirmation names: the school and the level it holds now."""

    name: str = ""
    code: str = ""
    level: str = ""


def decision_text(option: EventOption, school: SchoolNames) -> tuple[str, str]:
    """The confirmation's title and body for a final event."""
    title = t("tui.decide.title", school=school.name, event=option.label)
    body = t("tui.decide.body", school=school.name, code=school.code, event=option.label,
             consequence=t(f"tui.decide.{option.trigger}"))
    if school.level:
        body += "\n" + t("tui.decide.level", level=school.level)
    return title, body


class EventButton(Button):
    """An event's button: the second click of a double click is part of the first, not a press."""

    async def _on_click(self, event: events.Click) -> None:
        if event.chain > 1:
            event.stop()
            return
        await super()._on_click(event)


class ActionsPane(Vertical):
    DEFAULT_CSS = """
    ActionsPane { height: 1fr; }
    """

    @dataclass
    class Chosen(Message):
        option: EventOption
        reason: str

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.options: list[EventOption] = []
        self.school = SchoolNames()
        self.busy: EventOption | None = None  # the event chosen and not yet answered
        self._asking = False  # a confirmation or reason dialog is open
        # The options are being read again (scores saved since they were read): a press waits for them.
        # Judged on the old ones, "F3 Tab Enter" right after the 22nd save found 完成核定 still refused
        # ("scores missing"), and the refusal was wiped as the fresh options came in: Enter "did nothing".
        self.awaiting = False
        self._pressed_meanwhile: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("tui.actions.hint"), id="actions-hint", markup=False)
        yield Vertical(id="event-buttons")
        yield Static(id="refusal", markup=False, classes="error")

    def buttons(self) -> list[EventButton]:
        return list(self.query("#event-buttons EventButton").results(EventButton))

    def show(self, options: list[EventOption], school: SchoolNames | None = None) -> None:
        """The school's options as read now; the busy state ends here (the event's answer is in)."""
        self.options = options
        if school is not None:
            self.school = school
        self.busy = None
        self.awaiting = False
        current = self.buttons()
        if [b.name for b in current] == [o.trigger for o in options]:
            for button, option in zip(current, options, strict=True):
                self._dress(button, option)  # the same events: updated in place, nothing moves
        else:
            box = self.query_one("#event-buttons", Vertical)
            box.remove_children()
            fresh = [EventButton(option.label, name=option.trigger, compact=True) for option in options]
            for button, option in zip(fresh, options, strict=True):
                self._dress(button, option)
            box.mount_all(fresh)
        self.refuse(t("tui.actions.none") if not options else "")
        pressed, self._pressed_meanwhile = self._pressed_meanwhile, None
        if pressed is not None:
            self._press(pressed)

    def _dress(self, button: Button, option: EventOption) -> None:
        button.label = option.label
        button.variant = "primary" if option.allowed else "default"
        button.set_class(option.allowed, "allowed")
        button.set_class(not option.allowed, "refused")
        button.tooltip = option.reason or None
        button.disabled = False

    def settled(self) -> None:
        """The chosen event was refused or failed: the same buttons may be used again."""
        self.busy = None
        for button in self.buttons():
            button.disabled = False

    def refuse(self, text: str) -> None:
        self.query_one("#refusal", Static).update(text)

    @on(Button.Pressed, "#event-buttons EventButton")
    def pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if self.awaiting:
            self._pressed_meanwhile = event.button.name  # decided on the options being read
            return
        self._press(event.button.name)

    def _press(self, trigger: str | None) -> None:
        if self.busy is not None or self._asking:
            return  # one event at a time
        option = next((o for o in self.options if o.trigger == trigger), None)
        if option is None:
            return
        if not option.allowed:
            self.refuse(t("tui.actions.refused", reason=option.reason))
            return
        final = option.trigger in FINAL
        if option.needs_reason:
            body = decision_text(option, self.school)[1] if final else ""

            def with_reason(reason: str | None) -> None:
                self._asking = False
                if reason:
                    self._choose(option, reason)

            self._asking = True
            self.app.push_screen(ReasonDialog(option.label, body=body), with_reason)
        elif final:
            def answered(yes: bool | None) -> None:
                self._asking = False
                if yes:
                    self._choose(option, "")

            self._asking = True
            title, body = decision_text(option, self.school)
            self.app.push_screen(ConfirmDialog(title, body, yes=option.label), answered)
        else:
            self._choose(option, "")

    def _choose(self, option: EventOption, reason: str) -> None:
        if self.busy is not None:
            return
        self.busy = option
        for button in self.buttons():
            button.disabled = True  # in place: the layout stays as it was clicked
        self.refuse(t("tui.actions.busy", event=option.label))
        self.post_message(self.Chosen(option, reason))
