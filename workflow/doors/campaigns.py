"""Campaigns: create one, enrol schools, move it through its phases."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Any

from peewee import fn as pw_fn

import workflow.upward_messages  # noqa: F401  - registers err.upward_review_enrol, which enrol raises
from models.schema import Assessment, Campaign, NoticeText, Region, Round, School
from rubrics.errors import RubricError
from rubrics.loader import resolve_rubric, rubric_to_dict
from workflow import audit, clock
from workflow.audit_facts import enrolled_facts
from workflow.door import latest_round, load_campaign, write
from workflow.doors.notice_texts import OWN_TO_A_NOTICE
from workflow.errors import GuardFailed, InvalidInput, NotFound, PermissionDenied
from workflow.i18n import Label, Listing, Msg, Quoted, register
from workflow.permissions import (
    Actor,
    allowed,
    contains,
    covers,
    region_label,
    require,
    require_campaign_scope,
    require_school_scope,
    require_tier,
)
from workflow.publicity_log import campaign_publicity
from workflow.statemachine.declaration import INITIAL_STATE, PHASES, phase
from workflow.statemachine.guards import state_label
from workflow.statemachine.phases import (
    next_phase,
    parse_windows,
    shift_years,
    windows_from_json,
    windows_to_json,
)

register({
    # Said to whoever may enrol the school (a whole-server admin, a city admin in its own campaign):
    # the campaign's region is the limit here, not the user's own (the user's is refused before).
    "err.school_outside_campaign": {
        "zh": "不能参评：{what}属于{region}，不在评定工作“{title}”的区划（{campaign_region}）内。",
        "en": "Cannot enrol: {what} belongs to {region}, outside the region of campaign '{title}' "
              "({campaign_region}).",
    },
    "why.region_label": {
        "zh": "“{given}”不是行政区划{code}的名称（{name}）：有区划代码的评定工作，地区即该区划的名称，可省略",
        "en": "'{given}' is not the name of region {code} ({name}): a campaign with a region code is labelled "
              "with that region's name, and the label may be left out",
    },
})

PUBLICITY_DAYS = (0, 60)  # how long publicity (公示) may run, in days: at creation and when changed later


def create_campaign(
    actor: Actor,
    *,
    year: int,
    region: str,
    title: str,
    rubric: str,
    windows: dict[str, Any],
    organ: str = "",
    publicity_days: int = 5,
    review_publicity: bool = False,
    region_code: str | None = None,
) -> Campaign:
    """Set up a year's campaign; the rubric is copied in, so later edits of its file don't leak in.
    ``region_code``: the Region that runs it (an officer with a region: its own when not given);
    ``region`` may then be left empty and is the region's name."""
    require(actor, "campaign.create")
    region_code = (region_code or "").strip() or actor.region_code or ""
    if region_code:
        from workflow.doors.regions import require_known_region

        known = require_known_region(region_code, actor)
        require_tier(actor, Campaign(region_code=region_code, title=title.strip()))  # its own tier's only
        region = region_label_of(region, known)
    if not region.strip():
        raise InvalidInput("err.invalid", where=Msg("field.region"), what=Msg("why.required"))
    if not title.strip():
        raise InvalidInput("err.invalid", where=Msg("field.title"), what=Msg("why.required"))
    if not 2000 <= int(year) <= 2100:
        raise InvalidInput("err.invalid", where=Msg("field.year"), what=str(year))
    if not PUBLICITY_DAYS[0] <= int(publicity_days) <= PUBLICITY_DAYS[1]:
        raise InvalidInput("err.invalid", where=Msg("field.publicity_days"), what=str(publicity_days))
    parsed = parse_windows(windows, default_year=int(year))
    try:
        loaded = resolve_rubric(rubric)
    except RubricError as exc:
        raise InvalidInput("err.invalid", where=Msg("field.rubric"), what=str(exc)) from exc
    frozen = json.dumps(rubric_to_dict(loaded), ensure_ascii=False, sort_keys=True)

    def body() -> Campaign:
        row = Campaign.create(
            year=int(year), region=region.strip(), title=title.strip(), organ=organ.strip(),
            rubric_id=loaded.id, rubric_json=frozen, phase=PHASES[0]["name"],
            windows_json=windows_to_json(parsed), publicity_days=int(publicity_days), created_at=clock.stamp(),
            review_publicity=bool(review_publicity), region_code=region_code,
        )
        Round.create(campaign=row.id, year=row.year, kind="initial", opened_at=row.created_at, opened_by=actor.name)
        audit.append(actor=actor.name, action="campaign.create", campaign_id=row.id, to_state=row.phase,
                     payload={"year": row.year, "region": row.region, "region_code": row.region_code,
                              "title": row.title, "rubric": loaded.id, "windows": json.loads(row.windows_json),
                              "publicity_days": row.publicity_days, "review_publicity": row.review_publicity})
        return row

    return write(body)


def region_label_of(given: str | None, region: Region) -> str:
    """A campaign's region label (地区, on its notices and lists) when it has a region code: that
    region's name. A free-text label could otherwise name another county than the one that runs it."""
    given = (given or "").strip()
    if given and given != region.name:
        raise InvalidInput("err.invalid", where=Msg("field.region"),
                           what=Msg("why.region_label", given=given, code=region.code, name=region.name))
    return str(region.name)


def set_publicity_days(actor: Actor, campaign_id: int | None, days: int) -> tuple[Campaign, int]:
    """Change how many days publicity (公示) runs; the campaign and the length it had before.

    Only until the first school of the campaign is publicized: from then on its end date (the
    certify guard ``publicity_elapsed``, the publicity list's 公示期) is counted from these days,
    and the list already published names them. An unchanged length writes nothing.
    """
    # Whoever may set a campaign up may change its settings; the refusal names this deed, not "create".
    if not allowed(actor.role, "campaign.create"):
        raise PermissionDenied("err.permission", role=Msg(f"role.{actor.role}"), action=Msg("action.publicity_days"))
    low, high = PUBLICITY_DAYS
    if not low <= int(days) <= high:
        raise InvalidInput("err.invalid", where=Msg("field.publicity_days"),
                           what=Msg("why.days_range", value=days, low=low, high=high))

    def body() -> tuple[Campaign, int]:
        row = load_campaign(campaign_id)
        require_campaign_scope(actor, row)
        started = (Assessment.select(pw_fn.MIN(Assessment.publicized_at), pw_fn.COUNT(Assessment.id))
                   .where((Assessment.campaign == row.id) & Assessment.publicized_at.is_null(False)).tuples())
        first, count = next(iter(started))
        # The log too (workflow/publicity_log.py): a start emptied with SQL does not reopen the length.
        logged = campaign_publicity(int(row.id))
        if logged is not None:
            first, count = min(str(first or logged[0]), logged[0]), max(int(count), logged[1])
        if count:
            raise GuardFailed("err.publicity_days_started", title=Quoted(row.title), start=str(first)[:10], count=count,
                              days=row.publicity_days)
        before = int(row.publicity_days)
        if before == int(days):
            return row, before
        row.publicity_days = int(days)
        row.save()
        # The campaign's facts (publicity_days among them) are read back by audit.append for replay.
        audit.append(actor=actor.name, action="campaign.publicity_days", campaign_id=row.id,
                     payload={"from": before, "to": row.publicity_days})
        return row, before

    return write(body)


def leftovers(campaign: Campaign) -> dict[str, int]:
    """What advancing would leave behind: counts of schools per state, by state label."""
    newest = latest_round(campaign.id)
    counts = Counter(
        a.state for a in Assessment.select(Assessment.state).where(Assessment.round == newest.id)
    )
    return {state_label(state): n for state, n in counts.items()}


def advance_campaign(actor: Actor, campaign_id: int | None = None) -> Campaign:
    require(actor, "campaign.advance")

    def body() -> Campaign:
        row = load_campaign(campaign_id)
        require_campaign_scope(actor, row)
        target = next_phase(row.phase)
        if target is None:
            raise GuardFailed("err.phase_last", phase=Label(phase(row.phase)))
        before = row.phase
        snapshot = leftovers(row)
        row.phase = target
        row.save()
        audit.append(actor=actor.name, action="campaign.advance", campaign_id=row.id, from_state=before,
                     to_state=target, payload={"states": snapshot})
        return row

    return write(body)


def enrol(actor: Actor, campaign_id: int, school_codes: Iterable[str] | None = None) -> int:
    """Enrol the given schools (all schools when None); returns how many were newly enrolled."""
    require(actor, "school.enrol")

    def body() -> int:
        campaign = load_campaign(campaign_id)
        require_campaign_scope(actor, campaign)
        if campaign.upward_of is not None:  # an upward review takes the counties' recommendations only
            raise GuardFailed("err.upward_review_enrol", title=Quoted(campaign.title), year=campaign.upward_of)
        newest = latest_round(campaign.id)
        if newest.kind != "initial":
            raise GuardFailed("err.round_enrol_review", year=newest.year)
        if school_codes is None:
            return _enrol_all(actor, campaign, int(newest.id))
        else:
            codes = list(dict.fromkeys(school_codes))
            found = {s.code: s for s in School.select().where(School.code.in_(codes))}
            # Another region's school is missing too, in the same list: naming all but it would say it exists.
            missing = [c for c in codes if c not in found or not covers(actor, found[c].region_code)]
            if missing:
                raise NotFound("err.not_found", what=Msg("word.school"), key=Listing(missing[:10]))
            schools = [found[c] for c in codes]
            for school in schools:  # only the campaign's own region's schools (and the officer's)
                require_school_scope(actor, school.code)
                if not contains(campaign.region_code, school.region_code):
                    raise InvalidInput("err.school_outside_campaign",
                                       what=Msg("word.school_named", name=school.name, code=school.code),
                                       region=region_label(school.region_code), title=Quoted(campaign.title),
                                       campaign_region=region_label(campaign.region_code))
        already = {a.school_id for a in Assessment.select(Assessment.school).where(
            Assessment.round == newest.id)}
        new = [s for s in schools if s.id not in already]
        now = clock.stamp()
        rows = [{"campaign": campaign.id, "round": newest.id, "school": s.id, "state": INITIAL_STATE, "version": 1,
                 "updated_by": actor.name, "updated_at": now} for s in new]
        for start in range(0, len(rows), 500):
            Assessment.insert_many(rows[start:start + 500]).execute()
        added = {s.id for s in new}
        ids = [aid for aid, sid in Assessment.select(Assessment.id, Assessment.school)
               .where(Assessment.round == newest.id).tuples() if sid in added]
        audit.append(actor=actor.name, action="campaign.enrol", campaign_id=campaign.id,
                     to_state=INITIAL_STATE,
                     payload={"count": len(new), "schools": [s.code for s in new][:2000],
                              "facts": enrolled_facts(newest.id, ids)})
        return len(new)

    return write(body)


# Columns an enrolment fills with the model's own defaults (provisional, vetoes, entry, ...), so the
# INSERT … SELECT below writes the same row insert_many would.
_ENROL_SET = ("campaign", "round", "school", "state", "version", "updated_by", "updated_at")


def _enrol_all(actor: Actor, campaign: Campaign, round_id: int) -> int:
    """Every registered school not yet in the round, in one INSERT … SELECT: at 500,000 schools
    the rows never pass through Python (that path held 730 MB and took 20x the SQL)."""
    from models.db import database

    p = database.obj.param
    # NOT IN, not NOT EXISTS: PostgreSQL hashes the round's school ids once; with NOT EXISTS and stale
    # statistics it chose a scan of assessment per school (93 s for 100,000 schools against 3 s).
    # A campaign with a region enrols its region's schools only (a range on the indexed column).
    region = campaign.region_code or ""
    bounds: tuple[str, ...] = (region, region + "9" * (6 - len(region))) if region else ()
    within = f" AND s.region_code >= {p} AND s.region_code <= {p}" if region else ""
    missing = (f"FROM school s WHERE s.id NOT IN (SELECT a.school_id FROM assessment a WHERE a.round_id = {p})"
               + within)
    # The audit names the first 2,000 schools enrolled, as before; read them before they are in.
    first = [code for (code,) in database.execute_sql(
        f"SELECT s.code {missing} ORDER BY s.display_order, s.code LIMIT 2000", (round_id, *bounds))]
    if not first:
        count = 0
    else:
        defaults = [(f.column_name, f.default) for f in Assessment._meta.sorted_fields
                    if f.name not in _ENROL_SET and f.name != "id" and f.default is not None
                    and not callable(f.default)]
        columns = ["campaign_id", "round_id", "school_id", "state", "version", "updated_by", "updated_at",
                   *(name for name, _v in defaults)]
        values = [campaign.id, round_id, INITIAL_STATE, 1, actor.name, clock.stamp(), *(v for _n, v in defaults)]
        marks = ", ".join([p, p, "s.id", *([p] * (len(values) - 2))])
        cursor = database.execute_sql(
            f"INSERT INTO assessment ({', '.join(columns)}) SELECT {marks} {missing} ORDER BY s.display_order, s.code",
            (*values, round_id, *bounds))
        count = int(cursor.rowcount)
    # What replay rebuilds (workflow/audit_facts.py): the new rows, as runs of ids.
    new_ids = [aid for (aid,) in database.execute_sql(
        f"SELECT id FROM assessment WHERE round_id = {p} AND state = {p} AND version = 1", (round_id, INITIAL_STATE))]
    audit.append(actor=actor.name, action="campaign.enrol", campaign_id=campaign.id, to_state=INITIAL_STATE,
                 payload={"count": count, "schools": first, "facts": enrolled_facts(round_id, new_ids)})
    return count



def create_campaign_like(actor: Actor, source_id: int, *, year: int, title: str | None = None,
                         region: str | None = None, organ: str | None = None) -> tuple[Campaign, int]:
    """The next cycle (下一周期) from an earlier campaign: its frozen rubric, its phase windows moved to
    ``year``, its schools enrolled and its notice texts copied (not its 成文日期). Returns the campaign
    and how many schools were enrolled. The earlier campaign is only read."""
    require(actor, "campaign.create")
    if not 2000 <= int(year) <= 2100:
        raise InvalidInput("err.invalid", where=Msg("field.year"), what=str(year))

    def body() -> tuple[Campaign, int]:
        source = load_campaign(source_id)
        require_campaign_scope(actor, source)
        following = Campaign.get_or_none(Campaign.succeeds == source.id)
        if following is not None:  # one cycle follows another: a second would make two "next years" of one
            raise GuardFailed("err.campaign_succeeded_already", title=Quoted(source.title),
                              next_title=Quoted(following.title), next_id=following.id)
        shift = int(year) - int(source.year)
        windows = {name: (shift_years(start, shift), shift_years(end, shift))
                   for name, (start, end) in windows_from_json(source.windows_json).items()}
        new_title = (title or "").strip() or source.title.replace(str(source.year), str(year))
        known = Region.get_or_none(Region.code == source.region_code) if source.region_code else None
        label = region_label_of(region, known) if known is not None else (region or "").strip() or source.region
        row = Campaign.create(
            year=int(year), region=label, title=new_title,
            organ=source.organ if organ is None else organ.strip(), rubric_id=source.rubric_id,
            rubric_json=source.rubric_json, phase=PHASES[0]["name"], windows_json=windows_to_json(windows),
            publicity_days=source.publicity_days, review_publicity=source.review_publicity,
            created_at=clock.stamp(), region_code=source.region_code, succeeds=source.id,
        )
        Round.create(campaign=row.id, year=row.year, kind="initial", opened_at=row.created_at, opened_by=actor.name)
        schools = sorted({a.school_id for a in Assessment.select(Assessment.school)
                          .where(Assessment.campaign == source.id)})
        now = clock.stamp()
        first_round = Round.get((Round.campaign == row.id) & (Round.year == row.year))
        enrolled = [{"campaign": row.id, "round": first_round.id, "school": sid, "state": INITIAL_STATE,
                     "version": 1, "updated_by": actor.name, "updated_at": now} for sid in schools]
        for start in range(0, len(enrolled), 500):
            Assessment.insert_many(enrolled[start:start + 500]).execute()
        last = Round.select().where(Round.campaign == source.id).order_by(Round.year.desc()).first()
        texts = [t for t in NoticeText.select().where(NoticeText.round == last.id) if t.key not in OWN_TO_A_NOTICE]
        for text in texts:
            NoticeText.create(campaign=row.id, round=first_round.id, key=text.key, text=text.text,
                              updated_by=actor.name, updated_at=now)
        audit.append(actor=actor.name, action="campaign.create", campaign_id=row.id, to_state=row.phase,
                     payload={"year": row.year, "region": row.region, "title": row.title, "rubric": row.rubric_id,
                              "windows": json.loads(row.windows_json), "like": source.id,
                              "publicity_days": row.publicity_days, "review_publicity": row.review_publicity,
                              "notice_texts": {t.key: t.text for t in texts}})
        ids = [aid for (aid,) in Assessment.select(Assessment.id).where(Assessment.round == first_round.id).tuples()]
        audit.append(actor=actor.name, action="campaign.enrol", campaign_id=row.id, to_state=INITIAL_STATE,
                     payload={"count": len(enrolled), "like": source.id,
                              "facts": enrolled_facts(first_round.id, ids)})
        return row, len(enrolled)

    return write(body)
