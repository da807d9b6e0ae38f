from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from exports.safe_path import ExportPathError, resolve_export_path
from exports.tables import render_table


def test_render_table_formats_scores_and_aligns_chinese() -> None:
    pytest.importorskip("wcwidth")
    rows = [["新民乡中心小学", Decimal("71.5"), "二星级"], ["大湾中学", Decimal("75.0"), None]]
    out = render_table(rows, ["学校", "得分", "星级"], fmt="grid")
    assert "71.5" in out and "75 " in out and "75.0" not in out
    lines = out.splitlines()
    from wcwidth import wcswidth

    assert len({wcswidth(line) for line in lines}) == 1, out


@pytest.mark.parametrize("fmt", ["grid", "github", "plain"])
def test_render_table_formats(fmt: str) -> None:
    out = render_table([["甲", Decimal("80")]], ["学校", "得分"], fmt=fmt)
    assert "甲" in out and "80" in out


def test_render_table_rejects_unknown_format() -> None:
    with pytest.raises(ValueError):
        render_table([], ["a"], fmt="html")


def test_resolve_inside_base_creates_parents(tmp_path: Path) -> None:
    out = resolve_export_path("2023/通报.docx", tmp_path)
    assert out == (tmp_path / "2023" / "通报.docx").resolve()
    assert out.parent.is_dir()


@pytest.mark.parametrize("bad", ["../x.docx", "a/../../x.docx", "/etc/passwd", "", ".."])
def test_resolve_refuses_climbing_out(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ExportPathError):
        resolve_export_path(bad, tmp_path / "base")
    assert issubclass(ExportPathError, ValueError)


def test_resolve_refuses_symlink_out(tmp_path: Path) -> None:
    base = tmp_path / "base"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(ExportPathError):
        resolve_export_path("link/x.docx", base)


def test_resolve_without_base(tmp_path: Path) -> None:
    assert resolve_export_path(tmp_path / "a" / "b.xlsx") == (tmp_path / "a" / "b.xlsx").resolve()
