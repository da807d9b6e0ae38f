"""Review rounds (轮次): opening a year's annual review, schools entering it, carried scores, and
the higher authority's decision on a school sent upward.

A round's assessments are new rows: the previous round's stay as they were settled (frozen), and
the new sheet starts from the previous verified scores marked as carried (沿用) until an expert
confirms or changes each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import workflow.upward_messages  # noqa: F401  - registers err.upward_in_review, which this door raises
from models.db import database
from models.schema import Assessment, Campaign, Round, School, Score
from rubrics.scoring import star_for
from workflow import audit, clock
from workflow.audit_facts import assessment_facts, round_facts
from workflow.door import latest_round, load_assessment, load_campaign, write
from workflow.doors.notice_texts import copy_round_texts
from workflow.errors import GuardFailed, InvalidInput, NotFound
from workflow.i18n import Label, Listing, Msg, Quoted, t
from workflow.permissions import Actor, require, require_campaign_scope, require_school_scope
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import (
    ENTRY_STATES,
    SCORE_STATES,
    SETTLED_STATES,
    WITHDRAWN,
    phase,
    state,
)
from workflow.statemachine.events import fire
from workflow.statemachine.phases import campaign_windows, parse_date, shift_years

MAX_APPLICATION = 4000


@dataclass(frozen=True)
class OpenedRound:
    round_id: int
    year: int
    chosen: int


def _previous(campaign_id: int, before_year: int, codes: list[str] | None) -> dict[str, Assessment]:
    """Each school's latest assessment in a round earlier than ``before_year`` (code -> row)."""
    query = (Assessment.select(Assessment, School, Round).join(School).switch(Assessment).join(Round)
             .where((Round.campaign == campaign_id) & (Round.year < before_year)).order_by(Round.year))
    if codes is not None:
        query = query.where(School.code.in_(codes))
    latest: dict[str, Assessment] = {}
    for row in query:
        latest[row.school.code] = row
    return latest


def _enter(actor: Actor, campaign: Campaign, target: Round, previous: list[Assessment], entry: str,
           *, application: str = "", improved: str = "") -> list[int]:
    """New assessments in ``target`` for ``previous``'s schools, carrying their scores; their ids."""
    now = clock.stamp()
    rows = [{
        "campaign": campaign.id, "round": target.id, "school": p.school_id, "state": ENTRY_STATES[entry],
        "version": 1, "self_total": p.self_total, "verified_total": p.verified_total,
        "star_level": p.star_level, "prior_level": p.star_level, "provisional": p.provisional,
        "vetoes": p.vetoes, "entry": entry, "application": application, "improved": improved,
        "updated_by": actor.name, "updated_at": now,
    } for p in previous]
    for start in range(0, len(rows), 500):
        Assessment.insert_many(rows[start:start + 500]).execute()
    new_ids = dict(Assessment.select(Assessment.school, Assessment.id)
                   .where(Assessment.round == target.id).tuples())
    pairs = [(int(p.id), int(new_ids[p.school_id])) for p in previous]
    for start in range(0, len(pairs), 400):
        chunk = pairs[start:start + 400]
        values = ", ".join([f"({database.param}, {database.param})"] * len(chunk))
        database.execute_sql(
            "INSERT INTO score (assessment_id, code, kind, value, evidence, entered_by, entered_at, carried) "
            "SELECT m.column2, s.code, s.kind, s.value, s.evidence, s.entered_by, s.entered_at, TRUE "
            f"FROM score s JOIN (SELECT * FROM (VALUES {values}) AS v) AS m ON s.assessment_id = m.column1",
            [n for pair in chunk for n in pair])
    return [new for _old, new in pairs]


def _entry_facts(campaign_id: int, pairs: list[tuple[int, int]]) -> dict[str, Any]:
    """A bulk entry vouched for: the new schools' own facts, and whose scores each carries."""
    return {"a": assessment_facts(new for _old, new in pairs), "carried": {str(new): old for old, new in pairs},
            "n": {str(new): {} for _old, new in pairs}, "r": round_facts(campaign_id),
            "rec": {str(new): {"p": {}, "v": {}, "o": {}, "r": []} for _old, new in pairs}}  # none carried


def open_round(actor: Actor, year: int, *, campaign_id: int | None = None, schools: Iterable[str] | None = None,
               all_settled: bool = False, window: tuple[str | date, str | date] | None = None) -> OpenedRound:
    """Open ``year``'s annual review (年度复核): in the promotion phase, one per year, after every
    school of the open round is settled. ``all_settled`` or ``schools`` are the bureau's choice;
    others enter later by applying (``apply_for_review``) or being chosen (``choose_for_review``)."""
    require(actor, "round.open")

    def body() -> OpenedRound:
        campaign = load_campaign(campaign_id)
        require_campaign_scope(actor, campaign)
        if campaign.phase != "promotion":
            raise GuardFailed("err.round_phase", phase=Label(phase(campaign.phase)))
        following = Campaign.get_or_none(Campaign.succeeds == campaign.id)
        if following is not None:  # its cycle is over: every round of it is frozen, a new one would be too
            raise GuardFailed("err.round_open_succeeded", title=Quoted(campaign.title),
                              next_title=Quoted(following.title), next_id=following.id)
        newest = latest_round(campaign.id)
        if int(year) <= int(newest.year) or int(year) > 2100:
            raise InvalidInput("err.round_year", latest=newest.year, year=year)
        open_rows = list(Assessment.select(Assessment, School).join(School)
                         .where((Assessment.round == newest.id) & Assessment.state.not_in(SETTLED_STATES))
                         .order_by(School.display_order).limit(6))
        if open_rows:
            count = (Assessment.select().where((Assessment.round == newest.id)
                                               & Assessment.state.not_in(SETTLED_STATES)).count())
            shown = Listing(Msg("round.school_state", school=r.school.name, state=Label(state(r.state)))
                            for r in open_rows[:5])
            raise GuardFailed("err.round_unsettled", count=count, year=newest.year, schools=shown)
        start, end = _window(campaign, int(year), window)
        target = Round.create(campaign=campaign.id, year=int(year), kind="review", opened_at=clock.stamp(),
                              opened_by=actor.name, window_start=start, window_end=end)
        chosen: list[Assessment] = []
        if all_settled or schools is not None:
            codes = None if all_settled else list(dict.fromkeys(schools or []))
            found = _previous(campaign.id, int(year), codes)
            if codes is not None:
                missing = [c for c in codes if c not in found]
                if missing:
                    raise NotFound("err.not_found", what=Msg("word.school"), key=Listing(missing[:10]))
                chosen = [found[c] for c in codes]
            else:
                # A school that did not take part (未参评) has no level to review: not chosen by --all.
                chosen = [r for r in found.values() if r.state in SETTLED_STATES and r.state != WITHDRAWN]
        new_ids = _enter(actor, campaign, target, chosen, "chosen")
        pairs = [(int(r.id), new) for r, new in zip(chosen, new_ids, strict=True)]
        texts = copy_round_texts(actor, int(campaign.id), newest, int(target.id))
        audit.append(actor=actor.name, action="round.open", campaign_id=campaign.id, to_state="review",
                     payload={"year": int(year), "round": target.id, "window": [start.isoformat(), end.isoformat()],
                              "chosen": [r.school.code for r in chosen][:2000], "count": len(chosen),
                              "facts": {**_entry_facts(int(campaign.id), pairs), "rt": {str(target.id): texts}}})
        return OpenedRound(int(target.id), int(year), len(chosen))

    return write(body)


def _window(campaign: Campaign, year: int, window: tuple[str | date, str | date] | None) -> tuple[date, date]:
    """The review's working window: as given, else the campaign's promotion window moved to ``year``."""
    if window is not None:
        start = parse_date(window[0], field=Msg("field.phase_start", phase=Label(phase("promotion"))),
                           default_year=year)
        end = parse_date(window[1], field=Msg("field.phase_end", phase=Label(phase("promotion"))),
                         default_year=year)
        if end < start:
            raise InvalidInput("err.window_backwards", phase=Label(phase("promotion")), start=start, end=end)
        return start, end
    first, last = campaign_windows(campaign)["promotion"]
    shift = year - first.year
    return shift_years(first, shift), shift_years(first, shift) + timedelta(days=(last - first).days)



def _enter_one(actor: Actor, campaign_id: int | None, code: str, entry: str, *, application: str = "",
               improved: str = "") -> Assessment:
    def body() -> Assessment:
        campaign = load_campaign(campaign_id)
        target = latest_round(campaign.id)
        school = School.get_or_none(School.code == code)
        if school is None:
            raise NotFound("err.not_found", what=Msg("word.school"), key=code)
        require_school_scope(actor, school.code, campaign=campaign)
        if target.kind != "review":
            raise GuardFailed("err.round_initial")
        if Assessment.select().where((Assessment.round == target.id) & (Assessment.school == school.id)).exists():
            raise GuardFailed("err.round_already_in", school=school.name, year=target.year)
        previous = _previous(campaign.id, int(target.year), [code]).get(code)
        if previous is None:
            raise GuardFailed("err.round_no_previous", school=school.name, year=target.year - 1)
        if previous.state not in SETTLED_STATES:
            raise GuardFailed("err.round_not_settled_school", school=school.name, year=previous.round.year,
                              state=Label(state(previous.state)))
        [new_id] = _enter(actor, campaign, target, [previous], entry, application=application, improved=improved)
        audit.append(actor=actor.name, action=f"round.{entry}", campaign_id=campaign.id, assessment_id=new_id,
                     school_code=code, to_state=ENTRY_STATES[entry],
                     payload={"year": int(target.year), "round": target.id, "carried_from": previous.id,
                              "application": application, "improved": improved,
                              "prior_level": previous.star_level})
        return load_assessment(new_id)

    return write(body)


def apply_for_review(actor: Actor, code: str, *, text: str, improved: Iterable[str],
                     campaign_id: int | None = None) -> Assessment:
    """申请晋级: a school asks to be reviewed this year, saying why and which indicators improved."""
    require(actor, "round.apply")
    cleaned = " ".join(text.split())
    codes = [c.strip() for c in improved if c.strip()]
    if not cleaned or not codes:
        raise InvalidInput("err.application_text")
    if len(cleaned) > MAX_APPLICATION:
        raise InvalidInput("err.invalid", where=Msg("field.application"),
                           what=Msg("why.too_long_limit", length=len(cleaned), limit=MAX_APPLICATION))
    rubric = rubric_of(load_campaign(campaign_id))
    unknown = [c for c in codes if not _indicator(rubric, c)]
    if unknown:
        raise InvalidInput("err.invalid", where=Msg("field.improved"),
                           what=Msg("why.not_one_of", value=Listing(unknown), known=rubric.id))
    return _enter_one(actor, campaign_id, code, "applied", application=cleaned, improved=",".join(codes))


def _indicator(rubric: Any, code: str) -> bool:
    try:
        rubric.find(code)
    except KeyError:
        return False
    return True


def choose_for_review(actor: Actor, codes: Iterable[str], *, campaign_id: int | None = None) -> list[Assessment]:
    """The bureau puts settled schools into this year's review (局定复核)."""
    require(actor, "round.open")
    return [_enter_one(actor, campaign_id, code, "chosen") for code in dict.fromkeys(codes)]


def confirm_carried(actor: Actor, assessment_id: int, codes: Iterable[str] | None = None) -> int:
    """An expert confirms carried verified scores as this year's (all of them when ``codes`` is None)."""
    require(actor, "score.verified")

    def body() -> int:
        row = load_assessment(assessment_id, change=True)
        # region, recusal, assignment, tier
        require_school_scope(actor, row.school.code, scoring_round=row.round, campaign=row.campaign)
        if row.state not in SCORE_STATES["verified"]:
            raise GuardFailed("err.score_phase", state=Label(state(row.state)), kind=Msg("word.verified"))
        query = Score.select(Score.code, Score.value).where(
            (Score.assessment == row.id) & (Score.kind == "verified") & Score.carried)
        if codes is not None:
            query = query.where(Score.code.in_(list(codes)))
        confirmed = {code: str(value) for code, value in query.tuples()}
        if confirmed:
            (Score.update(carried=False, entered_by=actor.name, entered_at=clock.stamp())
             .where((Score.assessment == row.id) & (Score.kind == "verified") & Score.code.in_(list(confirmed)))
             .execute())
            row.version += 1
            row.updated_by = actor.name
            row.updated_at = clock.stamp()
            row.save()
            audit.append(actor=actor.name, action="score.confirm", campaign_id=row.campaign.id, assessment_id=row.id,
                         school_code=row.school.code, from_state=row.state, to_state=row.state,
                         payload={"confirmed": confirmed})
        return len(confirmed)

    return write(body)


def record_upward_decision(actor: Actor, assessment_id: int, *, granted: bool, doc_no: str,
                           decided_on: str | date, level: int | None = None, authority: str = "") -> Assessment:
    """上级认定: the higher authority granted the level the county sent up (or another it names),
    or refused it; the school's level is then that decision, with the document that made it.
    Recorded by hand where the higher tier does not use the system; where it does, its decision
    comes here through ``write_back_upward`` (workflow.doors.upward) and this is refused."""
    require(actor, "upward.record")

    def body() -> Assessment:
        row = load_assessment(assessment_id)
        require_school_scope(actor, row.school.code, campaign=row.campaign)
        reviewing = Assessment.get_or_none(Assessment.upward_from == row.id)
        if reviewing is not None:
            raise GuardFailed("err.upward_in_review", school=row.school.name, title=Quoted(reviewing.campaign.title))
        return write_back_upward(actor, row, granted=granted, doc_no=doc_no, decided_on=decided_on, level=level,
                                 authority=authority)

    return write(body)


def upward_facts(actor: Actor, row: Assessment, *, granted: bool, doc_no: str, decided_on: str | date,
                 level: int | None, authority: str) -> dict[str, Any]:
    """The decision on ``row`` (the county's recommended school) as its door facts: the level granted
    (one the county's rubric sends upward; ``level`` or the one sent up), or on refusal the highest
    level the county itself confers that the verified total earns."""
    rubric = rubric_of(row.campaign)
    upward = [s for s in rubric.star_levels if s.authority != "local"]
    if granted:
        chosen = level if level is not None else row.star_level
        star = next((s for s in upward if s.level == chosen), None)
        if star is None:
            raise InvalidInput("err.upward_level", level=chosen, levels=Listing(str(s.level) for s in upward))
        new_level: int | None = star.level
    else:
        local = [s for s in rubric.star_levels if s.authority == "local"]
        earned = star_for(rubric, row.verified_total, vetoed=bool(row.vetoes)) if row.verified_total is not None else None
        fitting = [s for s in local if earned is not None and s.level <= earned.level]
        new_level = max((s.level for s in fitting), default=None)
        star = next((s for s in rubric.star_levels if s.level == row.star_level), None)
    number = " ".join(doc_no.split())
    if not number or len(number) > 100:
        raise InvalidInput("err.invalid", where=Msg("field.upward_doc_no"), what=Msg("why.required"))
    # The year is the authority's, not the campaign's: a decision often comes the year after.
    on = parse_date(decided_on, field=Msg("field.upward_date"))
    body_authority = " ".join(authority.split()) or _authority_name(star)
    return {"upward": {"granted": granted, "level": new_level, "authority": body_authority,
                       "doc_no": number, "date": on, "by": actor.name}}


def write_back_upward(actor: Actor, row: Assessment, *, granted: bool, doc_no: str, decided_on: str | date,
                      level: int | None = None, authority: str = "", facts: dict[str, Any] | None = None,
                      written_back: bool = False) -> Assessment:
    """The one path an upward decision takes onto the county's row (grant_upward / refuse_upward),
    by hand or written back from the higher tier's review (``written_back``: its own tier's door has
    checked the actor, who acts on the county's campaign only through it)."""
    if row.state != "recommended":
        raise GuardFailed("err.upward_state", school=row.school.name, state=Label(state(row.state)))
    decided = facts if facts is not None else upward_facts(actor, row, granted=granted, doc_no=doc_no,
                                                          decided_on=decided_on, level=level, authority=authority)
    return fire(actor, row.id, "grant_upward" if granted else "refuse_upward", door_facts=decided,
                written_back=written_back)


def _authority_name(star: Any) -> str:
    """The authority the rubric names for an upward level, else the generic 上级教育行政部门."""
    named = str(getattr(star, "authority_name", "") or "")
    return named or t("authority.default_name")
