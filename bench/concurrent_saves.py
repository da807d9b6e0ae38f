"""Many officers saving scores at once: N processes (not threads), each saving leaves of its own
school through the score sheet's door (workflow.doors.sheet_entry.save_leaf), then every save
counted back from the database.

Used by the test suite (short run, correctness: nothing acknowledged is lost, no lock errors)
and by `make bench` (30 s, throughput). Run: python -m bench.concurrent_saves DB PROCESSES SECONDS
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from workflow import clock

_WORKER = r"""
import json, sys, time
from decimal import Decimal
from models.db import open_database
from workflow.permissions import Actor
from workflow.doors.sheet_entry import save_leaf
db, name, aid, codes, seconds, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(","), float(sys.argv[5]), sys.argv[6]
open_database(db)
def server_cpu():  # this worker's PostgreSQL backend's CPU seconds, when the server runs on this machine
    from models.db import database, is_postgres
    if not is_postgres():
        return 0.0
    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    import os
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
actor = Actor(name, "admin")
acks, errors, last = 0, [], {}
if sys.argv[7:] == ["--start-together"]:  # run() below: say so, then wait for the others' word
    print("ready", flush=True)
    sys.stdin.readline()
first = time.monotonic()  # one clock for every process (CLOCK_MONOTONIC): the parent compares their windows; time.time() stepped by 36 s in one run
server = server_cpu()
cpu = time.process_time()  # this worker's own CPU while saving (start-up left out, as in the window)
deadline = time.monotonic() + seconds
i = 0
while time.monotonic() < deadline:
    code = codes[i % len(codes)]
    value = str(Decimal(i % 3))  # 0, 1, 2: within every leaf's maximum
    try:
        save_leaf(actor, aid, code, value, kind="self", expected_version=None)  # as the score sheet saves
        acks += 1
        last[code] = value
    except Exception as exc:  # record, never hide
        errors.append(f"{type(exc).__name__}: {exc}")
    i += 1
json.dump({"acks": acks, "errors": errors[:20], "error_count": len(errors), "last": last,
           "first": first, "end": time.monotonic(), "cpu": time.process_time() - cpu,
           "server": server_cpu() - server}, open(out, "w"))
"""

def _machine_busy() -> float:
    """CPU seconds all the machine's processes have used since boot, from /proc/stat (Linux; 0 elsewhere):
    what else the machine ran while the workers saved, to read a result by."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


_READY_SECONDS = 120.0  # 16 interpreters importing the app on 2 busy cores take a few seconds, never minutes


@dataclass
class Outcome:
    processes: int
    seconds: float
    acknowledged: int
    found: int
    errors: list[str]
    lost: list[str]

    window: float = 0.0  # from the first worker's first save to the last worker's last one
    cpu: float = 0.0  # the workers' own CPU seconds while saving, all of them together
    busy: float = 0.0  # every process's CPU seconds on the machine from "go" to the last worker's end
    busy_span: float = 0.0  # that span's length
    load: float = 0.0  # the 1-minute load average at the end
    server_cpu: float = 0.0  # the workers' PostgreSQL backends' CPU seconds while saving (0: SQLite, or not here)

    @property
    def others_cores(self) -> float:
        """Cores busy with anything but the workers' saving meanwhile (a PostgreSQL server's work is here):
        a run beside another program's build is slower than one on an idle machine, and this says so."""
        return max(0.0, self.busy - self.cpu) / self.busy_span if self.busy_span else 0.0

    @property
    def cpu_per_save_ms(self) -> float:
        """The client's CPU a save (the workers' processes only: SQLite runs inside them)."""
        return 1000 * self.cpu / self.acknowledged if self.acknowledged else 0.0

    @property
    def server_cpu_per_save_ms(self) -> float:
        """The PostgreSQL server's CPU a save (the workers' own backends, read from /proc)."""
        return 1000 * self.server_cpu / self.acknowledged if self.acknowledged else 0.0

    @property
    def per_second(self) -> float:
        """Saves a second while the workers were saving (process start-up left out: 16 interpreters
        importing the app on 2 cores take seconds, and no officer's save waits for that)."""
        span = self.window or self.seconds
        return self.acknowledged / span if span else 0.0


def prepare(db: str, processes: int) -> list[int]:
    """A campaign with one self-evaluating school per process."""
    from models.db import close_database, open_database
    from models.schema import User
    from workflow.doors.campaigns import create_campaign, enrol
    from workflow.doors.schools import SchoolRow, import_schools
    from workflow.doors.users import add_user
    from workflow.permissions import Actor
    from workflow.reads.queries import find_assessment
    from workflow.statemachine.events import fire

    open_database(db)
    clock.pin(None)
    existing = User.select().where(User.role == "admin").first()
    admin = Actor(existing.name if existing else "bench-admin", "admin")
    if existing is None:
        add_user(None, admin.name, "admin")
    import_schools(admin, [SchoolRow(f"C{i:03d}", f"并发{i}校", "", "小学", i) for i in range(processes)])
    year = clock.today().year
    campaign = create_campaign(admin, year=year, region="bench", title="concurrency", rubric="ningxia-2022",
                               windows={"mobilization": (f"{year}-01-01", f"{year}-01-31"),
                                        "self_evaluation": (f"{year}-02-01", f"{year}-06-30"),
                                        "verification": (f"{year}-07-01", f"{year}-08-31"),
                                        "promotion": (f"{year}-09-01", f"{year + 1}-12-31")})
    enrol(admin, campaign.id)
    ids = []
    for i in range(processes):
        row = find_assessment(campaign.id, f"C{i:03d}")
        assert row is not None
        fire(admin, row.id, "start_self_evaluation")
        ids.append(int(row.id))
    close_database()
    return ids


def run(db: str, processes: int, seconds: float, workdir: Path) -> Outcome:
    from models.db import close_database, open_database
    from models.schema import AuditEvent, Score
    from rubrics.loader import builtin_rubric

    ids = prepare(db, processes)
    codes = builtin_rubric("ningxia-2022").leaf_codes()[:6]
    root = Path(__file__).resolve().parents[1]
    env = dict(os.environ, PYTHONPATH=str(root))
    procs = []
    started = time.monotonic()
    for i, aid in enumerate(ids):
        out = workdir / f"worker{i}.json"
        procs.append((f"w{i}", aid, out, subprocess.Popen(
            [sys.executable, "-c", _WORKER, db, f"w{i}", str(aid), ",".join(codes), str(seconds), str(out),
             "--start-together"], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    # Every worker imports the app and opens the database first (seconds, for 16 on 2 cores), then
    # all start at once: otherwise the first ones save alone while the last are still importing, and
    # the window counts fewer writers than asked for. A worker that dies answers with an empty line.
    ready_by = time.monotonic() + _READY_SECONDS
    for name, _aid, _out, proc in procs:
        assert proc.stdout is not None
        if not select.select([proc.stdout], [], [], max(0.0, ready_by - time.monotonic()))[0]:
            for *_, late in procs:
                late.kill()
            raise TimeoutError(f"{name} was not ready to save within {_READY_SECONDS:.0f} s")
        proc.stdout.readline()
    busy_before, go = _machine_busy(), time.monotonic()
    for *_, proc in procs:
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # communicate() below closes it
            proc.stdin.write("go\n")
            proc.stdin.flush()
    errors: list[str] = []
    reports = {}
    for name, aid, out, proc in procs:
        _, stderr = proc.communicate(timeout=seconds + 120)
        if proc.returncode != 0:
            errors.append(f"{name} exited {proc.returncode}: {stderr[-500:]}")
            continue
        reports[name] = (aid, json.loads(out.read_text()))
        errors += reports[name][1]["errors"]
    busy_after, done = _machine_busy(), time.monotonic()  # every worker has ended: about the window
    elapsed = time.monotonic() - started
    open_database(db)
    lost: list[str] = []
    found = 0
    for name, (aid, report) in reports.items():
        logged = AuditEvent.select().where((AuditEvent.actor == name) & (AuditEvent.action == "score.self")).count()
        found += logged
        if logged != report["acks"]:
            lost.append(f"{name}: acknowledged {report['acks']}, audit has {logged}")
        for code, value in report["last"].items():
            stored = Score.get((Score.assessment == aid) & (Score.code == code) & (Score.kind == "self")).value
            if stored != Decimal(value):
                lost.append(f"{name} {code}: last acknowledged {value}, stored {stored}")
    close_database()
    window = (max(r["end"] for _a, r in reports.values()) - min(r["first"] for _a, r in reports.values())
              if reports else 0.0)
    return Outcome(processes, elapsed, sum(r["acks"] for _a, r in reports.values()), found, errors, lost,
                   window, sum(float(r.get("cpu", 0.0)) for _a, r in reports.values()), busy_after - busy_before,
                   done - go, os.getloadavg()[0], sum(float(r.get("server", 0.0)) for _a, r in reports.values()))


if __name__ == "__main__":
    import tempfile

    target, count, duration = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    with tempfile.TemporaryDirectory() as tmp:
        result = run(target, count, duration, Path(tmp))
    print(f"{result.processes} processes, {result.seconds:.1f}s ({result.window:.1f}s saving): {result.acknowledged} saves acknowledged, "
          f"{result.found} found, {result.per_second:.0f}/s, {result.cpu_per_save_ms:.2f} ms CPU a save "
          f"(+{result.server_cpu_per_save_ms:.2f} ms of the server's), "
          f"{len(result.errors)} errors, {len(result.lost)} lost; {result.others_cores:.2f} of {os.cpu_count()} cores busy "
          f"with other work meanwhile, load {result.load:.1f}")
