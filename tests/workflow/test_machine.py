"""The machine does the work: what is offered is what its conditions allow, the reason is asked when
an event fires, and calls on the one shared Machine never see each other's school."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from models.schema import Assessment, AuditEvent, Campaign
from rubrics.loader import builtin_rubric
from tests.workflow.helpers import ADMIN, EXPERT, SCHOOL_A, assessment, setup_campaign
from workflow.doors.demo import spread
from workflow.doors.scores import set_scores
from workflow.errors import GuardFailed, InvalidInput
from workflow.i18n import Label
from workflow.permissions import Actor
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import EVENTS
from workflow.statemachine.events import fire, options
from workflow.statemachine.guards import GUARDS, GuardContext
from workflow.statemachine.machine import Move, bound, machine, may, run

HENAN = builtin_rubric("henan-v2")


def _guards_pass(actor: Actor, row: Assessment, spec: dict) -> bool:  # type: ignore[type-arg]
    """The declaration read by hand, without the machine: who, from where, when, and every named guard."""
    if row.state not in spec["source"] or actor.role not in spec["roles"]:
        return False
    if row.campaign.phase not in spec["phases"]:
        return False
    if actor.role == "school" and actor.school_code != row.school.code:
        return False
    ctx = GuardContext(row, row.campaign, rubric_of(row.campaign), spec["trigger"], Label(spec))
    return all(GUARDS[name](ctx) is None for name in spec.get("conditions", []))


def _place(aid: int, campaign_id: int, state: str, phase: str, **fields: object) -> None:
    Assessment.update(state=state, **fields).where(Assessment.id == aid).execute()
    Campaign.update(phase=phase).where(Campaign.id == campaign_id).execute()


# (who, school, state, phase, scores to enter first, the star held, what must be offered)
CASES = [
    ("school", "S001", "self_evaluating", "self_evaluation", ("self", "100"), None,
     {"start_rectification", "submit_self_evaluation"}),
    ("school", "S001", "self_evaluating", "self_evaluation", None, None, {"start_rectification"}),
    ("expert", "S001", "submitted", "verification", None, None, {"return_to_school", "start_verification"}),
    ("admin", "S001", "submitted", "self_evaluation", None, None, {"return_to_school", "withdraw"}),
    ("admin", "S001", "re_reviewing", "promotion", ("verified", "105"), 5, {"lower_level"}),
    ("school", "S002", "self_evaluating", "self_evaluation", ("self", "100"), None, set()),
]
ACTORS = {"school": SCHOOL_A, "expert": EXPERT, "admin": ADMIN}


@pytest.mark.parametrize("case", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}-{c[3]}" for c in CASES])
def test_offered_actions_are_exactly_the_events_whose_guards_pass(db: str, case: tuple) -> None:  # type: ignore[type-arg]
    who, code, state, phase, scores, star, offered = case
    campaign = setup_campaign()
    aid = assessment(campaign, code).id
    _place(aid, campaign.id, state, phase, star_level=star)
    if scores:
        kind, total = scores
        set_scores(ADMIN, aid, spread(HENAN, Decimal(total)), kind=kind)
    actor = ACTORS[who]
    row = Assessment.get_by_id(aid)
    listed = options(actor, aid)
    allowed = {o.trigger for o in listed if o.allowed}
    assert allowed == offered
    assert allowed == {e["trigger"] for e in EVENTS if _guards_pass(actor, row, e)}
    assert [o.trigger for o in listed] == [e["trigger"] for e in EVENTS if state in e["source"]]
    assert all(o.reason for o in listed if not o.allowed)  # a refused event always says why


def test_a_reason_required_event_is_offered_then_refused_without_one(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    _place(aid, campaign.id, "submitted", "verification")
    back = next(o for o in options(EXPERT, aid) if o.trigger == "return_to_school")
    assert back.allowed and back.needs_reason and back.reason == ""
    before = AuditEvent.select().count()
    with pytest.raises(InvalidInput) as refused:
        fire(EXPERT, aid, "return_to_school", reason=" ")
    assert refused.value.key == "err.reason_required"
    assert Assessment.get_by_id(aid).state == "submitted" and AuditEvent.select().count() == before
    assert fire(EXPERT, aid, "return_to_school", reason="缺佐证材料").state == "self_evaluating"


def test_a_move_that_cannot_happen_is_refused_for_that_before_its_reason(db: str) -> None:
    campaign = setup_campaign()
    aid = assessment(campaign, "S001").id
    _place(aid, campaign.id, "submitted", "promotion")
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "return_to_school")
    assert refused.value.key == "err.event_phase"
    # A condition too: 降级 to the star already held is refused for that, not for the missing reason.
    _place(aid, campaign.id, "re_reviewing", "promotion", star_level=2)
    set_scores(ADMIN, aid, spread(HENAN, Decimal("105")), kind="verified")
    with pytest.raises(GuardFailed) as refused:
        fire(ADMIN, aid, "lower_level")
    assert refused.value.key == "err.level_compare"
    _place(aid, campaign.id, "re_reviewing", "promotion", star_level=3)  # now it can happen: the reason is asked
    with pytest.raises(InvalidInput, match="理由"):
        fire(ADMIN, aid, "lower_level")


def _unsaved_move(state: str, phase: str) -> Move:
    return Move(Assessment(state=state), Campaign(phase=phase), HENAN)


def test_moves_bound_together_keep_their_own_school() -> None:
    early, late = _unsaved_move("enrolled", "mobilization"), _unsaved_move("enrolled", "promotion")
    with bound(early, "enrolled"), bound(late, "enrolled"):
        assert may(early, "start_self_evaluation")
        assert not may(late, "start_self_evaluation")
        assert late.refused().key == "err.event_phase"
        assert run(early, "start_self_evaluation", reason="")
        assert (early.state, late.state) == ("self_evaluating", "enrolled")
    assert machine().models == []


def test_worker_threads_share_the_machine() -> None:
    """Many calls at once on the one Machine: each answer is its own Move's, and none is left bound."""
    failures: list[str] = []
    start = threading.Barrier(8)

    def worker(n: int) -> None:
        phase = "mobilization" if n % 2 else "promotion"
        start.wait(timeout=30)
        for _ in range(300):
            move = _unsaved_move("enrolled", phase)
            with bound(move, "enrolled"):
                if run(move, "start_self_evaluation", reason="") != (phase == "mobilization"):
                    failures.append(f"worker {n} in {phase}: moved={move.state}")
                    return

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a worker did not finish within 60 s"
    assert failures == []
    assert machine().models == []


def test_a_new_state_and_event_are_data_only() -> None:
    """A line in STATES and an entry in EVENTS, and the machine has them: edge, phase, reason."""
    from workflow.statemachine.declaration import STATES

    STATES.append({"name": "suspended", "zh": "已暂停", "en": "Suspended"})
    EVENTS.append({"trigger": "suspend", "zh": "暂停评定", "en": "Suspend", "source": ["enrolled"],
                   "dest": "suspended", "phases": ["mobilization"], "roles": ["admin"], "reason": True})
    machine.cache_clear()
    try:
        move, late = _unsaved_move("enrolled", "mobilization"), _unsaved_move("enrolled", "verification")
        with bound(move, "enrolled"), bound(late, "enrolled"):
            assert may(move, "suspend") and not may(late, "suspend")
            with pytest.raises(InvalidInput):
                run(move, "suspend", reason="")
            assert move.state == "enrolled"
            assert run(move, "suspend", reason="学校撤并")
            assert move.state == "suspended"
    finally:
        EVENTS.pop()
        STATES.pop()
        machine.cache_clear()
