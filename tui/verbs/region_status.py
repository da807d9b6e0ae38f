"""``status --region CODE`` and ``status --by-region``: a city's or province's year, one row per child
region (workflow/reads/region_status.py), with a totals row. The screen (tui/screens/regions.py)
shows the same table through ``region_table``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

import tui.verbs.region_status_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK
from tui.verbs.common import say, score_text, table
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor
    from workflow.reads.region_status import RegionRow, RegionStatus


def add_status_options(status: Any) -> None:
    """``--region CODE`` and ``--by-region`` on ``status`` (tui/cli.py calls this)."""
    status.add_argument("--region", dest="region_code", metavar="CODE", help=t("help.status.region"))
    status.add_argument("--by-region", action="store_true", help=t("help.status.by_region"))


def wanted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "region_code", None) or getattr(args, "by_region", False))


def region_table(status: RegionStatus) -> tuple[list[str], list[list[object]]]:
    """Headers and rows (the totals last): the schools, the overdue ones and the average verified total
    first (in sight at 80 columns), then the states any row counts, in declaration order, and the
    star levels."""
    from workflow.i18n import label
    from workflow.statemachine.declaration import STATES

    states = [s for s in STATES if status.total.states[s["name"]]]
    no_star = bool(status.total.stars[None])
    headers = [t("cli.region_status.col.code"), t("cli.region_status.col.region"), t("cli.region_status.col.schools"),
               t("cli.region_status.col.overdue"), t("cli.region_status.col.average"),
               *(label(s) for s in states), *(t("cli.region_status.star", level=lv) for lv in status.star_levels),
               *([t("word.no_star")] if no_star else [])]

    def cells(row: RegionRow, code: str, name: str) -> list[object]:
        return [code, name, row.schools, row.overdue, score_text(row.average_verified),
                *(row.states[s["name"]] for s in states), *(row.stars[lv] for lv in status.star_levels),
                *([row.stars[None]] if no_star else [])]

    rows = [cells(r, r.code, r.name) for r in status.rows]
    rows.append(cells(status.total, "", t("cli.region_status.total")))
    return headers, rows


def print_status(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.reads.region_status import region_status

    status = region_status(actor, getattr(args, "region_code", None), getattr(args, "round_year", None))
    if status.year is None:
        say("cli.region_status.no_year")
        return EXIT_OK
    if status.code:
        say("cli.region_status.head", name=status.name, code=status.code, year=status.year)
    else:
        say("cli.region_status.head_top", year=status.year)
    if len(status.years) > 1:
        say("cli.region_status.years", years=", ".join(str(y) for y in status.years))
    if not status.rows:
        say("cli.region_status.no_children")
        return EXIT_OK
    headers, rows = region_table(status)
    print(table(rows, headers, getattr(args, "format", "grid")))
    say("cli.region_status.overdue_note", today=status.today.isoformat())
    return EXIT_OK
