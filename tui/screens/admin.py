"""Campaign admin: create a campaign, enrol all or chosen schools, edit the notice texts,
advance the phase (with what it leaves behind); the doors to the users-and-keys screen
(tui/screens/users.py) and to import, objections, audit export and backup (tui/screens/office.py).

Before any campaign exists only the form for a new one is shown, and it has the focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Checkbox, Input, Label, Select, SelectionList, Static, TextArea

import tui.day_strings  # noqa: F401 - registers the strings used below
import tui.screens.dialogs.publicity_strings  # noqa: F401 - the publicity button's label
import tui.strings  # noqa: F401 - registers the strings used below
from tui.screens.base import DbScreen
from tui.screens.dialogs import ConfirmDialog
from tui.screens.dialogs.upward_pull import open_pull_dialog, pull_offered
from tui.widgets.keys_footer import KeysFooter
from tui.work import ReadDone, attempt, post_read, thread_connection
from workflow import clock
from workflow.doors.campaigns import advance_campaign, create_campaign, enrol, leftovers
from workflow.doors.notice_texts import set_notice_texts
from workflow.errors import WorkflowError
from workflow.i18n import label, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.notice_form import notice_versions
from workflow.statemachine.declaration import PHASES, phase
from workflow.statemachine.phases import next_phase

DEFAULT_RUBRIC = "ningxia-2022"


def rubric_choices() -> list[tuple[str, str]]:
    """(name, id) of every built-in rubric: the form shows the name, the door is given the id."""
    from rubrics.loader import builtin_ids, builtin_rubric

    return [(f"{builtin_rubric(rid).name}（{rid}）", rid) for rid in builtin_ids()]
PICK_LIMIT = 200
NOTICE_LINES = ("title", "issue_date")  # one-line inputs; "order" is a Select
NOTICE_BLOCKS = ("basis", "requirements", "general_problems")  # multi-line TextAreas
NOTICE_ORDERS = ("display", "stage", "score")
# issue_date and order first: the likeliest refusals come before anything is written
SAVE_ORDER = ("issue_date", "order", "title", "basis", "requirements", "general_problems")


def create_and_enrol(actor: Actor, fields: dict[str, Any], enrol_all: bool) -> tuple[int, int]:
    row = create_campaign(actor, **fields)
    count = enrol(actor, row.id) if enrol_all else 0
    return int(row.id), count


def split_codes(text: str) -> list[str]:
    """School codes typed with spaces, commas (half or full width), 、 or semicolons between them."""
    return [c for c in re.split(r"[\s,，、;；]+", text) if c]


def unenrolled_schools(campaign_id: int, limit: int = PICK_LIMIT) -> list[tuple[str, str, str]] | None:
    """(code, name, township) of schools not in the campaign yet; one more than shown, to say "more"."""
    if queries.campaign(campaign_id).upward_of is not None:
        return None  # an upward review takes the counties' recommendations (受理下级推荐), never enrols
    return queries.unenrolled_schools(campaign_id, limit=limit + 1)


def _sections_text(sections: Any) -> str:
    return "\n\n".join(f"{s.heading}。{s.text}" if s.text else s.heading for s in sections)


def notice_fields(campaign_id: int) -> tuple[dict[str, str], set[str]]:
    """Every notice text as the form shows it (saved text, else the default from exports.gather),
    and which keys have saved text."""
    from exports.gather import notice_input, notice_texts

    campaign = queries.campaign(campaign_id)
    saved = notice_texts(campaign)
    data = notice_input(campaign)
    defaults = {"title": data.title, "basis": data.basis, "requirements": _sections_text(data.requirements),
                "general_problems": _sections_text(data.general_problems),
                "issue_date": data.issue_date.isoformat(), "order": "display"}
    shown = {key: (saved[key] if saved.get(key) else defaults[key]) for key in defaults}
    if shown["order"] not in NOTICE_ORDERS:
        shown["order"] = "display"
    return shown, {k for k, v in saved.items() if v}


def save_notice_fields(actor: Actor, campaign_id: int, changed: dict[str, str],
                       versions: dict[str, int]) -> dict[str, int]:
    """All changed texts in one transaction: a refusal leaves every one of them unsaved.

    Each carries the version the form read (0: never saved); the new versions come back, in save order.
    """
    ordered = {key: changed[key] for key in SAVE_ORDER if key in changed}
    return set_notice_texts(actor, campaign_id, ordered,
                            expected_versions={key: versions.get(key, 0) for key in ordered})


Facts = tuple[str, str | None, dict[str, int]]  # phase, the next phase, schools per state


def campaign_facts(campaign_id: int) -> Facts:
    c = queries.campaign(campaign_id)
    return c.phase, next_phase(c.phase), leftovers(c)


class AdminScreen(DbScreen):
    DEFAULT_CSS = """
    AdminScreen #campaign-part { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "tui.key.back", id="admin.back"),
        Binding("ctrl+s", "save_notice", "tui.key.save", id="admin.save_notice"),
    ]

    # reads
    @dataclass
    class FactsLoaded(ReadDone):
        facts: Facts
        for_advance: bool  # the confirmation asked for by "advance", not the header

    @dataclass
    class PickLoaded(ReadDone):
        rows: list[tuple[str, str, str]] | None  # None: an upward review, no enrolment offered

    @dataclass
    class NoticeLoaded(ReadDone):
        shown: dict[str, str]
        saved: set[str]
        versions: dict[str, int]

    # writes
    @dataclass
    class Enrolled(Message):
        outcome: int | WorkflowError

    @dataclass
    class NoticeSaved(Message):
        outcome: dict[str, int] | WorkflowError  # key -> new version

    @dataclass
    class Created(Message):
        outcome: tuple[int, int] | WorkflowError

    @dataclass
    class Advanced(Message):
        outcome: str | WorkflowError  # the new phase

    def __init__(self) -> None:
        super().__init__()
        self._notice_shown: dict[str, str] = {}
        self._notice_versions: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        year = clock.today().year
        with VerticalScroll(id="admin"):
            with Horizontal(classes="buttons"):
                yield Button(t("tui.admin.users"), id="open-users", compact=True)
                yield Button(t("tui.admin.office"), id="open-office", compact=True)
            with Vertical(id="campaign-part"):
                yield Static(t("tui.admin.current"), classes="section")
                yield Static(id="current", markup=False)
                with Horizontal(classes="buttons"):
                    yield Button(t("tui.admin.enrol_all"), id="enrol")
                    yield Button(t("tui.admin.advance"), id="advance", variant="warning")
                    yield Button(t("tui.publicity.button"), id="publicity")  # tui/screens/dialogs/publicity.py
                    if pull_offered(self.actor):  # a city's or province's upward review: tui/screens/dialogs/upward_pull.py
                        yield Button(t("tui.upward.pull_button"), id="upward-pull")
                with Horizontal(id="enrol-row"):
                    yield Input(placeholder=t("tui.admin.enrol_codes"), id="enrol-codes", compact=True)
                    yield Button(t("tui.admin.enrol_some"), id="enrol-some", compact=True)
                yield Static(t("tui.admin.pick"), id="enrol-note", markup=False)
                yield SelectionList[str](id="enrol-pick", compact=True)
                yield Static(t("tui.admin.notice"), classes="section")
                yield Static(t("tui.admin.notice_hint"), id="notice-hint", markup=False)
                with Grid(id="notice-form"):
                    for key in NOTICE_LINES:
                        yield Label(t(f"tui.notice.{key}"), id=f"l-{key}")
                        yield Input(id=f"n-{key}", compact=True)
                    yield Label(t("tui.notice.order"), id="l-order")
                    yield Select([(t(f"tui.export.order.{o}"), o) for o in NOTICE_ORDERS], value="display",
                                 allow_blank=False, id="n-order", compact=True)
                for key in NOTICE_BLOCKS:
                    yield Label(t(f"tui.notice.{key}"), id=f"l-{key}", classes="field-label")
                    yield TextArea(id=f"n-{key}", soft_wrap=True)
                yield Button(t("tui.admin.notice_save"), id="notice-save", variant="primary", compact=True)
            yield Static(t("tui.admin.new"), classes="section", id="new-section")
            with Grid(id="form"):
                yield Label(t("tui.admin.title"))
                yield Input(id="f-title", compact=True)
                yield Label(t("tui.admin.region"))
                yield Input(id="f-region", compact=True)
                yield Label(t("tui.admin.year"))
                yield Input(str(year), id="f-year", compact=True, restrict=r"[0-9]*")
                yield Label(t("tui.admin.rubric"))
                yield Select(rubric_choices(), value=DEFAULT_RUBRIC, allow_blank=False, id="f-rubric", compact=True)
                yield Label(t("tui.admin.organ"))
                yield Input(id="f-organ", compact=True)
                yield Label(t("tui.admin.publicity_days"))
                yield Input("5", id="f-publicity", compact=True, restrict=r"[0-9]*")
                for entry in PHASES:
                    yield Label(label(entry))
                    with Horizontal(classes="window"):
                        yield Input(placeholder="YYYY-MM-DD", id=f"f-{entry['name']}-start", compact=True)
                        yield Static(" ~ ")
                        yield Input(placeholder="YYYY-MM-DD", id=f"f-{entry['name']}-end", compact=True)
            # One date rule everywhere (issue 16): a year-less window date is in the year typed above, and said so.
            yield Static(t("tui.date.form_year"), id="f-dates-hint", markup=False)
            yield Checkbox(t("tui.admin.enrol_now"), value=True, id="f-enrol")
            yield Button(t("tui.admin.create"), id="create", variant="primary")
            yield Static(id="admin-error", classes="error", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self._show_campaign_part()
        self.refresh_current()

    def _show_campaign_part(self) -> None:
        """No campaign yet: only the new campaign's form, its first field focused."""
        exists = self.campaign_id() is not None
        self.query_one("#campaign-part", Vertical).display = exists
        if not exists:
            self.query_one("#f-title", Input).focus()

    @on(Button.Pressed, "#open-users")
    def open_users(self) -> None:
        from tui.screens.users import UsersScreen

        self.app.push_screen(UsersScreen())

    @on(Button.Pressed, "#open-office")
    def open_office(self) -> None:
        from tui.screens.office import OfficeScreen

        self.app.push_screen(OfficeScreen())

    def action_back(self) -> None:
        self.app.pop_screen()

    def campaign_id(self) -> int | None:
        return self.starcampus.campaign_id

    def refresh_current(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.load_facts(cid)
            self.load_pick(cid)
            self.load_notice(cid)

    # ----- reads
    @work(thread=True, exclusive=True, group="admin.facts", exit_on_error=False)
    def load_facts(self, campaign_id: int) -> None:
        with thread_connection():
            facts = campaign_facts(campaign_id)
        post_read(self, self.FactsLoaded(facts, for_advance=False))

    @work(thread=True, exclusive=True, group="admin.advance_facts", exit_on_error=False)
    def load_advance_facts(self, campaign_id: int) -> None:
        with thread_connection():
            facts = campaign_facts(campaign_id)
        post_read(self, self.FactsLoaded(facts, for_advance=True))

    @work(thread=True, exclusive=True, group="admin.pick", exit_on_error=False)
    def load_pick(self, campaign_id: int) -> None:
        with thread_connection():
            rows = unenrolled_schools(campaign_id)
        post_read(self, self.PickLoaded(rows))

    @work(thread=True, exclusive=True, group="admin.notice", exit_on_error=False)
    def load_notice(self, campaign_id: int) -> None:
        with thread_connection():
            shown, saved = notice_fields(campaign_id)
            versions = notice_versions(campaign_id)
        post_read(self, self.NoticeLoaded(shown, saved, versions))

    # ----- writes
    @work(thread=True, group="admin.enrol", exit_on_error=False)
    def run_enrol(self, actor: Actor, campaign_id: int, codes: list[str] | None) -> None:
        with thread_connection():
            outcome = attempt(lambda: enrol(actor, campaign_id) if codes is None else enrol(actor, campaign_id, codes))
        self.post_message(self.Enrolled(outcome))

    @work(thread=True, group="admin.notice_save", exit_on_error=False)
    def run_save_notice(self, actor: Actor, campaign_id: int, changed: dict[str, str],
                        versions: dict[str, int]) -> None:
        with thread_connection():
            outcome = attempt(lambda: save_notice_fields(actor, campaign_id, changed, versions))
        self.post_message(self.NoticeSaved(outcome))

    @work(thread=True, group="admin.create", exit_on_error=False)
    def run_create(self, actor: Actor, fields: dict[str, Any], enrol_all: bool) -> None:
        with thread_connection():
            outcome = attempt(lambda: create_and_enrol(actor, fields, enrol_all))
        self.post_message(self.Created(outcome))

    @work(thread=True, group="admin.advance", exit_on_error=False)
    def run_advance(self, actor: Actor, campaign_id: int) -> None:
        with thread_connection():
            outcome = attempt(lambda: str(advance_campaign(actor, campaign_id).phase))
        self.post_message(self.Advanced(outcome))

    # ----- enrol chosen schools
    @on(PickLoaded)
    def pick_loaded(self, message: PickLoaded) -> None:
        if message.stale:
            return
        rows = message.rows
        for part in ("#enrol", "#enrol-row", "#enrol-note", "#enrol-pick"):
            self.query_one(part).display = rows is not None
        if rows is None:
            return
        pick = self.query_one("#enrol-pick", SelectionList)
        chosen = set(pick.selected)
        pick.clear_options()
        pick.add_options([(f"{code} {name} {town}", code, code in chosen) for code, name, town in rows[:PICK_LIMIT]])
        note = t("tui.admin.pick")
        if len(rows) > PICK_LIMIT:
            note += "  " + t("tui.admin.pick_more", count=PICK_LIMIT)
        self.query_one("#enrol-note", Static).update(note)

    @on(Input.Submitted, "#enrol-codes")
    @on(Button.Pressed, "#enrol-some")
    def enrol_some(self) -> None:
        cid = self.campaign_id()
        codes = split_codes(self.query_one("#enrol-codes", Input).value)
        codes += [c for c in self.query_one("#enrol-pick", SelectionList).selected if c not in codes]
        if not codes:
            self._error(t("tui.admin.nothing_chosen"))
            return
        if cid is not None:
            self._error("")
            self.run_enrol(self.actor, cid, codes)

    # ----- notice texts
    @on(NoticeLoaded)
    def notice_loaded(self, message: NoticeLoaded) -> None:
        if message.stale:
            return
        shown, saved = message.shown, message.saved
        self._notice_shown = dict(shown)
        self._notice_versions = dict(message.versions)
        for key in NOTICE_LINES:
            self.query_one(f"#n-{key}", Input).value = shown[key]
        with self.prevent(Select.Changed):
            self.query_one("#n-order", Select).value = shown["order"]
        for key in NOTICE_BLOCKS:
            self.query_one(f"#n-{key}", TextArea).load_text(shown[key])
        for key in (*NOTICE_LINES, "order", *NOTICE_BLOCKS):
            mark = t("tui.notice.saved_mark") if key in saved else t("tui.notice.default_mark")
            self.query_one(f"#l-{key}", Label).update(t(f"tui.notice.{key}") + mark)

    def notice_values(self) -> dict[str, str]:
        values = {key: self.query_one(f"#n-{key}", Input).value for key in NOTICE_LINES}
        order = self.query_one("#n-order", Select).value
        values["order"] = order if isinstance(order, str) else "display"
        values.update({key: self.query_one(f"#n-{key}", TextArea).text for key in NOTICE_BLOCKS})
        return values

    @on(Button.Pressed, "#notice-save")
    def action_save_notice(self) -> None:
        cid = self.campaign_id()
        if cid is None or not self._notice_shown:
            return
        changed = {k: v for k, v in self.notice_values().items() if v.strip() != self._notice_shown.get(k, "").strip()}
        if not changed:
            self._error(t("tui.admin.notice_unchanged"))
            return
        self._error("")
        self.run_save_notice(self.actor, cid, changed, dict(self._notice_versions))

    @on(NoticeSaved)
    def notice_saved(self, message: NoticeSaved) -> None:
        if isinstance(message.outcome, WorkflowError):
            error = str(message.outcome)
            self._error(error)  # the form keeps what was typed
            self.notify(error, severity="error", timeout=8, markup=False)
            return
        self._notice_versions.update(message.outcome)  # a second save before the re-read carries these
        text = t("tui.admin.notice_saved", keys="、".join(t(f"tui.notice.{k}") for k in message.outcome))
        self._error(text)
        self.notify(text, timeout=4)
        cid = self.campaign_id()
        if cid is not None:
            self.load_notice(cid)

    @on(FactsLoaded)
    def facts_loaded(self, message: FactsLoaded) -> None:
        if message.stale:
            return
        if message.for_advance:
            self._confirm_advance(message.facts)
            return
        current, following, states = message.facts
        text = Text(t("tui.admin.phase", phase=label(phase(current))))
        if following:
            text.append(t("tui.admin.next", phase=label(phase(following))))
        text.append("\n" + "、".join(f"{k} {v}" for k, v in states.items()))
        self.query_one("#current", Static).update(text)

    def _error(self, message: str) -> None:
        self.query_one("#admin-error", Static).update(message)

    @on(Button.Pressed, "#create")
    def create(self) -> None:
        def value(name: str) -> str:
            return self.query_one(f"#f-{name}", Input).value.strip()

        year_text = value("year")
        days_text = value("publicity")
        fields: dict[str, Any] = {
            "year": int(year_text) if year_text.isdigit() else 0,
            "publicity_days": int(days_text) if days_text.isdigit() else -1,  # refused by the door as typed
            "region": value("region"), "title": value("title"),
            "rubric": str(self.query_one("#f-rubric", Select).value), "organ": value("organ"),
            "windows": {p["name"]: (value(f"{p['name']}-start"), value(f"{p['name']}-end")) for p in PHASES},
        }
        self._error("")
        self.run_create(self.actor, fields, self.query_one("#f-enrol", Checkbox).value)

    @on(Created)
    def created(self, message: Created) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._error(str(message.outcome))
            return
        cid, count = message.outcome
        self.starcampus.campaign_id = cid
        self.query_one("#campaign-part", Vertical).display = True
        self.notify(t("tui.admin.created", id=cid, count=count), timeout=5)
        self._error(t("tui.admin.created", id=cid, count=count))
        self.refresh_current()

    @on(Button.Pressed, "#enrol")
    def enrol_all(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.run_enrol(self.actor, cid, None)

    @on(Enrolled)
    def enrolled(self, message: Enrolled) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._error(str(message.outcome))
            return
        count = message.outcome
        self.notify(t("tui.admin.enrolled", count=count), timeout=5)
        self._error(t("tui.admin.enrolled", count=count))
        self.query_one("#enrol-codes", Input).value = ""
        self.query_one("#enrol-pick", SelectionList).deselect_all()
        self.refresh_current()

    @on(Button.Pressed, "#publicity")
    def change_publicity(self) -> None:
        from tui.screens.dialogs.publicity import open_publicity_dialog

        cid = self.campaign_id()
        if cid is not None:
            open_publicity_dialog(self, cid)

    @on(Button.Pressed, "#upward-pull")
    def pull_recommended(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            open_pull_dialog(self, cid, self.refresh_current)

    @on(Button.Pressed, "#advance")
    def advance(self) -> None:
        cid = self.campaign_id()
        if cid is not None:
            self.load_advance_facts(cid)

    def _confirm_advance(self, facts: Facts) -> None:
        current, following, states = facts
        if following is None:
            self._error(t("err.phase_last", phase=label(phase(current))))
            return
        body = t("tui.admin.leftovers") + "\n" + "\n".join(f"  {k}: {v}" for k, v in states.items())
        title = t("tui.admin.confirm", old=label(phase(current)), new=label(phase(following)))

        def answered(yes: bool | None) -> None:
            cid = self.campaign_id()
            if yes and cid is not None:
                self.run_advance(self.actor, cid)

        self.app.push_screen(ConfirmDialog(title, body), answered)

    @on(Advanced)
    def advanced(self, message: Advanced) -> None:
        if isinstance(message.outcome, WorkflowError):
            self._error(str(message.outcome))
            return
        self.notify(t("tui.admin.advanced", phase=label(phase(message.outcome))), timeout=5)
        self.refresh_current()
