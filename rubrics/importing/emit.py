"""Write a rubric dict (the shape rubric_from_dict reads) as TOML text.

tomllib only reads, and the rubric shape is small and fixed: scalars, lists of text, and
arrays of tables nested through ``children``. Strings are always TOML basic strings with
every control character escaped, so any text from a Word cell survives the round trip.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rubrics.decimals import normalise, parse_plain, to_text

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}

TOP_ORDER = ("format", "id", "name", "region", "version", "issued", "points", "extension_cap")
INDICATOR_ORDER = ("code", "name", "points", "guidance", "method", "provisional")
STAR_ORDER = ("level", "name_zh", "name_en", "threshold", "authority", "provisional", "authority_name")
VETO_ORDER = ("code", "text", "provisional")


def string(text: str) -> str:
    out = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def number(value: Any) -> str:
    """A plain decimal as a TOML integer or float (70, 2.5); anything else as a string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    parsed = parse_plain(str(value)) if isinstance(value, str | Decimal) else None
    if parsed is None:
        return string(str(value))
    return to_text(normalise(parsed))


def points(value: Any) -> str:
    text = str(value)
    return number(text) if "+" not in text else string(text)


def scalar(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if key == "points":
        return points(value)
    if key in ("threshold", "cap", "extension_cap", "level", "format"):
        return number(value)
    if isinstance(value, list):
        if not value:
            return "[]"
        return "[\n" + "".join(f"    {string(str(item))},\n" for item in value) + "]"
    return string(str(value))


def _keys(table: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    lines = []
    for key in order:
        if key in table and table[key] is not None:
            lines.append(f"{key} = {scalar(key, table[key])}")
    return lines


def _indicator(table: dict[str, Any], header: str) -> list[str]:
    lines = ["", f"[[{header}]]", *_keys(table, INDICATOR_ORDER)]
    for child in table.get("children", []):
        lines += _indicator(child, f"{header}.children")
    return lines


def dumps(data: dict[str, Any], comment: str = "") -> str:
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    if lines:
        lines.append("")
    lines += _keys(data, TOP_ORDER)
    if data.get("notes"):
        lines.append(f"notes = {scalar('notes', data['notes'])}")
    provenance = data.get("provenance")
    if provenance:
        lines += ["", "[provenance]"]
        lines += [f"{key} = {scalar(key, provenance[key])}" for key in ("confirmed", "provisional", "sources")
                  if key in provenance]
    for star in data.get("star_levels", []):
        lines += ["", "[[star_levels]]", *_keys(star, STAR_ORDER)]
    for veto in data.get("vetoes", []):
        lines += ["", "[[vetoes]]", *_keys(veto, VETO_ORDER)]
    for indicator in data.get("indicators", []):
        lines += _indicator(indicator, "indicators")
    bonus = data.get("bonus")
    if bonus:
        lines += ["", "[bonus]", *_keys(bonus, ("cap", "provisional"))]
        for item in bonus.get("items", []):
            lines += _indicator(item, "bonus.items")
    return "\n".join(lines) + "\n"
