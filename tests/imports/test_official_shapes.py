"""Rubric tables as officials make them: a one-row 奖励加分, criteria merged across columns, 注：… rows,
and refusals that point at the cell to change. Real .docx/.xlsx files, mostly through the real command."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from rubrics.errors import RubricError
from rubrics.importing import import_table
from rubrics.loader import builtin_rubric, load_rubric, load_rubric_text, rubric_to_dict
from rubrics.messages import IMPORT
from rubrics.serial import rubric_from_frozen
from tests.imports.conftest import starcampus
from tests.imports.tables import henan_rows, make_docx, make_xlsx, xlsx_merges
from tests.imports.test_bad_tables import BASE

META = ["--id", "shapes", "--name", "数字校园评估标准", "--region", "某县", "--star", "1=一星级=30"]
BONUS_TEXT = "获国家级奖励加3分，省级奖励加2分，最高10分"
NOTE = "注：1.扩展项得分计入总分。2.奖励加分不计入一级指标合计。"


def _run(source: Path, out: Path, *extra: str, lang: str = "zh") -> tuple[int, str]:
    done = starcampus("rubric", "import", str(source), "-o", str(out), *META, *extra, lang=lang)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stderr


def _henan_with(extra: list[list[str]]) -> tuple[list[list[str]], list[tuple[int, int, int]]]:
    rows, merges = henan_rows()
    return rows + extra, merges


def test_one_row_bonus_with_its_cap_in_the_text_and_a_note_in_the_first_cell(tmp_path: Path) -> None:
    # D 奖励加分 | (no points) | the criteria merged across 二级指标 … 分值 | 评估办法; then 注： in the first cell only.
    rows, merges = _henan_with([["D 奖励加分", "", BONUS_TEXT, "", "", "", "查阅获奖证书"],
                                [NOTE, "", "", "", "", "", ""]])
    bonus_row = len(rows) - 2
    source = make_docx(tmp_path / "评分表.docx", rows, merges, across=[(bonus_row, 2, 5)])
    out = tmp_path / "out.toml"
    code, stderr = _run(source, out)
    assert code == 0, stderr
    assert starcampus("rubric", "check", str(out)).returncode == 0
    checked = subprocess.run([sys.executable, "-m", "rubrics", "--lang", "zh", "check", str(out)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0 and "奖励加分上限 10" in checked.stdout and "注：1 条（见 notes）" in checked.stdout
    rubric = load_rubric(out)
    assert rubric.bonus is not None and rubric.bonus.cap == 10
    [item] = rubric.bonus.items
    assert (item.code, item.name, str(item.points)) == ("D", "奖励加分", "10")
    assert item.guidance == BONUS_TEXT and item.method == "查阅获奖证书"
    assert rubric.notes == (NOTE,)
    assert rubric.max_total() == 59 + 10
    # The indicators are exactly those of the table without the two rows.
    plain_rows, plain_merges = henan_rows()
    plain = make_docx(tmp_path / "plain.docx", plain_rows, plain_merges)
    _d, _t, without = import_table(plain, rubric_id="shapes", name="x", stars=["1=一星级=30"])
    assert rubric.indicators == without.indicators and without.notes == ()


def test_xlsx_one_row_bonus_capped_by_its_points_cell_merged_note_and_criteria(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["一级指标", "分值", "二级指标", "分值", "详细指标及评分标准", "评估办法"],  # row 2 (title on row 1)
        ["A 基础设施", 10, "A1 校园网络", 6, "千兆进校", "实地查看"],  # row 3
        ["", "", "A2 安全设备", 4, "防火墙", ""],  # row 4
        ["注：A类指标须全部达标", "", "", "", "", ""],  # row 5, merged A:F
        ["B 数字资源", 5, "B1 资源共享", 5, "每位教师每年上传10个", ""],  # row 6
        ["", "", "各项均须提供近三年资料", "", "", ""],  # row 7, merged C:E: criteria of B
        ["C 奖励加分", 5, "市级以上示范校加5分", "", "", "查看文件"],  # row 8, merged C:E
        ["注：总分100分，另有奖励加分。", "", "", "", "", ""],  # row 9, first cell only
    ]
    merges = ["A3:A4", "B3:B4", "A5:F5", "A6:A7", "B6:B7", "C7:E7", "C8:E8"]
    source = make_xlsx(tmp_path / "评分表.xlsx", rows, merges, title="附件1 评估标准")
    _data, text, rubric = import_table(source, rubric_id="x", name="x", stars=["1=一星级=10"])
    assert [(i.code, str(i.points)) for i in rubric.indicators] == [("A", "10"), ("B", "5")]
    assert rubric.find("B").guidance == "各项均须提供近三年资料"
    assert rubric.find("B1").guidance == "每位教师每年上传10个"
    assert rubric.bonus is not None and rubric.bonus.cap == 5
    assert [(i.code, i.guidance, i.method) for i in rubric.bonus.items] == [("C", "市级以上示范校加5分", "查看文件")]
    assert rubric.notes == ("注：A类指标须全部达标", "注：总分100分，另有奖励加分。")
    assert 'notes = [\n    "注：A类指标须全部达标",' in text
    assert load_rubric_text(text, "again") == rubric


@pytest.mark.parametrize(("text", "cap"), [
    ("获国家级奖励加3分，省级奖励加2分，最高10分", 10), ("每项加1分，累计不超过５分", 5),
    ("获奖加分，上限为8分", 8), ("单项最高3分，总分不超过6分", 6),
])
def test_the_cap_is_read_from_the_ways_officials_write_it(tmp_path: Path, text: str, cap: int) -> None:
    rows = copy.deepcopy(BASE) + [["D 奖励加分", "", text, "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows], across=[(4, 2, 4)])
    _d, _t, rubric = import_table(source, rubric_id="x", name="x", stars=["1=一星级=5"])
    assert rubric.bonus is not None and rubric.bonus.cap == Decimal(cap)
    assert rubric.bonus.items[0].guidance == text


def test_a_one_row_bonus_without_a_cap_is_refused_saying_what_to_write(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["D 奖励加分", "", "获国家级奖励加3分，省级奖励加2分", "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows], across=[(4, 2, 4)])
    out = tmp_path / "out.toml"
    code, stderr = _run(source, out)
    assert code == 1 and not out.exists()
    assert stderr.strip() == (f"{source} 第5行 第2列 分值: “奖励加分”没有写加分上限；请在分值栏填写上限（如 10），"
                              "或在评分标准中写明上限，如“最高10分”、“不超过10分”、“上限10分”")
    code, stderr = _run(source, out, lang="en")
    assert code == 1 and stderr.strip() == (
        f"{source} row 5, column 2 分值: the bonus section '奖励加分' states no cap; write the cap in the points "
        "column (such as 10), or in the criteria text, such as '最高10分', '不超过10分', '上限10分'")


def test_a_cap_written_twice_must_agree(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["D 奖励加分", "5", BONUS_TEXT, "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows], across=[(4, 2, 4)])
    code, stderr = _run(source, tmp_path / "out.toml")
    assert code == 1
    assert f"{source} 第5行 第2列 分值: “奖励加分”分值栏写的上限是5，评分标准中写的是10分；请把二者改为一致" in stderr


def test_a_sum_error_names_the_child_row_to_change(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE)
    rows[2][3] = "2"  # A2 安全设备 4 -> 2: A says 10, its children add up to 8
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    code, stderr = _run(source, tmp_path / "out.toml")
    assert code == 1
    assert stderr.strip() == (f"{source} 第2行 第2列 分值: 一级指标“基础设施”分值为10，下级指标合计为8；"
                              "最可能有误的是第3行二级指标“安全设备”（2分，改为4则相符），否则请把本行分值改为8")
    code, stderr = _run(source, tmp_path / "out.toml", lang="en")
    assert stderr.strip() == (f"{source} row 2, column 2 分值: 一级指标 '基础设施' says 10 but its sub-indicators add "
                              "up to 8; most likely wrong: row 3, 二级指标 '安全设备' (2; 4 would make them agree); "
                              "otherwise change this row's points to 8")


def test_the_child_whose_own_items_agree_is_named_not_the_last_one(tmp_path: Path) -> None:
    # A1 says 6, but its criteria add up to 8, and 8 is what A (10 = A1 + A2 2) needs: A1 is the typo.
    rows: list[list[object]] = [
        ["一级指标", "分值", "二级指标", "分值", "详细指标及评分标准", "分值"],
        ["A 基础设施", 10, "A1 校园网络", 6, "千兆进校", 4],  # row 2
        ["", "", "", "", "百兆到班", 4],  # row 3
        ["", "", "A2 安全设备", 2, "防火墙", 2],  # row 4
    ]
    source = make_xlsx(tmp_path / "评分表.xlsx", rows, xlsx_merges([(0, 1, 3), (1, 1, 3), (2, 1, 2), (3, 1, 2)]))
    with pytest.raises(RubricError) as error:
        import_table(source, rubric_id="x", name="x", stars=["1=一星级=5"])
    lines = str(error.value).splitlines()
    assert lines == [
        f"{source} 第2行 B列 分值: 一级指标“基础设施”分值为10，下级指标合计为8；"
        "最可能有误的是第2行二级指标“校园网络”（6分，改为8则相符），否则请把本行分值改为8",
        f"{source} 第2行 D列 分值: 二级指标“校园网络”分值为6，下级指标合计为8；"
        "最可能有误的是本行：改为8则与下级合计及第2行一级指标“基础设施”都相符",
    ]


def test_the_total_row_names_the_first_level_to_change(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["合计", "20", "", "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    code, stderr = _run(source, tmp_path / "out.toml")
    assert code == 1 and stderr.strip() == (
        f"{source} 第5行: 合计为20，一级指标合计为15；"
        "最可能有误的是第4行一级指标“数字资源”（5分，改为10则相符），否则请把合计改为15")


def test_a_rubric_frozen_before_notes_existed_reads_with_none() -> None:
    rubric = builtin_rubric("henan-v2")
    data = rubric_to_dict(rubric)
    assert "notes" not in data  # a campaign frozen today stores exactly what it stored before
    frozen = json.dumps(data, ensure_ascii=False, sort_keys=True)
    assert rubric_from_frozen(frozen).notes == ()
    noted = rubric_from_frozen(json.dumps({**data, "notes": ["注：试行"]}, ensure_ascii=False))
    assert noted.notes == ("注：试行",) and rubric_to_dict(noted)["notes"] == ["注：试行"]


def test_every_import_refusal_says_what_to_change() -> None:
    # Line shapes and parts of other lines are not refusals of their own.
    frames = {"import.problem", "import.problem_row", "import.problem_row_column", "import.at_code", "import.sum",
              "import.total_sum"}
    remedy = re.compile(r"请|应为|应写作|加 --force|需要|改为|--like|--star")
    silent = [key for key, text in IMPORT.items()
              if key.startswith("import.") and key not in frames and not remedy.search(text["zh"])]
    assert silent == []
    # The table's own words an officer is shown to write (the cap's forms, “（4分）”) are data, in either language.
    assert not [key for key, text in IMPORT.items() if re.search(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]",
                                                                 text["en"])]


@pytest.mark.parametrize("column", [2, 4], ids=["in-二级指标", "in-评分标准"])
def test_a_one_row_bonus_written_in_one_unmerged_cell(tmp_path: Path, column: int) -> None:
    # The 7-column table: criteria carry their own points, yet the bonus rule has none: it is the rule.
    row = ["D 奖励加分", "", "", "", "", "", "查阅获奖证书"]
    row[column] = BONUS_TEXT
    rows, merges = _henan_with([row])
    source = make_docx(tmp_path / "评分表.docx", rows, merges)
    _d, _t, rubric = import_table(source, rubric_id="x", name="x", stars=["1=一星级=30"])
    assert rubric.bonus is not None and rubric.bonus.cap == 10
    assert [(i.code, i.guidance) for i in rubric.bonus.items] == [("D", BONUS_TEXT)]


def test_beside_bonus_items_a_rule_without_points_is_an_item_missing_them(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["D 奖励加分", "5", "D1 获国家级奖励加3分", "3", "", ""],
                                  ["", "", "D2 获省级奖励加2分", "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    code, stderr = _run(source, tmp_path / "out.toml")
    assert code == 1
    assert f"{source} 第6行 第4列 分值: 二级指标“D2 获省级奖励加2分”缺少分值；请在分值栏填写" in stderr


def test_a_cap_written_under_the_items_is_the_cap(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["D 奖励加分", "", "D1 获国家级奖励", "6", "", ""],
                                  ["", "", "D2 获省级奖励", "4", "", ""],
                                  ["", "", "累计最高8分", "", "", ""]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows], across=[(6, 2, 4)])
    _d, _t, rubric = import_table(source, rubric_id="x", name="x", stars=["1=一星级=5"])
    assert rubric.bonus is not None and rubric.bonus.cap == 8
    assert [i.code for i in rubric.bonus.items] == ["D1", "D2"] and rubric.bonus.reachable == 8


def test_a_lone_remark_in_the_method_column_stays_the_indicators_method(tmp_path: Path) -> None:
    rows = copy.deepcopy(BASE) + [["", "", "", "", "", "备注：须提供近三年资料"]]
    source = make_docx(tmp_path / "评分表.docx", [[str(v) for v in row] for row in rows])
    _d, _t, rubric = import_table(source, rubric_id="x", name="x", stars=["1=一星级=5"])
    assert rubric.notes == () and rubric.find("B1").method == "备注：须提供近三年资料"
