"""Verbs that set the system up: rubrics, the school register, users, init, demo, backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tui.verbs.setup_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_REFUSED
from tui.verbs.common import err, refused, say, score_text, table
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor


def rubric_verb(args: argparse.Namespace) -> int:
    from rubrics.loader import builtin_ids, load_rubric, resolve_rubric

    if args.action == "list":
        for rid in builtin_ids():
            r = resolve_rubric(rid)
            print(f"{rid}\t{r.name}\t{t('cli.rubric.provisional') if r.is_provisional else ''}")
        return EXIT_OK
    if args.action == "import":
        return rubric_import(args)
    if args.action == "check":
        r = load_rubric(args.file)
        say("cli.rubric.checked", file=args.file, id=r.id, name=r.name, leaves=len(r.leaves()),
            max=score_text(r.max_total()))
        return EXIT_OK
    r = resolve_rubric(args.id)
    rows: list[list[Any]] = []

    def walk(items: Any, depth: int) -> None:
        for ind in items:
            pts = score_text(ind.points.base) + (f"+{score_text(ind.points.extension)}" if ind.points.extension else "")
            rows.append([ind.code, "  " * depth + ind.name, pts, _provisional(ind.provisional)])
            walk(ind.children, depth + 1)

    walk(r.indicators, 0)
    if r.bonus:
        rows.append(["", t("cli.rubric.bonus", cap=score_text(r.bonus.cap)), "", ""])
        walk(r.bonus.items, 1)
    say("cli.rubric.head", name=r.name, id=r.id, region=r.region, version=r.version)
    print(table(rows, _headers("cli.rubric.col.", "code", "indicator", "points", "source")))
    stars = [[s.level, s.name_zh, score_text(s.threshold), s.authority, _provisional(s.provisional)]
             for s in r.star_levels]
    print(table(stars, _headers("cli.rubric.col.", "level", "name", "threshold", "authority", "source")))
    return EXIT_OK


def _provisional(provisional: bool) -> str:
    return t("cli.rubric.provisional_mark") if provisional else ""


def _headers(prefix: str, *names: str) -> list[str]:
    return [t(prefix + name) for name in names]


def rubric_import(args: argparse.Namespace) -> int:
    from rubrics.importing import write_imported
    from workflow.errors import WorkflowError
    from workflow.outputs import checked_output

    try:  # never onto the database, the seal key or authorized_keys (existing files: write_imported's --force)
        checked_output(args.output, force=True)
    except WorkflowError as exc:
        err(refused(exc))
        return EXIT_REFUSED
    r = write_imported(args.file, args.output, force=args.force, rubric_id=args.rubric_id, name=args.name,
                       region=args.region, version=args.rubric_version, issued=args.issued, like=args.like,
                       stars=args.star, sheet=args.sheet, table=args.table)
    say("cli.rubric.imported", file=args.output, id=r.id, name=r.name, first=len(r.indicators),
        leaves=len(r.leaves()), max=score_text(r.max_total()))
    say("cli.rubric.check_it", command=f"starcampus rubric check {args.output}")
    return EXIT_OK


def backup(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.maintenance import backup_database

    target = backup_database(actor, args.path, force=bool(getattr(args, "force", False)))
    say("cli.backup.done", path=target)
    return EXIT_OK


def init(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.doors.maintenance import has_users
    from workflow.doors.users import add_user, os_login

    if has_users():
        say("cli.init.already")
        return EXIT_OK
    name = args.as_user or os_login()
    add_user(None, name, "admin")
    say("cli.init.admin", name=name)
    return EXIT_OK


def demo(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.doors.demo import load_demo
    from workflow.doors.maintenance import is_empty

    if not is_empty():
        err(t("cli.demo.not_empty"))
        return EXIT_REFUSED
    cid = load_demo()
    say("cli.demo.loaded", id=cid)
    return EXIT_OK


def migrate(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.doors.maintenance import schema_version
    from workflow.permissions import require

    if actor is not None:  # not the database's owner: an administrator's job
        require(actor, "database.manage")
    say("cli.migrate.version", version=schema_version())
    return EXIT_OK


def schools_import(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.schools import import_school_register, parse_school_file

    rows = parse_school_file(args.file, sheet=args.sheet)
    region = getattr(args, "region", None)
    done = import_school_register(actor, rows, source=str(args.file), region_code=region, own_orders=True)
    if not done.moved:
        say("cli.schools.imported", added=done.added, updated=done.updated, unchanged=done.unchanged,
            reordered=done.reordered)
        return EXIT_OK
    from workflow.permissions import region_label

    say("cli.schools.imported_moved", added=done.added, updated=done.updated, moved=done.moved,
        region=region_label((region or "").strip() or actor.region_code), unchanged=done.unchanged,
        reordered=done.reordered)
    return EXIT_OK


def schools_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.registers import school_register

    lines = school_register(actor)
    if len({s.region_code for s in lines}) > 1:  # schools of several regions (a city's, a province's): which is whose
        rows = [[s.code, s.name, f"{s.region_code} {s.region_name}".strip(), s.township, s.stage] for s in lines]
        print(table(rows, _headers("cli.schools.col.", "code", "name", "region", "township", "stage")))
        return EXIT_OK
    rows = [[s.code, s.name, s.township, s.stage] for s in lines]
    print(table(rows, _headers("cli.schools.col.", "code", "name", "township", "stage")))
    return EXIT_OK


def _program() -> str:
    # The forced command names this very program when it is the installed script.
    return str(Path(sys.argv[0]).resolve()) if Path(sys.argv[0]).name == "starcampus" else "starcampus"


def user_add(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.connection import resolve_db_target
    from workflow.doors.users import add_user

    add_user(actor, args.name, args.role, school_code=args.school, key=args.key, display_name=args.display_name,
             keys_file=Path(args.authorized_keys) if args.authorized_keys else None,
             program=_program(), db=resolve_db_target(args.db), color=args.user_color,
             region_code=getattr(args, "region", None))
    say("cli.user.added", name=args.name, role=t(f"role.{args.role}"))  # 管理员, not the stored "admin"
    return EXIT_OK


def user_enable(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.users import enable_user

    enable_user(actor, args.name)
    say("cli.user.enabled", name=args.name)
    return EXIT_OK


def user_rekey(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.connection import resolve_db_target
    from workflow.doors.users import rekey_user

    rekey_user(actor, args.name, args.key, keys_file=Path(args.authorized_keys) if args.authorized_keys else None,
               program=_program(), db=resolve_db_target(args.db), color=args.user_color)
    say("cli.user.rekeyed", name=args.name)
    return EXIT_OK


def user_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.registers import user_list as users

    rows = [[u.name, u.display_name, t(f"role.{u.role}"), u.school_code, u.region_code,
             t("cli.user.disabled_mark") if u.disabled else ""] for u in users(actor)]
    print(table(rows, _headers("cli.user.col.", "name", "display_name", "role", "school", "region", "state")))
    return EXIT_OK


def user_disable(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.users import disable_user

    disable_user(actor, args.name, keys_file=Path(args.authorized_keys) if args.authorized_keys else None)
    say("cli.user.disabled", name=args.name)
    return EXIT_OK

