"""Reads back a PNG the way a viewer would (signature, chunks with their CRCs, IHDR, PLTE, the
IDAT rows unfiltered), to test the charts without Pillow. Only what exports/chart_png.py writes:
8-bit palette, filter 0 on every row."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    palette: tuple[tuple[int, int, int], ...]
    rows: tuple[bytes, ...]  # palette indices, top row first
    chunks: tuple[bytes, ...]  # chunk types in order
    dpi: int

    def rgb(self, x: int, y: int) -> tuple[int, int, int]:
        return self.palette[self.rows[y][x]]

    def column(self, x: int) -> list[tuple[int, int, int]]:
        return [self.palette[row[x]] for row in self.rows]

    def row(self, y: int) -> list[tuple[int, int, int]]:
        return [self.palette[i] for i in self.rows[y]]


def read_png(data: bytes) -> Picture:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    at, kinds, idat = 8, [], b""
    header = palette = b""
    dpi = 0
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"bad CRC on {kind!r}"
        kinds.append(kind)
        if kind == b"IHDR":
            header = body
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"pHYs":
            per_metre = struct.unpack(">IIB", body)[0]
            dpi = round(per_metre * 0.0254)
        at += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND", kinds
    width, height, depth, colour, _c, _f, _i = struct.unpack(">IIBBBBB", header)
    assert (depth, colour) == (8, 3), (depth, colour)
    raw = zlib.decompress(idat)
    assert len(raw) == height * (width + 1), "IDAT is not height rows of width pixels"
    rows = []
    for y in range(height):
        line = raw[y * (width + 1):(y + 1) * (width + 1)]
        assert line[0] == 0, "filter 0 expected"
        rows.append(line[1:])
    colours = tuple(tuple(palette[i:i + 3]) for i in range(0, len(palette), 3))
    return Picture(width, height, colours, tuple(rows), tuple(kinds), dpi)  # type: ignore[arg-type]
