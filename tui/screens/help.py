"""F1: the keys, and the school workflow as a list of states and events."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

import tui.strings  # noqa: F401 - registers the strings used below
from workflow.declaration import EVENTS, PHASES, STATES, phase, state
from workflow.i18n import label, t


def help_text() -> Text:
    text = Text(t("tui.help.keys_title") + "\n", style="bold")
    text.append(t("tui.help.keys") + "\n\n")
    text.append(t("tui.help.states_title") + "\n", style="bold")
    text.append("、".join(label(s) for s in STATES) + "\n\n")
    text.append(t("tui.help.events_title") + "\n", style="bold")
    for e in EVENTS:
        sources = "/".join(label(state(s)) for s in e["source"])
        phases = "/".join(label(phase(p)) for p in e["phases"])
        roles = "/".join(t(f"role.{r}") for r in e["roles"])
        text.append(f"{label(e)}: {sources} > {label(state(e['dest']))}", style="bold")
        text.append(f"  [{phases}] ({roles})" + (" " + t("tui.help.reason") if e.get("reason") else "") + "\n")
    text.append("\n" + t("tui.help.phases_title") + "\n", style="bold")
    text.append(" > ".join(label(p) for p in PHASES) + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", t("tui.key.back"), id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog help"):
            yield Static(help_text(), markup=False)

    def action_close(self) -> None:
        self.dismiss(None)
