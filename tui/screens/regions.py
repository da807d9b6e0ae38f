"""各区划汇总: a city's or province's year, one row per child region (workflow/reads/region_status.py),
the same table ``status --by-region`` prints. Enter on a county opens the dashboard on its campaign of
the year; Enter on a city opens this screen again on its counties; F2 shows another year; Esc goes
back up.

Reached by Ctrl+G on the dashboard and from the command palette, for an officer whose region has regions
below it (a city or a province) and for whole-server officers; never for a county's officers or a
school (hidden, not refused: ``may_see_regions``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.region_scope import may_see_regions
from tui.screens.base import DbScreen
from tui.verbs.region_status import region_table
from tui.widgets.keys_footer import KeysFooter
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import label, t
from workflow.reads.region_status import RegionRow, RegionStatus, region_status
from workflow.statemachine.declaration import STATES

if TYPE_CHECKING:
    from tui.app import StarCampusApp

def open_regions(app: StarCampusApp) -> None:
    """The screen on the actor's own region (the palette's entry and the dashboard's Ctrl+G)."""
    if may_see_regions(app.actor) and not isinstance(app.screen, RegionScreen):
        app.push_screen(RegionScreen())


class RegionScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="regions.back"),
        Binding("f5", "reload", "tui.key.reload", id="regions.reload"),
        Binding("f2", "next_year", "tui.regions.year", id="regions.year"),  # newest first, round and round
    ]

    @dataclass
    class Loaded(ReadDone):
        status: RegionStatus | WorkflowError

    def __init__(self, code: str | None = None, year: int | None = None) -> None:
        super().__init__()
        self.code = code  # None: the actor's own region
        self.year = year
        self.status: RegionStatus | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="regions-title", markup=False)
        yield DataTable(id="regions-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="regions-detail", markup=False)
        yield Static(t("tui.regions.hint"), id="regions-hint", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.query_one(DataTable).focus()
        self.action_reload()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_year":  # offered only when there is another year to show
            return self.status is not None and len(self.status.years) > 1
        return True

    def action_next_year(self) -> None:
        status = self.status
        if status is None or len(status.years) < 2:
            return
        at = status.years.index(status.year) if status.year in status.years else -1
        self.year = status.years[(at + 1) % len(status.years)]
        self.load()

    @work(thread=True, exclusive=True, group="regions.load", exit_on_error=False)
    def load(self) -> None:
        with thread_connection():
            status = attempt(lambda: region_status(self.actor, self.code, self.year))
        post_read(self, self.Loaded(status))

    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.stale:
            return
        title = self.query_one("#regions-title", Static)
        if isinstance(message.status, WorkflowError):
            title.update(str(message.status))
            return
        status = self.status = message.status
        self.year = status.year
        self.refresh_bindings()  # F2 (another year) is offered once the years are known
        name = status.name or t("tui.screen.regions")
        if status.year is None:
            title.update(t("tui.regions.no_year", name=name))
        elif status.code:
            title.update(t("tui.regions.title", name=status.name, code=status.code, year=status.year))
        else:
            title.update(t("tui.regions.title_top", year=status.year))
        table = self.query_one(DataTable)
        place = table.cursor_row
        table.clear(columns=True)
        headers, rows = region_table(status)
        table.add_columns(*headers)
        for row in rows:
            table.add_row(*(str(cell) for cell in row))
        if rows:
            table.move_cursor(row=min(place, len(rows) - 1))
        self.show_detail()

    def highlighted(self) -> RegionRow | None:
        """The child region under the cursor; None on the totals row (or before the rows are read)."""
        if self.status is None:
            return None
        index = self.query_one(DataTable).cursor_row
        return self.status.rows[index] if 0 <= index < len(self.status.rows) else None

    @on(DataTable.RowHighlighted)
    def show_detail(self) -> None:
        """The highlighted row in words, every state and level: the table may be wider than 80 columns."""
        status = self.status
        if status is None:
            return
        row = self.highlighted() or status.total
        name = row.name or t("cli.region_status.total")
        parts = [f"{label(s)} {row.states[s['name']]}" for s in STATES if row.states[s["name"]]]
        parts += [f"{t('cli.region_status.star', level=lv)} {row.stars[lv]}" for lv in status.star_levels
                  if row.stars[lv]]
        self.query_one("#regions-detail", Static).update(
            t("tui.regions.detail", name=name, states=" · ".join(parts) or "—", overdue=row.overdue))

    @on(DataTable.RowSelected)
    def drill_down(self) -> None:
        """Enter: a region with regions below opens on them; a county, on its campaign of the year."""
        row, status = self.highlighted(), self.status
        if row is None or status is None:
            return
        if row.has_children:
            self.app.push_screen(RegionScreen(row.code, status.year))
        elif row.campaign_ids:
            self.open_campaign(max(row.campaign_ids))  # the newest, if a county ran two in one year
        else:
            self.notify(t("tui.regions.no_campaign", name=row.name, year=status.year), severity="warning")

    def open_campaign(self, campaign_id: int) -> None:
        """Back to the dashboard (under every region screen), showing this campaign: the dashboard reads
        the app's campaign when it is shown again."""
        from tui.screens.dashboard import DashboardScreen

        app = self.starcampus
        app.campaign_id = campaign_id
        while len(app.screen_stack) > 1 and not isinstance(app.screen, DashboardScreen):
            app.pop_screen()
        if not isinstance(app.screen, DashboardScreen):
            app.push_screen(DashboardScreen(campaign_id))
