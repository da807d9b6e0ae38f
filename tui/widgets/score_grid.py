"""The score grid: schools x leaves of one score kind (or both), virtual in both directions.

Only what is on screen is drawn: ``render_line`` draws one school's line from the page it is in
(pages of ``PAGE`` rows come from ``workflow.reads.score_grid.grid_rows`` in a thread worker as the
view scrolls, as the dashboard's list does), and only the leaf columns from ``left`` that fit the
width. The school's code and name, its total and level stay on the left; the two header lines
(leaf codes, their maxima) stay on top.

Keys as in a spreadsheet: arrows, Tab/Shift+Tab, Home/End (first/last leaf), Ctrl+Home/Ctrl+End
(first/last school), PgUp/PgDn; typing a score starts editing the cell (type to replace), F2 edits
the value in it, Esc cancels, Enter (Tab, an arrow) checks the value as the sheet does
(``tui.widgets.score_input.check``) and hands it to the screen to save (``Committed``); a refused
value stays in the cell, red, and the cursor with it. Saving is the screen's (tui/screens/score_grid.py).

The both view (``kind`` "both") gives every leaf two sub-columns: the school's self score, grey and
read-only, then the verified score the cursor sits on and the keys enter (``edit_kind``); the frozen
columns show both totals and the level the verified total reaches.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
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

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.scoring import format_score, star_for
from tui.screens.base import TranslatedBindings
from tui.widgets.cells import ellipsize
from tui.widgets.score_input import check, pasted_cells
from tui.work import ReadDone, WorkerReporting, post_read, thread_connection
from workflow.i18n import language, t
from workflow.permissions import Actor
from workflow.reads.school_page import editable_kind
from workflow.reads.score_grid import (
    GridLayout,
    GridRow,
    default_kind,
    entered_kind,
    grid_count,
    grid_layout,
    grid_rows,
)
from workflow.statemachine.guards import state_label

PAGE = 100
HEADER = 2  # leaf codes, then their maxima
CODE_WIDTH = 10  # the national school code is 10 digits: never cut
NAME_WIDTH = 14
TOTAL_WIDTH = 6
CELL_WIDTH = 5
TYPED = set("0123456789.０１２３４５６７８９．")  # a key that starts an edit (full-width digits too)


@dataclass
class GridLoaded(ReadDone):
    generation: int = 0
    layout: GridLayout | None = None
    total: int = 0
    start: int = 0
    rows: list[GridRow] = field(default_factory=list)
    kind: str = "self"


@dataclass
class GridPageLoaded(GridLoaded):
    pass


class ScoreGrid(TranslatedBindings, WorkerReporting, ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1, 0)", show=False, id="grid.up"),
        Binding("down", "move(1, 0)", show=False, id="grid.down"),
        Binding("left", "move(0, -1)", show=False, id="grid.left"),
        Binding("right", "move(0, 1)", show=False, id="grid.right"),
        Binding("tab", "move(0, 1)", show=False, id="grid.tab"),
        Binding("shift+tab", "move(0, -1)", show=False, id="grid.shift_tab"),
        Binding("enter", "enter", "tui.key.grid_save", show=False, id="grid.enter"),
        Binding("home", "edge(0, -1)", show=False, id="grid.home"),
        Binding("end", "edge(0, 1)", show=False, id="grid.end"),
        Binding("ctrl+left", "edge(0, -1)", show=False, id="grid.ctrl_left"),
        Binding("ctrl+right", "edge(0, 1)", show=False, id="grid.ctrl_right"),
        Binding("ctrl+home,ctrl+up", "edge(-1, 0)", show=False, id="grid.first_school"),
        Binding("ctrl+end,ctrl+down", "edge(1, 0)", show=False, id="grid.last_school"),
        Binding("pageup", "page(-1)", show=False, id="grid.pageup"),
        Binding("pagedown", "page(1)", show=False, id="grid.pagedown"),
        Binding("f2", "edit", "tui.key.grid_edit", show=False, id="grid.edit"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"score-grid--header", "score-grid--cursor", "score-grid--loading",
                                             "score-grid--bad", "score-grid--pending", "score-grid--frozen",
                                             "score-grid--editing", "score-grid--readonly"}
    DEFAULT_CSS = """
    ScoreGrid { overflow-x: hidden; overflow-y: scroll; }
    ScoreGrid > .score-grid--header { text-style: bold; background: $primary 30%; }
    ScoreGrid > .score-grid--frozen { text-style: bold; }
    ScoreGrid > .score-grid--cursor { background: $accent 60%; }
    ScoreGrid:blur > .score-grid--cursor { background: $accent 25%; }
    ScoreGrid > .score-grid--editing { background: $warning 50%; text-style: bold underline; }
    ScoreGrid > .score-grid--bad { color: $error; text-style: bold reverse; }
    ScoreGrid > .score-grid--pending { text-style: italic; color: $text-muted; }
    ScoreGrid > .score-grid--readonly { color: $text-muted; }
    ScoreGrid > .score-grid--loading { color: $text-muted; }
    """

    @dataclass
    class Committed(Message):
        """A checked value for one cell: the screen queues its save."""

        row: GridRow
        code: str
        text: str
        value: Decimal

    @dataclass
    class Refused(Message):
        """A cell that cannot take this value or cannot be edited: the text says why."""

        text: str

    @dataclass
    class CursorMoved(Message):
        pass

    @dataclass
    class Restored(Message):
        """A draft's text is back in its cell, being typed (``restore_edit``)."""

    @dataclass
    class PastedCells(Message):
        """Several cells pasted at the cursor: lines down the schools, tab-separated cells across the leaves."""

        start_row: int
        start_col: int
        cells: list[list[str]]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actor: Actor | None = None
        self.campaign_id: int | None = None
        self.grid_layout: GridLayout | None = None
        self.kind = "self"
        self.total = 0
        self.row = 0  # the cursor: a school (index in display order) and a leaf (column index)
        self.col = 0
        self.left = 0  # the first leaf column drawn
        self.loaded = False
        self.editing: str | None = None  # the text being typed in the cursor's cell
        self.bad: dict[tuple[int, str], str] = {}  # (assessment id, leaf) -> why its value was refused
        self.pending: dict[tuple[int, str], str] = {}  # typed and checked, its save not answered yet
        self.star_names: dict[int, str] = {}
        self._generation = 0
        self._restoring: str | None = None  # a draft's text, for the cursor's cell once its row is read
        self._pages: dict[int, list[GridRow]] = {}
        self._asked: set[int] = set()

    # ----- data
    def load(self, actor: Actor, campaign_id: int, kind: str | None = None) -> None:
        """Read the layout, the count and the first page again (a new kind, a conflict, F5).

        ``kind`` None: the one this actor's role and the campaign's phase call for (``default_kind``).
        """
        self.actor, self.campaign_id = actor, campaign_id
        if kind is not None and kind != self.kind:
            self.kind = kind  # pages asked for before the first one is in are of this kind
            self._pages, self._asked = {}, set()  # the other kind's values must not show under this header
            self.bad.clear()  # its refusals were the other kind's cells
        self._generation += 1
        self.editing = None
        self.load_first(self._generation, actor, campaign_id, kind, self._page_start(self.row))

    def _page_start(self, index: int) -> int:
        return (index // PAGE) * PAGE

    @work(thread=True, exclusive=True, group="grid.first", exit_on_error=False)
    def load_first(self, generation: int, actor: Actor, campaign_id: int, kind: str | None, start: int) -> None:
        with thread_connection():
            layout = grid_layout(actor, campaign_id)
            kind = kind or default_kind(actor, layout.phase)
            total = grid_count(actor, layout.round_id)
            rows = grid_rows(actor, layout.round_id, kind, offset=start, limit=PAGE)
        post_read(self, GridLoaded(generation, layout, total, start, rows, kind))

    @work(thread=True, exit_on_error=False)  # pages of one generation do not replace each other
    def load_page(self, generation: int, actor: Actor, layout: GridLayout, kind: str, start: int) -> None:
        with thread_connection():
            rows = grid_rows(actor, layout.round_id, kind, offset=start, limit=PAGE)
        post_read(self, GridPageLoaded(generation, layout, 0, start, rows))

    @on(GridLoaded)
    def first_loaded(self, loaded: GridLoaded) -> None:
        if loaded.stale or loaded.generation != self._generation or loaded.layout is None:
            return
        if isinstance(loaded, GridPageLoaded):
            self._pages[loaded.start] = loaded.rows
            self.refresh()
            self._restore_now()
            return
        layout = self.grid_layout = loaded.layout
        self.kind = loaded.kind
        lang = language()
        self.star_names = {s.level: (s.name_en if lang == "en" else s.name_zh) for s in layout.rubric.star_levels}
        self._pages = {loaded.start: loaded.rows}
        self._asked = {loaded.start}
        self.total = loaded.total
        self.row = min(self.row, max(0, self.total - 1))
        self.col = min(self.col, max(0, len(layout.leaves) - 1))
        self.loaded = True
        self.virtual_size = Size(self.size.width, self.total + HEADER)
        self._keep_in_view()
        self.refresh()
        self.post_message(self.CursorMoved())

    def row_at(self, index: int) -> GridRow | None:
        start = self._page_start(index)
        page = self._pages.get(start)
        if page is None:
            if start not in self._asked and self.actor is not None and self.grid_layout is not None:
                self._asked.add(start)
                self.load_page(self._generation, self.actor, self.grid_layout, self.kind, start)
            return None
        offset = index - start
        return page[offset] if offset < len(page) else None

    def current(self) -> GridRow | None:
        return self.row_at(self.row) if self.total else None

    def current_code(self) -> str | None:
        return self.grid_layout.leaves[self.col].code if self.grid_layout and self.grid_layout.leaves else None

    def find(self, assessment_id: int) -> tuple[int, int] | None:
        """(page start, offset) of a school's row among the pages read."""
        for start, page in self._pages.items():
            for offset, row in enumerate(page):
                if row.assessment_id == assessment_id:
                    return start, offset
        return None

    def apply_saved(self, assessment_id: int, code: str, value: Decimal, total: Decimal | None,
                    version: int) -> None:
        """A save's answer: the cell's stored value, the row's total (and so its level) and version."""
        self.pending.pop((assessment_id, code), None)
        self.bad.pop((assessment_id, code), None)
        where = self.find(assessment_id)
        if where is not None:
            start, offset = where
            row = self._pages[start][offset]
            self._pages[start][offset] = replace(row, values={**row.values, code: value}, total=total,
                                                 version=version)
        self.refresh()
        self.post_message(self.CursorMoved())

    def refuse(self, assessment_id: int, code: str, text: str) -> None:
        """A save refused by the door: the cell shows its stored value again, marked, with why."""
        self.pending.pop((assessment_id, code), None)
        self.bad[(assessment_id, code)] = text
        self.refresh()
        self.post_message(self.CursorMoved())

    def level_text(self, row: GridRow) -> str:
        if row.total is None:
            return "-"
        if row.vetoed:
            return t("tui.grid.vetoed")
        assert self.grid_layout is not None
        star = star_for(self.grid_layout.rubric, row.total)
        return t("word.no_star") if star is None else self.star_names.get(star.level, str(star.level))

    @property
    def both(self) -> bool:
        return self.kind == "both"

    @property
    def edit_kind(self) -> str:
        """The score kind the keys enter: the view's, or the verified one in the both view."""
        return entered_kind(self.kind)

    def editable(self, row: GridRow) -> bool:
        return self.actor is not None and editable_kind(self.actor, row.state) == self.edit_kind

    # ----- geometry
    def _level_width(self) -> int:
        return max([cell_len(t("tui.col.star")), cell_len(t("word.no_star")), cell_len(t("tui.grid.vetoed")),
                    *(cell_len(n) for n in self.star_names.values())])

    def _frozen_widths(self) -> list[int]:
        totals = [TOTAL_WIDTH, TOTAL_WIDTH] if self.both else [TOTAL_WIDTH]  # (self,) verified
        return [CODE_WIDTH, NAME_WIDTH, *totals, self._level_width()]

    def _frozen_width(self) -> int:
        return sum(width + 1 for width in self._frozen_widths())

    def leaf_width(self) -> int:
        """A leaf's columns with their gaps: one cell, or the self and verified cells of the both view."""
        return (CELL_WIDTH + 1) * (2 if self.both else 1)

    def visible_columns(self) -> int:
        width = self.scrollable_content_region.width or self.size.width
        return max(1, (width - self._frozen_width()) // self.leaf_width())

    def visible_rows(self) -> int:
        return max(1, self.scrollable_content_region.height - HEADER)

    # ----- drawing
    def _frozen(self, cells: list[str], style: Style) -> list[Segment]:
        """Code, name, the total(s) and the level; ``cells`` has one total, or two in the both view."""
        widths = self._frozen_widths()
        if len(cells) < len(widths):
            cells = cells[:2] + [""] * (len(widths) - len(cells)) + cells[2:]  # a loading line's blanks
        out: list[Segment] = []
        for i, (text, width) in enumerate(zip(cells, widths, strict=True)):
            text = ellipsize(text, width)  # (it folds spaces: pad after)
            if 2 <= i < len(widths) - 1:
                text = " " * (width - cell_len(text)) + text  # totals right-aligned
            out.append(Segment(set_cell_size(text, width), style))
            out.append(Segment(" ", style))
        return out

    def _cell(self, text: str) -> str:
        text = ellipsize(text, CELL_WIDTH)  # (it folds spaces: pad after) scores right-aligned
        return set_cell_size(" " * (CELL_WIDTH - cell_len(text)) + text, CELL_WIDTH)

    def _columns(self) -> range:
        count = len(self.grid_layout.leaves) if self.grid_layout else 0
        return range(self.left, min(count, self.left + self.visible_columns()))

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.grid_layout is None:
            return Strip.blank(width, base)
        if y < HEADER:
            return self._header_line(y, base + self.get_component_rich_style("score-grid--header"))
        index = int(self.scroll_offset.y) + y - HEADER
        if index >= self.total:
            if index == 0 and self.loaded:
                style = base + self.get_component_rich_style("score-grid--loading")
                return Strip([Segment(ellipsize(t("tui.table.empty"), width), style)]).crop_extend(0, width, style)
            return Strip.blank(width, base)
        row = self.row_at(index)
        if row is None:
            style = base + self.get_component_rich_style("score-grid--loading")
            return Strip(self._frozen(["...", "", "", ""], style)).crop_extend(0, width, style)
        return self._row_line(index, row, base).crop_extend(0, width, base)

    def _header_line(self, y: int, style: Style) -> Strip:
        assert self.grid_layout is not None
        leaves = self.grid_layout.leaves
        if self.both:
            return self._both_header_line(y, style)
        if y == 0:
            kind = t("word.verified") if self.kind == "verified" else t("word.self")
            frozen = [t("tui.col.code"), t("tui.col.name"), kind, t("tui.col.star")]
            cells = [leaves[i].code for i in self._columns()]
        else:
            more = "<" if self.left else ""
            frozen = [more, "", t("tui.grid.total"), ""]
            cells = ["/" + format_score(leaves[i].maximum) for i in self._columns()]
        segments = self._frozen(frozen, style)
        for text in cells:
            segments += [Segment(self._cell(text), style), Segment(" ", style)]
        if y == 1 and self._columns() and self._columns()[-1] < len(leaves) - 1:
            segments.append(Segment(">", style))
        return Strip(segments).crop_extend(0, self.scrollable_content_region.width, style)

    def _both_header_line(self, y: int, style: Style) -> Strip:
        """Line 0: each leaf's code and maximum over its two cells; line 1: which cell is which."""
        assert self.grid_layout is not None
        leaves = self.grid_layout.leaves
        columns = self._columns()
        if y == 0:
            frozen = [t("tui.col.code"), t("tui.col.name"), t("tui.grid.self_short"), t("tui.grid.verified_short"),
                      t("tui.col.star")]
        else:
            frozen = ["<" if self.left else "", "", t("tui.grid.total"), t("tui.grid.total"), ""]
        segments = self._frozen(frozen, style)
        span = self.leaf_width() - 1
        for i in columns:
            if y == 0:
                text = ellipsize(f"{leaves[i].code} /{format_score(leaves[i].maximum)}", span)
                segments += [Segment(set_cell_size(text, span), style), Segment(" ", style)]
            else:
                segments += [Segment(self._cell(t("tui.grid.self_short")), style), Segment(" ", style),
                             Segment(self._cell(t("tui.grid.verified_short")), style), Segment(" ", style)]
        if y == 1 and columns and columns[-1] < len(leaves) - 1:
            segments.append(Segment(">", style))
        return Strip(segments).crop_extend(0, self.scrollable_content_region.width, style)

    def _row_line(self, index: int, row: GridRow, base: Style) -> Strip:
        assert self.grid_layout is not None
        at_cursor = index == self.row
        readonly = not self.editable(row)
        muted = base + self.get_component_rich_style("score-grid--readonly")
        plain = muted if readonly else base
        frozen_style = plain + self.get_component_rich_style("score-grid--frozen")
        total = "-" if row.total is None else format_score(row.total)
        if self.both:
            self_total = "-" if row.self_total is None else format_score(row.self_total)
            frozen = [row.code, row.name, self_total, total, self.level_text(row)]
        else:
            frozen = [row.code, row.name, total, self.level_text(row)]
        segments = self._frozen(frozen, frozen_style)
        cursor = self.get_component_rich_style("score-grid--cursor")
        for i in self._columns():
            code = self.grid_layout.leaves[i].code
            if self.both:  # the school's own score first, grey: never the cursor's, never typed into
                beside = row.self_values.get(code)
                segments += [Segment(self._cell("-" if beside is None else format_score(beside)), muted),
                             Segment(" ", plain)]
            key = (row.assessment_id, code)
            style = plain
            if key in self.pending:
                text = self.pending[key]
                style = plain + self.get_component_rich_style("score-grid--pending")
            else:
                value = row.values.get(code)
                text = "-" if value is None else format_score(value)
            if key in self.bad:
                style = plain + self.get_component_rich_style("score-grid--bad")
            if at_cursor and i == self.col:
                if self.editing is not None:
                    text = self.editing + "_"
                    style = style + self.get_component_rich_style("score-grid--editing")
                else:
                    style = style + cursor
            elif at_cursor:
                style = style + Style(underline=True)
            segments += [Segment(self._cell(text), style), Segment(" ", plain)]
        return Strip(segments)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, self.total + HEADER)
        self._keep_in_view()
        self.refresh()

    # ----- moving
    def _keep_in_view(self) -> None:
        top = int(self.scroll_offset.y)
        if self.row < top:
            self.scroll_to(y=self.row, animate=False, immediate=True)
        elif self.row >= top + self.visible_rows():
            self.scroll_to(y=self.row - self.visible_rows() + 1, animate=False, immediate=True)
        shown = self.visible_columns()
        if self.col < self.left:
            self.left = self.col
        elif self.col >= self.left + shown:
            self.left = self.col - shown + 1

    def move_to(self, row: int, col: int) -> None:
        if not self.total or self.grid_layout is None:
            return
        self.row = max(0, min(self.total - 1, row))
        self.col = max(0, min(len(self.grid_layout.leaves) - 1, col))
        self._keep_in_view()
        self.refresh()
        self.post_message(self.CursorMoved())

    def _commit_then(self, row: int, col: int) -> None:
        if self.commit():
            self.move_to(row, col)

    def action_move(self, rows: int, cols: int) -> None:
        self._commit_then(self.row + rows, self.col + cols)

    def action_enter(self) -> None:
        if self.editing is None:
            self.move_to(self.row + 1, self.col)
            return
        self._commit_then(self.row + 1, self.col)

    def action_edge(self, rows: int, cols: int) -> None:
        last_col = len(self.grid_layout.leaves) - 1 if self.grid_layout else 0
        row = self.row if rows == 0 else (0 if rows < 0 else self.total - 1)
        col = self.col if cols == 0 else (0 if cols < 0 else last_col)
        self._commit_then(row, col)

    def action_page(self, delta: int) -> None:
        self._commit_then(self.row + delta * self.visible_rows(), self.col)

    # ----- editing
    def start_edit(self, text: str) -> bool:
        row, code = self.current(), self.current_code()
        if row is None or code is None:
            return False
        if not self.editable(row):
            kind = t("word.verified") if self.edit_kind == "verified" else t("word.self")
            self.post_message(self.Refused(t("tui.grid.read_only", school=row.name, state=state_label(row.state),
                                             kind=kind)))
            return False
        self.editing = text
        self.refresh()
        self.post_message(self.CursorMoved())
        return True

    def action_edit(self) -> None:
        """F2: edit the value in the cell (the pending one if its save is on its way)."""
        row, code = self.current(), self.current_code()
        if row is None or code is None or self.editing is not None:
            return
        key = (row.assessment_id, code)
        value = row.values.get(code)
        self.start_edit(self.pending.get(key) or ("" if value is None else format_score(value)))

    def restore_edit(self, index: int, col: int, text: str) -> None:
        """A draft's text back in its cell as being typed, not saved: the cursor goes to the cell and
        the text into it once that school's row is read (Enter saves it, Esc drops it)."""
        self.cancel_edit()
        self.move_to(index, col)
        self._restoring = text
        self._restore_now()

    def _restore_now(self) -> None:
        if self._restoring is not None and self.current() is not None:
            text, self._restoring = self._restoring, None
            if self.start_edit(text):
                self.post_message(self.Restored())

    def cancel_edit(self) -> None:
        if self.editing is not None:
            self.editing = None
            row, code = self.current(), self.current_code()
            if row is not None and code is not None:
                self.bad.pop((row.assessment_id, code), None)
            self.refresh()
            self.post_message(self.CursorMoved())

    def commit(self) -> bool:
        """Check the typed value; True when the cursor may move on (nothing typed, or a good value handed on)."""
        if self.editing is None:
            return True
        row, code = self.current(), self.current_code()
        text = self.editing.strip()
        if row is None or code is None or self.grid_layout is None or not text:
            self.cancel_edit()
            return True
        leaf = self.grid_layout.leaves[self.col]
        value, why = check(text, code, leaf.maximum)
        key = (row.assessment_id, code)
        if value is None:
            self.bad[key] = t("tui.grid.bad_cell", school=row.name, code=code, name=leaf.name, why=why)
            self.refresh()
            self.post_message(self.Refused(self.bad[key]))
            self.post_message(self.CursorMoved())
            return False
        self.bad.pop(key, None)
        self.editing = None
        self.pending[key] = format_score(value)
        self.refresh()
        self.post_message(self.Committed(row, code, text, value))
        return True

    def on_key(self, event: events.Key) -> None:
        if self.editing is not None:
            if event.key == "escape":
                self.cancel_edit()
            elif event.key == "backspace":
                self.editing = self.editing[:-1]
                self.refresh()
            elif event.is_printable and event.character and event.character not in "\r\n\t":
                self.editing += event.character
                self.refresh()
            else:
                return  # Enter, Tab, arrows: the bindings commit, then move
            event.stop()
            event.prevent_default()
        elif event.character and event.character in TYPED:
            event.stop()
            event.prevent_default()
            self.start_edit(event.character)  # type to replace

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        lines = pasted_cells(event.text)  # first cells: only to count the lines
        if len(lines) <= 1 and "\t" not in event.text.strip():
            # One value (an IME commit, one copied cell): typed into the cell.
            text = lines[0] if lines else ""
            if text:
                if self.editing is None:
                    self.start_edit(text)
                else:
                    self.editing += text
                    self.refresh()
            return
        raw = event.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        while raw and not raw[-1].strip():
            raw.pop()
        self.cancel_edit()
        self.post_message(self.PastedCells(self.row, self.col, [[c.strip() for c in line.split("\t")] for line in raw]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < HEADER:
            return
        row = int(self.scroll_offset.y) + offset.y - HEADER
        x = offset.x - self._frozen_width()
        col = self.left + x // self.leaf_width() if x >= 0 else self.col
        self._commit_then(row, col)
