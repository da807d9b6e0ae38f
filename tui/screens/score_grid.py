"""The score grid screen: every school's leaves of one kind (or both) in the open round, entered in place.

The grid (tui.widgets.score_grid) checks each value; this screen saves it through the sheet's
door (``workflow.doors.sheet_entry.save_leaf``) with the sheet's conflict rule. Saves on one
school go one at a time, each carrying the version the previous one returned (as the school
screen does); different schools save side by side. A conflict (the school saved elsewhere since
it was read) refuses that save and every one queued behind it, says so, and reads the grid again.

A paste of several cells fills down the schools and across the leaves from the cursor: every
value is checked first, then one ``set_scores`` call per school (all of a school's cells or none);
one bad cell anywhere and nothing is saved, that cell named.

F3 cycles the views the role has: self, verified, then both side by side (the school's self score
grey beside each verified cell, which is what the keys and a paste enter there).

When the app closes with something not stored (the SSH link drops while a cell is being typed, or
with checked values still queued behind a school's previous save), ``save_draft`` keeps it as that
school's draft (tui/drafts.py), the same file the school sheet writes: the next login offers it back,
and restoring it opens the school's sheet with the text in its field, still to be saved with Enter.
Opening the grid offers it too (a one-cell draft of the kind the grid enters): restored, the text is
back in its cell as being typed.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static
from textual.worker import Worker

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.scoring import format_score
from tui import drafts
from tui.screens.base import DbScreen
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.score_grid import ScoreGrid
from tui.widgets.score_input import check
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow.doors.scores import set_scores
from workflow.doors.sheet_entry import LeafSaved, save_leaf
from workflow.errors import ConflictError, WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.reads.score_grid import GridRow, grid_position, grid_rows, views_for


@dataclass(frozen=True)
class PendingCell:
    """One cell's checked value, waiting for its school's previous save to answer."""

    assessment_id: int
    code: str
    text: str
    kind: str
    version: int  # the row's version when it was typed; a previous save's answer overrides it
    school_code: str = ""  # for a draft of it, should the app close before it is stored
    school_name: str = ""


@dataclass(frozen=True)
class PendingSchool:
    """A paste's cells for one school: one set_scores call, all of them or none."""

    assessment_id: int
    texts: dict[str, str]
    values: dict[str, Decimal]
    kind: str
    version: int
    school_code: str = ""
    school_name: str = ""


GridWrite = PendingCell | PendingSchool


def _kind_word(kind: str) -> str:
    if kind == "both":
        return t("tui.grid.both")
    return t("word.verified") if kind == "verified" else t("word.self")


class ScoreGridScreen(DbScreen):
    DEFAULT_CSS = """
    #grid-title { height: 1; padding: 0 1; text-style: bold; }
    #grid-status { height: 2; padding: 0 1; }
    #grid-status.-bad { color: $error; text-style: bold; }
    ScoreGrid { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="grid.back"),
        Binding("f3", "toggle_kind", "tui.key.grid_kind", id="grid.kind"),
        Binding("f5", "reload", "tui.key.reload", show=False, id="grid.reload")  # in F1: the footer keeps F10 in sight at 80 columns,
    ]

    @dataclass
    class CellStored(Message):
        pending: PendingCell
        outcome: LeafSaved | WorkflowError

    @dataclass
    class SchoolStored(Message):
        pending: PendingSchool
        outcome: tuple[Decimal | None, int] | WorkflowError  # (the kind's new total, the new version)

    @dataclass
    class DraftFound(ReadDone):
        draft: drafts.Draft
        index: int  # the school's row in the grid

    @dataclass
    class PasteRowsRead(ReadDone):
        start_row: int
        start_col: int
        cells: list[list[str]]
        rows: list[GridRow]

    def __init__(self, campaign_id: int) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.grid = ScoreGrid(id="score-grid")
        self._queues: dict[int, deque[GridWrite]] = {}
        self._in_flight: dict[int, GridWrite] = {}  # assessment id -> its save on its way
        self._by_worker: dict[Worker[Any], GridWrite] = {}
        self._versions: dict[int, int] = {}  # assessment id -> the version its last save returned
        self._problem = ""
        self._drafts_checked = False
        self._restored: drafts.Draft | None = None  # offered and restored, its text not in the cell yet

    def compose(self) -> ComposeResult:
        yield Static(id="grid-title", markup=False)
        yield self.grid
        yield Static(id="grid-status", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.grid.focus()
        self.grid.load(self.actor, self.campaign_id)

    # ----- what is shown around the grid
    def _busy(self) -> int:
        return len(self._in_flight) + sum(len(q) for q in self._queues.values())

    def _show_title(self) -> None:
        self.query_one("#grid-title", Static).update(
            t("tui.grid.title", kind=_kind_word(self.grid.kind), count=self.grid.total))

    @on(ScoreGrid.CursorMoved)
    def cursor_moved(self) -> None:
        self._show_title()
        grid, status = self.grid, self.query_one("#grid-status", Static)
        if not self._drafts_checked and grid.loaded and grid.grid_layout is not None:
            self._drafts_checked = True  # once a screen: the first rows are in, the kind is known
            self.find_draft(self.actor, grid.grid_layout.round_id, grid.edit_kind)
        row, code = grid.current(), grid.current_code()
        problem = ""
        text = ""
        if row is not None and code is not None and grid.grid_layout is not None:
            leaf = grid.grid_layout.leaves[grid.col]
            text = t("tui.grid.status", school=row.name, code=code, name=leaf.name,
                     maximum=format_score(leaf.maximum))
            problem = grid.bad.get((row.assessment_id, code), "")
        problem = self._problem or problem  # what was just refused, else why this cell's value was
        self._problem = ""
        status.update(text + ("\n" + problem if problem else ""))
        status.set_class(bool(problem), "-bad")

    @on(ScoreGrid.Refused)
    def refused(self, message: ScoreGrid.Refused) -> None:
        self._problem = message.text
        self.cursor_moved()

    # ----- keys
    def action_back(self) -> None:
        busy = self._busy()
        if busy:
            self.notify(t("tui.grid.still_saving", count=busy), severity="warning", timeout=5)
            return
        self.app.pop_screen()

    def action_reload(self) -> None:
        self.grid.load(self.actor, self.campaign_id)

    def action_toggle_kind(self) -> None:
        """F3: the next view of the role's (self -> verified -> both -> self)."""
        views = views_for(self.actor)
        if len(views) < 2:
            self.notify(t("tui.grid.one_kind", kind=_kind_word(views[0])), severity="warning", timeout=5)
            return
        if self._busy():
            self.notify(t("tui.grid.still_saving", count=self._busy()), severity="warning", timeout=5)
            return
        at = views.index(self.grid.kind) if self.grid.kind in views else -1
        self.grid.load(self.actor, self.campaign_id, views[(at + 1) % len(views)])

    # ----- one cell: queued per school
    @on(ScoreGrid.Committed)
    def committed(self, message: ScoreGrid.Committed) -> None:
        row = message.row
        self._queue(PendingCell(row.assessment_id, message.code, message.text, self.grid.edit_kind, row.version,
                                row.code, row.name))

    def _queue(self, pending: GridWrite) -> None:
        self._queues.setdefault(pending.assessment_id, deque()).append(pending)
        self._next(pending.assessment_id)

    def _next(self, assessment_id: int) -> None:
        """Start this school's next save once its previous one has answered: it carries that version."""
        queue = self._queues.get(assessment_id)
        if assessment_id in self._in_flight or not queue:
            return
        pending = queue.popleft()
        self._in_flight[assessment_id] = pending
        version = self._versions.get(assessment_id, pending.version)
        if isinstance(pending, PendingCell):
            worker = self.store_cell(self.actor, pending, version)
        else:
            worker = self.store_school(self.actor, pending, version)
        self._by_worker[worker] = pending

    @work(thread=True, group="grid.write", exit_on_error=False)
    def store_cell(self, actor: Actor, pending: PendingCell, version: int) -> None:
        with thread_connection():
            outcome = attempt(lambda: save_leaf(actor, pending.assessment_id, pending.code, pending.text,
                                                kind=pending.kind, expected_version=version))
        self.post_message(self.CellStored(pending, outcome))

    @on(CellStored)
    def cell_stored(self, message: CellStored) -> None:
        pending, outcome = message.pending, message.outcome
        self._settle(pending)
        if isinstance(outcome, WorkflowError):
            self._refused(pending, [pending.code], outcome)
        else:
            self._versions[pending.assessment_id] = outcome.version
            self.grid.apply_saved(pending.assessment_id, pending.code, outcome.value, outcome.total,
                                  outcome.version)
        self._next(pending.assessment_id)

    def _settle(self, pending: GridWrite) -> None:
        self._in_flight.pop(pending.assessment_id, None)
        for worker, held in list(self._by_worker.items()):
            if held is pending:
                del self._by_worker[worker]

    def _refused(self, pending: GridWrite, codes: list[str], error: WorkflowError) -> None:
        text = str(error)
        for code in codes:
            self.grid.refuse(pending.assessment_id, code, text)
        if isinstance(error, ConflictError):
            # Someone else saved this school: whatever is queued behind would be refused the same way.
            for held in self._queues.pop(pending.assessment_id, deque()):
                for code in [held.code] if isinstance(held, PendingCell) else list(held.texts):
                    self.grid.refuse(held.assessment_id, code, text)
            self._versions.pop(pending.assessment_id, None)
            self.grid.load(self.actor, self.campaign_id, self.grid.kind)  # read its new version and values
        self._problem = text
        self.cursor_moved()
        self.notify(text, severity="error", timeout=10, markup=False)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        super().worker_failed(worker, error)
        pending = self._by_worker.pop(worker, None)
        if pending is not None:
            self._in_flight.pop(pending.assessment_id, None)
            for code in [pending.code] if isinstance(pending, PendingCell) else list(pending.texts):
                self.grid.refuse(pending.assessment_id, code, t("tui.err.unexpected_nolog"))
            self._next(pending.assessment_id)

    # ----- a paste: every cell checked, then one door call per school
    @on(ScoreGrid.PastedCells)
    def pasted(self, message: ScoreGrid.PastedCells) -> None:
        grid = self.grid
        if grid.grid_layout is None or not message.cells:
            return
        width = max(len(line) for line in message.cells)
        if message.start_col + width > len(grid.grid_layout.leaves) or message.start_row + len(message.cells) > grid.total:
            self.refused(ScoreGrid.Refused(t("tui.grid.paste_too_big", rows=len(message.cells), cols=width)))
            return
        self.read_paste_rows(self.actor, grid.grid_layout.round_id, grid.kind, message.start_row, message.start_col,
                             message.cells)

    @work(thread=True, exclusive=True, group="grid.paste_rows", exit_on_error=False)
    def read_paste_rows(self, actor: Actor, round_id: int, kind: str, start_row: int, start_col: int,
                        cells: list[list[str]]) -> None:
        # The rows under the paste may be beyond the pages read: read exactly those, fresh.
        with thread_connection():
            rows = grid_rows(actor, round_id, kind, offset=start_row, limit=len(cells))
        post_read(self, self.PasteRowsRead(start_row, start_col, cells, rows))

    @on(PasteRowsRead)
    def paste_rows_read(self, message: PasteRowsRead) -> None:
        grid = self.grid
        if message.stale or grid.grid_layout is None:
            return
        leaves = grid.grid_layout.leaves
        plans: list[PendingSchool] = []
        for row, line in zip(message.rows, message.cells, strict=False):
            if not grid.editable(row):
                self.refused(ScoreGrid.Refused(t("tui.grid.paste_read_only", school=row.name)))
                return
            texts: dict[str, str] = {}
            values: dict[str, Decimal] = {}
            for offset, text in enumerate(line):
                if not text:
                    continue  # an empty cell of the copy leaves the grid's cell as it is
                leaf = leaves[message.start_col + offset]
                value, why = check(text, leaf.code, leaf.maximum)
                if value is None:
                    self.refused(ScoreGrid.Refused(t("tui.grid.bad_cell", school=row.name, code=leaf.code,
                                                     name=leaf.name, why=why)))
                    return
                texts[leaf.code], values[leaf.code] = text, value
            if texts:
                plans.append(PendingSchool(row.assessment_id, texts, values, grid.edit_kind, row.version,
                                           row.code, row.name))
        for plan in plans:
            for code, value in plan.values.items():
                grid.pending[(plan.assessment_id, code)] = format_score(value)
            self._queue(plan)
        grid.refresh()
        self.notify(t("tui.grid.pasted", cells=sum(len(p.texts) for p in plans), schools=len(plans)), timeout=4)

    @work(thread=True, group="grid.write", exit_on_error=False)
    def store_school(self, actor: Actor, pending: PendingSchool, version: int) -> None:
        def save() -> tuple[Decimal | None, int]:
            row = set_scores(actor, pending.assessment_id, pending.texts, kind=pending.kind,
                             expected_version=version)
            return (row.self_total if pending.kind == "self" else row.verified_total), int(row.version)

        with thread_connection():
            outcome = attempt(save)
        self.post_message(self.SchoolStored(pending, outcome))

    @on(SchoolStored)
    def school_stored(self, message: SchoolStored) -> None:
        pending, outcome = message.pending, message.outcome
        self._settle(pending)
        if isinstance(outcome, WorkflowError):
            self._refused(pending, list(pending.texts), outcome)
        else:
            total, version = outcome
            self._versions[pending.assessment_id] = version
            for code, value in pending.values.items():
                self.grid.apply_saved(pending.assessment_id, code, value, total, version)
        self._next(pending.assessment_id)

    # ----- drafts: what would be lost if the app closed now
    def unsaved(self) -> dict[int, drafts.Draft]:
        """Per school: the cell being typed (not yet Entered) and the checked values still queued
        behind a previous save, as the drafts that would keep them."""
        actor, grid = self.actor, self.grid
        found: dict[int, drafts.Draft] = {}

        def add(aid: int, code: str, name: str, kind: str, version: int, entries: dict[str, str]) -> None:
            draft = found.setdefault(aid, drafts.Draft(
                user=actor.name, campaign_id=self.campaign_id, assessment_id=aid, school_code=code,
                school_name=name, kind=kind, version=self._versions.get(aid, version)))
            draft.entries.update(entries)

        for queue in self._queues.values():
            for held in queue:
                entries = {held.code: held.text} if isinstance(held, PendingCell) else dict(held.texts)
                if held.school_code:
                    add(held.assessment_id, held.school_code, held.school_name, held.kind, held.version, entries)
        row, code = grid.current(), grid.current_code()
        typed = (grid.editing or "").strip()
        if typed and row is not None and code is not None and grid.editable(row):
            add(row.assessment_id, row.code, row.name, grid.edit_kind, row.version, {code: typed})
        return found

    def save_draft(self, reason: str) -> bool:
        """Keep what is not stored as drafts (the app calls it on a hang-up or exit); True when one was written.

        A draft already there of the same kind keeps its other entries (typed in the school's sheet,
        say); one of the other kind is replaced: the door would refuse it now anyway. Never touches
        the database."""
        kept = False
        for aid, draft in self.unsaved().items():
            old = drafts.load_draft(draft.user, draft.campaign_id, aid)
            if old is not None and old.kind == draft.kind and old.school_code == draft.school_code:
                draft.entries = {**old.entries, **draft.entries}
            draft.reason = reason
            try:
                drafts.save_draft(draft)
            except OSError:
                continue  # (on a hang-up there is no one to tell; the other schools' drafts still go)
            kept = True
        return kept

    @work(thread=True, exclusive=True, group="grid.drafts", exit_on_error=False)
    def find_draft(self, actor: Actor, round_id: int, kind: str) -> None:
        """The newest one-cell draft of this campaign and kind whose school is in the grid (a draft of
        several cells is the school sheet's to restore: it is offered at login and there)."""
        with thread_connection():
            for draft in drafts.drafts_for(actor.name):
                if draft.campaign_id != self.campaign_id or draft.kind != kind or len(draft.entries) != 1:
                    continue
                where = grid_position(actor, round_id, draft.assessment_id)
                if where is not None and where[1] == draft.school_code:
                    post_read(self, self.DraftFound(draft, where[0]))
                    return

    @on(DraftFound)
    def draft_found(self, message: DraftFound) -> None:
        from tui.screens.dialogs import DraftDialog

        grid, draft = self.grid, message.draft
        if message.stale or grid.grid_layout is None:
            return
        codes = [leaf.code for leaf in grid.grid_layout.leaves]
        (code, text), = draft.entries.items()
        if code not in codes:
            return

        def answered(choice: str | None) -> None:
            if choice == "restore":
                self._restored = draft
                grid.restore_edit(message.index, codes.index(code), text)
            elif choice == "discard":
                drafts.discard_draft(draft.user, draft.campaign_id, draft.assessment_id)
                self.notify(t("tui.draft.discarded"), timeout=4)

        self.app.push_screen(DraftDialog(draft), answered)

    @on(ScoreGrid.Restored)
    def restored(self) -> None:
        """The text is in its cell: the file is done with (a hang-up now writes it again)."""
        draft, self._restored = self._restored, None
        if draft is not None:
            drafts.discard_draft(draft.user, draft.campaign_id, draft.assessment_id)
            self.notify(t("tui.draft.restored"), timeout=5)
