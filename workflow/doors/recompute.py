"""Recomputing a whole campaign at once: totals from the leaves, levels from the totals.

Used when officers adjust a campaign's star thresholds (e.g. once the official table replaces a
provisional figure). Totals are summed in SQL, one pass over the score table, with the same
rules as rubrics.scoring.score (base first, extension beyond base and capped, bonus capped),
so 100,000 schools x 22 leaves take seconds, not minutes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from models.db import database
from models.schema import Assessment
from rubrics.errors import RubricError
from rubrics.loader import rubric_from_dict, rubric_to_dict
from rubrics.model import Rubric
from rubrics.scoring import format_score, star_for
from workflow import audit, clock
from workflow.audit_facts import assessment_facts, facts_for
from workflow.door import latest_round, load_campaign, write

# Levels still open to change (OPEN_STATES) follow the new thresholds; settled levels change
# only through the annual review (raise/keep/lower), so they are reported, not rewritten.
from workflow.doors.scores import OPEN_STATES
from workflow.errors import InvalidInput
from workflow.i18n import Listing, Msg
from workflow.permissions import Actor, require, require_campaign_scope
from workflow.rubric_cache import rubric_of


@dataclass(frozen=True)
class RecomputeSummary:
    assessments: int
    totals_changed: int
    levels_changed: int
    settled_would_change: int


def _literal(code: str) -> str:
    return "'" + code.replace("'", "''") + "'"


def _totals_sql(rubric: Rubric) -> str:
    """SUM per school and kind, split into base, extension and bonus parts.

    Most leaves are pure base points, so the common case is one plain SUM; CASE branches are
    spent only on extension-only, bonus and mixed (base + extension) leaves, which are few.
    """
    leaves = rubric.leaves()
    bonus = [leaf.code for leaf in leaves if leaf.code in rubric.bonus_leaf_codes()]
    extension_only = [leaf.code for leaf in leaves if leaf.code not in bonus and leaf.points.base == 0]
    mixed = [leaf for leaf in leaves if leaf.code not in bonus and leaf.points.base > 0 < leaf.points.extension]
    known = ", ".join(_literal(leaf.code) for leaf in leaves)

    def part(codes: list[str]) -> str:
        if not codes:
            return "0"
        return f"SUM(CASE WHEN s.code IN ({', '.join(_literal(c) for c in codes)}) THEN s.value ELSE 0 END)"

    over_base = "0"
    if mixed:
        branches = " ".join(
            f"WHEN {_literal(leaf.code)} THEN CASE WHEN s.value > {leaf.points.base} "
            f"THEN s.value - {leaf.points.base} ELSE 0 END" for leaf in mixed)
        over_base = f"SUM(CASE s.code {branches} ELSE 0 END)"
    return (
        f"SELECT s.assessment_id, s.kind, SUM(s.value), {part(extension_only)}, {over_base}, {part(bonus)} "
        "FROM score s JOIN assessment a ON a.id = s.assessment_id "
        f"WHERE a.campaign_id = %s AND s.code IN ({known}) GROUP BY s.assessment_id, s.kind"
    )


def _dec(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value or 0))


def campaign_totals(campaign_id: int, rubric: Rubric) -> dict[tuple[int, str], Decimal]:
    sql = _totals_sql(rubric).replace("%s", database.obj.param)
    totals: dict[tuple[int, str], Decimal] = {}
    for aid, kind, raw, extension_only, over_base, bonus in database.execute_sql(sql, (campaign_id,)):
        ext = _dec(extension_only) + _dec(over_base)
        base = _dec(raw) - ext - _dec(bonus)
        if rubric.extension_cap is not None:
            ext = min(ext, rubric.extension_cap)
        extra = _dec(bonus)
        if rubric.bonus is not None:
            extra = min(extra, rubric.bonus.cap)
        totals[(aid, kind)] = base + ext + extra
    return totals


def recompute_campaign(actor: Actor, campaign_id: int, *, rubric: Rubric | None = None,
                       reason: str = "", action: str = "campaign.recompute",
                       payload: dict[str, Any] | None = None) -> RecomputeSummary:
    """Recompute every school's totals and open levels; one audit record for the whole run."""
    require(actor, "rubric.adjust")

    def body() -> RecomputeSummary:
        campaign = load_campaign(campaign_id)
        require_campaign_scope(actor, campaign)
        if rubric is not None:
            campaign.rubric_json = json.dumps(rubric_to_dict(rubric), ensure_ascii=False, sort_keys=True)
            campaign.save()
        current = rubric or rubric_of(campaign)
        totals = campaign_totals(campaign.id, current)
        # The open round only: a settled round is frozen, whatever its campaign's thresholds become.
        rows = (Assessment.select(Assessment.id, Assessment.state, Assessment.self_total,
                                  Assessment.verified_total, Assessment.star_level, Assessment.vetoes)
                .where(Assessment.round == latest_round(campaign.id).id).tuples())
        updates: list[tuple[Any, ...]] = []
        count = totals_changed = levels_changed = settled = 0
        now = clock.stamp()
        for aid, state, old_self, old_verified, old_level, vetoes in rows.iterator():
            count += 1
            new_self = totals.get((aid, "self"))
            new_verified = totals.get((aid, "verified"))
            star = star_for(current, new_verified, vetoed=bool(vetoes)) if new_verified is not None else None
            new_level = star.level if star else None
            level = old_level
            if state in OPEN_STATES:
                level = new_level
            elif new_verified is not None and new_level != old_level and state not in ("verifying", "re_reviewing"):
                settled += 1
            changed_totals = (_dec_or_none(old_self) != new_self) or (_dec_or_none(old_verified) != new_verified)
            if changed_totals or level != old_level:
                totals_changed += int(changed_totals)
                levels_changed += int(level != old_level)
                updates.append((new_self, new_verified, level, current.is_provisional, now, aid))
        if updates:
            for start in range(0, len(updates), 5000):
                chunk = updates[start:start + 5000]
                database.obj.cursor().executemany(
                    f"UPDATE assessment SET self_total = {database.obj.param}, verified_total = {database.obj.param}, star_level = {database.obj.param}, "
                    f"provisional = {database.obj.param}, updated_at = {database.obj.param}, version = version + 1 WHERE id = {database.obj.param}",
                    [(_num(a), _num(b), c, d, e, f) for a, b, c, d, e, f in chunk])
        summary = RecomputeSummary(count, totals_changed, levels_changed, settled)
        facts = facts_for(action, int(campaign.id), None)
        facts["a"] = assessment_facts(u[-1] for u in updates)  # the schools whose totals or levels moved
        audit.append(actor=actor.name, action=action, campaign_id=campaign.id, reason=reason,
                     payload={**(payload or {}), "assessments": count, "totals_changed": totals_changed,
                              "levels_changed": levels_changed, "settled_would_change": settled, "facts": facts})
        return summary

    return write(body)


def _dec_or_none(value: Any) -> Decimal | None:
    return None if value is None else _dec(value)


def _num(value: Decimal | None) -> Any:
    # SQLite's driver has no Decimal adapter; half points are exact as binary floats.
    if value is None:
        return None
    return float(value) if database.obj.param == "?" else value


def change_thresholds(actor: Actor, campaign_id: int, thresholds: Mapping[int, str | Decimal], *,
                      reason: str) -> RecomputeSummary:
    """Set new star thresholds for one campaign (its frozen rubric copy) and recompute it."""
    require(actor, "rubric.adjust")
    if not reason.strip():
        raise InvalidInput("err.invalid", where=Msg("field.reason"), what=Msg("why.threshold_reason"))
    campaign = load_campaign(campaign_id)
    require_campaign_scope(actor, campaign)
    data = json.loads(campaign.rubric_json)
    old = {int(s["level"]): s["threshold"] for s in data["star_levels"]}
    for level, value in thresholds.items():
        if level not in old:
            raise InvalidInput("err.invalid", where=Msg("field.star_level", level=level),
                               what=Msg("why.level_not_in_rubric", known=Listing(map(str, old))))
        try:
            number = Decimal(str(value).strip())
        except ArithmeticError:
            raise InvalidInput("err.invalid", where=Msg("field.star_level", level=level),
                               what=Msg("why.not_number", value=value)) from None
        for entry in data["star_levels"]:
            if int(entry["level"]) == level:
                entry["threshold"] = format_score(number)
    try:
        adjusted = rubric_from_dict(data, f"campaign {campaign.id}")
    except RubricError as exc:
        raise InvalidInput("err.invalid", where=Msg("field.thresholds"), what=str(exc)) from exc
    return recompute_campaign(actor, campaign.id, rubric=adjusted, reason=reason.strip(), action="campaign.thresholds",
                              payload={"old": {str(k): str(v) for k, v in old.items()},
                                       "new": {str(s.level): format_score(s.threshold) for s in adjusted.star_levels}})
