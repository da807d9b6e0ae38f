"""Bad official tables: each refused by the real command, the row (and column) named, nothing written."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.imports.conftest import starcampus
from tests.imports.tables import make_docx, make_xlsx

BASE: list[list[object]] = [
    ["一级指标", "分值", "二级指标", "分值", "详细指标及评分标准", "评估办法"],  # row 1
    ["A 基础设施", "10", "A1 校园网络", "6", "千兆进校", "实地查看"],  # row 2
    ["", "", "A2 安全设备", "4", "防火墙", ""],  # row 3
    ["B 数字资源", "5", "B1 资源共享", "5", "每位教师每年上传10个", ""],  # row 4
]


def _set(row: int, col: int, value: object) -> Callable[[list[list[object]]], None]:
    def change(rows: list[list[object]]) -> None:
        rows[row - 1][col] = value
    return change


def _many(*changes: Callable[[list[list[object]]], None]) -> Callable[[list[list[object]]], None]:
    def change(rows: list[list[object]]) -> None:
        for one in changes:
            one(rows)
    return change


def _insert(at: int, row: list[object]) -> Callable[[list[list[object]]], None]:
    return lambda rows: rows.insert(at - 1, row)


def _append(row: list[object]) -> Callable[[list[list[object]]], None]:
    return lambda rows: rows.append(row)


# id, format, change, the row named, what the message says
CASES = [
    ("points-in-words", "docx", _set(2, 1, "四十"), "第2行 第2列 分值", "“四十”不是分数"),
    ("second-level-without-points", "docx", _set(4, 3, ""), "第4行", "二级指标“资源共享”缺少分值"),
    ("first-level-sum", "docx", _set(2, 1, "12"), "第2行", "一级指标“基础设施”分值为12，下级指标合计为10"),
    ("extension-sum", "docx", _set(2, 1, "10+2"), "第2行", "下级指标合计为10"),
    ("duplicate-code", "docx", _set(4, 2, "A1 资源共享"), "第4行", "代码“A1”与第2行重复"),
    ("empty-name", "docx", _set(3, 2, ""), "第3行 第3列 二级指标", "名称为空"),
    ("zero-leaf", "docx", _many(_set(4, 1, "0"), _set(4, 3, "0")), "第4行", "末级指标“资源共享”分值为0"),
    ("not-half-step", "docx", _many(_set(2, 1, "10.2"), _set(3, 3, "4.2")), "第3行", "0.5的整数倍"),
    ("negative", "docx", _set(3, 3, "-4"), "第3行 第4列 分值", "不是分数"),
    ("unknown-column", "docx", _set(1, 5, "邮编"), "第1行 第6列", "无法识别的列“邮编”"),
    ("duplicate-column", "docx", _set(1, 5, "一级指标"), "第1行 第6列", "重复"),
    ("points-before-indicator", "docx", _many(_set(1, 0, "分值"), _set(1, 1, "一级指标")), "第1行 第1列", "前面没有指标列"),
    ("no-parent", "docx", _insert(2, ["", "", "A0 孤立指标", "3", "", ""]), "第2行", "前面没有上级指标"),
    ("orphan-criteria", "docx", _insert(2, ["", "", "", "", "孤立的评分标准", ""]), "第2行", "不属于任何指标"),
    ("total-row", "docx", _append(["合计", "20", "", "", "", ""]), "第5行", "合计为20，一级指标合计为15"),
    ("name-too-long", "docx", _set(3, 2, "A2 " + "长" * 201), "第3行", "名称过长"),
    ("bonus-without-items", "docx", _append(["D 奖励加分", "5", "", "", "", ""]), "第5行", "没有具体加分项目"),
    ("formula", "xlsx", _set(2, 1, "=D2+D3"), "第2行 B列 分值", "公式"),
    ("excel-fraction", "xlsx", _many(_set(2, 1, 8.3), _set(3, 3, 2.3)), "第3行 D列 分值", "0.5的整数倍"),
    ("excel-words", "xlsx", _set(4, 3, "五分"), "第4行 D列 分值", "“五分”不是分数"),
    ("excel-duplicate-name-code", "xlsx", _set(3, 2, "A1 安全设备"), "第3行 C列 二级指标", "与第2行重复"),
]


@pytest.mark.parametrize(("kind", "change", "where", "says"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_bad_table_is_refused(tmp_path: Path, kind: str, change: Callable[[list[list[object]]], None],
                              where: str, says: str) -> None:
    rows = copy.deepcopy(BASE)
    change(rows)
    if kind == "docx":
        source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    else:
        source = make_xlsx(tmp_path / "评分表.xlsx", rows)
    out = tmp_path / "out.toml"
    done = starcampus("rubric", "import", str(source), "-o", str(out), "--id", "bad", "--name", "坏表",
                      "--region", "某县", "--star", "1=一星级=5")
    assert done.returncode == 1, done.stdout
    assert f"{source} {where}" in done.stderr, done.stderr
    assert says in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_base_table_itself_is_good(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in BASE])
    out = tmp_path / "out.toml"
    done = starcampus("rubric", "import", str(source), "-o", str(out), "--id", "good", "--name", "好表",
                      "--region", "某县", "--star", "1=一星级=5")
    assert done.returncode == 0, done.stderr
    assert starcampus("rubric", "check", str(out)).returncode == 0


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE)
    rows[1][1], rows[3][3] = "四十", "五"
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    done = starcampus("rubric", "import", str(source), "-o", str(tmp_path / "o.toml"), "--id", "bad",
                      "--name", "坏表", "--region", "某县", "--star", "1=一星级=5")
    assert done.returncode == 1
    assert "第2行" in done.stderr and "第4行" in done.stderr


def test_no_header_and_empty_table(tmp_path: Path) -> None:
    source = make_docx(tmp_path / "评分表.docx", [["指标", "分", "说明"], ["基础", "5", ""]])
    done = starcampus("rubric", "import", str(source), "-o", str(tmp_path / "o.toml"), "--id", "bad",
                      "--name", "坏表", "--region", "某县", "--star", "1=一星级=5")
    assert done.returncode == 1 and "表1前15行中找不到表头" in done.stderr
    empty = make_docx(tmp_path / "空表.docx", [[str(v) for v in BASE[0]]])
    done = starcampus("rubric", "import", str(empty), "-o", str(tmp_path / "o.toml"), "--id", "bad",
                      "--name", "坏表", "--region", "某县", "--star", "1=一星级=5")
    assert done.returncode == 1 and "没有指标行" in done.stderr
    assert not (tmp_path / "o.toml").exists()
