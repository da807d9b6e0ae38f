"""The round's analysis as plain rows, for the writers (exports never import workflow): built by
tui/verbs/analysis.py ``workbook_rows`` from workflow.reads.analysis, read by the workbook's 分析
sheet (workbook_analysis.py) and the charts (chart_figures.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AnalysisRows:
    title: str  # the sheet's title line, whole: "…星级评定：2026年年度复核分析"
    # (code, name, max, losing schools, scored schools, average loss, total loss), ranked
    leaves: tuple[tuple[object, ...], ...]
    level_names: tuple[str, ...]  # the level columns of the township and stage rows, no level last
    townships: tuple[tuple[object, ...], ...]  # (name, schools, *counts per level, average total)
    stages: tuple[tuple[object, ...], ...]
    bins: tuple[tuple[Decimal, Decimal, int], ...]  # (low, high, count), lowest first
    thresholds: tuple[tuple[str, Decimal], ...]  # (level name, threshold)
    near: tuple[tuple[object, ...], ...]  # (code, name, township, total, next level, gap)
    movement: tuple[int, int, int, int, int] | None  # (previous year, raised, kept, lowered, pending)
