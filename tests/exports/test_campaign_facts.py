"""The campaign facts the documents cite, entered once with `notice set KEY TEXT` and shown by `notice show`:
each refusal names the field and what is wrong, in the reader's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from workflow.doors.notice_facts import FACT_KEYS, clean_fact, document_number_problem
from workflow.doors.notice_texts import KEYS

EXE = str(Path(sys.executable).with_name("starcampus"))


def run(db: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("facts") / "demo.sqlite3"
    assert run(db, "demo", "load").returncode == 0
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "copy.sqlite3"
    copy.write_bytes(demo_db.read_bytes())
    return copy


def test_every_fact_is_a_notice_text_the_cli_accepts() -> None:
    assert set(FACT_KEYS) <= set(KEYS)
    from tui.cli import build_parser

    parser = build_parser()
    for key in FACT_KEYS:
        assert parser.parse_args(["notice", "set", key, "x"]).key == key


@pytest.mark.parametrize("number", ["泾教发〔2023〕12号", "宁教办函〔2023〕92号", "宁教发〔2022〕1号"])
def test_well_formed_document_numbers(number: str) -> None:
    assert document_number_problem(number) is None


@pytest.mark.parametrize(("number", "said"), [
    ("泾教发〔2023〕第12号", "不加“第”字"),
    ("泾教发〔2023〕012号", "应写12号，而不是012号"),
    ("泾教发[2023]12号", "六角括号〔〕"),
    ("泾教发（2023）12号", "六角括号〔〕"),
    ("泾教发〔23〕12号", "年份应标全称"),
    ("泾教发〔2023〕12", "如 泾教发〔2023〕12号"),
])
def test_malformed_document_numbers_say_what_is_wrong(number: str, said: str) -> None:
    from workflow.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        clean_fact("document_number", number, None)
    assert str(caught.value).startswith("发文字号：") and said in str(caught.value)


def test_set_and_show_the_facts(db: Path) -> None:
    facts = {
        "addressee": "各学校：",
        "document_number": "泾教发〔2023〕12号",
        "basis_documents": "《宁夏回族自治区“互联网+教育”示范区建设智慧校园建设指南》（宁教发〔2022〕33号）\n"
                           "《关于开展2023年智慧校园星级认定工作的通知》（宁教办函〔2023〕92号）\n\n"
                           "《泾源县智慧校园星级评定工作方案》",
        "evaluation_organs": "县督导办、信息中心\n抽调学校专业人员",
        "evaluation_methods": "实地查看、查阅档案、网上调研、个别访谈",
        "contact_organ": "泾源县教育体育局信息中心",
        "contact_telephone": "0954-5011234",
        "objection_address": "泾源县香水镇文化街教育体育局",
        "upward_authority": "自治区教育厅",
        "school_problems_heading": "智慧校园星级建设工作重视不足。",
    }
    for key, text in facts.items():
        done = run(db, "notice", "set", key, text)
        assert done.returncode == 0, (key, done.stderr)
    shown = run(db, "notice", "show")
    assert shown.returncode == 0, shown.stderr
    out = shown.stdout
    assert "主送机关（addressee）：各学校\n" in out  # the writer adds the colon
    assert "发文字号（document_number）：泾教发〔2023〕12号" in out
    assert "依据文件（basis_documents）：《宁夏回族自治区" in out and "    《泾源县智慧校园星级评定工作方案》" in out
    assert "评估组织单位（evaluation_organs）：县督导办\n    信息中心\n    抽调学校专业人员" in out
    assert "联系电话（contact_telephone）：0954-5011234" in out
    # The authority alone stands for every level the rubric sends upward (ningxia-2022: 4 and 5).
    assert "上级认定机关（upward_authority）：4=自治区教育厅\n    5=自治区教育厅" in out
    assert "学校问题标题（school_problems_heading）：智慧校园星级建设工作重视不足\n" in out
    english = run(db, "notice", "show", lang="en").stdout
    assert "document number (document_number): 泾教发〔2023〕12号" in english
    # An empty text clears a fact: the document's default comes back.
    assert run(db, "notice", "set", "addressee", "").returncode == 0
    assert "addressee" not in run(db, "notice", "show").stdout


@pytest.mark.parametrize(("key", "text", "zh", "en"), [
    ("document_number", "泾教发〔2023〕第12号", "发文字号：发文顺序号不加“第”字", "document number: the serial number takes no 第"),
    ("document_number", "泾教发〔2023〕07号", "不编虚位（1不编为01）：应写7号", "no leading zeros (1, not 01): 7号"),
    ("basis_documents", "《指南》（宁教发〔2022〕33号）\n关于开展评定的通知", "依据文件第2行：应写作《标题》（文号）",
     "basis documents, line 2: write the title and its number as 《标题》（文号）"),
    ("basis_documents", "《通知》（宁教办函〔2023〕092号）", "依据文件第1行：发文顺序号不编虚位", "basis documents, line 1"),
    ("contact_telephone", "找信息中心", "联系电话：“找信息中心”不是电话号码", "contact telephone: '找信息中心' is not a telephone"),
    ("upward_authority", "3=自治区教育厅", "上级认定机关第1行：3不是本标准由上级认定的星级（可选：4、5）",
     "higher authority, line 1: 3 is not a level this rubric sends upward (choose: 4, 5)"),
    ("addressee", "各学校\n各乡镇", "主送机关：只能写一行", "addressee: must be one line"),
])
def test_refusals_name_the_field_and_the_fault(db: Path, key: str, text: str, zh: str, en: str) -> None:
    done = run(db, "notice", "set", key, text)
    assert done.returncode == 1 and zh in done.stderr, done.stderr
    english = run(db, "notice", "set", key, text, lang="en")
    assert english.returncode == 1 and en in english.stderr, english.stderr
    assert key not in run(db, "notice", "show").stdout  # nothing was saved
