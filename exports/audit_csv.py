"""The audit log as CSV: every row with its hashes, safe to open in a spreadsheet, still verifiable.

A reason or a user name is typed by officers, a school user among them; a cell starting with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel and LibreOffice
(``=HYPERLINK(...)`` runs when clicked). Following the OWASP CSV-injection rule, such a text cell
is written with a leading apostrophe, which spreadsheets show as text. A cell that already
starts with an apostrophe gets one too, so the rule reverses without doubt: in every text cell,
drop one leading apostrophe if there is one, and the stored value is back (``original``).
docs/security.md has the recipe that recomputes the hash chain from the exported file; a test runs it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from exports.atomic import atomic_target
from models.file_guard import check_output

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutral(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, made text; numbers and None as they are."""
    if isinstance(value, str) and value.startswith((*FORMULA_STARTS, QUOTE)):
        return QUOTE + value
    return value


def original(cell: str) -> str:
    """The stored text of an exported text cell (``neutral`` undone)."""
    return cell[1:] if cell.startswith(QUOTE) else cell


def write_audit_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]], path: str | os.PathLike[str], *,
                    force: bool = False) -> Path:
    """Write the CSV atomically (UTF-8 with BOM, which makes Excel read it as UTF-8); the path written.

    Refused before anything is written when ``path`` is protected or exists without ``force``
    (models.file_guard); a full disk leaves no partial file.
    """
    target = check_output(path, force=force)
    with atomic_target(target, exclusive=not force) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([neutral(value) for value in row])
    return target
