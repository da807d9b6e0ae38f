"""A palette canvas the charts draw on: filled rectangles and text, written out as PNG.

Pixels are palette indices in one bytearray (a 1200 x 600 chart is 720 kB while drawn); a
rectangle fills whole row slices, so drawing is a few hundred slice assignments, not a loop
over pixels. Everything is clipped to the canvas.
"""

from __future__ import annotations

from .chart_font import draw_text, text_height, text_width
from .chart_png import encode_png

# The charts' colours, by palette index.
WHITE, BLACK, GRID, BAR, THRESHOLD, LABEL = range(6)
PALETTE: tuple[tuple[int, int, int], ...] = (
    (255, 255, 255),  # background
    (0, 0, 0),  # axes
    (221, 221, 221),  # grid lines
    (70, 120, 180),  # bars
    (200, 30, 30),  # the star thresholds
    (60, 60, 60),  # numbers
)


class Canvas:
    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.pixels = bytearray(width * height)  # WHITE everywhere
        self.colour = BLACK

    def rect(self, x: int, y: int, width: int, height: int, colour: int | None = None) -> None:
        """Fill the rectangle whose top-left corner is (x, y)."""
        left, right = max(0, x), min(self.width, x + width)
        top, bottom = max(0, y), min(self.height, y + height)
        if left >= right or top >= bottom:
            return
        run = bytes([self.colour if colour is None else colour]) * (right - left)
        for row in range(top, bottom):
            start = row * self.width + left
            self.pixels[start:start + len(run)] = run

    def text(self, x: int, y: int, text: str, scale: int, colour: int = LABEL, *, anchor: str = "left") -> None:
        """``text`` with its top at ``y``; ``anchor`` left, centre or right: where ``x`` is."""
        width = text_width(text, scale)
        left = x - width // 2 if anchor == "centre" else x - width if anchor == "right" else x
        self.colour = colour
        draw_text(self.rect, left, y, text, scale)
        self.colour = BLACK

    def text_box(self, text: str, scale: int) -> tuple[int, int]:
        return text_width(text, scale), text_height(scale)

    def png(self, dpi: int = 0) -> bytes:
        return encode_png(self.width, self.height, PALETTE, self.pixels, dpi=dpi)
