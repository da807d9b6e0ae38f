"""Running one CLI verb against the core. Refusals print their reason and exit 1."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Any

import tui.cli_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_REFUSED, EXIT_USAGE
from tui.verbs.common import cannot_open, err, refused
from workflow.i18n import language, set_language, t

if TYPE_CHECKING:
    from workflow.permissions import Actor

# Bootstrap verbs: they run before anybody can be an actor (no database yet, no users yet) or do not
# touch the database. Every other verb, reads included, resolves the acting user, and the read models
# apply that user's scope. ``db migrate`` joins them only for the database's owner (see _needs_actor).
BOOTSTRAP = {("rubric", "check"), ("rubric", "show"), ("rubric", "list"), ("init", None), ("demo", "load")}


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from rubrics.errors import RubricError
    from workflow.errors import WorkflowError

    set_language(args.lang)
    command, action = args.command, getattr(args, "action", None)
    if command is None and not args.web and not _has_terminal():
        # ssh -T, scp, sftp under the forced command: no TUI on pipes (it would never end), no database.
        err(t("cli.need_terminal"))
        return EXIT_REFUSED
    foreign = _refuse_foreign_as(args)
    if foreign is not None:
        return foreign
    if command == "rubric":
        from tui.verbs import setup

        try:
            return setup.rubric_verb(args)
        except RubricError as exc:
            err(str(exc))
            return EXIT_REFUSED
    if command == "serve":
        from tui.serve import serve

        return serve(host=args.host, port=args.port, allow_remote=args.allow_remote, db=args.db,
                     as_user=args.as_user, lang=args.lang, public_url=args.public_url)
    from workflow.connection import close_database, open_database, password_in, public, resolve_db_target

    if args.db and password_in(args.db):
        # Every local user reads command lines (ps): the password goes in a 0600 file (deploy-postgres.md).
        err(t("cli.password_on_command_line"))
        return EXIT_REFUSED
    try:
        # Only init and demo load create a database; any other verb refuses a missing or empty one.
        open_database(args.db, create=(command, action) in {("init", None), ("demo", "load")})
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported plainly
        if command is None and getattr(exc, "key", "") == "db.missing" and _first_run_offered(args):
            return _first_run(args, str(getattr(exc, "params", {}).get("path", args.db or "")))
        err(cannot_open(exc))
        return EXIT_REFUSED
    from workflow.doors.maintenance import ensure_checkpoint

    ensure_checkpoint()  # a database from before facts were kept: audited once, then replayed from there
    actor: Actor | None = None
    try:
        if command is None:
            if not args.web_ticket and _first_run_offered(args) and not _has_users():
                close_database()
                return _first_run(args, public(str(resolve_db_target(args.db))))
            return _open_app(args, _web_actor(args) if args.web_ticket else _actor(args))
        actor = _actor(args) if _needs_actor(args, (command, action)) else None
        handler = handler_for((command, action))
        if handler is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        args.acting_actor = actor  # tui.verbs.common.campaign_of: an officer's default is its region's newest
        return handler(args, actor)
    except (WorkflowError, RubricError) as exc:
        err(refused(exc) if isinstance(exc, WorkflowError) else str(exc))
        if isinstance(exc, WorkflowError):
            from tui.verbs.next_step import next_step

            hint = next_step(exc, args, actor)  # a refusal with an obvious next step names it
            if hint:
                err(hint)
        return EXIT_REFUSED
    finally:
        close_database()


def _first_run_offered(args: argparse.Namespace) -> bool:
    """The first-run choice (tui/first_run.py) is for a person at a local terminal running the app as
    itself: not an SSH officer (the forced command names it with --as), not the web's signed-in one."""
    return args.as_user is None and not args.web and not args.web_ticket and _has_terminal()


def _has_users() -> bool:
    from workflow.doors.maintenance import has_users

    return has_users()


def _first_run(args: argparse.Namespace, shown: str) -> int:
    """No database (or nobody in it): ask, then do what `init` or `demo load` does and open the app."""
    from tui.first_run import FirstRunApp
    from tui.gc_hold import release
    from tui.verbs import setup
    from workflow.connection import close_database, open_database
    from workflow.doors.maintenance import ensure_checkpoint
    from workflow.doors.users import os_login

    release()  # held for the app's first rows (tui/gc_hold.py); this is another app
    choice = FirstRunApp(shown, os_login()).run()
    if choice not in ("init", "demo"):
        return EXIT_OK
    open_database(args.db, create=True)
    try:
        code = setup.init(args, None) if choice == "init" else setup.demo(args, None)
        if code != EXIT_OK:
            return code
        ensure_checkpoint()
        return _open_app(args, _actor(args))
    finally:
        close_database()


def _needs_actor(args: argparse.Namespace, verb: tuple[str, str | None]) -> bool:
    if verb in BOOTSTRAP:
        return False
    if verb == ("db", "migrate"):
        from workflow.connection import resolve_db_target
        from workflow.doors.maintenance import owns_database

        return not owns_database(resolve_db_target(args.db))
    return True


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


UNTRUSTED_OVERRIDES = ("STARCAMPUS_AUDIT_KEY_FILE", "STARCAMPUS_AUTHORIZED_KEYS", "STARCAMPUS_FILE_ACCESS")


def _refuse_foreign_as(args: argparse.Namespace) -> int | None:
    """``--as`` someone else: only the database's service account or root, checked before the
    database is opened (``serve`` included). The exit code if refused."""
    from workflow.clock import trust_environment
    from workflow.connection import ConfigError, resolve_db_target
    from workflow.errors import PermissionDenied
    from workflow.identity import check_as, may_speak_for_others

    try:
        target = resolve_db_target(args.db)
        check_as(args.as_user, target)
        trusted = may_speak_for_others(target)
        trust_environment(trusted)
        if not trusted:
            # Where the seal key, the key file and file modes come from decides what others can check
            # or read later: only those who own the database may move them.
            for name in UNTRUSTED_OVERRIDES:
                os.environ.pop(name, None)
    except (PermissionDenied, ConfigError) as exc:  # ConfigError: a config file others may read
        err(exc.message(language()))
        return EXIT_REFUSED
    return None


def _actor(args: argparse.Namespace) -> Actor:
    from tui.verbs.next_step import command_line
    from workflow.doors.users import actor_for, os_login
    from workflow.errors import NotFound
    from workflow.identity import unknown_user

    # --as was vetted by _refuse_foreign_as; without it the real uid's account is the user.
    name = args.as_user or os_login()
    try:
        return actor_for(name)
    except NotFound:
        # Nobody registered yet, or not this name: the refusal says which, and what to run.
        raise unknown_user(name, command_line(args, "init")) from None


def _web_actor(args: argparse.Namespace) -> Actor:
    from pathlib import Path

    from workflow.doors.web_tokens import sign_in_with_ticket

    # Started by `serve` for one signed-in officer: the ticket's token, checked here, names them.
    return sign_in_with_ticket(Path(args.web_ticket))


def _open_app(args: argparse.Namespace, actor: Actor) -> int:
    # The dashboard's first read (its campaigns, heading and first page), as the actor was read: its
    # rows are then in the first frame (tui/dashboard_reads.py, issue 14).
    from tui.dashboard_reads import read_launch

    launch = read_launch(actor)
    # No fallback to a printed status: a TUI that cannot be imported is a broken install, said as such.
    from tui.app import run_app

    return run_app(actor, db=args.db, lang=args.lang, launch=launch)


# Each verb's handler as "module.function" of tui.verbs, imported when that verb runs: a launch of
# the app, or one verb, loads no other verb's module (each brings its own readers and writers).
# Bootstrap verbs take None for the actor; every other verb an Actor.
HANDLERS: dict[tuple[str, str | None], str] = {
    ("init", None): "setup.init",
    ("backup", None): "setup.backup",
    ("demo", "load"): "setup.demo",
    ("db", "migrate"): "setup.migrate",
    ("schools", "import"): "setup.schools_import",
    ("schools", "list"): "setup.schools_list",
    ("campaign", "create"): "campaign.create",
    ("campaign", "list"): "campaign.list_campaigns",
    ("campaign", "show"): "campaign.show",
    ("campaign", "advance"): "campaign.advance",
    ("campaign", "enrol"): "campaign.enrol_schools",
    ("campaign", "thresholds"): "campaign.thresholds",
    ("campaign", "set"): "campaign.settings",
    ("score", "set"): "school.score_set",
    ("score", "import"): "school.score_import",
    ("school", "advance"): "school.advance_school",
    ("school", "events"): "school.events",
    ("school", "show"): "school.show_school",
    ("status", None): "campaign.status",
    ("audit", "log"): "audit.log",
    ("audit", "verify"): "audit.verify",
    ("audit", "export"): "audit.export_log",
    ("audit", "init-key"): "audit.init_key",
    ("user", "add"): "setup.user_add",
    ("problem", "add"): "school.problem",
    ("problem", "status"): "school.problem",
    ("problem", "list"): "school.problem",
    ("narrative", "set"): "school.narrative",
    ("responsibility", "add"): "school.responsibility",
    ("verification", "add"): "school.verification",
    ("objection", "add"): "school.objection",
    ("objection", "resolve"): "school.objection",
    ("objection", "list"): "school.objection",
    ("veto", "set"): "school.veto",
    ("veto", "clear"): "school.veto",
    ("export", "notice"): "documents.export",  # documents.export: campaign.export, then --pdf
    ("export", "forms"): "documents.export",
    ("export", "publicity"): "documents.export",
    ("export", "workbook"): "campaign.export",
    ("export", "ledger"): "documents.export",
    ("export", "records"): "documents.export",
    ("report", "schools"): "campaign.report",
    ("report", "stars"): "campaign.report",
    ("report", "states"): "campaign.report",
    ("report", "scores"): "campaign.report",
    ("notice", "set"): "campaign.notice",
    ("notice", "show"): "documents.notice",  # campaign.notice, then the campaign facts
    ("user", "list"): "setup.user_list",
    ("user", "disable"): "setup.user_disable",
    ("user", "web-token"): "web.web_token",
    ("user", "enable"): "setup.user_enable",
    ("user", "rekey"): "setup.user_rekey",
}


def handler_for(verb: tuple[str, str | None]) -> Callable[[argparse.Namespace, Any], int] | None:
    """The function that runs ``verb``; None for a command line that names none.

    The rounds', analysis' and regions' own tables come first, as they were merged last into one
    table before; their modules are loaded already (tui.cli.build_parser adds their parsers)."""
    from tui.verbs import analysis, regions, rounds

    for routes in (regions.ROUTES, analysis.ROUTES, rounds.ROUTES):
        if verb in routes:
            found: Callable[[argparse.Namespace, Any], int] = routes[verb]
            return found
    name = HANDLERS.get(verb)
    if name is None:
        return None
    module, function = name.split(".")
    found = getattr(import_module(f"tui.verbs.{module}"), function)
    return found
