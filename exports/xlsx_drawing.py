"""Pictures on a streamed worksheet (exports/xlsx_stream.py): the parts SpreadsheetML wants.

A sheet with pictures names a drawing in its tail (``<drawing r:id>``, after the page setup,
as the schema orders it); its rels point at xl/drawings/drawingN.xml, whose rels point at
xl/media/imageK.png; [Content_Types].xml gets a png Default and the drawing's Override. Each
picture is a oneCellAnchor: its top-left corner on a cell, its size in EMU (9525 a pixel at
96 dpi), so it keeps its size whatever the rows and columns are.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

EMU_PER_PIXEL = 9525
DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
PNG_DEFAULT = '<Default Extension="png" ContentType="image/png"/>'
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHEET_DRAWING_RID = "rId1"  # the sheet's only relationship
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class SheetImage:
    png: bytes
    col: int  # the anchor cell, 0-based column
    row: int  # and 1-based row, as the sheet numbers them
    width: int  # shown size in pixels
    height: int
    description: str = ""  # alt text: the caption


def drawing_tag() -> str:
    return f'<drawing r:id="{SHEET_DRAWING_RID}"/>'


def sheet_rels(drawing: int) -> str:
    return (f'{_HEAD}<Relationships xmlns="{_PKG_REL}"><Relationship Id="{SHEET_DRAWING_RID}" '
            f'Type="{_REL}/drawing" Target="../drawings/drawing{drawing}.xml"/></Relationships>')


def drawing_rels(media: Sequence[int]) -> str:
    links = "".join(f'<Relationship Id="rId{i}" Type="{_REL}/image" Target="../media/image{number}.png"/>'
                    for i, number in enumerate(media, 1))
    return f'{_HEAD}<Relationships xmlns="{_PKG_REL}">{links}</Relationships>'


def drawing_xml(images: Sequence[SheetImage]) -> str:
    anchors = []
    for i, image in enumerate(images, 1):
        cx, cy = image.width * EMU_PER_PIXEL, image.height * EMU_PER_PIXEL
        anchors.append(
            "<xdr:oneCellAnchor>"
            f"<xdr:from><xdr:col>{image.col}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{image.row - 1}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>"
            f'<xdr:ext cx="{cx}" cy="{cy}"/>'
            "<xdr:pic><xdr:nvPicPr>"
            f'<xdr:cNvPr id="{i + 1}" name="{escape(f"Picture {i}")}" descr={quoteattr(image.description)}/>'
            '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
            f'<xdr:blipFill><a:blip r:embed="rId{i}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
            f'<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
            "</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>"
        )
    return f'{_HEAD}<xdr:wsDr xmlns:xdr="{_XDR}" xmlns:a="{_A}" xmlns:r="{_REL}">{"".join(anchors)}</xdr:wsDr>'
