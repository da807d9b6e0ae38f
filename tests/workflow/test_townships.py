"""The dashboard's township filter (queries.townships): the round's townships, in order, none empty, none
whose schools are all outside the round; the same whether read from the round's schools or from the
township index (a round holding the whole register), on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.workflow.helpers import ADMIN, setup_campaign
from workflow.doors.campaigns import enrol
from workflow.doors.schools import SchoolRow, import_schools
from workflow.reads import queries

ROWS = [SchoolRow("T01", "黄花乡中心小学", "黄花乡", "小学", 11), SchoolRow("T02", "黄花乡二小", "黄花乡", "小学", 12),
        SchoolRow("T03", "香水镇中学", "香水镇", "初中", 13), SchoolRow("T04", "无乡镇学校", "", "小学", 14),
        SchoolRow("T05", "大湾乡小学", "大湾乡", "小学", 15)]


@pytest.mark.parametrize("way", ["round's schools", "township index"])
def test_the_rounds_townships(db: str, way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    campaign = setup_campaign()  # S001-S003 in 城关镇, enrolled
    import_schools(ADMIN, ROWS)
    enrol(ADMIN, campaign.id, ["T01", "T02", "T03", "T04"])  # 大湾乡's one school stays out of the round
    import_schools(ADMIN, [SchoolRow("T06", "城关镇新校", "城关镇", "小学", 16)])  # not enrolled either
    monkeypatch.setattr(queries, "_round_holds_all", lambda _rid: way == "township index")
    walked: list[int] = []
    by_index = queries._townships_by_index  # noqa: SLF001
    monkeypatch.setattr(queries, "_townships_by_index", lambda rid: walked.append(rid) or by_index(rid))
    assert queries.townships(campaign.id) == sorted(["城关镇", "黄花乡", "香水镇"])
    assert bool(walked) == (way == "township index")
    assert queries.townships(campaign.id, scope="T03") == ["香水镇"]  # a school user: its own


def test_the_index_is_walked_for_a_round_of_the_whole_register_only(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "SMALL_ROUND", 1)
    campaign = setup_campaign()
    rid = queries.round_id_of(campaign.id, None)
    assert queries._round_holds_all(rid)  # noqa: SLF001
    import_schools(ADMIN, ROWS[:1])  # a school outside the round
    assert not queries._round_holds_all(rid)  # noqa: SLF001
    assert queries.townships(campaign.id) == ["城关镇"]
