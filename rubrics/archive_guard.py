"""Checks on an officer's .xlsx or .docx before any parser opens it: a hostile file is refused fast.

Both are zip files. A 1.7 MB zip bomb unpacked to 5 GB, and a 151 KB workbook declaring
1,048,600 rows made openpyxl build every empty cell of that rectangle (27 s, 0.85 GB) before
either failed with a traceback. Here, from the zip's central directory alone: how many entries,
and how tightly each is packed (Python's zipfile never unpacks more than an entry declares, so
the declared sizes bound the work); then each worksheet's XML is streamed in small chunks (never
held whole, never parsed into a tree) for the rectangle openpyxl would fill: the declared
``<dimension ref=...>``, the highest row and column any ``<row>``/``<c>`` names, and the merged
ranges (xlsx_read.spans visits every cell of each). The declared dimension comes first in a sheet,
so a lying one is refused after reading a few hundred bytes.

Limits are far above any county's or province's table (a register of 100,000 schools is 1.2
million cells) and far below what hurts.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator

MAX_ENTRIES = 2000
# XML packs 5-20 times; a bomb packs a thousand times. Small entries may pack tighter harmlessly.
MAX_RATIO = 150
RATIO_FROM = 4 * 1024 * 1024
MAX_ROWS = 500_000
MAX_COLUMNS = 16_384  # Excel's own last column, XFD
MAX_CELLS = 3_000_000
CHUNK = 256 * 1024
MAX_TAG = 1024 * 1024

_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\sref=[\"']([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?[\"']")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=[\"'](\d{1,12})[\"']")
_ROW = re.compile(rb"<(?:\w+:)?row\b")
_CELL_COLUMN = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=[\"']([A-Za-z]{1,8})\d")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\sref=[\"']([A-Za-z]{1,8})(\d{1,12}):([A-Za-z]{1,8})(\d{1,12})[\"']")


class ArchiveRefused(Exception):
    """Why the file is refused: a key of rubrics.messages (``archive.*``) and its data."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(key)


def column_number(letters: bytes | str) -> int:
    """A1-style column letters as a number: A=1, Z=26, AA=27, XFD=16384."""
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.decode("ascii").upper():
        number = number * 26 + (ord(char) - 64)
    return number


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse an archive that is packed like a bomb or holds a sheet spanning too many cells."""
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES:
        raise ArchiveRefused("archive.entries", count=len(entries), limit=MAX_ENTRIES)
    for info in entries:
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ArchiveRefused("archive.ratio", entry=info.filename,
                                 ratio=info.file_size // max(info.compress_size, 1), limit=MAX_RATIO)
    for info in entries:
        if _is_sheet(info.filename):
            _check_sheet(archive, info)


def _is_sheet(name: str) -> bool:
    # Any XML part of a workbook may be a sheet (its relationships name the parts), so all of
    # xl/ is read; the patterns only match sheet markup.
    lowered = name.lower()
    return lowered.startswith("xl/") and lowered.endswith(".xml")


def _check_sheet(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    sheet = info.filename
    rows = columns = merged = row_elements = 0
    for text in _complete_tags(archive, info):
        declared = _DIMENSION.search(text)
        if declared:
            _refuse_span(sheet, *_span(declared))
        for number in _ROW_NUMBER.findall(text):
            rows = max(rows, int(number))
        row_elements += len(_ROW.findall(text))
        letters = _CELL_COLUMN.findall(text)
        if letters:
            columns = max(columns, column_number(max(letters, key=lambda c: (len(c), c.upper()))))
        for left, top, right, bottom in _MERGE.findall(text):
            height = abs(int(bottom) - int(top)) + 1
            width = abs(column_number(right) - column_number(left)) + 1
            merged += height * width
            if merged > MAX_CELLS:
                raise ArchiveRefused("archive.merged", sheet=sheet, cells=merged, limit=MAX_CELLS)
        _refuse_span(sheet, max(rows, row_elements), columns)


def _span(found: re.Match[bytes]) -> tuple[int, int]:
    left, top, right, bottom = found.groups()
    rows = int(bottom or top or 0)
    columns = column_number(right or left or b"")
    return rows, columns


def _refuse_span(sheet: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * max(columns, 1) > MAX_CELLS:
        raise ArchiveRefused("archive.cells", sheet=sheet, rows=rows, columns=columns,
                             limit_rows=MAX_ROWS, limit=MAX_CELLS)


def _complete_tags(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """The entry's bytes in chunks that end before a tag begins, so no tag is ever split.

    XML allows no raw ``<`` inside a tag, so everything before the last ``<`` of a chunk is whole
    tags and text; the rest waits for the next chunk. Memory stays at about two chunks.
    """
    pending = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(CHUNK)
            if not chunk:
                break
            buffer = pending + chunk
            cut = buffer.rfind(b"<")
            if cut < 0:  # text only: no tag to wait for
                yield buffer
                pending = b""
                continue
            if len(buffer) - cut > MAX_TAG:  # padding to split a tag across chunks: no real sheet has it
                raise ArchiveRefused("archive.markup", entry=info.filename, limit=MAX_TAG)
            if cut:
                yield buffer[:cut]
            pending = buffer[cut:]
    if pending:
        yield pending
