"""`make bench`: time every heavy path at 1k, 10k and 100k schools; write docs/benchmarks.md.

Timings are medians of several runs on this machine; nothing here is asserted in the tests
(the test suite runs `python -m bench.run --smoke` only to keep this code alive).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("starcampus"))


@dataclass
class Case:
    name: str
    target: str
    rows: list[tuple[str, list[float], str]] = field(default_factory=list)  # size, seconds, note

    def add(self, size: str, runs: list[float], note: str = "") -> None:
        self.rows.append((size, runs, note))
        print(f"  {self.name} @ {size}: median {statistics.median(runs):.3f}s {note}", flush=True)


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def bench_import(sizes: list[int], repeat: int, tmp: Path) -> Case:
    from bench.data import school_csv
    from models.db import close_database, open_database
    from workflow.doors.schools import import_schools, parse_school_file
    from workflow.doors.users import add_user
    from workflow.permissions import Actor

    case = Case("Import schools from CSV (parse + write, all or nothing)", "100,000 within 3 s")
    for n in sizes:
        csv_path = school_csv(tmp / f"schools{n}.csv", n)
        runs = []
        for r in range(repeat):
            db = tmp / f"import{n}-{r}.sqlite3"
            open_database(str(db))
            add_user(None, "bench", "admin")
            start = time.perf_counter()
            import_schools(Actor("bench", "admin"), parse_school_file(csv_path))
            runs.append(time.perf_counter() - start)
            close_database()
        case.add(f"{n:,}", runs, f"{statistics.median(runs) / n * 1e6:.1f} µs/school")
    return case


def bench_recompute(sizes: list[int], repeat: int, dbs: dict[int, Path]) -> Case:
    from models.db import close_database, open_database
    from workflow.doors.recompute import change_thresholds
    from workflow.permissions import Actor

    case = Case("Recompute totals and levels after a threshold change (22 leaves, self + verified)",
                "100,000 schools (2.2 M verified leaves) within 5 s")
    for n in sizes:
        open_database(str(dbs[n]))
        values = iter(["71", "70", "72", "70.5", "71.5", "70"])
        runs = timed(lambda values=values: change_thresholds(Actor("bench-admin", "admin"), 1, {2: next(values)},
                                                             reason="bench"), repeat)
        close_database()
        case.add(f"{n:,}", runs, f"{statistics.median(runs) / n * 1e6:.1f} µs/school")
    return case


def bench_documents(sizes: list[int], repeat: int, dbs: dict[int, Path], tmp: Path) -> list[Case]:
    from models.db import close_database, open_database
    from tui.export_jobs import run_export
    from workflow.permissions import Actor

    notice = Case("Notice (通报) .docx from the database", "1,000 within 1 s; 10,000 within 5 s")
    book = Case("Score workbook .xlsx (schools x 22 leaves, self + verified)", "100,000 within 20 s")
    admin = Actor("bench-admin", "admin")
    for n in sizes:
        open_database(str(dbs[n]))
        if n <= 10_000:
            notice.add(f"{n:,}", timed(lambda n=n: run_export(admin, "notice", tmp / f"n{n}.docx"), repeat),
                       f"{(tmp / f'n{n}.docx').stat().st_size // 1024} KiB")
        book.add(f"{n:,}", timed(lambda n=n: run_export(admin, "workbook", tmp / f"w{n}.xlsx"),
                                       max(1, repeat - 1)),
                 f"{(tmp / f'w{n}.xlsx').stat().st_size // 1024} KiB")
        close_database()
    return [notice, book]


def bench_core_ops(sizes: list[int], dbs: dict[int, Path]) -> list[Case]:
    """The core half of "open a school" and "save a score" (the TUI adds its drawing on top)."""
    from models.db import close_database, database, open_database
    from workflow.doors.scores import set_score
    from workflow.permissions import Actor
    from workflow.reads.queries import detail

    opened = Case("Open a school's detail (queries.detail: rubric tree, both score sets, problems)", "within 100 ms")
    saved = Case("Save one score (set_score: checks, write, totals, audit, commit)", "within 20 ms")
    expert = Actor("bench-admin", "admin")
    for n in sizes:
        open_database(str(dbs[n]))
        middle = n // 2
        database.execute_sql("UPDATE assessment SET state = 'verifying' WHERE id = ?", (middle,))
        opened.add(f"{n:,}", timed(lambda middle=middle: detail(middle), 20))
        values = iter(["1", "2", "1.5", "0.5"] * 10)
        saved.add(f"{n:,}", timed(lambda middle=middle, values=values: set_score(
            expert, middle, "1.1", next(values), kind="verified"), 20))
        close_database()
    return [opened, saved]


def bench_app_memory(sizes: list[int], dbs: dict[int, Path]) -> Case:
    """Resident memory of the real app in a terminal once the dashboard is drawn."""
    case = Case("App memory with the dashboard open (VmRSS of `starcampus` in tmux, 120x40)", "≤ 250 MB at 100,000")
    tmux = shutil.which("tmux")
    if not tmux:
        return case
    for n in sizes:
        name = f"benchmem{os.getpid()}-{n}"
        subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                        f"{EXE} --db {dbs[n]} --as bench-admin"], check=True)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                screen = subprocess.run([tmux, "-L", name, "capture-pane", "-p", "-t", name], capture_output=True,
                                        text=True).stdout
                if "P00000" in screen:
                    break
                time.sleep(0.2)
            time.sleep(1.0)
            panes = subprocess.run([tmux, "-L", name, "list-panes", "-F", "#{pane_pid}", "-t", name],
                                   capture_output=True, text=True).stdout.split()
            if not panes:
                case.add(f"{n:,}", [0.0], "the app did not start")
                continue
            rss = _rss_kib(int(panes[0]))
            case.add(f"{n:,}", [0.0], f"{rss / 1024:.0f} MB resident")
        finally:
            subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)
    return case


def _rss_kib(pid: int) -> int:
    """VmRSS of the pane's process or, if it is a shell, its largest child."""
    best = 0
    for candidate in [pid, *_children(pid)]:
        try:
            with open(f"/proc/{candidate}/status", encoding="utf-8") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        best = max(best, int(line.split()[1]))
        except OSError:
            continue
    return best


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="utf-8") as handle:
            kids = [int(x) for x in handle.read().split()]
    except OSError:
        return []
    return kids + [g for k in kids for g in _children(k)]


def bench_startup(repeat: int, demo: Path) -> Case:
    case = Case("Command start-up (`starcampus --version`, `starcampus status` on the demo)", "within 0.3 s")
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    case.add("--version", timed(lambda: subprocess.run([EXE, "--version"], capture_output=True, env=env), repeat))
    case.add("status", timed(lambda: subprocess.run([EXE, "--db", str(demo), "status"], capture_output=True, env=env),
                             repeat))
    return case


def bench_refuse_huge(repeat: int, demo: Path, tmp: Path) -> Case:
    """A 100 MB school file is refused from its size alone (tests check the refusal, not its speed)."""
    case = Case("Refuse a 100 MB school file (`starcampus schools import`, sparse file)", "within 1 s")
    huge = tmp / "schools-100mb.csv"
    with huge.open("wb") as fh:
        fh.write("学校代码,学校名称\n".encode())
        fh.truncate(100 * 1024 * 1024)
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    done: list[subprocess.CompletedProcess[bytes]] = []
    case.add("100 MB", timed(lambda: done.append(subprocess.run(
        [EXE, "--db", str(demo), "--as", "demo-admin", "schools", "import", str(huge)], capture_output=True,
        env=env)), repeat), "refused" if all(run.returncode == 1 for run in done) else "NOT refused")
    return case


def bench_concurrency(seconds: float, tmp: Path) -> Case:
    from bench.concurrent_saves import run

    case = Case("16 processes saving scores at once", "≥ 500 saves/s in total, no errors, nothing lost")
    targets = [("SQLite", str(tmp / "concurrency.sqlite3"))]
    pg = os.environ.get("STARCAMPUS_BENCH_PG") or os.environ.get("STARCAMPUS_TEST_PG")
    if pg:
        from tests.conftest import postgres_url

        os.environ.setdefault("PYTEST_XDIST_WORKER", "bench")
        url = postgres_url()
        if url:
            targets.append(("PostgreSQL", url))
    for label, target in targets:
        with tempfile.TemporaryDirectory() as work:
            outcome = run(target, 16, seconds, Path(work))
        case.add(label, [outcome.seconds],
                 f"{outcome.per_second:.0f} saves/s; {outcome.acknowledged} acknowledged, {outcome.found} found, "
                 f"{len(outcome.errors)} errors, {len(outcome.lost)} lost")
    return case


def bench_dashboard(sizes: list[int], dbs: dict[int, Path]) -> list[Case]:
    script = ROOT / "bench" / "tui_dashboard.py"
    if not script.exists():
        return []
    case = Case("Dashboard (TUI): see the table printed by bench/tui_dashboard.py", "first paint ≤ 0.5 s; filter ≤ 50 ms")
    done = subprocess.run([sys.executable, "-m", "bench.tui_dashboard", *(str(n) for n in sizes)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300 * len(sizes))
    if done.returncode != 0:
        raise RuntimeError(f"bench.tui_dashboard exited {done.returncode}:\n{done.stderr[-2000:]}")
    print(done.stdout.strip(), flush=True)
    case.rows.append(("—", [0.0], "\n\n" + done.stdout.strip()))
    return [case]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next((ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name")), cpu)
    except OSError:
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            mem = f"{int(handle.readline().split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    return f"{os.cpu_count()} cores ({cpu}), {mem} RAM, Python {platform.python_version()}, {platform.system()}"


def markdown(cases: list[Case], smoke: bool) -> str:
    lines = ["# 基准测试 / Benchmarks", "",
             f"Machine: {machine()}. Written by `make bench` (`python -m bench.run`)"
             + (" in smoke mode (small sizes only)." if smoke else "."), "",
             "Times are seconds: median, min and max of the runs. The per-school cost shows how each case grows.", ""]
    for case in cases:
        lines += [f"## {case.name}", "", f"Target: {case.target}", "",
                  "| size | median | min | max | runs | note |", "|---|---|---|---|---|---|"]
        for size, runs, note in case.rows:
            if size == "—":
                lines.append("")
                lines.append(note.strip())
                continue
            if runs == [0.0]:  # a reading, not a timing (memory)
                lines.append(f"| {size} | — | — | — | 1 | {note} |")
                continue
            lines.append(f"| {size} | {statistics.median(runs):.3f} | {min(runs):.3f} | {max(runs):.3f} | "
                         f"{len(runs)} | {note} |")
        lines.append("")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="1,000 schools only, one run each")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args(argv)
    sizes = [1000] if args.smoke else [1000, 10_000, 100_000]
    repeat = 1 if args.smoke else 3
    from bench.data import campaign_db

    tmp = Path(tempfile.mkdtemp(prefix="starcampus-bench-"))
    try:
        print("building databases…", flush=True)
        dbs = {n: tmp / f"campaign{n}.sqlite3" for n in sizes}
        for n, path in dbs.items():
            campaign_db(path, n)
        demo = tmp / "demo.sqlite3"
        subprocess.run([EXE, "--db", str(demo), "demo", "load"], check=True, capture_output=True)
        cases = [bench_import(sizes, repeat, tmp), bench_recompute(sizes, repeat, dbs)]
        cases += bench_documents(sizes, repeat, dbs, tmp)
        from bench.analysis import bench_analysis  # its own databases: two rounds, totals filled

        cases.append(bench_analysis(sizes, repeat, tmp))
        cases += bench_core_ops(sizes, dbs)
        cases.append(bench_app_memory(sizes, dbs))
        cases += bench_dashboard(sizes, dbs)
        cases.append(bench_startup(5 if not args.smoke else 2, demo))
        cases.append(bench_refuse_huge(3 if not args.smoke else 1, demo, tmp))
        cases.append(bench_concurrency(3 if args.smoke else 30, tmp))
        Path(args.out).write_text(markdown(cases, args.smoke), encoding="utf-8")
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
