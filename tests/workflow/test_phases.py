"""Phase windows: the seed's own "9月31日" is refused, never rolled into October."""

from __future__ import annotations

from datetime import date

import pytest

from models.schema import Campaign
from tests.workflow.helpers import ADMIN, JIYUAN_WINDOWS
from workflow.doors.campaigns import advance_campaign, create_campaign
from workflow.doors.users import add_user
from workflow.errors import GuardFailed, InvalidInput
from workflow.statemachine.phases import parse_date, parse_windows


def test_chinese_and_iso_dates() -> None:
    assert parse_date("2022年9月16日", field="f") == date(2022, 9, 16)
    assert parse_date("9月16日", field="f", default_year=2022) == date(2022, 9, 16)
    assert parse_date("2022/10/1", field="f") == date(2022, 10, 1)
    assert parse_date("２０２２-１０-０１", field="f") == date(2022, 10, 1)


@pytest.mark.parametrize("bad", ["9月31日", "2022-09-31", "2023-02-29", "2022-13-01", "明天", ""])
def test_impossible_dates_are_refused_by_name(bad: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_date(bad, field="宣传发动结束", default_year=2022)
    message = str(refused.value)
    assert "宣传发动结束" in message and (bad in message)


def test_seed_schedule_with_its_impossible_date() -> None:
    windows = dict(JIYUAN_WINDOWS, mobilization=("9月16日", "9月31日"))
    with pytest.raises(InvalidInput, match="9月31日"):
        parse_windows(windows, default_year=2022)


def test_backwards_and_overlapping_windows_are_named() -> None:
    with pytest.raises(InvalidInput, match="标准核定.*早于"):
        parse_windows(dict(JIYUAN_WINDOWS, verification=("2022-10-31", "2022-10-16")))
    with pytest.raises(InvalidInput, match="自评整改.*标准核定.*重叠"):
        parse_windows(dict(JIYUAN_WINDOWS, verification=("2022-10-15", "2022-10-31")))
    with pytest.raises(InvalidInput, match="创建提升"):
        parse_windows({k: v for k, v in JIYUAN_WINDOWS.items() if k != "promotion"})


def test_refused_campaign_writes_nothing(db: str) -> None:
    add_user(None, ADMIN.name, "admin")
    with pytest.raises(InvalidInput):
        create_campaign(ADMIN, year=2022, region="济源", title="t", rubric="henan-v2",
                        windows=dict(JIYUAN_WINDOWS, mobilization=("9月16日", "9月31日")))
    assert Campaign.select().count() == 0


def test_advancing_past_the_last_phase_is_refused(db: str) -> None:
    add_user(None, ADMIN.name, "admin")
    c = create_campaign(ADMIN, year=2022, region="济源", title="t", rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    for expected in ("self_evaluation", "verification", "promotion"):
        assert advance_campaign(ADMIN, c.id).phase == expected
    with pytest.raises(GuardFailed, match="最后阶段"):
        advance_campaign(ADMIN, c.id)


def test_campaign_keeps_its_rubric_copy(db: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from rubrics.loader import builtin_rubric
    from workflow.rubric_cache import rubric_of

    source = (tmp_path / "mine.toml")
    from pathlib import Path

    import rubrics

    original = (Path(rubrics.__file__).parent / "builtin" / "henan-v2.toml").read_text(encoding="utf-8")
    source.write_text(original.replace('id = "henan-v2"', 'id = "mine"'), encoding="utf-8")
    add_user(None, ADMIN.name, "admin")
    c = create_campaign(ADMIN, year=2022, region="济源", title="t", rubric=str(source), windows=dict(JIYUAN_WINDOWS))
    source.write_text("garbage = [", encoding="utf-8")
    frozen = rubric_of(Campaign.get_by_id(c.id))
    assert frozen.id == "mine"
    assert frozen.max_total() == builtin_rubric("henan-v2").max_total()


def test_not_found_reads_with_its_key(db: str) -> None:
    from workflow.doors.campaigns import enrol
    from workflow.errors import NotFound

    add_user(None, ADMIN.name, "admin")
    c = create_campaign(ADMIN, year=2022, region="济源", title="t", rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    with pytest.raises(NotFound) as refused:
        enrol(ADMIN, c.id, ["NOPE1"])
    assert "NOPE1" in str(refused.value) and "NOPE1" in refused.value.message("en")
