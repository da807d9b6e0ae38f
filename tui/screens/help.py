"""F1: the keys, and the school workflow drawn as text from workflow.statemachine.declaration.

The drawing uses ASCII arrows ("->", "|") only: no box-drawing or arrow glyphs whose width
depends on the terminal (East Asian "ambiguous" characters), so columns stay put over SSH.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui import logfile
from tui.help_about import about_text
from tui.keymap import keymap_path
from tui.screens.base import Modal
from tui.textual_words import binding_text
from workflow.i18n import label, t
from workflow.statemachine.declaration import EVENTS, INITIAL_STATE, PHASES, STATES, phase, state

_ORDER = {s["name"]: i for i, s in enumerate(STATES)}


def _forward(name: str) -> list[dict[str, Any]]:
    """Events leaving ``name`` for a state declared later, in declaration order of their targets. Events
    with a door of their own (a higher tier's upward decision) are not the county's line, nor a ``closing`` one
    (未参评, which leaves the line from any unverified state): they are side events."""
    found = [e for e in EVENTS if name in e["source"] and _ORDER[e["dest"]] > _ORDER[name] and not e.get("door")
             and not e.get("closing")]
    return sorted(found, key=lambda e: _ORDER[e["dest"]])


@dataclass
class MainLine:
    """The first round, read off the declaration: each step is (state, event into it, optional)."""

    start: str
    steps: list[tuple[str, dict[str, Any], bool]] = field(default_factory=list)
    ends: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)


def main_line() -> MainLine:
    """Follow the forward events from the initial state.

    One way forward: a step. Two ways where the first leads on to the second (自评中 -> 整改中 ->
    已提交自评): an optional detour. More ways: the line ends in those alternatives (认定/报上级/未达星级).
    """
    line = MainLine(INITIAL_STATE)
    current = INITIAL_STATE
    seen = {current}
    while True:
        ahead = _forward(current)
        dests = list(dict.fromkeys(e["dest"] for e in ahead))
        if len(dests) == 1 and dests[0] not in seen:
            event = ahead[0]
            line.steps.append((dests[0], event, False))
            line.used.add(event["trigger"])
            current = dests[0]
        elif len(dests) == 2 and any(e["dest"] == dests[1] for e in _forward(dests[0])):
            detour, target = dests
            into = next(e for e in ahead if e["dest"] == detour)
            line.steps.append((detour, into, True))
            line.used.add(into["trigger"])
            onward = next(e for e in ahead if e["dest"] == target)  # the same event leaves the detour
            line.steps.append((target, onward, False))
            line.used.add(onward["trigger"])
            current = target
        else:
            for event in ahead:
                line.ends.append((event["dest"], event))
                line.used.add(event["trigger"])
            return line
        seen.add(current)


def _event_note(event: dict[str, Any]) -> str:
    phases = "/".join(label(phase(p)) for p in event["phases"])
    roles = "/".join(t(f"role.{r}") for r in event["roles"])
    note = f"{label(event)} [{phases}] ({roles})"
    return note + (" " + t("tui.help.reason") if event.get("reason") else "")


def _pad(text: str, width: int) -> str:
    # At least one space: "shift+tab" is wider than the key column and ran into its description.
    return text + " " * max(width - cell_len(text), 1)


def flow_text() -> Text:
    """The main line as a column of states with the event leading into each, then side events."""
    line = main_line()
    names = [label(state(name)) for name, _event, _optional in line.steps] + \
            [label(state(name)) for name, _event in line.ends]
    width = max(cell_len(n) for n in names) + 4
    text = Text(t("tui.help.flow_title") + "\n", style="bold")
    text.append("  " + label(state(line.start)) + "\n")
    for name, event, optional in line.steps:
        shown = f"({label(state(name))})" if optional else label(state(name))
        text.append("  -> " + _pad(shown, width), style="bold")
        text.append(_event_note(event) + "\n")
    for i, (name, event) in enumerate(line.ends):
        text.append(("  -> " if i == 0 else "   | ") + _pad(label(state(name)), width), style="bold")
        text.append(_event_note(event) + "\n")
    text.append(t("tui.help.ends", ends=" | ".join(label(state(n)) for n, _e in line.ends)) + "\n")
    text.append("\n" + t("tui.help.side_title") + "\n", style="bold")
    for event in EVENTS:
        if event["trigger"] in line.used:
            continue
        sources = "/".join(label(state(s)) for s in event["source"])
        phases = "/".join(label(phase(p)) for p in event["phases"])
        roles = "/".join(t(f"role.{r}") for r in event["roles"])
        text.append("  " + t("tui.help.event_line", event=label(event), sources=sources,
                             dest=label(state(event["dest"])), phases=phases, roles=roles))
        text.append((" " + t("tui.help.reason") if event.get("reason") else "") + "\n")
    return text


def help_text() -> Text:
    text = Text(t("tui.help.keys_title") + "\n", style="bold")
    text.append(t("tui.help.keys") + "\n\n")
    text.append_text(flow_text())
    text.append("\n" + t("tui.help.phases_title") + "\n", style="bold")
    text.append(" -> ".join(label(p) for p in PHASES) + "\n")
    path = logfile.current_path()
    text.append("\n" + (t("tui.help.log", path=str(path)) if path else t("tui.help.no_log")) + "\n")
    return text


def screen_keys_text(app: App[Any], screen: Screen[Any]) -> Text:
    """Every key of the screen F1 was pressed on, the footer's and the rest, with the binding ids
    a keymap.toml may rebind (tui.keymap)."""
    text = Text(t("tui.help.screen_keys") + "\n", style="bold")
    seen: set[str] = set()
    rows: list[tuple[str, str, str]] = []  # (key, words, binding id)
    for _key, active in screen.active_bindings.items():
        binding = active.binding
        if not binding.description or not active.enabled or (binding.id or binding.action) in seen:
            continue
        seen.add(binding.id or binding.action)
        rows.append((app.get_key_display(binding), binding_text(binding.description), binding.id or ""))
    # Columns as wide as their widest cell (display width: a Chinese character is two) and two spaces more, so
    # each id starts in one column: "标记筛选出的全部" ran into its table.mark_all, one space after it.
    keys = max([8, *(cell_len(key) + 2 for key, _words, _id in rows)])
    words = max([14, *(cell_len(said) + 2 for _key, said, _id in rows)])
    for key, said, binding_id in rows:
        text.append("  " + _pad(key, keys) + _pad(said, words))
        text.append(f"{binding_id}\n" if binding_id else "\n", style="dim")
    text.append(t("tui.help.keymap", path=str(keymap_path())) + "\n")
    return text


class HelpScreen(Modal[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "close", "tui.key.back", id="help.close"),
    ]

    def __init__(self, under: Screen[Any] | None = None) -> None:
        super().__init__()
        self.under = under  # the screen whose keys are listed first

    def compose(self) -> ComposeResult:
        text = Text()
        if self.under is not None:
            about = about_text(type(self.under).__name__)  # what the screen is for, what comes next
            if about is not None:
                text.append_text(about)
                text.append("\n")
            text.append_text(screen_keys_text(self.app, self.under))
            text.append("\n")
        text.append_text(help_text())
        with VerticalScroll(classes="dialog help"):
            yield Static(text, markup=False, id="help-text")

    def action_close(self) -> None:
        self.dismiss(None)
