"""Bench case: the round's analysis (workflow.reads.analysis) at province size.

The database is bench.data.campaign_db's (one initial round, 22 verified leaves per school) with
the totals and levels filled in SQL, plus an annual review round of every school (scores copied,
totals moved a little up or down) so the year-over-year movement has work to do. Two timings: the
initial round (leaf losses over every school's scores) and the review round (the same, plus the
movement).

    python -m bench.analysis 1000          # one size, printed; `make bench` runs it with the others
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Case

THRESHOLDS = ((95, 5), (90, 4), (80, 3), (70, 2))  # ningxia-2022


def _level_sql(column: str) -> str:
    cases = " ".join(f"WHEN {column} >= {threshold} THEN {level}" for threshold, level in THRESHOLDS)
    return f"CASE {cases} ELSE NULL END"


def prepare(path: Path, schools: int) -> tuple[int, int, int]:
    """(campaign id, initial round id, review round id) of a fresh database at ``path``."""
    from bench.data import campaign_db
    from models.db import close_database, database, open_database
    from models.schema import Round
    from workflow import clock

    campaign_id = campaign_db(path, schools)
    open_database(str(path))
    try:
        with database.obj.atomic():
            first = int(Round.get(Round.campaign == campaign_id).id)
            database.execute_sql(
                "UPDATE assessment SET verified_total = (SELECT SUM(value) FROM score s WHERE s.assessment_id = "
                "assessment.id AND s.kind = 'verified'), self_total = (SELECT SUM(value) FROM score s WHERE "
                "s.assessment_id = assessment.id AND s.kind = 'self')")
            database.execute_sql(f"UPDATE assessment SET star_level = {_level_sql('verified_total')}, "
                                 "state = 'certified'")
            review = int(Round.insert(campaign=campaign_id, year=2025, kind="review", opened_at=clock.stamp(),
                                      opened_by="bench").execute())
            # Every school reviewed: a total moved by -3..+3 points, its level before kept as prior_level.
            moved = "(a.verified_total + (a.id % 7) - 3)"
            database.execute_sql(
                "INSERT INTO assessment (campaign_id, round_id, school_id, state, version, self_total, verified_total, "
                "star_level, prior_level, provisional, vetoes, entry, updated_by, updated_at) "
                f"SELECT a.campaign_id, {review}, a.school_id, 'certified', 1, a.self_total, {moved}, "
                f"{_level_sql(moved)}, a.star_level, a.provisional, '', 'chosen', 'bench', a.updated_at "
                f"FROM assessment a WHERE a.round_id = {first}")
            database.execute_sql(
                "INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at, carried) "
                "SELECT n.id, s.code, s.kind, s.value, s.evidence, s.entered_by, s.entered_at, FALSE "
                "FROM score s JOIN assessment o ON o.id = s.assessment_id "
                f"JOIN assessment n ON n.school_id = o.school_id AND n.round_id = {review} WHERE o.round_id = {first}")
        if "://" in str(path):
            database.execute_sql("ANALYZE")
    finally:
        close_database()
    return campaign_id, first, review


def bench_analysis(sizes: list[int], repeat: int, tmp: Path) -> Case:
    from bench.run import Case, timed
    from models.db import close_database, open_database
    from workflow.permissions import Actor
    from workflow.reads.analysis import analysis

    case = Case("Round analysis (report analysis: leaf losses over 22 verified leaves, townships, stages, "
                "distribution, near the next level, movement)", "100,000 schools within 5 s")
    admin = Actor("bench-admin", "admin")
    for n in sizes:
        path = tmp / f"analysis{n}.sqlite3"
        campaign_id, first, review = prepare(path, n)
        open_database(str(path))
        try:
            result = analysis(admin, campaign_id, first)
            assert result.verified == n, f"the analysis saw {result.verified} of {n} schools"
            case.add(f"{n:,} initial", timed(partial(analysis, admin, campaign_id, first), repeat),
                     f"{len(result.near)} near shown of {result.near_count}")
            moved = analysis(admin, campaign_id, review).movement
            assert moved is not None, "the review round has no movement"
            case.add(f"{n:,} review", timed(partial(analysis, admin, campaign_id, review), repeat),
                     f"{moved.raised} raised, {moved.kept} kept, {moved.lowered} lowered")
        finally:
            close_database()
    return case


def main(argv: list[str]) -> int:
    import shutil
    import tempfile

    sizes = [int(a) for a in argv] or [1000]
    tmp = Path(tempfile.mkdtemp(prefix="starcampus-bench-analysis-"))
    start = time.perf_counter()
    try:
        bench_analysis(sizes, 3, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"done in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
