"""The benchmark code itself must keep working: run it at its smallest size (no timing asserted).

200 schools, not --smoke's 1,000: every case still runs on both backends and writes its section (the
sizes only scale the rows each case reads), in about 25 s less.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_bench_smoke_writes_a_report(tmp_path: Path) -> None:
    out = tmp_path / "benchmarks.md"
    log = tmp_path / "bench.log"
    with log.open("w", encoding="utf-8") as sink:
        try:
            done = subprocess.run([sys.executable, "-m", "bench.run", "--smoke", "--sizes", "200", "--out", str(out)], cwd=ROOT,
                                  stdout=sink, stderr=subprocess.STDOUT, text=True, timeout=600)
        except subprocess.TimeoutExpired:
            pytest.fail("bench.run --smoke ran over 600 s; it had printed:\n" + log.read_text(encoding="utf-8")[-3000:])
    assert done.returncode == 0, log.read_text(encoding="utf-8")[-3000:]
    text = out.read_text(encoding="utf-8")
    for heading in ("Import schools", "Recompute totals", "Notice", "Score workbook", "start-up", "100 MB school file",
                    "16 processes", "Real launch in tmux", "Many regions on one server"):
        assert heading in text
    assert "0 errors, 0 lost" in text
    assert "Traceback" not in text
    assert "did not show its rows" not in text  # the real launch in tmux drew its first rows
