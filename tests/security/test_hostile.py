"""Issue 10, finding 13 (hostile files): a .xlsx or .docx built to exhaust the server is refused by
name before any parser opens it, and the database is byte-identical afterwards.

The fixtures are built here: a ~151 KB workbook declaring 1,048,600 rows (as found), a sparse one
whose declared rectangle is a million rows by 24 columns, a zip bomb (a sheet unpacking to 300 MB,
under the old 500 MB limit), a .docx bomb, 3,000 entries, and a merged range over the whole sheet.
"Before parsing" is shown by openpyxl and python-docx failing the test if they are reached.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.imports.tables import make_xlsx
from tests.reliability.helpers import ADMIN, build_campaign_db, copy_db
from tests.reliability.helpers import env as base_env

EXE = str(Path(sys.executable).with_name("starcampus"))
ROWS_FOUND = 1_048_600
HEADER = ["学校代码", "学校名称", "乡镇", "学段"]


def _rewrite_sheet(path: Path, sheet_xml: Callable[[bytes], bytes | Iterator[bytes]]) -> Path:
    """Replace xl/worksheets/sheet1.xml of the workbook at ``path`` (other parts as they are)."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                out.writestr(name, data)
                continue
            made = sheet_xml(data)
            with out.open(name, "w", force_zip64=True) as member:
                for piece in [made] if isinstance(made, bytes) else made:
                    member.write(piece)
    return path


def _register(path: Path) -> Path:
    return make_xlsx(path, [HEADER, ["H001", "第一小学", "城关镇", "小学"]])


def declares_a_million_rows(path: Path) -> Path:
    """As found: a real-looking register (~151 KB) whose sheet declares A1:D1048600 and ends there."""
    rows = [HEADER] + [[f"6404{n:08d}", f"第{n}小学{(n * 7919) % 100003}", f"乡镇{n % 97}", "小学"] for n in range(4000)]

    def sheet(old: bytes) -> bytes:
        last = b'<row r="1048600"><c r="A1048600" t="inlineStr"><is><t>end</t></is></c></row></sheetData>'
        return old.replace(b'<dimension ref="A1:D4001"/>', b'<dimension ref="A1:D1048600"/>').replace(
            b"</sheetData>", last)
    return _rewrite_sheet(make_xlsx(path, rows), sheet)


def sparse_rectangle(path: Path) -> Path:
    """A few real rows, the declared dimension and one far cell make openpyxl fill 1,048,600 x 24."""
    def sheet(old: bytes) -> bytes:
        far = b'<row r="1048600"><c r="X1048600" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
        return old.replace(b'<dimension ref="A1:D2"/>', b'<dimension ref="A1:X1048600"/>').replace(b"</sheetData>", far)
    return _rewrite_sheet(_register(path), sheet)


def lying_dimension_only(path: Path) -> Path:
    """Only the declaration is hostile: refused from the first bytes of the sheet."""
    return _rewrite_sheet(_register(path), lambda old: old.replace(b'<dimension ref="A1:D2"/>',
                                                                  b'<dimension ref="A1:XFD1048576"/>'))


def zip_bomb(path: Path) -> Path:
    """The sheet unpacks to 300 MB of rows (under the old 500 MB limit), packed about 1000:1."""
    def sheet(old: bytes) -> Iterator[bytes]:
        head, _sep, _rest = old.partition(b"<sheetData>")
        yield head + b"<sheetData>"
        block = b'<row><c t="inlineStr"><is><t>0</t></is></c></row>' * 20_000
        for _ in range(300 * 1024 * 1024 // len(block)):
            yield block
        yield b"</sheetData></worksheet>"
    return _rewrite_sheet(_register(path), sheet)


def many_entries(path: Path) -> Path:
    _register(path)
    with zipfile.ZipFile(path, "a") as out:
        for n in range(3000):
            out.writestr(f"customXml/item{n}.xml", b"<x/>")
    return path


def merged_everything(path: Path) -> Path:
    return _rewrite_sheet(_register(path), lambda old: old.replace(
        b"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A3:XFD1048576"/></mergeCells>'))


def docx_bomb(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_table(rows=2, cols=2)
    plain = path.with_suffix(".plain.docx")
    document.save(str(plain))
    with zipfile.ZipFile(plain) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            if name != "word/document.xml":
                out.writestr(name, data)
                continue
            with out.open(name, "w", force_zip64=True) as member:
                head, sep, rest = data.partition(b"<w:body>")
                member.write(head + sep)
                block = b"<w:p><w:r><w:t>0</w:t></w:r></w:p>" * 20_000
                for _ in range(300 * 1024 * 1024 // len(block)):
                    member.write(block)
                member.write(rest)
    plain.unlink()
    return path


XLSX_CASES = {
    "declares 1,048,600 rows": (declares_a_million_rows, "1048600 rows × 4 columns"),
    "sparse rectangle": (sparse_rectangle, "1048600 rows × 24 columns"),
    "lying dimension": (lying_dimension_only, "1048576 rows × 16384 columns"),
    "zip bomb": (zip_bomb, "a zip bomb?"),
    "3,000 entries": (many_entries, "3009 parts"),
    "merged everything": (merged_everything, "merges"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    made = {name: make(folder / f"{name.replace(' ', '-').replace(',', '')}.xlsx")
            for name, (make, _says) in XLSX_CASES.items()}
    made["docx bomb"] = docx_bomb(folder / "rubric-bomb.docx")
    return made


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-db") / "prepared.sqlite3"
    build_campaign_db(path, schools=1)
    return path


def test_the_fixture_is_the_one_found(hostile: dict[str, Path]) -> None:
    found = hostile["declares 1,048,600 rows"]
    assert 100_000 < found.stat().st_size < 200_000, found.stat().st_size  # ~151 KB, as in the issue
    bomb = hostile["zip bomb"]
    with zipfile.ZipFile(bomb) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    assert unpacked > 290 * 1024 * 1024 and bomb.stat().st_size < 2 * 1024 * 1024  # under the old 500 MB limit


@pytest.fixture
def no_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """openpyxl and python-docx may not even be reached for a hostile file."""
    import docx
    import openpyxl

    def reached(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a parser was reached for a hostile file")

    monkeypatch.setattr(openpyxl, "load_workbook", reached)
    monkeypatch.setattr(docx, "Document", reached)


@pytest.mark.parametrize("case", list(XLSX_CASES))
def test_school_register_refuses_the_hostile_workbook_before_parsing(hostile: dict[str, Path], case: str,
                                                                     no_parser: None) -> None:
    from workflow.doors.schools import parse_school_file
    from workflow.errors import InvalidInput
    from workflow.i18n import set_language

    source = hostile[case]
    set_language("en")
    try:
        with pytest.raises(InvalidInput) as refused:
            parse_school_file(source)
        text = str(refused.value)
    finally:
        set_language("zh")
    assert str(source) in text and XLSX_CASES[case][1] in text, text
    assert "not parsed" in text or "not unpacked" in text, text
    assert "未解析" in refused.value.message("zh") or "未解压" in refused.value.message("zh")


@pytest.mark.parametrize("case", [*XLSX_CASES, "docx bomb"])
def test_rubric_import_refuses_the_hostile_file_before_parsing(hostile: dict[str, Path], case: str,
                                                               no_parser: None) -> None:
    from rubrics.errors import RubricError
    from rubrics.importing import import_table

    source = hostile[case]
    with pytest.raises(RubricError) as refused:
        import_table(source, rubric_id="t", name="t", stars=["1=一星级=1"])
    text = str(refused.value)
    assert str(source) in text and ("未解析" in text or "未解压" in text), text


@pytest.mark.parametrize("case", ["declares 1,048,600 rows", "zip bomb"])
def test_the_command_refuses_it_plainly_and_the_database_is_untouched(hostile: dict[str, Path], prepared: Path,
                                                                      tmp_path: Path, case: str) -> None:
    db = copy_db(prepared, tmp_path / "live.sqlite3")
    before = db.read_bytes()
    source = hostile[case]
    done = subprocess.run([EXE, "--db", str(db), "--lang", "en", "--as", ADMIN, "schools", "import", str(source)],
                          capture_output=True, text=True, env=base_env(), timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert str(source) in done.stderr and XLSX_CASES[case][1] in done.stderr, done.stderr
    assert db.read_bytes() == before
    out = tmp_path / "rubric.toml"
    rubric = subprocess.run([EXE, "--lang", "en", "rubric", "import", str(source), "-o", str(out), "--id", "t",
                             "--name", "t", "--region", "测试县", "--star", "1=一星级=1"],
                            capture_output=True, text=True, env=base_env(), timeout=120)
    assert rubric.returncode != 0 and "Traceback" not in rubric.stderr, rubric.stderr
    assert str(source) in rubric.stderr and not out.exists(), rubric.stderr


def test_an_ordinary_workbook_still_imports(tmp_path: Path) -> None:
    from workflow.doors.schools import parse_school_file

    rows = [HEADER] + [[f"S{n:05d}", f"学校{n}", "城关镇", "小学"] for n in range(5000)]
    schools = parse_school_file(make_xlsx(tmp_path / "名册.xlsx", rows, merges=["A5002:D5002"]))
    assert len(schools) == 5000 and schools[0].code == "S00000"
