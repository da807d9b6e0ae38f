"""The school screen's Ctrl+O (上级认定): offered while the school awaits the higher authority's decision.

A school awaits it in a county's campaign once it is recommended upward (已报上级), and in a city's or
province's upward review (``Campaign.upward_of``) once the review's experts have verified it (已核定, or
公示中 when the review publicizes first: the decision event's sources in the declaration). After
each read of the school, ``UpwardKey.look`` reads which of the two it is in a worker (the school
screen's own read does not carry the campaign's kind); the key is shown only then, and to roles that
may record the decision at all. An admin of another tier or county is told the permission's refusal
when pressing it, before typing anything, and so is a county whose school the higher tier has taken into
its own review (its decision comes back from there); the door checks everything again when the form is saved.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

import tui.strings  # noqa: F401  - registers tui.actions.hint, restored below
import tui.upward_strings  # noqa: F401  - registers the strings used below
from tui.screens.dialogs.upward import UpwardDialog, UpwardTarget
from tui.work import thread_connection
from workflow.doors.upward import authority_of, decision_states
from workflow.errors import WorkflowError
from workflow.i18n import label, t
from workflow.permissions import Actor, allowed, require, require_campaign_scope, require_school_scope
from workflow.reads import queries
from workflow.reads.upward_review import reviewing_campaign

COUNTY_AWAITS = "recommended"  # 已报上级: the county waits for the higher tier
REVIEW_AWAITS = tuple(decision_states())  # the review's experts are done (and any publicity): its admin decides
ACTION = "upward.record"


def upward_target(actor: Actor, assessment_id: int) -> UpwardTarget | None:
    """The school as the form needs it, or None when it does not await an upward decision."""
    found = queries.detail(assessment_id, actor)
    row, campaign, rubric = found.assessment, found.campaign, found.rubric
    review = campaign.upward_of is not None and row.upward_from is not None
    if row.state not in (REVIEW_AWAITS if review else (COUNTY_AWAITS,)):
        return None
    refusal = ""
    try:  # the same checks the doors make first, so a wrong tier or county is told before it types
        require(actor, ACTION)
        require_campaign_scope(actor, campaign)
        require_school_scope(actor, row.school.code, campaign=campaign)
        title = None if review else reviewing_campaign(actor, int(row.id))
        if title is not None:  # the higher tier reviews it in the system: its decision is written back
            refusal = t("err.upward_in_review", school=row.school.name, title=title)
    except WorkflowError as exc:
        refusal = str(exc)
    names = {s.level: label({"zh": s.name_zh, "en": s.name_en}) for s in rubric.star_levels}
    upward = [s for s in rubric.star_levels if s.authority != "local"]
    level = None if row.star_level is None else int(row.star_level)
    if review:
        authority = authority_of(campaign)
    else:
        sent = next((s for s in rubric.star_levels if s.level == level), None)
        authority = str(getattr(sent, "authority_name", "") or "") or t("authority.default_name")
    return UpwardTarget(assessment_id=int(row.id), school=str(row.school.name), review=review, level=level,
                        level_text=names.get(level, t("word.no_star")) if level is not None else t("word.no_star"),
                        levels=tuple((str(s.level), names[s.level]) for s in upward), authority=authority,
                        refusal=refusal)


class UpwardKey:
    """Ctrl+O on one school's screen: whether it is offered, and the form it opens."""

    def __init__(self, screen: Screen[Any], assessment_id: int) -> None:
        self.screen = screen
        self.assessment_id = assessment_id
        self.target: UpwardTarget | None = None

    @property
    def offered(self) -> bool:
        return self.target is not None

    def look(self, actor: Actor, state: str) -> None:
        """After the school was read: find out in a worker whether it awaits an upward decision."""
        if state not in (COUNTY_AWAITS, *REVIEW_AWAITS) or not allowed(actor.role, ACTION):
            self._found(None)
            return
        self.screen.run_worker(partial(self._read, actor), thread=True, exclusive=True, group="school.upward",
                               exit_on_error=False)

    def _read(self, actor: Actor) -> None:
        with thread_connection():
            target = upward_target(actor, self.assessment_id)
        if not get_current_worker().is_cancelled:
            self.screen.call_later(self._found, target)  # thread-safe: it posts a message to the screen

    def _found(self, target: UpwardTarget | None) -> None:
        if target != self.target:
            self.target = target
            self.screen.refresh_bindings()
        self._point_from_events(target)

    def _point_from_events(self, target: UpwardTarget | None) -> None:
        """F3 lists the workflow's events, and the decision is none of them: its hint line names Ctrl+O."""
        hints = self.screen.query("#actions-hint").results(Static)
        words = t("tui.actions.hint")
        if target is not None:
            note = t("tui.upward.next_in_review", reason=target.refusal) if target.refusal else t("tui.upward.next")
            words = f"{note}\n{words}"
        for hint in hints:
            hint.update(words)

    def open(self, reload: Any) -> None:
        """Ctrl+O: the form, or the refusal; once decided, say what happened and ``reload()`` the school."""
        target = self.target
        if target is None:
            return
        if target.refusal:
            self.screen.notify(target.refusal, severity="error", timeout=10, markup=False)
            return
        dialog = UpwardDialog(target)

        def closed(saved: bool | None) -> None:
            if saved:
                self.screen.notify(dialog.said, timeout=6, markup=False)
                reload()

        self.screen.app.push_screen(dialog, closed)
