"""Bench case: ``audit verify`` with replay over a long audit log (issue 12: 1,000,000 rows within 60 s).

The database is bench.data.campaign_db's (schools with 22 self and 22 verified leaves each). Its
audit log is then written as the doors would have left it: each school's ``events`` rows, each
carrying the facts its write left (workflow/audit_facts.py), hash-chained, interleaved across schools
as officers work.
The first row of a school holds its whole sheet; each later one, like a real score save, holds the
school's own facts and the one score it changed (``sd``). The rows are made here in bulk, not through the door one by one, so a million take minutes to
write instead of hours; verify then reads them exactly as it reads a real log.

    python -m bench.audit_replay 20000 50 [--sealed]    # schools, events per school: 1,000,000 rows
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path


def build(path: Path, schools: int, events: int, key: bytes | None = None) -> int:
    """The database and its audit log; the number of audit rows."""
    from bench.data import campaign_db
    from models.db import close_database, database, open_database
    from models.schema import Assessment
    from workflow.audit_chain import GENESIS, row_hash
    from workflow.audit_facts import assessment_facts, round_facts, score_facts
    from workflow.audit_key import seal_of

    campaign_db(path, schools)
    open_database(str(path))
    try:
        database.execute_sql("DELETE FROM audit_event")  # the generator's own rows carry no facts
        ids = [aid for (aid,) in Assessment.select(Assessment.id).order_by(Assessment.id).tuples()]
        first: dict[int, str] = {}  # each school's first row: its whole sheet, as enrolment and the first save leave it
        changes: dict[int, list[str]] = {}  # then one score save a row, each naming the score it changed
        for start in range(0, len(ids), 2000):
            chunk = ids[start:start + 2000]
            a, s = assessment_facts(chunk), score_facts(chunk)
            for aid in chunk:
                name = str(aid)
                facts = {"a": {name: a[name]}, "s": {name: s[name]}, "n": {name: {}}}
                if aid == ids[0]:
                    facts["r"] = round_facts()  # the campaign's rounds, as its creation's row leaves them
                first[aid] = json.dumps({"facts": facts}, ensure_ascii=False, sort_keys=True)
                leaves = sorted(s[name]["verified"].items())
                changes[aid] = [json.dumps({"facts": {"a": {name: a[name]}, "sd": {name: {"verified": {code: held}}}},
                                            "scores": {code: [None, held[0]]}}, ensure_ascii=False, sort_keys=True)
                                for code, held in leaves]
        prev, seq, batch = GENESIS, 0, []
        columns = ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code", "from_state",
                   "to_state", "reason", "payload", "prev_hash", "hash", "seal")
        marks = ", ".join([database.obj.param] * len(columns))
        insert = f"INSERT INTO audit_event ({', '.join(columns)}) VALUES ({marks})"
        with database.obj.atomic():
            for _round in range(events):
                for aid in ids:
                    seq += 1
                    row = {"seq": seq, "at": "2023-09-01T10:00:00+08:00", "actor": "bench-expert",
                           "action": "score.verified", "campaign_id": 1, "assessment_id": aid,
                           "school_code": "", "from_state": "verified", "to_state": "verified", "reason": "",
                           "payload": first[aid] if _round == 0 else
                           changes[aid][_round % len(changes[aid])], "prev_hash": prev}
                    row["hash"] = row_hash(row)
                    row["seal"] = seal_of(key, row["hash"]) if key else ""
                    prev = row["hash"]
                    batch.append(tuple(row[c] for c in columns))
                    if len(batch) >= 5000:
                        database.obj.cursor().executemany(insert, batch)
                        batch = []
            if batch:
                database.obj.cursor().executemany(insert, batch)
        return seq
    finally:
        close_database()


def run(schools: int, events: int, sealed: bool = False) -> dict[str, float]:
    import os

    from models.db import close_database, open_database
    from workflow.audit import verify_chain
    from workflow.audit_key import create_key, load_key

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["STARCAMPUS_AUDIT_KEY_FILE"] = str(Path(tmp) / "keys" / "audit.key")
        if sealed:
            create_key()  # every row sealed, so verify checks an HMAC a row too
        path = Path(tmp) / "replay.sqlite3"
        rows = build(path, schools, events, load_key())
        open_database(str(path))
        try:
            start = time.perf_counter()
            report = verify_chain()
            seconds = time.perf_counter() - start
        finally:
            close_database()
        if not report.ok:
            raise SystemExit(report.details("en"))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return {"rows": rows, "seconds": seconds, "rows_per_second": rows / seconds, "peak_mb": peak,
                "sealed": report.sealed}


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a != "--sealed"]
    schools = int(numbers[0]) if numbers else 2000
    events = int(numbers[1]) if len(numbers) > 1 else 50
    print(json.dumps(run(schools, events, "--sealed" in sys.argv)))
