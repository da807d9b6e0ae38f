"""The command palette in the reader's language.

Textual's ``CommandPalette`` takes its placeholder as an argument (public), the footer's palette
key is our own binding (``app.palette``), and the system commands come from the app's
``get_system_commands`` (public). Only "No matches found" is written inside the palette: the
palette here composes a ``CommandList`` that words that one option anew as it is added.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.command import CommandInput, CommandList, CommandPalette, SearchIcon
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, LoadingIndicator
from textual.widgets.option_list import Option

import tui.strings  # noqa: F401 - registers the words used below
import tui.upward_strings  # noqa: F401 - registers the words used below
from tui.textual_words import STRINGS  # noqa: F401 - registers the words used below
from workflow.i18n import t

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

NO_MATCHES_ID = "--no-matches"  # the id Textual gives its "No matches found" option


class WordedCommandList(CommandList):
    def add_option(self, item: object = None) -> CommandList:  # type: ignore[override]
        if isinstance(item, Option) and item.id == NO_MATCHES_ID:
            item = Option(Align.center(Text(t("tui.palette.no_matches"), style="not bold")),
                          disabled=True, id=NO_MATCHES_ID)
        return super().add_option(item)  # type: ignore[arg-type]


class Palette(CommandPalette):
    """``CommandPalette`` with its placeholder and "no matches" in the reader's language."""

    def __init__(self, *args: object, placeholder: str | None = None, **kwargs: object) -> None:
        super().__init__(*args, placeholder=placeholder or t("tui.palette.placeholder"), **kwargs)  # type: ignore[arg-type]

    def compose(self) -> ComposeResult:
        # As CommandPalette.compose, with the worded list.
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield WordedCommandList()
                yield LoadingIndicator()


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's system commands (App.get_system_commands) worded in the reader's language."""
    grid = getattr(screen, "action_score_grid", None)
    if callable(grid):  # the dashboard's F6: the score grid of its campaign
        yield SystemCommand(t("tui.syscmd.grid"), t("tui.syscmd.grid_help"), grid)
    # The dashboard's marks (its school list: Ctrl+A) and its batch event (Ctrl+E), by name as well as
    # by key; the score grid has no marks, so neither is offered there.
    marks = [action for widget in screen.query("SchoolTable")
             if callable(action := getattr(widget, "action_mark_all", None))]
    if marks:
        yield SystemCommand(t("tui.syscmd.mark_all"), t("tui.syscmd.mark_all_help"), marks[0])
    batch = getattr(screen, "action_batch", None)
    if callable(batch):
        yield SystemCommand(t("tui.syscmd.batch"), t("tui.syscmd.batch_help"), batch)
    upward = getattr(screen, "action_upward", None)
    if callable(upward) and screen.check_action("upward", ()):  # a school's Ctrl+O, where it is offered
        yield SystemCommand(t("tui.syscmd.upward"), t("tui.syscmd.upward_help"), upward)
    yield SystemCommand(t("tui.syscmd.theme"), t("tui.syscmd.theme_help"), app.action_change_theme)
    yield SystemCommand(t("tui.syscmd.quit"), t("tui.syscmd.quit_help"), app.action_quit)
    if screen.query("HelpPanel"):
        yield SystemCommand(t("tui.syscmd.keys"), t("tui.syscmd.keys_hide"), app.action_hide_help_panel)
    else:
        yield SystemCommand(t("tui.syscmd.keys"), t("tui.syscmd.keys_help"), app.action_show_help_panel)
    if screen.maximized is not None:
        yield SystemCommand(t("tui.syscmd.minimize"), t("tui.syscmd.minimize_help"), screen.action_minimize)
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(t("tui.syscmd.maximize"), t("tui.syscmd.maximize_help"), screen.action_maximize)
    yield SystemCommand(t("tui.syscmd.screenshot"), t("tui.syscmd.screenshot_help"),
                        lambda: app.set_timer(0.1, app.deliver_screenshot))
