"""``export notice --region CODE [--round YEAR] -o FILE``: a city's or province's notice (区域通报) of one
year, summarising its counties (a province: its cities). The facts are workflow's read
(workflow/reads/region_notice.py, scoped as ``status --region``); this module words them in the
document's language for the writer (exports/region_notice.py: exports/ does not read workflow/),
then writes the file and records the export, as tui/export_jobs.py does for a campaign's documents."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import tui.verbs.region_notice_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK, EXIT_USAGE
from tui.verbs.common import err, say
from workflow.i18n import t

if TYPE_CHECKING:
    from exports.region_notice_data import ChildSummary, Moved, RatedLine, RegionNoticeInput
    from workflow.permissions import Actor
    from workflow.reads.region_notice import ChildNotice, MovedSchool, RegionNotice
    from workflow.reads.region_status import RegionRow

LANG = "zh"  # an official document, in Chinese as the county's notice


def export(args: argparse.Namespace, actor: Actor) -> int:
    if args.campaign is not None:
        err(t("cli.export.region_or_campaign"))
        return EXIT_USAGE
    if getattr(args, "appendix_analysis", False):
        err(t("cli.export.region_notice_appendix"))
        return EXIT_USAGE
    target = run_region_notice(actor, args.region, getattr(args, "round_year", None), args.output,
                               force=bool(getattr(args, "force", False)))
    say("cli.exported", path=target)
    return EXIT_OK


def run_region_notice(actor: Actor, code: str, year: int | None, path: str | Path, *, force: bool = False,
                      lang: str = LANG) -> Path:
    """Check, read, write and record the notice; refusals as run_export's (WorkflowError)."""
    from exports.anchor import carrying
    from exports.region_notice import write_region_notice
    from exports.safe_path import ExportPathError, resolve_export_path
    from workflow.audit_anchor import chain_head
    from workflow.doors.region_notice import record_region_notice
    from workflow.errors import InvalidInput
    from workflow.i18n import Msg
    from workflow.outputs import refusals
    from workflow.permissions import export_action, require
    from workflow.reads.region_notice import region_notice

    require(actor, export_action(actor.role, "notice"))
    head = chain_head()  # read before the data: the document carries the audit head it was made from
    with refusals(), carrying(head.seq, head.hash) if head else contextlib.nullcontext():
        notice = region_notice(actor, code, year)  # the region refused before the path is looked at
        try:
            target = resolve_export_path(path, None, force=force)
        except ExportPathError as exc:
            raise InvalidInput("err.invalid", where=str(path), what=Msg(exc.key, **exc.params)) from exc
        if target.suffix.lower() != ".docx":
            raise InvalidInput("err.invalid", where=str(path), what=Msg("why.export_suffix", suffix=".docx"))
        write_region_notice(notice_input(notice, lang), target)
    record_region_notice(actor, notice.status.code, int(notice.status.year or 0), str(target))
    return target


def notice_input(notice: RegionNotice, lang: str = LANG) -> RegionNoticeInput:
    """The read model worded for the writer: names of levels and states in ``lang``."""
    from exports.messages import render
    from exports.notice_text import kind_word
    from exports.region_notice_data import RegionNoticeInput
    from workflow import clock
    from workflow.reads.region_status import LEVELS

    status = notice.status
    tier = "province" if LEVELS.get(len(status.code)) == "province" else "city"
    children = tuple(_summary(c.row, notice, lang, c) for c in notice.children)
    return RegionNoticeInput(
        region_name=status.name, tier=tier, child_tier="city" if tier == "province" else "county",
        year=int(status.year or 0), kind=kind_word(*notice.titles),
        organ=render(f"rn.organ.{tier}", lang, region=status.name), issue_date=clock.today(),
        levels=tuple(_level_name(notice, lv, lang) for lv in status.star_levels), children=children,
        total=_summary(status.total, notice, lang, None, children), rated=_rated(notice, lang), lang=lang)


def _level_name(notice: RegionNotice, level: int | None, lang: str) -> str:
    if level is None:
        return t("word.no_star", lang)
    names = notice.level_names.get(level)
    return names.get(lang) or names["zh"] if names else str(level)


def _summary(row: RegionRow, notice: RegionNotice, lang: str, child: ChildNotice | None,
             children: tuple[ChildSummary, ...] = ()) -> ChildSummary:
    """One child's figures (``child`` given), or the totals with the children's movement added up."""
    from dataclasses import replace

    from exports.region_notice_data import ChildSummary, Decision
    from workflow.statemachine.declaration import SETTLED_STATES

    settled = sum(row.states[s] for s in SETTLED_STATES)
    base = ChildSummary(row.name, row.schools, row.verified_count, row.average_verified,
                        tuple(row.stars[lv] for lv in notice.status.star_levels), row.stars[None],
                        row.schools - settled, row.overdue)
    if child is None:
        return replace(base, newly_rated=sum(c.newly_rated for c in children),
                       raised=tuple(m for c in children for m in c.raised),
                       lowered=tuple(m for c in children for m in c.lowered))
    decisions = tuple(Decision(u.name, u.granted, _level_name(notice, u.level, lang) if u.level else "",
                               u.authority, u.doc_no, u.decided_on) for u in child.upward)
    return replace(base, newly_rated=child.newly_rated, raised=tuple(_moved(notice, m, lang) for m in child.raised),
                   lowered=tuple(_moved(notice, m, lang) for m in child.lowered), decisions=decisions,
                   awaiting=row.states["recommended"])  # a decision moves the school on to certified


def _moved(notice: RegionNotice, school: MovedSchool, lang: str) -> Moved:
    from exports.region_notice_data import Moved

    return Moved(school.name, _level_name(notice, school.before, lang), _level_name(notice, school.after, lang))


def _rated(notice: RegionNotice, lang: str) -> Iterator[RatedLine]:
    """The appendix's rows as the cursor gives them (workflow.reads.region_notice.rated_schools)."""
    from exports.messages import render
    from exports.region_notice_data import RatedLine
    from workflow.i18n import label
    from workflow.reads.region_notice import rated_schools
    from workflow.statemachine.declaration import SETTLED_STATES, STATES

    states = {s["name"]: label(s, lang) for s in STATES}
    regions = {row.code: row.name for row in notice.status.rows}
    for line in rated_schools(notice):
        if line.state not in SETTLED_STATES:  # a level proposed, not given yet: nothing moved so far
            change = ""
        elif line.prior_level is None:
            change = "rn.change.new"
        elif line.level > line.prior_level:
            change = "rn.change.raised"
        elif line.level < line.prior_level:
            change = "rn.change.lowered"
        else:
            change = ""
        yield RatedLine(regions.get(line.region_code, line.region_code), line.name, line.verified_total,
                        _level_name(notice, line.level, lang), states.get(line.state, line.state),
                        render(change, lang) if change else "")
