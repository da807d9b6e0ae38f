"""Reading back the campaign facts stored as notice texts (workflow/doors/notice_facts.py checks them in).

gather.py reads ``notice_texts(campaign)``; the multi-item facts are one item a line, in the
officer's order, already checked: these only split them.
"""

from __future__ import annotations

import re

_BASIS = re.compile(r"^《(?P<title>[^《》]+)》(?:（(?P<number>[^（）]+)）)?$")


def lines(text: str) -> tuple[str, ...]:
    """evaluation_organs, evaluation_methods: the items, in order (join with 、 in a sentence)."""
    return tuple(line.strip() for line in (text or "").split("\n") if line.strip())


def basis_documents(text: str) -> tuple[tuple[str, str], ...]:
    """(title, 文号) of each basis document, in order; 文号 is "" where none was given."""
    found = []
    for line in lines(text):
        match = _BASIS.match(line)
        if match:
            found.append((match["title"], match["number"] or ""))
    return tuple(found)


def cited(text: str) -> str:
    """The basis documents as a sentence cites them: 《A》（文号）和《B》（文号）."""
    parts = [f"《{title}》" + (f"（{number}）" if number else "") for title, number in basis_documents(text)]
    return "、".join(parts[:-1]) + "和" + parts[-1] if len(parts) > 1 else "".join(parts)


def upward_authorities(text: str) -> dict[int, str]:
    """Star level -> the higher authority the officer named for it (overrides the rubric's authority_name)."""
    found: dict[int, str] = {}
    for line in lines(text):
        level, sep, name = line.partition("=")
        if sep and level.strip().isdigit() and name.strip():
            found[int(level)] = name.strip()
    return found
