"""`starcampus rubric check FILE`: validate a rubric file and summarise it.

The CLI (tui/cli.py) delegates here; `python -m rubrics check FILE` does the same
without the TUI installed.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rubrics.decimals import to_text
from rubrics.errors import RubricError
from rubrics.loader import resolve_rubric
from rubrics.model import Rubric


def summary(rubric: Rubric) -> str:
    leaves = rubric.leaves()
    lines = [
        f"{rubric.id}: {rubric.name} ({rubric.region} {rubric.version})".rstrip(),
        f"  indicators: {len(rubric.indicators)} first-level, {len(leaves)} scoring leaves",
        f"  maximum: {to_text(rubric.max_total())} "
        f"(base {to_text(rubric.base_max)}, extension {to_text(rubric.extension_max)}"
        + (f", bonus cap {to_text(rubric.bonus.cap)})" if rubric.bonus else ")"),
    ]
    for star in rubric.star_levels:
        mark = "  [暂定 provisional]" if star.provisional else ""
        lines.append(f"  {star.name_zh} / {star.name_en}: {to_text(star.threshold)} ({star.authority}){mark}")
    for veto in rubric.vetoes:
        mark = "  [暂定 provisional]" if veto.provisional else ""
        lines.append(f"  一票否决 {veto.code}: {veto.text}{mark}")
    provisional = [i.code for i in rubric.walk() if i.provisional]
    if rubric.is_provisional:
        lines.append(f"  暂定 provisional: {len(provisional)} indicators; see [provenance]")
    return "\n".join(lines)


def check(target: str) -> tuple[int, str]:
    """Exit status and text to print: 0 and a summary, or 1 and every problem."""
    try:
        rubric = resolve_rubric(target)
    except RubricError as error:
        count = len(error.problems)
        return 1, f"{error}\n{count} problem{'s' if count != 1 else ''} found; the rubric was not loaded."
    return 0, f"OK\n{summary(rubric)}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 2 or args[0] != "check":
        print("usage: python -m rubrics check FILE_OR_ID", file=sys.stderr)
        return 2
    status, text = check(args[1])
    print(text, file=sys.stdout if status == 0 else sys.stderr)
    return status
