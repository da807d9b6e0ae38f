"""Verbs for one school: scores, workflow events, detail, problems, narratives, visits, objections, vetoes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

import tui.verbs.school_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK
from tui.verbs.common import assessment_id_of, campaign_of, counted, score_text, table, text_arg
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.school_sheet import SchoolSheet


def score_set(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.scores import set_score

    c = campaign_of(args)
    row = set_score(actor, assessment_id_of(args, c), args.indicator, args.value, kind=args.kind,
                    evidence=args.evidence, correction=getattr(args, "correct", "") or "")
    from rubrics.scoring import parse_score

    total = row.self_total if args.kind == "self" else row.verified_total
    print(t("cli.school.score_saved", school=args.school, indicator=args.indicator,
            value=score_text(parse_score(args.value)), total=score_text(total)))
    return EXIT_OK


def score_import(args: argparse.Namespace, actor: Actor) -> int:
    from tui.verbs.common import round_id_of_args
    from workflow.doors.score_import import import_scores

    c = campaign_of(args)
    done = import_scores(actor, c.id, Path(args.file), kind=args.kind, round_id=round_id_of_args(args, c))
    print(t("cli.school.scores_imported", schools=counted(done.schools, "school"), count=counted(done.values, "score")))
    if done.replaced_carried or done.still_carried:
        print(t("import.carried", replaced=done.replaced_carried, left=done.still_carried))
    return EXIT_OK


def advance_school(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.statemachine.events import fire
    from workflow.statemachine.guards import state_label

    c = campaign_of(args)
    codes = args.school if isinstance(args.school, list) else [args.school]
    if len(codes) != 1 or getattr(args, "state", None):
        from tui.verbs.batch import advance_many  # several schools: one line each (tui/verbs/batch.py)

        return advance_many(args, actor, c, codes)
    args.school = codes[0]  # one school: a refusal raises, with its next step, as before
    aid = assessment_id_of(args, c)
    row = fire(actor, aid, args.event, reason=args.reason)
    print(t("cli.school.state", school=row.school.name, state=state_label(row.state)))
    return EXIT_OK


def events(args: argparse.Namespace, actor: Actor) -> int:
    from tui.verbs.next_step import command_line, phase_ahead
    from tui.verbs.rounds import decide_step
    from workflow.reads.school_page import event_options

    c = campaign_of(args)
    offered = event_options(actor, assessment_id_of(args, c))
    rows = [[o.trigger, o.label, "✓" if o.allowed else "✗",
             t("cli.school.needs_reason") if o.allowed and o.needs_reason else o.reason] for o in offered]
    print(table(rows, [t("cli.school.col.event"), t("cli.school.col.action"), t("cli.school.col.allowed"),
                       t("cli.school.col.reason")]))
    # What the marks mean, and how to act on them: the ✓ command, the phase a ✗ waits for.
    print(t("cli.school.events_legend", command=command_line(args, "school", "advance", args.school,
                                                             t("cli.school.word.event"))))
    ahead = {phase_ahead(args, str(c.phase), o.trigger) for o in offered if not o.allowed} - {None}
    for step in sorted(str(a) for a in ahead):
        print(t("cli.next", step=step))
    decide = decide_step(args, c, actor)  # the upward decision is a verb of its own, not an event
    if decide:
        print(t("cli.next", step=decide))
    return EXIT_OK


def show_school(args: argparse.Namespace, actor: Actor, fmt: str = "grid") -> int:
    from workflow.reads.school_sheet import school_sheet

    sheet = school_sheet(actor, assessment_id_of(args, campaign_of(args)))
    print(render_sheet(sheet, fmt))
    return EXIT_OK


def render_sheet(sheet: SchoolSheet, fmt: str = "grid") -> str:
    """The sheet as text: head line, one table row per read-model row (bonus items last), totals."""
    from workflow.reads.school_sheet import score_cell

    head = t("cli.sheet.head", code=sheet.code, name=sheet.name, township=sheet.township, stage=sheet.stage,
             state=sheet.state_label)
    rows = [[r.code, "  " * r.depth + r.name, r.points, r.self_text, r.verified_text] for r in sheet.rows]
    if sheet.vetoed or sheet.star_level is None:  # a veto gives no star; the gap line says which veto
        level = t("word.no_star")
    else:
        level = t("cli.sheet.provisional", level=sheet.star_name) if sheet.provisional else sheet.star_name
    bonus = ""
    if sheet.bonus_cap is not None:
        bonus = t("cli.sheet.bonus", total=score_cell(sheet.bonus_total), cap=score_cell(sheet.bonus_cap))
    foot = t("cli.sheet.foot", self=score_cell(sheet.self_total), verified=score_cell(sheet.verified_total),
             bonus=bonus, level=level, gap=sheet.gap)
    headers = [t(f"cli.sheet.col.{name}") for name in ("code", "indicator", "points", "self", "verified")]
    return "\n".join([head, table(rows, headers, fmt), foot])


def problem(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.records import add_problem, set_problem_status

    if args.action == "add":
        item = add_problem(actor, assessment_id_of(args, campaign_of(args)), args.text, responsible=args.responsible,
                           deadline=args.deadline)
        print(t("cli.problem.added", id=item.id))
    elif args.action == "status":
        set_problem_status(actor, args.id, args.status)
        print(t("cli.problem.status", id=args.id, status=problem_status_text(args.status)))
    else:
        from workflow import clock
        from workflow.reads.school_page import problems

        today = clock.today().isoformat()
        rows = [[p.id, p.text[:40], p.responsible, p.deadline + _overdue(p.deadline, p.status, today),
                 problem_status_text(p.status)]
                for p in problems(actor, assessment_id_of(args, campaign_of(args)))]
        print(table(rows, ["#", *(t(f"cli.problem.col.{name}") for name in ("text", "responsible", "deadline",
                                                                                "status"))]))
    return EXIT_OK


def problem_status_text(status: str) -> str:
    """待整改 / 整改中 / 已整改 (open, rectifying, closed in English): the words the app and the audit log use."""
    import workflow.reads.audit_text  # noqa: F401 - registers audit.problem.*

    key = f"audit.problem.{status}"
    return t(key) if t(key) != key else status


def _overdue(deadline: str, status: str, today: str) -> str:
    """The app's overdue mark (tui.problems.overdue): a deadline passed on a problem not closed."""
    import tui.day_strings  # noqa: F401 - registers tui.problems.overdue

    return t("tui.problems.overdue") if deadline and status != "closed" and deadline < today else ""


def narrative(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.records import set_narrative

    set_narrative(actor, assessment_id_of(args, campaign_of(args)), args.kind, text_arg(args.text))
    print(t("cli.narrative.saved", school=args.school, kind=args.kind))
    return EXIT_OK


def responsibility(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.records import add_responsibility

    add_responsibility(actor, assessment_id_of(args, campaign_of(args)), args.person, duty=args.duty,
                       indicator_code=args.indicator)
    print(t("cli.responsibility.added", person=args.person))
    return EXIT_OK


def verification(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.records import record_verification

    record_verification(actor, assessment_id_of(args, campaign_of(args)), experts=args.experts, visited_on=args.date,
                        methods=args.method, findings=text_arg(args.findings))
    print(t("cli.verification.recorded", school=args.school, date=args.date))
    return EXIT_OK


def objection(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.records import raise_objection, resolve_objection

    if args.action == "add":
        item = raise_objection(actor, assessment_id_of(args, campaign_of(args)), raised_by=args.by, text=args.text)
        print(t("cli.objection.added", id=item.id))
    elif args.action == "resolve":
        resolve_objection(actor, args.id, upheld=args.uphold, resolution=args.resolution)
        print(t("cli.objection.upheld" if args.uphold else "cli.objection.dismissed", id=args.id))
    else:
        from workflow.reads.registers import objection_list

        rows = [[o.id, o.school_code, o.school_name, o.raised_by, o.text[:30], o.status, o.resolution[:30]]
                for o in objection_list(actor, int(campaign_of(args).id))]
        print(table(rows, ["#", *(t(f"cli.objection.col.{name}") for name in (
            "code", "school", "raised_by", "text", "status", "resolution"))]))
    return EXIT_OK


def veto(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.scores import set_veto

    row = set_veto(actor, assessment_id_of(args, campaign_of(args)), args.code, args.action == "set", reason=args.reason)
    print(t("cli.veto.now", school=args.school, vetoes=row.vetoes or "—"))
    return EXIT_OK

