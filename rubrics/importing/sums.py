"""Which child of an indicator whose children do not add up is most likely the wrong one.

An officer fixes one cell, so the refusal should point at it: a child whose own children
already add up to the value that would make its parent's sum agree (its stated points are the
typo), or else the last child whose points can take the difference (the row most often added or
changed last). None when no child can.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rubrics.decimals import is_half_step
from rubrics.model import Points


@dataclass(frozen=True)
class Child:
    points: Points
    own_sum: Points | None = None  # its children's sum, when it has children that all have points


def _same(a: Points, b: Points) -> bool:
    return a.base == b.base and a.extension == b.extension


def total(points: list[Points]) -> Points:
    return Points(sum((p.base for p in points), Decimal(0)), sum((p.extension for p in points), Decimal(0)))


def suspect(stated: Points, children: list[Child]) -> tuple[int, Points] | None:
    """(index of the child most likely wrong, the points that would make the sum agree)."""
    found = total([child.points for child in children])
    base, extension = stated.base - found.base, stated.extension - found.extension

    def fixed(child: Child) -> Points | None:
        new = Points(child.points.base + base, child.points.extension + extension)
        if new.base < 0 or new.extension < 0 or new.total == 0:
            return None
        if not (is_half_step(new.base) and is_half_step(new.extension)):
            return None
        return new

    for index, child in enumerate(children):
        new = fixed(child)
        if new is not None and child.own_sum is not None and _same(child.own_sum, new):
            return index, new
    for index in range(len(children) - 1, -1, -1):
        new = fixed(children[index])
        if new is not None:
            return index, new
    return None
