"""The named conditions that events in the declaration refer to.

Each guard returns ``None`` when it holds, or the refusal to raise. They read; they never write.
workflow.statemachine.machine registers them as the ``conditions`` of the transitions they are named on, after
``phase_open``, which every event has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from models.schema import Assessment, Campaign, Objection, Score
from rubrics.model import Rubric, StarLevel
from rubrics.scoring import star_for
from workflow import clock
from workflow.errors import GuardFailed
from workflow.i18n import Label, Listing, Msg, label
from workflow.publicity_log import logged_start
from workflow.statemachine.declaration import event, phase, state


@dataclass
class GuardContext:
    assessment: Assessment
    campaign: Campaign
    rubric: Rubric
    trigger: str
    event_label: Label  # rendered in the reader's language, like every refusal parameter


Guard = Callable[[GuardContext], GuardFailed | None]


def phase_open(ctx: GuardContext) -> GuardFailed | None:
    """The campaign is in one of the phases the event is declared for (an annual review's own, if any)."""
    spec = event(ctx.trigger)
    phases: list[str] = spec["review_phases"] if "review_phases" in spec and _round_kind(ctx) == "review" \
        else spec["phases"]
    if ctx.campaign.phase in phases:
        return None
    return GuardFailed("err.event_phase", event=ctx.event_label, phase=Label(phase(ctx.campaign.phase)),
                       allowed=Listing(Label(phase(p)) for p in phases))


def scored_codes(assessment_id: int, kind: str) -> set[str]:
    query = Score.select(Score.code).where((Score.assessment == assessment_id) & (Score.kind == kind))
    return {row.code for row in query}


def _all_scored(ctx: GuardContext, kind: str) -> GuardFailed | None:
    have = scored_codes(ctx.assessment.id, kind)
    missing = [code for code in ctx.rubric.leaf_codes() if code not in have and not _is_bonus(ctx.rubric, code)]
    if not missing:
        return None
    shown = Msg("list.more", items=Listing(missing[:8])) if len(missing) > 8 else Listing(missing)
    return GuardFailed("err.unscored", count=len(missing), kind=Msg(f"word.{kind}"), codes=shown)


def _is_bonus(rubric: Rubric, code: str) -> bool:
    # Bonus items (奖励加分) are optional: a school without any still submits.
    return rubric.bonus is not None and any(item.code == code for item in rubric.bonus.items)


def all_self_scored(ctx: GuardContext) -> GuardFailed | None:
    return _all_scored(ctx, "self")


def all_verified_scored(ctx: GuardContext) -> GuardFailed | None:
    return _all_scored(ctx, "verified")


def publicity_elapsed(ctx: GuardContext) -> GuardFailed | None:
    """The publicity period has run, counted from the start the audit log vouches for
    (workflow/publicity_log.py): the column alone can be moved back with SQL."""
    code = ctx.assessment.school.code
    logged = logged_start(ctx.assessment.id)
    if logged is not None and not logged.intact:
        return GuardFailed("err.publicity_unvouched", school=code, seq=logged.seq)
    in_publicity = ctx.assessment.state == "publicized"
    if in_publicity and (logged is None or not logged.start or logged.state not in (None, "publicized")):
        return GuardFailed("err.publicity_unlogged", school=code)
    return publicity_wait(logged.start if logged is not None else ctx.assessment.publicized_at,
                          ctx.campaign.publicity_days)


def publicity_wait(started: str | None, days: int) -> GuardFailed | None:
    """The wait itself: ``days`` from ``started`` (none, never publicized: nothing to wait for)."""
    if not started:
        return None
    start = datetime.fromisoformat(started)
    end = start + timedelta(days=days)
    if clock.now() >= end:
        return None
    return GuardFailed("err.publicity_running", start=start.date().isoformat(), days=days, end=end.date().isoformat())


def no_open_objection(ctx: GuardContext) -> GuardFailed | None:
    count = (
        Objection.select()
        .where((Objection.assessment == ctx.assessment.id) & (Objection.status == "open"))
        .count()
    )
    return GuardFailed("err.open_objections", count=count) if count else None


def current_star(ctx: GuardContext) -> StarLevel | None:
    level = ctx.assessment.star_level
    return next((s for s in ctx.rubric.star_levels if s.level == level), None)


def reviewed_star(ctx: GuardContext) -> StarLevel | None:
    total = ctx.assessment.verified_total
    if total is None:
        return None
    return star_for(ctx.rubric, total, vetoed=bool(ctx.assessment.vetoes))


def _authority_refusal(ctx: GuardContext, star: StarLevel | None) -> GuardFailed:
    name = Label({"zh": star.name_zh, "en": star.name_en}) if star else Msg("word.no_star")
    authority = Msg(f"authority.{star.authority}") if star else Msg("word.none")
    return GuardFailed("err.star_authority", event=ctx.event_label, star=name, authority=authority)


def star_certified_locally(ctx: GuardContext) -> GuardFailed | None:
    star = current_star(ctx)
    return None if star is not None and star.authority == "local" else _authority_refusal(ctx, star)


def star_sent_upward(ctx: GuardContext) -> GuardFailed | None:
    star = current_star(ctx)
    return None if star is not None and star.authority != "local" else _authority_refusal(ctx, star)


def no_star(ctx: GuardContext) -> GuardFailed | None:
    star = current_star(ctx)
    return None if star is None else _authority_refusal(ctx, star)


def _compare(ctx: GuardContext, relation: str) -> GuardFailed | None:
    # Relative to the level certified before the round (a review row starts with it as star_level).
    prior = ctx.assessment.prior_level if ctx.assessment.entry != "initial" else ctx.assessment.star_level
    old = prior or 0
    new_star = reviewed_star(ctx)
    new = new_star.level if new_star else 0
    holds = {"higher": new > old, "same": new == old, "lower": new < old}[relation]
    if holds:
        return None
    return GuardFailed("err.level_compare", event=ctx.event_label, relation=Msg(f"relation.{relation}"),
                       old=_level_words(old), new=_level_words(new))


def _level_words(level: int) -> Msg:
    """A level as the refusal says it, with its unit: 3星; none reached: 未达星级."""
    return Msg("word.level", level=level) if level > 0 else Msg("word.no_star")


def reviewed_level_higher(ctx: GuardContext) -> GuardFailed | None:
    return _compare(ctx, "higher")


def reviewed_level_same(ctx: GuardContext) -> GuardFailed | None:
    return _compare(ctx, "same")


def reviewed_level_lower(ctx: GuardContext) -> GuardFailed | None:
    return _compare(ctx, "lower")


def _round_kind(ctx: GuardContext) -> str:
    round_row = ctx.assessment.round if ctx.assessment.round_id is not None else None
    return str(round_row.kind) if round_row is not None else "initial"


def initial_rating(ctx: GuardContext) -> GuardFailed | None:
    """The school entered by enrolment in the initial rating (not a review's or an upward review's entry)."""
    if ctx.assessment.entry == "initial" and _round_kind(ctx) == "initial":
        return None
    return GuardFailed("err.initial_rating_only", event=ctx.event_label)


def review_with_publicity(ctx: GuardContext) -> GuardFailed | None:
    """A review's results go through publicity only where the campaign says so."""
    if ctx.assessment.state != "re_reviewing" or ctx.campaign.review_publicity:
        return None
    return GuardFailed("err.review_publicity_off")


def review_without_publicity(ctx: GuardContext) -> GuardFailed | None:
    return GuardFailed("err.review_publicity_on") if ctx.campaign.review_publicity else None


def none_carried(ctx: GuardContext) -> GuardFailed | None:
    """Every verified score carried from the last round has been confirmed or changed by an expert."""
    codes = [row.code for row in Score.select(Score.code).where(
        (Score.assessment == ctx.assessment.id) & (Score.kind == "verified") & Score.carried).order_by(Score.code)]
    if not codes:
        return None
    shown = Msg("list.more", items=Listing(codes[:8])) if len(codes) > 8 else Listing(codes)
    return GuardFailed("err.carried_left", count=len(codes), codes=shown)


GUARDS: dict[str, Guard] = {
    "phase_open": phase_open,
    "all_self_scored": all_self_scored,
    "all_verified_scored": all_verified_scored,
    "publicity_elapsed": publicity_elapsed,
    "no_open_objection": no_open_objection,
    "star_certified_locally": star_certified_locally,
    "star_sent_upward": star_sent_upward,
    "no_star": no_star,
    "reviewed_level_higher": reviewed_level_higher,
    "reviewed_level_same": reviewed_level_same,
    "reviewed_level_lower": reviewed_level_lower,
    "review_with_publicity": review_with_publicity,
    "review_without_publicity": review_without_publicity,
    "none_carried": none_carried,
    "initial_rating": initial_rating,
}


def state_label(name: str) -> str:
    return label(state(name))
