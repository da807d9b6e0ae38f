"""Instructions from process start to the first rows drawn, under cachegrind: a launch's cost that the
load of a shared machine does not move (repeats agree to about 0.1%; wall time there swings by 2x).

The app runs in tmux at 120x40 as ``bench/tmux_launch.py`` runs it, through ``tui.cli.entry``, and
stops the moment its first rows are drawn (``tui.gc_hold.release``, called then); the stock Textual app
(bench/stock_table_app.py) stops after the refresh that drew its rows. Slowed some 40x by valgrind, the
launch's backstop timers (tui/gc_hold.py, tui/first_rows.py) are moved out of the way first.

Run: python -m bench.launch_instructions DB USER [PROGRAM_PYTHON ...]
(each PYTHON is a venv's interpreter, e.g. another checkout's .venv/bin/python, to compare with)
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

STOCK = Path(__file__).with_name("stock_table_app.py")

OURS = """
import os, sys
import tui.gc_hold as hold, tui.first_rows as rows
done = sys.argv.pop(1)
hold.BACKSTOP_SECONDS = rows.BACKSTOP_SECONDS = 1000.0
def drawn():
    open(done, "w").close()
    os._exit(0)
hold.release = drawn
from tui.cli import entry
entry()
"""

STOCK_PROBE = """
import os, sys
done = sys.argv.pop(1)
sys.path.insert(0, {folder!r})
from stock_table_app import StockTable
shown = StockTable.on_mount
def on_mount(self):
    shown(self)
    def drawn():
        open(done, "w").close()
        os._exit(0)
    self.call_after_refresh(drawn)
StockTable.on_mount = on_mount
StockTable().run()
"""


def instructions(python: str, code: str, args: list[str], *, timeout: float = 300.0) -> int:
    """Instructions cachegrind counts for ``python -c code args`` in a fresh tmux, up to its exit."""
    tmux, valgrind = shutil.which("tmux"), shutil.which("valgrind")
    if tmux is None or valgrind is None:
        raise RuntimeError("needs tmux and valgrind")
    with tempfile.TemporaryDirectory() as folder:
        done, log, script = Path(folder, "done"), Path(folder, "log"), Path(folder, "probe.py")
        script.write_text(code, encoding="utf-8")
        name = f"benchinstr{os.getpid()}-{time.monotonic_ns()}"
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
        command = [valgrind, "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                   f"--log-file={log}", python, str(script), str(done), *args]
        import shlex

        subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                        shlex.join(command)], check=True, env=env)
        try:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                found = re.search(r"I\s+refs:\s+([\d,]+)", log.read_text()) if log.exists() else None
                if found:
                    return int(found.group(1).replace(",", ""))
                time.sleep(0.2)
            raise TimeoutError(f"no first rows in {timeout:.0f} s under valgrind")
        finally:
            subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)


def ours(python: str, db: str, user: str) -> int:
    return instructions(python, OURS, ["--db", db, "--as", user])


def stock(python: str) -> int:
    return instructions(python, STOCK_PROBE.format(folder=str(STOCK.parent)), [])


if __name__ == "__main__":
    target, who = sys.argv[1], sys.argv[2]
    pythons = sys.argv[3:] or [sys.executable]
    for python in pythons:
        # One untimed run each: it writes the bytecode of anything edited since the last.
        ours(python, target, who)
        print(f"{python}: {ours(python, target, who) / 1e9:.3f} G instructions to the first rows")
    print(f"stock DataTable app: {stock(sys.executable) / 1e9:.3f} G")
