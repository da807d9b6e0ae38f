"""`python -m rubrics check`: a summary or every problem, in the reader's language (Chinese first)."""

import subprocess
import sys
from collections.abc import Iterator

import pytest

from rubrics.check import check, main
from workflow.i18n import set_language


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    yield
    set_language("zh")


def test_check_builtin_summarises() -> None:
    status, text = check("henan-v2")
    assert status == 0
    assert "五星级 / 5 stars：150（benchmark）" in text
    assert "满分：153" in text


def test_check_builtin_summarises_in_english(english: None) -> None:
    status, text = check("henan-v2")
    assert status == 0
    assert "五星级 / 5 stars: 150 (benchmark)" in text  # the level's names are data: both kept
    assert "maximum: 153" in text


def test_check_marks_provisional_levels() -> None:
    assert "95（upward）  [暂定]" in check("ningxia-2022")[1]


def test_check_marks_provisional_levels_in_english(english: None) -> None:
    assert "95 (upward)  [provisional]" in check("ningxia-2022")[1]


def _bad(tmp_path) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "x"\nname = "x"\n[[indicators]]\ncode = "A"\nname = "a"\npoints = -1\n', encoding="utf-8"
    )
    return str(path)


def test_check_bad_file_lists_problems(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = _bad(tmp_path)
    assert main(["check", path]) == 1
    err = capsys.readouterr().err
    assert f"{path}: 指标 A：" in err and "分值不能为负数" in err
    assert "评分标准未载入" in err


def test_check_bad_file_lists_problems_in_english(tmp_path, capsys, english) -> None:  # type: ignore[no-untyped-def]
    path = _bad(tmp_path)
    assert main(["check", path]) == 1
    err = capsys.readouterr().err
    assert f"{path}: indicator A:" in err and "negative" in err
    assert "2 problem(s) found; the rubric was not loaded." in err


def test_usage() -> None:
    assert main([]) == 2


def test_module_entry_point() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "rubrics", "check", "ningxia-2022"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("通过"), done.stderr
