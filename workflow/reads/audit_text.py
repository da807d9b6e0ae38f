"""Audit rows in the reader's words: the action's name, the state move and what changed.

The audit log stores internal names (``event.recommend_upward``, ``score.self``, ``narrative.problem``,
``verifying``) and a JSON payload; the history tab, the audit screen and ``starcampus audit log``
show them through these functions, in the reader's language, with the score values written.
"""

from __future__ import annotations

import json
from typing import Any

from workflow.audit_actions import ACTION_STRINGS, action_text
from workflow.i18n import Msg, label, register, t
from workflow.permissions import ACTIONS
from workflow.statemachine.declaration import EVENTS, PHASES, STATES

_EVENTS = {e["trigger"]: e for e in EVENTS}
_STATES = {s["name"]: s for s in STATES}
_PHASES = {p["name"]: p for p in PHASES}

# A row's details in words (its action's words: workflow/audit_actions.py).
STRINGS: dict[str, dict[str, str]] = {
    "audit.detail.days": {"zh": "{before}天→{after}天", "en": "{before} → {after} days"},
    "audit.detail.total": {"zh": "合计 {total}", "en": "total {total}"},
    "audit.detail.totals": {"zh": "自评 {self} 核定 {verified}", "en": "self {self}, verified {verified}"},
    "audit.detail.star": {"zh": "{level}星", "en": "{level} star"},
    "audit.detail.upheld": {"zh": "异议成立", "en": "upheld"},
    "audit.detail.dismissed": {"zh": "驳回", "en": "dismissed"},
    "audit.detail.problem_status": {"zh": "问题{id}：{before}→{after}", "en": "problem {id}: {before}→{after}"},
    "audit.detail.enrolled": {"zh": "{count}所", "en": "{count} schools"},
    # a school import's counts (workflow.doors.schools): each that is not 0, in this order
    "audit.detail.import.added": {"zh": "新增{count}所", "en": "{count} added"},
    "audit.detail.import.updated": {"zh": "更新{count}所", "en": "{count} updated"},
    "audit.detail.import.renamed": {"zh": "改名{count}所", "en": "{count} renamed"},
    "audit.detail.import.relocated": {"zh": "乡镇或学段有变{count}所", "en": "{count} with a new township or stage"},
    "audit.detail.import.reordered": {"zh": "排序有变{count}所", "en": "{count} with a new order"},
    "audit.detail.import.regioned": {"zh": "移入{region}{count}所", "en": "{count} moved into {region}"},
    "audit.detail.veto": {"zh": "否决项 {code}", "en": "veto {code}"},
    "audit.problem.open": {"zh": "待整改", "en": "open"},
    "audit.problem.rectifying": {"zh": "整改中", "en": "rectifying"},
    "audit.problem.closed": {"zh": "已整改", "en": "closed"},
    "audit.sep": {"zh": "；", "en": "; "},
    "audit.reason": {"zh": "理由：{reason}", "en": "reason: {reason}"},
}
register(STRINGS)


def state_text(name: str) -> str:
    """A school state or a campaign phase by its label; anything else as it is."""
    if name in _STATES:
        return label(_STATES[name])
    if name in _PHASES:
        return label(_PHASES[name])
    kind = f"round.kind.{name}"  # round.open's "→review": the round it opened (workflow/round_messages.py)
    return t(kind) if t(kind) != kind else name


def move_text(before: str, after: str) -> str:
    """ "自评中→已提交自评", or "" when nothing moved."""
    if not after or before == after:
        return ""
    return f"{state_text(before) if before else ''}→{state_text(after)}"


def _payload(raw: str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        data = json.loads(raw or "{}")
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _num(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def detail_text(action: str, payload: str | dict[str, Any] | None) -> str:
    """What changed, in a line: "1.1: 6→6.5；合计 76.5", "自评 76.5 核定 73.5；2星", "异议成立：…"."""
    data = _payload(payload)
    parts: list[str] = []
    if action.startswith("score."):
        scores = data.get("scores") or {}
        if isinstance(scores, dict):
            for code, change in scores.items():
                if isinstance(change, list | tuple) and len(change) == 2:
                    old, new = change
                    parts.append(f"{code}: {_num(new)}" if old is None else f"{code}: {_num(old)}→{_num(new)}")
                else:
                    parts.append(f"{code}: {_num(change)}")
        if data.get("total") is not None:  # first: a narrow column still shows the total
            parts.insert(0, t("audit.detail.total", total=data["total"]))
    elif action.startswith("event."):
        if "self_total" in data or "verified_total" in data:
            parts.append(t("audit.detail.totals", self=_num(data.get("self_total")),
                           verified=_num(data.get("verified_total"))))
        if data.get("star_level"):
            parts.append(t("audit.detail.star", level=data["star_level"]))
    elif action == "objection.resolve":
        verdict = t("audit.detail.upheld") if data.get("upheld") else t("audit.detail.dismissed")
        parts.append(verdict + (f"：{data['resolution']}" if data.get("resolution") else ""))
    elif action == "problem.status":
        parts.append(t("audit.detail.problem_status", id=_num(data.get("problem")),
                       before=_problem(data.get("from")), after=_problem(data.get("to"))))
    elif action in ("problem.add", "problem.delete", "objection.raise") or action.startswith("narrative."):
        if data.get("text"):
            parts.append(str(data["text"]))
    elif action == "campaign.publicity_days":
        parts.append(t("audit.detail.days", before=_num(data.get("from")), after=_num(data.get("to"))))
    elif action == "campaign.enrol" and data.get("count") is not None:
        parts.append(t("audit.detail.enrolled", count=data["count"]))
    elif action == "school.import":
        parts.extend(_import_counts(data))
    elif action in ("veto.set", "veto.clear") and data.get("veto"):
        parts.append(t("audit.detail.veto", code=data["veto"]))
    elif action.startswith("user.") and data.get("name"):
        role = data.get("role")
        parts.append(str(data["name"]) + (f" ({Msg(f'role.{role}')})" if role else ""))
    return t("audit.sep").join(parts)


def _import_counts(data: dict[str, Any]) -> list[str]:
    """新增3所；改名1所；排序有变2所: what a school import did (a row from before the kinds were counted: 更新)."""
    kinds = ("added", "renamed", "relocated", "reordered") if "reordered" in data else ("added", "updated")
    parts = [t(f"audit.detail.import.{kind}", count=data[kind]) for kind in kinds
             if isinstance(data.get(kind), int) and data[kind] > 0]
    if isinstance(data.get("regioned"), int) and data["regioned"] > 0:
        parts.append(t("audit.detail.import.regioned", count=data["regioned"], region=str(data.get("region") or "")))
    return parts


def _problem(status: object) -> str:
    key = f"audit.problem.{status}"
    return t(key) if t(key) != key else _num(status)


def note_text(action: str, payload: str | dict[str, Any] | None, reason: str) -> str:
    """One column for a row's what and why: the change, then the reason given ("理由：…")."""
    detail = detail_text(action, payload)
    if not reason:
        return detail
    because = t("audit.reason", reason=reason)
    return t("audit.sep").join([because, detail]) if detail else because


def known_actions() -> list[str]:
    """Every action name the log can hold that has a label here."""
    names = [f"event.{trigger}" for trigger in _EVENTS]
    names += [key.removeprefix("audit.action.") for key in ACTION_STRINGS if key != "audit.action.export"]
    return names + [name for name in ACTIONS if name not in names]


def action_prefix(typed: str) -> str:
    """What the audit filter looks for: the stored prefix itself ("score."), or the actions whose
    label holds the typed words ("录入" -> "score.": the longest prefix the matching names share,
    within the room most of them are in)."""
    typed = typed.strip()
    names = known_actions()
    if not typed or any(name.startswith(typed) for name in names):
        return typed
    found = [name for name in names if typed.casefold() in action_text(name).casefold()]
    if not found:
        return typed  # matches nothing stored: the list comes back empty, as typed
    rooms = [name.split(".")[0] for name in found]
    room = max(dict.fromkeys(rooms), key=rooms.count)  # one prefix only: the room most matches are in
    found = [name for name in found if name.split(".")[0] == room]
    prefix = found[0]
    for name in found[1:]:
        while not name.startswith(prefix):
            prefix = prefix[:-1]
    return prefix or typed
