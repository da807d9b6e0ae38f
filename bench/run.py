"""`make bench`: time every heavy path from 1,000 to 500,000 schools, on SQLite and (when a server
is given) PostgreSQL side by side, each beside a baseline measured in the same run; write
docs/benchmarks.md.

    python -m bench.run [--smoke] [--sizes 1000,10000,100000,500000] [--pg-max 100000]

Timings are medians of several runs on this machine; nothing here is asserted in the tests
(the test suite runs `python -m bench.run --smoke` only to keep this code alive). Every wait is
bounded, so a stuck case fails with what it waited for.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXE = str(Path(sys.executable).with_name("starcampus"))
AUDIT_PER_SCHOOL = 50  # the history case's realistic log: 5 M rows at 100,000 schools
AUDIT_MAX = 100_000  # larger databases are built without audit rows (the history case stops here)


@dataclass
class Case:
    name: str
    target: str
    dominates: str = ""
    headers: list[str] = field(default_factory=lambda: ["size", "median", "note"])
    rows: list[list[str]] = field(default_factory=list)

    def add(self, *cells: object) -> None:
        """One row; a list of run times becomes its median (bench/analysis.py adds size, runs, note)."""
        shown = [secs(c) if isinstance(c, list) else str(c) for c in cells]
        self.rows.append(shown)
        print(f"  {self.name}: " + " | ".join(shown), flush=True)


@dataclass
class Backend:
    label: str
    make: Callable[[str], str]  # a name -> an empty database (path or URL)
    max_size: int


def runs_for(n: int, repeat: int) -> int:
    """Fewer runs at the big sizes: a 500,000-school case is measured once."""
    return 1 if n >= 500_000 else min(repeat, 2) if n >= 100_000 else repeat


def timed(action: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def secs(runs: list[float]) -> str:
    m = statistics.median(runs)
    return f"{m * 1000:.1f} ms" if m < 1 else f"{m:.2f} s"


def ratio(ours: list[float], base: list[float]) -> str:
    b = statistics.median(base)
    return f"{statistics.median(ours) / b:.2f}×" if b else "—"


def per_school(runs: list[float], n: int) -> str:
    return f"{statistics.median(runs) / n * 1e6:.1f} µs"


def _env() -> dict[str, str]:
    # Without PYTHONDONTWRITEBYTECODE (set in some shells and CI): an installed program runs from its
    # compiled modules, and compiling the project's 130 on every command was 0.2 s of each `status`.
    env = {k: v for k, v in os.environ.items() if k not in ("SSH_CONNECTION", "PYTHONDONTWRITEBYTECODE")}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _child(code: str, *args: str, timeout: float = 1800) -> dict[str, object]:
    """Run ``code`` in a fresh interpreter (its own peak memory); it prints one JSON line last."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=_env(),
                          cwd=ROOT, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"bench child exited {done.returncode}:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def bench_import(sizes: list[int], repeat: int, backends: list[Backend], tmp: Path) -> Case:
    from bench.data import school_csv
    from models.db import close_database, database, open_database
    from workflow.doors.bulk_copy import copy_rows
    from workflow.doors.schools import import_schools, parse_school_file
    from workflow.doors.users import add_user
    from workflow.permissions import Actor

    case = Case("Import schools from CSV (parse + check + write, all or nothing)",
                "100,000 within 3 s; ≤ 1.5× raw executemany on SQLite, ≤ 2× COPY on PostgreSQL",
                "writing the rows (executemany / COPY and the two indexes) once the checks run a column at a time; "
                "the baseline is csv.reader plus the same bulk write, no checks",
                ["schools", "backend", "ours", "baseline", "ratio", "per school"])
    for n in sizes:
        csv_path = school_csv(tmp / f"schools{n}.csv", n)
        for backend in backends:
            if n > backend.max_size:
                continue
            ours, base = [], []
            for r in range(runs_for(n, repeat)):
                open_database(backend.make(f"imp{n}o{r}"))
                add_user(None, "bench", "admin")
                start = time.perf_counter()
                import_schools(Actor("bench", "admin"), parse_school_file(csv_path))
                ours.append(time.perf_counter() - start)
                close_database()
                open_database(backend.make(f"imp{n}b{r}"))
                start = time.perf_counter()
                with database.obj.atomic(), csv_path.open(encoding="utf-8", newline="") as handle:
                    reader = csv.reader(handle)
                    next(reader)
                    copy_rows("school", ("code", "name", "township", "stage", "display_order"),
                              ((c, nm, tw, st, i) for i, (c, nm, tw, st) in enumerate(reader, 1)))
                base.append(time.perf_counter() - start)
                close_database()
            case.add(f"{n:,}", backend.label, secs(ours), secs(base), ratio(ours, base), per_school(ours, n))
    return case


def bench_enrol(sizes: list[int], repeat: int, backends: list[Backend], tmp: Path) -> Case:
    from bench.data import campaign_db
    from models.db import close_database, database, open_database
    from workflow.doors.campaigns import enrol
    from workflow.permissions import Actor

    case = Case("Enrol every registered school (campaign enrol, all)", "≤ 3× a raw INSERT … SELECT",
                "the INSERT … SELECT itself (the door adds the permission check, the audit row and the commit)",
                ["schools", "backend", "ours", "baseline", "ratio", "per school"])
    for n in sizes:
        for backend in backends:
            if n > backend.max_size:
                continue
            target = backend.make(f"enrol{n}")
            campaign_db(target, n, enrolled=False)
            open_database(target)
            p = database.obj.param
            ours, base = [], []
            for _ in range(runs_for(n, repeat)):
                ours += timed(partial(enrol, Actor("bench-admin", "admin"), 1), 1)
                database.execute_sql("DELETE FROM assessment")
                start = time.perf_counter()
                with database.obj.atomic():
                    database.execute_sql(
                        "INSERT INTO assessment (campaign_id, round_id, school_id, state, version, provisional, "
                        "vetoes, updated_by, updated_at, entry, application, improved, upward_authority, "
                        f"upward_doc_no, upward_by) SELECT 1, 1, id, 'preparing', 1, {p}, '', 'raw', 'now', "
                        "'initial', '', '', '', '', '' FROM school", (False,))
                base.append(time.perf_counter() - start)
                database.execute_sql("DELETE FROM assessment")
            close_database()
            case.add(f"{n:,}", backend.label, secs(ours), secs(base), ratio(ours, base), per_school(ours, n))
    return case


def bench_recompute(sizes: list[int], repeat: int, dbs: dict[tuple[str, int], str]) -> Case:
    from models.db import close_database, open_database
    from workflow.doors.recompute import change_thresholds

    case = Case("Recompute totals and levels after a threshold change (22 leaves, self + verified)",
                "100,000 schools (2.2 M verified leaves) within 5 s",
                "reading the verified scores and scoring each school in Python (rubrics.scoring)",
                ["schools", "backend", "ours", "per school"])
    for (label, n), target in sorted(dbs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        open_database(target)
        values = iter(["71", "70", "72", "70.5", "71.5", "70"] * 2)
        runs = timed(partial(_next_threshold, change_thresholds, values), runs_for(n, repeat))
        close_database()
        case.add(f"{n:,}", label, secs(runs), per_school(runs, n))
    return case


def _next_threshold(change: Callable[..., object], values: Iterator[str]) -> None:
    from workflow.permissions import Actor

    change(Actor("bench-admin", "admin"), 1, {2: next(values)}, reason="bench")


_EXPORT = r"""
import json, sys, time
from pathlib import Path
from models.db import open_database, database
from workflow.permissions import Actor
from tui.export_jobs import run_export
target, kind, out, baseline = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4] == "1"
open_database(target)
start = time.perf_counter()
if baseline:  # the rows the document is made of, read raw and dropped
    sql = ("SELECT s.assessment_id, s.code, s.kind, s.value FROM score s JOIN assessment a ON a.id = s.assessment_id"
           if kind == "workbook" else "SELECT a.id, a.verified_total, a.star_level, c.code, c.name FROM assessment a "
           "JOIN school c ON c.id = a.school_id ORDER BY c.display_order")
    for _row in database.execute_sql(sql):
        pass
else:
    run_export(Actor("bench-admin", "admin"), kind, out, force=True)
seconds = time.perf_counter() - start
# VmHWM, not ru_maxrss: a forked child's ru_maxrss starts at its parent's peak (the bench's own).
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM")) // 1024
reopened = ""
if kind == "notice" and not baseline:
    import docx
    try:
        reopened = f"reopens ({len(docx.Document(str(out)).paragraphs)} paragraphs)"
    except Exception as exc:
        reopened = f"does NOT reopen: {exc}"
size = out.stat().st_size // 1024 if out.exists() and not baseline else 0
print(json.dumps({"seconds": seconds, "rss": rss, "kib": size, "reopened": reopened}))
"""


def bench_documents(sizes: list[int], repeat: int, dbs: dict[tuple[str, int], str], tmp: Path) -> list[Case]:
    heads = ["schools", "backend", "ours", "baseline", "ratio", "per school", "peak memory", "note"]
    notice = Case("Notice (通报) .docx from the database",
                  "1,000 within 1 s; 10,000 within 5 s; 500,000 within 300 MB resident, readable by python-docx",
                  "gather.notice_input holding every school's result (about 500 bytes a school) and the "
                  "docx tree; baseline: reading the schools' rows raw", heads)
    book = Case("Score workbook .xlsx (schools x 22 leaves, self + verified)",
                "100,000 within 8 s; 500,000 within 300 MB resident",
                "reading 4.4 M scores from SQLite, folded a row per school (exports/score_sheets.py, a page of "
                "1,000 schools a query), then deflate; cells are made once per distinct value (workbook_cells.py), "
                "the 分析 sheet's leaf losses counted as the rows stream; baseline: reading every score row raw",
                heads)
    for (label, n), target in sorted(dbs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        for case, kind, suffix in ((notice, "notice", "docx"), (book, "workbook", "xlsx")):
            out = tmp / f"{kind}-{label}-{n}.{suffix}"
            times = 1 if n >= 500_000 else repeat
            ours = [_child(_EXPORT, target, kind, str(out), "0") for _ in range(times)]
            base = [_child(_EXPORT, target, kind, str(out) + ".x", "1")]
            runs = [float(str(o["seconds"])) for o in ours]
            case.add(f"{n:,}", label, secs(runs), secs([float(str(b["seconds"])) for b in base]),
                     ratio(runs, [float(str(b["seconds"])) for b in base]), per_school(runs, n),
                     f"{max(int(str(o['rss'])) for o in ours)} MB",
                     f"{ours[-1]['kib']} KiB {ours[-1]['reopened']}".strip())
            out.unlink(missing_ok=True)
    return [notice, book]


def _cli_target(target: str) -> tuple[str, dict[str, str]]:
    """The command refuses a password in --db (every local user sees a command line): pass it
    through PGPASSWORD, as an officer's libpq setup would."""
    from urllib.parse import urlsplit, urlunsplit

    env = _env()
    if "://" not in target:
        return target, env
    parts = urlsplit(target)
    if parts.password:
        env["PGPASSWORD"] = parts.password
        host = f"{parts.username}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        target = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return target, env


def _time_rss(cmd: list[str]) -> tuple[float, int]:
    """Wall time and peak resident memory (MB) of one command (its --db may be a URL with a password)."""
    env = _env()
    if "--db" in cmd:
        at = cmd.index("--db") + 1
        cmd = list(cmd)
        cmd[at], env = _cli_target(cmd[at])
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "%M", *cmd], capture_output=True, text=True, env=env,
                          timeout=600)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}: {done.stderr[-2000:]}")
    return seconds, int(done.stderr.strip().splitlines()[-1]) // 1024


def bench_status(repeat: int, dbs: dict[tuple[str, int], str]) -> Case:
    case = Case("`starcampus status` (summary: counts per state and level, first 50 schools)",
                "≤ 1 s at 500,000; `--all` streamed (memory flat)",
                "interpreter and import start-up (the baseline is `starcampus --version`), then three GROUP BY "
                "scans of the round (states, levels, upward decisions)",
                ["schools", "backend", "status", "--version", "ratio", "peak memory", "status --all", "--all memory"])
    if not shutil.which("/usr/bin/time"):
        return case
    for (label, n), target in sorted(dbs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        _time_rss([EXE, "--db", target, "--as", "bench-admin", "status"])  # untimed: the modules compiled once
        summary = [_time_rss([EXE, "--db", target, "--as", "bench-admin", "status"]) for _ in range(max(2, repeat))]
        version = [_time_rss([EXE, "--version"]) for _ in range(max(2, repeat))]
        every = _time_rss([EXE, "--db", target, "--as", "bench-admin", "status", "--all", "--format", "plain"])
        runs = [s for s, _m in summary]
        case.add(f"{n:,}", label, secs(runs), secs([s for s, _m in version]), ratio(runs, [s for s, _m in version]),
                 f"{max(m for _s, m in summary)} MB", secs([every[0]]), f"{every[1]} MB")
    return case


def bench_core_ops(dbs: dict[tuple[str, int], str]) -> list[Case]:
    """The core half of "open a school" and "save a score" (the TUI adds its drawing on top)."""
    from models.db import close_database, database, open_database
    from workflow.doors.scores import set_score
    from workflow.permissions import Actor
    from workflow.reads.queries import detail, school_history

    opened = Case("Open a school's detail with its history (queries.detail + school_history, "
                  f"{AUDIT_PER_SCHOOL} audit rows per school)",
                  "≤ 50 ms at 100,000 schools (5 M audit rows), both backends",
                  "the history read walks the (school_code, seq) index: 200 rows; the detail reads 44 scores; "
                  "baseline: the same history rows by raw SQL",
                  ["schools", "audit rows", "backend", "ours", "baseline", "ratio"])
    saved = Case("Save one score (set_score: checks, write, totals, audit, commit)", "within 20 ms",
                 "the commit (WAL fsync on SQLite, the round trip and advisory lock on PostgreSQL) and the audit hash",
                 ["schools", "backend", "ours"])
    expert = Actor("bench-admin", "admin")
    for (label, n), target in sorted(dbs.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        open_database(target)
        middle = n // 2
        code = f"P{middle - 1:07d}"
        rows = database.execute_sql("SELECT COUNT(*) FROM audit_event").fetchone()[0]
        p = database.obj.param
        if rows:
            ours = timed(partial(_open_school, detail, school_history, middle, code), 20)
            base = timed(partial(_raw_history, database, code), 20)
            opened.add(f"{n:,}", f"{rows:,}", label, secs(ours), secs(base), ratio(ours, base))
        database.execute_sql(f"UPDATE assessment SET state = 'verifying' WHERE id = {p}", (middle,))
        values = iter(["1", "2", "1.5", "0.5"] * 10)
        saved.add(f"{n:,}", label, secs(timed(partial(_save_next, set_score, expert, middle, values), 20)))
        close_database()
    return [opened, saved]


def _open_school(detail: Callable[[int], object], history: Callable[[str], object], aid: int, code: str) -> None:
    detail(aid)
    history(code)


def _raw_history(database: Any, code: str) -> None:
    p = database.obj.param
    database.execute_sql(f"SELECT * FROM audit_event WHERE school_code = {p} ORDER BY seq DESC LIMIT 200",
                         (code,)).fetchall()


def _save_next(set_score: Callable[..., object], actor: object, aid: int, values: Iterator[str]) -> None:
    set_score(actor, aid, "1.1", next(values), kind="verified")


def bench_app_memory(sizes: list[int], dbs: dict[tuple[str, int], str]) -> Case:
    """Resident memory of the real app in a terminal once the dashboard is drawn."""
    case = Case("App memory with the dashboard open (VmRSS of `starcampus` in tmux, 120x40)", "≤ 250 MB at 100,000",
                "the first page of rows and Textual itself (the list is paged)", ["schools", "backend", "resident"])
    tmux = shutil.which("tmux")
    if not tmux:
        return case
    for n in sizes:
        target = dbs.get(("SQLite", n))
        if target is None:
            continue
        name = f"benchmem{os.getpid()}-{n}"
        subprocess.run([tmux, "-L", name, "new-session", "-d", "-s", name, "-x", "120", "-y", "40",
                        f"{EXE} --db {target} --as bench-admin"], check=True)
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
                case.add(f"{n:,}", "SQLite", "the app did not start")
                continue
            case.add(f"{n:,}", "SQLite", f"{_rss_kib(int(panes[0])) / 1024:.0f} MB")
        finally:
            subprocess.run([tmux, "-L", name, "kill-server"], capture_output=True)
    return case


def bench_launch(sizes: list[int], dbs: dict[tuple[str, int], str], repeat: int) -> Case:
    """A real launch: process start to the first rows in tmux (bench/tmux_launch.py), beside a stock app."""
    case = Case("Real launch in tmux (process start to the first rows visible, 120x40; bench/tmux_launch.py)",
                "≤ 0.5 s at any size",
                "the interpreter's start and the imports (Textual, peewee, the workflow: about 0.45 s of CPU), "
                "then the first page of rows; baseline: a stock Textual app with a DataTable of 100 rows "
                "(bench/stock_table_app.py), launched the same way in the same run",
                ["schools", "backend", "ours", "baseline", "ratio"])
    if not shutil.which("tmux"):
        return case
    from bench.tmux_launch import ours, stock

    for n in sizes:
        # SQLite files only: a PostgreSQL URL carries its password, which never goes on a command line
        # (the app refuses it; a server's officers reach it through the 0600 config file instead).
        target = dbs.get(("SQLite", n))
        if target is None:
            continue
        try:
            mine, base = ours(target, "P00000", repeat), stock(repeat)
        except TimeoutError as exc:  # said in the report, not a crash of the whole run
            case.add(f"{n:,}", "SQLite", f"did not show its rows: {exc}", "", "")
            continue
        case.add(f"{n:,}", "SQLite", secs(mine), secs(base), ratio(mine, base))
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
    case = Case("Command start-up (`starcampus --version`, `starcampus status` on the demo)", "within 0.3 s",
                "importing Python modules", ["command", "median", "runs"])
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    for label, cmd in (("--version", [EXE, "--version"]), ("status", [EXE, "--db", str(demo), "status"])):
        runs = timed(partial(subprocess.run, cmd, capture_output=True, env=env, timeout=120), repeat)
        case.add(label, secs(runs), len(runs))
    return case


def bench_refuse_huge(repeat: int, demo: Path, tmp: Path) -> Case:
    """A 100 MB school file is refused from its size alone (tests check the refusal, not its speed)."""
    case = Case("Refuse a 100 MB school file (`starcampus schools import`, sparse file)", "within 1 s",
                "start-up; the size is read before any byte", ["file", "median", "outcome"])
    huge = tmp / "schools-100mb.csv"
    with huge.open("wb") as fh:
        fh.write("学校代码,学校名称\n".encode())
        fh.truncate(100 * 1024 * 1024)
    env = {k: v for k, v in os.environ.items() if k != "SSH_CONNECTION"}
    done: list[subprocess.CompletedProcess[bytes]] = []
    runs = timed(lambda: done.append(subprocess.run(
        [EXE, "--db", str(demo), "--as", "demo-admin", "schools", "import", str(huge)], capture_output=True,
        env=env, timeout=120)), repeat)
    case.add("100 MB", secs(runs), "refused" if all(run.returncode == 1 for run in done) else "NOT refused")
    return case


def bench_score_import(sizes: list[int], backends: list[Backend], tmp: Path) -> Case:
    from bench.data import campaign_db, score_csv
    from models.db import close_database, database, open_database
    from workflow.doors.score_import import import_scores
    from workflow.permissions import Actor

    case = Case("Import a score sheet (学校代码,指标代码,分值: schools x 22 leaves, one transaction)",
                "500,000 x 22 within 2 minutes, streamed, no size cap below 2 GB",
                "the audit row each school still gets: audit.append reads the school's facts back "
                "(audit_facts.of_assessments, peewee SQL built per school) and checks the actor, about 80% of the "
                "time; the score writes and totals go a page of 500 schools at a time; "
                "baseline: the same rows written by raw executemany / COPY",
                ["schools", "rows", "backend", "ours", "ours CPU (this process)", "baseline", "ratio", "per school"])
    from workflow.doors.bulk_copy import copy_rows

    for n in sizes:
        sheet = score_csv(tmp / f"scores{n}.csv", n)
        for backend in backends:
            if n > backend.max_size:
                continue
            target = backend.make(f"scores{n}")
            campaign_db(target, n, state="self_evaluating", scored=False)  # the totals stay, as before
            open_database(target)
            database.execute_sql("DELETE FROM score")
            database.execute_sql("UPDATE campaign SET phase = 'self_evaluation'")
            cpu = time.process_time()
            ours = timed(partial(import_scores, Actor("bench-admin", "admin"), 1, sheet), 1)
            cpu = time.process_time() - cpu
            database.execute_sql("DELETE FROM score")
            start = time.perf_counter()
            with database.obj.atomic(), sheet.open(encoding="utf-8", newline="") as handle:
                reader = csv.reader(handle)
                next(reader)
                copy_rows("score", ("assessment_id", "code", "kind", "value", "evidence", "entered_by", "entered_at"),
                          ((int(s[1:]) + 1, c, "self", v, "", "raw", "now") for s, c, v in reader))
            base = [time.perf_counter() - start]
            close_database()
            case.add(f"{n:,}", f"{n * 22:,}", backend.label, secs(ours), secs([cpu]), secs(base), ratio(ours, base),
                     per_school(ours, n))
    return case


def bench_concurrency(seconds: float, backends: list[Backend], tmp: Path) -> Case:
    from bench.concurrent_saves import run

    case = Case("16 processes saving scores at once (sheet_entry.save_leaf, each its own school)",
                "≥ 1,000 saves/s on SQLite, ≥ 800 on PostgreSQL, no errors, nothing lost",
                "the single writer: SQLite's BEGIN IMMEDIATE lock and PostgreSQL's advisory lock serialise every "
                "save with its audit row (the hash chain); the baseline is one process alone, same run",
                ["backend", "16 processes", "1 process", "scaling", "checked"])
    for backend in backends:
        with tempfile.TemporaryDirectory() as work:
            one = run(backend.make("conc1"), 1, seconds, Path(work))
        with tempfile.TemporaryDirectory() as work:
            many = run(backend.make("conc16"), 16, seconds, Path(work))
        case.add(backend.label, f"{many.per_second:.0f} saves/s", f"{one.per_second:.0f} saves/s",
                 f"{many.per_second / one.per_second:.2f}×" if one.per_second else "—",
                 f"{many.acknowledged} acknowledged, {many.found} found, {len(many.errors)} errors, "
                 f"{len(many.lost)} lost; workers' CPU {many.cpu_per_save_ms:.2f} ms a save, "
                 f"server's {many.server_cpu_per_save_ms:.2f} ms, "
                 f"{many.others_cores:.2f} cores busy with other work meanwhile (a server's too)")
    return case


def bench_audit_verify(smoke: bool) -> Case:
    case = Case("`audit verify` with replay (chain, seals, every fact rebuilt and compared; bench/audit_replay.py)",
                "1,000,000 rows within 60 s",
                "reading and hashing each row, and parsing its payload; then the tables read once to compare",
                headers=["rows", "schools", "sealed", "seconds", "rows/s", "peak MB"])
    schools, events = (1000, 10) if smoke else (20_000, 50)
    for sealed in (False, True):
        args = [str(schools), str(events)] + (["--sealed"] if sealed else [])
        got = _child("import runpy, sys; sys.argv = ['audit_replay', *sys.argv[1:]]; "
                     "runpy.run_module('bench.audit_replay', run_name='__main__')", *args, timeout=3600)
        rows, seconds, peak = int(str(got["rows"])), float(str(got["seconds"])), float(str(got["peak_mb"]))
        case.add(f"{rows:,}", f"{schools:,}", "yes" if sealed else "no", f"{seconds:.1f}", f"{rows / seconds:,.0f}",
                 f"{peak:.0f}")
    return case


def bench_score_grid(sizes: list[int]) -> Case:
    case = Case("Score grid (TUI, schools × 48 henan-v2 leaves, Pilot at 120x40; bench/score_grid.py)",
                "1,000 × 48: first paint and a cursor move without lag",
                "the page read (one query for 100 schools' scores) and drawing the visible cells",
                headers=["schools", "first paint", "cursor move (mean / max)", "End / PgDn", "save to redraw",
                         "page read"])
    found = _child("import json, sys; from bench.score_grid import run; "
                   "print(json.dumps({'results': run([int(a) for a in sys.argv[1:]])}))", *map(str, sizes))
    for got in found["results"]:  # type: ignore[attr-defined]
        case.add(f"{got['schools']:,}", f"{got['first_paint_ms']} ms",
                 f"{got['cursor_move_ms_mean']} / {got['cursor_move_ms_max']} ms",
                 f"{got['end_ms']} / {got['pagedown_ms']} ms", f"{got['save_ms']} ms", f"{got['page_read_ms']} ms")
    return case


def bench_dashboard(sizes: list[int], prebuilt: list[str] | None = None) -> list[Case]:
    script = ROOT / "bench" / "tui_dashboard.py"
    if not script.exists():
        return []
    case = Case("Dashboard (TUI): see the table printed by bench/tui_dashboard.py", "first paint ≤ 0.5 s; filter ≤ 50 ms",
                "see bench/tui_dashboard.py", [])
    given: list[str] = []
    env = _env()
    for target in prebuilt or []:
        shown, with_password = _cli_target(target)  # a password goes in PGPASSWORD, never on a command line
        env.update({k: v for k, v in with_password.items() if k == "PGPASSWORD"})
        given += ["--db", shown]
    done = subprocess.run([sys.executable, "-m", "bench.tui_dashboard", *given, *(() if given else map(str, sizes))],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300 * max(1, len(sizes)))
    if done.returncode != 0:
        raise RuntimeError(f"bench.tui_dashboard exited {done.returncode}:\n{done.stderr[-2000:]}")
    print(done.stdout.strip(), flush=True)
    case.rows.append([done.stdout.strip()])
    return [case]


def _campaign_dbs(name: str, sizes: list[int], backends: list[Backend], prebuilt: list[str],
                  tmp: Path) -> dict[tuple[str, int], str]:
    """(backend, schools) -> a campaign_db database: the ``prebuilt`` ones when given (a SQLite file
    copied into ``tmp`` first, as a command may write to it: WAL, a checkpoint), else one built per
    size and backend."""
    from bench.data import campaign_db
    from models.db import close_database, database, open_database

    built: dict[tuple[str, int], str] = {}
    for given in prebuilt:
        target = given
        if "://" not in given:
            target = str(tmp / f"{name}-{Path(given).name}")
            shutil.copyfile(given, target)
        open_database(target)
        schools = int(database.execute_sql("SELECT COUNT(*) FROM school").fetchone()[0])
        close_database()
        built[("PostgreSQL" if "://" in given else "SQLite", schools)] = target
    if prebuilt:
        return built
    for n in sizes:
        for backend in backends:
            if n <= backend.max_size:
                built[(backend.label, n)] = backend.make(f"{name}{n}")
                campaign_db(built[(backend.label, n)], n)
    return built


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


def markdown(cases: list[Case], smoke: bool, notes: list[str]) -> str:
    lines = ["# 基准测试 / Benchmarks", "",
             f"Machine: {machine()}. Written by `make bench` (`python -m bench.run`)"
             + (" in smoke mode (small sizes only)." if smoke else "."), "",
             "Times are medians of the runs. Each row's baseline is measured in the same run on the same database "
             "(the ratio is ours / baseline), so a busy machine moves both; SQLite and PostgreSQL rows stand side by "
             "side. The per-school cost shows how each case grows.", "", *notes, ""]
    for case in cases:
        lines += [f"## {case.name}", "", f"Target: {case.target}", "", f"What dominates: {case.dominates}", ""]
        if not case.headers:
            lines += [row[0] for row in case.rows] + [""]
            continue
        lines += ["| " + " | ".join(case.headers) + " |", "|" + "---|" * len(case.headers)]
        lines += ["| " + " | ".join(row) + " |" for row in case.rows]
        lines.append("")
    return "\n".join(lines)


def _replace_section(out: Path, case: Case) -> None:
    """Put ``case``'s section in place of the one of the same name in ``out``."""
    if not out.exists():  # a report of this one case alone
        out.write_text(markdown([case], False, []), encoding="utf-8")
        print(f"wrote {out}")
        return
    text = out.read_text(encoding="utf-8")
    head = f"## {case.name}"
    fresh = markdown([case], False, []).split(head, 1)[1]
    before, found, after = text.partition(head)
    if not found:
        out.write_text(text + "\n" + head + fresh, encoding="utf-8")
        return
    rest = after.split("\n## ", 1)
    out.write_text(before + head + fresh.rstrip("\n") + "\n" + ("\n## " + rest[1] if len(rest) > 1 else ""),
                   encoding="utf-8")
    print(f"replaced {head!r} in {out}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true", help="1,000 schools only, one run each")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    parser.add_argument("--sizes", default="", help="default 1000,10000,100000,500000; with --smoke 1000")
    parser.add_argument("--pg-max", type=int, default=100_000, help="largest size also built on PostgreSQL")
    parser.add_argument("--score-max", type=int, default=10_000, help="largest score sheet imported")
    parser.add_argument("--note", action="append", default=[], help="a line for the report's head")
    parser.add_argument("--regions-nation", action="store_true",
                        help="the region case at national size too (3,000 counties, 500,000 schools)")
    parser.add_argument("--only", choices=["scores", "enrol", "audit", "grid", "launch", "import", "concurrency",
                                           "status", "dashboard"],
                        help="run one case alone and replace its section in --out")
    parser.add_argument("--prebuilt", action="append", default=[], metavar="DB",
                        help="with --only launch|status|dashboard: a database bench/data.py's campaign_db built "
                             "(a SQLite path, copied first, or a postgresql:// URL) read instead of building one")
    args = parser.parse_args(argv)
    sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes  # the test suite smokes at 200
             else [1000] if args.smoke else [1000, 10_000, 100_000, 500_000])
    repeat = 1 if args.smoke else 3
    from bench import pg
    from bench.data import campaign_db

    tmp = Path(tempfile.mkdtemp(prefix="starcampus-bench-"))
    backends = [Backend("SQLite", lambda name: str(tmp / f"{name}.sqlite3"), max(sizes))]
    if pg.server():
        backends.append(Backend("PostgreSQL", lambda name: str(pg.fresh_database(name)), args.pg_max))
    if args.only:
        try:
            if args.only == "audit":
                case = bench_audit_verify(args.smoke)
            elif args.only == "grid":
                case = bench_score_grid([200] if args.smoke else [1000, 10_000])
            elif args.only == "launch":
                built = _campaign_dbs("launch", sizes, backends, args.prebuilt, tmp)
                case = bench_launch(sorted({n for _label, n in built}), built, 1 if args.smoke else 5)
            elif args.only == "status":
                case = bench_status(repeat, _campaign_dbs("status", sizes, backends, args.prebuilt, tmp))
            elif args.only == "dashboard":
                copies = _campaign_dbs("dashboard", sizes, backends, args.prebuilt, tmp) if args.prebuilt else {}
                dashboard = bench_dashboard(sizes, list(copies.values()))
                if not dashboard:
                    return 1
                case = dashboard[0]
            elif args.only == "import":
                case = bench_import(sizes, repeat, backends, tmp)
            elif args.only == "concurrency":
                case = bench_concurrency(1 if args.smoke else 20, backends, tmp)
            elif args.only == "scores":
                case = bench_score_import([n for n in sizes if n <= args.score_max], backends, tmp)
            else:
                case = bench_enrol(sizes, repeat, backends, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
            pg.drop_all()
        _replace_section(Path(args.out), case)
        return 0
    try:
        print("building databases…", flush=True)
        dbs: dict[tuple[str, int], str] = {}
        for n in sizes:
            for backend in backends:
                if n <= backend.max_size:
                    target = backend.make(f"campaign{n}")
                    campaign_db(target, n, audit_per_school=AUDIT_PER_SCHOOL if n <= AUDIT_MAX else 0)
                    dbs[(backend.label, n)] = target
        demo = tmp / "demo.sqlite3"
        subprocess.run([EXE, "--db", str(demo), "demo", "load"], check=True, capture_output=True, timeout=300)
        cases = [bench_import(sizes, repeat, backends, tmp), bench_enrol(sizes, repeat, backends, tmp),
                 bench_score_import([n for n in sizes if n <= args.score_max], backends, tmp)]
        cases.append(bench_status(repeat, dbs))
        cases += bench_documents(sizes, 2 if not args.smoke else 1, dbs, tmp)
        cases.append(bench_recompute(sizes, repeat, dbs))
        cases += bench_core_ops(dbs)
        from bench.analysis import bench_analysis

        cases.append(bench_analysis([n for n in sizes if n <= 100_000], 1 if args.smoke else repeat, tmp))
        from bench.regions import bench_regions

        cases.append(bench_regions(1 if args.smoke else repeat, backends, smoke=args.smoke, nation=args.regions_nation))
        cases.append(bench_app_memory([n for n in sizes if n <= 100_000], dbs))
        cases.append(bench_launch(sizes, dbs, 1 if args.smoke else 5))
        cases += bench_dashboard([n for n in sizes if n <= 100_000])
        cases.append(bench_score_grid([200] if args.smoke else [1000, 10_000]))
        cases.append(bench_startup(5 if not args.smoke else 2, demo))
        cases.append(bench_refuse_huge(3 if not args.smoke else 1, demo, tmp))
        cases.append(bench_concurrency(1 if args.smoke else 20, backends, tmp))
        cases.append(bench_audit_verify(args.smoke))
        Path(args.out).write_text(markdown(cases, args.smoke, args.note), encoding="utf-8")
        print(f"wrote {args.out}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        pg.drop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
