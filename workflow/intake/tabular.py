"""Reading officers' CSV files: encoding detection and header mapping.

Officers' spreadsheets come as UTF-8, UTF-8 with BOM or GBK (Excel on a Chinese Windows),
with Chinese or English headers. Errors name the file, line and field.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator, Sequence
from itertools import compress
from pathlib import Path
from typing import IO, Any, NamedTuple

from rubrics.xlsx_read import header_key
from workflow.errors import InvalidInput
from workflow.i18n import Label, Listing, Msg

MAX_BYTES = 50 * 1024 * 1024  # a school register (500,000 schools is about 25 MB)
# A score sheet is read as a stream, never held: 500,000 schools x 22 leaves is about 300 MB.
STREAM_MAX_BYTES = 4 * 1024 * 1024 * 1024
_CHUNK = 8 * 1024 * 1024
_TWO_BYTE = re.compile("[\u0080-\u07ff]")  # UTF-8 two-byte characters: Latin, Cyrillic … or GBK misread
_WIDE = re.compile("[\u0800-\U0010ffff]")  # three bytes and more in UTF-8: CJK among them


def _size(path: Path, limit: int) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.cannot_read", detail=exc.strerror)) from exc
    if size > limit:
        raise InvalidInput("err.invalid", where=str(path),
                           what=Msg("why.file_too_large", size=size // 1048576, limit=limit // 1048576))
    return size


def _chunks(path: Path) -> Iterator[bytes]:
    try:
        with path.open("rb") as handle:
            while block := handle.read(_CHUNK):
                yield block
    except OSError as exc:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.cannot_read", detail=exc.strerror)) from exc


def _decoded_lines(path: Path, encoding: str) -> Iterator[tuple[int, str]]:
    """(number of the first line, text of whole lines) a chunk at a time; UnicodeDecodeError's
    start is the byte offset in the file."""
    decoder = codecs.getincrementaldecoder(encoding)()
    carry = ""
    line = 1
    offset = 0
    for block in _chunks(path):
        try:
            text = carry + decoder.decode(block)
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError(exc.encoding, exc.object, offset + exc.start, offset + exc.end,
                                     exc.reason) from None
        offset += len(block)
        cut = text.rfind("\n") + 1
        whole, carry = text[:cut], text[cut:]
        if whole:
            yield line, whole
            line += whole.count("\n")
    carry += decoder.decode(b"", final=True)
    if carry:
        yield line, carry


def detect_encoding(path: Path, limit: int = MAX_BYTES) -> str:
    """The file's encoding, checked over the whole file as a stream (nothing is held):
    UTF-16 by its BOM, else UTF-8 (with or without BOM), else GBK (read as GB18030). A file
    mixing them is refused with the first line of each, and NUL bytes mean not text."""
    _size(path, limit)
    head = next(_chunks(path), b"")[:2]
    if head in (b"\xff\xfe", b"\xfe\xff"):
        try:
            for _line, text in _decoded_lines(path, "utf-16"):
                if "\x00" in text:
                    raise InvalidInput("err.invalid", where=str(path), what=Msg("why.nul_bytes"))
        except UnicodeDecodeError as exc:
            raise InvalidInput("err.invalid", where=str(path), what=Msg("why.utf16_broken", at=exc.start)) from None
        return "utf-16"
    try:
        suspect = real = 0
        for first, text in _decoded_lines(path, "utf-8-sig"):
            if "\x00" in text:
                raise InvalidInput("err.invalid", where=str(path), what=Msg("why.nul_bytes"))
            if not real and (found := _WIDE.search(text)):
                real = first + text.count("\n", 0, found.start())
            if not suspect and _TWO_BYTE.search(text):  # rare: look line by line
                suspect = _suspect_line(text, first)
    except UnicodeDecodeError:
        pass
    else:
        if not suspect:
            return "utf-8-sig"
        if real:
            raise InvalidInput("err.invalid", where=f"{path}:{suspect}",
                               what=Msg("why.mixed_gbk", utf8=real, other=suspect))
        return "gb18030" if _decodes(path, "gb18030") else "utf-8-sig"
    _refuse_mixed(path)
    if _decodes(path, "gb18030"):
        return "gb18030"
    raise InvalidInput("err.invalid", where=str(path), what=Msg("why.unknown_encoding"))


def _decodes(path: Path, encoding: str) -> bool:
    try:
        for _line, text in _decoded_lines(path, encoding):
            if "\x00" in text:
                raise InvalidInput("err.invalid", where=str(path), what=Msg("why.nul_bytes"))
    except UnicodeDecodeError:
        return False
    return True


def _suspect_line(text: str, first: int) -> int:
    """The first line of ``text`` made only of UTF-8 two-byte characters that reads as Chinese
    in GBK: short GBK text can also be valid UTF-8 ("一小", the famous "联通")."""
    for number, line in enumerate(text.split("\n"), start=first):
        if not _WIDE.search(line) and _TWO_BYTE.search(line) and _looks_gbk(line.encode("utf-8")):
            return number
    return 0


def read_text(path: Path, limit: int = MAX_BYTES) -> str:
    """The whole file as text, in the encoding :func:`detect_encoding` finds."""
    encoding = detect_encoding(path, limit)
    return "".join(text for _line, text in _decoded_lines(path, encoding))


def _looks_gbk(raw: bytes) -> bool:
    """Bytes that are GBK Chinese (every non-ASCII character a CJK one) when read as GBK."""
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) >= 0x80]
    return bool(wide) and all("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                              for c in wide)


def _refuse_mixed(path: Path) -> None:
    """A file that is not UTF-8 as a whole but has lines of UTF-8 Chinese is a mix of encodings.

    GB18030 would decode such a file without complaint, turning the UTF-8 lines into mojibake
    that would be stored as school names. A GBK line is hardly ever valid UTF-8 with
    three-byte (CJK) characters, so such a line marks UTF-8.
    """
    utf8_line = other_line = 0
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.cannot_read", detail=exc.strerror)) from exc
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.isascii():
                continue
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError:
                other_line = other_line or number
                continue
            if _WIDE.search(text):
                utf8_line = utf8_line or number
            if utf8_line and other_line:
                break
    if utf8_line and other_line:
        raise InvalidInput("err.invalid", where=f"{path}:{other_line}",
                           what=Msg("why.mixed_encodings", utf8=utf8_line, other=other_line))


class Table(NamedTuple):
    """An open sheet: where each known field is (its column index) and the records, streamed as
    ``(line number, cells)``; blank lines are skipped, cells are not yet stripped."""

    fields: dict[str, int]
    records: Iterator[tuple[int, list[str]]]


def open_table(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], *,
               limit: int = MAX_BYTES) -> Table:
    """The header checked and mapped; the rows follow as the file is read (nothing is held)."""
    fields, handle, reader, width = _opened(path, aliases, required, limit)
    return Table(fields, _records(path, handle, reader, width))


class Sheet(NamedTuple):
    """A whole sheet held: where each known field is, each record's line number (``lines[i]`` is
    ``records[i]``'s) and the records; blank lines are left out, cells are not yet stripped."""

    fields: dict[str, int]
    lines: Sequence[int]
    records: list[list[str]]


def read_table(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], *,
               limit: int = MAX_BYTES) -> Sheet:
    """:func:`open_table`'s records all at once, read by csv in C (a school register: no Python
    statement per record, 0.3-0.5 s of CPU less at 500,000 schools). When every record is
    one line, its line number is its place; anything unusual (a cell over two lines, a csv error, a
    record wider than the header) reads the file again record by record, which refuses exactly as
    the stream does, naming the first bad line."""
    fields, handle, reader, width = _opened(path, aliases, required, limit)
    with handle:
        start = reader.line_num
        try:
            records: list[list[str]] | None = list(reader)
        except csv.Error:
            records = None
        if records is not None and reader.line_num == start + len(records):
            lines: Sequence[int] = range(start + 1, start + 1 + len(records))
            kept = list(map(bool, map(str.strip, map("".join, records))))
            if not all(kept):  # blank lines (",,,"): left out as the stream does
                lines, records = list(compress(lines, kept)), list(compress(records, kept))
            if max(map(len, records), default=0) <= width:
                return Sheet(fields, lines, records)
    again = open_table(path, aliases, required, limit=limit)
    pairs = list(again.records)
    return Sheet(again.fields, [line for line, _record in pairs], [record for _line, record in pairs])


def _opened(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...], limit: int
            ) -> tuple[dict[str, int], IO[str], Any, int]:
    """The file open past its header: the known fields' columns, the handle, the csv reader, the
    header's width."""
    encoding = detect_encoding(path, limit)
    handle = path.open(encoding=encoding, newline="")
    first = handle.readline()
    handle.seek(0)  # the decoder starts again: a BOM is skipped again
    # Excel's "Unicode text" (UTF-16) is tab-separated.
    delimiter = "\t" if "\t" in first and "," not in first else ","
    # strict: an unclosed quote is an error (naming the line), not a cell that swallows the rest.
    reader = csv.reader(handle, delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        handle.close()
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.file_empty")) from None
    except csv.Error as exc:
        handle.close()
        raise InvalidInput("err.invalid", where=f"{path}:1", what=str(exc)) from exc
    try:
        fields = _map_header(path, header, aliases, required)
    except InvalidInput:
        handle.close()
        raise
    return fields, handle, reader, len(header)


def _map_header(path: Path, header: list[str], aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]
                ) -> dict[str, int]:
    # The same header key as the .xlsx path (school_xlsx), so a title reads alike in both formats.
    lookup = {header_key(alias): field for field, names in aliases.items() for alias in names}
    fields: dict[str, int] = {}
    for index, title in enumerate(header):
        key = header_key(title)
        if key in lookup:
            if lookup[key] in fields:
                raise InvalidInput("err.invalid", where=f"{path}:1", what=Msg("why.duplicate_column", title=title))
            fields[lookup[key]] = index
        elif key:
            raise InvalidInput("err.invalid", where=f"{path}:1",
                               what=Msg("why.unknown_column", title=title, known=known_columns(aliases)))
    missing = [column_name(aliases[f]) for f in required if f not in fields]
    if missing:
        raise InvalidInput("err.invalid", where=f"{path}:1", what=Msg("why.missing_columns", missing=Listing(missing)))
    return fields


def _records(path: Path, handle: IO[str], reader: Any, width: int) -> Iterator[tuple[int, list[str]]]:
    with handle:
        try:
            for record in reader:
                # Blank (every cell whitespace) is left out; a first cell with a letter in it is not
                # blank, which spares joining each of a score sheet's 11 M records.
                first = record[0] if record else ""
                if (not first or first.isspace()) and not "".join(record).strip():
                    continue
                if len(record) > width:
                    raise InvalidInput("err.invalid", where=f"{path}:{reader.line_num}",
                                       what=Msg("why.too_many_cells", cells=len(record), headers=width))
                yield reader.line_num, record
        except csv.Error as exc:
            raise InvalidInput("err.invalid", where=f"{path}:{reader.line_num}", what=str(exc)) from exc


def read_rows(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]
              ) -> list[tuple[int, dict[str, str]]]:
    """Rows as ``(line number, {field: text})`` with fields named by ``aliases``' keys."""
    fields, records = open_table(path, aliases, required)
    at = list(fields.items())
    return [(line, {name: record[i].strip() for name, i in at if i < len(record)}) for line, record in records]


def column_name(names: tuple[str, ...]) -> Label:
    """A column by a header it accepts: the first (Chinese) one for a Chinese reader, the first
    ASCII one for an English reader."""
    return Label({"zh": names[0], "en": next((n for n in names if n.isascii()), names[0])})


def known_columns(aliases: dict[str, tuple[str, ...]]) -> Listing:
    return Listing(column_name(names) for names in aliases.values())


def cell_at(path: Path, line: int, column: str) -> Msg:
    """``FILE:LINE:COLUMN``, the column named (``col.<field>``) in the reader's language."""
    return Msg("at.cell", path=str(path), line=line, column=Msg(f"col.{column}"))


_CONTROL = re.compile("[\x00-\x08\x0a-\x1f]")  # control characters but the tab
# A cell a spreadsheet would run as a formula: =, + or @ first, or - not before a digit. In a
# column joined by NUL (never in a file we read: detect_encoding refuses it), cells start after one.
_FORMULA_START = re.compile("(?:^|\x00)(?:[=+@]|-(?=[^\\d\x00]))")
_CONTROL_JOINED = re.compile("[\x01-\x08\x0a-\x1f]")


def check_cell(path: Path, line: int, field: str, value: str) -> str:
    """Refuse cells a spreadsheet would run as formulas, and control characters (``field`` names the column)."""
    if value[:1] in ("=", "+", "@") or (value[:1] == "-" and len(value) > 1 and not value[1:2].isdigit()):
        raise InvalidInput("err.invalid", where=cell_at(path, line, field),
                           what=Msg("why.looks_formula", value=value[:30]))
    if _CONTROL.search(value):
        raise InvalidInput("err.invalid", where=cell_at(path, line, field), what=Msg("why.control_chars"))
    return value


def column_is_clean(values: list[str]) -> bool:
    """Whether no cell of the column looks like a formula or holds a control character: one
    regular-expression pass over the joined column, not a Python loop per character. When it is
    not, check the cells one by one (:func:`check_cell`) to name the first bad one."""
    joined = "\x00".join(values)
    return (joined.count("\x00") == max(0, len(values) - 1) and not _CONTROL_JOINED.search(joined)
            and not _FORMULA_START.search(joined))
