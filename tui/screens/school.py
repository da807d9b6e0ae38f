"""One school: rubric tree with self and verified scores side by side, score entry,
workflow actions, problems and narratives (editable), verification records, objections, veto
conditions and responsibilities (tui.screens.records), history.

Score entries typed but not saved are kept as a draft (tui.drafts) when the screen is left,
the app quits or the terminal hangs up, and offered back the next time the school is opened.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Footer, Static, TabbedContent, TabPane, TextArea
from textual.worker import Worker

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.model import Indicator, Rubric
from rubrics.scoring import Result, format_score, gap_text, score
from tui import drafts
from tui.screens.base import DbScreen
from tui.screens.dialogs import DraftDialog, ProblemDialog, ReasonDialog
from tui.screens.records import RecordsPane, RecordsView
from tui.widgets.score_input import ScoreInput, check
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow import queries, record_queries
from workflow.declaration import SCORE_STATES, state
from workflow.errors import ConflictError, WorkflowError
from workflow.events import EventOption, fire, options
from workflow.i18n import label, language, t
from workflow.permissions import Actor
from workflow.reads.sheet import LeafSaved, save_leaf
from workflow.records import set_narrative, set_problem_status

PROBLEM_STATUSES = ("open", "rectifying", "closed")
NARRATIVES = ("achievement", "problem")


def _num(value: Decimal | None) -> str:
    return "-" if value is None else format_score(value)


@dataclass
class SchoolView:
    """Everything the screen shows, read in the worker (no lazy loads on the UI thread)."""

    assessment_id: int
    version: int
    code: str
    name: str
    township: str
    stage: str
    state: str
    state_label: str
    phase: str
    campaign_title: str
    rubric: Rubric
    self_scores: dict[str, tuple[Decimal, str]]
    verified_scores: dict[str, tuple[Decimal, str]]
    self_result: Result
    verified_result: Result
    star_level: int | None
    star_name: str
    provisional: bool
    problems: list[tuple[int, str, str, str, str]]  # id, text, responsible, deadline, status
    narratives: dict[str, str]
    options: list[EventOption]
    history: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    levels: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    editable: str | None = None
    campaign_id: int = 0
    records: record_queries.SchoolRecords | None = None
    vetoes: list[str] = field(default_factory=list)

    def rescore(self) -> None:
        """Recompute both results from the scores held here (after a save was applied to them)."""
        self.self_result = score(self.rubric, {c: v for c, (v, _e) in self.self_scores.items()}, vetoes=self.vetoes)
        self.verified_result = score(self.rubric, {c: v for c, (v, _e) in self.verified_scores.items()},
                                     vetoes=self.vetoes)


@dataclass(frozen=True)
class PendingSave:
    """One leaf's Enter, waiting its turn: saves on one assessment go one at a time."""

    code: str
    text: str
    kind: str


@dataclass(frozen=True)
class PendingEvent:
    """A workflow action, queued behind the saves so it carries their version."""

    option: EventOption
    reason: str


PendingWrite = PendingSave | PendingEvent


def editable_kind(actor: Actor, state_name: str) -> str | None:
    if state_name in SCORE_STATES["verified"] and actor.role in ("expert", "admin"):
        return "verified"
    if state_name in SCORE_STATES["self"] and actor.role in ("school", "admin"):
        return "self"
    return None


def load_school(actor: Actor, assessment_id: int) -> SchoolView:
    d = queries.detail(assessment_id, actor)
    row, rubric = d.assessment, d.rubric
    star_name = ""
    if row.star_level is not None:
        level = rubric.star_level(row.star_level)
        star_name = level.name_en if language() == "en" else level.name_zh
    history = [(e.at.replace("T", " ")[:16], e.actor, e.action,
                f"{e.from_state}>{e.to_state}" if e.to_state and e.from_state != e.to_state else "", e.reason)
               for e in queries.school_history(d.school.code)]
    levels = []
    for year, title, level_no, verified, st in queries.levels_across_years(d.school.code):
        levels.append((year, title, "-" if level_no is None else str(level_no), _num(verified),
                       label(state(st))))
    return SchoolView(
        assessment_id=row.id, version=row.version, code=d.school.code, name=d.school.name,
        township=d.school.township, stage=d.school.stage, state=row.state, state_label=label(state(row.state)),
        phase=d.campaign.phase, campaign_title=d.campaign.title, rubric=rubric,
        self_scores={c: (s.value, s.evidence) for c, s in d.self_scores.items()},
        verified_scores={c: (s.value, s.evidence) for c, s in d.verified_scores.items()},
        self_result=d.self_result, verified_result=d.verified_result, star_level=row.star_level,
        star_name=star_name, provisional=bool(row.provisional),
        problems=[(int(p.id), p.text, p.responsible, p.deadline.isoformat() if p.deadline else "", p.status)
                  for p in d.problems],
        narratives=d.narratives, options=options(actor, assessment_id), history=history, levels=levels,
        editable=editable_kind(actor, row.state), campaign_id=int(d.campaign.id),
        records=record_queries.school_records(assessment_id, actor),
        vetoes=[v for v in str(row.vetoes or "").split(",") if v],
    )


def _depths(rubric: Rubric) -> list[tuple[Indicator, int]]:
    out: list[tuple[Indicator, int]] = []

    def visit(ind: Indicator, depth: int) -> None:
        out.append((ind, depth))
        for child in ind.children:
            visit(child, depth + 1)

    for root in rubric.indicators + (rubric.bonus.items if rubric.bonus else ()):
        visit(root, 0)
    return out


class LeafRow(Vertical):
    DEFAULT_CSS = """
    LeafRow { height: auto; }
    LeafRow > Horizontal { height: 1; }
    LeafRow .error { display: none; color: $error; padding-left: 4; }
    LeafRow .error.-shown { display: block; }
    """


class SchoolScreen(DbScreen):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="school.back"),
        Binding("f5", "reload", "tui.key.reload", id="school.reload"),
        Binding("f2", "tab('scores')", "tui.tab.scores", id="school.tab_scores"),
        Binding("f3", "tab('actions')", "tui.tab.actions", id="school.tab_actions"),
        Binding("f4", "tab('problems')", "tui.tab.problems", id="school.tab_problems"),
        Binding("f6", "tab('history')", "tui.tab.history", id="school.tab_history"),
        # F1-F10 are all taken here (F1/F7/F8/F9/F10 by the app), so the fifth tab gets Ctrl+R.
        Binding("ctrl+r", "tab('records')", "tui.tab.records", id="school.tab_records"),
        Binding("ctrl+s", "save_texts", "tui.key.save", show=False, id="school.save_texts"),
    ]

    # ----- what the workers answer
    @dataclass
    class Loaded(ReadDone):
        view: SchoolView

    @dataclass
    class OptionsLoaded(ReadDone):
        options: list[EventOption]

    @dataclass
    class LeafStored(Message):
        pending: PendingSave
        outcome: LeafSaved | WorkflowError

    @dataclass
    class Fired(Message):
        pending: PendingEvent
        outcome: int | WorkflowError  # the new version

    @dataclass
    class ProblemStatusSet(Message):
        outcome: object | WorkflowError

    @dataclass
    class TextsSaved(Message):
        outcome: list[str] | WorkflowError

    def __init__(self, assessment_id: int, *, restore: drafts.Draft | None = None) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self._restore = restore
        self._draft_checked = False
        self._draft_pending = False  # a draft is on offer: leave the file alone until answered
        self._narr_loaded: dict[str, str] = {}
        self.view: SchoolView | None = None
        self.version: int | None = None
        self._writes: deque[PendingWrite] = deque()
        self._in_flight: PendingWrite | None = None
        self._options_stale = False
        self._fields: dict[str, ScoreInput] = {}
        self._cells: dict[str, tuple[Static, Static]] = {}
        self._errors: dict[str, Static] = {}
        self._built_for: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="school-head", markup=False)
        with TabbedContent(id="tabs", initial="scores"):
            with TabPane(t("tui.tab.scores"), id="scores"):
                with Horizontal(id="sheet-head", classes="leaf"):
                    yield Static(t("tui.sheet.indicator"), classes="ind-name")
                    yield Static(t("tui.col.self"), classes="num")
                    yield Static(t("tui.col.verified"), classes="num")
                    yield Static(t("tui.sheet.max"), classes="num max")
                yield VerticalScroll(id="sheet")
                yield Static(id="leaf-info", markup=False)
            with TabPane(t("tui.tab.actions"), id="actions"):
                yield Static(t("tui.actions.hint"), id="actions-hint", markup=False)
                yield Vertical(id="event-buttons")
                yield Static(id="refusal", markup=False, classes="error")
            with TabPane(t("tui.tab.problems"), id="problems"):
                with VerticalScroll(id="records"):
                    yield Static(t("tui.problems.title"), classes="section")
                    yield DataTable(id="problem-table", cursor_type="row", zebra_stripes=True)
                    with Horizontal(classes="buttons", id="problem-buttons"):
                        yield Button(t("tui.problems.add"), id="problem-add", compact=True, variant="primary")
                        for status in PROBLEM_STATUSES:
                            yield Button(t("tui.problems.set", status=t(f"tui.problem.{status}")),
                                         name=status, compact=True, classes="problem-status")
                    for kind in NARRATIVES:
                        yield Static(t(f"tui.narr.{kind}"), classes="section")
                        yield TextArea(id=f"narr-{kind}", soft_wrap=True, classes="narrative")
                    with Horizontal(classes="buttons"):
                        yield Button(t("tui.narr.save"), id="narr-save", compact=True, variant="primary")
                    yield Static("", id="records-error", classes="error", markup=False)
            with TabPane(t("tui.tab.records"), id="records-tab"):
                yield RecordsPane(self.actor, self.assessment_id, id="records-pane")
            with TabPane(t("tui.tab.history"), id="history"):
                yield Static(id="levels-text", markup=False)
                yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(t("tui.hist.at"), t("tui.hist.actor"), t("tui.hist.action"), t("tui.hist.states"),
                          t("tui.hist.reason"))
        problems = self.query_one("#problem-table", DataTable)
        problems.add_columns("#", t("tui.problems.col.status"), t("tui.problems.col.due"),
                             t("tui.problems.col.who"), t("tui.problems.col.text"))
        self.action_reload()

    def on_unmount(self) -> None:
        self.save_draft(self.starcampus.closing or "leave")

    def action_reload(self) -> None:
        self.load(self.actor)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = "records-tab" if tab == "records" else tab

    @on(RecordsPane.Changed)
    def records_changed(self) -> None:
        self.action_reload()

    # ----- reads
    @work(thread=True, exclusive=True, group="school.load", exit_on_error=False)
    def load(self, actor: Actor) -> None:
        with thread_connection():
            view = load_school(actor, self.assessment_id)
        post_read(self, self.Loaded(view))

    @work(thread=True, exclusive=True, group="school.options", exit_on_error=False)
    def load_options(self, actor: Actor) -> None:
        with thread_connection():
            found = options(actor, self.assessment_id)
        post_read(self, self.OptionsLoaded(found))

    @on(TabbedContent.TabActivated)
    def tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "actions" and self._options_stale:
            self.load_options(self.actor)

    @on(OptionsLoaded)
    def options_loaded(self, message: OptionsLoaded) -> None:
        if message.stale or self.view is None:
            return
        self._options_stale = False
        self.view.options = message.options
        self._show_actions(self.view)

    # ----- showing
    @on(Loaded)
    def loaded(self, message: Loaded) -> None:
        if message.stale:
            return
        view = message.view
        if self.version is not None and view.version < self.version:
            # Read before a save of ours was committed: older than what the sheet already shows.
            self.action_reload()
            return
        self.view = view
        self.version = view.version
        self._options_stale = False
        self._show_head(view)
        shape = f"{view.rubric.id}/{view.editable}"
        if self._built_for != shape:
            self._build_sheet(view)
            self._built_for = shape
        self._fill_sheet(view)
        self._show_actions(view)
        self._show_problems(view)
        self._show_records(view)
        self._show_history(view)
        if not self._draft_checked:
            self._draft_checked = True
            self.call_after_refresh(self._check_draft, view)

    def _star_text(self, view: SchoolView) -> str:
        result = view.verified_result if view.verified_scores else view.self_result
        if result.vetoed:
            # A veto gives no star whatever the score; a level recorded earlier is named beside it.
            vetoed = t("tui.rec.level_vetoed", codes=(", " if language() == "en" else "、").join(result.vetoed))
            return vetoed if view.star_level is None else vetoed + t("tui.school.level_was", level=view.star_name)
        if view.star_level is None:
            return t("tui.school.no_level")
        mark = t("tui.provisional") if view.provisional else ""
        return view.star_name + mark

    def _show_records(self, view: SchoolView) -> None:
        if view.records is None:
            return
        verified = bool(view.verified_scores)
        self.query_one("#records-pane", RecordsPane).show(RecordsView(
            records=view.records, rubric=view.rubric,
            result=view.verified_result if verified else view.self_result,
            which=t("word.verified") if verified else t("word.self")))

    def _show_head(self, view: SchoolView) -> None:
        text = Text()
        text.append(f"{view.name}", style="bold")
        text.append(f"  {view.code}  {view.township}  {view.stage}\n")
        text.append(t("tui.school.state") + view.state_label, style="bold cyan")
        text.append("  " + t("tui.school.totals",
                                  self_total=_num(view.self_result.total if view.self_scores else None),
                                  verified=_num(view.verified_result.total if view.verified_scores else None)))
        text.append("  " + t("tui.school.level") + self._star_text(view))
        result = view.verified_result if view.verified_scores else view.self_result
        which = t("word.verified") if view.verified_scores else t("word.self")
        text.append("\n" + which + ": " + gap_text(result, language()))
        if result.provisional:
            text.append("  " + t("tui.provisional_rubric"), style="yellow")
        self.query_one("#school-head", Static).update(text)

    def _build_sheet(self, view: SchoolView) -> None:
        sheet = self.query_one("#sheet", VerticalScroll)
        sheet.remove_children()
        self._fields, self._cells, self._errors = {}, {}, {}
        rows: list[Any] = []
        for ind, depth in _depths(view.rubric):
            name = Static(Text("  " * depth + f"{ind.code} {ind.name}", no_wrap=True, overflow="ellipsis"),
                          classes="ind-name")
            self_cell = Static("", classes="num")
            verified_cell = Static("", classes="num")
            maximum = Static(str(ind.points), classes="num max")
            if ind.is_leaf:
                error = Static("", classes="error", markup=False)
                self._errors[ind.code] = error
                if view.editable is not None:
                    field_ = ScoreInput(ind.code, ind.max_score)
                    self._fields[ind.code] = field_
                    cells = [field_, verified_cell] if view.editable == "self" else [self_cell, field_]
                else:
                    cells = [self_cell, verified_cell]
                self._cells[ind.code] = (self_cell, verified_cell)
                rows.append(LeafRow(Horizontal(name, *cells, maximum, classes="leaf"), error))
            else:
                self._cells[ind.code] = (self_cell, verified_cell)
                rows.append(Horizontal(name, self_cell, verified_cell, maximum, classes="branch"))
        fields = list(self._fields.values())
        for here, after in zip(fields, fields[1:], strict=False):
            here.next_field = after  # where Enter sends the focus
        sheet.mount_all(rows)
        if self._fields:
            self.call_after_refresh(next(iter(self._fields.values())).focus)

    def _fill_sheet(self, view: SchoolView) -> None:
        for ind, _depth in _depths(view.rubric):
            self_cell, verified_cell = self._cells[ind.code]
            if ind.is_leaf:
                mine = view.self_scores.get(ind.code)
                verified = view.verified_scores.get(ind.code)
                self_cell.update(_num(mine[0]) if mine else "-")
                verified_cell.update(_num(verified[0]) if verified else "-")
                field_ = self._fields.get(ind.code)
                if field_ is not None:
                    stored = (mine if view.editable == "self" else verified)
                    text = _num(stored[0]) if stored else ""
                    if field_.value == field_.saved:
                        field_.value = text  # not being edited: show what is stored
                    field_.saved = text
            else:
                self._fill_branch(view, ind.code)

    def _fill_branch(self, view: SchoolView, code: str) -> None:
        self_cell, verified_cell = self._cells[code]
        self_cell.update(_num(view.self_result.subtotals.get(code)) if view.self_scores else "-")
        verified_cell.update(_num(view.verified_result.subtotals.get(code)) if view.verified_scores else "-")

    def _leaf_info(self, code: str) -> None:
        if self.view is None:
            return
        ind = self.view.rubric.find(code)
        text = Text()
        text.append(f"{ind.code} {ind.name}", style="bold")
        text.append(t("tui.sheet.max_is", max=str(ind.points)))
        if ind.provisional:
            text.append(" " + t("tui.provisional"), style="yellow")
        mine = self.view.self_scores.get(code)
        verified = self.view.verified_scores.get(code)
        if mine:
            text.append("\n" + t("tui.sheet.self_is", value=_num(mine[0]), evidence=mine[1] or "-"))
        if verified:
            text.append("\n" + t("tui.sheet.verified_is", value=_num(verified[0]), evidence=verified[1] or "-"))
        if ind.guidance:
            text.append("\n" + ind.guidance, style="dim")
        self.query_one("#leaf-info", Static).update(text)

    # ----- score entry
    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, ScoreInput):
            self._leaf_info(widget.code)

    @on(ScoreInput.Move)
    def move(self, event: ScoreInput.Move) -> None:
        codes = list(self._fields)
        index = codes.index(event.field.code) + event.delta
        if 0 <= index < len(codes):
            target = self._fields[codes[index]]
            target.focus()
            target.scroll_visible()

    def _set_error(self, code: str, message: str) -> None:
        error = self._errors.get(code)
        field_ = self._fields.get(code)
        if error is not None:
            error.update(message)
            error.set_class(bool(message), "-shown")
        if field_ is not None:
            field_.set_class(bool(message), "-bad")

    @on(ScoreInput.Changed)
    def typed(self, event: ScoreInput.Changed) -> None:
        field_ = event.input
        if not isinstance(field_, ScoreInput):
            return
        if not field_.value.strip():
            self._set_error(field_.code, "")
            return
        _value, why = check(field_.value, field_.code, field_.maximum)
        self._set_error(field_.code, why)

    @on(ScoreInput.Submitted)
    def submitted(self, event: ScoreInput.Submitted) -> None:
        """A leaf's Enter: check the value it carried, then queue its save (the focus has already moved on)."""
        field_ = event.input
        if not isinstance(field_, ScoreInput) or self.view is None or self.view.editable is None:
            return
        event.stop()
        text = event.value
        if not text.strip():
            self._set_error(field_.code, "")  # an empty Enter just moves on
            return
        value, why = check(text, field_.code, field_.maximum)
        if value is None:
            self._set_error(field_.code, why)
            self.set_focus(field_)  # back to the refused leaf, its message beside it
            return
        self._set_error(field_.code, "")
        self._queue_write(PendingSave(field_.code, text, self.view.editable))

    def _queue_write(self, pending: PendingWrite) -> None:
        self._writes.append(pending)
        self._next_write()

    def _next_write(self) -> None:
        """Start the next queued write once the previous one has answered: it carries that answer's version."""
        if self._in_flight is not None or not self._writes:
            return
        pending = self._in_flight = self._writes.popleft()
        if isinstance(pending, PendingSave):
            self.store_leaf(self.actor, pending, self.version)
        else:
            self.fire_queued(self.actor, pending, self.version)

    @work(thread=True, group="school.write", exit_on_error=False)
    def store_leaf(self, actor: Actor, pending: PendingSave, version: int | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: save_leaf(actor, self.assessment_id, pending.code, pending.text,
                                                kind=pending.kind, expected_version=version))
        self.post_message(self.LeafStored(pending, outcome))

    @on(LeafStored)
    def leaf_stored(self, message: LeafStored) -> None:
        self._in_flight = None
        pending, outcome = message.pending, message.outcome
        if isinstance(outcome, WorkflowError):
            self._write_refused(pending.code, outcome)
        else:
            self._apply_save(outcome, pending)
        self._next_write()

    def _apply_save(self, saved: LeafSaved, pending: PendingSave) -> None:
        """Put one save's answer into the sheet: the leaf, the subtotals, the head; no reload."""
        self.version = saved.version
        self._options_stale = True  # what may be done next can depend on the scores
        view = self.view
        if view is None:
            return
        scores = view.self_scores if saved.kind == "self" else view.verified_scores
        evidence = scores[saved.code][1] if saved.code in scores else ""
        scores[saved.code] = (saved.value, evidence)
        view.version = saved.version
        view.rescore()
        text = _num(saved.value)
        field_ = self._fields.get(saved.code)
        if field_ is not None:
            if field_.value == pending.text:
                field_.value = text  # "７.５" reads back as 7.5
            field_.saved = text
        self_cell, verified_cell = self._cells[saved.code]
        (self_cell if saved.kind == "self" else verified_cell).update(text)
        for ind, _depth in _depths(view.rubric):
            if not ind.is_leaf:
                self._fill_branch(view, ind.code)
        self._show_head(view)
        self._show_records(view)
        focused = self.focused
        if isinstance(focused, ScoreInput) and focused.code == saved.code:
            self._leaf_info(saved.code)
        self.notify(t("tui.sheet.saved", code=saved.code), timeout=3)

    def _write_refused(self, code: str | None, error: WorkflowError) -> None:
        text = str(error)
        if code is not None:
            self._set_error(code, text)
        if isinstance(error, ConflictError):
            # Someone else changed the school: every queued write would be refused the same way.
            # What was typed stays in the fields (and in a draft) for the officer to enter again.
            self._writes.clear()
            self.action_reload()
        self.notify(text, severity="error", timeout=10, markup=False)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group == "school.write":
            pending, self._in_flight = self._in_flight, None
            code = pending.code if isinstance(pending, PendingSave) else None
            super().worker_failed(worker, error)
            if code is not None:
                self._set_error(code, t("tui.err.unexpected_nolog"))
            self._next_write()
            return
        super().worker_failed(worker, error)

    # ----- workflow actions
    def _show_actions(self, view: SchoolView) -> None:
        box = self.query_one("#event-buttons", Vertical)
        box.remove_children()
        buttons: list[Button] = []
        for option in view.options:
            button = Button(option.label, name=option.trigger, compact=True,
                            variant="primary" if option.allowed else "default",
                            classes="allowed" if option.allowed else "refused")
            button.tooltip = option.reason or None
            buttons.append(button)
        if not buttons:
            self.query_one("#refusal", Static).update(t("tui.actions.none"))
        else:
            self.query_one("#refusal", Static).update("")
        box.mount_all(buttons)

    @on(Button.Pressed, "#event-buttons Button")
    def event_pressed(self, event: Button.Pressed) -> None:
        if self.view is None or not event.button.name:
            return
        trigger = event.button.name
        option = next((o for o in self.view.options if o.trigger == trigger), None)
        if option is None:
            return
        if not option.allowed:
            self.query_one("#refusal", Static).update(t("tui.actions.refused", reason=option.reason))
            return
        if option.needs_reason:
            def with_reason(reason: str | None) -> None:
                if reason:
                    self.fire_event(option, reason)

            self.app.push_screen(ReasonDialog(option.label), with_reason)
        else:
            self.fire_event(option, "")

    def fire_event(self, option: EventOption, reason: str) -> None:
        self.query_one("#refusal", Static).update("")
        self._queue_write(PendingEvent(option, reason))

    @work(thread=True, group="school.write", exit_on_error=False)
    def fire_queued(self, actor: Actor, pending: PendingEvent, version: int | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: int(fire(actor, self.assessment_id, pending.option.trigger,
                                               reason=pending.reason, expected_version=version).version))
        self.post_message(self.Fired(pending, outcome))

    @on(Fired)
    def fired(self, message: Fired) -> None:
        self._in_flight = None
        if isinstance(message.outcome, WorkflowError):
            self.query_one("#refusal", Static).update(t("tui.actions.refused", reason=str(message.outcome)))
            self._write_refused(None, message.outcome)
        else:
            self.version = message.outcome
            self.notify(t("tui.actions.done"), timeout=3)
            self.action_reload()  # the state moved: everything on the screen may change
        self._next_write()

    # ----- problems, narratives, history
    def _show_problems(self, view: SchoolView) -> None:
        table = self.query_one("#problem-table", DataTable)
        keep = table.cursor_row
        table.clear()
        for i, (pid, body, who, due, status) in enumerate(view.problems, 1):
            table.add_row(str(i), t(f"tui.problem.{status}") if status in PROBLEM_STATUSES else status,
                          due or "-", Text(who or "-"), Text(body), key=str(pid))
        if view.problems:
            table.move_cursor(row=min(keep, len(view.problems) - 1))
        for kind in NARRATIVES:
            area = self.query_one(f"#narr-{kind}", TextArea)
            stored = view.narratives.get(kind) or ""
            if kind not in self._narr_loaded or area.text == self._narr_loaded[kind]:
                area.load_text(stored)  # not being edited: show what is stored
            self._narr_loaded[kind] = stored

    def _records_error(self, message: str) -> None:
        self.query_one("#records-error", Static).update(message)

    @on(Button.Pressed, "#problem-add")
    def add_problem(self) -> None:
        def added(saved: bool | None) -> None:
            if saved:
                self.notify(t("tui.problems.added"), timeout=3)
                self.action_reload()

        self._records_error("")
        self.app.push_screen(ProblemDialog(self.assessment_id), added)

    @on(Button.Pressed, ".problem-status")
    def problem_status(self, event: Button.Pressed) -> None:
        table = self.query_one("#problem-table", DataTable)
        if self.view is None or not self.view.problems or table.row_count == 0:
            self._records_error(t("tui.problems.pick"))
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        self._records_error("")
        self.set_status(self.actor, int(key or 0), event.button.name or "")

    @work(thread=True, group="school.problem_status", exit_on_error=False)
    def set_status(self, actor: Actor, problem_id: int, status: str) -> None:
        with thread_connection():
            outcome = attempt(lambda: set_problem_status(actor, problem_id, status))
        self.post_message(self.ProblemStatusSet(outcome))

    @on(ProblemStatusSet)
    def problem_status_set(self, message: ProblemStatusSet) -> None:
        if isinstance(message.outcome, WorkflowError):
            error = str(message.outcome)
            self._records_error(t("tui.actions.refused", reason=error))
            self.notify(error, severity="error", timeout=8, markup=False)
            return
        self.notify(t("tui.problems.updated"), timeout=3)
        self.action_reload()

    @on(Button.Pressed, "#narr-save")
    def action_save_texts(self) -> None:
        changed = {kind: self.query_one(f"#narr-{kind}", TextArea).text for kind in NARRATIVES
                   if self.query_one(f"#narr-{kind}", TextArea).text != self._narr_loaded.get(kind, "")}
        if not changed:
            self.notify(t("tui.narr.unchanged"), timeout=3)
            return
        self._records_error("")
        self.save_texts(self.actor, changed)

    @work(thread=True, group="school.texts", exit_on_error=False)
    def save_texts(self, actor: Actor, changed: dict[str, str]) -> None:
        def save() -> list[str]:
            done = []
            for kind, text in changed.items():
                set_narrative(actor, self.assessment_id, kind, text)
                done.append(kind)
            return done

        with thread_connection():
            outcome = attempt(save)
        self.post_message(self.TextsSaved(outcome))

    @on(TextsSaved)
    def texts_saved(self, message: TextsSaved) -> None:
        if isinstance(message.outcome, WorkflowError):
            error = str(message.outcome)
            self._records_error(t("tui.actions.refused", reason=error))
            self.notify(error, severity="error", timeout=8, markup=False)
            return
        kinds = message.outcome
        for kind in kinds:
            self._narr_loaded[kind] = self.query_one(f"#narr-{kind}", TextArea).text.strip()
        self.notify(t("tui.narr.saved", which="、".join(t(f"tui.narr.{k}") for k in kinds)), timeout=3)
        self.action_reload()

    # ----- drafts of unsaved score entries
    def unsaved_entries(self) -> dict[str, str]:
        """Leaf code -> text typed but not saved with Enter."""
        out: dict[str, str] = {}
        for code, field_ in self._fields.items():
            typed = field_.value.strip()
            if typed and typed != field_.saved.strip():
                out[code] = typed
        return out

    def save_draft(self, reason: str) -> bool:
        """Write the unsaved entries as this user's draft for this school (or remove a stale one).

        True when a draft was written. Never touches the database.
        """
        view = self.view
        if view is None or view.editable is None:
            return False
        actor = self.actor
        entries = self.unsaved_entries()
        if self._draft_pending:
            if not entries:
                return False  # the offered draft stays as it is
            old = drafts.load_draft(actor.name, view.campaign_id, self.assessment_id)
            if old is not None and old.kind == view.editable:
                entries = {**old.entries, **entries}
        draft = drafts.Draft(user=actor.name, campaign_id=view.campaign_id, assessment_id=self.assessment_id,
                             school_code=view.code, school_name=view.name, kind=view.editable, entries=entries,
                             version=self.version, reason=reason)
        try:
            drafts.save_draft(draft)
        except OSError as exc:
            if reason != "hangup":
                self.notify(t("tui.draft.failed", error=str(exc)), severity="error", timeout=8, markup=False)
            return False
        if entries and reason == "leave":
            self.app.notify(t("tui.draft.kept"), timeout=4)
        return bool(entries)

    def _check_draft(self, view: SchoolView) -> None:
        actor = self.actor
        restoring, self._restore = self._restore, None
        draft = restoring or drafts.load_draft(actor.name, view.campaign_id, self.assessment_id)
        if draft is None or draft.school_code != view.code:
            return  # none, or another database's school of the same number: leave it alone
        if view.editable != draft.kind:
            drafts.discard_draft(actor.name, view.campaign_id, self.assessment_id)
            kind = t("word.verified") if draft.kind == "verified" else t("word.self")
            self.notify(t("tui.draft.stale", school=view.name, kind=kind), severity="warning", timeout=8)
            return
        if restoring is not None:
            self.apply_draft(draft)  # already answered at login
        else:
            self._offer(draft)

    def _offer(self, draft: drafts.Draft) -> None:
        self._draft_pending = True

        def answered(choice: str | None) -> None:
            if choice == "restore":
                self.apply_draft(draft)
            elif choice == "discard":
                self._draft_pending = False
                drafts.discard_draft(draft.user, draft.campaign_id, draft.assessment_id)
                self.notify(t("tui.draft.discarded"), timeout=4)

        self.app.push_screen(DraftDialog(draft, self.view.name if self.view else ""), answered)

    def apply_draft(self, draft: drafts.Draft) -> None:
        """Put the draft's entries back into the fields, unsaved: each still needs Enter."""
        self._draft_pending = False
        first = None
        for code, value in draft.entries.items():
            field_ = self._fields.get(code)
            if field_ is not None:
                field_.value = value
                first = first or field_
        if first is not None:
            self.action_tab("scores")
            first.focus()
        self.notify(t("tui.draft.restored"), timeout=5)

    def _show_history(self, view: SchoolView) -> None:
        text = Text(t("tui.hist.levels") + "\n", style="bold")
        for year, title, level_no, verified, st in view.levels:
            text.append(t("tui.hist.level_row", year=year, title=title, level=level_no, verified=verified,
                          state=st) + "\n", style="")
        self.query_one("#levels-text", Static).update(text)
        table = self.query_one("#history-table", DataTable)
        table.clear()
        for row in view.history:
            table.add_row(*(Text(cell) for cell in row))
