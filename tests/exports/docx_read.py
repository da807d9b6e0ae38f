"""Read-back helpers for the .docx tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn


def load(path: Path) -> Any:
    return docx.Document(str(path))


def all_run_elements(document: Any) -> Iterator[Any]:
    """Every w:r in the body (tables included) and in every footer/header part."""
    yield from document.element.body.iter(qn("w:r"))
    for section in document.sections:
        for part in (section.footer, section.even_page_footer, section.header):
            if not part.is_linked_to_previous:
                yield from part._element.iter(qn("w:r"))


def east_asia_font(run_element: Any) -> str | None:
    rpr = run_element.find(qn("w:rPr"))
    fonts = None if rpr is None else rpr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def body_text(document: Any) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def paragraph_starting(document: Any, prefix: str) -> Any:
    for paragraph in document.paragraphs:
        if paragraph.text.startswith(prefix):
            return paragraph
    raise AssertionError(f"no paragraph starts with {prefix!r}")
