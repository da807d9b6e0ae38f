"""The score workbook's columns: first-level groups and their subtotals, header heights, pages across.

A first-level indicator (一级指标) is printed as its leaves' 自评/核定 pairs followed by its own
subtotal pair, so a printed page reads as the official table does: the leaves, then what the
area came to. The bonus items (奖励加分) are one group whose subtotal is capped as the total is.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from rubrics.model import Rubric

from .text import display_width

LINE_PT = 15.0  # one line of 11 pt text, as LibreOffice and Excel space it
PAD_PT = 6.0
# A4 landscape less 0.4 in margins, in points, and a column-width unit (one digit of 11 pt 等线)
# in points with its cell padding: what decides how many pages a row of columns needs.
PRINT_WIDTH_PT = 842 - 2 * 0.4 * 72
UNIT_PT = 5.6
MIN_SCALE = 0.6  # below this 11 pt prints under 7 pt: more pages across, each still readable


@dataclass(frozen=True)
class Group:
    """One first-level indicator: its code and name, its maximum, and how many leaves follow."""

    code: str
    name: str
    maximum: Decimal
    leaves: int
    cap: Decimal | None = None  # the bonus cap: the subtotal never exceeds it

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}" if self.code else self.name


def first_levels(rubric: Rubric) -> tuple[Group, ...]:
    """The rubric's first-level indicators in leaf order (rubric.leaves()), bonus items as one group."""
    groups = [Group(i.code, i.name, i.max_score, sum(1 for x in i.walk() if x.is_leaf)) for i in rubric.indicators]
    if rubric.bonus is not None and rubric.bonus.items:
        leaves = sum(1 for item in rubric.bonus.items for x in item.walk() if x.is_leaf)
        groups.append(Group("", "奖励加分", rubric.bonus.reachable, leaves, cap=rubric.bonus.cap))
    return tuple(groups)


def subtotal(values: Sequence[Decimal | None], group: Group) -> Decimal | None:
    """The sum of the scored leaves (None when none is scored), capped for the bonus group."""
    scored = [v for v in values if v is not None]
    if not scored:
        return None
    if not all(v.is_finite() for v in scored):  # a NaN or infinite leaf: no subtotal, not a crash or the cap
        return None
    total = sum(scored, Decimal(0))
    return min(total, group.cap) if group.cap is not None else total


def lines_needed(text: str, width_units: float) -> int:
    """How many lines ``text`` wraps to in a cell ``width_units`` wide (a CJK character is two units)."""
    room = max(1.0, width_units - 1.5)  # the cell's own padding
    return max(1, math.ceil(2 * display_width(text) / room))


TITLE_LINE_PT = 20.0  # a line of the 14 pt title style


def row_height(lines: int, line_pt: float = LINE_PT) -> float:
    return line_pt * lines + PAD_PT


def pages_across(widths: Sequence[float], title_units: float) -> int:
    """Pages a printed row needs so that no page is scaled below MIN_SCALE; the title columns
    repeat on each page, so each page holds them and a share of the rest."""
    room = PRINT_WIDTH_PT / (UNIT_PT * MIN_SCALE) - title_units
    body = sum(widths) - title_units
    return max(1, math.ceil(body / room)) if room > 0 else 1
