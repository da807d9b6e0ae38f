"""The dashboard's filter reads on one database, a text at a time: the count (queries.count_rows) and
the first page (queries.school_rows, 100 rows), with the client's CPU and, on PostgreSQL, the
server's (the backend's utime+stime from /proc, 10 ms ticks: the leader only when the plan is
parallel, so it is a lower bound; the server must run on this machine).

    .venv/bin/python -m bench.filter_counts DB [ROUNDS]

DB is a database bench/data.py's campaign_db built (a SQLite path or a postgresql:// URL, its
password in PGPASSWORD); campaign 1. Prints a markdown table: medians (min-max) over ROUNDS rounds,
each process warmed by one run of each text first.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

TEXTS = ["城", "一", "1", "P0", "12", "城关", "城关镇", "第9"]


def _server_cpu(postgres: bool) -> float:
    if not postgres:
        return 0.0
    from models.db import database

    pid = database.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str]) -> None:
    from models.db import open_database
    from workflow.reads import queries

    target, rounds = argv[0], int(argv[1]) if len(argv) > 1 else 7
    postgres = "://" in target
    open_database(target)
    for text in TEXTS:
        queries.count_rows(1, text=text)
        queries.school_rows(1, text=text, limit=100)
    count: dict[str, list[float]] = {t: [] for t in TEXTS}
    client: dict[str, list[float]] = {t: [] for t in TEXTS}
    server: dict[str, list[float]] = {t: [] for t in TEXTS}
    page: dict[str, list[float]] = {t: [] for t in TEXTS}
    found: dict[str, int] = {}
    loads = []
    for _ in range(rounds):
        loads.append(os.getloadavg()[0])
        for text in TEXTS:
            s0, c0, w0 = _server_cpu(postgres), time.process_time(), time.perf_counter()
            found[text] = queries.count_rows(1, text=text)
            w1, c1, s1 = time.perf_counter(), time.process_time(), _server_cpu(postgres)
            queries.school_rows(1, text=text, limit=100)
            page[text].append((time.perf_counter() - w1) * 1000)
            count[text].append((w1 - w0) * 1000)
            client[text].append((c1 - c0) * 1000)
            server[text].append((s1 - s0) * 1000)

    def spread(runs: list[float]) -> str:
        return f"{statistics.median(runs):.0f} ({min(runs):.0f}-{max(runs):.0f})"

    print(f"{'PostgreSQL' if postgres else 'SQLite'}, {rounds} rounds, load average {min(loads):.1f}-{max(loads):.1f}")
    print("| filter | schools found | count (ms) | client CPU (ms) | server CPU (ms) | first page (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for text in TEXTS:
        print(f"| {text} | {found[text]:,} | {spread(count[text])} | {statistics.median(client[text]):.0f} | "
              f"{statistics.median(server[text]):.0f} | {spread(page[text])} |")


if __name__ == "__main__":
    main(sys.argv[1:])
