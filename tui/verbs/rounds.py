"""Verbs for review rounds (轮次): open, apply, add, list; carried scores; the upward decision; history."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import tui.verbs.round_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK
from tui.verbs.common import assessment_id_of, campaign_id_of, campaign_of, say, score_text, table, text_arg
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor


def round_open(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.rounds import open_round
    from workflow.errors import InvalidInput
    from workflow.i18n import Msg

    window = None
    if args.window:
        start, dots, end = args.window.partition("..")
        if not dots:
            raise InvalidInput("err.invalid", where=f"--window {args.window}", what=Msg("why.window_spec"))
        window = (start.strip(), end.strip())
    opened = open_round(actor, args.year, campaign_id=campaign_id_of(args), all_settled=args.all,
                        schools=args.schools or None, window=window)
    say("round.opened", year=opened.year, id=opened.round_id, chosen=opened.chosen)
    return EXIT_OK


def round_apply(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.rounds import apply_for_review

    row = apply_for_review(actor, args.school, text=text_arg(args.text), improved=args.improved.split(","),
                           campaign_id=campaign_id_of(args))
    say("round.entered", school=row.school.name, year=row.round.year, entry=t("round.entry.applied"))
    return EXIT_OK


def round_add(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.rounds import choose_for_review

    for row in choose_for_review(actor, args.codes, campaign_id=campaign_id_of(args)):
        say("round.entered", school=row.school.name, year=row.round.year, entry=t("round.entry.chosen"))
    return EXIT_OK


def round_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.rounds import round_lines

    c = campaign_of(args)
    rows = [[r.year, r.kind_label, r.schools, r.settled, r.window,
             t("cli.round.open_now") if r.open else t("cli.round.frozen")] for r in round_lines(actor, c.id)]
    print(table(rows, [t(f"cli.round.col.{n}") for n in ("year", "kind", "schools", "settled", "window", "open")],
                getattr(args, "format", "grid")))
    return EXIT_OK


def score_confirm(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.rounds import confirm_carried

    aid = assessment_id_of(args, campaign_of(args))
    count = confirm_carried(actor, aid, args.indicator or None)
    say("round.confirmed", school=args.school, count=count)
    return EXIT_OK


def round_pull(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.upward import pull_recommended

    pulled = pull_recommended(actor, args.year, campaign_id=args.campaign if args.campaign else campaign_of(args).id)
    say("round.pulled", count=len(pulled.codes), year=pulled.year, id=pulled.campaign_id,
        schools=" ".join(pulled.codes) or "-")
    return EXIT_OK


def school_decide(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.rounds import record_upward_decision
    from workflow.reads.queries import find_awaiting_upward

    c = campaign_of(args)
    if c.upward_of is not None:  # the higher tier's own review: decided here, written back to the county
        return _decide_review(args, actor, int(c.id))
    waiting = find_awaiting_upward(c.id, args.school) if args.round_year is None else None
    aid = int(waiting.id) if waiting is not None else assessment_id_of(args, c)
    row = record_upward_decision(actor, aid, granted=not args.refused, level=args.granted or None, doc_no=args.doc_no,
                                 decided_on=args.date, authority=args.authority or "")
    result = t("outcome.upward") if row.upward_granted else t("outcome.upward_refused")
    say("round.decided", school=row.school.name, result=result, authority=row.upward_authority,
        doc_no=row.upward_doc_no, date=row.upward_date)
    return EXIT_OK


def _decide_review(args: argparse.Namespace, actor: Actor, campaign_id: int) -> int:
    from workflow.doors.upward import authority_of, decide_upward, review_row
    from workflow.errors import InvalidInput, NotFound
    from workflow.i18n import Msg

    found = review_row(campaign_id, args.school)
    if found is None:
        raise NotFound("err.not_found", what=Msg("word.school"), key=args.school)
    own = authority_of(found.campaign)
    if args.authority and " ".join(args.authority.split()) != own:  # decided in the review's region's name
        raise InvalidInput("err.upward_review_authority", authority=own)
    _own, back = decide_upward(actor, int(found.id), granted=not args.refused, level=args.granted or None,
                               doc_no=args.doc_no, decided_on=args.date)
    result = t("outcome.upward") if back.upward_granted else t("outcome.upward_refused")
    say("round.review_decided", school=back.school.name, result=result, authority=back.upward_authority,
        doc_no=back.upward_doc_no, date=back.upward_date)
    return EXIT_OK


def decide_step(args: argparse.Namespace, campaign: Any, actor: Actor) -> str | None:
    """Under ``school events``: the ``school decide`` line when the school awaits the upward decision (a county's
    已报上级 school decided by hand, or a review's verified one decided by its admin), which no event offers."""
    from tui.verbs.next_step import command_line
    from workflow.doors.upward import decision_states, review_row
    from workflow.permissions import allowed
    from workflow.reads.queries import find_awaiting_upward
    from workflow.reads.upward_review import reviewing_campaign

    if not allowed(actor.role, "upward.record"):
        return None
    review = campaign.upward_of is not None
    row = review_row(int(campaign.id), args.school) if review else find_awaiting_upward(campaign.id, args.school)
    if row is None or row.state not in (decision_states() if review else ["recommended"]):
        return None
    if not review and reviewing_campaign(actor, int(row.id)) is not None:
        return None  # the higher tier decides it in its own review, and the decision comes back
    words = ["school", "decide", args.school, "--granted", "--doc-no", t("cli.next.word.doc_no"),
             "--date", t("cli.next.word.date")]
    if getattr(args, "campaign", None):
        words += ["--campaign", str(args.campaign)]
    return t("cli.next.decide", command=command_line(args, *words))


def school_history(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.history import school_rounds

    lines = school_rounds(actor, args.school)
    fmt = getattr(args, "format", "grid")
    # Headed by the name of its newest round (an earlier, frozen round's line may hold the name it had then).
    say("cli.history.head", code=args.school, name=lines[-1].school_name if lines else "")
    if not lines:
        say("cli.history.none")
        return EXIT_OK
    rows: list[list[Any]] = [[r.year, r.kind_label, t(f"round.entry.{r.entry}"), score_text(r.self_total),
                              score_text(r.verified_total), r.level_name, r.outcome_label, r.date,
                              " ".join(p for p in (r.reason, r.upward) if p)] for r in lines]
    headers = [t("cli.round.col.year"), t("cli.round.col.kind"), t("cli.history.col.entry"),
               t("cli.history.col.self"), t("cli.history.col.verified"), t("cli.history.col.level"),
               t("cli.history.col.outcome"), t("cli.history.col.date"), t("cli.history.col.reason")]
    if len({r.school_name for r in lines}) > 1:  # renamed since an earlier round: each line's name, as it printed
        for row, line in zip(rows, lines, strict=True):
            row.insert(2, line.school_name)
        headers.insert(2, t("cli.history.col.name"))
    print(table(rows, headers, fmt))
    if args.raw:
        from tui.verbs.audit import WORDED, worded
        from workflow.reads.audit_log import audit_log

        # In the reader's words, as `audit log` prints them; the school's own trail needs no school column.
        keep = [i for i, name in enumerate(WORDED) if name != "school"]
        trail = [[cells[i] for i in keep] for cells in map(worded, audit_log(actor, school_code=args.school, limit=500))]
        print(table(trail, [t(f"cli.audit.col.{WORDED[i]}") for i in keep], fmt))
    else:
        say("cli.history.raw_hint", code=args.school)
    return EXIT_OK


def add_parsers(sub: Any, *, school: Any, score: Any, campaign_option: Any, format_option: Any) -> None:
    """The round verbs, ``score confirm``, ``school decide`` and ``school history`` (tui/cli.py calls this)."""
    from tui.cli import _group, _verb

    rounds = _group(sub, "round", "help.round")
    r_open = _verb(rounds, "open", "help.round.open")
    r_open.add_argument("year", type=int, help=t("help.round.year"))
    r_open.add_argument("--all", action="store_true", help=t("help.round.all"))
    r_open.add_argument("--schools", nargs="+", metavar="CODE", help=t("help.round.schools"))
    r_open.add_argument("--window", metavar="START..END", help=t("help.round.window"))
    r_open.add_argument("--campaign", type=int, help=t("help.campaign_id"))
    r_apply = _verb(rounds, "apply", "help.round.apply")
    r_apply.add_argument("school", help=t("help.school_code"))
    r_apply.add_argument("--text", required=True, help=t("help.round.text"))
    r_apply.add_argument("--improved", required=True, help=t("help.round.improved"))
    r_apply.add_argument("--campaign", type=int, help=t("help.campaign_id"))
    r_add = _verb(rounds, "add", "help.round.add")
    r_add.add_argument("codes", nargs="+", metavar="CODE", help=t("help.round.schools"))
    r_add.add_argument("--campaign", type=int, help=t("help.campaign_id"))
    r_pull = _verb(rounds, "pull", "help.round.pull")
    r_pull.add_argument("year", type=int, help=t("help.round.pull_year"))
    r_pull.add_argument("--campaign", type=int, help=t("help.campaign_id"))
    r_list = _verb(rounds, "list", "help.round.list")
    r_list.add_argument("--campaign", type=int, help=t("help.campaign_id"))
    format_option(r_list)

    s_confirm = _verb(score, "confirm", "help.score.confirm")
    s_confirm.add_argument("school", help=t("help.school_code"))
    s_confirm.add_argument("--indicator", action="append", help=t("help.score.confirm_indicator"))
    campaign_option(s_confirm)

    decide = _verb(school, "decide", "help.school.decide")
    decide.add_argument("school", help=t("help.school_code"))
    verdict = decide.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--granted", type=int, nargs="?", const=0, default=None, metavar="LEVEL",
                         help=t("help.school.granted"))
    verdict.add_argument("--refused", action="store_true", help=t("help.school.refused"))
    decide.add_argument("--doc-no", required=True, help=t("help.school.doc_no"))
    decide.add_argument("--date", required=True, help=t("help.school.date"))
    decide.add_argument("--authority", help=t("help.school.authority"))
    campaign_option(decide)

    history = _verb(school, "history", "help.school.history")
    history.add_argument("school", help=t("help.school_code"))
    history.add_argument("--raw", action="store_true", help=t("help.school.raw"))
    format_option(history)


ROUTES: dict[tuple[str, str | None], Any] = {
    ("round", "open"): round_open,
    ("round", "apply"): round_apply,
    ("round", "add"): round_add,
    ("round", "list"): round_list,
    ("round", "pull"): round_pull,
    ("score", "confirm"): score_confirm,
    ("school", "decide"): school_decide,
    ("school", "history"): school_history,
}
