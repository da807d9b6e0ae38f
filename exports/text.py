"""Text helpers shared by the writers: cleaning, scores, dates, Chinese numerals."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal

# Characters XML 1.0 forbids (lxml refuses them, python-docx then raises): C0 controls
# except \t \n \r, lone surrogates, U+FFFE/U+FFFF. DEL and C1 controls are legal XML but
# invisible garbage in a document, so they go too.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

_CN_DIGITS = "零一二三四五六七八九"


def clean_text(text: str | None) -> str:
    """Remove characters that cannot go into OOXML; keep \\n, \\t, emoji and non-BMP CJK."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def format_score(value: Decimal | int | float | None, empty: str = "") -> str:
    """71.5 -> "71.5", 75.0 -> "75", 80.25 -> "80.25"; None -> ``empty``."""
    if value is None:
        return empty
    dec = value if isinstance(value, Decimal) else Decimal(str(value))
    if not dec.is_finite():
        return empty
    text = format(dec, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def format_date(day: date) -> str:
    """Arabic numerals, no padding: 2023年9月8日 (GB/T 9704-2012, 7.3.5.3)."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 21 -> 二十一 (1..99), larger falls back to digits."""
    if n <= 0 or n >= 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def display_width(text: str) -> float:
    """Width in full-width character cells (wide = 1, narrow = 0.5)."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 0.5 for ch in text)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def typeset_width(text: str) -> float:
    """Width in character cells as Word and LibreOffice set it: ``display_width`` plus the
    quarter-character space both put between Chinese and Latin (autoSpaceDE/DN), so that
    "2023年9月8日" is 7.25 cells, not 6."""
    boundaries = sum(
        1
        for a, b in zip(text, text[1:], strict=False)
        if not a.isspace() and not b.isspace() and _is_wide(a) != _is_wide(b)
    )
    return display_width(text) + 0.25 * boundaries


def ends_with_punctuation(text: str) -> bool:
    return bool(text) and text[-1] in "。！？；：.!?;:，,、"


_BREAK_AFTER = "”》）年的"


def split_title(title: str, capacity: float) -> list[str]:
    """Lines of a centred title: as written when it has line breaks; otherwise, when it
    is wider than ``capacity`` characters, two lines split near the middle, preferring a
    break after ” 》 ） 年 的 (GB/T 9704: 回行时词意完整，排列对称)."""
    lines = [line.strip() for line in clean_text(title).split("\n") if line.strip()]
    if len(lines) != 1 or display_width(lines[0]) <= capacity:
        return lines
    text = lines[0]
    total = display_width(text)
    best, best_cost = len(text) // 2, float("inf")
    width = 0.0
    for index, ch in enumerate(text[:-1], start=1):
        width += display_width(ch)
        if width > capacity or total - width > capacity:
            continue
        cost = abs(width - total / 2) - (3 if ch in _BREAK_AFTER else 0)
        if cost < best_cost:
            best, best_cost = index, cost
    return [text[:best], text[best:]]
