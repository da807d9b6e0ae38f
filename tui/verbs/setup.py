"""Verbs that set the system up: rubrics, the school register, users, init, demo, backup."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.exit_codes import EXIT_OK, EXIT_REFUSED
from tui.verbs.common import err, score_text, table

if TYPE_CHECKING:
    from workflow.permissions import Actor


def rubric_verb(args: argparse.Namespace) -> int:
    from rubrics.loader import builtin_ids, load_rubric, resolve_rubric

    if args.action == "list":
        for rid in builtin_ids():
            r = resolve_rubric(rid)
            print(f"{rid}\t{r.name}\t{'（含暂定内容 / provisional parts）' if r.is_provisional else ''}")
        return EXIT_OK
    if args.action == "import":
        return rubric_import(args)
    if args.action == "check":
        r = load_rubric(args.file)
        print(f"✓ {args.file}: {r.id} {r.name} — {len(r.leaves())} 个末级指标 / leaves, "
              f"满分 / max {score_text(r.max_total())}")
        return EXIT_OK
    r = resolve_rubric(args.id)
    rows: list[list[Any]] = []

    def walk(items: Any, depth: int) -> None:
        for ind in items:
            pts = score_text(ind.points.base) + (f"+{score_text(ind.points.extension)}" if ind.points.extension else "")
            rows.append([ind.code, "  " * depth + ind.name, pts, "暂定" if ind.provisional else ""])
            walk(ind.children, depth + 1)

    walk(r.indicators, 0)
    if r.bonus:
        rows.append(["", f"奖励加分（上限{score_text(r.bonus.cap)}）", "", ""])
        walk(r.bonus.items, 1)
    print(f"{r.name}（{r.id}，{r.region}，{r.version}）")
    print(table(rows, ["代码", "指标", "分值", "来源"]))
    stars = [[s.level, s.name_zh, score_text(s.threshold), s.authority, "暂定" if s.provisional else ""]
             for s in r.star_levels]
    print(table(stars, ["星级", "名称", "分数线", "认定", "来源"]))
    return EXIT_OK


def rubric_import(args: argparse.Namespace) -> int:
    from rubrics.importing import write_imported
    from workflow.errors import WorkflowError
    from workflow.outputs import checked_output

    try:  # never onto the database, the seal key or authorized_keys (existing files: write_imported's --force)
        checked_output(args.output, force=True)
    except WorkflowError as exc:
        err(f"拒绝 / refused: {exc}")
        return EXIT_REFUSED
    r = write_imported(args.file, args.output, force=args.force, rubric_id=args.rubric_id, name=args.name,
                       region=args.region, version=args.rubric_version, issued=args.issued, like=args.like,
                       stars=args.star, sheet=args.sheet, table=args.table)
    print(f"✓ {args.output}: {r.id} {r.name} — {len(r.indicators)} 个一级指标 / first-level, "
          f"{len(r.leaves())} 个末级指标 / leaves, 满分 / max {score_text(r.max_total())}")
    print(f"请校验 / check it: starcampus rubric check {args.output}")
    return EXIT_OK


def backup(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.maintenance import backup_database

    target = backup_database(actor, args.path, force=bool(getattr(args, "force", False)))
    print(f"已备份到 / backed up to {target}")
    return EXIT_OK


def init(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.maintenance import has_users
    from workflow.users import add_user, os_login

    if has_users():
        print("数据库已初始化 / already initialised")
        return EXIT_OK
    name = args.as_user or os_login()
    add_user(None, name, "admin")
    print(f"已创建管理员 {name} / created admin {name}")
    return EXIT_OK


def demo(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.demo import load_demo
    from workflow.maintenance import is_empty

    if not is_empty():
        err("演示数据只能写入空数据库 / the demo loads into an empty database only")
        return EXIT_REFUSED
    cid = load_demo()
    print(f"已写入演示评定 #{cid}：泾源县2023年，13所学校 / demo campaign #{cid} loaded")
    return EXIT_OK


def migrate(args: argparse.Namespace, actor: Actor | None) -> int:
    from workflow.maintenance import schema_version
    from workflow.permissions import require

    if actor is not None:  # not the database's owner: an administrator's job
        require(actor, "database.manage")
    print(f"数据库结构版本 / schema version {schema_version()}")
    return EXIT_OK


def schools_import(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.schools import import_schools, parse_school_file

    rows = parse_school_file(args.file, sheet=args.sheet)
    added, updated = import_schools(actor, rows, source=str(args.file))
    print(f"导入完成：新增{added}所，更新{updated}所 / imported: {added} added, {updated} updated")
    return EXIT_OK


def schools_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.registers import school_register

    rows = [[s.code, s.name, s.township, s.stage] for s in school_register(actor)]
    print(table(rows, ["学校代码", "学校名称", "乡镇", "学段"]))
    return EXIT_OK


def _program() -> str:
    # The forced command names this very program when it is the installed script.
    return str(Path(sys.argv[0]).resolve()) if Path(sys.argv[0]).name == "starcampus" else "starcampus"


def user_add(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.connection import resolve_db_target
    from workflow.users import add_user

    add_user(actor, args.name, args.role, school_code=args.school, key=args.key, display_name=args.display_name,
             keys_file=Path(args.authorized_keys) if args.authorized_keys else None,
             program=_program(), db=resolve_db_target(args.db), color=args.user_color)
    print(f"已添加用户 / user added: {args.name} ({args.role})")
    return EXIT_OK


def user_enable(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.users import enable_user

    enable_user(actor, args.name)
    print(f"已恢复 / enabled: {args.name}")
    return EXIT_OK


def user_rekey(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.connection import resolve_db_target
    from workflow.users import rekey_user

    rekey_user(actor, args.name, args.key, keys_file=Path(args.authorized_keys) if args.authorized_keys else None,
               program=_program(), db=resolve_db_target(args.db), color=args.user_color)
    print(f"已更换公钥 / key replaced: {args.name}")
    return EXIT_OK


def user_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.registers import user_list as users

    rows = [[u.name, u.display_name, u.role, u.school_code, "停用" if u.disabled else ""] for u in users(actor)]
    print(table(rows, ["用户", "姓名", "角色", "学校", ""]))
    return EXIT_OK


def user_disable(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.users import disable_user

    disable_user(actor, args.name, keys_file=Path(args.authorized_keys) if args.authorized_keys else None)
    print(f"已停用 / disabled: {args.name}")
    return EXIT_OK

