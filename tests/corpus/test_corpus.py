"""The bad-input corpus: every case refused with a message naming the place, nothing written.

Cases live in cases.tsv (one line each) plus the generated matrices below (every formula
prefix in every text field, every bad score, every structural defect, in every encoding).
Each case runs on a fresh copy of one prepared campaign database; cases marked cli=1 run the
real `starcampus` command (exit 1, message on stderr, no traceback), the rest call Python.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tests.reliability.helpers import ADMIN, WINDOWS, build_campaign_db, copy_db, counts, run_cli

HERE = Path(__file__).parent
RUBRIC_BASE = (HERE / "rubric_base.toml").read_text(encoding="utf-8")
SPECIALS = {"@@LONG_NAME@@": "长" * 201, "@@NAME_10000@@": "名" * 10_000}
ENCODINGS = ("utf-8", "utf-8-sig", "gbk", "utf-16")


@dataclass(frozen=True)
class Case:
    kind: str
    id: str
    cli: bool
    encoding: str
    input: Any
    expect: list[str]

    def __str__(self) -> str:
        return f"{self.kind}-{self.id}"


def _special(text: str) -> str:
    for marker, value in SPECIALS.items():
        text = text.replace(marker, value)
    return text


def load_table() -> list[Case]:
    cases = []
    for number, line in enumerate((HERE / "cases.tsv").read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == 6, f"cases.tsv:{number}: expected 6 TAB-separated fields, got {len(fields)}"
        kind, ident, cli, encoding, raw, expect = fields
        cases.append(Case(kind, ident, cli == "1", encoding, json.loads(raw), json.loads(expect)))
    return cases


SCHOOL_HEADER = "学校代码,学校名称,乡镇,学段\n"
FORMULAS = ("=1+1", "+1", "@x", "-cmd", "=SUM(A1:A2)", "\t=1+1")
SCHOOL_FIELDS = {  # field -> (row with {} where the formula goes, the field's name in messages)
    "code": ("{},一小,城关镇,小学\n", "学校代码/code"),
    "name": ("A1,{},城关镇,小学\n", "学校名称/name"),
    "township": ("A1,一小,{},小学\n", "乡镇/township"),
}
BAD_SCORES = ("80分", "-1", "NaN", "1e3", "", "  ", "8.5", "abc", "0.3", "=1+1", "@1", "--1", "8 5")
STRUCTURE = {  # text, expected fragments
    "missing-name-column": ("学校代码,乡镇\nA1,城关镇\n", ["{file}:1", "学校名称"]),
    "extra-column": ("学校代码,学校名称,邮编\nA1,一小,753000\n", ["{file}:1", "邮编"]),
    "duplicate-code": (SCHOOL_HEADER + "A1,一小,城关镇,小学\nA1,二小,城关镇,小学\n", ["{file}:3:学校代码/code"]),
    "more-cells": (SCHOOL_HEADER + "A1,一小,城关镇,小学,多\n", ["{file}:2"]),
    "empty-code": (SCHOOL_HEADER + "\n\n,一小,城关镇,小学\n", ["{file}:4:学校代码/code"]),
    "bad-stage": ("学段,学校代码,学校名称\n大学,A1,一小\n", ["{file}:2:学段/stage"]),
}


def generated() -> list[Case]:
    cases = []
    for encoding in ENCODINGS:
        for field, (row, label) in SCHOOL_FIELDS.items():
            for number, formula in enumerate(FORMULAS):
                cases.append(Case("schools", f"formula-{field}-{number}-{formula.strip()}-{encoding}", False, encoding,
                                  SCHOOL_HEADER + row.format(formula), ["{file}:2:" + label, "formula"]))
        for number, value in enumerate(BAD_SCORES):
            cases.append(Case("scores", f"bad-score-{number}-{value.strip()}-{encoding}", False, encoding,
                              f"学校代码,指标代码,分值\nR000,1.1,1\nR001,1.1,{value}\n", ["{file}:3:分值/value"]))
        for name, (text, expect) in STRUCTURE.items():
            cases.append(Case("schools", f"{name}-{encoding}", False, encoding, text, expect))
    return cases


CASES = load_table() + generated()


def test_corpus_is_big_enough() -> None:
    assert len(CASES) >= 200
    assert sum(c.cli for c in CASES) >= 40
    assert len({str(c) for c in CASES}) == len(CASES), "case ids must be unique"


# --- the prepared database ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "template.sqlite3"
    build_campaign_db(path, schools=4, scored=False)
    return path


@pytest.fixture
def case_db(template: Path, tmp_path: Path) -> Path:
    return copy_db(template, tmp_path / "case.sqlite3")


@pytest.fixture
def opened(case_db: Path) -> Iterator[Path]:
    from models.db import close_database, open_database
    from workflow.i18n import set_language

    set_language("zh")
    open_database(str(case_db))
    yield case_db
    close_database()


# --- writing a case's input -------------------------------------------------------------------

def encode(text: str, encoding: str) -> bytes:
    if encoding == "utf-16-le":
        return text.encode("utf-16-le")
    return text.encode(encoding)


def write_input(case: Case, folder: Path) -> Path:
    if case.kind == "rubric":
        text = RUBRIC_BASE
        for old, new in case.input:
            assert old in text, f"{case}: {old!r} is not in rubric_base.toml"
            text = text.replace(old, _special(new), 1)
        path = folder / f"{case.id}.toml"
        path.write_bytes(text.encode("gbk" if case.encoding == "gbk" else "utf-8"))
        if case.encoding == "gbk":
            path.write_bytes(text.replace("终端", "终端设备").encode("gbk"))
        return path
    path = folder / f"{case.id}.csv"
    if case.encoding == "mixed":
        path.write_bytes(b"".join(encode(_special(text), enc) for enc, text in case.input))
    else:
        path.write_bytes(encode(_special(case.input), case.encoding))
    return path


def fragments(case: Case, path: Path | None) -> list[str]:
    return [f.replace("{file}", str(path)) for f in case.expect]


def windows(case: Case) -> dict[str, list[str]]:
    merged = {k: list(v) for k, v in WINDOWS.items()}
    merged.update(case.input)
    return merged


# --- running a case ---------------------------------------------------------------------------

def refusal_python(case: Case, path: Path | None, tmp_path: Path) -> str:
    from rubrics.errors import RubricError
    from rubrics.loader import load_rubric
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.schools import import_schools, parse_school_file
    from workflow.doors.score_import import import_scores
    from workflow.doors.scores import set_score
    from workflow.errors import InvalidInput
    from workflow.permissions import Actor

    actor = Actor(ADMIN, "admin")
    if case.kind == "rubric":
        with pytest.raises(RubricError) as caught:
            load_rubric(path)  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            create_campaign(actor, year=2023, region="测试县", title="t", rubric=str(path), windows=dict(WINDOWS))
        return str(caught.value)
    with pytest.raises(InvalidInput) as refused:
        if case.kind == "schools":
            import_schools(actor, parse_school_file(path))  # type: ignore[arg-type]
        elif case.kind == "scores":
            import_scores(actor, 1, path)  # type: ignore[arg-type]
        elif case.kind == "window":
            create_campaign(actor, year=2023, region="测试县", title="t", rubric="ningxia-2022", windows=windows(case))
        elif case.kind == "value":
            set_score(actor, 1, "1.1", case.input)
        else:
            raise AssertionError(f"unknown kind {case.kind}")
    return str(refused.value)


def refusal_cli(case: Case, path: Path | None, db: Path, lang: str = "zh") -> str:
    if case.kind == "schools":
        done = run_cli(db, "schools", "import", str(path), lang=lang)
    elif case.kind == "scores":
        done = run_cli(db, "score", "import", str(path), "--campaign", "1", lang=lang)
    elif case.kind == "window":
        args = [a for name, (start, end) in windows(case).items() for a in ("--window", f"{name}={start}..{end}")]
        done = run_cli(db, "campaign", "create", "--year", "2023", "--region", "测试县", "--title", "t",
                       "--rubric", "ningxia-2022", *args, lang=lang)
    elif case.kind == "rubric":
        created = run_cli(db, "campaign", "create", "--year", "2023", "--region", "测试县", "--title", "t",
                          "--rubric", str(path), *[a for n, (s, e) in WINDOWS.items() for a in ("--window", f"{n}={s}..{e}")], lang=lang)
        assert created.returncode == 1 and "Traceback" not in created.stderr, created.stderr[-2000:]
        done = run_cli(db, "rubric", "check", str(path), lang=lang)
    elif case.kind == "value":
        done = run_cli(db, "score", "set", "R000", "1.1", case.input, lang=lang)
    else:
        raise AssertionError(f"unknown kind {case.kind}")
    assert done.returncode == 1, f"{case}: exit {done.returncode}\n{done.stdout[-1000:]}\n{done.stderr[-2000:]}"
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    return done.stderr


REFUSALS = [c for c in CASES if c.kind in ("schools", "scores", "window", "rubric", "value")]


@pytest.mark.parametrize("case", REFUSALS, ids=str)
def test_refused_naming_the_place(case: Case, case_db: Path, tmp_path: Path) -> None:
    path = None if case.kind in ("window", "value") else write_input(case, tmp_path)
    before = counts(case_db)
    # Refusals speak the reader's language: a fragment is looked for in the Chinese message,
    # and what it does not hold in the English one.
    message = refusal(case, path, case_db, tmp_path, "zh")
    missing = [fragment for fragment in fragments(case, path) if fragment not in message]
    if missing:
        english = refusal(case, path, case_db, tmp_path, "en")
        message += "\n" + english
        missing = [fragment for fragment in missing if fragment not in english]
    assert missing == [], f"{case}: {missing!r} not in the messages:\n{message[:3000]}"
    assert counts(case_db) == before, f"{case}: something was written"


def refusal(case: Case, path: Path | None, db: Path, tmp_path: Path, lang: str) -> str:
    if case.cli:
        return refusal_cli(case, path, db, lang)
    from models.db import close_database, open_database
    from workflow.i18n import set_language

    set_language(lang)
    open_database(str(db))
    try:
        return refusal_python(case, path, tmp_path)
    finally:
        close_database()
        set_language("zh")


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "accept"], ids=str)
def test_odd_but_valid_scores_are_accepted(case: Case, case_db: Path) -> None:
    import sqlite3

    from rubrics.scoring import parse_score

    expected = Decimal(case.expect[0])
    assert parse_score(case.input) == expected
    if expected > 8:  # beyond leaf 1.1's maximum: parsing is all there is to check
        return
    if case.cli:
        done = run_cli(case_db, "score", "set", "R000", "1.1", case.input)
        assert done.returncode == 0, done.stderr
    else:
        from models.db import close_database, open_database
        from workflow.doors.scores import set_score
        from workflow.permissions import Actor

        open_database(str(case_db))
        try:
            set_score(Actor(ADMIN, "admin"), 1, "1.1", case.input)
        finally:
            close_database()
    with sqlite3.connect(case_db) as conn:
        stored = conn.execute("SELECT value FROM score WHERE assessment_id = 1 AND code = '1.1'").fetchone()[0]
    assert Decimal(str(stored)) == expected


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "literal"], ids=str)
def test_markup_and_sql_are_stored_and_shown_literally(case: Case, case_db: Path, tmp_path: Path) -> None:
    import csv
    import sqlite3

    path = tmp_path / "literal.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["学校代码", "学校名称", "乡镇"], ["L1", case.input, case.input[:100]]])
    if case.cli:
        done = run_cli(case_db, "schools", "import", str(path))
        assert done.returncode == 0, done.stderr
        listed = run_cli(case_db, "schools", "list")
        assert listed.returncode == 0, listed.stderr
        assert case.input in listed.stdout, listed.stdout
    else:
        from models.db import close_database, open_database
        from workflow.doors.schools import import_schools, parse_school_file
        from workflow.permissions import Actor

        open_database(str(case_db))
        try:
            import_schools(Actor(ADMIN, "admin"), parse_school_file(path))
        finally:
            close_database()
    with sqlite3.connect(case_db) as conn:
        assert conn.execute("SELECT name FROM school WHERE code = 'L1'").fetchone()[0] == case.input
        assert conn.execute("SELECT COUNT(*) FROM school").fetchone()[0] == 5  # nothing dropped


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "export"], ids=str)
def test_export_paths_stay_in_the_export_folder(case: Case, tmp_path: Path) -> None:
    from exports.safe_path import ExportPathError, resolve_export_path

    base = tmp_path / "exports"
    base.mkdir()
    (base / "sub").mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(ExportPathError) as refused:
        resolve_export_path(case.input, base_dir=base)
    for fragment in fragments(case, None):
        assert fragment in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_export_path_symlink_out_is_refused(tmp_path: Path) -> None:
    from exports.safe_path import ExportPathError, resolve_export_path

    base = tmp_path / "exports"
    base.mkdir()
    (base / "link").symlink_to(tmp_path)
    with pytest.raises(ExportPathError):
        resolve_export_path("link/escape.docx", base_dir=base)


# --- a file of 100 MB -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def huge_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """100 MB, sparse: a header, then a hole. Reading it all would take seconds and 100 MB."""
    path = tmp_path_factory.mktemp("huge") / "schools-100mb.csv"
    with path.open("wb") as fh:
        fh.write("学校代码,学校名称\n".encode())
        fh.truncate(100 * 1024 * 1024)
    return path


def test_huge_school_file_is_refused_by_the_command(huge_csv: Path, case_db: Path) -> None:
    before = counts(case_db)
    for lang, says in (("zh", "文件过大（100 MB"), ("en", "file too large (100 MB")):
        done = run_cli(case_db, "schools", "import", str(huge_csv), lang=lang)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert str(huge_csv) in done.stderr and says in done.stderr, done.stderr
    assert counts(case_db) == before


def test_huge_school_file_is_refused_without_reading_it(huge_csv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused from its size alone: nothing of the 100 MB is read. (How fast: bench/run.py.)"""
    from workflow.doors.schools import parse_school_file
    from workflow.errors import InvalidInput
    from workflow.i18n import set_language

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InvalidInput) as refused:
        parse_school_file(huge_csv)
    set_language("en")
    try:
        assert str(huge_csv) in str(refused.value) and "file too large" in str(refused.value)
    finally:
        set_language("zh")


@pytest.fixture(scope="module")
def huge_score_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Past the score sheet's cap (a sheet streams, so its cap is 4 GB, not the register's 50 MB), sparse."""
    from workflow.intake.tabular import STREAM_MAX_BYTES

    path = tmp_path_factory.mktemp("huge") / "scores-huge.csv"
    with path.open("wb") as fh:
        fh.write("学校代码,指标代码,分值\n".encode())
        fh.truncate(STREAM_MAX_BYTES + 1)
    return path


def test_huge_score_file_is_refused_without_reading_it(huge_score_csv: Path, opened: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from workflow.doors.score_import import import_scores
    from workflow.errors import InvalidInput
    from workflow.i18n import set_language
    from workflow.permissions import Actor

    huge_csv = huge_score_csv

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    before = counts(opened)
    with pytest.raises(InvalidInput) as refused:
        import_scores(Actor(ADMIN, "admin"), 1, huge_csv)
    set_language("en")
    try:
        assert str(huge_csv) in str(refused.value) and "file too large" in str(refused.value)
    finally:
        set_language("zh")
    assert counts(opened) == before


def test_unreadable_paths_are_refused_plainly(opened: Path, tmp_path: Path) -> None:
    from workflow.doors.schools import parse_school_file
    from workflow.errors import InvalidInput

    for target in (tmp_path / "missing.csv", tmp_path):
        with pytest.raises(InvalidInput) as refused:
            parse_school_file(target)
        assert str(target) in str(refused.value)


if os.environ.get("STARCAMPUS_RELIABILITY_FIGURES"):  # pragma: no cover - figures for docs/reliability.md
    _out = Path(os.environ["STARCAMPUS_RELIABILITY_FIGURES"])
    _out.mkdir(parents=True, exist_ok=True)
    (_out / "corpus.json").write_text(json.dumps({"cases": len(CASES) + 3, "cli": sum(c.cli for c in CASES) + 1}))
