"""Measure a rendered PDF: words with their boxes and pages, from ``pdftotext -bbox``."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from tests.support import need_program

_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    page: int  # 1-based
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def centre(self) -> float:
        return (self.x_min + self.x_max) / 2


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]

    def lines(self) -> list[list[Word]]:
        """Words grouped by line (same top within 2 pt), top to bottom, left to right."""
        rows: list[list[Word]] = []
        for word in sorted(self.words, key=lambda w: (w.y_min, w.x_min)):
            if rows and abs(rows[-1][0].y_min - word.y_min) < 2:
                rows[-1].append(word)
            else:
                rows.append([word])
        return rows

    def text(self) -> str:
        return "\n".join("".join(w.text for w in line) for line in self.lines())


def pdf_pages(pdf: Path) -> list[Page]:
    out = subprocess.run(
        [need_program("pdftotext"), "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(out)
    pages: list[Page] = []
    for number, page in enumerate(root.iter(f"{_XHTML}page"), start=1):
        words = tuple(
            Word(
                number,
                w.text or "",
                float(w.get("xMin", 0)),
                float(w.get("yMin", 0)),
                float(w.get("xMax", 0)),
                float(w.get("yMax", 0)),
            )
            for w in page.iter(f"{_XHTML}word")
        )
        pages.append(Page(number, float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def pages_with(pages: list[Page], text: str) -> list[int]:
    """Numbers of the pages whose text (lines joined, no spaces) contains ``text``."""
    return [p.number for p in pages if text in p.text().replace("\n", "")]
