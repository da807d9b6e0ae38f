"""The analysis as figures for a document: each picture (PNG) with its caption and a short table
of the numbers it shows, worded from exports/messages.py in the document's language.

Figure 1, the distribution of verified totals with the star thresholds (chart_histogram.py),
comes with the schools per star band; figure 2, the indicators most schools lost points on
(chart_losses.py), with their codes, names and average losses. The workbook's 分析 sheet and
the notice's appendix (附件) both take them from here.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from decimal import Decimal

from .analysis_rows import AnalysisRows
from .chart_histogram import histogram_png
from .chart_losses import losing_leaves, losses_png
from .messages import render
from .text import format_score

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class Figure:
    png: bytes
    caption: str  # 图1 核定总分分布（竖线为星级分数线）
    table_title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    kind: str = ""  # distribution or losses

    @property
    def size(self) -> tuple[int, int]:
        """(width, height) in pixels, from the PNG's IHDR."""
        width, height = struct.unpack(">II", self.png[16:24])
        return int(width), int(height)


def analysis_figures(rows: AnalysisRows, lang: str = "zh",
                     order: tuple[str, ...] = ("distribution", "losses")) -> tuple[Figure, ...]:
    """The figures there are numbers for (none before any school has a verified total), in
    ``order`` and numbered so: a document shows 图1 before 图2 whatever it puts first."""
    figures: list[Figure] = []
    for kind in order:
        made = _distribution(rows, lang, len(figures) + 1) if kind == "distribution" else \
            _losses(rows, lang, len(figures) + 1)
        if made is not None:
            figures.append(made)
    return tuple(figures)


def _distribution(rows: AnalysisRows, lang: str, number: int) -> Figure | None:
    if not rows.bins:
        return None
    return Figure(
        histogram_png(rows.bins, rows.thresholds),
        render("chart.distribution.caption", lang, number=number),
        render("chart.table.caption", lang, number=number, title=render("chart.bands.title", lang)),
        tuple(render(f"chart.bands.{key}", lang) for key in ("level", "range", "schools")),
        band_rows(rows, lang), kind="distribution")


def _losses(rows: AnalysisRows, lang: str, number: int) -> Figure | None:
    picture = losses_png(rows.leaves)
    if picture is None:
        return None
    shown = losing_leaves(rows.leaves)
    return Figure(
        picture,
        render("chart.losses.caption", lang, number=number, count=len(shown)),
        render("chart.table.caption", lang, number=number, title=render("chart.losses.title", lang)),
        tuple(render(f"chart.losses.{key}", lang) for key in ("rank", "code", "name", "losing", "average")),
        tuple((str(rank), str(leaf[0]), str(leaf[1]), str(leaf[3]), _score(leaf[5]))
              for rank, leaf in enumerate(shown, 1)), kind="losses")


def _score(value: object) -> str:
    return format_score(value) if isinstance(value, Decimal) else "" if value is None else str(value)


def band_rows(rows: AnalysisRows, lang: str = "zh") -> tuple[tuple[str, ...], ...]:
    """Per star level, highest first, the schools whose verified total lies between its threshold
    and the next one up; the schools below the lowest threshold last (the no-level name)."""
    lines = sorted(rows.thresholds, key=lambda pair: pair[1], reverse=True)
    result = []
    above: Decimal | None = None
    for name, threshold in lines:
        count = sum(c for low, _high, c in rows.bins if low >= threshold and (above is None or low < above))
        if above is None:
            words = render("chart.bands.from", lang, low=format_score(threshold))
        else:
            words = render("chart.bands.between", lang, low=format_score(threshold), top=format_score(above - TENTH))
        result.append((name, words, str(count)))
        above = threshold
    if lines:
        lowest = lines[-1][1]
        count = sum(c for low, _high, c in rows.bins if low < lowest)
        no_level = rows.level_names[-1] if rows.level_names else ""
        result.append((no_level, render("chart.bands.below", lang, high=format_score(lowest)), str(count)))
    return tuple(result)
