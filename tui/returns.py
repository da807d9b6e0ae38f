"""A school user's login: when the school stands returned (退回), say so on the first screen,
with who returned it, when, and the reason in full, and offer to open the school.

Read through the same read model as the school screen (``workflow.reads.school_page``'s history,
``tui.screens.school_view.returned_by``), in a thread worker of the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import tui.day_strings  # noqa: F401 - registers the strings used below
from tui.work import thread_connection
from workflow.errors import WorkflowError
from workflow.i18n import t
from workflow.permissions import Actor
from workflow.reads import queries

if TYPE_CHECKING:
    from tui.app import StarCampusApp
    from workflow.reads.school_page import HistoryRow


@dataclass(frozen=True)
class ReturnNotice:
    assessment_id: int
    school: str
    code: str
    returned: HistoryRow

    def body(self) -> str:
        r = self.returned
        return t("tui.returned.body", school=self.school, code=self.code, who=r.actor, at=r.at,
                 reason=r.reason or "-")


def return_notice(actor: Actor, campaign_id: int | None) -> ReturnNotice | None:
    """The notice for a school user whose school, in this campaign, was returned; None otherwise."""
    # Here, not at the top: the app imports this module at every launch, and only a school user's
    # read needs the school screen's history (about 80 ms of imports before the first rows).
    from tui.screens.school_view import returned_by
    from workflow.reads.school_page import history

    code = queries.scope_of(actor)
    if code is None:
        return None
    try:
        campaign = queries.campaign(campaign_id)
    except WorkflowError:
        return None  # no campaign yet: nothing can have been returned
    row = queries.find_assessment(int(campaign.id), code)
    if row is None:
        return None
    found = returned_by(history(actor, code), str(row.state))
    if found is None:
        return None
    return ReturnNotice(int(row.id), str(row.school.name), code, found)


def offer_return_notice(app: StarCampusApp) -> None:
    """Read the notice in a thread; when there is one, show it over the first screen."""
    actor, campaign_id = app.actor, app.campaign_id
    if queries.scope_of(actor) is None:
        return

    def show(notice: ReturnNotice) -> None:
        from tui.screens.dialogs.returned import ReturnedDialog  # only when there is one to show

        def answered(open_it: bool | None) -> None:
            if open_it:
                app.open_school(notice.assessment_id)

        app.push_screen(ReturnedDialog(notice.body()), answered)

    def read() -> None:
        app.first_rows.wait()  # the dashboard's first rows first (tui/first_rows.py)
        with thread_connection():
            notice = return_notice(actor, campaign_id)
        if notice is not None:
            app.call_from_thread(show, notice)

    app.run_worker(read, thread=True, exclusive=True, group="app.returned", exit_on_error=False)
