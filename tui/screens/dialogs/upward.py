"""上级认定: the higher authority's decision on a school sent upward, in a small form (the school
screen's Ctrl+O, tui/screens/upward_key.py).

Two doors, one form. In a county's campaign the decision is recorded by hand from the higher tier's
document (workflow.doors.rounds ``record_upward_decision``, the CLI's ``school decide``); in a
city's or province's upward review (``Campaign.upward_of``) its admin decides there
(workflow.doors.upward ``decide_upward``), in the name of the campaign's region, and the door
writes the same decision back to the county's record. Empty fields are refused naming the field;
the door's refusals (the wrong tier, another county, no longer awaiting, a bad date or level) stay
in the form as the door words them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tui.upward_strings  # noqa: F401  - registers this file's keys
from tui.screens.dialogs.form import FormDialog, FormField
from workflow.doors.rounds import record_upward_decision
from workflow.doors.upward import decide_upward
from workflow.errors import InvalidInput
from workflow.i18n import Msg, t
from workflow.permissions import Actor


@dataclass(frozen=True)
class UpwardTarget:
    """What the form needs of the school awaiting a decision (read by tui/screens/upward_key.py)."""

    assessment_id: int
    school: str
    review: bool  # the higher tier's own upward review (decide_upward); else a county's hand record
    level: int | None  # the level sent up (county) or verified in the review
    level_text: str
    levels: tuple[tuple[str, str], ...]  # (level, name) of the levels the rubric sends upward
    authority: str  # review: the campaign's region, named as the authority; county: the rubric's default
    refusal: str = ""  # the actor may not decide this school: the permission's words, said on Ctrl+O


def decision_fields(target: UpwardTarget) -> list[FormField]:
    """结果, 认定星级, 认定文号, 认定日期 (and, by hand, 认定机关): the labels the door's refusals name."""
    chosen = str(target.level) if any(code == str(target.level) for code, _name in target.levels) else ""
    fields = [
        FormField("verdict", t("tui.upward.verdict"), kind="select", value="granted", required=True,
                  choices=(("granted", t("tui.upward.granted")), ("refused", t("tui.upward.refused")))),
        FormField("level", t("tui.upward.level"), kind="select", value=chosen, choices=target.levels),
        FormField("doc_no", t("tui.upward.doc_no"), required=True),
        FormField("date", t("tui.upward.date"), placeholder=t("tui.upward.date_hint"), required=True),
    ]
    if not target.review:  # a review is decided in its own region's name
        fields.append(FormField("authority", t("tui.upward.authority", default=target.authority)))
    return fields


def decide(actor: Actor, target: UpwardTarget, values: dict[str, Any]) -> str:
    """Call the door for the form's values; what happened, in the CLI's words."""
    granted = values["verdict"] == "granted"
    level = int(values["level"]) if granted and values["level"] else None
    if granted and level is None:
        raise InvalidInput("err.invalid", where=Msg("tui.upward.level_field"), what=Msg("why.required"))
    doc_no, on = str(values["doc_no"]).strip(), str(values["date"]).strip()
    if target.review:
        _own, row = decide_upward(actor, target.assessment_id, granted=granted, doc_no=doc_no, decided_on=on,
                                  level=level)
        said = "round.review_decided"
    else:
        row = record_upward_decision(actor, target.assessment_id, granted=granted, doc_no=doc_no, decided_on=on,
                                     level=level, authority=str(values.get("authority", "")).strip())
        said = "round.decided"
    result = t("outcome.upward") if row.upward_granted else t("outcome.upward_refused")
    return t(said, school=row.school.name, result=result, authority=row.upward_authority, doc_no=row.upward_doc_no,
             date=row.upward_date)


class UpwardDialog(FormDialog):
    """The form; ``said`` is the door's outcome in words once it has saved."""

    def __init__(self, target: UpwardTarget) -> None:
        self.target = target
        self.said = ""
        if target.review:
            title = t("tui.upward.review_title", school=target.school)
            body = t("tui.upward.review_body", level=target.level_text, authority=target.authority)
        else:
            title = t("tui.upward.title", school=target.school)
            body = t("tui.upward.body", level=target.level_text)
        super().__init__(title, decision_fields(target), self._save, body=body, dialog_id="upward-dialog")

    def _save(self, values: dict[str, Any]) -> str:
        self.said = decide(self.actor, self.target, values)
        return self.said
