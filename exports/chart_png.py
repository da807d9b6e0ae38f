"""A palette PNG encoder in pure Python (zlib + struct): the charts' only image format.

Pillow is not a dependency (and a chart needs no more than a few flat colours), so the charts
draw into a bytearray of palette indices and this writes it out: signature, IHDR (8-bit,
colour type 3), PLTE, one IDAT (every row with filter byte 0), IEND. No time stamp, no text
chunk and a fixed compression level, so the same picture is always the same bytes (tests and
documents compare them).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

SIGNATURE = b"\x89PNG\r\n\x1a\n"
COLOR_TYPE_PALETTE = 3
BIT_DEPTH = 8
_LEVEL = 9


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def encode_png(width: int, height: int, palette: Sequence[tuple[int, int, int]], pixels: bytes | bytearray,
               *, dpi: int = 0) -> bytes:
    """``pixels``: ``width * height`` palette indices, row by row from the top. ``dpi``, when
    given, is written (pHYs) so a reader that sizes pictures by it shows the intended size."""
    if width <= 0 or height <= 0:
        raise ValueError("a picture needs a width and a height")
    if len(pixels) != width * height:
        raise ValueError(f"{len(pixels)} pixels for {width} x {height}")
    if not 1 <= len(palette) <= 256:
        raise ValueError("a palette holds 1 to 256 colours")
    raw = bytearray()
    for top in range(0, width * height, width):
        raw.append(0)  # filter: none (flat colours compress well as they are)
        raw += pixels[top:top + width]
    header = struct.pack(">IIBBBBB", width, height, BIT_DEPTH, COLOR_TYPE_PALETTE, 0, 0, 0)
    colours = b"".join(bytes(rgb) for rgb in palette)
    chunks = [_chunk(b"IHDR", header), _chunk(b"PLTE", colours)]
    if dpi:
        per_metre = round(dpi / 0.0254)
        chunks.append(_chunk(b"pHYs", struct.pack(">IIB", per_metre, per_metre, 1)))
    chunks += [_chunk(b"IDAT", zlib.compress(bytes(raw), _LEVEL)), _chunk(b"IEND", b"")]
    return SIGNATURE + b"".join(chunks)
