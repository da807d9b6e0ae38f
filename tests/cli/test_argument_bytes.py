"""An argument that is not UTF-8 (a GBK terminal over SSH sends such bytes) is refused in words, exit 1,
nothing written: it was a UnicodeEncodeError traceback from the database driver (found by the trial)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.cli.test_first_hour import EXE, _env


def _run(db: Path, *args: str | bytes, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    argv = [os.fsencode(a) if isinstance(a, str) else a for a in (EXE, "--db", str(db), "--lang", lang,
                                                                   "--as", "demo-admin", *args)]
    return subprocess.run(argv, capture_output=True, text=True, errors="replace",
                          env=_env(STARCAMPUS_NOW="2026-12-01T09:00:00+08:00"), timeout=120)


def test_an_argument_of_gbk_bytes_is_refused_in_words(tmp_path: Path) -> None:
    db = tmp_path / "d.sqlite3"
    assert _run(db, "demo", "load").returncode == 0
    before = _run(db, "notice", "show").stdout
    gbk = "各学校".encode("gbk")
    said = _run(db, "notice", "set", "addressee", gbk)
    assert said.returncode == 1, said.stderr
    assert "Traceback" not in said.stderr
    assert "不是 UTF-8 的字节" in said.stderr and "\\xb8\\xf7" in said.stderr, said.stderr
    english = _run(db, "notice", "set", "addressee", gbk, lang="en")
    assert english.returncode == 1 and "not UTF-8" in english.stderr, english.stderr
    assert _run(db, "notice", "show").stdout == before  # nothing written
