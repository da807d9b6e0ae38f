"""Verbs for one school: scores, workflow events, detail, problems, narratives, visits, objections, vetoes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from tui.exit_codes import EXIT_OK
from tui.verbs.common import assessment_id_of, campaign_of, score_text, table, text_arg

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.school_sheet import SchoolSheet


def score_set(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.scores import set_score

    c = campaign_of(args)
    row = set_score(actor, assessment_id_of(args, c), args.indicator, args.value, kind=args.kind,
                    evidence=args.evidence)
    from rubrics.scoring import parse_score

    total = row.self_total if args.kind == "self" else row.verified_total
    print(f"已保存 / saved: {args.school} {args.indicator} = {score_text(parse_score(args.value))}（合计 / total {score_text(total)}）")
    return EXIT_OK


def score_import(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.score_import import import_scores

    c = campaign_of(args)
    count, schools = import_scores(actor, c.id, Path(args.file), kind=args.kind)
    print(f"导入完成：{schools}所学校，{count}个分值 / imported {count} scores for {schools} schools")
    return EXIT_OK


def advance_school(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.events import fire
    from workflow.guards import state_label

    c = campaign_of(args)
    aid = assessment_id_of(args, c)
    row = fire(actor, aid, args.event, reason=args.reason)
    print(f"{row.school.name}：{state_label(row.state)}")
    return EXIT_OK


def events(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.school_page import event_options

    c = campaign_of(args)
    rows = [[o.trigger, o.label, "✓" if o.allowed else "✗", o.reason]
            for o in event_options(actor, assessment_id_of(args, c))]
    print(table(rows, ["event", "操作", "", "原因 / reason"]))
    return EXIT_OK


def show_school(args: argparse.Namespace, actor: Actor, fmt: str = "grid") -> int:
    from workflow.reads.school_sheet import school_sheet

    sheet = school_sheet(actor, assessment_id_of(args, campaign_of(args)))
    print(render_sheet(sheet, fmt))
    return EXIT_OK


def render_sheet(sheet: SchoolSheet, fmt: str = "grid") -> str:
    """The sheet as text: head line, one table row per read-model row (bonus items last), totals."""
    from workflow.i18n import t
    from workflow.reads.school_sheet import score_cell

    head = f"{sheet.code} {sheet.name}（{sheet.township}，{sheet.stage}）— {sheet.state_label}"
    rows = [[r.code, "  " * r.depth + r.name, r.points, r.self_text, r.verified_text] for r in sheet.rows]
    if sheet.vetoed or sheet.star_level is None:  # a veto gives no star; the gap line says which veto
        level = t("word.no_star")
    else:
        level = sheet.star_name + ("（暂定标准）" if sheet.provisional else "")
    bonus = ""
    if sheet.bonus_cap is not None:
        bonus = f" · 奖励加分 {score_cell(sheet.bonus_total)}（上限 {score_cell(sheet.bonus_cap)}）"
    foot = (f"自评 {score_cell(sheet.self_total)} · 核定 {score_cell(sheet.verified_total)}{bonus} · "
            f"{level} · {sheet.gap}")
    return "\n".join([head, table(rows, ["代码", "指标", "满分", "自评", "核定"], fmt), foot])


def problem(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.records import add_problem, set_problem_status

    if args.action == "add":
        item = add_problem(actor, assessment_id_of(args, campaign_of(args)), args.text, responsible=args.responsible,
                           deadline=args.deadline)
        print(f"已登记问题 #{item.id} / problem #{item.id} added")
    elif args.action == "status":
        set_problem_status(actor, args.id, args.status)
        print(f"问题 #{args.id}：{args.status}")
    else:
        from workflow.reads.school_page import problems

        rows = [[p.id, p.text[:40], p.responsible, p.deadline, p.status]
                for p in problems(actor, assessment_id_of(args, campaign_of(args)))]
        print(table(rows, ["#", "问题", "责任人", "整改期限", "状态"]))
    return EXIT_OK


def narrative(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.records import set_narrative

    set_narrative(actor, assessment_id_of(args, campaign_of(args)), args.kind, text_arg(args.text))
    print(f"已保存 / saved: {args.school} {args.kind}")
    return EXIT_OK


def responsibility(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.records import add_responsibility

    add_responsibility(actor, assessment_id_of(args, campaign_of(args)), args.person, duty=args.duty,
                       indicator_code=args.indicator)
    print(f"已登记 / added: {args.person}")
    return EXIT_OK


def verification(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.records import record_verification

    record_verification(actor, assessment_id_of(args, campaign_of(args)), experts=args.experts, visited_on=args.date,
                        methods=args.method, findings=text_arg(args.findings))
    print(f"已记录核定 / verification recorded: {args.school} {args.date}")
    return EXIT_OK


def objection(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.records import raise_objection, resolve_objection

    if args.action == "add":
        item = raise_objection(actor, assessment_id_of(args, campaign_of(args)), raised_by=args.by, text=args.text)
        print(f"已登记异议 #{item.id} / objection #{item.id} registered")
    elif args.action == "resolve":
        resolve_objection(actor, args.id, upheld=args.uphold, resolution=args.resolution)
        print(f"异议 #{args.id}：{'成立，退回重新核定 / upheld' if args.uphold else '驳回 / dismissed'}")
    else:
        from workflow.reads.registers import objection_list

        rows = [[o.id, o.school_code, o.school_name, o.raised_by, o.text[:30], o.status, o.resolution[:30]]
                for o in objection_list(actor, int(campaign_of(args).id))]
        print(table(rows, ["#", "代码", "学校", "异议人", "内容", "状态", "处理意见"]))
    return EXIT_OK


def veto(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.scores import set_veto

    row = set_veto(actor, assessment_id_of(args, campaign_of(args)), args.code, args.action == "set", reason=args.reason)
    print(f"{args.school}：一票否决 / vetoes = {row.vetoes or '—'}")
    return EXIT_OK

