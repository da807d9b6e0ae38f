"""The campaign facts saved as notice texts (主送机关, 发文字号, …), for `notice show` and the app."""

from __future__ import annotations

from collections.abc import Sequence

from models.schema import NoticeText
from workflow.door import load_round
from workflow.permissions import Actor
from workflow.reads.scope import reader_scope


def saved_texts(actor: Actor, campaign_id: int, keys: Sequence[str], year: int | None = None
                ) -> list[tuple[str, str]]:
    """(key, text) of each of ``keys`` saved with a text for the campaign's round of ``year`` (the open
    round when None), in the order of ``keys``."""
    reader_scope(actor, campaign_id)  # anyone who may read may read the draft's facts
    shown = load_round(campaign_id, year)
    rows = {str(k): str(v) for k, v in NoticeText.select(NoticeText.key, NoticeText.text)
            .where((NoticeText.round == shown.id) & NoticeText.key.in_(list(keys))).tuples()}
    return [(key, rows[key]) for key in keys if rows.get(key, "").strip()]
