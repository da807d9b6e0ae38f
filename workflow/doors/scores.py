"""Entering scores: self-evaluation (自评分) and verified (核定分), with totals kept current."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from models.prepared import update_by_id
from models.schema import Assessment, Score
from rubrics.errors import ScoreError
from rubrics.model import Rubric
from rubrics.scoring import checked_total, format_score, parse_score, score, star_for
from workflow import audit, clock
from workflow.audit_facts import saved_assessment_facts, score_change_facts
from workflow.door import latest_round, load_assessment, load_assessment_scores, write
from workflow.errors import ConflictError, GuardFailed, InvalidInput
from workflow.i18n import Listing, Msg
from workflow.permissions import Actor, require, require_school_scope
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import SCORE_STATES
from workflow.statemachine.guards import state_label

KINDS = ("self", "verified")
OPEN_STATES = ("verified", "publicized")  # levels set but not yet certified


def _score_refusal(exc: ScoreError) -> InvalidInput:
    # The rubric's key and data, rendered when read: the reader's language, not the raiser's.
    if exc.at_indicator:
        return InvalidInput("score.at_indicator", code=exc.code, reason=Msg(exc.key, **exc.params))
    return InvalidInput(exc.key, **exc.params)


def normalise(rubric: Rubric, code: str, value: str | Decimal | int) -> Decimal:
    try:
        leaf = rubric.find(code)
    except KeyError:
        raise InvalidInput("err.indicator_unknown", code=code, rubric=rubric.id) from None
    if not leaf.is_leaf:
        raise InvalidInput("err.indicator_unknown", code=code, rubric=rubric.id)
    try:
        return parse_score(value, code=code, maximum=leaf.max_score)
    except ScoreError as exc:
        raise _score_refusal(exc) from exc


def recompute(row: Assessment, rubric: Rubric, kind: str) -> Decimal | None:
    values = {
        s.code: s.value
        for s in Score.select(Score.code, Score.value).where((Score.assessment == row.id) & (Score.kind == kind))
    }
    return total_of(row, rubric, values)


def total_of(row: Assessment, rubric: Rubric, values: Mapping[str, Decimal]) -> Decimal | None:
    if not values:
        return None
    return score(rubric, values, vetoes=[v for v in row.vetoes.split(",") if v]).total


def set_scores(
    actor: Actor,
    assessment_id: int,
    values: Mapping[str, str | Decimal | int],
    *,
    kind: str = "self",
    evidence: Mapping[str, str] | None = None,
    expected_version: int | None = None,
    correction: str = "",
) -> Assessment:
    """Save several leaves of one school at once: all or nothing, one audit record.

    A value saved over one carried from the last round clears its carried mark (the expert has
    now entered it). ``correction``: the reason for changing a frozen round's score; the write is
    then its own audited event (``correction.score.<kind>``) and the round's level is left as certified.
    """
    if kind not in KINDS:
        raise InvalidInput("err.invalid", where=Msg("field.kind"), what=Msg("why.not_one_of", value=kind, known=Listing(KINDS)))
    require(actor, f"score.{kind}")
    if correction.strip():
        require(actor, "round.correct")  # a reason to change a settled round is the bureau's to give
    evidence = evidence or {}

    def body() -> Assessment:
        row, stored_scores = load_assessment_scores(assessment_id, kind, change=True, correction=correction)
        # A school user's own school, an officer's region; verified: an expert's recusal and assignment.
        require_school_scope(actor, row.school.code, scoring_round=row.round if kind == "verified" else None,
                             campaign=row.campaign)
        if expected_version is not None and row.version != expected_version:
            raise ConflictError("err.conflict", who=row.updated_by, when=row.updated_at)
        correcting = bool(correction.strip()) and row.round_id != latest_round(row.campaign.id).id
        if not correcting and row.state not in SCORE_STATES[kind]:
            raise GuardFailed("err.score_phase", state=state_label(row.state), kind=Msg(f"word.{kind}"))
        rubric = rubric_of(row.campaign)
        parsed = {code: normalise(rubric, code, value) for code, value in values.items()}
        now = clock.stamp()
        changes: dict[str, Any] = {}
        # Every score of this kind in one read: the rows to update and the total after the change.
        existing = {s.code: s for s in stored_scores}
        current = {code: s.value for code, s in existing.items()}
        replaced_carried: list[str] = []
        stored: dict[str, tuple[Any, str, bool] | None] = {}
        for code, value in parsed.items():
            old = existing.get(code)
            note = evidence.get(code, old.evidence if old else "")
            changes[code] = [format_score(old.value) if old else None, format_score(value)]
            if old is None:
                Score.create(assessment=row.id, code=code, kind=kind, value=value, evidence=note,
                             entered_by=actor.name, entered_at=now)
            else:
                if old.carried:
                    replaced_carried.append(code)
                update_by_id(Score, old.id, later=True, value=value, evidence=note, entered_by=actor.name,
                             entered_at=now, carried=False)  # its answer is not read: sent with the next
            current[code] = value
            stored[code] = (value, note, False)
        # Stored values were checked when they were saved and the new ones just now: add them up only.
        total = checked_total(rubric, current) if current else None
        if kind == "self":
            row.self_total = total
        else:
            row.verified_total = total
        row.provisional = rubric.is_provisional
        row.version += 1
        row.updated_by = actor.name
        row.updated_at = now
        update_by_id(Assessment, row.id, later=True,
                     **{field.name: getattr(row, field.name) for field in row.dirty_fields})
        row._dirty.clear()
        payload: dict[str, Any] = {"scores": changes, "total": None if total is None else format_score(total)}
        if replaced_carried:
            payload["carried_replaced"] = replaced_carried
        payload["facts"] = score_change_facts(row.id, kind, stored, saved_assessment_facts(row))
        audit.append(
            actor=actor.name, action=f"correction.score.{kind}" if correcting else f"score.{kind}",
            campaign_id=row.campaign.id, assessment_id=row.id, reason=correction.strip(),
            school_code=row.school.code, from_state=row.state, to_state=row.state, payload=payload,
        )
        return row

    return write(body)


def set_score(
    actor: Actor,
    assessment_id: int,
    code: str,
    value: str | Decimal | int,
    *,
    kind: str = "self",
    evidence: str | None = None,
    expected_version: int | None = None,
    correction: str = "",
) -> Assessment:
    return set_scores(
        actor, assessment_id, {code: value}, kind=kind,
        evidence=None if evidence is None else {code: evidence}, expected_version=expected_version,
        correction=correction,
    )


def set_veto(actor: Actor, assessment_id: int, code: str, holds: bool, *, reason: str = "") -> Assessment:
    """Record that a veto condition (一票否决) holds or no longer holds for a school."""
    require(actor, "veto.set")

    def body() -> Assessment:
        row = load_assessment(assessment_id, change=True)
        require_school_scope(actor, row.school.code, scoring_round=row.round, campaign=row.campaign)  # as verified
        rubric = rubric_of(row.campaign)
        if code not in {v.code for v in rubric.vetoes}:
            raise InvalidInput("err.veto_unknown", code=code)
        current = [v for v in row.vetoes.split(",") if v]
        updated = sorted(set(current) | {code}) if holds else [v for v in current if v != code]
        row.vetoes = ",".join(updated)
        row.self_total = recompute(row, rubric, "self")
        row.verified_total = recompute(row, rubric, "verified")
        if row.state in OPEN_STATES and row.verified_total is not None:
            # A level not yet certified follows the veto at once; a certified one changes only
            # through the annual review (lower_level), like a threshold change.
            star = star_for(rubric, row.verified_total, vetoed=bool(updated))
            row.star_level = star.level if star else None
        row.version += 1
        row.updated_by = actor.name
        row.updated_at = clock.stamp()
        row.save()
        audit.append(actor=actor.name, action="veto.set" if holds else "veto.clear",
                     campaign_id=row.campaign.id, assessment_id=row.id, school_code=row.school.code,
                     from_state=row.state, to_state=row.state, reason=reason, payload={"veto": code})
        return row

    return write(body)
