"""The campaign's phase timeline: phases in order, today's position, days left, overdue marks."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

import tui.strings  # noqa: F401 - registers the strings used below
from workflow.i18n import label, t
from workflow.statemachine.declaration import PHASES


def timeline_text(current: str, windows: dict[str, tuple[date, date]], today: date, width: int = 200) -> Text:
    """Two lines: the phases (past dim, current reversed, late ones marked) and today's place."""
    names = [p["name"] for p in PHASES]
    here = names.index(current) if current in names else 0
    full = sum(len(label(p)) * 2 + 16 for p in PHASES) <= width
    line = Text()
    for i, entry in enumerate(PHASES):
        name = entry["name"]
        start, end = windows.get(name, (None, None))
        span = f" {start:%m-%d}~{end:%m-%d}" if start and end and (full or i == here) else ""
        piece = f"{i + 1}.{label(entry)}{span}"
        if i < here:
            style = "dim"
        elif i == here:
            style = "bold reverse"
        else:
            style = ""
        if i > 0:
            line.append(" > ", style="dim")
        line.append(piece, style=style)
    line.append("\n")
    start, end = windows.get(current, (today, today))
    status = Text(t("tui.timeline.today", today=today.isoformat()))
    if today < start:
        status.append(t("tui.timeline.early", days=(start - today).days), style="yellow")
    elif today > end:
        status.append(t("tui.timeline.overdue", days=(today - end).days, phase=label(PHASES[here])),
                      style="bold red")
    else:
        status.append(t("tui.timeline.left", day=(today - start).days + 1, left=(end - today).days))
    later = [p for p in PHASES[here + 1:] if p["name"] in windows and windows[p["name"]][0] <= today]
    if later:
        status.append(t("tui.timeline.behind", phase=label(later[-1])), style="bold red")
    line.append_text(status)
    return line


class Timeline(Static):
    DEFAULT_CSS = """
    Timeline { height: 2; }
    """

    _args: tuple[str, dict[str, tuple[date, date]], date] | None = None

    def show(self, current: str, windows: dict[str, tuple[date, date]], today: date) -> None:
        self._args = (current, windows, today)
        self.update(timeline_text(current, windows, today, self.size.width or 80))

    def on_resize(self) -> None:
        if self._args is not None:
            self.update(timeline_text(*self._args, self.size.width))
