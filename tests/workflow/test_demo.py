"""The Jingyuan 2023 demo reproduces the county notice's rating (seed 000)."""

from __future__ import annotations

from decimal import Decimal

from models.schema import Assessment, School
from workflow.audit import verify_chain
from workflow.doors.demo import load_demo
from workflow.reads.queries import star_counts


def test_jingyuan_groups_match_the_notice(db: str) -> None:
    cid = load_demo()
    rows = {
        a.school.name: a
        for a in Assessment.select(Assessment, School).join(School).where(Assessment.campaign == cid)
    }
    assert len(rows) == 13
    by_level: dict[int | None, set[Decimal]] = {}
    for a in rows.values():
        by_level.setdefault(a.star_level, set()).add(a.verified_total)
    assert by_level[2] == {Decimal("71.5"), Decimal("77.5"), Decimal("75"), Decimal("73.5"), Decimal("75.5")}
    assert by_level[3] == {Decimal("80"), Decimal("81"), Decimal("81.5")}
    assert by_level[4] == {Decimal("94.5")}
    assert len(by_level[None]) == 4
    assert rows["泾源县城关第一小学"].state == "recommended"
    assert rows["新民乡中心小学"].state == "certified"
    assert {a.state for a in rows.values() if a.star_level is None} == {"not_rated"}
    counts = {s.level if s else None: n for s, n in star_counts(cid)}
    assert counts == {2: 5, 3: 3, 4: 1, 5: 0, None: 4}
    assert verify_chain().ok


def test_self_scores_never_decide_the_star(db: str) -> None:
    cid = load_demo()
    a = Assessment.select().join(School).where(
        (Assessment.campaign == cid) & (School.name == "新民乡中心小学")).get()
    # The demo's self score is 3 points higher (74.5) but the level comes from 71.5.
    assert a.self_total == Decimal("74.5")
    assert a.star_level == 2
