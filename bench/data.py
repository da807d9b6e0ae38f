"""Synthetic province-sized data for the benchmarks, written in bulk (not through the door:
these rows are test load, and the door's per-change audit is measured separately)."""

from __future__ import annotations

import csv
import json
import random
from decimal import Decimal
from pathlib import Path

from models.db import close_database, database, open_database
from rubrics.loader import builtin_rubric, rubric_to_dict
from workflow import clock

TOWNS = ["城关镇", "新民乡", "泾河源镇", "兴盛乡", "六盘山镇", "大湾乡", "黄花乡", "香水镇"]
STAGES = ["小学", "初中", "高中", "九年一贯制", "完全中学"]


def school_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["学校代码", "学校名称", "乡镇", "学段"])
        for i in range(count):
            writer.writerow([f"P{i:07d}", f"第{i}号学校", TOWNS[i % len(TOWNS)], STAGES[i % len(STAGES)]])
    return path


def campaign_db(path: Path, schools: int, *, rubric_id: str = "ningxia-2022", state: str = "verified",
                seed: int = 1) -> int:
    """A database with one campaign, ``schools`` schools and a full set of self+verified leaves each."""
    open_database(str(path))
    rubric = builtin_rubric(rubric_id)
    leaves = [leaf for leaf in rubric.leaves() if leaf.code not in rubric.bonus_leaf_codes()]
    rng = random.Random(seed)
    now = clock.stamp()
    conn = database.obj
    with conn.atomic():
        from workflow.doors.users import os_login

        for name in {"bench-admin", os_login()}:
            conn.execute_sql("INSERT INTO \"user\" (name, display_name, role, disabled, ssh_key) "
                             "VALUES (?, '', 'admin', 0, '')", (name,))
        conn.cursor().executemany(
            "INSERT INTO school (code, name, township, stage, display_order) VALUES (?, ?, ?, ?, ?)",
            [(f"P{i:07d}", f"第{i}号学校", TOWNS[i % len(TOWNS)], STAGES[i % len(STAGES)], i)
             for i in range(schools)])
        windows = {"mobilization": ["2024-09-01", "2024-09-30"], "self_evaluation": ["2024-10-01", "2024-10-15"],
                   "verification": ["2024-10-16", "2024-10-31"], "promotion": ["2024-11-01", "2025-12-31"]}
        cursor = conn.execute_sql(
            "INSERT INTO campaign (year, region, title, organ, rubric_id, rubric_json, phase, windows_json, "
            "publicity_days, created_at) VALUES (2024, '全省', '全省2024年智慧校园星级评定', '省教育厅', ?, ?, "
            "'verification', ?, 5, ?)",
            (rubric.id, json.dumps(rubric_to_dict(rubric), ensure_ascii=False), json.dumps(windows), now))
        campaign_id = int(cursor.lastrowid)
        conn.cursor().executemany(
            "INSERT INTO assessment (campaign_id, school_id, state, version, provisional, vetoes, updated_by, "
            "updated_at) VALUES (?, ?, ?, 1, 1, '', 'bench', ?)",
            [(campaign_id, i + 1, state, now) for i in range(schools)])
        batch: list[tuple[object, ...]] = []
        for aid in range(1, schools + 1):
            quality = rng.random()
            for leaf in leaves:
                steps = int(leaf.max_score * 2)
                verified = Decimal(min(steps, int(steps * quality + rng.randint(0, 2)))) / 2
                mine = min(leaf.max_score, verified + Decimal("0.5"))
                batch.append((aid, leaf.code, "self", float(mine), "bench", now))
                batch.append((aid, leaf.code, "verified", float(verified), "bench", now))
            if len(batch) > 50000:
                conn.cursor().executemany(
                    "INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at) "
                    "VALUES (?, ?, ?, ?, '', ?, ?)", batch)
                batch = []
        if batch:
            conn.cursor().executemany(
                "INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at) "
                "VALUES (?, ?, ?, ?, '', ?, ?)", batch)
    close_database()
    return campaign_id
