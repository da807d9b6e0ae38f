"""下一步工作要求 written one a line (no blank line between) are separate items, and an officer's own numbering
(一、 / 1. / （一）) is dropped so the notice's (（一）（二）…) is not doubled: "一、要求甲。\\n二、要求乙。" printed as
one item "（一）一、要求甲。二、要求乙。" (trial, words2). The county notice (the demo's initial round open) and the
review notice (its review round open), through the real command, each .docx read back with python-docx; SQLite
and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import docx
import pytest

from tests.support import admin_cli_ok as _cli
from tests.support import cli_over_ssh

TEXT = "一、压实责任。校长负总责。\n2. 补齐短板\n（三）抓好整改。按期报送。\n\n1.5倍投入。逐年增加。"
ITEMS = ["（一）压实责任。校长负总责。", "（二）补齐短板。", "（三）抓好整改。按期报送。", "（四）1.5倍投入。逐年增加。"]


@pytest.fixture(params=[False, True], ids=["county-notice", "review-notice"])
def demo(request: pytest.FixtureRequest, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.demo_copy import load_demo
    from workflow import clock
    from workflow.i18n import set_language

    now = "2026-12-01T09:00:00+08:00" if request.param else "2023-12-01T09:00:00+08:00"
    clock.pin(datetime.fromisoformat(now))
    load_demo(review=request.param)
    clock.pin(None)
    address = cli_over_ssh(db, tmp_path, monkeypatch)
    monkeypatch.setenv("STARCAMPUS_NOW", now)
    yield address
    set_language("zh")


def test_requirements_one_a_line_are_items_numbered_once(
        demo: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _cli(capsys, demo, "notice", "set", "requirements", TEXT)
    target = tmp_path / "通报.docx"
    _cli(capsys, demo, "export", "notice", "-o", str(target), "--force")
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]
    heading = next(i for i, text in enumerate(paragraphs) if text.endswith("下一步工作要求"))
    assert paragraphs[heading + 1:heading + 5] == ITEMS, paragraphs[heading:]
    assert not any("（一）一、" in text or "要求甲。二、" in text for text in paragraphs)
