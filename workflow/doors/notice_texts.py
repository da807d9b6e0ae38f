"""The notice's editable texts (title, basis, general problems, requirements, date, order) and the
campaign facts the documents cite (主送机关, 发文字号, basis documents, contact…: notice_facts.py)."""

from __future__ import annotations

from collections.abc import Mapping

from models.schema import NoticeText, Round, is_frozen
from rubrics.model import Rubric
from rubrics.serial import rubric_from_frozen
from workflow import audit, clock
from workflow.door import latest_round, load_campaign, load_round, write
from workflow.doors.notice_facts import FACT_KEYS, clean_fact
from workflow.errors import ConflictError, InvalidInput
from workflow.i18n import Listing, Msg
from workflow.notice_labels import notice_label
from workflow.permissions import Actor, export_action, require, require_campaign_scope
from workflow.statemachine.phases import parse_date

KEYS = ("title", "basis", "general_problems", "requirements", "issue_date", "order", *FACT_KEYS)
ORDERS = ("display", "stage", "score")
MAX_TEXT = 50000


def _clean(key: str, text: str, rubric: Rubric | None = None) -> str:
    if key not in KEYS:
        raise InvalidInput("err.invalid", where=Msg("field.notice_key"),
                           what=Msg("why.not_one_of", value=key, known=Listing(KEYS)))
    cleaned = "".join(c for c in text if c in "\n\t" or ord(c) >= 32).strip()
    if len(cleaned) > MAX_TEXT:
        raise InvalidInput("err.invalid", where=notice_label(key), what=Msg("why.too_long_count", length=len(cleaned)))
    if key == "issue_date" and cleaned:
        cleaned = parse_date(cleaned, field=Msg("field.issue_date")).isoformat()
    if key in FACT_KEYS:
        return clean_fact(key, cleaned, rubric)
    if key == "order" and cleaned not in ORDERS:
        raise InvalidInput("err.invalid", where=Msg("field.order"),
                           what=Msg("why.not_one_of", value=cleaned, known=Listing(ORDERS)))
    return cleaned


def set_notice_texts(actor: Actor, campaign_id: int, texts: Mapping[str, str], *,
                     expected_versions: Mapping[str, int] | None = None, year: int | None = None) -> dict[str, int]:
    """Save several notice texts of a round (``year``; the open round when None): every one is checked
    first, then all are written together. A frozen round's texts are refused: its notice re-exports as it was.

    ``expected_versions`` holds, for the keys given, the version the editor read (0 for a text
    never saved); if any has moved on, nothing is written. Returns each saved key's new version.
    """
    require(actor, "notice.edit")
    # The upward levels a campaign may name an authority for are its frozen rubric's.
    rubric = rubric_from_frozen(load_campaign(campaign_id).rubric_json) if "upward_authority" in texts else None
    cleaned = {key: _clean(key, text, rubric) for key, text in texts.items()}
    expected = dict(expected_versions or {})

    def body() -> dict[str, int]:
        campaign = load_campaign(campaign_id)  # locked (PostgreSQL): one campaign's texts save in turn
        require_campaign_scope(actor, campaign)
        shown = load_round(campaign.id, year)
        if is_frozen(shown.id):
            raise ConflictError("err.round_frozen_texts", year=shown.year, keys=Listing(notice_label(key) for key in sorted(cleaned)),
                                newest=latest_round(campaign.id).year)
        rows = {row.key: row for row in NoticeText.select().where(
            (NoticeText.round == shown.id) & NoticeText.key.in_(sorted(set(cleaned) | set(expected))))}
        for key, version in expected.items():
            row = rows.get(key)
            if (row.version if row else 0) != version:
                raise ConflictError("err.conflict_notice", who=row.updated_by if row else "-",
                                    when=row.updated_at if row else "-", key=notice_label(key))
        now = clock.stamp()
        saved: dict[str, int] = {}
        for key, text in cleaned.items():
            row = rows.get(key)
            if row is None:
                row = NoticeText.create(campaign=campaign.id, round=shown.id, key=key, text=text, updated_by=actor.name,
                                        updated_at=now, version=1)
            else:
                row.text, row.updated_by, row.updated_at = text, actor.name, now
                row.version += 1
                row.save()
            saved[key] = int(row.version)
        audit.append(actor=actor.name, action="notice.texts", campaign_id=campaign.id,
                     payload={**cleaned, "round": shown.year} if year is not None else cleaned)
        return saved

    return write(body)


def set_notice_text(actor: Actor, campaign_id: int, key: str, text: str, *,
                    expected_version: int | None = None, year: int | None = None) -> int:
    """Save one notice text of a round (the open one when ``year`` is None); its new version."""
    expected = None if expected_version is None else {key: expected_version}
    return set_notice_texts(actor, campaign_id, {key: text}, expected_versions=expected, year=year)[key]


# What each notice has of its own, never carried into the next round or cycle: its 成文日期, 文号 and title
# (an officer's title names its year; the default is filled with the year's facts).
OWN_TO_A_NOTICE = ("issue_date", "document_number", "title")


def copy_round_texts(actor: Actor, campaign_id: int, source: Round | None, target_id: int) -> dict[str, str]:
    """A new round starts from the texts of the round before it (``source``), all but what each notice has of
    its own (OWN_TO_A_NOTICE): inside the caller's transaction. The texts copied."""
    if source is None:
        return {}
    now = clock.stamp()
    copied: dict[str, str] = {}
    for row in NoticeText.select().where(NoticeText.round == source.id).order_by(NoticeText.key):
        if row.key in OWN_TO_A_NOTICE:
            continue
        NoticeText.create(campaign=campaign_id, round=target_id, key=row.key, text=row.text, updated_by=actor.name,
                          updated_at=now)
        copied[str(row.key)] = str(row.text)
    return copied


def record_export(actor: Actor, campaign_id: int, kind: str, path: str) -> None:
    """Who exported which document where: exports are read-only but leave a trace."""
    require(actor, export_action(actor.role, kind))  # a school user's own form (checked as its own) too

    def body() -> None:
        audit.append(actor=actor.name, action=f"export.{kind}", campaign_id=campaign_id, payload={"path": path})

    write(body)
