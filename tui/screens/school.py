"""One school: rubric tree with self and verified scores side by side, score entry,
workflow actions, problems, narratives, history."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Static, TabbedContent, TabPane

import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.model import Indicator, Rubric
from rubrics.scoring import Result, format_score, gap_text
from tui.screens.base import DbScreen
from tui.screens.dialogs import ReasonDialog
from tui.widgets.score_input import ScoreInput, check
from workflow import queries
from workflow.declaration import SCORE_STATES, state
from workflow.events import EventOption, fire, options
from workflow.i18n import label, language, t
from workflow.permissions import Actor
from workflow.scores import set_score


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
    problems: list[tuple[str, str, str, str]]
    narratives: dict[str, str]
    options: list[EventOption]
    history: list[tuple[str, str, str, str, str]] = field(default_factory=list)
    levels: list[tuple[int, str, str, str, str]] = field(default_factory=list)
    editable: str | None = None


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
    statuses = {"open": t("tui.problem.open"), "rectifying": t("tui.problem.rectifying"),
                "closed": t("tui.problem.closed")}
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
        problems=[(p.text, p.responsible, p.deadline.isoformat() if p.deadline else "",
                   statuses.get(p.status, p.status)) for p in d.problems],
        narratives=d.narratives, options=options(actor, assessment_id), history=history, levels=levels,
        editable=editable_kind(actor, row.state),
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
        Binding("escape", "back", t("tui.key.back"), id="school.back"),
        Binding("f5", "reload", t("tui.key.reload"), id="school.reload"),
        Binding("f6", "tab('scores')", t("tui.tab.scores"), id="school.tab_scores"),
        Binding("f7", "tab('actions')", t("tui.tab.actions"), id="school.tab_actions"),
    ]

    def __init__(self, assessment_id: int) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self.view: SchoolView | None = None
        self.version: int | None = None
        self._saving: str | None = None
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
                yield VerticalScroll(Static(id="problems-text", markup=False))
            with TabPane(t("tui.tab.history"), id="history"):
                yield Static(id="levels-text", markup=False)
                yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", DataTable)
        table.add_columns(t("tui.hist.at"), t("tui.hist.actor"), t("tui.hist.action"), t("tui.hist.states"),
                          t("tui.hist.reason"))
        self.action_reload()

    def action_reload(self) -> None:
        self.db("school", load_school, self.app.actor, self.assessment_id)  # type: ignore[attr-defined]

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    # ----- showing
    def done_school(self, view: SchoolView) -> None:
        self.view = view
        self.version = view.version
        self._show_head(view)
        shape = f"{view.rubric.id}/{view.editable}"
        if self._built_for != shape:
            self._build_sheet(view)
            self._built_for = shape
        self._fill_sheet(view)
        self._show_actions(view)
        self._show_problems(view)
        self._show_history(view)

    def _star_text(self, view: SchoolView) -> str:
        if view.star_level is None:
            return t("tui.school.no_level")
        mark = t("tui.provisional") if view.provisional else ""
        return view.star_name + mark

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
                    if field_.value == field_.saved or self._saving == ind.code:
                        field_.value = text
                    field_.saved = text
            else:
                self_cell.update(_num(view.self_result.subtotals.get(ind.code)) if view.self_scores else "-")
                verified_cell.update(_num(view.verified_result.subtotals.get(ind.code))
                                     if view.verified_scores else "-")
        self._saving = None

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
        field_ = event.input
        if not isinstance(field_, ScoreInput) or self.view is None or self.view.editable is None:
            return
        value, why = check(field_.value, field_.code, field_.maximum)
        if value is None:
            self._set_error(field_.code, why)
            return
        self._set_error(field_.code, "")
        self._saving = field_.code
        self.db("saved", set_score, self.app.actor, self.assessment_id, field_.code,  # type: ignore[attr-defined]
                field_.value, kind=self.view.editable, expected_version=self.version)
        self.post_message(ScoreInput.Move(field_, 1))

    def done_saved(self, row: Any) -> None:
        code = self._saving or ""
        self.version = row.version
        self.notify(t("tui.sheet.saved", code=code), timeout=3)
        self.action_reload()

    def failed_saved(self, error: str) -> None:
        if self._saving:
            self._set_error(self._saving, error)
            field_ = self._fields.get(self._saving)
            if field_ is not None:
                field_.focus()
        self._saving = None
        self.notify(error, severity="error", timeout=10, markup=False)

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
        self.db("fired", fire, self.app.actor, self.assessment_id, option.trigger,  # type: ignore[attr-defined]
                reason=reason, expected_version=self.version)

    def done_fired(self, row: Any) -> None:
        self.notify(t("tui.actions.done"), timeout=3)
        self.action_reload()

    def failed_fired(self, error: str) -> None:
        self.query_one("#refusal", Static).update(t("tui.actions.refused", reason=error))
        self.notify(error, severity="error", timeout=10, markup=False)

    # ----- problems, narratives, history
    def _show_problems(self, view: SchoolView) -> None:
        text = Text()
        text.append(t("tui.problems.title") + "\n", style="bold")
        if not view.problems:
            text.append(t("word.none") + "\n")
        for i, (body, who, due, status) in enumerate(view.problems, 1):
            text.append(f"{i}. [{status}] {body}\n")
            if who or due:
                text.append("   " + t("tui.problems.owner", who=who or "-", due=due or "-") + "\n", style="dim")
        text.append("\n" + t("tui.narr.achievement") + "\n", style="bold")
        text.append((view.narratives.get("achievement") or t("word.none")) + "\n")
        text.append("\n" + t("tui.narr.problem") + "\n", style="bold")
        text.append((view.narratives.get("problem") or t("word.none")) + "\n")
        self.query_one("#problems-text", Static).update(text)

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
