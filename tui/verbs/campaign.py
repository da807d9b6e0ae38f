"""Verbs for a campaign as a whole: create, phases, thresholds, status, reports, the notice, exports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tui.exit_codes import EXIT_OK, EXIT_USAGE
from tui.verbs.common import campaign_of, err, score_text, table
from tui.verbs.school import show_school

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.campaign_status import CampaignStatus


def create(args: argparse.Namespace, actor: Actor) -> int:
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


def list_campaigns(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_list

    rows = [[c.id, c.year, c.region, c.title, c.rubric_id, c.phase_label] for c in campaign_list(actor)]
    print(table(rows, ["#", "年度", "地区", "标题", "评分标准", "阶段"]))
    return EXIT_OK


def show(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_status

    c = campaign_status(actor, getattr(args, "campaign", None))
    print(f"#{c.campaign_id} {c.title}（{c.region} {c.year}，{c.rubric_id}）")
    rows = [["▶" if p.current else "", p.label, p.start, p.end] for p in c.phases]
    print(table(rows, ["", "阶段", "开始", "结束"]))
    return EXIT_OK


def advance(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.campaigns import advance_campaign, leftovers
    from workflow.declaration import phase
    from workflow.i18n import label

    before = campaign_of(args)
    left = leftovers(before)
    row = advance_campaign(actor, before.id)
    print(f"阶段已推进 / phase advanced: {label(phase(before.phase))} → {label(phase(row.phase))}")
    if left:
        print("各状态学校数 / schools per state: " + "，".join(f"{k} {v}" for k, v in left.items()))
    return EXIT_OK


def thresholds(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.errors import InvalidInput
    from workflow.recompute import change_thresholds

    wanted: dict[int, str] = {}
    for spec in args.set:
        level, sep, value = spec.partition("=")
        if not sep or not level.strip().isdigit():
            raise InvalidInput("err.invalid", where=f"--set {spec}", what="应为 LEVEL=SCORE / expected LEVEL=SCORE")
        wanted[int(level)] = value
    summary = change_thresholds(actor, campaign_of(args).id, wanted, reason=args.reason)
    print(f"已重算{summary.assessments}所学校：总分变化{summary.totals_changed}，星级变化{summary.levels_changed}，"
          f"已认定但按新线会变化{summary.settled_would_change}（需经年度复核调整）/ recomputed")
    return EXIT_OK


def enrol_schools(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.campaigns import enrol

    c = campaign_of(args)
    n = enrol(actor, c.id, args.codes or None)
    print(f"新增参评学校{n}所 / {n} schools enrolled")
    return EXIT_OK


def status(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_status

    fmt = getattr(args, "format", "grid")
    c = campaign_status(actor, getattr(args, "campaign", None), with_schools=True)
    print(f"#{c.campaign_id} {c.title}")
    print(table([[s.label, s.count] for s in c.states if s.count], ["状态 / state", "学校数 / schools"], fmt))
    print(table([[s.name, s.count] for s in c.stars],
                 ["星级 / star" + ("（含暂定）" if c.stars_provisional else ""), "学校数 / schools"], fmt))
    print(_school_table(c, fmt))
    if c.stars_provisional:
        print("* 暂定：评分标准部分内容尚未与官方文件核对 / provisional rubric parts")
    return EXIT_OK


def _school_table(c: CampaignStatus, fmt: str) -> str:
    from workflow.guards import state_label

    rows = [[r.code, r.name, r.township, state_label(r.state), score_text(r.self_total), score_text(r.verified_total),
             (c.star_names.get(r.star_level, "") if r.star_level else "") + ("*" if r.provisional and r.star_level else "")]
            for r in c.schools]
    return table(rows, ["代码", "学校", "乡镇", "状态", "自评", "核定", "星级"], fmt)


def report(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_status

    if args.action == "scores":
        if not args.school:
            err("report scores 需要 --school / needs --school")
            return EXIT_USAGE
        return show_school(args, actor, fmt=args.format)
    c = campaign_status(actor, args.campaign, with_schools=args.action == "schools")
    if args.action == "schools":
        print(_school_table(c, args.format))
    elif args.action == "stars":
        rows = [[s.name, score_text(s.threshold), s.count] for s in c.stars]
        print(table(rows, ["星级 / star", "分数线 / threshold", "学校数 / schools"], args.format))
    else:
        print(table([[s.label, s.count] for s in c.states], ["状态 / state", "学校数 / schools"], args.format))
    return EXIT_OK


def notice(args: argparse.Namespace, actor: Actor) -> int:
    from exports.gather import notice_input
    from workflow.notice_texts import set_notice_text
    from workflow.reads.scope import reader_scope

    c = campaign_of(args)
    if args.action == "set":
        if not args.key or args.text is None:
            err("notice set KEY TEXT")
            return EXIT_USAGE
        text = Path(args.text[1:]).read_text(encoding="utf-8") if args.text.startswith("@") else args.text
        set_notice_text(actor, c.id, args.key, text)
        print(f"已保存 / saved: {args.key}")
        return EXIT_OK
    reader_scope(actor)  # the notice draft is for anyone who may read
    data = notice_input(c)
    print(data.title)
    print(data.basis)
    for section in data.requirements:
        print(f"· {section.heading}。{section.text}")
    return EXIT_OK


def export(args: argparse.Namespace, actor: Actor) -> int:
    from tui.export_jobs import run_export

    target = run_export(actor, args.action, args.output, campaign_id=args.campaign, order=args.order,
                        schools=args.school, force=bool(getattr(args, "force", False)))
    print(f"已导出 / exported: {target}")
    return EXIT_OK

