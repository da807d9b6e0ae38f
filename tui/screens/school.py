"""One school: the head (state, totals, level) over five tabs, each its own widget:
scores (tui.widgets.school_sheet), workflow actions (school_actions), problems and narratives
(school_problems), verification records, objections, vetoes and responsibilities
(tui.screens.records), history (school_history).

The screen reads the school (``load_school``) and owns the writes on the assessment: score saves
and workflow events go through one queue, each carrying the version the previous one returned,
and a save's answer is applied to the sheet without reading the school again.

Score entries typed but not saved are kept as a draft (tui.drafts) when the screen is left,
the app quits or the terminal hangs up, and offered back the next time the school is opened.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Static, TabbedContent, TabPane
from textual.worker import Worker

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.strings  # noqa: F401 - registers the strings used below
from rubrics.scoring import gap_text
from tui import drafts
from tui.screens.base import DbScreen
from tui.screens.dialogs import DraftDialog, EvidenceDialog
from tui.screens.records import RecordsPane, RecordsView
from tui.screens.school_view import SchoolView, load_school, num_text, returned_text
from tui.screens.upward_key import UpwardKey
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.school_actions import ActionsPane, SchoolNames, for_role
from tui.widgets.school_history import HistoryPane
from tui.widgets.school_problems import ProblemsPane
from tui.widgets.school_sheet import ScoreSheet
from tui.widgets.score_input import ScoreInput, check
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow.doors.scores import set_scores
from workflow.doors.sheet_entry import LeafSaved, save_leaf
from workflow.errors import ConflictError, WorkflowError
from workflow.i18n import language, t
from workflow.permissions import Actor, allowed
from workflow.statemachine.events import EventOption, fire, options


@dataclass(frozen=True)
class PendingSave:
    """One leaf's Enter, waiting its turn: saves on one assessment go one at a time."""

    code: str
    text: str
    kind: str
    evidence: str | None = None  # 佐证材料 typed in the evidence box; None keeps the stored one


@dataclass(frozen=True)
class PendingEvent:
    """A workflow action, queued behind the saves so it carries their version."""

    option: EventOption
    reason: str


@dataclass(frozen=True)
class PendingPaste:
    """A checked multi-line paste: every leaf's value in one door call, all or nothing."""

    texts: dict[str, str]
    values: dict[str, Decimal]
    kind: str


PendingWrite = PendingSave | PendingEvent | PendingPaste


class SchoolScreen(DbScreen):
    DEFAULT_CSS = """
    #returned-note { height: auto; max-height: 6; padding: 0 1; display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="school.back"),
        # The tab keys are written on the tabs ("F2 评分"), not in the footer: at 80 columns it keeps
        # F1 and F7-F10 in sight (issue 16); F1 lists every key.
        Binding("f5", "reload", "tui.key.reload", show=False, id="school.reload"),
        Binding("f2", "tab('scores')", "tui.tab.scores", show=False, id="school.tab_scores"),
        Binding("f3", "tab('actions')", "tui.tab.actions", show=False, id="school.tab_actions"),
        Binding("f4", "tab('problems')", "tui.tab.problems", show=False, id="school.tab_problems"),
        Binding("f6", "tab('history')", "tui.tab.history", show=False, id="school.tab_history"),
        # F1-F10 are all taken here (F1/F7/F8/F9/F10 by the app), so the fifth tab gets Ctrl+R.
        Binding("ctrl+r", "tab('records')", "tui.tab.records", show=False, id="school.tab_records"),
        Binding("ctrl+s", "save_texts", "tui.key.save", show=False, id="school.save_texts"),
        # The focused leaf's 佐证材料 (evidence); Ctrl+E is the score field's own "end of line".
        # Named under the focused leaf (the sheet's note) and in F1, to keep the footer within 80 columns.
        Binding("ctrl+t", "evidence", "tui.key.evidence", show=False, id="school.evidence"),
        # 上级认定, in the footer only while the school awaits it (tui/screens/upward_key.py); Ctrl+O because
        # a score field keeps Ctrl+U/D/K for itself.
        Binding("ctrl+o", "upward", "tui.key.upward", id="school.upward"),
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
    class PasteStored(Message):
        pending: PendingPaste
        outcome: list[LeafSaved] | WorkflowError

    @dataclass
    class Fired(Message):
        pending: PendingEvent
        outcome: int | WorkflowError  # the new version

    def __init__(self, assessment_id: int, *, restore: drafts.Draft | None = None) -> None:
        super().__init__()
        self.assessment_id = assessment_id
        self._restore = restore
        self._draft_checked = False
        self._draft_pending = False  # a draft is on offer: leave the file alone until answered
        self.view: SchoolView | None = None
        self.version: int | None = None
        self._writes: deque[PendingWrite] = deque()
        self._in_flight: PendingWrite | None = None
        self._options_stale = False
        # Kept by reference: the drafts read its fields while the screen is being unmounted.
        self.sheet = ScoreSheet(id="score-sheet")
        self.upward = UpwardKey(self, assessment_id)

    def compose(self) -> ComposeResult:
        yield Static(id="school-head", markup=False)
        yield Static(id="returned-note", markup=False)
        with TabbedContent(id="tabs", initial="scores"):
            with TabPane("F2 " + t("tui.tab.scores"), id="scores"):
                yield self.sheet
            with TabPane("F3 " + t("tui.tab.actions"), id="actions"):
                yield ActionsPane(id="actions-pane")
            with TabPane("F4 " + t("tui.tab.problems"), id="problems"):
                yield ProblemsPane(self.assessment_id, id="records")
            with TabPane("^R " + t("tui.tab.records"), id="records-tab"):
                yield RecordsPane(self.actor, self.assessment_id, id="records-pane")
            with TabPane("F6 " + t("tui.tab.history"), id="history"):
                yield HistoryPane(id="history-pane")
        yield KeysFooter()

    # The sheet's parts, by the names the tests read.
    @property
    def _fields(self) -> dict[str, ScoreInput]:
        return self.sheet.fields

    @property
    def _cells(self) -> dict[str, tuple[Static, Static]]:
        return self.sheet.cells

    @property
    def _errors(self) -> dict[str, Static]:
        return self.sheet.errors

    def on_mount(self) -> None:
        self.action_reload()

    def on_unmount(self) -> None:
        self.save_draft(self.starcampus.closing or "leave")

    def action_reload(self) -> None:
        self.load(self.actor)

    # Keys for what the role may never do are not offered (F1 leaves them out too), as the buttons are hidden.
    ROLE_KEYS: ClassVar[dict[str, tuple[str, ...]]] = {
        "evidence": ("score.self", "score.verified"),  # evidence and verification notes ride on a score
        "save_texts": ("narrative.edit",),
    }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "upward":
            return self.upward.offered
        needs = self.ROLE_KEYS.get(action)
        if needs is not None and not any(allowed(self.actor.role, a) for a in needs):
            return False
        return True

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_tab(self, tab: str) -> None:
        # Focus leaves the old pane first: TabbedContent follows the focus, so a text area or button
        # still focused there would pull its tab straight back (F3/F6 "did nothing", issue 16).
        tabs = self.query_one(TabbedContent)
        self.set_focus(None)
        tabs.active = "records-tab" if tab == "records" else tab
        pane = tabs.active_pane
        target = next((w for w in pane.query("*") if w.focusable), None) if pane is not None else None
        if tab == "scores" and self.sheet.fields:
            # The first leaf's field, not the scroll box around the rows (F2 landed on the box, issue 16).
            target = next(iter(self.sheet.fields.values()))
        self.set_focus(target or tabs)
        if tab == "actions":
            self._refresh_options()  # now, in the key loop: an Enter typed right behind F3 waits for them

    def action_upward(self) -> None:
        self.upward.open(self.action_reload)

    def action_save_texts(self) -> None:
        self.query_one(ProblemsPane).save_texts()

    @on(RecordsPane.Changed)
    @on(ProblemsPane.Changed)
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
        if event.pane.id == "actions":
            self._refresh_options()

    def _refresh_options(self) -> None:
        """Scores were saved since the options were read: read them again; a press waits for them."""
        if self._options_stale:
            self.query_one(ActionsPane).awaiting = True
            self.load_options(self.actor)

    @on(OptionsLoaded)
    def options_loaded(self, message: OptionsLoaded) -> None:
        if message.stale or self.view is None:
            return
        self._options_stale = False
        self.view.options = message.options
        self.query_one(ActionsPane).show(for_role(self.actor, message.options), self._names(self.view))

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
        self.sheet.show(view)
        self.query_one(ActionsPane).show(for_role(self.actor, view.options), self._names(view))
        self._show_returned(view)
        self.query_one(ProblemsPane).show(view)
        self._show_records(view)
        self.query_one(HistoryPane).show(view)
        self.upward.look(self.actor, view.state)
        if not self._draft_checked:
            self._draft_checked = True
            self.call_after_refresh(self._check_draft, view)

    # ----- the head and the records tab
    def _names(self, view: SchoolView) -> SchoolNames:
        return SchoolNames(view.name, view.code, self._star_text(view))

    def _show_returned(self, view: SchoolView) -> None:
        """A school that was returned (退回) reads why, in full, above its tabs until it moves on."""
        note = self.query_one("#returned-note", Static)
        returned = view.returned
        note.display = returned is not None
        if returned is not None:
            note.update(Text(returned_text(returned), style="bold yellow"))

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
            which=t("word.verified") if verified else t("word.self"), year=view.year))

    def _show_head(self, view: SchoolView) -> None:
        text = Text()
        text.append(f"{view.name}", style="bold")
        text.append(f"  {view.code}  {view.township}  {view.stage}\n")
        text.append(t("tui.school.state") + view.state_label, style="bold cyan")
        text.append("  " + t("tui.school.totals",
                                  self_total=num_text(view.self_result.total if view.self_scores else None),
                                  verified=num_text(view.verified_result.total if view.verified_scores else None)))
        text.append("  " + t("tui.school.level") + self._star_text(view))
        result = view.verified_result if view.verified_scores else view.self_result
        which = t("word.verified") if view.verified_scores else t("word.self")
        text.append("\n" + which + ": " + gap_text(result, language()))
        if result.provisional:
            text.append("  " + t("tui.provisional_rubric"), style="yellow")
        self.query_one("#school-head", Static).update(text)

    # ----- score entry: one queue of writes on this assessment
    @on(ScoreInput.Submitted)
    def submitted(self, event: ScoreInput.Submitted) -> None:
        """A leaf's Enter: check the value it carried, then queue its save (the focus has already moved on)."""
        field_ = event.input
        if not isinstance(field_, ScoreInput) or self.view is None or self.view.editable is None:
            return
        event.stop()
        text = event.value
        if not text.strip():
            self.sheet.set_error(field_.code, "")  # an empty Enter just moves on
            return
        value, why = check(text, field_.code, field_.maximum)
        if value is None:
            self.sheet.set_error(field_.code, why)
            self.set_focus(field_)  # back to the refused leaf, its message beside it
            return
        self.sheet.set_error(field_.code, "")
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
        elif isinstance(pending, PendingPaste):
            self.store_paste(self.actor, pending, self.version)
        else:
            self.fire_queued(self.actor, pending, self.version)

    @work(thread=True, group="school.write", exit_on_error=False)
    def store_leaf(self, actor: Actor, pending: PendingSave, version: int | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: save_leaf(actor, self.assessment_id, pending.code, pending.text,
                                                kind=pending.kind, expected_version=version,
                                                evidence=pending.evidence))
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

    # ----- a multi-line paste: checked by the sheet, saved here in one door call
    @on(ScoreSheet.Pasted)
    def paste_checked(self, message: ScoreSheet.Pasted) -> None:
        if self.view is None or self.view.editable is None:
            return
        message.stop()
        self._queue_write(PendingPaste(message.texts, message.values, self.view.editable))

    @work(thread=True, group="school.write", exit_on_error=False)
    def store_paste(self, actor: Actor, pending: PendingPaste, version: int | None) -> None:
        def save() -> list[LeafSaved]:
            row = set_scores(actor, self.assessment_id, pending.texts, kind=pending.kind,
                             expected_version=version)
            total = row.self_total if pending.kind == "self" else row.verified_total
            return [LeafSaved(assessment_id=int(row.id), code=code, kind=pending.kind, value=value,
                              total=total, version=int(row.version), updated_by=str(row.updated_by),
                              updated_at=str(row.updated_at)) for code, value in pending.values.items()]

        with thread_connection():
            outcome = attempt(save)
        self.post_message(self.PasteStored(pending, outcome))

    @on(PasteStored)
    def paste_stored(self, message: PasteStored) -> None:
        self._in_flight = None
        pending, outcome = message.pending, message.outcome
        if isinstance(outcome, WorkflowError):
            self._write_refused(next(iter(pending.texts)), outcome)
        else:
            for saved in outcome:
                self._apply_save(saved, PendingSave(saved.code, pending.texts[saved.code], saved.kind),
                                 quiet=True)
            self.notify(t("tui.sheet.pasted", count=len(outcome)), timeout=4)
        self._next_write()

    def _apply_save(self, saved: LeafSaved, pending: PendingSave, *, quiet: bool = False) -> None:
        """Put one save's answer into the sheet: the leaf, the subtotals, the head; no reload."""
        self.version = saved.version
        self._options_stale = True  # what may be done next can depend on the scores
        if self.query_one(TabbedContent).active == "actions":
            self._refresh_options()  # F3 came before this save's answer: the buttons shown are already old
        view = self.view
        if view is None:
            return
        scores = view.self_scores if saved.kind == "self" else view.verified_scores
        evidence = scores[saved.code][1] if saved.code in scores else ""
        if pending.evidence is not None:
            evidence = pending.evidence
        scores[saved.code] = (saved.value, evidence)
        view.version = saved.version
        view.rescore()
        self.sheet.apply_save(view, saved, pending.text)
        self._show_head(view)
        self._show_records(view)
        if not quiet:
            self.notify(t("tui.sheet.saved", code=saved.code), timeout=3)

    def _write_refused(self, code: str | None, error: WorkflowError) -> None:
        text = str(error)
        if code is not None:
            self.sheet.set_error(code, text)
        if isinstance(error, ConflictError):
            # Someone else changed the school: every queued write would be refused the same way.
            # What was typed stays in the fields (and in a draft) for the officer to enter again.
            self._writes.clear()
            self.action_reload()
        self.notify(text, severity="error", timeout=10, markup=False)

    def worker_failed(self, worker: Worker[Any], error: BaseException) -> None:
        super().worker_failed(worker, error)
        if worker.group == "school.options":
            self.query_one(ActionsPane).awaiting = False  # reported; the buttons act on the options shown
        if worker.group == "school.write":
            pending, self._in_flight = self._in_flight, None
            if isinstance(pending, PendingSave):
                self.sheet.set_error(pending.code, t("tui.err.unexpected_nolog"))
            elif isinstance(pending, PendingPaste):
                self.sheet.set_error(next(iter(pending.texts)), t("tui.err.unexpected_nolog"))
            elif isinstance(pending, PendingEvent):
                self.query_one(ActionsPane).settled()
            self._next_write()

    # ----- evidence (佐证材料) of the focused leaf, saved with its value through the score's door
    def action_evidence(self) -> None:
        view, focused = self.view, self.focused
        if view is None:
            return
        if view.editable is None:
            self.notify(t("tui.evidence.read_only"), severity="warning", timeout=5)
            return
        if not isinstance(focused, ScoreInput):
            self.action_tab("scores")
            self.notify(t("tui.evidence.pick_leaf"), severity="warning", timeout=5)
            return
        field_, kind = focused, view.editable
        scores = view.self_scores if kind == "self" else view.verified_scores
        stored = scores.get(field_.code)
        typed = field_.value.strip()
        value = typed if typed and check(typed, field_.code, field_.maximum)[0] is not None else (
            num_text(stored[0]) if stored else "")
        if not value:
            self.sheet.set_error(field_.code, t("tui.evidence.need_score"))
            return
        ind = view.rubric.find(field_.code)
        title = t("tui.evidence.title" if kind == "self" else "tui.evidence.notes_title",
                  code=ind.code, name=ind.name)

        def answered(text: str | None) -> None:
            if text is None:
                return
            self.sheet.set_error(field_.code, "")
            self._queue_write(PendingSave(field_.code, value, kind, evidence=text))
            field_.focus()

        self.app.push_screen(EvidenceDialog(title, stored[1] if stored else "",
                                            t("tui.evidence.hint", value=value)), answered)

    # ----- workflow actions, queued behind the saves
    @on(ActionsPane.Chosen)
    def action_chosen(self, message: ActionsPane.Chosen) -> None:
        self._queue_write(PendingEvent(message.option, message.reason))

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
            self.query_one(ActionsPane).settled()
            self.query_one(ActionsPane).refuse(t("tui.actions.refused", reason=str(message.outcome)))
            self._write_refused(None, message.outcome)
        else:
            self.version = message.outcome
            self.notify(t("tui.actions.done"), timeout=3)
            self.action_reload()  # the state moved: everything on the screen may change
        self._next_write()

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

