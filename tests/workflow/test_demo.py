"""The Jingyuan 2023 demo reproduces the county notice's rating (seed 000)."""

from __future__ import annotations

from decimal import Decimal

from models.schema import Assessment, Round, School
from workflow.audit import verify_chain
from workflow.doors.demo import load_demo
from workflow.reads.queries import star_counts


def _initial(cid: int) -> Round:
    return Round.get((Round.campaign == cid) & (Round.kind == "initial"))


def test_jingyuan_groups_match_the_notice(db: str) -> None:
    cid = load_demo()
    first = _initial(cid)
    rows = {
        a.school.name: a
        for a in Assessment.select(Assessment, School).join(School).where(Assessment.round == first.id)
    }
    assert len(rows) == 13
    by_level: dict[int | None, set[Decimal]] = {}
    for a in rows.values():
        by_level.setdefault(a.star_level, set()).add(a.verified_total)
    assert by_level[2] == {Decimal("71.5"), Decimal("77.5"), Decimal("75"), Decimal("73.5"), Decimal("75.5")}
    assert by_level[3] == {Decimal("80"), Decimal("81"), Decimal("81.5")}
    assert by_level[4] == {Decimal("94.5")}
    assert len(by_level[None]) == 4
    # Sent up for four stars and granted by the region (the demo's upward decision).
    assert (rows["泾源县城关第一小学"].state, rows["泾源县城关第一小学"].upward_granted) == ("certified", True)
    assert rows["新民乡中心小学"].state == "certified"
    assert {a.state for a in rows.values() if a.star_level is None} == {"not_rated"}
    counts = {s.level if s else None: n for s, n in star_counts(cid, round_id=first.id)}
    assert counts == {2: 5, 3: 3, 4: 1, 5: 0, None: 4}
    assert verify_chain().ok


def test_self_scores_never_decide_the_star(db: str) -> None:
    cid = load_demo()
    a = Assessment.select().join(School).where(
        (Assessment.round == _initial(cid).id) & (School.name == "新民乡中心小学")).get()
    # The demo's self score is 3 points higher (74.5) but the level comes from 71.5.
    assert a.self_total == Decimal("74.5")
    assert a.star_level == 2


def test_this_years_review_is_under_way(db: str) -> None:
    """A newcomer's first screen is this year's work: a review round with applications, one school
    carried, one raised (when the clock is past the campaign's year, as it is outside tests)."""
    from workflow import clock
    from workflow.permissions import Actor
    from workflow.reads.history import school_rounds

    cid = load_demo()
    if clock.today().year <= 2023:  # a test pinning the clock into 2023 gets the 2023 rating only
        assert Round.select().where(Round.campaign == cid).count() == 1
        return
    review = Round.get((Round.campaign == cid) & (Round.kind == "review"))
    assert review.year == clock.today().year
    assert review.window_start <= clock.today() <= review.window_end
    states = {a.school.code: (a.state, a.entry) for a in Assessment.select(Assessment, School).join(School)
              .where(Assessment.round == review.id)}
    assert states == {"640424001": ("re_reviewing", "chosen"), "640424002": ("re_reviewing", "chosen"), "640424006": ("promotion_applied", "applied"),
                      "640424007": ("re_reviewing", "applied"), "640424010": ("certified", "applied")}
    assert [h.outcome for h in school_rounds(Actor("v", "viewer"), "640424010")] == ["initial", "raised"]
