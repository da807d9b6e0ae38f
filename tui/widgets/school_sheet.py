"""The school screen's 评分 tab: the rubric tree, self and verified scores side by side, a score field
per leaf when the actor may score, and the focused leaf's note underneath: its 佐证材料 (evidence)
beside the self score, so an expert reads them together. A leaf with evidence is marked in its row.

The sheet only shows and checks; a leaf's Enter bubbles up as ``ScoreInput.Submitted`` and the
school screen queues the save, then hands the answer back through ``apply_save``. A paste of
several lines is checked here, all of it, and only a paste with every value good goes up as
``Pasted`` for the screen to save in one door call.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static

import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.school_view import SchoolView, num_text, rows_of
from tui.widgets.score_input import ScoreInput, check
from workflow.doors.sheet_entry import LeafSaved
from workflow.i18n import t


class LeafRow(Vertical):
    DEFAULT_CSS = """
    LeafRow { height: auto; }
    LeafRow > Horizontal { height: 1; }
    LeafRow .error { display: none; color: $error; padding-left: 4; }
    LeafRow .error.-shown { display: block; }
    """


class ScoreSheet(Vertical):
    DEFAULT_CSS = """
    ScoreSheet { height: 1fr; }
    """

    @dataclass
    class Pasted(Message):
        """A checked paste: leaf code -> the text pasted and the value it reads as, in sheet order."""

        texts: dict[str, str]
        values: dict[str, Decimal]

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view: SchoolView | None = None
        self.fields: dict[str, ScoreInput] = {}
        self.cells: dict[str, tuple[Static, Static]] = {}
        self.errors: dict[str, Static] = {}
        self.names: dict[str, Static] = {}
        self._built_for: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="sheet-head", classes="leaf"):
            yield Static(t("tui.sheet.indicator"), classes="ind-name")
            yield Static(t("tui.col.self"), classes="num")
            yield Static(t("tui.col.verified"), classes="num")
            yield Static(t("tui.sheet.max"), classes="num max")
        yield VerticalScroll(id="sheet")
        yield Static(id="leaf-info", markup=False)

    def show(self, view: SchoolView) -> None:
        """A freshly read school: rebuild the rows when the rubric or the editable kind changed, then fill."""
        self.view = view
        shape = f"{view.rubric.id}/{view.editable}"
        if self._built_for != shape:
            self._build(view)
            self._built_for = shape
        self._fill(view)

    def _build(self, view: SchoolView) -> None:
        sheet = self.query_one("#sheet", VerticalScroll)
        sheet.remove_children()
        self.fields, self.cells, self.errors, self.names = {}, {}, {}, {}
        rows: list[Any] = []
        for ind, depth in rows_of(view.rubric):
            name = Static(self._name_text(ind.code, ind.name, depth, ""), classes="ind-name")
            self.names[ind.code] = name
            self_cell = Static("", classes="num")
            verified_cell = Static("", classes="num")
            maximum = Static(str(ind.points), classes="num max")
            if ind.is_leaf:
                error = Static("", classes="error", markup=False)
                self.errors[ind.code] = error
                if view.editable is not None:
                    field_ = ScoreInput(ind.code, ind.max_score)
                    self.fields[ind.code] = field_
                    cells = [field_, verified_cell] if view.editable == "self" else [self_cell, field_]
                else:
                    cells = [self_cell, verified_cell]
                self.cells[ind.code] = (self_cell, verified_cell)
                rows.append(LeafRow(Horizontal(name, *cells, maximum, classes="leaf"), error))
            else:
                self.cells[ind.code] = (self_cell, verified_cell)
                rows.append(Horizontal(name, self_cell, verified_cell, maximum, classes="branch"))
        fields = list(self.fields.values())
        for here, after in zip(fields, fields[1:], strict=False):
            here.next_field = after  # where Enter sends the focus
        sheet.mount_all(rows)
        if fields:
            self.call_after_refresh(fields[0].focus)

    @staticmethod
    def _name_text(code: str, name: str, depth: int, evidence: str) -> Text:
        text = Text("  " * depth + f"{code} {name}", no_wrap=True, overflow="ellipsis")
        if evidence:
            text = Text("  " * depth + code + t("tui.sheet.evidence_mark") + f" {name}", no_wrap=True,
                        overflow="ellipsis")  # the mark before the name: a long name is cut, not the mark
        return text

    def _mark_evidence(self, view: SchoolView, code: str, depth: int, name: str) -> None:
        mine = view.self_scores.get(code)
        self.names[code].update(self._name_text(code, name, depth, mine[1] if mine else ""))

    def _fill(self, view: SchoolView) -> None:
        for ind, depth in rows_of(view.rubric):
            self_cell, verified_cell = self.cells[ind.code]
            if ind.is_leaf:
                self._mark_evidence(view, ind.code, depth, ind.name)
                mine = view.self_scores.get(ind.code)
                verified = view.verified_scores.get(ind.code)
                self_cell.update(num_text(mine[0]) if mine else "-")
                verified_cell.update(num_text(verified[0]) if verified else "-")
                field_ = self.fields.get(ind.code)
                if field_ is not None:
                    stored = (mine if view.editable == "self" else verified)
                    text = num_text(stored[0]) if stored else ""
                    if field_.value == field_.saved:
                        field_.value = text  # not being edited: show what is stored
                    field_.saved = text
            else:
                self._fill_branch(view, ind.code)

    def _fill_branch(self, view: SchoolView, code: str) -> None:
        self_cell, verified_cell = self.cells[code]
        self_cell.update(num_text(view.self_result.subtotals.get(code)) if view.self_scores else "-")
        verified_cell.update(num_text(view.verified_result.subtotals.get(code)) if view.verified_scores else "-")

    def apply_save(self, view: SchoolView, saved: LeafSaved, submitted: str) -> None:
        """One save's answer (already applied to ``view``): the leaf, its field, every subtotal."""
        self.view = view
        text = num_text(saved.value)
        field_ = self.fields.get(saved.code)
        if field_ is not None:
            if field_.value == submitted:
                field_.value = text  # "７.５" reads back as 7.5
            field_.saved = text
        self_cell, verified_cell = self.cells[saved.code]
        (self_cell if saved.kind == "self" else verified_cell).update(text)
        for ind, depth in rows_of(view.rubric):
            if not ind.is_leaf:
                self._fill_branch(view, ind.code)
            elif ind.code == saved.code:
                self._mark_evidence(view, ind.code, depth, ind.name)
        focused = self.screen.focused
        if isinstance(focused, ScoreInput) and focused.code == saved.code:
            self.leaf_info(saved.code)

    def leaf_info(self, code: str) -> None:
        if self.view is None:
            return
        ind = self.view.rubric.find(code)
        text = Text()
        text.append(f"{ind.code} {ind.name}", style="bold")
        text.append(t("tui.sheet.max_is", max=str(ind.points)))
        if ind.provisional:
            text.append(" " + t("tui.provisional"), style="yellow")
        if self.view.editable is not None:
            text.append("  " + t("tui.sheet.evidence_key"), style="dim")  # on the first line: never clipped
        mine = self.view.self_scores.get(code)
        verified = self.view.verified_scores.get(code)
        if mine:
            text.append("\n" + t("tui.sheet.self_is", value=num_text(mine[0]), evidence=mine[1] or "-"))
        if verified:
            text.append("\n" + t("tui.sheet.verified_is", value=num_text(verified[0]), evidence=verified[1] or "-"))
        if ind.guidance:
            text.append("\n" + ind.guidance, style="dim")
        self.query_one("#leaf-info", Static).update(text)

    def set_error(self, code: str, message: str) -> None:
        error = self.errors.get(code)
        field_ = self.fields.get(code)
        if error is not None:
            error.update(message)
            error.set_class(bool(message), "-shown")
        if field_ is not None:
            field_.set_class(bool(message), "-bad")

    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, ScoreInput):
            self.leaf_info(widget.code)

    @on(ScoreInput.Move)
    def move(self, event: ScoreInput.Move) -> None:
        codes = list(self.fields)
        index = codes.index(event.field.code) + event.delta
        if 0 <= index < len(codes):
            target = self.fields[codes[index]]
            target.focus()
            target.scroll_visible()

    @on(ScoreInput.Changed)
    def typed(self, event: ScoreInput.Changed) -> None:
        field_ = event.input
        if not isinstance(field_, ScoreInput):
            return
        if not field_.value.strip():
            self.set_error(field_.code, "")
            return
        _value, why = check(field_.value, field_.code, field_.maximum)
        self.set_error(field_.code, why)

    @on(ScoreInput.PasteMany)
    def pasted(self, event: ScoreInput.PasteMany) -> None:
        """Fill the leaves down from the pasted-into one, all or nothing; an empty cell leaves its leaf alone."""
        event.stop()
        codes = list(self.fields)
        below = codes[codes.index(event.field.code):]
        if len(event.cells) > len(below):
            self._paste_refused(event.field.code, t("tui.sheet.paste_too_many", lines=len(event.cells),
                                                    code=event.field.code, left=len(below)))
            return
        texts: dict[str, str] = {}
        values: dict[str, Decimal] = {}
        for code, cell in zip(below, event.cells, strict=False):
            if not cell:
                continue
            field_ = self.fields[code]
            value, why = check(cell, code, field_.maximum)
            if value is None:
                self._paste_refused(code, t("tui.sheet.paste_bad", code=code, why=why))
                return
            texts[code], values[code] = cell, value
        if not texts:
            self.app.notify(t("tui.sheet.paste_nothing"), severity="warning", timeout=5)
            return
        for code, cell in texts.items():
            self.set_error(code, "")
            self.fields[code].value = cell  # shown (and kept in a draft) until the save answers
        self.post_message(self.Pasted(texts, values))

    def _paste_refused(self, code: str, message: str) -> None:
        self.set_error(code, message)
        field_ = self.fields.get(code)
        if field_ is not None:
            field_.scroll_visible()
        self.app.notify(message, severity="error", timeout=10, markup=False)
