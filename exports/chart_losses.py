"""Where schools lose points, as a picture: the leaf indicators most schools lost points on, one
horizontal bar each (most first), its length the number of losing schools, the number at its end.

Bars are labelled with the indicator's code (1.1, A2.3); a code the bitmap font cannot draw is
labelled with its rank instead, which the table beside the picture gives too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .chart_canvas import BAR, BLACK, GRID, LABEL, Canvas
from .chart_font import drawable, text_width
from .chart_scale import axis_top

WIDTH = 1200
ROW = 48  # pixels a bar's row takes
BAR_HEIGHT = 30
TOP, BOTTOM, RIGHT = 20, 60, 90
SCALE = 3
AXIS = 2
DPI = 200
TOP_LEAVES = 10

# (code, name, max, losing schools, scored schools, average loss, total loss), ranked (AnalysisRows.leaves)
Leaves = Sequence[tuple[object, ...]]


@dataclass(frozen=True)
class Layout:
    left: int  # the bars start here, after the widest code
    top: int  # the count at the end of the axis
    step: int
    rows: int
    right: int = RIGHT  # room for the longest bar's count after it

    @property
    def height(self) -> int:
        return TOP + self.rows * ROW + BOTTOM

    def bar_length(self, count: int) -> int:
        return round(count * (WIDTH - self.left - self.right) / self.top)

    def bar_top(self, index: int) -> int:
        return TOP + index * ROW + (ROW - BAR_HEIGHT) // 2


def losing_leaves(leaves: Leaves, top: int = TOP_LEAVES) -> list[tuple[object, ...]]:
    """The first ``top`` ranked leaves that some school lost points on."""
    return [leaf for leaf in leaves if int(str(leaf[3])) > 0][:top]


def labels(shown: Leaves) -> list[str]:
    return [str(leaf[0]) if drawable(str(leaf[0])) else str(rank) for rank, leaf in enumerate(shown, 1)]


def layout(shown: Leaves) -> Layout:
    if not shown:
        raise ValueError("no leaf lost points")
    widest = max(text_width(label, SCALE) for label in labels(shown))
    most = max(int(str(leaf[3])) for leaf in shown)
    top, step = axis_top(most)
    return Layout(widest + 40, top, step, len(shown), max(RIGHT, text_width(str(most), SCALE) + 24))


def losses_png(leaves: Leaves, top: int = TOP_LEAVES) -> bytes | None:
    """The picture as PNG bytes, or None when no school lost points."""
    shown = losing_leaves(leaves, top)
    if not shown:
        return None
    place = layout(shown)
    canvas = Canvas(WIDTH, place.height)
    bottom = TOP + place.rows * ROW
    for count in range(0, place.top + 1, place.step):  # grid lines, the counts under the axis
        x = place.left + place.bar_length(count)
        canvas.rect(x, TOP, 1, bottom - TOP, GRID)
        canvas.text(x, bottom + 16, str(count), SCALE, LABEL, anchor="centre")
    for index, (leaf, label) in enumerate(zip(shown, labels(shown), strict=True)):
        y = place.bar_top(index)
        count = int(str(leaf[3]))
        length = place.bar_length(count)
        canvas.rect(place.left, y, length, BAR_HEIGHT, BAR)
        text_top = y + (BAR_HEIGHT - 21) // 2
        canvas.text(place.left - 14, text_top, label, SCALE, LABEL, anchor="right")
        canvas.text(place.left + length + 10, text_top, str(count), SCALE, LABEL)
    canvas.rect(place.left - AXIS, TOP, AXIS, bottom - TOP + AXIS, BLACK)
    canvas.rect(place.left - AXIS, bottom, WIDTH - place.left - place.right + AXIS, AXIS, BLACK)
    return canvas.png(DPI)
