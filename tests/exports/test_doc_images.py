"""docs/img is current: the pictured pages, rendered again from the demo, say what was recorded when the
pictures were made (`make doc-images`). Text layers, not pixels: fonts' rasterising varies, words don't."""

from __future__ import annotations

from pathlib import Path

from tests.exports import make_doc_images as images
from tests.support import need_program


def _pages(record: str) -> dict[str, str]:
    lines = record.splitlines()
    return {lines[i].split()[0]: lines[i + 1] for i in range(0, len(lines) - 1, 2)}


def test_the_committed_pictures_show_the_demo_as_it_renders_now(tmp_path: Path) -> None:
    need_program("soffice", "libreoffice")
    need_program("pdftotext")
    need_program("pdftoppm")
    for picture, _name, _page in images.PICTURES:
        assert (images.IMG / picture).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", picture
    recorded = _pages(images.RECORD.read_text(encoding="utf-8"))
    now = _pages(images.record_text(images.render_all(tmp_path)))
    stale = [picture for picture in now if now[picture] != recorded.get(picture)]
    assert not stale, f"docs/img is out of date for {', '.join(stale)}: run `make doc-images` and commit docs/img"
