"""How ``audit verify`` words the values it names (workflow/audit_replay.py, audit_verify.py): in the
words the rest of the product uses for them, never the stored ones (a round's kind 初评, not
'initial'; an upward decision 上级认定4星（文号，日期）, not True/4/…; an empty value 空, not a dash).

A value inside a list (a score's [value, evidence, carried], a user's fields) keeps its dash: the
list is read as one value, its parts by their place.
"""

from __future__ import annotations

import json
from typing import Any

import workflow.audit_strings  # noqa: F401  - registers the words' keys
from workflow.i18n import CATALOG, Msg

EMPTY = Msg("replay.v.empty")  # 空: the whole value is empty (None or "")

# An upward decision as audit_facts keeps it: [granted, level, document number, date]; each part a field
# of its own where two decisions differ, so each is named once (the number also is a fact of its own).
UPWARD_PARTS = ("granted", "level", "doc_no", "date")


def part(value: Any) -> str:
    """A value inside a list."""
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        return "/".join(part(v) for v in value)
    return str(value)


def show(value: Any) -> str | Msg:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, list):
        return part(value)
    return str(value)


def plain(value: Any) -> str | Msg:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, dict | list) else show(value)


def _known(key: str) -> Msg | None:
    return Msg(key) if key in CATALOG else None


def state_words(value: Any) -> str | Msg:
    """A state as officers read it, its name after it ("核定中（verifying）"): verify's findings are read by
    officers, and the name is what the database holds."""
    from workflow.statemachine.declaration import state

    return _declared(state, value)


def phase_words(value: Any) -> str | Msg:
    """A campaign's phase, as a state: "标准核定（verification）"."""
    from workflow.statemachine.declaration import phase

    return _declared(phase, value)


def _declared(find: Any, value: Any) -> str | Msg:
    from workflow.i18n import label

    try:
        return f"{label(find(value))}（{value}）"
    except KeyError:  # not a name the declaration knows (one from an older version): as it is
        return show(value)


def level_words(level: Any) -> str | Msg:
    """A star level as the product prints it: 4星; 0 or none: 未达星级."""
    if isinstance(level, int) and not isinstance(level, bool):
        return Msg("word.level", level=level) if level > 0 else Msg("word.no_star")
    return show(level)


def upward_words(value: Any) -> str | Msg:
    """A whole upward decision: 上级认定4星（文号，日期）, 上级未予认定（…）, or 未登记 (none recorded)."""
    if value is None:
        return Msg("replay.v.upward_none")
    if not (isinstance(value, list) and len(value) == len(UPWARD_PARTS)):
        return show(value)
    granted, level, doc_no, date = value
    result = upward_part("granted", granted)
    if granted and level:
        return Msg("replay.v.upward", result=result, level=level_words(level), doc_no=show(doc_no), date=show(date))
    return Msg("replay.v.upward_no_level", result=result, doc_no=show(doc_no), date=show(date))


def upward_part(name: str, value: Any) -> str | Msg:
    if name == "granted" and isinstance(value, bool):
        return Msg("outcome.upward" if value else "outcome.upward_refused")
    if name == "level":
        return level_words(value)
    return show(value)


def words(name: str, value: Any) -> str | Msg:
    """An assessment's field as a finding shows it: a state by its label, how it entered its round, the
    provisional-rubric mark and an upward decision in the reader's words (not the stored True/False)."""
    if name == "state":
        return state_words(value)
    if name == "provisional" and isinstance(value, bool):
        return Msg("replay.v.provisional" if value else "replay.v.not_provisional")
    if name == "upward":
        return upward_words(value)
    if name in ("star_level", "prior_level"):
        return level_words(value)
    if name == "entry" and isinstance(value, str):
        return _known(f"round.entry.{value}") or show(value)
    return show(value)


def field_label(name: str) -> Msg | str:
    """An assessment's fact by its label (replay.f.*); a name this version has no label for, as it is."""
    return _known(f"replay.f.{name}") or name


def differences(name: str, one: dict[str, Any], other: dict[str, Any]) -> list[tuple[Msg | str, Any, Any]]:
    """How field ``name`` differs between two entries of an assessment's facts: (field, ``one``'s words,
    ``other``'s words), one a field. Two upward decisions differ part by part (the result, the level, the
    number, the date), the number left out where both keep it as a fact of its own (named there)."""
    a, b = one[name], other[name]
    if a == b:
        return []
    if name == "upward" and isinstance(a, list) and isinstance(b, list) and len(a) == len(b) == len(UPWARD_PARTS):
        own_number = "upward_doc_no" in one and "upward_doc_no" in other
        return [(field_label(f"upward_{part_}"), upward_part(part_, x), upward_part(part_, y))
                for part_, x, y in zip(UPWARD_PARTS, a, b, strict=True)
                if x != y and not (part_ == "doc_no" and own_number)]
    return [(field_label(name), words(name, a), words(name, b))]


def round_words(name: str, value: Any) -> str | Msg:
    """A round's field: its kind as 初评 / 年度复核."""
    if name == "kind" and isinstance(value, str):
        return _known(f"round.kind.{value}") or show(value)
    return show(value)


def campaign_words(name: str, value: Any) -> str | Msg:
    """A campaign's field: whether review results are publicized as 须公示 / 不公示, its phase by its label."""
    if name == "review_publicity" and isinstance(value, bool):
        return Msg("replay.v.review_publicity" if value else "replay.v.no_review_publicity")
    if name == "phase" and isinstance(value, str):
        return phase_words(value)
    return plain(value)
