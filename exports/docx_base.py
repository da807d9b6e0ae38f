"""An A4 Chinese base document for python-docx, laid out per GB/T 9704-2012.

python-docx's built-in template is US Letter with a Japanese theme font and no East-Asian
font on runs. ``new_document`` fixes page size, margins, the 22x28 grid, the document
defaults and the theme, and the helpers below set ``w:eastAsia`` on every run they make.

Fonts: Word has no per-run fallback list, so the run names the preferred font and the
fallbacks are documented (docs/exports.md); LibreOffice substitutes a CJK font it has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import docx
from docx.document import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .text import typeset_width

# Fonts (first choice; fallbacks in docs/exports.md).
TITLE_FONT = "方正小标宋简体"  # 小标宋; fallbacks 华文中宋, 宋体, Noto Serif CJK SC
BODY_FONT = "仿宋_GB2312"  # 仿宋; fallbacks 仿宋, FangSong, AR PL UMing
HEITI = "黑体"  # 一、 headings; fallbacks SimHei, Noto Sans CJK SC
KAITI = "楷体_GB2312"  # （一） headings; fallbacks 楷体, KaiTi, AR PL UKai
SONGTI = "宋体"  # page numbers; fallbacks SimSun, Noto Serif CJK SC

# Chinese point sizes.
SIZE_2 = 22.0  # 二号
SIZE_3 = 16.0  # 三号
SIZE_4 = 14.0  # 四号
SIZE_XIAO4 = 12.0  # 小四
SIZE_5 = 10.5  # 五号

# GB/T 9704-2012 type area: 156 mm x 225 mm, 22 lines of 28 characters.
PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
LINE_PITCH_PT = 28.95
CHARS_PER_LINE = 28
FOOTER_DISTANCE_MM = 25
# 28 characters of 16 pt do not fit 156 mm (448 pt > 442.2 pt). The grid is "linesAndChars"
# with charSpace -848 (a 15.79 pt pitch), so Word and WPS show "每行28字" and set 28; 3号 runs
# are also condensed by 0.25 pt (w:spacing -5) so that 28 x 15.75 pt fits where the grid is
# not applied. LibreOffice lays a linesAndChars grid out its own way (mixed Latin and CJK
# lines spread out), so exports/render.py hands it a "lines" grid: see libreoffice_copy.
BODY_CHAR_SPACING = -5
GRID_TYPE = "linesAndChars"

_PT_PER_MM = 72 / 25.4
TYPE_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * _PT_PER_MM
CHAR_PITCH_PT = TYPE_WIDTH_PT / CHARS_PER_LINE  # 15.79 pt: one character of the grid


def _char_space(font_pt: float = SIZE_3) -> int:
    """w:charSpace for 28 characters per line: (pitch - font size) in 1/4096 pt."""
    width_pt = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) * _PT_PER_MM
    return round((width_pt / CHARS_PER_LINE - font_pt) * 4096)


def _set_attrs(el: Any, **attrs: str) -> None:
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)


def _child(parent: Any, tag: str) -> Any:
    """Return the first ``w:tag`` child of ``parent``, creating it at the end if absent."""
    found = parent.find(qn(f"w:{tag}"))
    if found is None:
        found = OxmlElement(f"w:{tag}")
        parent.append(found)
    return found


def set_rfonts(rfonts: Any, font: str) -> None:
    """Name ``font`` for every script and drop the theme font references."""
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)
    _set_attrs(rfonts, ascii=font, hAnsi=font, eastAsia=font, cs=font)


def _fix_defaults(document: Document) -> None:
    styles = document.styles.element
    # No theme fonts anywhere: styles that named them now inherit the defaults below.
    for rfonts in styles.iter(qn("w:rFonts")):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            rfonts.attrib.pop(qn(f"w:{attr}"), None)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_rfonts(_child(rpr, "rFonts"), BODY_FONT)
    _set_attrs(_child(rpr, "sz"), val=str(int(SIZE_3 * 2)))
    _set_attrs(_child(rpr, "szCs"), val=str(int(SIZE_3 * 2)))
    _set_attrs(_child(rpr, "lang"), val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = _child(ppr, "spacing")
    spacing.attrib.clear()
    _set_attrs(spacing, before="0", after="0", line=str(round(LINE_PITCH_PT * 20)), lineRule="exact")
    # Line-end punctuation stays inside the type area (Word/WPS "允许标点溢出边界" off; the
    # default is on). w:overflowPunct precedes w:spacing in w:pPr.
    overflow = ppr.find(qn("w:overflowPunct"))
    if overflow is None:
        overflow = OxmlElement("w:overflowPunct")
        spacing.addprevious(overflow)
    _set_attrs(overflow, val="0")

    normal = document.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(SIZE_3)
    normal.font.bold = False
    set_rfonts(normal.element.get_or_add_rPr().get_or_add_rFonts(), BODY_FONT)
    fmt = normal.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PITCH_PT)
    fmt.widow_control = False


def _fix_theme_and_settings(document: Document) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        _set_attrs(lang, val="en-US", eastAsia="zh-CN")
    for rel in document.part.rels.values():
        if rel.reltype.endswith("/theme"):
            part = rel.target_part
            blob: bytes = part.blob
            text = blob.decode("utf-8")
            text = text.replace('script="Hans" typeface="宋体"', f'script="Hans" typeface="{BODY_FONT}"')
            text = text.replace(
                'script="Jpan" typeface="ＭＳ ゴシック"', 'script="Jpan" typeface="MS Gothic"'
            )
            part._blob = text.encode("utf-8")


def _fix_page(document: Document) -> None:
    section = document.sections[0]
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    _set_attrs(
        grid,
        type=GRID_TYPE,
        linePitch=str(round(LINE_PITCH_PT * 20)),
        charSpace=str(_char_space()),
    )


def new_document() -> Document:
    """python-docx's default document made A4, Chinese, GB/T 9704 margins and grid."""
    document = docx.Document()
    _fix_defaults(document)
    _fix_theme_and_settings(document)
    _fix_page(document)
    props = document.core_properties
    props.author = "starcampus"
    props.language = "zh-CN"
    return document


def _condense(run: Run, twentieths: int) -> None:
    """Character spacing (w:spacing) in 1/20 pt; it must precede w:sz in w:rPr."""
    rpr = run._element.get_or_add_rPr()
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        anchor = next(
            (
                rpr.find(qn(f"w:{tag}"))
                for tag in ("w", "kern", "position", "sz", "szCs")
                if rpr.find(qn(f"w:{tag}")) is not None
            ),
            None,
        )
        if anchor is None:
            rpr.append(spacing)
        else:
            anchor.addprevious(spacing)
    spacing.set(qn("w:val"), str(twentieths))


def set_run_font(run: Run, font: str, size_pt: float) -> None:
    run.font.name = font
    run.font.size = Pt(size_pt)
    set_rfonts(run._element.get_or_add_rPr().get_or_add_rFonts(), font)
    if size_pt == SIZE_3:
        _condense(run, BODY_CHAR_SPACING)


def add_runs(paragraph: Paragraph, parts: Sequence[tuple[str, str]], size_pt: float = SIZE_3) -> None:
    """Append ``(text, font)`` runs; text must already be clean."""
    for text, font in parts:
        if text:
            set_run_font(paragraph.add_run(text), font, size_pt)


def set_first_line_chars(paragraph: Paragraph, chars: int, size_pt: float = SIZE_3) -> None:
    """First-line indent in characters (w:firstLineChars) with a twips fallback."""
    paragraph.paragraph_format.first_line_indent = Pt(size_pt * chars)
    ind = _child(paragraph._p.get_or_add_pPr(), "ind")
    _set_attrs(ind, firstLineChars=str(chars * 100))


def set_exact_spacing(paragraph: Paragraph, pitch_pt: float = LINE_PITCH_PT) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch_pt)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def off_grid(paragraph: Paragraph) -> None:
    """w:snapToGrid off: the paragraph keeps its own line spacing and character widths.

    For text that is not 3号 body text (titles, table cells, page numbers): on the grid a
    22 pt title line takes two 28.95 pt grid lines (a 58 pt gap) and 小四 cell text is
    spread to the 15.79 pt character pitch.
    """
    ppr = paragraph._p.get_or_add_pPr()
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, *_AFTER_SNAP_TO_GRID)
    _set_attrs(snap, val="0")


_AFTER_SNAP_TO_GRID = (
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
    "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def add_title(document: Document, lines: Sequence[str], font: str, size_pt: float) -> Paragraph:
    """A centred title, one grid line (28.95 pt) per title line, off the grid."""
    paragraph: Paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_exact_spacing(paragraph, max(LINE_PITCH_PT, size_pt * 1.2))
    off_grid(paragraph)
    for index, line in enumerate(lines):
        add_runs(paragraph, [(line, font)], size_pt)
        if index < len(lines) - 1:
            paragraph.runs[-1].add_break()
    return paragraph


def _field_run(paragraph: Paragraph, font: str, size_pt: float) -> Any:
    run = paragraph.add_run()
    set_run_font(run, font, size_pt)
    return run._r


def add_page_field(paragraph: Paragraph, font: str = SONGTI, size_pt: float = SIZE_4) -> None:
    """Append a PAGE field (fldChar begin / instrText / separate / result / end)."""
    begin = _field_run(paragraph, font, size_pt)
    fld = OxmlElement("w:fldChar")
    _set_attrs(fld, fldCharType="begin")
    begin.append(fld)
    instr_run = _field_run(paragraph, font, size_pt)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    instr_run.append(instr)
    sep = _field_run(paragraph, font, size_pt)
    fld = OxmlElement("w:fldChar")
    _set_attrs(fld, fldCharType="separate")
    sep.append(fld)
    result = paragraph.add_run("1")
    set_run_font(result, font, size_pt)
    end = _field_run(paragraph, font, size_pt)
    fld = OxmlElement("w:fldChar")
    _set_attrs(fld, fldCharType="end")
    end.append(fld)


def _page_number_paragraph(paragraph: Paragraph, *, odd: bool) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    # One character of space on the outer side (GB/T 9704-2012, 7.5).
    if odd:
        fmt.right_indent = Pt(SIZE_4)
    else:
        fmt.left_indent = Pt(SIZE_4)
    fmt.first_line_indent = Pt(0)
    set_exact_spacing(paragraph, SIZE_4 * 1.2)
    off_grid(paragraph)
    add_runs(paragraph, [("— ", SONGTI)], SIZE_4)
    add_page_field(paragraph, SONGTI, SIZE_4)
    add_runs(paragraph, [(" —", SONGTI)], SIZE_4)


def add_page_numbers(document: Document) -> None:
    """ "— N —" in 4号 宋体: right on odd pages, left on even pages (two footers)."""
    document.settings.odd_and_even_pages_header_footer = True
    for section in document.sections:
        odd = section.footer
        odd.is_linked_to_previous = False
        _page_number_paragraph(odd.paragraphs[0], odd=True)
        even = section.even_page_footer
        even.is_linked_to_previous = False
        _page_number_paragraph(even.paragraphs[0], odd=False)


def add_blank_line(container: Any) -> Paragraph:
    """An empty body line (keeps the 22-line grid)."""
    paragraph: Paragraph = container.add_paragraph()
    set_exact_spacing(paragraph)
    return paragraph


def _right_indent_chars(paragraph: Paragraph, chars: float) -> None:
    """Right indent in characters (w:rightChars for Word/WPS, points for the others)."""
    paragraph.paragraph_format.right_indent = Pt(CHAR_PITCH_PT * chars)
    ind = _child(paragraph._p.get_or_add_pPr(), "ind")
    _set_attrs(ind, rightChars=str(round(chars * 100)))


def signature_indents(organ: str, date_text: str, *, sealed: bool = True) -> tuple[float, float]:
    """Right indents (in characters) of the organ's line and the date's line.

    Sealed (GB/T 9704-2012, 7.3.5.1): the date 右空四字 and the organ centred over it; an organ
    too long for that is 右空二字 and the date centred under it. Unsealed (7.3.5.2): the organ
    右空二字 and the date's first character two characters right of the organ's; a date longer
    than that is 右空二字 and the organ moved along with it.
    """
    organ_w, date_w = typeset_width(organ), typeset_width(date_text)
    if sealed:
        organ_indent = 4.0 + (date_w - organ_w) / 2
        if organ_indent >= 2.0:
            return organ_indent, 4.0
        return 2.0, 2.0 + (organ_w - date_w) / 2
    date_indent = organ_w - date_w
    if date_indent >= 2.0:
        return 2.0, date_indent
    return 2.0 + (2.0 - date_indent), 2.0


def set_hanging_chars(paragraph: Paragraph, left: float, hanging: float) -> None:
    """Lines after the first start ``left`` characters in, the first ``hanging`` to their left
    (w:leftChars / w:hangingChars for Word and WPS, points for the others)."""
    fmt = paragraph.paragraph_format
    fmt.left_indent = Pt(CHAR_PITCH_PT * left)
    fmt.first_line_indent = Pt(-CHAR_PITCH_PT * hanging)
    ind = _child(paragraph._p.get_or_add_pPr(), "ind")
    _set_attrs(ind, leftChars=str(round(left * 100)), hangingChars=str(round(hanging * 100)))


def add_picture(document: Document, png: bytes, width_mm: float) -> Paragraph:
    """A picture on a centred paragraph of its own, ``width_mm`` wide (height by its aspect).

    The body's lines are exactly 28.95 pt, which would clip a picture to one line: this paragraph
    is off the grid with single (auto) spacing, so it is as tall as the picture."""
    from io import BytesIO

    paragraph: Paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    off_grid(paragraph)
    paragraph.add_run().add_picture(BytesIO(png), width=Mm(width_mm))
    return paragraph


def _last_body_paragraph(document: Document) -> Paragraph | None:
    blocks = [el for el in document.element.body if el.tag != qn("w:sectPr")]
    if blocks and blocks[-1].tag == qn("w:p"):
        return Paragraph(blocks[-1], document._body)
    return None


def add_signature(document: Document, organ: str, date_text: str, *, sealed: bool = True) -> None:
    """Issuing organ and date at the end of the text (see ``signature_indents``).

    The signature never stands on a page of its own: the text's last paragraph, the blank
    lines and the organ keep with the next paragraph, so a page break moves text with it.
    """
    text_end = _last_body_paragraph(document)
    if text_end is not None and text_end.text.strip():
        text_end.paragraph_format.keep_with_next = True
    blanks = [add_blank_line(document)]
    if sealed:
        blanks.append(add_blank_line(document))  # room for the seal, which overlaps organ and date
    organ_indent, date_indent = signature_indents(organ, date_text, sealed=sealed)
    lines = [(text, indent) for text, indent in ((organ, organ_indent), (date_text, date_indent)) if text]
    for blank in blanks if lines else []:
        blank.paragraph_format.keep_with_next = True
    for index, (text, indent) in enumerate(lines):
        paragraph = document.add_paragraph()
        set_exact_spacing(paragraph)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _right_indent_chars(paragraph, indent)
        add_runs(paragraph, [(text, BODY_FONT)])
        if index < len(lines) - 1:
            paragraph.paragraph_format.keep_with_next = True
