"""Optional fields of the writers' records, read with their defaults.

The records (exports/data.py) are filled by exports/gather.py. The fields below are read
with ``getattr`` so that a writer works on records that do not carry them yet; each name,
type and default is listed in docs/exports.md ("Optional record fields").
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def text_field(record: object, name: str, default: str = "") -> str:
    value = getattr(record, name, None)
    return value if isinstance(value, str) else default


def flag_field(record: object, name: str, default: bool) -> bool:
    value = getattr(record, name, None)
    return value if isinstance(value, bool) else default


def parts_field(record: object, name: str) -> tuple[str, ...]:
    value = getattr(record, name, None)
    if isinstance(value, str):
        return (value,) if value else ()
    if isinstance(value, tuple | list):
        return tuple(str(v) for v in value if v)
    return ()


def date_field(record: object, name: str) -> date | None:
    value = getattr(record, name, None)
    return value if isinstance(value, date) else None


def decimal_field(record: object, name: str) -> Decimal | None:
    value = getattr(record, name, None)
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        return None
    return Decimal(value)


def int_field(record: object, name: str) -> int | None:
    value = getattr(record, name, None)
    return value if isinstance(value, int) and not isinstance(value, bool) else None
