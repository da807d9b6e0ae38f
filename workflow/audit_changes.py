"""What each kind of audit row may change of the facts it reads back (审计记录可改动的事实).

Most rows vouch for what their write touched by reading it back after the write (workflow/audit_facts.py).
Read back, a value someone had changed with SQL since the last row would be vouched for too: an honest
score save after a star level was edited in the table would record the edited level as the log's own.
So the replay (workflow/audit_replay.py) holds each read-back entry against what the log said before:
a fact that differs, where this row's door does not change it, was changed between the two rows
behind the program's back, and is named.

Data, not code: an action not listed here is not held to anything (its facts are folded as before),
so a new door adds its line when its facts are read back.
"""

from __future__ import annotations

from dataclasses import dataclass

from workflow.statemachine.declaration import EVENTS, SETTLED_STATES


@dataclass(frozen=True)
class MayChange:
    """What a row of one action may change, per kind of fact it reads back.

    ``assessment``: fields of ``a`` (workflow.audit_facts._assessment_entry); ``scores``: of ``s``,
    "none" (every score as before), "values" (the carried mark may change, not a value or evidence)
    or "any"; ``narratives``: whether ``n`` may change; ``campaign``: fields of ``c``; ``texts``:
    whether ``t`` may change; ``records``: whether ``rec`` may.
    A row naming one school and the state it left (``from_state``) is also held to that state being
    the one the log held: an event fired from a state set with SQL would otherwise move on from it.
    """

    assessment: frozenset[str] = frozenset()
    scores: str = "none"
    narratives: bool = False
    campaign: frozenset[str] = frozenset()
    texts: bool = False
    records: bool = False  # ``rec``: a school's problems, visits, objections, responsibilities


def _fields(*names: str) -> frozenset[str]:
    return frozenset(names)


# What an event's effect (workflow.statemachine.effects) sets besides the state.
EFFECT_CHANGES: dict[str, frozenset[str]] = {
    "set_star_from_verified": _fields("star_level", "provisional"),
    "start_publicity": _fields("publicized_at"),
    "apply_upward_decision": _fields("star_level", "upward", "upward_authority", "upward_doc_no"),
}

# The record actions, and the part of a school's records (``rec``) each writes: one item of it.
RECORD_PARTS: dict[str, str] = {"problem.add": "p", "problem.status": "p", "problem.edit": "p",
                                "problem.delete": "p", "verification.record": "v", "objection.raise": "o",
                                "objection.resolve": "o", "responsibility.add": "r"}
_RECORDS = tuple(RECORD_PARTS)
# An event settling a school keeps the school (name, township, stage, order) as the round settled it (workflow.statemachine.events).
_SETTLING = _fields("school_as", "school_order")
_TOTALS = _fields("self_total", "verified_total", "star_level", "version", "provisional")

ACTIONS: dict[str, MayChange] = {
    # a save marks the level as resting on provisional rubric parts as its rubric says (workflow.doors.scores)
    "score.self": MayChange(_fields("version", "self_total", "provisional")),
    "correction.score.self": MayChange(_fields("version", "self_total", "provisional")),
    "score.verified": MayChange(_fields("version", "verified_total", "provisional")),
    "correction.score.verified": MayChange(_fields("version", "verified_total", "provisional")),
    "veto.set": MayChange(_fields("version", "vetoes", "star_level")),
    "veto.clear": MayChange(_fields("version", "vetoes", "star_level")),
    "score.confirm": MayChange(_fields("version"), scores="values"),
    **{action: MayChange(records=True) for action in _RECORDS},
    "campaign.advance": MayChange(campaign=_fields("phase")),
    "campaign.publicity_days": MayChange(campaign=_fields("publicity_days", "review_publicity")),
    "campaign.thresholds": MayChange(_TOTALS, campaign=_fields("thresholds", "rubric")),
    "campaign.recompute": MayChange(_TOTALS, campaign=_fields("thresholds", "rubric")),
    "notice.texts": MayChange(texts=True),
    "verification.assign": MayChange(),
    "campaign.enrol": MayChange(),
    "round.upward": MayChange(campaign=_fields("upward_of")),
    **{f"event.{e['trigger']}": MayChange(_fields("state", "version") | EFFECT_CHANGES.get(e.get("effect", ""), _fields())
                                          | (_SETTLING if e["dest"] in SETTLED_STATES else _fields()))
       for e in EVENTS},
}


def may_change(action: str) -> MayChange | None:
    """What a row of ``action`` may change, or None: not held to anything."""
    known = ACTIONS.get(action)
    if known is not None:
        return known
    if action.startswith("narrative."):
        return _NARRATIVE
    if action.startswith("export."):
        return _EXPORT
    return None


_NARRATIVE = MayChange(narratives=True)
_EXPORT = MayChange()
