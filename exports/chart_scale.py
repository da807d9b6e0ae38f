"""The count axis of a chart: a round top (1, 2 or 5 times a power of ten) and its ticks."""

from __future__ import annotations

from decimal import Decimal

from .text import format_score


def nice_step(most: int, ticks: int = 5) -> int:
    """The tick step for counts up to ``most``: 1, 2 or 5 x 10^k, about ``ticks`` steps."""
    rough = max(1, most) / ticks
    power = 1
    while power * 10 <= rough:
        power *= 10
    for factor in (1, 2, 5, 10):
        if factor * power >= rough:
            return factor * power
    return 10 * power


def axis_top(most: int, ticks: int = 5) -> tuple[int, int]:
    """(top, step): the smallest multiple of the step at or above ``most`` (at least one step)."""
    step = nice_step(most, ticks)
    top = max(step, -(-max(1, most) // step) * step)
    return top, step


def score_label(value: Decimal) -> str:
    """A score as the axis prints it: 80, 82.5 (no trailing zeros)."""
    return format_score(value)
