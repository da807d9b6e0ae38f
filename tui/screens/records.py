"""The school detail's "核定与异议" tab: verification records, objections, veto conditions and
the task breakdown (任务分解到人).

The lists come from ``workflow.reads.record_queries`` (read in the school screen's worker). Every
change goes through a ``FormDialog`` whose save function calls the workflow door in a thread
worker; the door's refusal stays in the dialog. Once a dialog saves, the pane posts
``RecordsPane.Changed`` and the school screen reloads everything (state, level, lists).
Buttons the actor's role may not use are not shown (issue 16: hidden, not greyed); should one be
pressed all the same (a key), the door's refusal text is shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, DataTable, Static

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.model import Rubric
from rubrics.scoring import Result
from tui.screens.dialogs import FormDialog, FormField
from workflow import clock
from workflow.doors.records import add_responsibility, raise_objection, record_verification, resolve_objection
from workflow.doors.scores import set_veto
from workflow.i18n import label, language, t
from workflow.permissions import Actor
from workflow.reads.record_queries import SchoolRecords, method_label
from workflow.statemachine.declaration import VERIFICATION_METHODS

CELL = 24  # terminal cells of free text shown in a table cell; the whole text is shown below the table

# button id -> the permission it needs (workflow.permissions action)
BUTTON_ACTIONS = {
    "ver-add": "verification.record",
    "obj-raise": "objection.raise",
    "obj-uphold": "objection.resolve",
    "obj-dismiss": "objection.resolve",
    "veto-toggle": "veto.set",
    "resp-add": "responsibility.edit",
}


def _cell(text: str) -> Text:
    """One line of user text, literally, cut short with ASCII dots (no ambiguous-width glyphs)."""
    line = " ".join(text.split())
    if cell_len(line) <= CELL:
        return Text(line)
    cut = ""
    for char in line:
        if cell_len(cut + char) > CELL - 3:
            break
        cut += char
    return Text(cut + "...")


def _sep() -> str:
    return ", " if language() == "en" else "、"


@dataclass
class RecordsView:
    """What the pane shows: the lists, the rubric (vetoes, indicators) and the computed level."""

    records: SchoolRecords
    rubric: Rubric
    result: Result  # verified result when there are verified scores, else the self result
    which: str  # "核定分" / "自评分"
    year: int | None = None  # the campaign's year: a visit date typed without one is in it


def level_text(view: RecordsView) -> str:
    result = view.result
    if result.vetoed:
        level = t("tui.rec.level_vetoed", codes=_sep().join(result.vetoed))
    elif result.star is None:
        level = t("word.no_star")
    else:
        level = result.star.name_en if language() == "en" else result.star.name_zh
    return t("tui.rec.level", which=view.which, level=level)


class RecordsPane(VerticalScroll):
    """The tab's content; ``show(view)`` refills it after each load of the school."""

    class Changed(Message):
        """A dialog saved something: the school should be read again."""

    def __init__(self, actor: Actor, assessment_id: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.actor = actor
        self.assessment_id = assessment_id
        self.view: RecordsView | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("tui.rec.verifications"), classes="section")
        yield DataTable(id="ver-table", cursor_type="row", zebra_stripes=True, classes="rec-table")
        yield Static("", id="ver-detail", classes="rec-detail", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(t("tui.rec.add_verification"), id="ver-add", compact=True)
        yield Static(t("tui.rec.objections"), classes="section")
        yield DataTable(id="obj-table", cursor_type="row", zebra_stripes=True, classes="rec-table")
        yield Static("", id="obj-detail", classes="rec-detail", markup=False)
        with Horizontal(classes="buttons"):
            yield Button(t("tui.rec.raise"), id="obj-raise", compact=True)
            yield Button(t("tui.rec.uphold"), id="obj-uphold", compact=True)
            yield Button(t("tui.rec.dismiss"), id="obj-dismiss", compact=True)
        yield Static(t("tui.rec.vetoes"), classes="section")
        yield Static("", id="veto-level", markup=False)
        yield DataTable(id="veto-table", cursor_type="row", zebra_stripes=True, classes="rec-table")
        with Horizontal(classes="buttons"):
            yield Button(t("tui.rec.toggle_veto"), id="veto-toggle", compact=True)
        yield Static(t("tui.rec.responsibilities"), classes="section")
        yield DataTable(id="resp-table", cursor_type="row", zebra_stripes=True, classes="rec-table")
        with Horizontal(classes="buttons"):
            yield Button(t("tui.rec.add_responsibility"), id="resp-add", compact=True)
        yield Static("", id="rec-error", classes="error", markup=False)

    def on_mount(self) -> None:
        self.query_one("#ver-table", DataTable).add_columns(
            t("tui.rec.col.date"), t("tui.rec.col.experts"), t("tui.rec.col.methods"), t("tui.rec.col.findings"),
            t("tui.rec.col.by"))
        self.query_one("#obj-table", DataTable).add_columns(
            "#", t("tui.rec.col.status"), t("tui.rec.col.raised_at"), t("tui.rec.col.raised_by"),
            t("tui.rec.col.text"), t("tui.rec.col.resolution"))
        self.query_one("#veto-table", DataTable).add_columns(
            t("tui.rec.col.code"), t("tui.rec.col.veto"), t("tui.rec.col.holds"))
        self.query_one("#resp-table", DataTable).add_columns(
            t("tui.rec.col.person"), t("tui.rec.col.duty"), t("tui.rec.col.indicator"))

    # ----- showing
    def show(self, view: RecordsView) -> None:
        self.view = view
        records = view.records
        sep = _sep()
        self._fill("#ver-table", [
            (str(v.id), [v.visited_on, _cell(v.experts), _cell(sep.join(method_label(m) for m in v.methods)),
                         _cell(v.findings or "-"), Text(v.recorded_by)])
            for v in records.verifications])
        self._fill("#obj-table", [
            (str(o.id), [str(i), t(f"tui.rec.objection.{o.status}"), clock.local(o.raised_at),
                         _cell(o.raised_by), _cell(o.text), _cell(o.resolution or "-")])
            for i, o in enumerate(records.objections, 1)])
        self._fill("#veto-table", [
            (v.code, [Text(v.code), Text(v.text + (t("tui.provisional") if v.provisional else "")),
                      Text(t("tui.rec.veto.holds"), style="bold red") if v.holds else t("tui.rec.veto.clear")])
            for v in records.vetoes])
        self._fill("#resp-table", [
            (str(r.id), [_cell(r.person), _cell(r.duty or "-"), self._indicator(r.indicator_code)])
            for r in records.responsibilities])
        self.query_one("#veto-level", Static).update(
            level_text(view) if records.vetoes else t("tui.rec.no_vetoes"))
        for button_id, action in BUTTON_ACTIONS.items():
            button = self.query_one(f"#{button_id}", Button)
            button.display = not records.refusals.get(action)
            button.variant = "primary"
        self._details()

    def _indicator(self, code: str) -> Text:
        if not code:
            return Text("-")
        if self.view is not None:
            try:
                return Text(f"{code} {self.view.rubric.find(code).name}")
            except KeyError:
                pass
        return Text(code)

    def _fill(self, selector: str, rows: list[tuple[str, list[Any]]]) -> None:
        table = self.query_one(selector, DataTable)
        keep = table.cursor_row
        table.clear()
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if rows:
            table.move_cursor(row=min(max(keep, 0), len(rows) - 1))

    def _selected(self, selector: str) -> str | None:
        table = self.query_one(selector, DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    @on(DataTable.RowHighlighted)
    def _details(self) -> None:
        """The whole text of the highlighted verification and objection, literally."""
        if self.view is None:
            return
        records = self.view.records
        vid = self._selected("#ver-table")
        visit = next((v for v in records.verifications if str(v.id) == vid), None)
        text = ""
        if visit is not None:
            methods = _sep().join(method_label(m) for m in visit.methods)
            text = f"{visit.visited_on}  {visit.experts}\n{t('tui.rec.col.methods')}: {methods}"
            if visit.findings:
                text += f"\n{t('tui.rec.col.findings')}: {visit.findings}"
        self.query_one("#ver-detail", Static).update(text)
        oid = self._selected("#obj-table")
        item = next((o for o in records.objections if str(o.id) == oid), None)
        text = ""
        if item is not None:
            text = t("tui.obj.quote", who=item.raised_by, text=item.text)
            if item.resolution:
                text += "\n" + t("tui.rec.col.resolution") + ": " + item.resolution + f" ({item.resolved_by})"
        self.query_one("#obj-detail", Static).update(text)

    # ----- changing
    def _error(self, message: str) -> None:
        self.query_one("#rec-error", Static).update(message)

    def _allowed(self, button_id: str) -> bool:
        """False (and the door's refusal shown) when the actor's role may not do this here."""
        refusal = self.view.records.refusals.get(BUTTON_ACTIONS[button_id]) if self.view else None
        if refusal:
            self._error(t("tui.actions.refused", reason=refusal))
            self.app.notify(refusal, severity="error", timeout=8, markup=False)
            return False
        self._error("")
        return self.view is not None

    def _open(self, dialog: FormDialog) -> None:
        def closed(saved: bool | None) -> None:
            if saved:
                self.app.notify(t("tui.rec.saved"), timeout=3)
                self.post_message(self.Changed())

        self.app.push_screen(dialog, closed)

    @on(Button.Pressed, "#ver-add")
    def add_verification(self) -> None:
        if not self._allowed("ver-add"):
            return
        actor, aid = self.actor, self.assessment_id
        methods = tuple((m["name"], label(m)) for m in VERIFICATION_METHODS)

        def save(v: dict[str, Any]) -> Any:
            return record_verification(actor, aid, experts=v["experts"], visited_on=v["date"].strip(),
                                       methods=v["methods"], findings=v["findings"])

        year = self.view.year if self.view is not None else None
        date_label = t("tui.ver.date") if year is None else (
            t("tui.ver.date") + "  " + t("tui.date.campaign_year", year=year))
        self._open(FormDialog(t("tui.ver.title"), [
            FormField("experts", t("tui.ver.experts"), required=True),
            FormField("date", date_label, placeholder=t("tui.ver.date_hint"),
                      value=clock.today().isoformat(), required=True),
            FormField("methods", t("tui.ver.methods"), kind="checks", choices=methods),
            FormField("findings", t("tui.ver.findings"), kind="area"),
        ], save, dialog_id="verification-dialog"))

    @on(Button.Pressed, "#obj-raise")
    def add_objection(self) -> None:
        if not self._allowed("obj-raise"):
            return
        actor, aid = self.actor, self.assessment_id

        def save(v: dict[str, Any]) -> Any:
            return raise_objection(actor, aid, raised_by=v["raised_by"], text=v["text"])

        self._open(FormDialog(t("tui.obj.title"), [
            FormField("raised_by", t("tui.obj.raised_by"), required=True),
            FormField("text", t("tui.obj.text"), kind="area", required=True),
        ], save, dialog_id="objection-dialog"))

    @on(Button.Pressed, "#obj-uphold")
    def uphold(self) -> None:
        self._resolve("obj-uphold", upheld=True)

    @on(Button.Pressed, "#obj-dismiss")
    def dismiss_objection(self) -> None:
        self._resolve("obj-dismiss", upheld=False)

    def _resolve(self, button_id: str, *, upheld: bool) -> None:
        if not self._allowed(button_id) or self.view is None:
            return
        oid = self._selected("#obj-table")
        item = next((o for o in self.view.records.objections if str(o.id) == oid), None)
        if item is None:
            self._error(t("tui.rec.pick_objection"))
            return
        if item.status != "open":
            self._error(t("tui.rec.not_open", status=t(f"tui.rec.objection.{item.status}")))
            return
        actor, objection_id = self.actor, item.id

        def save(v: dict[str, Any]) -> Any:
            return resolve_objection(actor, objection_id, upheld=upheld, resolution=v["resolution"])

        title = t("tui.obj.uphold_title") if upheld else t("tui.obj.dismiss_title")
        self._open(FormDialog(title, [
            FormField("resolution", t("tui.obj.resolution"), kind="area", required=True),
        ], save, body=t("tui.obj.quote", who=item.raised_by, text=item.text), dialog_id="resolve-dialog"))

    @on(Button.Pressed, "#veto-toggle")
    def toggle_veto(self) -> None:
        if not self._allowed("veto-toggle") or self.view is None:
            return
        code = self._selected("#veto-table")
        veto = next((v for v in self.view.records.vetoes if v.code == code), None)
        if veto is None:
            self._error(t("tui.rec.pick_veto"))
            return
        actor, aid, holds = self.actor, self.assessment_id, not veto.holds

        def save(v: dict[str, Any]) -> Any:
            return set_veto(actor, aid, veto.code, holds, reason=v["reason"].strip())

        title = t("tui.veto.set_title" if holds else "tui.veto.clear_title", code=veto.code)
        self._open(FormDialog(title, [
            FormField("reason", t("tui.veto.reason"), required=True),
        ], save, body=veto.text, dialog_id="veto-dialog"))

    @on(Button.Pressed, "#resp-add")
    def add_responsibility(self) -> None:
        if not self._allowed("resp-add") or self.view is None:
            return
        actor, aid = self.actor, self.assessment_id
        indicators = tuple((ind.code, f"{ind.code} {ind.name}") for ind in self.view.rubric.walk())

        def save(v: dict[str, Any]) -> Any:
            return add_responsibility(actor, aid, v["person"], duty=v["duty"].strip(), indicator_code=v["indicator"])

        self._open(FormDialog(t("tui.resp.title"), [
            FormField("person", t("tui.resp.person"), required=True),
            FormField("duty", t("tui.resp.duty"), placeholder=t("tui.resp.duty_hint")),
            FormField("indicator", t("tui.resp.indicator"), kind="select", choices=indicators,
                      placeholder="-"),
        ], save, dialog_id="responsibility-dialog"))
