"""The dashboard's township list (queries.townships) A/B: the round's schools joined to their townships (the
old read) against the township index walked a township at a time (the new), alternating in one process,
with each one's CPU time and, on PostgreSQL, the server's (bench/filter_counts.py's reading of /proc).

    .venv/bin/python -m bench.townships DB [ROUNDS]

DB is a database bench/data.py's campaign_db built (a SQLite path, a copy: the schema is brought up to
date on open, or a postgresql:// URL); campaign 1. Prints medians (min-max) and the load.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable

from bench.filter_counts import _server_cpu


def old_townships(campaign_id: int) -> list[str]:
    from models.schema import Assessment, School
    from workflow.reads.queries import round_id_of

    query = (School.select(School.township).join(Assessment).where(Assessment.round == round_id_of(campaign_id, None))
             .distinct().order_by(School.township).tuples())
    return [r[0] for r in query if r[0]]


def main(argv: list[str]) -> None:
    from models.db import open_database
    from workflow.reads import queries

    target, rounds = argv[0], int(argv[1]) if len(argv) > 1 else 9
    postgres = "://" in target
    open_database(target)
    ways: dict[str, Callable[[int], list[str]]] = {"old (join)": old_townships, "new (index)": queries.townships}
    results = {name: way(1) for name, way in ways.items()}  # warm both
    assert results["old (join)"] == results["new (index)"], results
    wall: dict[str, list[float]] = {name: [] for name in ways}
    cpu: dict[str, list[float]] = {name: [] for name in ways}
    server: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(rounds):
        for name, way in ways.items():
            s0, c0, w0 = _server_cpu(postgres), time.process_time(), time.perf_counter()
            way(1)
            wall[name].append(time.perf_counter() - w0)
            cpu[name].append(time.process_time() - c0)
            server[name].append(_server_cpu(postgres) - s0)
    print(f"{target}: {len(results['old (join)'])} townships, {rounds} rounds alternating, load {os.getloadavg()}")
    print("| read | wall ms | client CPU ms | server CPU ms |\n|---|---|---|---|")
    for name in ways:
        cells = [f"{statistics.median(v) * 1000:.1f} ({min(v) * 1000:.1f}-{max(v) * 1000:.1f})"
                 for v in (wall[name], cpu[name], server[name])]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
