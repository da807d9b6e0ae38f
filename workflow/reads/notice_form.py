"""The notice-text form's versions: what each saved notice text's optimistic lock stands at.

The form sends them back as ``set_notice_texts(expected_versions=...)``: a text someone else
saved since the form was read is refused with who saved it, never silently overwritten.
"""

from __future__ import annotations

from models.schema import NoticeText
from workflow.door import latest_round


def notice_versions(campaign_id: int) -> dict[str, int]:
    """Key -> version of every notice text saved for the campaign's open round (the one the form edits;
    a key never saved is absent: version 0)."""
    query = NoticeText.select(NoticeText.key, NoticeText.version).where(
        NoticeText.round == latest_round(campaign_id).id)
    return {str(key): int(version) for key, version in query.tuples()}
