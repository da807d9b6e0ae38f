"""Bench case: many regions on one server (issue 15, "Scale").

A province (100 counties x 300 schools = 30,000) and, with ``--nation``, a nation (3,000 counties,
500,000 schools), each county with its own campaign, written in bulk like bench/data.py (raw
inserts: the rows are test load). Measured on each:

- the province summary: ``region_status`` for the province (one row per city), as its officer's
  ``status --by-region`` and the region screen read it;
- a county admin's dashboard first page: its campaign list (``campaign_list``, scoped by the
  campaign's region index), the counts (``state_counts``, ``star_counts``) and the first page of
  schools (``queries.school_rows``, 100 rows) with the list's count, for the last county;

beside the same dashboard on a lone county's database of the same county size (the baseline: a
county admin on the shared server should wait no longer than on its own laptop).

    python -m bench.regions            # province size, SQLite (and PostgreSQL with STARCAMPUS_BENCH_PG)
    python -m bench.regions --nation   # 3,000 counties, 500,000 schools too
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.run import Backend, Case

PROVINCE = (100, 30_000)  # counties, schools
NATION = (3_000, 500_000)
CITIES_PER_PROVINCE = 10
COUNTIES_PER_CITY = 10
PAGE = 100  # tui/widgets/school_table.py's page
# Part-way through the year: most schools still at work, some verified or settled.
STATES = ["enrolled", "self_evaluating", "rectifying", "submitted", "verifying", "verified", "publicized",
          "certified", "not_rated"]
WEIGHTS = [5, 20, 10, 15, 10, 15, 5, 15, 5]
SCORED = {"verified", "publicized", "certified", "not_rated"}


def county_codes(counties: int) -> list[str]:
    """GB/T 2260-shaped codes: provinces from 11, ten cities each, ten counties a city (110101...)."""
    per_province = CITIES_PER_PROVINCE * COUNTIES_PER_CITY
    return [f"{11 + i // per_province}{(i % per_province) // COUNTIES_PER_CITY + 1:02d}{i % COUNTIES_PER_CITY + 1:02d}"
            for i in range(counties)]


def region_db(target: str | Path, counties: int, schools: int, *, seed: int = 5) -> list[str]:
    """An empty database at ``target`` filled with ``counties`` counties (their cities and provinces
    registered), ``schools`` schools shared out among them, and one 2024 campaign per county with its
    schools enrolled. The county codes, in order (campaign k and its round are county k's)."""
    from bench.data import STAGES, TOWNS, school_name
    from models.db import close_database, database, open_database
    from rubrics.loader import builtin_rubric, rubric_to_dict
    from rubrics.scoring import star_for
    from workflow import clock
    from workflow.doors.bulk_copy import copy_rows

    codes = county_codes(counties)
    sizes = [schools // counties + (1 if i < schools % counties else 0) for i in range(counties)]
    open_database(str(target))
    if "://" not in str(target):
        database.execute_sql("PRAGMA journal_mode=OFF")
        database.execute_sql("PRAGMA synchronous=OFF")
    rubric = builtin_rubric("henan-v2")
    frozen = json.dumps(rubric_to_dict(rubric), ensure_ascii=False)
    windows = json.dumps({"mobilization": ["2024-09-01", "2024-09-30"], "self_evaluation": ["2024-10-01", "2024-10-15"],
                          "verification": ["2024-10-16", "2024-10-31"], "promotion": ["2024-11-01", "2025-12-31"]})
    now = clock.stamp()
    rng = random.Random(seed)
    with database.obj.atomic():
        copy_rows("user", ("name", "display_name", "role", "disabled", "ssh_key"), [("bench-admin", "", "admin", False, "")])
        provinces = sorted({c[:2] for c in codes})
        cities = sorted({c[:4] for c in codes})
        copy_rows("region", ("code", "name", "parent_code"),
                  [(p, f"省{p}", "") for p in provinces] + [(c, f"市{c}", c[:2]) for c in cities]
                  + [(c, f"县{c}", c[:4]) for c in codes])

        def school_rows() -> Iterator[tuple[object, ...]]:
            for county, size in zip(codes, sizes, strict=True):
                for k in range(size):  # each county's own register: display order 1..n, as an import gives
                    yield (f"{county}{k:05d}", school_name(k), TOWNS[k % len(TOWNS)], STAGES[k % len(STAGES)], k + 1,
                           county)

        copy_rows("school", ("code", "name", "township", "stage", "display_order", "region_code"), school_rows())
        copy_rows("campaign", ("year", "region", "title", "organ", "rubric_id", "rubric_json", "phase", "windows_json",
                               "publicity_days", "created_at", "region_code"),
                  ((2024, f"县{c}", f"县{c}2024年智慧校园星级评定", "教育局", rubric.id, frozen, "verification", windows, 5,
                    now, c) for c in codes))
        copy_rows("campaign_round", ("campaign_id", "year", "kind", "opened_at", "opened_by"),
                  ((k, 2024, "initial", now, "bench") for k in range(1, counties + 1)))

        def assessments() -> Iterator[tuple[object, ...]]:
            school_id = 0
            for k, size in enumerate(sizes, 1):
                for _ in range(size):
                    school_id += 1
                    state = rng.choices(STATES, WEIGHTS)[0]
                    total = Decimal(rng.randint(120, 200)) / 2 if state in SCORED else None
                    star = star_for(rubric, total) if total is not None else None
                    yield (k, k, school_id, state, 1, False, "", "bench", now, None,
                           float(total) if total is not None else None, star.level if star else None)

        copy_rows("assessment", ("campaign_id", "round_id", "school_id", "state", "version", "provisional", "vetoes",
                                 "updated_by", "updated_at", "self_total", "verified_total", "star_level"),
                  assessments())
    database.execute_sql("ANALYZE")
    if "://" not in str(target):
        database.execute_sql("PRAGMA journal_mode=WAL")
    close_database()
    return codes


def dashboard_first_page(county: str) -> int:
    """What a county admin's dashboard reads before it shows anything: its campaigns, the newest
    one's counts, the first page of schools and the list's length. The rows read."""
    from workflow.permissions import Actor
    from workflow.reads import queries
    from workflow.reads.campaign_status import campaign_list

    campaign_id = campaign_list(Actor(f"admin-{county}", "admin", region_code=county))[0].id
    queries.state_counts(campaign_id)
    queries.star_counts(campaign_id)
    rows = queries.school_rows(campaign_id, limit=PAGE)
    queries.count_rows(campaign_id)  # the list's length (its scroll bar)
    return len(rows)


def province_summary(province: str) -> int:
    from workflow.permissions import Actor
    from workflow.reads.region_status import region_status

    status = region_status(Actor(f"viewer-{province}", "viewer", region_code=province), province)
    return status.total.schools


def nation_summary() -> int:
    from workflow.permissions import Actor
    from workflow.reads.region_status import region_status

    return region_status(Actor("bench-admin", "admin")).total.schools


INNER = 5  # runs of each read per opening of a database (one opening's cache state is not the story)


def _once(action: Callable[[], object], runs: int = INNER) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def ms(runs: list[float]) -> str:
    return f"{statistics.median(runs) * 1000:.1f} ms"


def measure(make: Callable[[str], str], counties: int, schools: int, repeat: int) -> list[list[str]]:
    """Rows: (size, what, median, lone county's median, ratio) for one backend at one size. The shared
    and the lone database take turns, run by run, so a busy machine slows both alike."""
    from models.db import close_database, open_database

    shared = make(f"regions{counties}")
    codes = region_db(shared, counties, schools)
    per_county = schools // counties
    lone = make(f"lone{counties}")
    lone_code = region_db(lone, 1, per_county)[0]
    province, county = codes[0][:2], codes[-1]
    found: dict[str, list[float]] = {"summary": [], "county": [], "page": [], "lone": [], "lone_page": []}
    for _ in range(repeat):
        open_database(shared)
        try:
            province_summary(province)  # warm: the first read fills the page cache, parses the rubric
            dashboard_first_page(county)
            # The county's reads first: a summary read just before would leave the cache as no county
            # admin finds it (the lone county's database has no such neighbour).
            found["county"].extend(_once(lambda: dashboard_first_page(county)))
            found["page"].extend(_once(lambda: _first_page_only(county)))
            found["summary"].extend(_once(lambda: province_summary(province)))
            if counties > CITIES_PER_PROVINCE * COUNTIES_PER_CITY:  # a nation: its whole-server summary too
                found.setdefault("nation", []).extend(_once(nation_summary, 1))
        finally:
            close_database()
        open_database(lone)
        try:
            dashboard_first_page(lone_code)
            found["lone"].extend(_once(lambda: dashboard_first_page(lone_code)))
            found["lone_page"].extend(_once(lambda: _first_page_only(lone_code)))
        finally:
            close_database()
    size = f"{counties:,} counties, {schools:,} schools"
    province_schools = min(schools, CITIES_PER_PROVINCE * COUNTIES_PER_CITY * per_county)
    return [[size, f"province summary (region_status, {province_schools:,} schools)", ms(found["summary"]), "—", "—"],
            [size, "county admin's dashboard first page (campaigns, counts, 100 rows)", ms(found["county"]),
             ms(found["lone"]), _ratio(found["county"], found["lone"])],
            [size, "of which its campaign list and queries.school_rows (100 rows)", ms(found["page"]),
             ms(found["lone_page"]), _ratio(found["page"], found["lone_page"])]] + (
            [[size, f"whole-server summary (region_status, one row a province, {schools:,} schools)",
              ms(found["nation"]), "—", "—"]] if "nation" in found else [])


def _first_page_only(county: str) -> int:
    from workflow.permissions import Actor
    from workflow.reads import queries
    from workflow.reads.campaign_status import campaign_list

    campaign_id = campaign_list(Actor(f"admin-{county}", "admin", region_code=county))[0].id
    return len(queries.school_rows(campaign_id, limit=PAGE))


def _ratio(ours: list[float], base: list[float]) -> str:
    b = statistics.median(base)
    return f"{statistics.median(ours) / b:.2f}×" if b else "—"


HEADERS = ["size", "backend", "what", "median", "lone county", "ratio"]


def bench_regions(repeat: int, backends: list[Backend], *, nation: bool = False, smoke: bool = False) -> Case:
    """The case for bench/run.py: the province (and with ``nation`` the nation) on every backend."""
    from bench.run import Case

    case = Case("Many regions on one server (issue 15; bench/regions.py)",
                "province summary ≤ 1 s; a county admin's dashboard at national size as fast as a lone county's",
                "the summary's one GROUP BY over the province's assessments; the county's reads use the campaign's "
                "region index and its round's (round, school) index, so the other counties' rows are never read",
                HEADERS)
    sizes = [(10, 3_000)] if smoke else [PROVINCE] + ([NATION] if nation else [])
    for counties, schools in sizes:
        for backend in backends:
            if schools > max(backend.max_size, PROVINCE[1]) and not nation:  # the province always
                continue
            for row in measure(backend.make, counties, schools, repeat):
                case.add(row[0], backend.label, *row[1:])
    return case


def ssd_database(url: str) -> str:
    """``url``'s database planning as on SSD (random_page_cost 1.1 instead of 4): the server's default
    prices an index probe so high that a county's 300 schools are joined by hashing every school."""
    import psycopg2

    from bench import pg

    conn = psycopg2.connect(pg.server())
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f'ALTER DATABASE "{url.rsplit("/", 1)[1]}" SET random_page_cost = 1.1')
    conn.close()
    return url


def main(argv: list[str] | None = None) -> int:
    from bench import pg

    parser = argparse.ArgumentParser()
    parser.add_argument("--nation", action="store_true", help="also 3,000 counties, 500,000 schools")
    parser.add_argument("--no-pg", action="store_true", help="SQLite only")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="10 counties, 3,000 schools, one run")
    parser.add_argument("--pg-ssd", action="store_true",
                        help="PostgreSQL also with random_page_cost = 1.1 (the usual setting on SSD)")
    args = parser.parse_args(argv)
    from bench.run import Backend, markdown

    tmp = Path(tempfile.mkdtemp(prefix="starcampus-bench-regions-"))
    backends = [] if args.no_sqlite else [Backend("SQLite", lambda name: str(tmp / f"{name}.sqlite3"), NATION[1])]
    if pg.server() and not args.no_pg:
        backends.append(Backend("PostgreSQL", lambda name: str(pg.fresh_database(name)), NATION[1]))
        if args.pg_ssd:
            backends.append(Backend("PostgreSQL, random_page_cost 1.1",
                                    lambda name: ssd_database(str(pg.fresh_database(f"ssd{name}"))), NATION[1]))
    try:
        case = bench_regions(1 if args.smoke else args.repeat, backends, nation=args.nation, smoke=args.smoke)
        print(markdown([case], args.smoke, []))
    finally:
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)
        pg.drop_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
