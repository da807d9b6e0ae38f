"""Decimal helpers shared by rubric loading and scoring.

Scores and points never go through float: a float cannot hold 0.1 exactly, and a
rounding slip at a star threshold changes a school's level.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

HALF = Decimal("0.5")

# ASCII digits only: Python's \d and Decimal() both accept other scripts' digits, which
# would let odd input through that no officer meant to type.
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?", re.ASCII)

# Long digit strings are never real scores; capping keeps Decimal work trivial.
MAX_TEXT = 32


def normalise(value: Decimal) -> Decimal:
    """Drop trailing zeros without going to exponent form (100, not 1E+2)."""
    value = value + 0  # turns -0 into 0
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


_TEXTS: dict[Decimal, str] = {}  # scores repeat (half points up to a leaf's maximum): each is worded once


def to_text(value: Decimal) -> str:
    """ "71.5", "75" - never "75.0" or "7.5E+1"."""
    if type(value) is not Decimal:
        return format(normalise(value), "f")
    text = _TEXTS.get(value)  # equal Decimals (2.5, 2.50) have the same text
    if text is None:
        text = format(normalise(value), "f")
        if len(_TEXTS) < 20_000:
            _TEXTS[value] = text
    return text


def clean_text(text: str) -> str:
    # NFKC folds full-width digits and the full-width point (８０．５) to ASCII.
    return unicodedata.normalize("NFKC", text).strip()


def parse_plain(text: str) -> Decimal | None:
    """A decimal written plainly (no exponent, no NaN/inf, no units), else None."""
    cleaned = clean_text(text)
    if len(cleaned) > MAX_TEXT or not _PLAIN.fullmatch(cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern already excludes this
        return None


def is_half_step(value: Decimal) -> bool:
    return (value % HALF) == 0
