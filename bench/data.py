"""Synthetic province-sized data for the benchmarks, written in bulk (not through the door:
these rows are test load, and the door's per-change audit is measured separately).

Every builder takes a target: a SQLite path or a postgresql:// URL (an empty database), so each
case can run on both backends from the same rows.
"""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from models.db import close_database, database, open_database
from rubrics.loader import builtin_rubric, rubric_to_dict
from rubrics.scoring import star_for
from workflow import clock
from workflow.doors.bulk_copy import copy_rows

TOWNS = ["城关镇", "新民乡", "泾河源镇", "兴盛乡", "六盘山镇", "大湾乡", "黄花乡", "香水镇"]
STAGES = ["小学", "初中", "高中", "九年一贯制", "完全中学"]
AUDIT_ACTIONS = ["score.self", "score.self", "score.verified", "narrative.save", "problem.add"]


def school_name(i: int) -> str:
    """Names like the demo's register: a township, a number and a stage (城关镇第12小学)."""
    return f"{TOWNS[i % len(TOWNS)][:-1]}第{i}{STAGES[i % len(STAGES)]}"


def school_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校代码", "学校名称", "乡镇", "学段"])
        for i in range(count):
            writer.writerow([f"P{i:07d}", school_name(i), TOWNS[i % len(TOWNS)], STAGES[i % len(STAGES)]])
    return path


def score_csv(path: Path, count: int, rubric_id: str = "ningxia-2022") -> Path:
    """学校代码,指标代码,分值 for every leaf of ``count`` schools (the campaign_db codes)."""
    rubric = builtin_rubric(rubric_id)
    leaves = [leaf for leaf in rubric.leaves() if leaf.code not in rubric.bonus_leaf_codes()]
    rng = random.Random(3)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校代码", "指标代码", "分值"])
        for i in range(count):
            for leaf in leaves:
                writer.writerow([f"P{i:07d}", leaf.code, str(Decimal(rng.randint(0, int(leaf.max_score * 2))) / 2)])
    return path


def _school_rows(schools: int) -> Iterator[tuple[object, ...]]:
    for i in range(schools):
        yield f"P{i:07d}", school_name(i), TOWNS[i % len(TOWNS)], STAGES[i % len(STAGES)], i


def campaign_db(target: str | Path, schools: int, *, rubric_id: str = "ningxia-2022", state: str = "verified",
                seed: int = 1, audit_per_school: int = 0, enrolled: bool = True, scored: bool = True) -> int:
    """A database with one campaign (one initial round), ``schools`` schools and a full set of
    self+verified leaves each; ``audit_per_school`` audit rows per school, interleaved in time
    as officers' work is (so a school's history is spread over the whole log). ``scored=False``
    leaves the score rows out (the assessments keep their totals): a sheet is to be imported into
    it, and 22 M score rows are most of a 500,000-school build."""
    from models.schema import Campaign, Round

    open_database(str(target))
    if "://" not in str(target):  # test load: no journal while it is written (2.5 GB at 500,000 schools)
        database.execute_sql("PRAGMA journal_mode=OFF")
        database.execute_sql("PRAGMA synchronous=OFF")
    rubric = builtin_rubric(rubric_id)
    leaves = [leaf for leaf in rubric.leaves() if leaf.code not in rubric.bonus_leaf_codes()]
    now = clock.stamp()
    with database.obj.atomic():
        from workflow.doors.users import os_login

        copy_rows("user", ("name", "display_name", "role", "disabled", "ssh_key"),
                  [(name, "", "admin", False, "") for name in sorted({"bench-admin", os_login()})])
        copy_rows("school", ("code", "name", "township", "stage", "display_order"), _school_rows(schools))
        windows = {"mobilization": ["2024-09-01", "2024-09-30"], "self_evaluation": ["2024-10-01", "2024-10-15"],
                   "verification": ["2024-10-16", "2024-10-31"], "promotion": ["2024-11-01", "2025-12-31"]}
        campaign_id = int(Campaign.insert(
            year=2024, region="全省", title="全省2024年智慧校园星级评定", organ="省教育厅", rubric_id=rubric.id,
            rubric_json=json.dumps(rubric_to_dict(rubric), ensure_ascii=False), phase="verification",
            windows_json=json.dumps(windows), publicity_days=5, created_at=now).execute())
        round_id = int(Round.insert(campaign=campaign_id, year=2024, kind="initial", opened_at=now,
                                    opened_by="bench").execute())
        if enrolled:
            def sheets() -> Iterator[list[tuple[str, float, float]]]:
                # The same draws twice (one seed): totals and levels first, the score rows after.
                rng = random.Random(seed)
                for _aid in range(schools):
                    quality = rng.random()
                    sheet = []
                    for leaf in leaves:
                        steps = int(leaf.max_score * 2)
                        verified = Decimal(min(steps, int(steps * quality + rng.randint(0, 2)))) / 2
                        mine = min(leaf.max_score, verified + Decimal("0.5"))
                        sheet.append((leaf.code, float(mine), float(verified)))
                    yield sheet

            def assessments() -> Iterator[tuple[object, ...]]:
                for i, sheet in enumerate(sheets()):
                    mine = sum((Decimal(str(m)) for _c, m, _v in sheet), Decimal(0))
                    verified = sum((Decimal(str(v)) for _c, _m, v in sheet), Decimal(0))
                    star = star_for(rubric, verified)
                    yield (campaign_id, round_id, i + 1, state, 1, True, "", "bench", now, float(mine), float(verified),
                           star.level if star else None)

            copy_rows("assessment", ("campaign_id", "round_id", "school_id", "state", "version", "provisional", "vetoes",
                                     "updated_by", "updated_at", "self_total", "verified_total", "star_level"),
                      assessments())

            def scores() -> Iterator[tuple[object, ...]]:
                for aid, sheet in enumerate(sheets(), 1):
                    for code, mine, verified in sheet:
                        yield aid, code, "self", mine, "", "bench", now
                        yield aid, code, "verified", verified, "", "bench", now

            if scored:
                copy_rows("score", ("assessment_id", "code", "kind", "value", "evidence", "entered_by", "entered_at"),
                          scores())

            def audit() -> Iterator[tuple[object, ...]]:
                seq = 0
                fake = "0" * 64
                for k in range(audit_per_school):
                    action = AUDIT_ACTIONS[k % len(AUDIT_ACTIONS)]
                    for i in range(schools):
                        seq += 1
                        # "facts" as real rows carry them: without, the first command run on the
                        # database writes an audit checkpoint of everything (1.4 GB at 100,000 schools).
                        payload = json.dumps({"code": leaves[k % len(leaves)].code, "value": str(k % 3),
                                              "facts": {}})
                        yield (seq, now, "bench", action, campaign_id, i + 1, f"P{i:07d}", "", "", "", payload,
                               fake, fake, "")

            copy_rows("audit_event", ("seq", "at", "actor", "action", "campaign_id", "assessment_id", "school_code",
                                      "from_state", "to_state", "reason", "payload", "prev_hash", "hash", "seal"), audit())
    if "://" in str(target):
        database.execute_sql("ANALYZE")
    else:
        database.execute_sql("PRAGMA journal_mode=WAL")
    close_database()
    return campaign_id
