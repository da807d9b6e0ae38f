"""F7 / 导出: write the notice, the forms, the publicity list or the score workbook.

A thin modal over ``tui.export_jobs.run_export`` (which checks the permission, gathers, writes
and records the export). The export runs in a thread worker; its progress callback posts
``ExportDialog.Progress`` messages and the handler (UI thread) moves the ProgressBar. Paths
are confined to the export folder (``STARCAMPUS_EXPORT_DIR`` or ``~/starcampus-exports``):
``run_export(base_dir=...)`` refuses anything that climbs out of it.

An existing file is never replaced unasked: ``run_export`` raises ``FileExists``, the dialog
asks "replace?" (ConfirmDialog) and only on yes runs again with ``force=True``; on no nothing is
written. ``FileRefused`` (a protected file, a folder) and ``WriteFailed`` (a full disk) are
refusals like any other and shown as plain text.

The notice may carry the analysis charts as its 附件 (the 附件 checkbox, only for the notice:
``run_export(appendix=True)``, exports/notice_appendix.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, ProgressBar, Select, Static
from textual.worker import Worker

import tui.strings  # noqa: F401 - registers the strings used below
from tui.export_jobs import KINDS, default_name, may_export, run_export
from tui.screens.base import DbModal
from tui.screens.dialogs import ConfirmDialog
from tui.work import ReadDone, attempt, post_read, refusal_or_crash, thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.outputs import FileExists
from workflow.permissions import Actor
from workflow.reads import queries

ORDERS = ("display", "stage", "score")


def export_dir() -> Path:
    """Where exports go: ``STARCAMPUS_EXPORT_DIR``, else ``~/starcampus-exports``."""
    env = os.environ.get("STARCAMPUS_EXPORT_DIR")
    return Path(env).expanduser() if env else Path("~/starcampus-exports").expanduser()


def export_facts(campaign_id: int) -> tuple[str, str, int]:
    """(campaign title, saved school order, the year of the round exported: the newest) for the defaults."""
    from exports.gather import notice_texts

    campaign = queries.campaign(campaign_id)
    order = notice_texts(campaign).get("order") or "display"
    return str(campaign.title), order if order in ORDERS else "display", int(queries.latest_round(campaign_id).year)


class ExportDialog(DbModal[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "tui.export.close", id="export.close"),
    ]

    @dataclass
    class Progress(Message):
        """Posted from the export's worker thread; only the handler touches the bar."""

        fraction: float

    @dataclass
    class FactsLoaded(ReadDone):
        title: str
        order: str
        year: int

    @dataclass
    class Exported(Message):
        outcome: Path | WorkflowError
        path: str = ""
        order: str | None = None
        appendix: bool = False

    def __init__(self, campaign_id: int, kind: str = "notice") -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.kind = kind if kind in KINDS else "notice"
        self.folder = export_dir()
        self.campaign_title = ""
        self.round_year: int | None = None
        self._default_path = ""
        self.running = False
        self.result: Path | None = None

    def compose(self) -> ComposeResult:
        kinds = [k for k in KINDS if may_export(self.actor.role, k)]  # a school user: its own form only
        if self.kind not in kinds and kinds:
            self.kind = kinds[0]
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(t("tui.export.title"), classes="dialog-title")
            with Grid(id="export-form"):
                yield Label(t("tui.export.kind"))
                yield Select([(t(f"tui.export.kind.{k}"), k) for k in kinds], value=self.kind,
                             allow_blank=False, id="x-kind", compact=True)
                yield Label(t("tui.export.path"))
                yield Input(id="x-path", compact=True)
                yield Label(t("tui.export.order"))
                yield Select([(t(f"tui.export.order.{o}"), o) for o in ORDERS], value="display",
                             allow_blank=False, id="x-order", compact=True)
                yield Label(t("tui.export.appendix"))
                yield Checkbox(t("tui.export.appendix.analysis"), id="x-appendix", compact=True,
                               disabled=self.kind != "notice")
            yield Static(Text(t("tui.export.folder", dir=str(self.folder))), id="x-folder", classes="hint")
            yield ProgressBar(total=100, show_eta=False, id="x-progress")
            yield Static("", id="x-result", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(t("tui.export.run"), variant="primary", id="x-run")
                yield Button(t("tui.export.close"), id="x-close")

    def on_mount(self) -> None:
        self.load_facts(self.campaign_id)
        # On the first field, as every dialog (issue 16): Enter on Run would write before a choice was made.
        self.query_one("#x-kind", Select).focus()

    @work(thread=True, exclusive=True, group="export.facts", exit_on_error=False)
    def load_facts(self, campaign_id: int) -> None:
        with thread_connection():
            title, order, year = export_facts(campaign_id)
        post_read(self, self.FactsLoaded(title, order, year))

    @on(FactsLoaded)
    def facts_loaded(self, message: FactsLoaded) -> None:
        if message.stale:
            return
        self.campaign_title, order, self.round_year = message.title, message.order, message.year
        self.query_one("#x-order", Select).value = order
        self._fill_default()

    def _fill_default(self) -> None:
        path = self.query_one("#x-path", Input)
        fresh = str(self.folder / default_name(self.kind, self.campaign_title, self.round_year))
        if not path.value or path.value == self._default_path:
            path.value = fresh
        self._default_path = fresh

    @on(Select.Changed, "#x-kind")
    def kind_changed(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value in KINDS:
            self.kind = event.value
            self.query_one("#x-appendix", Checkbox).disabled = self.kind != "notice"  # the notice's 附件 only
            if self.campaign_title:
                self._fill_default()

    @on(Input.Submitted, "#x-path")
    @on(Button.Pressed, "#x-run")
    def run(self) -> None:
        if self.running:
            return
        order = self.query_one("#x-order", Select).value
        self.running = True
        self.result = None
        self.query_one("#x-run", Button).disabled = True
        self.query_one("#x-progress", ProgressBar).update(progress=0)
        self._show(t("tui.export.running"), error=False)
        appendix = self.kind == "notice" and self.query_one("#x-appendix", Checkbox).value
        self.export(self.actor, self.kind, self.query_one("#x-path", Input).value,
                    order if isinstance(order, str) else None, appendix=appendix)

    @work(thread=True, group="export.run", exit_on_error=False)
    def export(self, actor: Actor, kind: str, path: str, order: str | None, force: bool = False,
               appendix: bool = False) -> None:
        post = self.post_message

        def progress(fraction: float) -> None:  # runs in the worker thread: post, never touch widgets
            post(ExportDialog.Progress(fraction))

        with thread_connection():
            outcome = attempt(lambda: Path(run_export(actor, kind, path, campaign_id=self.campaign_id, order=order,
                                                      base_dir=self.folder, progress=progress,
                                                      force=force, appendix=appendix)))
        self.post_message(self.Exported(outcome, path, order, appendix))

    @on(Progress)
    def progressed(self, message: Progress) -> None:
        self.query_one("#x-progress", ProgressBar).update(progress=round(100 * max(0.0, min(1.0, message.fraction))))

    def _show(self, text: str, *, error: bool) -> None:
        result = self.query_one("#x-result", Static)
        result.update(text)
        result.set_class(error, "error")

    @on(Exported)
    def exported(self, message: Exported) -> None:
        if isinstance(message.outcome, FileExists):  # before WorkflowError: this one is a question
            self._ask_replace(message.path, message.order, message.appendix)
            return
        if isinstance(message.outcome, WorkflowError):
            self._refused(str(message.outcome))
            return
        target = message.outcome
        self.running = False
        self.result = target
        self.query_one("#x-run", Button).disabled = False
        self.query_one("#x-progress", ProgressBar).update(progress=100)
        self._show(t("tui.export.done", path=str(target)), error=False)
        self.notify(t("tui.export.done", path=str(target)), timeout=6, markup=False)

    def _ask_replace(self, path: str, order: str | None, appendix: bool = False) -> None:
        """The file is there: replace it only if the officer says so; the run stays blocked meanwhile."""
        kind = self.kind

        def answered(replace: bool | None) -> None:
            if replace:
                self._show(t("tui.export.running"), error=False)
                self.export(self.actor, kind, path, order, force=True, appendix=appendix)
            else:
                self._refused(t("tui.export.kept", path=path))

        self.app.push_screen(ConfirmDialog(t("tui.export.replace_title"), t("tui.export.replace_body", path=path)),
                             answered)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        if worker.group == "export.run":
            self._refused(refusal_or_crash(error))  # the dialog says so; the button works again
            return
        super().worker_failed(worker, error)

    def _refused(self, error: str) -> None:
        self.running = False
        self.query_one("#x-run", Button).disabled = False
        self.query_one("#x-progress", ProgressBar).update(progress=0)
        self._show(t("tui.export.refused", reason=error), error=True)

    @on(Button.Pressed, "#x-close")
    def action_close(self) -> None:
        self.dismiss(self.result)
