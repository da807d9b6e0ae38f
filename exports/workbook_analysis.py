"""The workbook's 分析 sheet: the round's analysis as plain rows (issue 13).

The rows are worded and computed by the caller (tui/verbs/analysis.py ``workbook_rows`` from
workflow.reads.analysis); this module only lays them out, in Chinese like the workbook's other
sheets. Blocks one under the other: indicators ranked by lost points, townships, stages, the
distribution of verified totals (with a text bar and the star threshold each bin starts), the
schools within 5 points of the next level, and the movement since the last round. Under the
ranking and under the distribution, their chart as a picture (exports/chart_figures.py) with
its caption above it, on rows left empty for it.
"""

from __future__ import annotations

from collections.abc import Callable

from openpyxl.utils import get_column_letter

from .analysis_rows import AnalysisRows
from .chart_figures import Figure, analysis_figures
from .text import format_score
from .xlsx_drawing import SheetImage
from .xlsx_stream import STYLE_HEADER, STYLE_PLAIN, STYLE_SCORE, PageSetup, SheetWriter, XlsxStream

ANALYSIS_SHEET = "分析"
WIDTHS = [10, 28, 12, 10, 10, 10, 10, 10, 10, 12]
BAR_WIDTH = 40
PICTURE_SCALE = 0.6  # a 1200 px chart shows 720 px wide: inside columns A-J (about 900 px)
ROW_PIXELS = 20  # the default row (15 pt) at 96 dpi
# Figures in the sheet's order: the losses under the ranking (一), the distribution under 四.
SHEET_ORDER = ("losses", "distribution")


def _bar(count: int, most: int) -> str:
    return "" if not count else "█" * max(1, round(BAR_WIDTH * count / max(1, most)))


def _heading(sheet: SheetWriter, text: str) -> None:
    # Merged across the sheet: a heading prints on one line instead of wrapping inside column A.
    row = sheet.rows_written + 1
    sheet.merge(f"A{row}:{get_column_letter(len(WIDTHS))}{row}")
    sheet.append([text], style=STYLE_HEADER)


def _picture(sheet: SheetWriter, figure: Figure | None) -> None:
    """The figure's caption, then the picture on the rows under it, left empty for it, on a new
    printed page."""
    if figure is None:
        return
    sheet.page_break()  # printed, the chart starts a page: never cut in two across pages
    sheet.append([figure.caption])
    width, height = figure.size
    shown = (round(width * PICTURE_SCALE), round(height * PICTURE_SCALE))
    sheet.add_image(SheetImage(figure.png, 0, sheet.rows_written + 1, *shown, description=figure.caption))
    for _row in range(-(-shown[1] // ROW_PIXELS) + 1):
        sheet.append([])


def analysis_fill(rows: AnalysisRows) -> Callable[[SheetWriter], None]:
    figures = {figure.kind: figure for figure in analysis_figures(rows, "zh", SHEET_ORDER)}

    def fill(sheet: SheetWriter) -> None:
        _heading(sheet, rows.title)  # worded by the caller: "…星级评定：2026年年度复核分析"
        sheet.append([])
        _heading(sheet, "一、各指标失分排名（失分 = 满分 − 核定分；平均失分按失分学校计）")
        sheet.append(["排名", "代码", "指标", "满分", "失分学校", "已核定", "平均失分", "合计失分"], style=STYLE_HEADER)
        for rank, leaf in enumerate(rows.leaves, 1):
            sheet.append([rank, *leaf], number_style=STYLE_SCORE, integer_style=STYLE_PLAIN)
        _picture(sheet, figures.get("losses"))
        for title, head, groups in (("二、各乡镇星级与平均核定总分", "乡镇", rows.townships),
                                    ("三、各学段星级与平均核定总分", "学段", rows.stages)):
            sheet.append([])
            _heading(sheet, title)
            sheet.append([head, "学校数", *rows.level_names, "平均核定总分"], style=STYLE_HEADER)
            for group in groups:
                sheet.append(list(group), number_style=STYLE_SCORE, integer_style=STYLE_PLAIN)
        sheet.append([])
        _heading(sheet, "四、核定总分分布（每格5分）")
        sheet.append(["分数段", "学校数", "星级分数线", "分布"], style=STYLE_HEADER)
        starts = {threshold: name for name, threshold in rows.thresholds}
        most = max((count for _low, _high, count in rows.bins), default=0)
        for low, high, count in rows.bins:
            line = f"{format_score(low)}分 {starts[low]}" if low in starts else None
            sheet.append([f"{format_score(low)}–{format_score(high)}", count, line, _bar(count, most)])
        _picture(sheet, figures.get("distribution"))
        sheet.append([])
        _heading(sheet, "五、距上一星级5分以内的学校")
        sheet.append(["学校代码", "学校名称", "乡镇", "核定总分", "上一星级", "差距"], style=STYLE_HEADER)
        for school in rows.near:
            sheet.append(list(school), number_style=STYLE_SCORE, integer_style=STYLE_PLAIN)
        sheet.append([])
        if rows.movement is None:
            _heading(sheet, "六、与上一轮相比：本轮是首轮")
        else:
            year, raised, kept, lowered, pending = rows.movement
            _heading(sheet, f"六、与{year}年相比")
            sheet.append(["晋级", "保持", "降级", "尚未办结"], style=STYLE_HEADER)
            sheet.append([raised, kept, lowered, pending])

    return fill


def write_analysis_sheet(book: XlsxStream, rows: AnalysisRows | None) -> None:
    """Add the 分析 sheet to an open workbook; nothing when there are no rows (exports/workbook.py)."""
    if rows is not None:
        book.write_sheet(ANALYSIS_SHEET, analysis_fill(rows), widths=WIDTHS, page=PageSetup())
