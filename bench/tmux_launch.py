"""A real launch in a real terminal: process start to the first rows on screen, in tmux at 120x40.

Headless Pilot timings leave out the interpreter's start, the imports and the terminal; an officer's
wait includes them. The baseline is a stock Textual app showing a DataTable of 100 rows, launched the
same way in the same run (bench/stock_table_app.py).

Run: python -m bench.tmux_launch DB MARKER [REPEAT]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

STOCK = Path(__file__).with_name("stock_table_app.py")


def launch_seconds(command: list[str], marker: str, *, timeout: float = 60.0) -> float:
    """Seconds from starting ``command`` in a fresh tmux server to ``marker`` showing in its pane."""
    tmux = shutil.which("tmux")
    if tmux is None:
        raise RuntimeError("tmux is not installed")
    name = f"benchlaunch{os.getpid()}-{time.monotonic_ns()}"
    # Without PYTHONDONTWRITEBYTECODE (set in some shells and CI): an installed program runs from the
    # bytecode pip compiled, so a module edited in the checkout is compiled once here, not in every run.
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")}
    shell = " ".join(_quote(part) for part in command)
    start = time.perf_counter()
    subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40", shell],
                   check=True, env=env)
    pids: list[int] = []
    try:
        deadline = start + timeout
        while time.perf_counter() < deadline:
            screen = subprocess.run([tmux, "-L", name, "capture-pane", "-p", "-t", name], capture_output=True,
                                    text=True).stdout
            if marker in screen:
                elapsed = time.perf_counter() - start
                pids = _pane_processes(tmux, name)
                return elapsed
            time.sleep(0.005)  # a poll of the pane, not a wait standing in for it
        raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {marker!r} on the screen")
    finally:
        subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)
        _wait_gone(pids)


def _pane_processes(tmux: str, name: str) -> list[int]:
    """The pane's process and its children (the app, when a shell runs it)."""
    shown = subprocess.run([tmux, "-L", name, "display-message", "-p", "-t", name, "#{pane_pid}"],
                           capture_output=True, text=True).stdout.strip()
    if not shown.isdigit():
        return []
    pids = [int(shown)]
    for task in Path(f"/proc/{shown}/task").glob("*/children"):
        pids += [int(p) for p in task.read_text().split()]
    return pids


def _wait_gone(pids: list[int], timeout: float = 15.0) -> None:
    """Until the hung-up app has exited (it saves drafts and restores the terminal first): the next
    launch, ours or the baseline's, must not share the CPU with this one's way out."""
    deadline = time.perf_counter() + timeout
    for pid in pids:
        while time.perf_counter() < deadline and _running(pid):
            time.sleep(0.01)  # a poll for the process's end, bounded by the deadline


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"  # a zombie has exited; only its parent's wait is left


def _quote(part: str) -> str:
    import shlex

    return shlex.quote(part)


def _timed(command: list[str], marker: str, repeat: int) -> list[float]:
    """``repeat`` launches after one not counted: it writes stale bytecode and warms the file cache,
    the same for our app and the stock one, so the first timed run is not the only one paying it."""
    launch_seconds(command, marker)
    return [launch_seconds(command, marker) for _ in range(repeat)]


def ours(db: str, marker: str, repeat: int) -> list[float]:
    exe = str(Path(sys.executable).with_name("starcampus"))
    return _timed([exe, "--db", db, "--as", "bench-admin"], marker, repeat)


def stock(repeat: int) -> list[float]:
    return _timed([sys.executable, str(STOCK)], "row 99", repeat)


if __name__ == "__main__":
    import statistics

    target, mark = sys.argv[1], sys.argv[2]
    times = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    a, b = ours(target, mark, times), stock(times)
    print(f"ours {statistics.median(a) * 1000:.0f} ms, stock DataTable {statistics.median(b) * 1000:.0f} ms")
