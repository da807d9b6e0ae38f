"""The Textual app: `starcampus` with no subcommand opens it (tui.cli_run calls ``run_app``)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.timer import Timer

import tui.strings  # noqa: F401 - registers the TUI's strings in the one catalog
from tui import drafts, first_rows, gc_hold, logfile
from tui.dashboard_reads import LaunchFound
from tui.exit_codes import EXIT_REFUSED
from tui.export_jobs import KINDS, may_export
from tui.keymap import load_keymap
from tui.screens.base import translate_bindings
from tui.work import ReadDone, WorkerReporting, post_read, thread_connection
from workflow.connection import resolve_db_target
from workflow.doors import users
from workflow.i18n import set_language, t
from workflow.permissions import Actor, allowed
from workflow.reads import queries


def _school_rows(campaign_id: int, text: str, scope: str | None) -> list[queries.SchoolRow]:
    with thread_connection():
        return queries.school_rows(campaign_id, text=text, limit=15, scope=scope)


def _app(provider: Provider) -> StarCampusApp:
    app = provider.app
    assert isinstance(app, StarCampusApp)
    return app


class SchoolCommands(Provider):
    """学校: jump to a school by code or name."""

    async def search(self, query: str) -> Hits:
        app = _app(self)
        cid = app.campaign_id
        text = query.strip()
        if cid is None or not text:
            return
        scope = queries.scope_of(app.actor)
        # Awaited here, not posted: the palette's search is itself a coroutine that yields hits.
        worker = app.run_worker(partial(_school_rows, cid, text, scope), thread=True, exit_on_error=False,
                                group="palette.schools")
        try:
            rows = await worker.wait()
        except Exception:  # noqa: BLE001 - a failed lookup just finds nothing
            return
        matcher = self.matcher(text)
        prefix = t("tui.cmd.school")
        for row in rows or []:
            display = f"{prefix}: {row.name} ({row.code})"
            score = max(matcher.match(display), 0.5)
            yield Hit(score, display, partial(app.open_school, row.assessment_id), text=display)


class ScreenCommands(Provider):
    """阶段: / 屏幕: move phases, open the admin, audit and help screens."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app = _app(self)
        # What the role may not do is not offered (the same rule as the keys: StarCampusApp.check_action).
        admin = [
            (t("tui.cmd.phase") + ": " + t("tui.admin.advance"), app.action_advance_phase, t("tui.cmd.phase_help")),
            (t("tui.cmd.screen") + ": " + t("tui.screen.admin"), app.action_admin, ""),
            (t("tui.facts.command"), app.action_campaign_facts, ""),  # tui/screens/dialogs/facts.py
        ] if may_admin(app.actor) else []
        from tui.screens.regions import may_see_regions, open_regions

        regions = ([(t("tui.cmd.screen") + ": " + t("tui.screen.regions"), partial(open_regions, app), "Ctrl+G")]
                   if may_see_regions(app.actor) else [])
        return admin + regions + [
            (t("tui.cmd.screen") + ": " + t("tui.screen.audit"), app.action_audit, ""),
            (t("tui.cmd.screen") + ": " + t("tui.screen.help"), app.action_help, ""),
        ] + [(t("tui.cmd.export") + ": " + t(f"tui.export.kind.{kind}"), partial(app.action_export, kind), "F7")
             for kind in KINDS if may_export(app.actor.role, kind)]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


APP_SCREEN_ACTIONS = frozenset({"help", "export", "audit", "admin", "advance_phase", "quit"})
ADMIN_ACTIONS = ("campaign.create", "campaign.advance", "school.enrol", "notice.edit")


def may_admin(actor: Actor) -> bool:
    """Whether the admin screen (F9: campaigns, enrolment, the notice drafts) is the actor's to open."""
    return all(allowed(actor.role, action) for action in ADMIN_ACTIONS)


def drafts_to_offer(actor: Actor) -> list[tuple[drafts.Draft, str]]:
    """The user's drafts that still belong to a school they may open: (draft, school name)."""
    found: list[tuple[drafts.Draft, str]] = []
    for draft in drafts.drafts_for(actor.name):
        try:
            d = queries.detail(draft.assessment_id, actor)
        except Exception:  # noqa: BLE001 - gone, another database, or not theirs: not offered here
            continue
        if d.school.code == draft.school_code and d.campaign.id == draft.campaign_id:
            found.append((draft, str(d.school.name)))
    return found


def _terminal_fd() -> int | None:
    """The descriptor of the terminal the app reads, or None (a pipe: the web server's driver, a test)."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else 0
        return fd if os.isatty(fd) else None
    except (OSError, ValueError):
        return None


HANGUP_EXIT = 128 + signal.SIGHUP
HANGUP_GRACE_SECONDS = 5.0
TERMINAL_CHECK_SECONDS = 2.0


# Plain classes, not @dataclass (the launch imports them: tui/screens/dashboard.py says why).
class DraftsFound(ReadDone):
    def __init__(self, found: list[tuple[drafts.Draft, str]]) -> None:
        self.found = found
        super().__init__()


class StillActive(ReadDone):
    """Whether the acting user may still act (not disabled meanwhile by an admin)."""

    def __init__(self, active: bool) -> None:
        self.active = active
        super().__init__()


class StarCampusApp(WorkerReporting, App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "starcampus"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {SchoolCommands, ScreenCommands}
    # Descriptions are catalog keys, read in the chosen language when the app is built.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "tui.key.help", id="app.help"),
        Binding("f7", "export", "tui.key.export", id="app.export"),
        Binding("f8", "audit", "tui.key.audit", id="app.audit"),
        Binding("f9", "admin", "tui.key.admin", id="app.admin"),
        Binding("f10", "quit", "tui.key.quit", id="app.quit"),
        # Our own palette key, so the footer reads "^p 命令" (Textual adds "palette" only when none is bound).
        Binding("ctrl+p", "command_palette", "tui.key.palette", show=False, priority=True, id="app.palette"),
    ]
    # How often an open session asks whether its user is still active (issue 10): every door call
    # already refuses a disabled user, but an idle session would otherwise stay open and readable.
    # Half a minute keeps "closes within a minute" with one check to spare, at one tiny query.
    ACTIVE_CHECK_SECONDS: ClassVar[float] = 30.0

    def __init__(self, actor: Actor, *, campaign_id: int | None = None, db: str | None = None,
                 launch: LaunchFound | None = None) -> None:
        super().__init__()
        translate_bindings(self)
        self.actor = actor
        self.campaign_id = campaign_id
        # The database the app was opened on (--db, else STARCAMPUS_DB, config, the data file): what an
        # SSH key line written from inside the app must name (tui/screens/users.py).
        self.db_target = resolve_db_target(db)
        self.hung_up = False
        self.closing: str | None = None  # "exit" or "hangup" once the app is on its way out
        self._sighup_installed = False
        self.active_timer: Timer | None = None
        self._terminal: int | None = None
        self.first_rows = first_rows.FirstRows()  # opened when the dashboard's first rows are drawn (tui/first_rows.py)
        self._launch = launch  # the first dashboard's first read, made before the app ran (tui/cli_run.py)
        self._after_withheld: list[Callable[[], object]] = []

    def on_mount(self) -> None:
        from tui.screens.dashboard import DashboardScreen

        self.title = t("tui.app.title")
        self.load_user_keys()
        self._install_hangup_handler()
        self._terminal = None if self.is_headless else _terminal_fd()  # None: the web driver's pipes, a test
        if self._terminal is not None:
            self.set_interval(TERMINAL_CHECK_SECONDS, self.check_terminal, name="terminal-check")
        self.push_screen(DashboardScreen(self.campaign_id))
        # Both read once the first rows are drawn (tui/first_rows.py): a worker reading beside the first
        # frame takes the interpreter's lock from it, and their dialogs open over the dashboard anyway.
        self.find_drafts(self.actor)
        if queries.scope_of(self.actor) is not None:
            from tui.returns import offer_return_notice  # issue 16: a returned school reads why at login

            offer_return_notice(self)
        self.active_timer = self.set_interval(self.ACTIVE_CHECK_SECONDS, self.check_still_active)
        # The first rows release the collector; a dashboard without any (no campaign, a refused read)
        # must not keep it off.
        self.set_timer(gc_hold.BACKSTOP_SECONDS, gc_hold.release)
        self.set_timer(first_rows.BACKSTOP_SECONDS, self.first_rows.drawn)  # nor keep the counts waiting

    # ----- a frame drawn inside a batch of updates is never written (issue 14)
    # At a launch the dashboard's first page is read before the app runs, so its first frame is drawn
    # while Textual still batches the app's start-up: that frame reached no terminal, and the screen
    # then showed piecemeal (the title last), after what waits for the first rows had run.
    frame_withheld = False

    def post_display_hook(self) -> None:
        # Textual calls this after every display, written or not; one made while updates are batched
        # (``batch_update``, Textual's own while the app starts) writes nothing. The whole screen is
        # painted at the first update after the batch (a screen's refresh waits for it), not only
        # what changes next: none of the withheld frame was written.
        if self._batch_count and not self.frame_withheld:
            self.frame_withheld = True
            self.screen.refresh()
            self.call_later(self._paint_withheld)  # the app's own messages are handled after the batch

    def _paint_withheld(self) -> None:
        if self.screen_stack:  # else the app is on its way out
            self.screen.call_after_refresh(self._withheld_painted)

    def _withheld_painted(self) -> None:
        if self._batch_count and self.screen_stack:  # batched again meanwhile: painted once more after that batch
            self.screen.refresh()
            self.call_later(self._paint_withheld)
            return
        self.frame_withheld = False
        waiting, self._after_withheld = self._after_withheld, []
        for callback in waiting:
            callback()

    def after_withheld_frame(self, callback: Callable[[], object]) -> None:
        """``callback`` once the withheld frame is painted again (``frame_withheld`` is true)."""
        self._after_withheld.append(callback)

    def take_launch_read(self) -> LaunchFound | None:
        """The launch's first read, for the first dashboard only (tui/dashboard_reads.py)."""
        launch, self._launch = self._launch, None
        return launch

    def load_user_keys(self) -> None:
        """The user's keymap.toml (tui.keymap), applied to the bindings by their ids."""
        keymap = load_keymap()
        if keymap.keys:
            self.set_keymap(keymap.keys)
        if keymap.problem:
            self.notify(keymap.problem, severity="warning", timeout=8)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Function keys are priority bindings (tui.screens.base), so these would reach past a
        # dialog: over one, the dialog's own keys hold (F1 closes the help, as Esc does).
        if action in APP_SCREEN_ACTIONS and self.screen.is_modal:
            return False
        # Hidden, not merely refused: the footer and the palette offer only what the role may do.
        if action in ("admin", "advance_phase", "campaign_facts"):
            return may_admin(self.actor)
        if action == "export":  # a school user: its own self-evaluation form only, so F7 offers just that
            return any(may_export(self.actor.role, kind) for kind in KINDS)
        return True

    # ----- the command palette, in the reader's language (tui.palette)
    # (tui.palette is imported when the palette opens: no first frame needs it.)
    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):  # type: ignore[arg-type]
            self.push_screen(Palette(id="--command-palette"))

    def action_change_theme(self) -> None:
        from tui.palette import Palette

        self.push_screen(Palette(providers=[ThemeProvider], placeholder=t("tui.palette.themes")))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tui.palette import system_commands

        return system_commands(self, screen)

    def on_unmount(self) -> None:
        self.closing = self.closing or "exit"
        self.save_drafts(self.closing)
        if self._sighup_installed:
            try:
                asyncio.get_running_loop().remove_signal_handler(signal.SIGHUP)
            except (RuntimeError, ValueError):
                pass
            self._sighup_installed = False

    # ----- hang-up safety (issue 7)
    def _install_hangup_handler(self) -> None:
        """SIGHUP (the SSH connection dropped): keep unsaved entries as a draft, then exit cleanly.

        Textual itself installs no SIGHUP handler; the default would kill the process on the
        spot. The handler runs on the event loop (``loop.add_signal_handler``), so it may read
        the score fields safely.
        """
        if not hasattr(signal, "SIGHUP") or threading.current_thread() is not threading.main_thread():
            return
        try:
            asyncio.get_running_loop().add_signal_handler(signal.SIGHUP, self.hang_up)
        except (NotImplementedError, RuntimeError, ValueError):
            return
        self._sighup_installed = True

    def check_terminal(self) -> None:
        """The terminal gone without a SIGHUP reaching us (the app in another session than the one that
        hung up, a signal lost): a hung-up terminal answers every request with EIO, while reading it
        gives end of file at once, so Textual's input thread spins a core. Treated as a hang-up."""
        import errno
        import termios

        if self._terminal is None:
            return
        try:
            termios.tcgetattr(self._terminal)  # the descriptor found at mount (isatty says no once hung up)
        except termios.error as exc:
            if exc.args and exc.args[0] == errno.EIO:
                self.hang_up()

    def hang_up(self) -> None:
        if self.hung_up:
            return
        self.hung_up = True
        self.closing = "hangup"
        self.save_drafts("hangup")
        if not self.is_headless:
            # With the terminal gone, restoring it may block or fail; the draft is already on disk
            # and every database write is one transaction, so a late hard exit loses nothing.
            timer = threading.Timer(HANGUP_GRACE_SECONDS, os._exit, (HANGUP_EXIT,))
            timer.daemon = True
            timer.start()
        self.exit(return_code=HANGUP_EXIT)

    def save_drafts(self, reason: str) -> int:
        """Keep the unsaved score entries of every open school screen (and score grid) as drafts; how many kept."""
        # A screen whose module was never imported is not open: a session that only read the dashboard
        # does not import both screens on its way out (about 0.1 s at every exit and hang-up).
        if "tui.screens.school" not in sys.modules and "tui.screens.score_grid" not in sys.modules:
            return 0
        from tui.screens.school import SchoolScreen
        from tui.screens.score_grid import ScoreGridScreen

        kept = 0
        for screen in list(self.screen_stack):
            if isinstance(screen, SchoolScreen | ScoreGridScreen) and screen.save_draft(reason):
                kept += 1
        return kept

    # ----- a user disabled while the session is open (issue 10)
    @work(thread=True, exclusive=True, group="app.active", exit_on_error=False)
    def check_still_active(self) -> None:
        with thread_connection():
            active = users.still_active(self.actor.name)
        post_read(self, StillActive(active))

    @on(StillActive)
    def active_checked(self, message: StillActive) -> None:
        if message.stale or message.active or self.closing:
            return
        self.close_disabled()

    def close_disabled(self) -> None:
        """The user was disabled: keep unsaved entries as drafts (as on exit), say why, exit with 1."""
        self.closing = "disabled"
        if self.active_timer is not None:
            self.active_timer.stop()
        kept = self.save_drafts("disabled")
        lines = [t("err.user_disabled", name=self.actor.name)]
        if kept:
            lines.append(t("tui.draft.kept"))
        # Printed on the terminal once the screen is restored: a notification would vanish with the app.
        self.exit(return_code=EXIT_REFUSED, message=Text("\n".join(lines)))

    @work(thread=True, exclusive=True, group="app.drafts", exit_on_error=False)
    def find_drafts(self, actor: Actor) -> None:
        self.first_rows.wait()
        with thread_connection():
            found = drafts_to_offer(actor)
        post_read(self, DraftsFound(found))

    @on(DraftsFound)
    def drafts_found(self, message: DraftsFound) -> None:
        if not message.stale and message.found:
            self.offer_draft(*message.found[0])

    def _handle_exception(self, error: Exception) -> None:
        # Textual ends the app on an exception nobody caught; the traceback goes to the log file first.
        logfile.log_unexpected(error, "the app stopped")
        super()._handle_exception(error)

    def offer_draft(self, draft: drafts.Draft, school_name: str) -> None:
        from tui.screens.dialogs import DraftDialog

        def answered(choice: str | None) -> None:
            if choice == "restore":
                self.open_school(draft.assessment_id, restore=draft)
            elif choice == "discard":
                drafts.discard_draft(draft.user, draft.campaign_id, draft.assessment_id)
                self.notify(t("tui.draft.discarded"), timeout=4)

        self.push_screen(DraftDialog(draft, school_name), answered)

    def open_school(self, assessment_id: int, *, restore: drafts.Draft | None = None) -> None:
        from tui.screens.school import SchoolScreen

        self.push_screen(SchoolScreen(assessment_id, restore=restore))

    def action_export(self, kind: str = "notice") -> None:
        from tui.screens.export import ExportDialog

        if isinstance(self.screen, ExportDialog):
            return
        if self.campaign_id is None:
            self.notify(t("tui.export.no_campaign"), severity="warning", timeout=5)
            return
        self.push_screen(ExportDialog(self.campaign_id, kind))

    def action_campaign_facts(self) -> None:
        """The campaign facts the documents cite, in one form (the palette's 活动信息)."""
        from tui.screens.dialogs.facts import FactsDialog

        if self.campaign_id is None:
            self.notify(t("tui.export.no_campaign"), severity="warning", timeout=5)
            return
        self.push_screen(FactsDialog(self.campaign_id))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_audit(self) -> None:
        from tui.screens.audit import AuditScreen

        if not isinstance(self.screen, AuditScreen):
            self.push_screen(AuditScreen())

    def action_admin(self) -> None:
        from tui.screens.admin import AdminScreen

        if not may_admin(self.actor):  # a palette entry or a stale key: still not the role's screen
            self.notify(t("tui.admin.not_allowed", role=t(f"role.{self.actor.role}")), severity="warning")
            return
        if not isinstance(self.screen, AdminScreen):
            self.push_screen(AdminScreen())

    def action_advance_phase(self) -> None:
        from tui.screens.admin import AdminScreen

        if not may_admin(self.actor):
            return self.action_admin()  # says why
        self.action_admin()
        screen = self.screen
        if isinstance(screen, AdminScreen):
            screen.call_after_refresh(screen.advance)

    async def action_quit(self) -> None:
        self.closing = self.closing or "exit"
        self.save_drafts("exit")
        self.exit(0)


def run_app(actor: Actor, *, db: str | None = None, lang: str | None = None,
            campaign_id: int | None = None, launch: LaunchFound | None = None) -> int:
    """Run the app for ``actor`` (the database is already open); the exit code. ``launch``: the
    dashboard's first read, made before this module was imported (tui/cli_run.py)."""
    if lang:
        set_language(lang)
    target = resolve_db_target(db)
    logfile.configure(target)
    drafts.bind_database(target)
    app = StarCampusApp(actor, campaign_id=campaign_id, db=target, launch=launch)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
