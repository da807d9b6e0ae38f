"""Reading officers' CSV files: encoding detection and header mapping.

Officers' spreadsheets come as UTF-8, UTF-8 with BOM or GBK (Excel on a Chinese Windows),
with Chinese or English headers. Errors name the file, line and field.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from rubrics.xlsx_read import header_key
from workflow.errors import InvalidInput
from workflow.i18n import Label, Listing, Msg

MAX_BYTES = 50 * 1024 * 1024


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.cannot_read", detail=exc.strerror)) from exc
    if size > MAX_BYTES:
        raise InvalidInput("err.invalid", where=str(path),
                           what=Msg("why.file_too_large", size=size // 1048576, limit=MAX_BYTES // 1048576))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.cannot_read", detail=exc.strerror)) from exc
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInput("err.invalid", where=str(path),
                               what=Msg("why.utf16_broken", at=exc.start)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        return _gbk_in_disguise(path, data, text)
    _refuse_mixed(path, data)
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        pass
    raise InvalidInput("err.invalid", where=str(path), what=Msg("why.unknown_encoding"))


def _looks_gbk(raw: bytes) -> bool:
    """Bytes that are GBK Chinese (every non-ASCII character a CJK one) when read as GBK."""
    try:
        text = raw.decode("gbk")
    except UnicodeDecodeError:
        return False
    wide = [c for c in text if ord(c) >= 0x80]
    return bool(wide) and all("\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
                              for c in wide)


def _gbk_in_disguise(path: Path, data: bytes, text: str) -> str:
    """Short GBK text can also be valid UTF-8 ("一小", the famous "联通"): it decodes into
    Latin/Cyrillic mojibake. A line made only of such two-byte characters that reads as
    Chinese in GBK is GBK: the whole file if nothing else is UTF-8 Chinese, else a mix."""
    suspect = real = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if any(ord(c) >= 0x800 for c in line):
            real = real or number
        elif any(0x80 <= ord(c) < 0x800 for c in line) and _looks_gbk(line.encode("utf-8")):
            suspect = suspect or number
    if not suspect:
        return text
    if not real:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            return text
    raise InvalidInput("err.invalid", where=f"{path}:{suspect}", what=Msg("why.mixed_gbk", utf8=real, other=suspect))


def _refuse_mixed(path: Path, data: bytes) -> None:
    """A file that is not UTF-8 as a whole but has lines of UTF-8 Chinese is a mix of encodings.

    GB18030 would decode such a file without complaint, turning the UTF-8 lines into mojibake
    that would be stored as school names. A GBK line is hardly ever valid UTF-8 with
    three-byte (CJK) characters, so such a line marks UTF-8.
    """
    utf8_line = other_line = 0
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if raw.isascii():
            continue
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            other_line = other_line or number
            continue
        if any(ord(c) >= 0x800 for c in text):
            utf8_line = utf8_line or number
        if utf8_line and other_line:
            break
    if utf8_line and other_line:
        raise InvalidInput("err.invalid", where=f"{path}:{other_line}",
                           what=Msg("why.mixed_encodings", utf8=utf8_line, other=other_line))


def read_rows(path: Path, aliases: dict[str, tuple[str, ...]], required: tuple[str, ...]
              ) -> list[tuple[int, dict[str, str]]]:
    """Rows as ``(line number, {field: text})`` with fields named by ``aliases``' keys."""
    text = read_text(path)
    if "\x00" in text:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.nul_bytes"))
    first = text.split("\n", 1)[0]
    # Excel's "Unicode text" (UTF-16) is tab-separated.
    delimiter = "\t" if "\t" in first and "," not in first else ","
    # strict: an unclosed quote is an error (naming the line), not a cell that swallows the rest.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput("err.invalid", where=str(path), what=Msg("why.file_empty")) from None
    except csv.Error as exc:
        raise InvalidInput("err.invalid", where=f"{path}:1", what=str(exc)) from exc
    # The same header key as the .xlsx path (school_xlsx), so a title reads alike in both formats.
    lookup = {header_key(alias): field for field, names in aliases.items() for alias in names}
    columns: dict[int, str] = {}
    for index, title in enumerate(header):
        key = header_key(title)
        if key in lookup:
            if lookup[key] in columns.values():
                raise InvalidInput("err.invalid", where=f"{path}:1", what=Msg("why.duplicate_column", title=title))
            columns[index] = lookup[key]
        elif key:
            raise InvalidInput("err.invalid", where=f"{path}:1",
                               what=Msg("why.unknown_column", title=title, known=known_columns(aliases)))
    missing = [column_name(aliases[f]) for f in required if f not in columns.values()]
    if missing:
        raise InvalidInput("err.invalid", where=f"{path}:1", what=Msg("why.missing_columns", missing=Listing(missing)))
    rows: list[tuple[int, dict[str, str]]] = []
    try:
        for record in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) > len(header):
                raise InvalidInput("err.invalid", where=f"{path}:{line}",
                                   what=Msg("why.too_many_cells", cells=len(record), headers=len(header)))
            rows.append((line, {columns[i]: record[i].strip() for i in columns if i < len(record)}))
    except csv.Error as exc:
        raise InvalidInput("err.invalid", where=f"{path}:{reader.line_num}", what=str(exc)) from exc
    return rows


def column_name(names: tuple[str, ...]) -> Label:
    """A column by a header it accepts: the first (Chinese) one for a Chinese reader, the first
    ASCII one for an English reader."""
    return Label({"zh": names[0], "en": next((n for n in names if n.isascii()), names[0])})


def known_columns(aliases: dict[str, tuple[str, ...]]) -> Listing:
    return Listing(column_name(names) for names in aliases.values())


def cell_at(path: Path, line: int, column: str) -> Msg:
    """``FILE:LINE:COLUMN``, the column named (``col.<field>``) in the reader's language."""
    return Msg("at.cell", path=str(path), line=line, column=Msg(f"col.{column}"))


def check_cell(path: Path, line: int, field: str, value: str) -> str:
    """Refuse cells a spreadsheet would run as formulas, and control characters (``field`` names the column)."""
    if value[:1] in ("=", "+", "@") or (value[:1] == "-" and len(value) > 1 and not value[1:2].isdigit()):
        raise InvalidInput("err.invalid", where=cell_at(path, line, field),
                           what=Msg("why.looks_formula", value=value[:30]))
    if any(ord(c) < 32 and c not in "\t" for c in value):
        raise InvalidInput("err.invalid", where=cell_at(path, line, field), what=Msg("why.control_chars"))
    return value
