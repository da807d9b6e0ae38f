"""Instructions from process start to the first rows on the terminal, under cachegrind: a launch's cost
that the load of a shared machine does not move (repeats agree to about 0.1%; wall time there swings by 2x).

The app runs in tmux at 120x40 as ``bench/tmux_launch.py`` runs it, through ``tui.cli.entry``; the
stock Textual app (bench/stock_table_app.py) the same way. Each stops the moment Textual's output
thread has written the bytes that hold the marker (a school code of the first page; "row 99" for the
stock app): what tmux then shows, as ``tmux_launch`` waits for it. (The app's own mark of its first
rows, ``tui.gc_hold.release``, once came before that frame was written: a frame drawn inside Textual's
start-up batch is never written, tui/app.py.) Slowed some 40x by valgrind, the launch's backstop
timers (tui/gc_hold.py, tui/first_rows.py) are moved out of the way first.

Run: python -m bench.launch_instructions DB USER MARKER [PROGRAM_PYTHON ...]
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

# Textual's output thread (textual/drivers/_writer_thread.py) as it is, but for the exit once the bytes
# holding the marker are written and flushed.
WRITTEN = """
import os, sys
done, mark = sys.argv.pop(1), sys.argv.pop(1)
import textual.drivers._writer_thread as writer

def run(self):
    write, flush, get, qsize = self._file.write, self._file.flush, self._queue.get, self._queue.qsize
    while True:
        text = get()
        if text is None:
            break
        write(text)
        if qsize() == 0 or mark in text:
            flush()
        if mark in text:
            open(done, "w").close()
            os._exit(0)
    flush()

writer.WriterThread.run = run
"""

OURS = WRITTEN + """
import tui.gc_hold as hold, tui.first_rows as rows
hold.BACKSTOP_SECONDS = rows.BACKSTOP_SECONDS = 1000.0
from tui.cli import entry
entry()
"""

STOCK_PROBE = WRITTEN + """
sys.path.insert(0, {folder!r})
from stock_table_app import StockTable
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


def ours(python: str, db: str, user: str, marker: str) -> int:
    return instructions(python, OURS, [marker, "--db", db, "--as", user])


def stock(python: str) -> int:
    return instructions(python, STOCK_PROBE.format(folder=str(STOCK.parent)), ["row 99"])


if __name__ == "__main__":
    target, who, code = sys.argv[1], sys.argv[2], sys.argv[3]
    pythons = sys.argv[4:] or [sys.executable]
    for python in pythons:
        # One untimed run each: it writes the bytecode of anything edited since the last.
        ours(python, target, who, code)
        print(f"{python}: {ours(python, target, who, code) / 1e9:.3f} G instructions to the first rows")
    print(f"stock DataTable app: {stock(sys.executable) / 1e9:.3f} G")
