"""The dashboard: campaign picker, phase timeline, counts per state and star, the school list.

Schools marked in the list (Space, Ctrl+A for all shown) take one event together (Ctrl+E): the
events they offer are read, one is picked, a confirmation lists every school with what will
happen, and each school is then its own door call (workflow.doors.school_batch.advance_each);
the outcome lists every school, done or with the guard's reason.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

import tui.strings  # noqa: F401 - registers the strings used below
from tui import gc_hold
from tui.dashboard_reads import (
    Heading,
    LaunchFound,
    Summary,
    load_campaigns,
    load_summary,
    opened_campaign,
    read_heading,
)
from tui.first_rows import FirstRows
from tui.region_scope import may_see_regions
from tui.school_query import Query
from tui.screens.base import DbScreen
from tui.widgets.bars import Bars
from tui.widgets.keys_footer import KeysFooter
from tui.widgets.late_select import LateSelect
from tui.widgets.school_table import SchoolTable
from tui.widgets.timeline import Timeline
from tui.work import ReadDone, post_read, thread_connection
from workflow import clock
from workflow.i18n import label, t
from workflow.permissions import Actor
from workflow.reads import queries
from workflow.reads.change_mark import change_mark
from workflow.statemachine.declaration import STATES

if TYPE_CHECKING:
    # The batch's door and dialogs are imported when a batch is asked for: with them come the state
    # machine and transitions, which nothing before the first rows needs (tests/cli/test_startup_imports.py).
    from workflow.doors.school_batch import BatchOutcome, BatchPlan, BatchSchool
    from workflow.statemachine.events import EventOption

SORT_KEYS = ["display_order", "code", "name", "township", "state", "self_total", "verified_total",
             "star_level", "updated_at"]


class DashboardScreen(DbScreen):
    # The list has the focus from the first frame: Textual's own first choice is the campaign picker (the
    # first focusable widget, hidden with one campaign), and moving off it restyled the picker and the
    # list and built the footer's keys a second time before the first rows.
    AUTO_FOCUS = "#schools"
    BINDINGS: ClassVar[list[BindingType]] = [
        # F2/F3/F4 are listed in F1, not in the footer: at 80 columns it keeps F9/F10 in sight.
        Binding("f2", "sort_next", "tui.key.sort", show=False, id="dashboard.sort"),
        Binding("f3", "sort_reverse", "tui.key.reverse", show=False, id="dashboard.reverse"),
        # In the filter box F3 is "find next" (as in an editor), not "reverse the sort": the highlight
        # moves to the next match while the typing goes on.
        Binding("f3", "next_match", "tui.key.next_match", id="dashboard.next_match"),
        Binding("f4", "focus_filters", "tui.key.filters", show=False, id="dashboard.filters"),
        Binding("f5", "reload", "tui.key.reload", id="dashboard.reload"),
        Binding("escape", "clear_filter", "tui.key.clear", show=False, id="dashboard.clear"),
        # Enter in the filter box is handled in the app's key loop (priority), so the focus is on
        # the list before the next key is routed: "filter, Enter, Enter" opens the match, however fast.
        Binding("enter", "filter_enter", show=False, priority=True, id="dashboard.filter_enter"),
        # Not Ctrl+B: that is tmux's prefix, and officers reach the app over SSH, often inside tmux.
        Binding("ctrl+e", "batch", "tui.key.batch", show=False, id="dashboard.batch"),
        # F6, free here (F2-F5 sort, filter and reload; F7-F10 the app's): the score grid of the campaign.
        Binding("f6", "score_grid", "tui.key.grid", show=False, id="dashboard.grid"),
        # Ctrl+G (区划): a city's or province's year by child region. Not F11 (full screen in most
        # terminals) nor F12 (left free for keymap.toml's own choices).
        Binding("ctrl+g", "regions", "tui.key.regions", show=False, priority=True, id="dashboard.regions"),
    ]

    # The screen's messages are plain classes, not @dataclass: each dataclass generates its methods
    # from source at import, some 2 M instructions apiece at every launch (issue 14), and a message
    # is only read, never compared, printed or copied.
    class CampaignsLoaded(ReadDone):
        def __init__(self, items: list[tuple[int, str]]) -> None:
            self.items = items
            super().__init__()

    class HeadingLoaded(ReadDone):
        def __init__(self, heading: Heading) -> None:
            self.heading = heading
            super().__init__()

    class SummaryLoaded(ReadDone):
        def __init__(self, summary: Summary, mark: tuple[int, int, date], reload_table: bool = False) -> None:
            self.summary = summary
            self.mark = mark  # (campaign, change mark, today): what the summary was read at
            self.reload_table = reload_table  # a return to the screen found changes: the list is read again too
            super().__init__()

    class BatchPlanned(ReadDone):
        def __init__(self, plans: list[BatchPlan]) -> None:
            self.plans = plans
            super().__init__()

    class BatchDone(Message):
        def __init__(self, event_label: str, outcomes: list[BatchOutcome]) -> None:
            self.event_label = event_label
            self.outcomes = outcomes
            super().__init__()

    def __init__(self, campaign_id: int | None = None) -> None:
        super().__init__()
        self.campaign_id = campaign_id
        self.summary: Summary | None = None
        self._shown_mark: tuple[int, int, date] | None = None
        self.sort = "display_order"
        self.descending = False
        self._shown_total = 0
        self._read_at_launch = False  # on_mount showed the launch's read: the push's resume reads nothing

    def compose(self) -> ComposeResult:
        # Two kinds of widget wait: the campaign picker until there are campaigns to pick from (one
        # campaign needs none), and the state, star and township drop-downs until the first rows are
        # drawn (``rows_shown``). Each drop-down is six widgets to build and style (about a tenth of a
        # launch for the three), and none is any use before there are rows to filter.
        yield Static(id="title", markup=False)
        yield Timeline(id="timeline", markup=False)
        with Horizontal(id="charts"):
            yield Bars(id="state-bars")
            yield Bars(id="star-bars")
        with Horizontal(id="filters"):
            yield Input(placeholder=t("tui.dash.filter"), id="filter", compact=True, select_on_focus=False)
        yield Static(id="count", markup=False)
        yield SchoolTable(id="schools", first_rows=self.starcampus.first_rows)
        yield KeysFooter()

    def _filter_selects(self) -> list[Select[Any]]:
        """The state, star and township drop-downs, the star and township ones with the options of the
        summary read so far (``summary_loaded`` fills them when it is read later)."""
        summary = self.summary
        return [
            LateSelect[str]([(label(s), s["name"]) for s in STATES], prompt=t("tui.dash.state"), id="state",
                        compact=True),
            LateSelect[int](self._star_options(summary) if summary else [], prompt=t("tui.dash.star"), id="star",
                        compact=True),
            LateSelect[str](self._township_options(summary) if summary else [], prompt=t("tui.dash.township"),
                        id="township", compact=True),
        ]

    @staticmethod
    def _star_options(summary: Summary) -> list[tuple[str, int]]:
        return [(name, level) for level, name in sorted(summary.heading.star_names.items())] + [(t("word.no_star"), 0)]

    @staticmethod
    def _township_options(summary: Summary) -> list[tuple[str, str]]:
        return [(name, name) for name in summary.townships]

    @on(SchoolTable.RowsShown)
    async def rows_shown(self) -> None:
        self.starcampus.first_rows.drawn()  # the summary's counts may be read now (tui/first_rows.py)
        if self.query("#state"):
            return
        built_from = self.summary
        await self.query_one("#filters").mount_all(self._filter_selects())
        if self.summary is not None and self.summary is not built_from:
            self._fill_filters(self.summary)  # read while they were being mounted

    def on_mount(self) -> None:
        table = self.query_one(SchoolTable)
        table.state_names = {s["name"]: label(s) for s in STATES}  # from the declaration: no need to wait
        table.focus()
        # The campaigns are read on_screen_resume, which the screen's push sends too (after this): read
        # here as well, a second read ran beside the first and cancelled it. At a launch they are read
        # already, with the heading and the first page (tui/dashboard_reads.py): shown before the first frame.
        found = self.starcampus.take_launch_read()
        if found is not None:
            self._read_at_launch = True
            self._show_first(found.campaigns, found)

    def on_screen_resume(self) -> None:
        # The campaign list too: one created on the admin screen is shown (and opened) at once,
        # not only after F5; the app's campaign is the one the admin screen just created or chose.
        self.campaign_id = self.starcampus.campaign_id or self.campaign_id
        if self._read_at_launch:  # the push's own resume, right after on_mount showed the launch's read
            self._read_at_launch = False
            return
        self.load_campaigns()

    # ----- campaigns
    @work(thread=True, exclusive=True, group="dashboard.campaigns", exit_on_error=False)
    def load_campaigns(self) -> None:
        with thread_connection():
            items = load_campaigns(self.actor)
        post_read(self, self.CampaignsLoaded(items))

    @work(thread=True, exclusive=True, group="dashboard.summary", exit_on_error=False)
    def load_summary(self, campaign_id: int, first_rows: FirstRows, shown: tuple[int, int, date] | None = None,
                     *, heading: bool = True) -> None:
        """The campaign's counts; with ``shown`` (a return to the screen), only if anything changed since
        they were read: the counts and the list at 500,000 schools take half a second.

        At a launch the counts wait for the list's first rows (``first_rows``, tui/first_rows.py): read
        beside the first page they put it off by their CPU time. The heading (title, timeline; a few
        rows) is shown first unless it is already (``heading=False``: the launch's own read had it)."""
        with thread_connection():
            if not first_rows.is_drawn:
                # No connection of this thread's before then unless the heading is read here (the launch's
                # own read has it): a thread reading beside the first frame takes the lock from it.
                if heading:
                    post_read(self, self.HeadingLoaded(read_heading(campaign_id)))
                first_rows.wait()
                if get_current_worker().is_cancelled:
                    return  # another campaign asked for meanwhile
            mark = (campaign_id, change_mark(), clock.today())
            if mark == shown:
                return
            summary = load_summary(campaign_id, self.actor)
        post_read(self, self.SummaryLoaded(summary, mark, reload_table=shown is not None))

    @on(CampaignsLoaded)
    def campaigns_loaded(self, message: CampaignsLoaded) -> None:
        if not message.stale:
            self._show_first(message.items)

    def _show_first(self, items: list[tuple[int, str]], launch: LaunchFound | None = None) -> None:
        """The campaigns read: the picker, and the campaign to open (with the launch's first page, if it
        read the one opened)."""
        wanted = opened_campaign(items, self.campaign_id)
        if wanted is None:
            self._show_campaigns(items, None)
            self.query_one("#title", Static).update(t("tui.dash.no_campaign"))
            self.call_after_refresh(gc_hold.release)  # no rows to wait for (tui/gc_hold.py)
            self.starcampus.first_rows.drawn()
            return
        self._show_campaigns(items, wanted)
        self.open_campaign(wanted, launch=launch if launch is not None and launch.campaign_id == wanted else None)

    def _show_campaigns(self, items: list[tuple[int, str]], wanted: int | None) -> None:
        """The campaign picker below the title, shown while there is more than one campaign to pick."""
        options = [(text, cid) for cid, text in items]
        found = self.query("#campaign")
        if not found:
            if len(items) > 1 and wanted is not None:
                # Built with its options and value: mounted, it says nothing is new (campaign_picked).
                # No blank choice: a campaign is always open, and the blank line (drawn as the prompt)
                # had nothing to open.
                self.mount(LateSelect[int](options, prompt=t("tui.dash.campaign"), allow_blank=False,
                                       value=wanted, id="campaign", compact=True), after="#title")
            return
        select = found.first(Select)
        select.display = len(items) > 1
        if not options or wanted is None:
            return  # no campaign left to pick (hidden): a Select without a blank needs an option
        with self.prevent(Select.Changed):
            select.set_options(options)  # picks the first: the open one is set back just below
            select.value = wanted

    @on(Select.Changed, "#campaign")
    def campaign_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, int) and event.value != self.campaign_id:
            self.open_campaign(event.value)

    def open_campaign(self, campaign_id: int, *, keep_filters: bool = False, force: bool = False,
                      launch: LaunchFound | None = None) -> None:
        """``launch``: the launch's read of this campaign (its heading and first page), shown at once."""
        same = campaign_id == self.campaign_id
        fresh = force or not same or self._shown_mark is None
        table = self.query_one(SchoolTable)
        if not same:
            table.unmark()  # marks name one campaign's schools
        self.campaign_id = campaign_id
        self.starcampus.campaign_id = campaign_id
        if launch is not None and launch.heading is not None:
            self._show_heading(launch.heading)
        self.load_summary(campaign_id, self.starcampus.first_rows, None if fresh else self._shown_mark,
                          heading=launch is None)
        if fresh:
            if launch is not None and launch.rows is not None and launch.query == self.current_query():
                table.show_first(launch.query, launch.rows)
            else:
                self.reload_table(keep_place=same)  # F5 reads again where the officer is

    @on(SummaryLoaded)
    def summary_loaded(self, message: SummaryLoaded) -> None:
        if message.stale:
            return
        summary = self.summary = message.summary
        self._shown_mark = message.mark
        if message.reload_table:
            self.reload_table(keep_place=True)
        self._show_heading(summary.heading)
        nonzero = [(lab, n, "green") for _, lab, n in summary.states if n]
        self.query_one("#state-bars", Bars).show(t("tui.dash.by_state"), nonzero)
        stars = [(name + (t("tui.provisional_short") if prov else ""), n, "yellow")
                 for name, n, prov in summary.stars]
        self.query_one("#star-bars", Bars).show(t("tui.dash.by_star"), stars)
        self._fill_filters(summary)

    @on(HeadingLoaded)
    def heading_loaded(self, message: HeadingLoaded) -> None:
        if not message.stale:
            self._show_heading(message.heading)

    def _show_heading(self, heading: Heading) -> None:
        """The title and the timeline; the list's star names."""
        actor = self.actor
        mark = t("tui.provisional_rubric") if heading.provisional else ""
        self.query_one("#title", Static).update(
            t("tui.dash.title", title=heading.title, user=actor.name, role=t(f"role.{actor.role}")) + mark
            + t("tui.dash.round", round=heading.round_label))
        self.query_one(Timeline).show(heading.phase, heading.windows, heading.today)
        table = self.query_one(SchoolTable)
        table.star_names = heading.star_names
        table.state_names = {s["name"]: label(s) for s in STATES}
        table.refresh()

    def _fill_filters(self, summary: Summary) -> None:
        """The star and township drop-downs offer the summary's levels and townships, keeping the picks."""
        found = self.query("#star")
        if not found or not found.first().is_mounted:
            return  # not mounted yet: built with the summary's options (rows_shown)
        star_select = self.query_one("#star", Select)
        town_select = self.query_one("#township", Select)
        star_value, town_value = star_select.value, town_select.value
        with self.prevent(Select.Changed):
            star_select.set_options(self._star_options(summary))
            town_select.set_options(self._township_options(summary))
            if star_value in {*summary.heading.star_names, 0}:
                star_select.value = star_value
            if town_value in summary.townships:
                town_select.value = town_value

    # ----- the list
    def current_query(self) -> Query:
        assert self.campaign_id is not None
        state, star, town = (self._picked(name) for name in ("#state", "#star", "#township"))
        return Query(
            campaign_id=self.campaign_id, text=self.query_one("#filter", Input).value.strip(),
            state=state if isinstance(state, str) else None,
            star=star if isinstance(star, int) else None,
            township=town if isinstance(town, str) else None,
            sort=self.sort, descending=self.descending, scope=queries.scope_of(self.actor),
        )

    def _picked(self, selector: str) -> object:
        """A drop-down's value; none picked while it is not mounted yet (``rows_shown``)."""
        found = self.query(selector)
        return found.first(Select).value if found else None

    def reload_table(self, *, only_if_changed: bool = False, keep_place: bool = False) -> None:
        if self.campaign_id is not None:
            table = self.query_one(SchoolTable)
            query = self.current_query()
            if not only_if_changed or table.query_spec != query:
                table.load(query, keep_place=keep_place and table.query_spec == query)

    @on(Input.Changed, "#filter")
    def filter_typed(self) -> None:
        self.reload_table(only_if_changed=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_filter = self.focused is self.query_one("#filter", Input)
        if action in ("filter_enter", "next_match"):
            return in_filter  # elsewhere Enter is the widget's own, and F3 reverses the sort
        if action == "sort_reverse":
            return not in_filter
        if action == "regions":  # hidden, not refused: a county's officers have no region below theirs
            return may_see_regions(self.actor)
        return True

    def action_filter_enter(self) -> None:
        """Enter in the filter box opens the highlighted (or only) school of the finished filter: the
        list takes the focus at once and holds the open until the filter's keys are in and their rows
        are loaded. A second Enter meanwhile asks for the same open, so it opens once."""
        box = self.query_one("#filter", Input)
        table = self.query_one(SchoolTable)
        table.hold()
        self.set_focus(table)
        table.action_open()  # pending while held

        def settled() -> None:
            # Runs in the box's own queue, after the keys typed before Enter: its value is final.
            self.reload_table(only_if_changed=True)
            table.release()

        box.call_later(settled)

    @on(Select.Changed, "#state, #star, #township")
    def filter_picked(self) -> None:
        self.reload_table()

    @on(SchoolTable.Counted)
    def counted(self, event: SchoolTable.Counted) -> None:
        self._shown_total = event.total
        self._show_count()

    @on(SchoolTable.MarksChanged)
    def marks_changed(self) -> None:
        self._show_count()

    def _show_count(self) -> None:
        marked = len(self.query_one(SchoolTable).marked)
        self.query_one("#count", Static).update(
            t("tui.dash.count", count=self._shown_total, sort=self._sort_label())
            + (t("tui.dash.marked", count=marked) if marked else ""))

    def _sort_label(self) -> str:
        key = {"self_total": "self", "verified_total": "verified", "star_level": "star",
               "updated_at": "updated"}.get(self.sort, self.sort)
        name = t("tui.col.order") if key == "display_order" else t(f"tui.col.{key}")
        return name + (t("tui.dash.desc") if self.descending else "")

    @on(SchoolTable.TypedAhead)
    def typed_ahead(self, event: SchoolTable.TypedAhead) -> None:
        box = self.query_one("#filter", Input)
        box.focus()
        box.insert_text_at_cursor(event.character)

    @on(SchoolTable.FilterEnter)
    def typed_ahead_enter(self) -> None:
        self.action_filter_enter()  # after the characters typed before it are in the box

    @on(SchoolTable.SortRequested)
    def sort_requested(self, event: SchoolTable.SortRequested) -> None:
        if event.key == self.sort:
            self.descending = not self.descending
        else:
            self.sort, self.descending = event.key, False
        self.reload_table()

    @on(SchoolTable.Opened)
    def opened(self, event: SchoolTable.Opened) -> None:
        from tui.screens.school import SchoolScreen

        self.app.push_screen(SchoolScreen(event.assessment_id))

    def action_sort_next(self) -> None:
        index = SORT_KEYS.index(self.sort) if self.sort in SORT_KEYS else 0
        self.sort, self.descending = SORT_KEYS[(index + 1) % len(SORT_KEYS)], False
        self.reload_table()

    def action_next_match(self) -> None:
        self.query_one(SchoolTable).action_cursor(1)

    def action_sort_reverse(self) -> None:
        self.descending = not self.descending
        self.reload_table()

    def action_focus_filters(self) -> None:
        found = self.query("#state")
        (found.first(Select) if found else self.query_one("#filter", Input)).focus()

    def action_reload(self) -> None:
        if self.campaign_id is not None:
            self.open_campaign(self.campaign_id, keep_filters=True, force=True)  # F5: read everything again
        else:
            self.load_campaigns()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        if box.value:
            box.value = ""
        self.query_one(SchoolTable).focus()

    def action_regions(self) -> None:
        from tui.screens.regions import open_regions

        open_regions(self.starcampus)

    def action_score_grid(self) -> None:
        """F6: every school's leaves of the campaign shown, entered in place (tui/screens/score_grid.py)."""
        from tui.screens.score_grid import ScoreGridScreen

        if self.campaign_id is None:
            self.notify(t("tui.dash.no_campaign"), severity="warning", timeout=5)
            return
        self.app.push_screen(ScoreGridScreen(self.campaign_id))

    # ----- one event for the marked schools
    def action_batch(self) -> None:
        from workflow.doors.school_batch import BatchSchool

        table = self.query_one(SchoolTable)
        if not table.marked:
            self.notify(t("tui.batch.none_marked"), severity="warning", timeout=6)
            return
        self.plan_batch(self.actor, [BatchSchool(code, name, aid) for aid, (code, name) in table.marked.items()])

    @work(thread=True, exclusive=True, group="dashboard.batch_plan", exit_on_error=False)
    def plan_batch(self, actor: Actor, schools: list[BatchSchool]) -> None:
        from workflow.doors.school_batch import plan_each

        with thread_connection():
            plans = plan_each(actor, schools)
        post_read(self, self.BatchPlanned(plans))

    @on(BatchPlanned)
    def batch_planned(self, message: BatchPlanned) -> None:
        from tui.screens.dialogs import ReasonDialog
        from tui.screens.dialogs.batch import EventPickDialog, choices
        from workflow.doors.school_batch import offered

        if message.stale:
            return
        plans = message.plans
        found = offered(plans)
        if not found:
            self.notify(t("tui.batch.no_events"), severity="warning", timeout=6)
            return
        by_trigger = {option.trigger: option for option, _allowed in found}

        def picked(trigger: str | None) -> None:
            option = by_trigger.get(trigger or "")
            if option is None:
                return
            if not option.needs_reason:
                self._confirm_batch(plans, option, "")
                return

            def reasoned(reason: str | None) -> None:
                if reason is not None:
                    self._confirm_batch(plans, option, reason)

            self.app.push_screen(ReasonDialog(option.label), reasoned)

        self.app.push_screen(EventPickDialog(t("tui.batch.pick_title", count=len(plans)),
                                             choices(found, len(plans))), picked)

    def _confirm_batch(self, plans: list[BatchPlan], option: EventOption, reason: str) -> None:
        from tui.screens.dialogs import ConfirmDialog
        from tui.screens.dialogs.batch import plan_text

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_batch(self.actor, [p.school for p in plans], option, reason)

        self.app.push_screen(ConfirmDialog(t("tui.batch.confirm_title", count=len(plans), event=option.label),
                                           plan_text(plans, option.trigger), yes=option.label), answered)

    @work(thread=True, group="dashboard.batch", exit_on_error=False)
    def run_batch(self, actor: Actor, schools: list[BatchSchool], option: EventOption, reason: str) -> None:
        from workflow.doors.school_batch import advance_each

        with thread_connection():
            outcomes = advance_each(actor, schools, option.trigger, reason=reason)
        self.post_message(self.BatchDone(option.label, outcomes))

    @on(BatchDone)
    def batch_done(self, message: BatchDone) -> None:
        from tui.screens.dialogs.batch import BatchOutcomeDialog, outcome_text

        outcomes = message.outcomes
        done = [o.school.assessment_id for o in outcomes if o.done and o.school.assessment_id is not None]
        self.query_one(SchoolTable).unmark(done)  # the refused stay marked, to try again once fixed
        title = t("tui.batch.outcome_title", event=message.event_label, done=len(done),
                  refused=len(outcomes) - len(done))
        self.app.push_screen(BatchOutcomeDialog(title, outcome_text(outcomes)))
        self.action_reload()  # states, counts and bars all moved
