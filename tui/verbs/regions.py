"""Verbs for jurisdictions: ``region add``, ``region import``, ``region list``, ``region recode``,
``region remove``; assigning experts
(``verification assign``)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tui.verbs.region_strings  # noqa: F401  - registers this file's keys
from tui.exit_codes import EXIT_OK
from tui.verbs.common import counted, say
from workflow.i18n import t

if TYPE_CHECKING:
    from workflow.permissions import Actor


def add_parsers(sub: Any, *, verification: Any) -> None:
    """``region add|import|list|recode|remove`` and ``verification assign`` (tui/cli.py calls this)."""
    from tui.cli import _group, _verb

    region = _group(sub, "region", "help.region")
    r_add = _verb(region, "add", "help.region.add")
    r_add.add_argument("code", help=t("help.region.code"))
    r_add.add_argument("name", help=t("help.region.name"))
    r_add.add_argument("--parent", metavar="CODE", help=t("help.region.parent"))
    r_imp = _verb(region, "import", "help.region.import")
    r_imp.add_argument("file", help=t("help.region.file"))
    _verb(region, "list", "help.region.list")
    r_recode = _verb(region, "recode", "help.region.recode")
    r_recode.add_argument("old_code", metavar="PLACEHOLDER", help=t("help.region.recode.old"))
    r_recode.add_argument("code", help=t("help.region.recode.new"))
    r_recode.add_argument("--parent", metavar="CODE", help=t("help.region.parent"))
    r_recode.add_argument("--name", help=t("help.region.recode.name"))
    r_remove = _verb(region, "remove", "help.region.remove")
    r_remove.add_argument("code", help=t("help.region.remove.code"))
    v_assign = _verb(verification, "assign", "help.verification.assign")
    v_assign.add_argument("expert", help=t("help.verification.expert"))
    v_assign.add_argument("codes", nargs="+", metavar="CODE", help=t("help.verification.codes"))
    v_assign.add_argument("--round", dest="round_year", type=int, metavar="YEAR", help=t("help.round.option"))
    v_assign.add_argument("--campaign", type=int, help=t("help.campaign_id"))


def region_add(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.regions import add_region

    row = add_region(actor, args.code, args.name, parent=args.parent)
    say("cli.region.added", code=row.code, name=row.name)
    return EXIT_OK


def region_import(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.regions import import_regions

    done = import_regions(actor, Path(args.file))
    say("cli.region.imported", added=len(done.added), unchanged=done.unchanged, file=args.file)
    return EXIT_OK


def region_list(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.region_recode import is_placeholder
    from workflow.reads.regions import region_tree

    lines = region_tree(actor)
    if not lines:
        say("cli.region.none")
        return EXIT_OK
    # A tree, as `tree` draws one (not a table: its cells' leading spaces would be trimmed, and the nesting
    # with them). A placeholder from the upgrade says so: it waits for ``region recode``.
    for line, prefix in zip(lines, tree_prefixes([line.depth for line in lines]), strict=True):
        level = t("region.level.placeholder" if is_placeholder(line.code) else f"region.level.{line.level}")
        print(prefix + t("cli.region.tree_line", code=line.code, name=line.name, level=level))
    return EXIT_OK


def tree_prefixes(depths: list[int]) -> list[str]:
    """What each line of a depth-first tree is drawn after: "├─ " or "└─ " (its parent's last child), under
    "│  " for each ancestor that has a later sibling, "   " for one that has none; nothing at depth 0."""
    prefixes = []
    for i, depth in enumerate(depths):
        def last(at: int, d: int) -> bool:  # no later sibling of the line at ``at`` (depth ``d``)
            for later in depths[at + 1:]:
                if later <= d:
                    return later < d
            return True

        ancestors = [next(j for j in range(i, -1, -1) if depths[j] == d) for d in range(1, depth)]
        drawn = "".join("   " if last(j, depths[j]) else "│  " for j in ancestors)
        prefixes.append(drawn + ("└─ " if last(i, depth) else "├─ ") if depth else "")
    return prefixes


def region_recode(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.region_recode import recode_region

    done = recode_region(actor, args.old_code, args.code, parent=args.parent, name=args.name)
    say("cli.region.recoded", old=done.old_code, code=done.code, name=done.name,
        parent=done.parent_code or "-", schools=counted(done.schools, "school"),
        campaigns=counted(done.campaigns, "campaign"), users=counted(done.users, "user"))
    if done.adopted:
        say("cli.region.adopted", code=done.code, below=", ".join(done.adopted))
    return EXIT_OK


def region_remove(args: argparse.Namespace, actor: Actor) -> int:
    from workflow.doors.region_remove import remove_region

    done = remove_region(actor, args.code)
    say("cli.region.removed", code=done.code, name=done.name)
    return EXIT_OK


def verification_assign(args: argparse.Namespace, actor: Actor) -> int:
    from tui.verbs.common import campaign_id_of
    from workflow.doors.assignments import assign_experts

    round_row, added = assign_experts(actor, args.expert, args.codes, campaign_id=campaign_id_of(args),
                                      round_year=args.round_year)
    say("cli.assign.done", expert=args.expert, year=round_row.year, added=len(added), count=len(args.codes))
    return EXIT_OK


ROUTES: dict[tuple[str, str | None], Any] = {
    ("region", "add"): region_add,
    ("region", "import"): region_import,
    ("region", "list"): region_list,
    ("region", "recode"): region_recode,
    ("region", "remove"): region_remove,
    ("verification", "assign"): verification_assign,
}
