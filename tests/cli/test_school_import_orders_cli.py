"""`schools import` with a 排序 column through the real command, on SQLite and PostgreSQL: an order out of range
(3000000000 crashed PostgreSQL, 99999999999999999999 SQLite), or one another school keeps, exits 1 naming the file,
line and column, or the school, and writes nothing; an accepted one says how many orders changed, the audit log's
说明 what the import did, and the frozen 2023 round's notice order is kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import cli_over_ssh


@pytest.fixture
def demo(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    from tests.demo_copy import load_demo
    from workflow.i18n import set_language

    load_demo(review=True)
    address = cli_over_ssh(db, tmp_path, monkeypatch)
    yield address
    set_language("zh")


def _cli(capsys: pytest.CaptureFixture[str], db: str, *args: str) -> tuple[int, str]:
    from tui.cli import main

    capsys.readouterr()
    code = main(["--db", db, "--lang", "zh", "--as", "demo-admin", *args])
    out, err = capsys.readouterr()
    return code, out + err


def _file(tmp_path: Path, *lines: str) -> str:
    path = tmp_path / "f.csv"
    path.write_text("学校代码,学校名称,乡镇,学段,排序\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("order", ["3000000000", "99999999999999999999", "-1", "０"])
def test_an_order_out_of_range_exits_1_naming_file_line_and_column(
        demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], order: str) -> None:
    before = _cli(capsys, demo, "schools", "list")[1]
    path = _file(tmp_path, "640424013,黄花乡平凉庄小学,黄花乡,小学,14", f"640424012,大湾中学,大湾乡,初中,{order}")
    code, out = _cli(capsys, demo, "schools", "import", path)
    assert code == 1 and f"{path}:3:排序" in out and "1至999999999" in out and "Traceback" not in out, out
    assert _cli(capsys, demo, "schools", "list")[1] == before


def test_orders_that_clash_exit_1_and_a_swap_says_its_count(
        demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _cli(capsys, demo, "schools", "import", _file(tmp_path, "640424013,黄花乡平凉庄小学,黄花乡,小学,1"))
    assert code == 1 and "640424001" in out and "泾源县第一中学" in out, out  # 640424001 keeps 排序 1
    code, out = _cli(capsys, demo, "schools", "import", _file(
        tmp_path, "640424013,黄花乡平凉庄小学,黄花乡,小学,5", "640424012,大湾中学,大湾乡,初中,5"))
    assert code == 1 and f"{tmp_path / 'f.csv'}:3:排序" in out and "第2行" in out, out
    code, out = _cli(capsys, demo, "schools", "import", _file(
        tmp_path, "640424013,黄花乡平凉庄小学,黄花乡,小学,1", "640424001,泾源县第一中学,香水镇,初中,13"))
    assert code == 0 and "排序有变的学校2所" in out, out
    assert "排序有变2所" in _cli(capsys, demo, "audit", "log", "--limit", "1")[1]
    assert _cli(capsys, demo, "audit", "verify")[0] == 0


def _xlsx(tmp_path: Path, *rows: list[object]) -> str:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学校代码", "学校名称", "乡镇", "学段", "排序"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "f.xlsx"
    book.save(path)
    return str(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_an_order_another_school_keeps_is_refused_after_file_line_and_column(
        demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], suffix: str) -> None:
    """The 排序 collision names FILE:LINE:排序 as the import's other refusals do (it named the school only), and a
    Chinese refusal says 排序, not 排序/order (trial, words2); English names the line too."""
    from tui.cli import main

    rows = [["640424012", "大湾中学", "大湾乡", "初中", "12"], ["640424013", "黄花乡平凉庄小学", "黄花乡", "小学", "1"]]
    path = _xlsx(tmp_path, *rows) if suffix == ".xlsx" else _file(tmp_path, *(",".join(row) for row in rows))
    code, out = _cli(capsys, demo, "schools", "import", path)
    assert code == 1, out
    assert out.strip() == (f"拒绝：{path}:3:排序：学校640424013的排序1已由学校640424001（泾源县第一中学）使用，"
                           "两校排序不能相同。请在文件中同时写明640424001的新排序，或给640424013换一个未用的排序"), out
    capsys.readouterr()
    assert main(["--db", demo, "--lang", "en", "--as", "demo-admin", "schools", "import", path]) == 1
    assert capsys.readouterr().err.startswith(f"Refused: {path}:3:order: the order 1 given to school 640424013 is held "
                                              "by school 640424001 (泾源县第一中学)")
    code, out = _cli(capsys, demo, "schools", "import", _file(tmp_path, "640424012,大湾中学,大湾乡,初中,二"))
    assert code == 1 and f"{tmp_path / 'f.csv'}:2:排序：" in out and "排序/order" not in out, out


def test_a_new_school_without_an_order_after_the_largest_is_refused_naming_its_line(
        demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After an import gives 999999999 (ORDER_MAX), a new school without 排序 was given 1000000000, an order the
    import itself refuses: now it is refused naming its line, and nothing is written (trial, words2)."""
    code, out = _cli(capsys, demo, "schools", "import", _file(tmp_path, "640424001,泾源县第一中学,香水镇,初中,999999999"))
    assert code == 0, out
    before = _cli(capsys, demo, "schools", "list")[1]
    code, out = _cli(capsys, demo, "schools", "import", _file(tmp_path, "640424012,大湾中学,大湾乡,初中,",
                                                               "640424099,新建小学,大湾乡,小学,"))
    assert code == 1, out
    assert out.strip() == (f"拒绝：{tmp_path / 'f.csv'}:3:排序：新学校640424099未写排序，而排序已用到最大的999999999，"
                           "没有更大的排序可以给它。请在文件中给它写一个未用的排序"), out
    assert _cli(capsys, demo, "schools", "list")[1] == before
    code, out = _cli(capsys, demo, "schools", "import", _file(tmp_path, "640424099,新建小学,大湾乡,小学,20"))
    assert code == 0, out
    assert _cli(capsys, demo, "audit", "verify")[0] == 0
