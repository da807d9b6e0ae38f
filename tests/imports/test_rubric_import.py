"""Rubrics imported from official tables: real .docx/.xlsx files, the real command, all or nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from rubrics.errors import RubricError
from rubrics.importing import import_table, parse_star, write_imported
from rubrics.importing.build import parse_points, split_code
from rubrics.loader import load_rubric, load_rubric_text
from rubrics.model import Points
from tests.imports.conftest import starcampus
from tests.imports.tables import A1_ITEMS, henan_rows, make_docx, make_xlsx, xlsx_merges

STARS = ["--star", "1=一星级=30", "--star", "2=二星级=45=upward"]
META = ["--id", "henan-import", "--name", "河南省中小学数字校园评估标准（V2.0）", "--region", "河南省",
        "--version", "V2.0"]


def _import(source: Path, out: Path, *extra: str) -> tuple[int, str, str]:
    done = starcampus("rubric", "import", str(source), "-o", str(out), *META, *extra)
    return done.returncode, done.stdout, done.stderr


def test_docx_with_merged_cells_reproduces_a1(tmp_path: Path) -> None:
    rows, merges = henan_rows()
    source = make_docx(tmp_path / "评分表.docx", rows, merges)
    out = tmp_path / "henan.toml"
    code, stdout, stderr = _import(source, out, *STARS)
    assert code == 0, stderr
    assert "henan-import" in stdout
    checked = starcampus("rubric", "check", str(out))
    assert checked.returncode == 0, checked.stderr
    rubric = load_rubric(out)
    assert [i.code for i in rubric.indicators] == ["A", "B"]
    a = rubric.find("A")
    assert a.name == "信息化基础环境" and a.points == Points(Decimal(40), Decimal(9))
    a1 = rubric.find("A1")
    assert a1.name == "校园网络环境" and str(a1.points) == "20+2"
    assert a1.method == "查阅资料、实地查看"
    base = [c.points.base for c in a1.children if c.points.base]
    assert base == [4, 4, 4, 2, 2, 1, 3] and sum(base) == 20
    assert [c.name for c in a1.children] == [name for name, _p in A1_ITEMS]
    assert a1.children[-1].points == Points(Decimal(0), Decimal(2))
    assert [c.code for c in a1.children] == [f"A1.{n}" for n in range(1, 9)]
    assert rubric.find("A2").name == "智能教学环境"  # "A2.智能教学环境"
    assert rubric.max_total() == 59
    assert not rubric.is_provisional
    assert any("评分表.docx" in line for line in rubric.provenance.confirmed)
    assert rubric.provenance.sources[0] == "评分表.docx"
    assert [s.threshold for s in rubric.star_levels] == [30, 45]
    assert rubric.star_levels[1].authority == "upward"


def test_xlsx_with_title_row_merges_and_numbers(tmp_path: Path) -> None:
    rows, merges = henan_rows()
    numeric: list[list[object]] = [list[object](rows[0])] + [[int(v) if v.isdigit() else v for v in row] for row in rows[1:]]
    source = make_xlsx(tmp_path / "评分表.xlsx", numeric, xlsx_merges(merges, offset=2), title="附件1 评估标准")
    out = tmp_path / "henan.toml"
    code, _out, stderr = _import(source, out, *STARS)
    assert code == 0, stderr
    rubric = load_rubric(out)
    assert [c.points.base for c in rubric.find("A1").children][:7] == [4, 4, 4, 2, 2, 1, 3]
    assert str(rubric.find("A").points) == "40+9"


def test_like_copies_stars_bonus_and_vetoes(tmp_path: Path) -> None:
    rows = [["序号", "一级指标", "分值", "二级指标", "分值", "评估办法"],
            ["", "一、基础设施", "40", "（一）校园网络", "20", "实地查看"],
            ["", "", "", "（二）安全设备", "20", ""],
            ["", "二、数字资源", "60", "1. 资源建设", "30", ""],
            ["", "", "", "2、平台应用", "30", ""]]
    source = make_docx(tmp_path / "宁夏.docx", rows)
    out = tmp_path / "nx.toml"
    code, _out, stderr = _import(source, out, "--like", "ningxia-2022")
    assert code == 0, stderr
    rubric = load_rubric(out)
    assert [(i.code, i.name) for i in rubric.walk()] == [
        ("A", "基础设施"), ("A1", "校园网络"), ("A2", "安全设备"),
        ("B", "数字资源"), ("B1", "资源建设"), ("B2", "平台应用")]
    assert [s.threshold for s in rubric.star_levels] == [70, 80, 90, 95]
    assert rubric.vetoes and rubric.star_levels[-1].provisional  # the template's provisional mark stays
    assert any("ningxia-2022" in line for line in rubric.provenance.provisional)


def test_three_levels_serial_codes_fill_down_and_bonus(tmp_path: Path) -> None:
    header: list[object] = ["序号", "一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评分标准", "备注"]
    rows: list[list[object]] = [header,
            ["1.1.1", "1 基础环境", 10, "1.1 网络", 10, "千兆进校", 6, "光纤合同", ""],
            ["A1.1.2", "1 基础环境", 10, "1.1 网络", 10, "百兆到班", "4分", "", ""],
            ["", "D 奖励加分", 5, "D1 获省级示范校", 5, "", "", "", ""],
            ["", "", "", "D2 获市级示范校", 3, "", "", "", ""]]
    source = make_xlsx(tmp_path / "三级.xlsx", rows)
    data, text, rubric = import_table(source, rubric_id="three", name="三级", stars=["1=一星级=10"])
    # "1 基础环境" is an ordinal (code made by position); "1.1" and the 序号 column are codes.
    assert [i.code for i in rubric.walk()] == ["A", "1.1", "1.1.1", "A1.1.2", "D1", "D2"]
    assert rubric.find("A").name == "基础环境"
    assert rubric.find("1.1.1").guidance == "光纤合同"
    assert rubric.bonus is not None and rubric.bonus.cap == 5 and len(rubric.bonus.items) == 2
    assert load_rubric_text(text, "again") == rubric


def test_two_row_header_and_table_choice(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_table(rows=1, cols=2).cell(0, 0).text = "附件"
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "一级指标"
    table.cell(0, 2).merge(table.cell(0, 3)).text = "二级指标"
    for col, text in enumerate(["名称", "分值", "名称", "分值"]):
        table.cell(1, col).text = text
    for col, text in enumerate(["A 基础设施", "１０分", "A1 网络", "6"]):
        table.cell(2, col).text = text
    table.cell(3, 2).text, table.cell(3, 3).text = "A2 安全", "4"
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 1).merge(table.cell(3, 1))
    source = tmp_path / "two.docx"
    document.save(str(source))
    _data, _text, rubric = import_table(source, rubric_id="two", name="二", stars=["1=一星级=5"])
    assert [(i.code, str(i.points)) for i in rubric.walk()] == [("A", "10"), ("A1", "6"), ("A2", "4")]
    _data, _text, again = import_table(source, rubric_id="two", name="二", stars=["1=一星级=5"], table=2)
    assert again == rubric
    with pytest.raises(RubricError, match="只有2个表格"):
        import_table(source, rubric_id="two", name="二", stars=["1=一星级=5"], table=3)


def test_existing_output_needs_force(tmp_path: Path) -> None:
    rows, merges = henan_rows()
    source = make_docx(tmp_path / "评分表.docx", rows, merges)
    out = tmp_path / "out.toml"
    out.write_text("# mine\n", encoding="utf-8")
    code, _o, stderr = _import(source, out, *STARS)
    assert code == 1 and "--force" in stderr and out.read_text(encoding="utf-8") == "# mine\n"
    code, _o, stderr = _import(source, out, *STARS, "--force")
    assert code == 0, stderr and load_rubric(out).id == "henan-import"


def test_usage_and_metadata_errors(tmp_path: Path) -> None:
    rows, merges = henan_rows()
    source = make_docx(tmp_path / "评分表.docx", rows, merges)
    out = tmp_path / "out.toml"
    missing_id = starcampus("rubric", "import", str(source), "-o", str(out), "--name", "x", "--region", "y")
    assert missing_id.returncode == 2
    no_stars = _import(source, out)
    assert no_stars[0] == 1 and "--star" in no_stars[2]
    bad_star = _import(source, out, "--star", "二=二星级=70")
    assert bad_star[0] == 1 and "--star 二=二星级=70" in bad_star[2]
    # henan-v2's 90..150 on a 59-point table (89 with the template's bonus): one line saying what to write.
    too_high = _import(source, out, "--like", "henan-v2")
    assert too_high[0] == 1
    assert too_high[2].strip() == (
        f"{source}: --like henan-v2：模板的星级分数线90、105、120、135、150高于本表可得的最高分89，没有学校能够达到；"
        "请用 --star 写出本表所属标准规定的分数线（每个星级一个，如 --star 1=一星级=N，不高于89），"
        "或换用满分与本表相当的模板")
    in_english = starcampus("rubric", "import", str(source), "-o", str(out), *META, "--like", "henan-v2", lang="en")
    assert in_english.returncode == 1
    assert in_english.stderr.strip() == (
        f"{source}: --like henan-v2: the template's thresholds 90, 105, 120, 135, 150 are above this table's "
        "reachable maximum 89, so no school could reach them; give this standard's own thresholds with --star "
        "(one per level, such as --star 1=一星级=N, at most 89), or use a template whose maximum matches the table")
    lowered = _import(source, out, "--star", "1=一星级=30", "--star", "2=二星级=60")
    assert lowered[0] == 1 and lowered[2].strip() == (
        f"{source}: --star 2=二星级=60：分数线高于本表可得的最高分59，没有学校能够达到；请把分数线改为不高于59")
    bad_id = starcampus("rubric", "import", str(source), "-o", str(out), "--id", "含中文", "--name", "x",
                        "--region", "y", *STARS)
    assert bad_id.returncode == 1 and "id" in bad_id.stderr
    sheet_on_docx = _import(source, out, *STARS, "--sheet", "x")
    assert sheet_on_docx[0] == 1 and "--sheet" in sheet_on_docx[2]
    assert not out.exists()


def test_not_a_table_file(tmp_path: Path) -> None:
    fake = tmp_path / "评分表.docx"
    fake.write_text("not a zip", encoding="utf-8")
    out = tmp_path / "out.toml"
    code, _o, stderr = _import(fake, out, *STARS)
    assert code == 1 and "不是有效的" in stderr and not out.exists()
    csv = tmp_path / "评分表.csv"
    csv.write_text("一级指标,分值\n", encoding="utf-8")
    code, _o, stderr = _import(csv, out, *STARS)
    assert code == 1 and ".docx" in stderr and not out.exists()
    big = tmp_path / "big.xlsx"
    with big.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)
    code, _o, stderr = _import(big, out, *STARS)
    assert code == 1 and "50 MB" in stderr and not out.exists()


def test_missing_sheet_is_named(tmp_path: Path) -> None:
    source = make_xlsx(tmp_path / "t.xlsx", [["一级指标", "分值"], ["A 基础", 5]], sheet="评分表", other_sheet="说明")
    with pytest.raises(RubricError, match="“说明”、“评分表”"):
        import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"], sheet="Sheet9")
    with pytest.raises(RubricError, match="找不到表头"):  # the first sheet is the empty 说明 sheet
        import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"])
    _d, _t, rubric = import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"], sheet="评分表")
    assert rubric.find("A").points.base == 5


@pytest.mark.parametrize(("text", "points"), [
    ("40+9", Points(Decimal(40), Decimal(9))), ("4", Points(Decimal(4))), ("4分", Points(Decimal(4))),
    ("２０＋２", Points(Decimal(20), Decimal(2))), ("2.5", Points(Decimal("2.5"))),
    ("扩展项2", Points(Decimal(0), Decimal(2))), (" 0 + 2 ", Points(Decimal(0), Decimal(2))),
])
def test_points_forms(text: str, points: Points) -> None:
    assert parse_points(text) == points


@pytest.mark.parametrize("text", ["四十", "-2", "1+2+3", "", "约4", "1e3", "+2"])
def test_points_refused(text: str) -> None:
    assert parse_points(text) is None


@pytest.mark.parametrize(("text", "code", "name"), [
    ("A1 校园网络环境", "A1", "校园网络环境"), ("A1.校园网络环境", "A1", "校园网络环境"),
    ("A1．校园网络环境", "A1", "校园网络环境"), ("A1校园网络环境", "A1", "校园网络环境"),
    ("A 信息化基础环境", "A", "信息化基础环境"), ("A1.1 有线网络", "A1.1", "有线网络"),
    ("1.2 安全设备", "1.2", "安全设备"), ("一、基础设施", None, "基础设施"), ("（一）校园网络", None, "校园网络"),
    ("1. 资源", None, "资源"), ("1 资源", None, "资源"), ("VR教室", None, "VR教室"), ("5G网络覆盖", None, "5G网络覆盖"),
    ("信息化\n基础环境", None, "信息化基础环境"),
])
def test_codes_in_names(text: str, code: str | None, name: str) -> None:
    assert split_code(text) == (code, name)


def test_star_spec() -> None:
    star = parse_star("4=四星级=90=upward")
    assert (star.level, star.name_zh, star.threshold, star.authority) == (4, "四星级", "90", "upward")
    for bad in ("4=四星级", "0=x=1", "2=二星级=七十", "2=二星级=70=county", "2==70"):
        with pytest.raises(RubricError):
            parse_star(bad)


def test_python_write_is_all_or_nothing(tmp_path: Path) -> None:
    rows, merges = henan_rows()
    rows[3][5] = "四"
    source = make_docx(tmp_path / "评分表.docx", rows, merges)
    out = tmp_path / "x.toml"
    with pytest.raises(RubricError) as error:
        write_imported(source, out, rubric_id="x", name="x", stars=["1=一星级=1"])
    assert f"{source} 第4行 第6列 分值: “四”不是分数（应写作 4、2.5 或 40+9）" in str(error.value)
    # The same refusal, read in English: the header text is the table's own (data), the rest English.
    assert f"{source} row 4, column 6 分值: '四' is not points like 4, 2.5 or 40+9" in error.value.message("en")
    assert not out.exists() and not list(tmp_path.glob(".*.tmp"))


def test_table_refusals_follow_the_readers_language(tmp_path: Path) -> None:
    from workflow.i18n import set_language

    rows, _merges = henan_rows()
    source = make_xlsx(tmp_path / "评分表.xlsx", rows)
    with pytest.raises(RubricError) as error:
        import_table(source, rubric_id="x", name="x", stars=["1=一星级=1"], sheet="没有")
    assert "--sheet 没有：没有这个工作表，现有：“Sheet1”" in str(error.value)
    set_language("en")
    try:
        assert "--sheet 没有: no such sheet; the sheets are: 'Sheet1'" in str(error.value)
        with pytest.raises(RubricError) as stars:
            parse_star("2=二星级=七十")
        assert str(stars.value) == "--star 2=二星级=七十: the threshold '七十' is not a number; write digits, such as 2=NAME=70"
    finally:
        set_language("zh")
    assert str(stars.value) == "--star 2=二星级=七十: 分数线“七十”不是数；请写数字，如 2=二星级=70"


def test_odd_text_round_trips(tmp_path: Path) -> None:
    rows = [["一级指标", "分值", "二级指标", "分值", "评分标准", "评估办法"],
            ["A 基础\t设施", "5", "A1 “网络”\\ 'x'", "5", '第一行 "引号" \\ 反斜杠\n第二行\t制表', "查看\n访谈"]]
    source = make_docx(tmp_path / "odd.docx", rows)
    _data, text, rubric = import_table(source, rubric_id="odd", name='名"称\\', stars=["1=一星级=1"])
    assert load_rubric_text(text, "again") == rubric
    a1 = rubric.find("A1")
    assert a1.name == "“网络”\\ 'x'" and "第二行" in a1.guidance and a1.method == "查看\n访谈"


def test_formula_in_an_ignored_column_is_harmless(tmp_path: Path) -> None:
    rows: list[list[object]] = [["一级指标", "分值", "二级指标", "分值", "自评分"],
                                ["A 基础", 5, "A1 网络", 5, "=D2*0"]]
    source = make_xlsx(tmp_path / "自评表.xlsx", rows)
    _d, _t, rubric = import_table(source, rubric_id="s", name="s", stars=["1=一星级=1"])
    assert rubric.find("A1").points.base == 5
