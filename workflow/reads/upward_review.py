"""Whether a county's recommended school is being reviewed in the system by a higher tier (上级复核).

The school screen's Ctrl+O asks this before it opens the form: such a school's decision is written back
from the higher tier's review, never recorded by hand (workflow.doors.rounds refuses it the same way).
"""

from __future__ import annotations

from models.schema import Assessment, Campaign
from workflow.door import load_assessment
from workflow.permissions import Actor
from workflow.reads.scope import require_reader_of


def reviewing_campaign(actor: Actor, assessment_id: int) -> str | None:
    """The title of the higher tier's campaign that took this record into its review, or None.

    Read by whoever may read the county's record; the title is the one the door's refusal names."""
    row = load_assessment(assessment_id)
    require_reader_of(actor, row.school.code, row.campaign)
    found = (Campaign.select(Campaign.title).join(Assessment, on=(Assessment.campaign == Campaign.id))
             .where(Assessment.upward_from == int(row.id)).first())
    return None if found is None else str(found.title)
