"""Verbs for the round's analysis: ``report analysis`` (tables and a bar chart of the verified
totals) and ``notice draft-problems`` (the notice's general problems drafted from the losses)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import tui.verbs.analysis_strings  # noqa: F401  - registers this file's keys
import tui.verbs.region_strings  # noqa: F401  - report analysis --region's help
from tui.exit_codes import EXIT_OK
from tui.verbs.common import campaign_of, round_id_of_args, say, score_text, table
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.analysis import Analysis, Bin, LevelColumn

BAR_WIDTH = 40
BAR = "█"
RULE = "─"


def _analysis(args: argparse.Namespace, actor: Actor, lang: str | None = None, limit: int = 20) -> Analysis:
    from workflow.reads.analysis import analysis, region_analysis

    if getattr(args, "region", None):  # every campaign of the region's subtree, one year
        year = getattr(args, "year", None) or getattr(args, "round_year", None)
        return region_analysis(actor, args.region, year, lang=lang, near_limit=limit, moved_limit=limit)
    c = campaign_of(args)
    return analysis(actor, c.id, round_id_of_args(args, c), lang=lang, near_limit=limit, moved_limit=limit)


def report_analysis(args: argparse.Namespace, actor: Actor) -> int:
    result = _analysis(args, actor, limit=max(1, args.limit))
    print(render_analysis(result, args.format))
    return EXIT_OK


def render_analysis(result: Analysis, fmt: str = "grid") -> str:
    """The analysis as terminal text: a head line, the tables, the chart, the movement."""
    kind = t(f"round.kind.{result.round_kind}")
    out = [t("cli.analysis.head", title=result.campaign_title, year=result.round_year, kind=kind,
             schools=result.schools, verified=result.verified)]
    if result.scope is not None:
        out.append(t("cli.analysis.scope", code=result.scope))
    if not result.verified and not any(leaf.scored for leaf in result.leaves):
        out.append(t("cli.analysis.none"))
        return "\n".join(out)
    out += ["", t("cli.analysis.leaves")]
    rows: list[list[Any]] = [[rank, leaf.code, leaf.name, leaf.max_score, leaf.losing, leaf.scored, leaf.average_loss,
                              leaf.total_loss] for rank, leaf in enumerate(result.leaves, 1)]
    out.append(table(rows, _headers("rank", "code", "indicator", "max", "losing", "scored", "average_loss",
                                    "total_loss"), fmt))
    for key, lines, column in (("cli.analysis.townships", result.townships, "township"),
                               ("cli.analysis.stages", result.stages, "stage")):
        out += ["", t(key)]
        group_rows: list[list[Any]] = [[g.name, g.schools, *g.counts, g.average_total] for g in lines]
        out.append(table(group_rows, [t(f"cli.analysis.col.{column}"), t("cli.analysis.col.schools"),
                                      *(c.name for c in result.columns), t("cli.analysis.col.average")], fmt))
    out += ["", t("cli.analysis.distribution"), *chart(result.bins, result.columns)]
    out += ["", t("cli.analysis.near", count=result.near_count)]
    if result.near:
        near_rows: list[list[Any]] = [[n.code, n.name, n.township, n.total, n.next_name, n.gap] for n in result.near]
        out.append(table(near_rows, _headers("code", "school", "township", "total", "next", "gap"), fmt))
        if result.near_count > len(result.near):
            out.append(t("cli.analysis.shown", shown=len(result.near)))
    else:
        out.append(t("cli.analysis.near_none"))
    out += [""] + _movement(result, fmt)
    return "\n".join(out)


def _headers(*names: str) -> list[str]:
    return [t(f"cli.analysis.col.{name}") for name in names]


def chart(bins: tuple[Bin, ...], columns: tuple[LevelColumn, ...]) -> list[str]:
    """One bar per bin, lowest first, with a rule above the first bin each threshold opens."""
    if not bins:
        return [t("cli.analysis.none")]
    thresholds = {c.threshold: c.name for c in columns if c.threshold is not None}
    ranges = [f"{score_text(b.low)}–{score_text(b.high)}" for b in bins]
    width = max(len(r) for r in ranges)
    most = max(b.count for b in bins) or 1
    lines = []
    for text, item in zip(ranges, bins, strict=True):
        if item.low in thresholds:
            mark = " " + t("cli.analysis.threshold", threshold=score_text(item.low), level=thresholds[item.low]) + " "
            lines.append(RULE * (width + 1) + mark + RULE * max(4, BAR_WIDTH - _cells(mark)))
        # A school is never lost to rounding: any count shows at least one block.
        length = 0 if not item.count else max(1, round(BAR_WIDTH * item.count / most))
        lines.append(f"{text.rjust(width)} │{BAR * length} {item.count}")
    return lines


def _cells(text: str) -> int:
    """Terminal columns of ``text``: CJK characters take two."""
    from wcwidth import wcswidth

    width = wcswidth(text)
    return width if width >= 0 else len(text)


def _movement(result: Analysis, fmt: str) -> list[str]:
    move = result.movement
    if move is None:
        return [t("cli.analysis.no_movement")]
    out = [t("cli.analysis.movement", year=move.previous_year, raised=move.raised, kept=move.kept,
             lowered=move.lowered, pending=move.pending)]
    if move.transitions:
        out.append(table([[tr.before, tr.after, tr.count] for tr in move.transitions],
                         _headers("before", "after", "schools"), fmt))
    if move.moved:
        out.append(table([[m.code, m.name, m.before, m.after, t("cli.analysis.up" if m.raised else "cli.analysis.down")]
                          for m in move.moved], _headers("code", "school", "before", "after", "move"), fmt))
    return out


def draft_problems(args: argparse.Namespace, actor: Actor) -> int:
    """``notice draft-problems``: print the drafts; ``--keep`` saves them (in Chinese, the notice's
    language) as the analysed round's general problems, through workflow.doors.notice_texts."""
    from workflow.i18n import language
    from workflow.reads.analysis import draft_problems as drafts_of
    from workflow.reads.analysis import draft_text

    result = _analysis(args, actor)
    drafts = drafts_of(result, top=max(1, args.top))
    if not drafts:  # nothing verified yet, or nothing lost
        say("cli.analysis.none" if not any(leaf.scored for leaf in result.leaves) else "cli.drafts.none")
        return EXIT_OK
    say("cli.drafts.head", year=result.round_year, count=len(drafts))
    print()
    print(_readable(drafts, language()))
    print()
    if not args.keep:
        say("cli.drafts.keep_hint")
        return EXIT_OK
    from workflow.doors.notice_texts import set_notice_text

    chinese = drafts if language() == "zh" else drafts_of(result, top=max(1, args.top), lang="zh")
    if language() != "zh":
        say("cli.drafts.lang_note")
    # The analysed round's own texts: a frozen round's are refused (its notice re-exports as it was).
    version = set_notice_text(actor, result.campaign_id, "general_problems", draft_text(chinese),
                              year=result.round_year)
    say("cli.drafts.kept", version=version)
    return EXIT_OK


def _readable(drafts: list[tuple[str, str]], lang: str) -> str:
    from workflow.reads.analysis import draft_text

    if lang == "zh":
        return draft_text(drafts)  # exactly what --keep saves
    return "\n\n".join(f"{heading}. {text}" for heading, text in drafts)


def workbook_rows(result: Analysis) -> Any:
    """The analysis as the plain rows exports/workbook_analysis.py writes (exports never import workflow)."""
    from exports.workbook_analysis import AnalysisRows

    columns = tuple(c.name for c in result.columns)
    thresholds = tuple((c.name, c.threshold) for c in result.columns if c.threshold is not None)
    return AnalysisRows(
        title=t("cli.analysis.sheet_title", "zh", title=result.campaign_title, year=result.round_year,
                kind=t(f"round.kind.{result.round_kind}", "zh")),
        leaves=tuple((leaf.code, leaf.name, leaf.max_score, leaf.losing, leaf.scored, leaf.average_loss,
                      leaf.total_loss) for leaf in result.leaves),
        level_names=columns,
        townships=tuple((g.name, g.schools, *g.counts, g.average_total) for g in result.townships),
        stages=tuple((g.name, g.schools, *g.counts, g.average_total) for g in result.stages),
        bins=tuple((b.low, b.high, b.count) for b in result.bins),
        thresholds=thresholds,
        near=tuple((n.code, n.name, n.township, n.total, n.next_name, n.gap) for n in result.near),
        movement=None if result.movement is None else (
            result.movement.previous_year, result.movement.raised, result.movement.kept, result.movement.lowered,
            result.movement.pending),
    )


def add_parsers(sub: Any, *, report: Any, notice: argparse.ArgumentParser, campaign_option: Any,
                format_option: Any) -> None:
    """``report analysis`` and the options of ``notice draft-problems`` (tui/cli.py calls this)."""
    from tui.cli import _verb

    r_analysis = _verb(report, "analysis", "help.report.analysis")
    campaign_option(r_analysis)
    format_option(r_analysis)
    r_analysis.add_argument("--limit", type=int, default=20, help=t("help.report.limit"))
    r_analysis.add_argument("--region", metavar="CODE", help=t("help.report.analysis_region"))
    r_analysis.add_argument("--year", type=int, metavar="YEAR", help=t("help.report.analysis_year"))
    r_analysis.set_defaults(school=None)
    notice.add_argument("--keep", action="store_true", help=t("help.notice.keep"))
    notice.add_argument("--top", type=int, default=3, help=t("help.notice.top"))


ROUTES: dict[tuple[str, str | None], Any] = {
    ("report", "analysis"): report_analysis,
    ("notice", "draft-problems"): draft_problems,
}

