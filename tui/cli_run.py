"""Running one CLI verb against the core. Refusals print their reason and exit 1."""

from __future__ import annotations

import argparse
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from tui.cli import EXIT_OK, EXIT_REFUSED, EXIT_USAGE

NO_ACTOR = {("rubric", "check"), ("rubric", "show"), ("rubric", "list"), ("audit", "verify"), ("audit", "log"), ("audit", "export"),
            ("status", None), ("school", "show"), ("campaign", "show"), ("campaign", "list"),
            ("schools", "list"), ("db", "migrate"), ("backup", None),
            ("report", "schools"), ("report", "stars"), ("report", "states"), ("report", "scores"), ("notice", "show"), ("problem", "list"), ("objection", "list"), ("init", None), ("demo", "load"), ("user", "list")}


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from rubrics.errors import RubricError
    from workflow.errors import WorkflowError
    from workflow.i18n import set_language

    set_language(args.lang)
    command, action = args.command, getattr(args, "action", None)
    if command == "rubric":
        try:
            return _rubric(args)
        except RubricError as exc:
            _err(str(exc))
            return EXIT_REFUSED
    if command == "serve":
        from tui.serve import serve

        return serve(host=args.host, port=args.port, allow_remote=args.allow_remote, db=args.db,
                     as_user=args.as_user, lang=args.lang)
    from models.db import close_database, open_database

    try:
        open_database(args.db)
    except Exception as exc:  # noqa: BLE001 - any failure to open is reported plainly
        _err(f"无法打开数据库 / cannot open the database: {exc}")
        return EXIT_REFUSED
    try:
        if command is None:
            actor = _actor(args)
            return _open_app(args, actor)
        actor = None if (command, action) in NO_ACTOR else _actor(args)
        handler = HANDLERS.get((command, action))
        if handler is None:
            parser.print_usage(sys.stderr)
            return EXIT_USAGE
        return handler(args, actor)
    except (WorkflowError, RubricError) as exc:
        _err(f"拒绝 / refused: {exc}" if isinstance(exc, WorkflowError) else str(exc))
        return EXIT_REFUSED
    finally:
        close_database()


def _actor(args: argparse.Namespace) -> Any:
    from workflow.errors import PermissionDenied
    from workflow.users import actor_for, os_login

    login = os_login()
    wanted = args.as_user or login
    if args.as_user and args.as_user != login and not os.environ.get("SSH_CONNECTION"):
        # Locally, only an admin may act as someone else; over SSH the forced command sets --as.
        local = actor_for(login)
        if local.role != "admin":
            raise PermissionDenied("err.permission", role=local.role, action="--as")
    return actor_for(wanted)


def _open_app(args: argparse.Namespace, actor: Any) -> int:
    try:
        from tui.app import run_app
    except ImportError:
        return _status(args, actor)
    return run_app(actor, db=args.db, lang=args.lang)


def _table(rows: list[list[Any]], headers: list[str], fmt: str = "grid") -> str:
    from exports.tables import render_table

    return render_table(rows, headers, fmt)


def _fmt(value: Decimal | None) -> str:
    from rubrics.scoring import format_score

    return "" if value is None else format_score(value)


def _campaign(args: argparse.Namespace) -> Any:
    from workflow.door import load_campaign

    return load_campaign(getattr(args, "campaign", None))


def _assessment_id(args: argparse.Namespace, campaign: Any) -> int:
    from workflow.errors import NotFound
    from workflow.i18n import t
    from workflow.queries import find_assessment

    row = find_assessment(campaign.id, args.school)
    if row is None:
        raise NotFound("err.not_found", what=t("word.school"), key=args.school)
    return int(row.id)


# --- verbs ---------------------------------------------------------------------------------

def _rubric(args: argparse.Namespace) -> int:
    from rubrics.loader import builtin_ids, load_rubric, resolve_rubric

    if args.action == "list":
        for rid in builtin_ids():
            r = resolve_rubric(rid)
            print(f"{rid}\t{r.name}\t{'（含暂定内容 / provisional parts）' if r.is_provisional else ''}")
        return EXIT_OK
    if args.action == "import":
        return _rubric_import(args)
    if args.action == "check":
        r = load_rubric(args.file)
        print(f"✓ {args.file}: {r.id} {r.name} — {len(r.leaves())} 个末级指标 / leaves, "
              f"满分 / max {_fmt(r.max_total())}")
        return EXIT_OK
    r = resolve_rubric(args.id)
    rows: list[list[Any]] = []

    def walk(items: Any, depth: int) -> None:
        for ind in items:
            pts = _fmt(ind.points.base) + (f"+{_fmt(ind.points.extension)}" if ind.points.extension else "")
            rows.append([ind.code, "  " * depth + ind.name, pts, "暂定" if ind.provisional else ""])
            walk(ind.children, depth + 1)

    walk(r.indicators, 0)
    if r.bonus:
        rows.append(["", f"奖励加分（上限{_fmt(r.bonus.cap)}）", "", ""])
        walk(r.bonus.items, 1)
    print(f"{r.name}（{r.id}，{r.region}，{r.version}）")
    print(_table(rows, ["代码", "指标", "分值", "来源"]))
    stars = [[s.level, s.name_zh, _fmt(s.threshold), s.authority, "暂定" if s.provisional else ""]
             for s in r.star_levels]
    print(_table(stars, ["星级", "名称", "分数线", "认定", "来源"]))
    return EXIT_OK


def _rubric_import(args: argparse.Namespace) -> int:
    from rubrics.importing import write_imported

    r = write_imported(args.file, args.output, force=args.force, rubric_id=args.rubric_id, name=args.name,
                       region=args.region, version=args.rubric_version, issued=args.issued, like=args.like,
                       stars=args.star, sheet=args.sheet, table=args.table)
    print(f"✓ {args.output}: {r.id} {r.name} — {len(r.indicators)} 个一级指标 / first-level, "
          f"{len(r.leaves())} 个末级指标 / leaves, 满分 / max {_fmt(r.max_total())}")
    print(f"请校验 / check it: starcampus rubric check {args.output}")
    return EXIT_OK


def _backup(args: argparse.Namespace, actor: Any) -> int:
    from models.backup import BackupError, backup_sqlite

    try:
        target = backup_sqlite(args.path)
    except (BackupError, OSError) as exc:
        _err(f"备份失败 / backup failed: {exc}")
        return EXIT_REFUSED
    print(f"已备份到 / backed up to {target}")
    return EXIT_OK


def _init(args: argparse.Namespace, actor: Any) -> int:
    from models.schema import User
    from workflow.users import add_user, os_login

    if User.select().exists():
        print("数据库已初始化 / already initialised")
        return EXIT_OK
    name = args.as_user or os_login()
    add_user(None, name, "admin")
    print(f"已创建管理员 {name} / created admin {name}")
    return EXIT_OK


def _demo(args: argparse.Namespace, actor: Any) -> int:
    from models.schema import Campaign, User
    from workflow.demo import load_demo

    if User.select().exists() or Campaign.select().exists():
        _err("演示数据只能写入空数据库 / the demo loads into an empty database only")
        return EXIT_REFUSED
    cid = load_demo()
    print(f"已写入演示评定 #{cid}：泾源县2023年，13所学校 / demo campaign #{cid} loaded")
    return EXIT_OK


def _migrate(args: argparse.Namespace, actor: Any) -> int:
    from models.migrations import CURRENT_VERSION

    print(f"数据库结构版本 / schema version {CURRENT_VERSION}")
    return EXIT_OK


def _schools_import(args: argparse.Namespace, actor: Any) -> int:
    from workflow.schools import import_schools, parse_school_file

    rows = parse_school_file(args.file, sheet=args.sheet)
    added, updated = import_schools(actor, rows, source=str(args.file))
    print(f"导入完成：新增{added}所，更新{updated}所 / imported: {added} added, {updated} updated")
    return EXIT_OK


def _schools_list(args: argparse.Namespace, actor: Any) -> int:
    from models.schema import School

    rows = [[s.code, s.name, s.township, s.stage] for s in School.select().order_by(School.display_order, School.code)]
    print(_table(rows, ["学校代码", "学校名称", "乡镇", "学段"]))
    return EXIT_OK


def _campaign_create(args: argparse.Namespace, actor: Any) -> int:
    from workflow.campaigns import create_campaign, enrol
    from workflow.errors import InvalidInput

    windows: dict[str, tuple[str, str]] = {}
    for spec in args.window:
        name, sep, span = spec.partition("=")
        start, dots, end = span.partition("..")
        if not sep or not dots:
            raise InvalidInput("err.invalid", where=f"--window {spec}", what="应为 PHASE=START..END / expected PHASE=START..END")
        windows[name.strip()] = (start.strip(), end.strip())
    row = create_campaign(actor, year=args.year, region=args.region, title=args.title, rubric=args.rubric,
                          windows=windows, organ=args.organ, publicity_days=args.publicity_days)
    print(f"已创建评定工作 #{row.id}：{row.title} / campaign #{row.id} created")
    if args.enrol_all:
        print(f"参评学校 / enrolled: {enrol(actor, row.id)}")
    return EXIT_OK


def _campaign_list(args: argparse.Namespace, actor: Any) -> int:
    from workflow.declaration import phase
    from workflow.i18n import label
    from workflow.queries import campaigns

    rows = [[c.id, c.year, c.region, c.title, c.rubric_id, label(phase(c.phase))] for c in campaigns()]
    print(_table(rows, ["#", "年度", "地区", "标题", "评分标准", "阶段"]))
    return EXIT_OK


def _campaign_show(args: argparse.Namespace, actor: Any) -> int:
    from workflow.campaigns import campaign_windows
    from workflow.declaration import PHASES
    from workflow.i18n import label

    c = _campaign(args)
    print(f"#{c.id} {c.title}（{c.region} {c.year}，{c.rubric_id}）")
    windows = campaign_windows(c)
    rows = [["▶" if p["name"] == c.phase else "", label(p), windows[p["name"]][0], windows[p["name"]][1]]
            for p in PHASES]
    print(_table(rows, ["", "阶段", "开始", "结束"]))
    return EXIT_OK


def _campaign_advance(args: argparse.Namespace, actor: Any) -> int:
    from workflow.campaigns import advance_campaign, leftovers
    from workflow.declaration import phase
    from workflow.i18n import label

    before = _campaign(args)
    left = leftovers(before)
    row = advance_campaign(actor, before.id)
    print(f"阶段已推进 / phase advanced: {label(phase(before.phase))} → {label(phase(row.phase))}")
    if left:
        print("各状态学校数 / schools per state: " + "，".join(f"{k} {v}" for k, v in left.items()))
    return EXIT_OK


def _campaign_thresholds(args: argparse.Namespace, actor: Any) -> int:
    from workflow.errors import InvalidInput
    from workflow.recompute import change_thresholds

    wanted: dict[int, str] = {}
    for spec in args.set:
        level, sep, value = spec.partition("=")
        if not sep or not level.strip().isdigit():
            raise InvalidInput("err.invalid", where=f"--set {spec}", what="应为 LEVEL=SCORE / expected LEVEL=SCORE")
        wanted[int(level)] = value
    summary = change_thresholds(actor, _campaign(args).id, wanted, reason=args.reason)
    print(f"已重算{summary.assessments}所学校：总分变化{summary.totals_changed}，星级变化{summary.levels_changed}，"
          f"已认定但按新线会变化{summary.settled_would_change}（需经年度复核调整）/ recomputed")
    return EXIT_OK


def _campaign_enrol(args: argparse.Namespace, actor: Any) -> int:
    from workflow.campaigns import enrol

    c = _campaign(args)
    n = enrol(actor, c.id, args.codes or None)
    print(f"新增参评学校{n}所 / {n} schools enrolled")
    return EXIT_OK


def _score_set(args: argparse.Namespace, actor: Any) -> int:
    from workflow.scores import set_score

    c = _campaign(args)
    row = set_score(actor, _assessment_id(args, c), args.indicator, args.value, kind=args.kind,
                    evidence=args.evidence)
    from rubrics.scoring import parse_score

    total = row.self_total if args.kind == "self" else row.verified_total
    print(f"已保存 / saved: {args.school} {args.indicator} = {_fmt(parse_score(args.value))}（合计 / total {_fmt(total)}）")
    return EXIT_OK


def _score_import(args: argparse.Namespace, actor: Any) -> int:
    from workflow.score_import import import_scores

    c = _campaign(args)
    count, schools = import_scores(actor, c.id, Path(args.file), kind=args.kind)
    print(f"导入完成：{schools}所学校，{count}个分值 / imported {count} scores for {schools} schools")
    return EXIT_OK


def _school_advance(args: argparse.Namespace, actor: Any) -> int:
    from workflow.events import fire
    from workflow.guards import state_label

    c = _campaign(args)
    aid = _assessment_id(args, c)
    row = fire(actor, aid, args.event, reason=args.reason)
    print(f"{row.school.name}：{state_label(row.state)}")
    return EXIT_OK


def _school_events(args: argparse.Namespace, actor: Any) -> int:
    from workflow.events import options

    c = _campaign(args)
    rows = [[o.trigger, o.label, "✓" if o.allowed else "✗", o.reason] for o in options(actor, _assessment_id(args, c))]
    print(_table(rows, ["event", "操作", "", "原因 / reason"]))
    return EXIT_OK


def _school_show(args: argparse.Namespace, actor: Any, fmt: str = "grid") -> int:
    from rubrics.scoring import gap_text
    from workflow.guards import state_label
    from workflow.i18n import language
    from workflow.queries import detail

    c = _campaign(args)
    d = detail(_assessment_id(args, c))
    a = d.assessment
    print(f"{d.school.code} {d.school.name}（{d.school.township}，{d.school.stage}）— {state_label(a.state)}")
    rows: list[list[Any]] = []

    def walk(items: Any, depth: int) -> None:
        for ind in items:
            mine, ver = d.self_result.subtotals.get(ind.code), d.verified_result.subtotals.get(ind.code)
            rows.append([ind.code, "  " * depth + ind.name, _fmt(ind.max_score), _fmt(mine), _fmt(ver)])
            walk(ind.children, depth + 1)

    walk(d.rubric.indicators, 0)
    print(_table(rows, ["代码", "指标", "满分", "自评", "核定"], fmt))
    star = d.verified_result.star
    print(f"自评 {_fmt(a.self_total)} · 核定 {_fmt(a.verified_total)} · "
          f"{star.name_zh if star else '未达星级'}{'（暂定标准）' if a.provisional else ''} · "
          f"{gap_text(d.verified_result, language())}")
    return EXIT_OK


def _status(args: argparse.Namespace, actor: Any) -> int:
    from workflow.queries import star_counts, state_counts

    fmt = getattr(args, "format", "grid")
    c = _campaign(args)
    print(f"#{c.id} {c.title}")
    print(_table([[lbl, n] for _s, lbl, n in state_counts(c.id) if n], ["状态 / state", "学校数 / schools"], fmt))
    stars = star_counts(c.id)
    provisional = any(s.provisional for s, n in stars if s is not None and n)
    print(_table([[s.name_zh if s else "未达星级", n] for s, n in stars],
                 ["星级 / star" + ("（含暂定）" if provisional else ""), "学校数 / schools"], fmt))
    _status_schools(args)
    if provisional:
        print("* 暂定：评分标准部分内容尚未与官方文件核对 / provisional rubric parts")
    return EXIT_OK


def _audit_log(args: argparse.Namespace, actor: Any) -> int:
    from workflow.guards import state_label
    from workflow.queries import audit_events

    def move(e: Any) -> str:
        if not e.to_state or e.from_state == e.to_state:
            return ""
        try:
            return f"{state_label(e.from_state) if e.from_state else ''}→{state_label(e.to_state)}"
        except KeyError:  # campaign phases and other non-school states
            return f"{e.from_state}→{e.to_state}"

    rows = [[e.seq, e.at.replace("T", " ")[:19], e.actor, e.action, e.school_code, move(e), e.reason[:40]]
            for e in audit_events(actor=args.actor, school_code=args.school, limit=args.limit)]
    print(_table(rows, ["#", "时间", "用户", "操作", "学校", "状态", "理由"], args.format))
    return EXIT_OK


def _audit_init_key(args: argparse.Namespace, actor: Any) -> int:
    from workflow.audit import create_key, key_path
    from workflow.permissions import require

    require(actor, "user.manage")  # the same officers who hand out SSH keys
    existed = key_path().exists()
    path = create_key()
    print(f"{'已有' if existed else '已生成'}封印密钥 / seal key {'kept' if existed else 'created'}: {path}"
          "（请妥善备份；丢失后旧记录的封印无法再校验 / back it up: without it old seals can't be checked）")
    return EXIT_OK


def _audit_export(args: argparse.Namespace, actor: Any) -> int:
    import csv

    from exports.atomic import atomic_target
    from models.schema import AuditEvent
    from workflow.audit import FIELDS

    target = Path(args.output)
    with atomic_target(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)  # the BOM makes Excel open it as UTF-8
        writer.writerow([*FIELDS, "hash", "seal"])
        for row in AuditEvent.select().order_by(AuditEvent.seq).dicts().iterator():
            writer.writerow([row[f] for f in FIELDS] + [row["hash"], row["seal"]])
    print(f"已导出 / exported: {target}")
    return EXIT_OK


def _audit_verify(args: argparse.Namespace, actor: Any) -> int:
    from workflow.audit import verify_chain
    from workflow.i18n import language

    report = verify_chain()
    print(report.message(language()), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_REFUSED


def _export(args: argparse.Namespace, actor: Any) -> int:
    from tui.export_jobs import run_export

    target = run_export(actor, args.action, args.output, campaign_id=args.campaign, order=args.order,
                        schools=args.school)
    print(f"已导出 / exported: {target}")
    return EXIT_OK


def _report(args: argparse.Namespace, actor: Any) -> int:
    if args.action == "schools":
        return _status_schools(args)
    from workflow.queries import star_counts, state_counts

    c = _campaign(args)
    if args.action == "stars":
        rows = [[s.name_zh if s else "未达星级", _fmt(s.threshold) if s else "", n] for s, n in star_counts(c.id)]
        print(_table(rows, ["星级 / star", "分数线 / threshold", "学校数 / schools"], args.format))
    elif args.action == "states":
        print(_table([[lbl, n] for _s, lbl, n in state_counts(c.id)], ["状态 / state", "学校数 / schools"],
                     args.format))
    else:
        if not args.school:
            _err("report scores 需要 --school / needs --school")
            return EXIT_USAGE
        return _school_show(args, actor, fmt=args.format)
    return EXIT_OK


def _status_schools(args: argparse.Namespace) -> int:
    from workflow.guards import state_label
    from workflow.queries import school_rows, star_counts

    c = _campaign(args)
    names = {s.level: s.name_zh for s, _n in star_counts(c.id) if s is not None}
    rows = [[r.code, r.name, r.township, state_label(r.state), _fmt(r.self_total), _fmt(r.verified_total),
             (names.get(r.star_level, "") if r.star_level else "") + ("*" if r.provisional and r.star_level else "")]
            for r in school_rows(c.id, limit=1_000_000)]
    print(_table(rows, ["代码", "学校", "乡镇", "状态", "自评", "核定", "星级"], getattr(args, "format", "grid")))
    return EXIT_OK


def _notice(args: argparse.Namespace, actor: Any) -> int:
    from exports.gather import notice_input
    from workflow.notice_texts import set_notice_text

    c = _campaign(args)
    if args.action == "set":
        if not args.key or args.text is None:
            _err("notice set KEY TEXT")
            return EXIT_USAGE
        text = Path(args.text[1:]).read_text(encoding="utf-8") if args.text.startswith("@") else args.text
        set_notice_text(actor, c.id, args.key, text)
        print(f"已保存 / saved: {args.key}")
        return EXIT_OK
    data = notice_input(c)
    print(data.title)
    print(data.basis)
    for section in data.requirements:
        print(f"· {section.heading}。{section.text}")
    return EXIT_OK


def _text_arg(value: str) -> str:
    return Path(value[1:]).read_text(encoding="utf-8") if value.startswith("@") else value


def _problem(args: argparse.Namespace, actor: Any) -> int:
    from workflow.records import add_problem, set_problem_status

    if args.action == "add":
        item = add_problem(actor, _assessment_id(args, _campaign(args)), args.text, responsible=args.responsible,
                           deadline=args.deadline)
        print(f"已登记问题 #{item.id} / problem #{item.id} added")
    elif args.action == "status":
        set_problem_status(actor, args.id, args.status)
        print(f"问题 #{args.id}：{args.status}")
    else:
        from models.schema import Problem

        rows = [[p.id, p.text[:40], p.responsible, p.deadline or "", p.status]
                for p in Problem.select().where(Problem.assessment == _assessment_id(args, _campaign(args)))
                .order_by(Problem.id)]
        print(_table(rows, ["#", "问题", "责任人", "整改期限", "状态"]))
    return EXIT_OK


def _narrative(args: argparse.Namespace, actor: Any) -> int:
    from workflow.records import set_narrative

    set_narrative(actor, _assessment_id(args, _campaign(args)), args.kind, _text_arg(args.text))
    print(f"已保存 / saved: {args.school} {args.kind}")
    return EXIT_OK


def _responsibility(args: argparse.Namespace, actor: Any) -> int:
    from workflow.records import add_responsibility

    add_responsibility(actor, _assessment_id(args, _campaign(args)), args.person, duty=args.duty,
                       indicator_code=args.indicator)
    print(f"已登记 / added: {args.person}")
    return EXIT_OK


def _verification(args: argparse.Namespace, actor: Any) -> int:
    from workflow.records import record_verification

    record_verification(actor, _assessment_id(args, _campaign(args)), experts=args.experts, visited_on=args.date,
                        methods=args.method, findings=_text_arg(args.findings))
    print(f"已记录核定 / verification recorded: {args.school} {args.date}")
    return EXIT_OK


def _objection(args: argparse.Namespace, actor: Any) -> int:
    from workflow.records import raise_objection, resolve_objection

    if args.action == "add":
        item = raise_objection(actor, _assessment_id(args, _campaign(args)), raised_by=args.by, text=args.text)
        print(f"已登记异议 #{item.id} / objection #{item.id} registered")
    elif args.action == "resolve":
        resolve_objection(actor, args.id, upheld=args.uphold, resolution=args.resolution)
        print(f"异议 #{args.id}：{'成立，退回重新核定 / upheld' if args.uphold else '驳回 / dismissed'}")
    else:
        from models.schema import Assessment, Objection, School

        c = _campaign(args)
        rows = [[o.id, o.assessment.school.code, o.assessment.school.name, o.raised_by, o.text[:30], o.status,
                 o.resolution[:30]]
                for o in Objection.select(Objection, Assessment, School).join(Assessment).join(School)
                .where(Assessment.campaign == c.id).order_by(Objection.id)]
        print(_table(rows, ["#", "代码", "学校", "异议人", "内容", "状态", "处理意见"]))
    return EXIT_OK


def _veto(args: argparse.Namespace, actor: Any) -> int:
    from workflow.scores import set_veto

    row = set_veto(actor, _assessment_id(args, _campaign(args)), args.code, args.action == "set", reason=args.reason)
    print(f"{args.school}：一票否决 / vetoes = {row.vetoes or '—'}")
    return EXIT_OK


def _user_add(args: argparse.Namespace, actor: Any) -> int:
    from models.db import resolve_db_target
    from workflow.users import add_user

    add_user(actor, args.name, args.role, school_code=args.school, key=args.key, display_name=args.display_name,
             keys_file=Path(args.authorized_keys) if args.authorized_keys else None,
             program=str(Path(sys.argv[0]).resolve()) if Path(sys.argv[0]).name == "starcampus" else "starcampus",
             db=resolve_db_target(args.db))
    print(f"已添加用户 / user added: {args.name} ({args.role})")
    return EXIT_OK


def _user_list(args: argparse.Namespace, actor: Any) -> int:
    from peewee import JOIN

    from models.schema import School, User

    rows = [[u.name, u.display_name, u.role, u.school.code if u.school_id else "", "停用" if u.disabled else ""]
            for u in User.select(User, School).join(School, join_type=JOIN.LEFT_OUTER).order_by(User.name)]
    print(_table(rows, ["用户", "姓名", "角色", "学校", ""]))
    return EXIT_OK


def _user_disable(args: argparse.Namespace, actor: Any) -> int:
    from workflow.users import disable_user

    disable_user(actor, args.name, keys_file=Path(args.authorized_keys) if args.authorized_keys else None)
    print(f"已停用 / disabled: {args.name}")
    return EXIT_OK


HANDLERS = {
    ("init", None): _init,
    ("backup", None): _backup,
    ("demo", "load"): _demo,
    ("db", "migrate"): _migrate,
    ("schools", "import"): _schools_import,
    ("schools", "list"): _schools_list,
    ("campaign", "create"): _campaign_create,
    ("campaign", "list"): _campaign_list,
    ("campaign", "show"): _campaign_show,
    ("campaign", "advance"): _campaign_advance,
    ("campaign", "enrol"): _campaign_enrol,
    ("campaign", "thresholds"): _campaign_thresholds,
    ("score", "set"): _score_set,
    ("score", "import"): _score_import,
    ("school", "advance"): _school_advance,
    ("school", "events"): _school_events,
    ("school", "show"): _school_show,
    ("status", None): _status,
    ("audit", "log"): _audit_log,
    ("audit", "verify"): _audit_verify,
    ("audit", "export"): _audit_export,
    ("audit", "init-key"): _audit_init_key,
    ("user", "add"): _user_add,
    ("problem", "add"): _problem,
    ("problem", "status"): _problem,
    ("problem", "list"): _problem,
    ("narrative", "set"): _narrative,
    ("responsibility", "add"): _responsibility,
    ("verification", "add"): _verification,
    ("objection", "add"): _objection,
    ("objection", "resolve"): _objection,
    ("objection", "list"): _objection,
    ("veto", "set"): _veto,
    ("veto", "clear"): _veto,
    ("export", "notice"): _export,
    ("export", "forms"): _export,
    ("export", "publicity"): _export,
    ("export", "workbook"): _export,
    ("report", "schools"): _report,
    ("report", "stars"): _report,
    ("report", "states"): _report,
    ("report", "scores"): _report,
    ("notice", "set"): _notice,
    ("notice", "show"): _notice,
    ("user", "list"): _user_list,
    ("user", "disable"): _user_disable,
}
