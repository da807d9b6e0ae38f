"""The distribution of verified totals as a picture: one bar per score bin (its count above it),
the star thresholds as red vertical lines with their score on top, counts up the left.

The bins are workflow.reads.analysis's (5 points wide, every threshold an edge), so a threshold
line always falls on the edge between two bars: the schools right of it are those that reach
that level's score. The x axis is linear in points; the count axis rises in 1, 2 or 5 x 10^k.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .chart_canvas import BAR, BLACK, GRID, LABEL, THRESHOLD, Canvas
from .chart_font import text_width
from .chart_scale import axis_top, score_label

WIDTH, HEIGHT = 1200, 600
LEFT, RIGHT, TOP, BOTTOM = 110, 40, 60, 70  # the plot's margins (the least left one): labels live there
SCALE = 3  # font cells of 3 x 3 pixels: 15 x 21 px digits, readable at 15 cm wide
GAP = 3  # pixels between neighbouring bars (a threshold line sits in it)
LINE = 3  # a threshold line's width
AXIS = 2
DPI = 200  # 1200 px = 15.2 cm: the notice's type area is 15.6 cm

Bins = Sequence[tuple[Decimal, Decimal, int]]  # (low, high, count), lowest first
Thresholds = Sequence[tuple[str, Decimal]]  # (level name, score)


@dataclass(frozen=True)
class Layout:
    """Where things go: a score's x, a count's y (tests read the picture with it)."""

    low: Decimal
    high: Decimal
    top: int  # the count at the top of the axis
    step: int
    left: int = LEFT  # the y axis: right of the widest count (200000 needs more than 12)

    @property
    def baseline(self) -> int:
        return HEIGHT - BOTTOM

    @property
    def plot_height(self) -> int:
        return HEIGHT - BOTTOM - TOP

    def x_of(self, score: Decimal) -> int:
        width = WIDTH - self.left - RIGHT
        return self.left + round((score - self.low) / (self.high - self.low) * width)

    def bar_height(self, count: int) -> int:
        return round(count * self.plot_height / self.top)


def layout(bins: Bins) -> Layout:
    if not bins:
        raise ValueError("no bins to draw")
    most = max(count for _low, _high, count in bins)
    top, step = axis_top(most)
    if top == most:  # a step of headroom: the tallest bar's count never meets the thresholds' scores
        top += step
    return Layout(bins[0][0], bins[-1][1], top, step, max(LEFT, text_width(str(top), SCALE) + 30))


def histogram_png(bins: Bins, thresholds: Thresholds) -> bytes:
    """The picture, as PNG bytes (the same bins always give the same bytes)."""
    place = layout(bins)
    canvas = Canvas(WIDTH, HEIGHT)
    base = place.baseline
    for count in range(0, place.top + 1, place.step):  # grid lines and the count labels
        y = base - place.bar_height(count)
        canvas.rect(place.left, y, WIDTH - place.left - RIGHT, 1, GRID)
        canvas.text(place.left - 12, y - 10, str(count), SCALE, anchor="right")
    bars = [(place.x_of(low) + GAP, place.x_of(high) - GAP, count) for low, high, count in bins]
    # The counts in one size: smaller digits when a big count is wider than its bar; a count that
    # does not fit even so is left to the table beside the picture.
    size = next((s for s in (SCALE, SCALE - 1)
                 if all(text_width(str(c), s) <= b - a + 2 * GAP for a, b, c in bars if c)), SCALE - 1)
    for left, right, count in bars:
        height = place.bar_height(count)
        if count and right > left:
            canvas.rect(left, base - height, right - left, height, BAR)
            if text_width(str(count), size) <= right - left + 2 * GAP:
                canvas.text((left + right) // 2, base - height - 7 - 7 * size, str(count), size, anchor="centre")
    _score_labels(canvas, place, bins)
    canvas.rect(place.left - AXIS, TOP, AXIS, base - TOP + AXIS, BLACK)  # the axes over the grid
    canvas.rect(place.left - AXIS, base, WIDTH - place.left - RIGHT + AXIS, AXIS, BLACK)
    for _name, score in thresholds:
        if place.low <= score <= place.high:
            x = place.x_of(score)
            canvas.rect(x - LINE // 2, TOP - 8, LINE, base - TOP + 8, THRESHOLD)
            canvas.text(x, TOP - 36, score_label(score), SCALE, THRESHOLD, anchor="centre")
    return canvas.png(DPI)


def _score_labels(canvas: Canvas, place: Layout, bins: Bins) -> None:
    """The bin edges under the axis, as many as fit without touching (every other one, …)."""
    edges = [bins[0][0], *(high for _low, high, _count in bins)]
    widest = max(text_width(score_label(edge), SCALE) for edge in edges)
    narrowest = max(1, min(place.x_of(b) - place.x_of(a) for a, b in zip(edges, edges[1:], strict=False)))
    every = 1
    while narrowest * every < widest + 12:
        every += 1
    chosen = edges[::every]
    if chosen[-1] != edges[-1]:  # the top score always shows; a neighbour too close gives way
        if place.x_of(edges[-1]) - place.x_of(chosen[-1]) < widest + 12:
            chosen.pop()
        chosen.append(edges[-1])
    for edge in chosen:
        x = place.x_of(edge)
        canvas.rect(x - 1, place.baseline + AXIS, 2, 8, BLACK)
        canvas.text(x, place.baseline + 18, score_label(edge), SCALE, LABEL, anchor="centre")
