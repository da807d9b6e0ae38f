"""`export … --pdf`: every document export also renders a PDF next to its .docx through LibreOffice;
without LibreOffice the .docx is still written, and the refusal says so and what to install."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import need_program

EXE = str(Path(sys.executable).with_name("starcampus"))


def run(db: Path, *args: str, lang: str = "zh", path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True, env=env,
                          timeout=600)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("pdf") / "demo.sqlite3"
    assert run(db, "demo", "load").returncode == 0
    return db


# kind, what the PDF's text layer must say (the document's own words)
DOCUMENTS = [
    ("notice", "评星定级情况"),
    ("forms", "自评表"),
    ("publicity", "公示"),
    ("ledger", "问题清单及整改台账"),
    ("records", "核定记录"),
]


@pytest.mark.parametrize(("kind", "words"), DOCUMENTS)
def test_pdf_beside_the_docx(demo: Path, tmp_path: Path, kind: str, words: str) -> None:
    need_program("soffice", "libreoffice")
    pdftotext = need_program("pdftotext")
    out = tmp_path / f"{kind}.docx"
    done = run(demo, "export", kind, "-o", str(out), "--round", "2023", "--pdf")
    assert done.returncode == 0, done.stderr
    pdf = out.with_suffix(".pdf")
    assert out.is_file() and pdf.is_file()
    assert f"已导出：{out}" in done.stdout and f"已导出：{pdf}" in done.stdout
    text = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True, timeout=60).stdout
    assert words in text.replace(" ", "").replace("\n", "")


def test_an_existing_pdf_is_replaced_only_with_force(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "ledger.docx"
    out.with_suffix(".pdf").write_bytes(b"%PDF-1.4 kept")
    done = run(demo, "export", "ledger", "-o", str(out), "--pdf")
    assert done.returncode == 1 and "--force" in done.stderr + done.stdout
    assert not out.exists() and out.with_suffix(".pdf").read_bytes() == b"%PDF-1.4 kept"  # nothing written


def test_workbook_takes_no_pdf(demo: Path, tmp_path: Path) -> None:
    done = run(demo, "export", "workbook", "-o", str(tmp_path / "b.xlsx"), "--pdf")
    assert done.returncode == 2 and "--pdf" in done.stderr


@pytest.mark.parametrize(("lang", "said"), [
    ("zh", "未生成 PDF：没有安装 LibreOffice（soffice）。请安装 libreoffice-writer-nogui"),
    ("en", "No PDF made: LibreOffice (soffice) is not installed. Install libreoffice-writer-nogui"),
])
def test_without_libreoffice_the_docx_is_written_and_said(demo: Path, tmp_path: Path, lang: str, said: str) -> None:
    out = tmp_path / "ledger.docx"
    empty = tmp_path / "bin"
    empty.mkdir()  # a PATH with no soffice on it
    done = run(demo, "export", "ledger", "-o", str(out), "--pdf", lang=lang, path=str(empty))
    assert done.returncode == 1
    assert said in done.stderr and str(out) in done.stderr
    assert out.is_file() and not out.with_suffix(".pdf").exists()
