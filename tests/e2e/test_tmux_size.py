"""A program started in the tests' tmux sees the pane's size, not COLUMNS/LINES from pytest's environment
(with them, Textual drew at 80x24 in a 120x40 window)."""

from __future__ import annotations

import shlex
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.harness import Tmux
from tests.support import terminal_env

# As Textual asks (shutil.get_terminal_size), with stdout on the pane; the answer goes to a file.
PROBE = ("import os, shutil, sys; open(sys.argv[1], 'w').write("
         "' '.join(map(str, (*shutil.get_terminal_size(), os.environ.get('COLUMNS', '-')))))")


def test_the_pane_decides_the_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("LINES", "24")
    out = tmp_path / "size"
    session = Tmux(f"size-{time.monotonic_ns()}", f"{shlex.quote(sys.executable)} -c {shlex.quote(PROBE)} {out}; "
                   "sleep 30", width=120, height=40)
    try:
        deadline = time.monotonic() + 20
        while not (out.exists() and out.read_text().strip()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert out.exists(), "the probe never wrote the size it saw"
        assert out.read_text().split() == ["120", "40", "-"]
    finally:
        session.close()
    assert "COLUMNS" not in terminal_env({"COLUMNS": "80", "LINES": "24", "TERM": "xterm"})
