"""Verbs for a campaign as a whole: create, phases, thresholds, status, reports, the notice, exports."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

import tui.verbs.campaign_strings  # noqa: F401  - registers this file's keys
import tui.verbs.round_strings  # noqa: F401  - the round line and upward decisions
from tui.exit_codes import EXIT_OK, EXIT_USAGE
from tui.verbs.common import campaign_of, counted, err, say, score_text, table
from tui.verbs.next_step import command_line
from tui.verbs.school import show_school
from workflow.i18n import Listing, Msg, t

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.campaign_status import CampaignStatus
    from workflow.reads.queries import SchoolRow


def create(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.campaigns import create_campaign, enrol
    from workflow.errors import InvalidInput

    if args.like is not None:
        from workflow.doors.campaigns import create_campaign_like

        row, count = create_campaign_like(actor, args.like, year=args.year, title=args.title, region=args.region,
                                          organ=args.organ or None)
        say("cli.campaign.copied", source=args.like, id=row.id, title=row.title, count=counted(count, "school"))
        from workflow.reads.rounds import round_lines

        # The last cycle is frozen now: a school it never settled stays as it was, changed only by a correction.
        last = round_lines(actor, int(args.like))[-1]
        if last.schools > last.settled:
            say("cli.campaign.copied_unsettled", source=args.like, year=last.year, count=last.schools - last.settled)
        return EXIT_OK
    region_code = getattr(args, "region_code", None)
    # --region-code (or the officer's own region) may stand for --region: the campaign then carries
    # the region's own name.
    missing = [f"--{name}" for name in ("region", "title", "rubric") if not getattr(args, name)
               and not (name == "region" and (region_code or actor.region_code))]
    if missing:
        err(t("cli.campaign.needs", options=" ".join(missing)))
        return EXIT_USAGE
    windows: dict[str, tuple[str, str]] = {}
    for spec in args.window:
        name, sep, span = spec.partition("=")
        start, dots, end = span.partition("..")
        if not sep or not dots:
            raise InvalidInput("err.invalid", where=f"--window {spec}", what=Msg("why.window_spec"))
        windows[name.strip()] = (start.strip(), end.strip())
    row = create_campaign(actor, year=args.year, region=args.region or "", title=args.title, rubric=args.rubric,
                          windows=windows, organ=args.organ, publicity_days=args.publicity_days,
                          review_publicity=bool(getattr(args, "review_publicity", False)), region_code=region_code)
    say("cli.campaign.created", id=row.id, title=row.title)
    if args.enrol_all:
        say("cli.campaign.enrolled_all", count=enrol(actor, row.id))
    return EXIT_OK


def list_campaigns(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_list

    rows = [[c.id, c.year, c.region, c.title, c.rubric_id, c.phase_label] for c in campaign_list(actor)]
    print(table(rows, _headers("id", "year", "region", "title", "rubric", "phase")))
    return EXIT_OK


def show(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_status

    c = campaign_status(actor, getattr(args, "campaign", None))
    say("cli.campaign.head", id=c.campaign_id, title=c.title, region=c.region, year=c.year, rubric=c.rubric_id)
    rows = [["▶" if p.current else "", p.label, p.start, p.end] for p in c.phases]
    print(table(rows, ["", *_headers("phase", "start", "end")]))
    return EXIT_OK


def advance(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.campaigns import advance_campaign, leftovers
    from workflow.i18n import label
    from workflow.statemachine.declaration import phase, state

    before = campaign_of(args)
    left = leftovers(before)
    row = advance_campaign(actor, before.id)
    say("cli.campaign.advanced", before=label(phase(before.phase)), after=label(phase(row.phase)))
    if left:
        say("cli.campaign.per_state", counts=Listing(Msg("cli.campaign.state_count", state=k, count=v)
                                                     for k, v in left.items()))
        stranded = sum(left.get(label(state(s)), 0) for s in stranded_states(str(row.phase)))
        if stranded:
            say("cli.campaign.stranded", count=stranded, phase=label(phase(row.phase)),
                command=command_line(args, "school", "advance", t("cli.next.word.school"), "withdraw", "--reason",
                                     t("cli.next.word.reason")))
    return EXIT_OK


def stranded_states(now: str) -> list[str]:
    """The states ``withdraw`` settles from where nothing else moves a school in phase ``now``: a school left
    in one (enrolled once self-evaluation is over, any unverified one in the promotion phase) did not take part."""
    from workflow.statemachine.declaration import EVENTS, event

    spec = event("withdraw")
    if now not in spec["phases"]:
        return []
    return [s for s in spec["source"] if not any(s in e["source"] and now in e["phases"] for e in EVENTS
                                                 if not e.get("door") and not e.get("closing"))]


def settings(args: argparse.Namespace, actor: Actor) -> int:
    """`campaign set --publicity-days N`: the door refuses it once publicity has begun."""
    from workflow.doors.campaigns import set_publicity_days

    row, before = set_publicity_days(actor, campaign_of(args).id, args.publicity_days)
    if before == row.publicity_days:
        say("cli.campaign.publicity_days_same", id=row.id, title=row.title, days=before)
    else:
        say("cli.campaign.publicity_days", id=row.id, title=row.title, before=before, after=row.publicity_days)
    return EXIT_OK


def thresholds(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.recompute import change_thresholds
    from workflow.errors import InvalidInput

    wanted: dict[int, str] = {}
    for spec in args.set:
        level, sep, value = spec.partition("=")
        if not sep or not level.strip().isdigit():
            raise InvalidInput("err.invalid", where=f"--set {spec}", what=Msg("why.threshold_spec"))
        wanted[int(level)] = value
    summary = change_thresholds(actor, campaign_of(args).id, wanted, reason=args.reason)
    say("cli.campaign.recomputed", assessments=counted(summary.assessments, "school"), totals=summary.totals_changed,
        levels=summary.levels_changed, settled=summary.settled_would_change)
    return EXIT_OK


def enrol_schools(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.campaigns import enrol

    c = campaign_of(args)
    n = enrol(actor, c.id, args.codes or None)
    say("cli.campaign.enrolled", count=counted(n, "school"))
    return EXIT_OK


def status(args: argparse.Namespace, actor: Actor) -> int:
    from tui.verbs import region_status
    from workflow.reads.campaign_status import campaign_status

    if region_status.wanted(args):  # --region CODE / --by-region: one row per child region
        return region_status.print_status(args, actor)
    fmt = getattr(args, "format", "grid")
    every = bool(getattr(args, "all", False))
    # A summary by default: the counts and the first page of schools. At 500,000 schools the whole
    # list is --all, streamed (tui.verbs.campaign._stream_schools), never held.
    c = campaign_status(actor, getattr(args, "campaign", None), with_schools=not every,
                        round_year=getattr(args, "round_year", None), school_limit=SUMMARY_SCHOOLS,
                        with_townships=False)
    say("cli.campaign.title_line", id=c.campaign_id, title=c.title)
    say("cli.campaign.round_line", round=c.round_label, years=", ".join(str(y) for y in c.round_years))
    print(table([[s.label, s.count] for s in c.states if s.count], _headers("state", "schools"), fmt))
    star = t("cli.campaign.col.star") + (t("cli.campaign.stars_provisional") if c.stars_provisional else "")
    print(table([[s.name, s.count] for s in c.stars], [star, t("cli.campaign.col.schools")], fmt))
    awaiting = sum(s.count for s in c.states if s.state == "recommended")
    if awaiting:  # counted above at the level sent up, which is not granted yet
        say("cli.campaign.awaiting_note", count=awaiting)
    if every:
        _stream_schools(c, actor, fmt)
    else:
        print(_school_table(c, fmt))
        total = sum(s.count for s in c.states)
        if total > len(c.schools):
            say("cli.campaign.more_schools", shown=len(c.schools), count=total)
    for u in c.upward:
        say("cli.campaign.upward_line", school=u.name, result=t("outcome.upward") if u.granted
            else t("outcome.upward_refused"), level=u.level_name, authority=u.authority, doc_no=u.doc_no,
            date=u.decided_on or "")
    if c.stars_provisional:
        say("cli.campaign.provisional_note")
    return EXIT_OK


SUMMARY_SCHOOLS = 50  # schools `status` lists without --all


def _school_cells(c: CampaignStatus, r: SchoolRow) -> list[object]:
    from workflow.statemachine.guards import state_label

    level = (c.star_names.get(r.star_level, "") if r.star_level else "") + ("*" if r.provisional and r.star_level else "")
    if level and r.state == "recommended":  # sent up with this level; the higher authority has not decided yet
        level = t("cli.campaign.level_awaiting", level=level)
    return [r.code, r.name, r.township, state_label(r.state), score_text(r.self_total), score_text(r.verified_total),
            level]


def _stream_schools(c: CampaignStatus, actor: Actor, fmt: str) -> None:
    """Every school of the round, printed a page at a time as it is read."""
    import sys

    from exports.table_stream import stream_table
    from workflow.reads.school_stream import school_lines

    lines = stream_table((_school_cells(c, r) for r in school_lines(actor, c.campaign_id, c.round_id)),
                         _headers("code", "school", "township", "state", "self", "verified", "star"), fmt,
                         )
    out = sys.stdout
    for line in lines:
        out.write(line + "\n")


def _school_table(c: CampaignStatus, fmt: str) -> str:
    rows = [_school_cells(c, r) for r in c.schools]  # the same cells as the streamed --all
    return table(rows, _headers("code", "school", "township", "state", "self", "verified", "star"), fmt)


def _headers(*names: str) -> list[str]:
    return [t(f"cli.campaign.col.{name}") for name in names]


def report(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.campaign_status import campaign_status

    if args.action == "scores":
        if not args.school:
            err(t("cli.campaign.needs_school"))
            return EXIT_USAGE
        return show_school(args, actor, fmt=args.format)
    c = campaign_status(actor, args.campaign, with_schools=args.action == "schools",
                        round_year=getattr(args, "round_year", None))
    if args.action == "schools":
        print(_school_table(c, args.format))
    elif args.action == "stars":
        rows = [[s.name, score_text(s.threshold), s.count] for s in c.stars]
        print(table(rows, _headers("star", "threshold", "schools"), args.format))
    else:
        print(table([[s.label, s.count] for s in c.states], _headers("state", "schools"), args.format))
    return EXIT_OK


def notice(args: argparse.Namespace, actor: Actor) -> int:
    from exports.gather import notice_input, review_notice_input
    from workflow.door import load_round
    from workflow.doors.notice_texts import set_notice_text
    from workflow.notice_labels import notice_label
    from workflow.reads.scope import reader_scope

    c = campaign_of(args)
    year = getattr(args, "round_year", None)  # the round's texts (the open round's when not given)
    if args.action == "set":
        if not args.key or args.text is None:
            err(t("cli.campaign.notice_usage"))
            return EXIT_USAGE
        text = Path(args.text[1:]).read_text(encoding="utf-8") if args.text.startswith("@") else args.text
        set_notice_text(actor, c.id, args.key, text, year=year)
        say("cli.campaign.notice_saved", key=notice_label(args.key))
        return EXIT_OK
    reader_scope(actor, c.id)  # the notice draft is for anyone who may read this campaign: before a line is printed
    shown = load_round(c.id, year)
    if shown.kind == "review":  # the round's own notice: the annual review's has no basis paragraph
        review = review_notice_input(c, round_id=int(shown.id))
        print(review.title)
        sections = review.requirements
    else:
        data = notice_input(c, round_id=int(shown.id))
        print(data.title)
        print(data.basis)
        sections = data.requirements
    for section in sections:
        say("cli.campaign.requirement", heading=section.heading, text=section.text)
    return EXIT_OK


def export(args: argparse.Namespace, actor: Actor) -> int:
    from tui.export_jobs import run_export

    campaign_id = args.campaign
    if getattr(args, "region", None):  # export workbook --region CODE: that region's own campaign
        from workflow.reads.scope import region_campaign

        if campaign_id is not None:
            err(t("cli.export.region_or_campaign"))
            return EXIT_USAGE
        campaign_id = int(region_campaign(actor, args.region).id)
    target = run_export(actor, args.action, args.output, campaign_id=campaign_id, order=args.order,
                        schools=args.school, force=bool(getattr(args, "force", False)),
                        round_year=getattr(args, "round_year", None))
    say("cli.exported", path=target)
    return EXIT_OK

