"""The notice's appendices (附件), laid out per GB/T 9704-2012: the 附件说明 line under the text
and each appendix on pages of its own after the signature.

7.3.6: under the text, one blank line, then 左空二字 "附件：" and the appendix's name (several:
"附件：1.…", each on its line, numbers aligned), no stop after a name; a name that wraps lines
up under its first character. 8: each appendix starts a new page, "附件" (with its number when
there are several) in 3号黑体 flush left on the first line, its title centred on the second, the
rest formatted as the text. The analysis appendix holds the charts (exports/chart_figures.py):
each picture with its caption under it, then its table with the table's title above it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH

from .analysis_rows import AnalysisRows
from .chart_figures import Figure, analysis_figures
from .docx_base import (
    BODY_FONT,
    HEITI,
    SIZE_2,
    TITLE_FONT,
    add_blank_line,
    add_picture,
    add_runs,
    add_title,
    set_exact_spacing,
    set_hanging_chars,
)
from .docx_table import add_table
from .messages import render
from .text import clean_text, split_title, typeset_width

PICTURE_MM = 150.0  # inside the 156 mm type area
TITLE_CAPACITY = 19  # 2号 characters a title line holds (as the notice's own title)
LEFT, CENTRE = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
# The tables' columns (mm, 156 at most): the star bands, the indicators.
TABLE_WIDTHS = {3: (40.0, 70.0, 40.0), 5: (18.0, 22.0, 66.0, 25.0, 25.0)}


@dataclass(frozen=True)
class Appendix:
    title: str
    figures: tuple[Figure, ...]


def analysis_appendix(rows: AnalysisRows, lang: str = "zh") -> Appendix | None:
    """The charts of the round's analysis as an appendix; None when there is nothing to chart."""
    figures = analysis_figures(rows, lang)
    return Appendix(render("chart.appendix.title", lang), figures) if figures else None


def add_appendix_note(document: Document, appendices: Sequence[Appendix], lang: str = "zh") -> None:
    """The 附件说明 under the text: one blank line, then "附件：name" (numbered when several)."""
    if not appendices:
        return
    add_blank_line(document)
    lead = render("chart.appendix.line", lang)
    lead_chars = typeset_width(lead)
    several = len(appendices) > 1
    for number, appendix in enumerate(appendices, 1):
        mark = f"{number}." if several else ""
        paragraph = document.add_paragraph()
        set_exact_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        # 左空二字; a wrapped name lines up under its first character (after "附件：" and "1.").
        hang = typeset_width(mark)
        set_hanging_chars(paragraph, 2 + lead_chars + hang, (lead_chars if number == 1 else 0) + hang)
        text = (lead if number == 1 else "") + mark + clean_text(appendix.title).strip().rstrip("。.；;，,")
        add_runs(paragraph, [(text, BODY_FONT)])


def add_appendices(document: Document, appendices: Sequence[Appendix], lang: str = "zh") -> None:
    """Each appendix from a new page: its label, its title, then its figures and tables."""
    several = len(appendices) > 1
    for number, appendix in enumerate(appendices, 1):
        label = document.add_paragraph()
        set_exact_spacing(label)
        label.paragraph_format.page_break_before = True
        add_runs(label, [(render("chart.appendix.label", lang) + (str(number) if several else ""), HEITI)])
        add_title(document, split_title(appendix.title, TITLE_CAPACITY), TITLE_FONT, SIZE_2)
        add_blank_line(document)
        for figure in appendix.figures:
            _figure(document, figure)


def _centred(document: Document, text: str, font: str = BODY_FONT) -> None:
    paragraph = document.add_paragraph()
    set_exact_spacing(paragraph)
    paragraph.alignment = CENTRE
    add_runs(paragraph, [(text, font)])


def _figure(document: Document, figure: Figure) -> None:
    picture = add_picture(document, figure.png, PICTURE_MM)
    picture.paragraph_format.keep_with_next = True  # the caption never on the next page alone
    _centred(document, figure.caption)
    add_blank_line(document)
    title = document.add_paragraph()
    set_exact_spacing(title)
    title.alignment = CENTRE
    title.paragraph_format.keep_with_next = True
    add_runs(title, [(figure.table_title, HEITI)])
    widths = TABLE_WIDTHS.get(len(figure.headers), tuple([156.0 / len(figure.headers)] * len(figure.headers)))
    aligns = [CENTRE] * len(figure.headers)
    if len(figure.headers) == 5:
        aligns[2] = LEFT  # the indicator's name reads from the left
    add_table(document, figure.headers, figure.rows, widths, aligns)
    add_blank_line(document)
