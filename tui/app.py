"""The Textual app: `starcampus` with no subcommand opens it (tui.cli_run calls ``run_app``)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider

import tui.strings  # noqa: F401 - registers the TUI's strings in the one catalog
from tui.screens.base import close_thread_connection
from workflow import queries
from workflow.i18n import set_language, t
from workflow.permissions import Actor


def _in_thread(fn: Callable[..., Any], *args: Any) -> Any:
    try:
        return fn(*args)
    finally:
        close_thread_connection()


class SchoolCommands(Provider):
    """学校: jump to a school by code or name."""

    async def search(self, query: str) -> Hits:
        app = self.app
        cid = getattr(app, "campaign_id", None)
        text = query.strip()
        if cid is None or not text:
            return
        scope = queries.scope_of(getattr(app, "actor", None))
        worker = app.run_worker(
            partial(_in_thread, lambda: queries.school_rows(cid, text=text, limit=15, scope=scope)),
            thread=True, exit_on_error=False)
        try:
            rows = await worker.wait()
        except Exception:  # noqa: BLE001 - a failed lookup just finds nothing
            return
        matcher = self.matcher(text)
        prefix = t("tui.cmd.school")
        for row in rows or []:
            display = f"{prefix}: {row.name} ({row.code})"
            score = max(matcher.match(display), 0.5)
            yield Hit(score, display, partial(app.open_school, row.assessment_id),  # type: ignore[attr-defined]
                      text=display)


class ScreenCommands(Provider):
    """阶段: / 屏幕: move phases, open the admin, audit and help screens."""

    def _commands(self) -> list[tuple[str, Callable[[], Any], str]]:
        app: Any = self.app
        return [
            (t("tui.cmd.phase") + ": " + t("tui.admin.advance"), app.action_advance_phase, t("tui.cmd.phase_help")),
            (t("tui.cmd.screen") + ": " + t("tui.screen.admin"), app.action_admin, ""),
            (t("tui.cmd.screen") + ": " + t("tui.screen.audit"), app.action_audit, ""),
            (t("tui.cmd.screen") + ": " + t("tui.screen.help"), app.action_help, ""),
        ]

    async def discover(self) -> Hits:
        for name, callback, help_text in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, callback, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


class StarCampusApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "starcampus"
    COMMANDS: ClassVar[set[Any]] = App.COMMANDS | {SchoolCommands, ScreenCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", t("tui.key.help"), id="app.help"),
        Binding("f8", "audit", t("tui.key.audit"), id="app.audit"),
        Binding("f9", "admin", t("tui.key.admin"), id="app.admin"),
        Binding("f10", "quit", t("tui.key.quit"), id="app.quit"),
    ]

    def __init__(self, actor: Actor, *, campaign_id: int | None = None) -> None:
        super().__init__()
        self.actor = actor
        self.campaign_id = campaign_id

    def on_mount(self) -> None:
        from tui.screens.dashboard import DashboardScreen

        self.title = t("tui.app.title")
        self.push_screen(DashboardScreen(self.campaign_id))

    def open_school(self, assessment_id: int) -> None:
        from tui.screens.school import SchoolScreen

        self.push_screen(SchoolScreen(assessment_id))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.push_screen(HelpScreen())

    def action_audit(self) -> None:
        from tui.screens.audit import AuditScreen

        if not isinstance(self.screen, AuditScreen):
            self.push_screen(AuditScreen())

    def action_admin(self) -> None:
        from tui.screens.admin import AdminScreen

        if not isinstance(self.screen, AdminScreen):
            self.push_screen(AdminScreen())

    def action_advance_phase(self) -> None:
        from tui.screens.admin import AdminScreen

        self.action_admin()
        screen = self.screen
        if isinstance(screen, AdminScreen):
            screen.call_after_refresh(screen.advance)

    def action_quit(self) -> None:  # type: ignore[override]
        self.exit(0)


def run_app(actor: Actor, *, db: str | None = None, lang: str | None = None,
            campaign_id: int | None = None) -> int:
    """Run the app for ``actor`` (the database is already open); the exit code."""
    if lang:
        set_language(lang)
    app = StarCampusApp(actor, campaign_id=campaign_id)
    result = app.run()
    return int(result or 0) if app.return_code in (None, 0) else int(app.return_code or 1)
