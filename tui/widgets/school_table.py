"""The school list: a virtual table that pages from SQL and draws only the visible rows.

Its virtual height is the filtered row count (``workflow.reads.queries.count_rows``); rows come in
pages of ``PAGE`` from ``school_rows`` in a thread worker as the view scrolls, so 100,000
schools cost the same first paint as 100.

Schools are marked for a batch event with Space (one) or Ctrl+A (every school the filter shows,
read in one worker, however many pages were drawn); the marks outlive a new filter, and a ✓
column is drawn in front of the code while any school is marked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.scoring import format_score
from tui import gc_hold
from tui.first_rows import FirstRows
from tui.school_query import PAGE, Query, page_rows
from tui.screens.base import TranslatedBindings
from tui.widgets.cells import ellipsize
from tui.work import ReadDone, WorkerReporting, post_read, thread_connection
from workflow import clock
from workflow.connection import InterruptibleRead, interrupt_reads, interruptible
from workflow.i18n import t
from workflow.reads import queries

CODE_WIDTH = 10  # the national school code (学校标识码) is 10 digits: never cut
WIDE = 110
MARK = "✓"


@dataclass
class Column:
    key: str
    title: str
    width: int  # 0: takes the remaining width
    right: bool = False


@dataclass
class Loaded(ReadDone):
    """Rows (and, for a short first page, the count) of one query; ``generation`` names the query."""

    generation: int = 0
    total: int | None = None
    start: int = 0
    rows: list[queries.SchoolRow] = field(default_factory=list)


# The kinds of answer add no fields: they are Loaded's dataclass as they are (a @dataclass of their own
# generates the same methods again, about half a millisecond each at every launch).
class AllShownLoaded(Loaded):
    """Every row of the query, for "mark all shown"."""


class FirstPageLoaded(Loaded):
    pass


class CountLoaded(Loaded):
    pass


class PageLoaded(Loaded):
    pass


class SchoolTable(TranslatedBindings, WorkerReporting, ScrollView, can_focus=True):
    """Keys: arrows/PgUp/PgDn/Home/End move, Enter opens; printable keys go to the filter box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor(-1)", show=False, id="table.up"),
        Binding("down", "cursor(1)", show=False, id="table.down"),
        Binding("pageup", "page(-1)", show=False, id="table.pageup"),
        Binding("pagedown", "page(1)", show=False, id="table.pagedown"),
        Binding("home", "jump(0)", show=False, id="table.home"),
        Binding("end", "jump(-1)", show=False, id="table.end"),
        Binding("enter", "open", "tui.key.open", id="table.open"),
        Binding("space", "toggle_mark", "tui.key.mark", show=False, id="table.mark"),
        Binding("ctrl+a", "mark_all", "tui.key.mark_all", show=False, id="table.mark_all"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"school-table--header", "school-table--cursor",
                                             "school-table--loading", "school-table--sorted"}
    DEFAULT_CSS = """
    SchoolTable { overflow-x: hidden; overflow-y: scroll; }
    SchoolTable > .school-table--header { text-style: bold; background: $primary 30%; }
    SchoolTable > .school-table--sorted { text-style: bold underline; background: $primary 30%; }
    SchoolTable > .school-table--cursor { background: $accent 60%; }
    SchoolTable:blur > .school-table--cursor { background: $accent 25%; }
    SchoolTable > .school-table--loading { color: $text-muted; }
    """

    # The table's messages are plain classes, not @dataclass (tui/screens/dashboard.py says why).
    class Opened(Message):
        def __init__(self, assessment_id: int, code: str) -> None:
            self.assessment_id = assessment_id
            self.code = code
            super().__init__()

    class TypedAhead(Message):
        """A printable key pressed on the table: the screen puts it in the filter box."""

        def __init__(self, character: str) -> None:
            self.character = character
            super().__init__()

    class FilterEnter(Message):  # no fields: a plain Message, nothing for @dataclass to generate
        """Enter pressed on the table right behind typed-ahead keys: it is the filter box's Enter."""

    class Counted(Message):
        def __init__(self, total: int) -> None:
            self.total = total
            super().__init__()

    class SortRequested(Message):
        def __init__(self, key: str) -> None:
            self.key = key
            super().__init__()

    class MarksChanged(Message):
        def __init__(self, count: int) -> None:
            self.count = count
            super().__init__()

    class RowsShown(Message):
        """A query's first rows are drawn (after the refresh that drew them)."""

    def __init__(self, *, id: str | None = None, first_rows: FirstRows | None = None) -> None:
        super().__init__(id=id)
        self.first_rows = first_rows  # the launch's: a count waits for the first rows (tui/first_rows.py)
        self.query_spec: Query | None = None
        self.total = 0
        self._total_known = False
        self._keep_place = False
        self._reads: dict[str, InterruptibleRead] = {}  # the first page's and the count's, while they run
        self.cursor = 0
        self._generation = 0
        self._pages: dict[int, list[queries.SchoolRow]] = {}
        self._asked: set[int] = set()
        self.star_names: dict[int, str] = {}
        self.state_names: dict[str, str] = {}
        self.loaded = False
        self._loading = False  # the newest query's first page has not arrived yet
        self._holds = 0  # the filter box has handed over with keys still on their way
        self._open_pending = False  # Enter came while the rows it means were not in yet
        self._typed_ahead = 0  # TypedAhead posted, not yet on their way to the screen
        self.marked: dict[int, tuple[str, str]] = {}  # assessment id -> (code, name), in marking order

    # ----- columns
    def columns(self) -> list[Column]:
        """Codes in full (the national code is 10 digits), states and levels as wide as their longest
        label in the reader's language; the name takes the rest. "最近变更" only from 110 cells on."""
        wide = self.size.width >= WIDE
        state_width = max([cell_len(t("tui.col.state")), *(cell_len(n) for n in self.state_names.values())])
        mark = cell_len(t("tui.provisional_short"))
        star_width = max([cell_len(t("tui.col.star")), cell_len(t("word.no_star")),
                          *(cell_len(n) + mark for n in self.star_names.values())])
        cols = [Column("mark", MARK, 1)] if self.marked else []
        cols += [
            Column("code", t("tui.col.code"), CODE_WIDTH),
            Column("name", t("tui.col.name"), 0),
            Column("township", t("tui.col.township"), 8 if not wide else 10),
            Column("state", t("tui.col.state"), min(state_width, 18)),
            Column("self_total", t("tui.col.self"), max(5, cell_len(t("tui.col.self"))), right=True),
            Column("verified_total", t("tui.col.verified"), max(5, cell_len(t("tui.col.verified"))), right=True),
            Column("star_level", t("tui.col.star"), min(star_width, 14)),
        ]
        if wide:
            cols.append(Column("updated_at", t("tui.col.updated"), 16))
        return cols

    def _widths(self) -> list[int]:
        cols = self.columns()
        width = self.scrollable_content_region.width or self.size.width
        fixed = sum(c.width for c in cols) + len(cols) - 1
        return [c.width or max(8, width - fixed) for c in cols]

    # ----- data
    def load(self, query: Query, *, keep_place: bool = False) -> None:
        """Start over with a new query.

        The first page and the count run as two workers on two connections: the rows a
        keystroke asks for are drawn as soon as they arrive (a short page is its own count),
        and the scroll height follows when the count over 100,000 schools is in. At a launch the
        count is read once the first rows are drawn (``first_rows``).
        """
        self._start(query, keep_place=keep_place)
        self.load_first(self._generation, query)
        self.load_count(self._generation, query, self.first_rows)

    def show_first(self, query: Query, rows: list[queries.SchoolRow]) -> None:
        """Start over with a query whose first page is read already (the launch's, tui/dashboard_reads.py):
        drawn in the next frame; the count is read as ``load`` reads it."""
        self._start(query, keep_place=False)
        self.load_count(self._generation, query, self.first_rows)
        self.first_page(FirstPageLoaded(self._generation, len(rows) if len(rows) < PAGE else None, 0, rows))

    def _start(self, query: Query, *, keep_place: bool) -> None:
        interrupt_reads(self._reads)  # the older query's rows and count are not wanted any more
        self._keep_place = keep_place  # the same list read again (changes seen): the cursor stays where it was
        self.query_spec = query
        self._generation += 1
        self._total_known = False  # the height kept from the last query is no count of this one
        self._loading = True

    @work(thread=True, exclusive=True, group="table.first", exit_on_error=False)
    def load_first(self, generation: int, query: Query) -> None:
        with thread_connection(), interruptible(self._reads, "first") as read:
            rows = page_rows(query, 0)
        if read.interrupted:
            return
        post_read(self, FirstPageLoaded(generation, len(rows) if len(rows) < PAGE else None, 0, rows))

    @work(thread=True, exclusive=True, group="table.count", exit_on_error=False)
    def load_count(self, generation: int, query: Query, first_rows: FirstRows | None = None) -> None:
        if first_rows is not None and not first_rows.is_drawn:
            # The launch: counted once the first rows are drawn, which do not wait for it (``first_page``).
            first_rows.wait()
            if get_current_worker().is_cancelled:
                return  # a newer query's count is wanted
        with thread_connection(), interruptible(self._reads, "count") as read:
            total = queries.count_rows(query.campaign_id, **query.filters())
        if read.interrupted:
            return
        post_read(self, CountLoaded(generation, total, 0))

    @work(thread=True, exit_on_error=False)  # pages of one query do not replace each other
    def load_page(self, generation: int, query: Query, start: int, total: int | None = None) -> None:
        with thread_connection():
            rows = page_rows(query, start, total)
        post_read(self, PageLoaded(generation, None, start, rows))

    @on(FirstPageLoaded)
    def first_page(self, loaded: FirstPageLoaded) -> None:
        if loaded.stale or loaded.generation != self._generation:
            return
        self._loading = False
        self._pages = {0: loaded.rows}
        self._asked = {0}
        if not self._keep_place:
            self.scroll_to(y=0, animate=False, immediate=True)
            self.cursor = 0
        self.loaded = True
        if loaded.total is not None:
            self._set_total(loaded.total)
        else:
            # At least a full page: keep the old height until the count says otherwise. With no old
            # height (the launch) the page's own: its rows are drawn now, not once the count is in.
            self.total = max(self.total, len(loaded.rows))
            self.virtual_size = Size(self.size.width, self.total + 1)
            self.refresh()
        self._open_if_pending()
        self.call_after_refresh(self._rows_shown)

    def _rows_shown(self) -> None:
        if getattr(self.app, "frame_withheld", False):
            # The refresh that drew the rows was withheld by a batch (tui/app.py; the app's start-up at a
            # launch): they are on screen once the app has painted it again.
            self.app.after_withheld_frame(self._rows_shown)  # type: ignore[attr-defined]
            return
        gc_hold.release()  # the launch's first rows are drawn (tui/gc_hold.py)
        self.post_message(self.RowsShown())

    @on(CountLoaded)
    def counted(self, loaded: CountLoaded) -> None:
        if not loaded.stale and loaded.generation == self._generation and loaded.total is not None:
            self._set_total(loaded.total)

    def _set_total(self, total: int) -> None:
        self.total = total
        self._total_known = True
        self.cursor = min(self.cursor, max(0, total - 1))
        self.virtual_size = Size(self.size.width, total + 1)
        self.refresh()
        self.post_message(self.Counted(total))

    @on(PageLoaded)
    def page_loaded(self, loaded: PageLoaded) -> None:
        if loaded.generation != self._generation:
            return
        self._pages[loaded.start] = loaded.rows
        self.refresh()

    def row_at(self, index: int) -> queries.SchoolRow | None:
        start = (index // PAGE) * PAGE
        page = self._pages.get(start)
        if page is None:
            if start not in self._asked and self.query_spec is not None:
                self._asked.add(start)
                self.load_page(self._generation, self.query_spec, start,
                               self.total if self._total_known else None)
            return None
        offset = index - start
        return page[offset] if offset < len(page) else None

    def current(self) -> queries.SchoolRow | None:
        return self.row_at(self.cursor) if self.total else None

    # ----- drawing
    def _cells(self, row: queries.SchoolRow) -> list[str]:
        def num(value: Decimal | None) -> str:
            return "-" if value is None else format_score(value)

        star = "-" if row.verified_total is None else t("word.no_star")
        if row.star_level is not None:
            star = self.star_names.get(row.star_level, str(row.star_level))
            if row.provisional:
                star += t("tui.provisional_short")
        mark = [MARK if row.assessment_id in self.marked else ""] if self.marked else []
        cells = [*mark, row.code, row.name, row.township, self.state_names.get(row.state, row.state),
                 num(row.self_total), num(row.verified_total), star, clock.local(row.updated_at)]
        return cells[:len(self.columns())]

    def _blank(self, first: str) -> list[str]:
        return [first] + [""] * (len(self.columns()) - 1)

    def _line(self, cells: list[str], style: Style, sorted_style: Style | None = None) -> Strip:
        segments: list[Segment] = []
        cols = self.columns()
        widths = self._widths()
        for i, (col, width, text) in enumerate(zip(cols, widths, cells, strict=True)):
            if col.right and cell_len(text) < width:
                text = " " * (width - cell_len(text)) + text
            piece = set_cell_size(ellipsize(text, width), width)  # a cut name ends in "…"
            use = sorted_style if (sorted_style is not None and self.query_spec
                                   and col.key == self.query_spec.sort) else style
            segments.append(Segment(piece, use))
            if i < len(cols) - 1:
                segments.append(Segment(" ", style))
        return Strip(segments).crop_extend(0, self.scrollable_content_region.width, style)

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        if y == 0:
            header = self.get_component_rich_style("school-table--header")
            sorted_style = self.get_component_rich_style("school-table--sorted")
            titles = [c.title for c in self.columns()]
            if self.query_spec is not None:
                for i, c in enumerate(self.columns()):
                    if c.key == self.query_spec.sort:
                        titles[i] += "v" if self.query_spec.descending else "^"
            return self._line(titles, base + header, base + sorted_style)
        index = int(self.scroll_offset.y) + y - 1
        if index >= self.total:
            if index == 0 and self.loaded:
                # Across the whole line: the message is not a code, so no column cuts it.
                style = base + self.get_component_rich_style("school-table--loading")
                width = self.scrollable_content_region.width
                return Strip([Segment(ellipsize(t("tui.table.empty"), width), style)]).crop_extend(0, width, style)
            return Strip.blank(self.scrollable_content_region.width, base)
        row = self.row_at(index)
        if row is None:
            return self._line(self._blank("..."),
                              base + self.get_component_rich_style("school-table--loading"))
        style = base
        if index == self.cursor:
            style = base + self.get_component_rich_style("school-table--cursor")
        return self._line(self._cells(row), style)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.total + 1)
        self.refresh()

    # ----- moving
    def _visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _move_to(self, index: int) -> None:
        if not self.total:
            return
        old = self.cursor
        self.cursor = max(0, min(self.total - 1, index))
        top = int(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + self._visible_rows():
            self.scroll_to(y=self.cursor - self._visible_rows() + 1, animate=False, immediate=True)
        if old != self.cursor:
            self.refresh()

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor + delta)

    def action_page(self, delta: int) -> None:
        self._move_to(self.cursor + delta * self._visible_rows())

    def action_jump(self, where: int) -> None:
        self._move_to(self.total - 1 if where < 0 else 0)

    def hold(self) -> None:
        """The filter is about to change: an Enter from now on waits for its rows (see ``release``)."""
        self._holds += 1

    def release(self) -> None:
        self._holds = max(0, self._holds - 1)
        self._open_if_pending()

    def action_open(self) -> None:
        if self._holds or self._loading:
            self._open_pending = True  # open the row this Enter means, once it is in
            return
        row = self.current()
        if row is not None:
            self.post_message(self.Opened(row.assessment_id, row.code))

    def _open_if_pending(self) -> None:
        if self._open_pending and not self._holds and not self._loading:
            self._open_pending = False
            self.action_open()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 0
            for col, width in zip(self.columns(), self._widths(), strict=True):
                if x <= offset.x < x + width + 1 and col.key != "mark":
                    self.post_message(self.SortRequested(col.key))
                    return
                x += width + 1
            return
        index = int(self.scroll_offset.y) + offset.y - 1
        if index < self.total:
            if index == self.cursor and event.chain >= 2:
                self.action_open()
            self._move_to(index)

    def on_key(self, event: events.Key) -> None:
        if event.is_printable and event.character and event.character not in "\r\n\t ":
            # Space is not typed ahead: it marks the row (a binding, checked once the key has bubbled up).
            event.stop()
            event.prevent_default()
            self._typed_ahead += 1
            self.post_message(self.TypedAhead(event.character))
        elif event.key == "enter" and self._typed_ahead:
            # "新民 Enter" in one read: the app routed Enter here before the screen moved the focus to the
            # filter box, and the Enter binding, resolved once the key bubbles up, then met either this
            # table (opening the unfiltered first row) or the box (a Submitted nobody acts on). Sent behind
            # the typed keys instead, it reaches the screen after them: the filter's Enter.
            event.stop()
            event.prevent_default()
            self.post_message(self.FilterEnter())

    def on_school_table_typed_ahead(self, event: TypedAhead) -> None:
        self._typed_ahead = max(0, self._typed_ahead - 1)  # now bubbling to the screen, ahead of any Enter

    def on_paste(self, event: events.Paste) -> None:
        # IME commits arrive as pastes: treat them as typing into the filter.
        event.stop()
        text = event.text.strip()
        if text:
            self.post_message(self.TypedAhead(text))

    # ----- marks for a batch event
    def action_toggle_mark(self) -> None:
        """Space: mark or unmark the row under the cursor, then move down (as file managers do)."""
        row = self.current()
        if row is None:
            return
        if self.marked.pop(row.assessment_id, None) is None:
            self.marked[row.assessment_id] = (row.code, row.name)
        self._marks_changed()
        self.action_cursor(1)

    def action_mark_all(self) -> None:
        """Ctrl+A: mark every school the filter shows; if they all are marked already, unmark them."""
        if self.query_spec is not None and self.total and self._total_known:  # not the page's own height
            self.load_all_shown(self._generation, self.query_spec, self.total)

    @work(thread=True, exclusive=True, group="table.all", exit_on_error=False)
    def load_all_shown(self, generation: int, query: Query, total: int) -> None:
        with thread_connection():
            rows = queries.school_rows(query.campaign_id, **query.filters(), sort=query.sort,
                                       descending=query.descending, limit=max(1, total))
        post_read(self, AllShownLoaded(generation, len(rows), 0, rows))

    @on(AllShownLoaded)
    def all_shown(self, loaded: AllShownLoaded) -> None:
        if loaded.stale or loaded.generation != self._generation:
            return
        if all(row.assessment_id in self.marked for row in loaded.rows):
            for row in loaded.rows:
                self.marked.pop(row.assessment_id, None)
        else:
            for row in loaded.rows:
                self.marked.setdefault(row.assessment_id, (row.code, row.name))
        self._marks_changed()

    def unmark(self, assessment_ids: list[int] | None = None) -> None:
        """Drop these marks (all of them when None): the schools a batch has done, or a new campaign."""
        if assessment_ids is None:
            self.marked.clear()
        else:
            for aid in assessment_ids:
                self.marked.pop(aid, None)
        self._marks_changed()

    def _marks_changed(self) -> None:
        self.refresh()
        self.post_message(self.MarksChanged(len(self.marked)))
