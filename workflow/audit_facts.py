"""The facts an audit row vouches for: what the rows its write touched hold after it (issue 12).

``audit.append`` puts them in the row's payload under ``facts`` (inside the hash, under the seal),
so ``audit verify`` can rebuild every fact that decides a level or appears in a document from the
log alone (workflow/audit_replay.py) and compare it with the tables. Shapes, all JSON:

- ``a``: assessment id -> its facts (school, round, state, version, totals, level, vetoes, upward, upward_from,
  publicized_at: when its publicity began, provisional: its level rests on provisional rubric parts,
  upward_authority and upward_doc_no: who decided upward and its document, entry, application (a digest) and
  improved: how it entered its round, school_as: [name, township, stage] the round settled the school under
  or null, school_order: its display order then or null; none in rows written before them)
- ``s``: assessment id -> {kind: {indicator: [value, evidence, carried]}}, every score of the kind
- ``sd``: the same shape, only the scores a save changed (null: removed); folded onto what came before,
  so a score save's row is a few hundred bytes, not the whole sheet
- ``n``: assessment id -> {narrative kind: text}
- ``c``: campaign id -> phase, windows, thresholds, publicity days, review publicity, region code, upward year,
  title, issuing organ, the digest of its frozen rubric, its year and the region name the documents print
  (the last five not in rows written before them)
- ``rec``: assessment id -> a school's records: {"p": {problem id: [text, responsible, deadline, status]},
  "v": {verification id: [experts, visited on, methods, findings]}, "o": {objection id: [raised by, text,
  status, resolution]}, "r": sorted [person, duty, indicator] (its responsibilities)}; not in rows written
  before it (an enrolment's ``enrolled`` then says ``records``: its new schools have none)
- ``t``: campaign id -> {notice text key: text}
- ``u``: user name -> [role, disabled, school code, keys] (``keys``: ``keys_digest`` of the user's
  authorized_keys line and file; rows written before it was kept have three entries)
- ``sc``: school code -> [name, township, stage, display order, region code], the schools an import wrote
- ``r``: round id -> [campaign id, year, kind, window start, window end] (rows written before the window
  was kept have the first three)
- ``enrolled``: {round, ids}: new assessments, enrolled with nothing else (a bulk enrolment)
- ``carried``: new assessment id -> the earlier one whose scores it starts from (a review's entry)
- ``checkpoint``: true on the one row that captures a whole database made before facts were kept
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import orjson
import peewee as pw

from models.db import database
from models.schema import (
    Assessment,
    Campaign,
    Narrative,
    NoticeText,
    Objection,
    Problem,
    Responsibility,
    Round,
    School,
    User,
    Verification,
)
from rubrics.decimals import to_text

Facts = dict[str, Any]


def _num(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is Decimal and not value.is_signed():
        # The same words as below, from rubrics.decimals' cache: a province's import words the same few
        # half points millions of times. (A signed value keeps the formula: -0 is worded "-0" here.)
        return to_text(value)
    return format(Decimal(str(value)).normalize(), "f")


def assessment_facts(ids: Iterable[int]) -> dict[str, Any]:
    """Each assessment's own facts, keyed by id (as text: JSON keys). Plain SQL, each column given
    what peewee's field would make of it: an import reads 500 schools a page, and peewee took as long
    to build and convert the query as the database took to run it."""
    wanted = list(ids)
    out: dict[str, Any] = {}
    param = database.obj.param
    decimal, boolean, date = (Assessment.self_total.python_value, Assessment.upward_granted.python_value,
                              Assessment.upward_date.python_value)
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        cursor = database.execute_sql(
            "SELECT a.id, s.code, a.round_id, a.state, a.version, a.self_total, a.verified_total, a.star_level, "
            "a.vetoes, a.upward_granted, a.upward_level, a.upward_doc_no, a.upward_date, a.prior_level, "
            "a.upward_from, a.publicized_at, a.provisional, a.upward_authority, a.entry, a.application, a.improved, "
            "a.school_name, a.school_township, a.school_stage, a.school_order "
            "FROM assessment AS a JOIN school AS s ON s.id = a.school_id "
            f"WHERE a.id IN ({', '.join([param] * len(chunk))})", tuple(chunk))
        for (aid, code, rid, state, version, self_total, verified_total, level, vetoes, granted, up_level, doc_no,
             up_date, prior, upward_from, publicized_at, provisional, authority, entry, application,
             improved, held_name, held_township, held_stage, held_order) in cursor:
            out[str(aid)] = _assessment_entry(
                code, rid, state, version, None if self_total is None else decimal(self_total),
                None if verified_total is None else decimal(verified_total), level, vetoes,
                None if granted is None else boolean(granted), up_level, doc_no,
                None if up_date is None else date(up_date), prior, upward_from, publicized_at, boolean(provisional),
                authority, (entry, application, improved), school_as(held_name, held_township, held_stage),
                None if held_order is None else int(held_order))
    return out


def _assessment_entry(code: str, rid: int | None, state: str, version: int, self_total: Any, verified_total: Any,
                      level: int | None, vetoes: str | None, granted: object, up_level: int | None,
                      doc_no: str | None, up_date: object, prior: int | None,
                      upward_from: int | None, publicized_at: str | None, provisional: object,
                      authority: str | None, application: tuple[str | None, str | None, str | None],
                      settled_as: list[str] | None = None, settled_order: int | None = None) -> dict[str, Any]:
    entry, text, improved = application
    return {"school": code, "round": rid, "state": state, "version": version,
            "self_total": _num(self_total), "verified_total": _num(verified_total),
            "star_level": level, "vetoes": vetoes or "", "prior_level": prior,
            # a higher tier's review entry: the county's record it came from (its decision goes back there)
            "upward_from": upward_from,
            # when its publicity (公示) began: certify counts the wait from it (an SQL edit moving it back
            # would let a school be certified the day it was publicized)
            "publicized_at": publicized_at or None,
            # the notice marks a level resting on provisional rubric parts (暂行): an SQL edit drops or adds the mark
            "provisional": bool(provisional),
            # who decided upward and under which document, whether or not a decision is recorded: the
            # notice and the school's history print both ("upward" holds the number only once decided)
            "upward_authority": authority or "", "upward_doc_no": doc_no or "",
            # how it came into its round and, applying for promotion (申请晋级), what it said and which
            # indicators improved (the text as a digest: up to 4,000 characters)
            "entry": entry or "initial", "application": text_digest(text or ""), "improved": improved or "",
            # the school's name, township and stage as its round settled it: a frozen round's papers print them
            "school_as": settled_as,
            # and its display order then: a frozen round lists its schools in that order
            "school_order": settled_order,
            "upward": None if granted is None else [bool(granted), up_level, doc_no,
                                                     str(up_date) if up_date else None]}


def saved_assessment_facts(row: Assessment) -> dict[str, Any]:
    """``assessment_facts`` of one assessment the caller holds as it has just saved it, without reading
    it back (the score save runs under the county's one write lock). Totals go through their field's
    ``db_value``: what the column holds, not the unrounded sum."""
    return _assessment_entry(
        row.school.code, row.__data__.get("round"), row.state, row.version,
        Assessment.self_total.db_value(row.self_total), Assessment.verified_total.db_value(row.verified_total),
        row.star_level, row.vetoes, row.upward_granted, row.upward_level, row.upward_doc_no, row.upward_date,
        row.prior_level, row.upward_from, row.publicized_at, row.provisional, row.upward_authority,
        (row.entry, row.application, row.improved),
        school_as(row.school_name, row.school_township, row.school_stage), row.school_order)


def school_as(name: str | None, township: str | None, stage: str | None) -> list[str] | None:
    """The school as its round settled it (Assessment.school_name, …), as the facts hold it: null before."""
    return None if name is None else [name, township or "", stage or ""]


def _score_entry(value_text: str | None, evidence: str | None, carried: object) -> list[Any]:
    """One score as the facts hold it: what a full sheet (``s``) and a save's changes (``sd``) both write,
    so the replay compares like with like."""
    return [value_text, evidence or "", bool(carried)]


def score_entry(value: Decimal, evidence: str, carried: bool) -> list[Any]:
    """A score as the facts hold it, from its value (what ``score_change_facts`` makes of each change)."""
    return _score_entry(_num(value), evidence, carried)


def score_facts(ids: Iterable[int]) -> dict[str, Any]:
    """Every score of each assessment, by kind; an assessment with none is an empty mapping."""
    wanted = list(ids)
    out: dict[str, Any] = {str(aid): {"self": {}, "verified": {}} for aid in wanted}
    numbers: dict[Any, str | None] = {}  # half points repeat: each stored value is worded once
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        marks = ", ".join([database.obj.param] * len(chunk))
        cursor = database.execute_sql(
            "SELECT assessment_id, kind, code, value, evidence, carried FROM score "
            f"WHERE assessment_id IN ({marks})", tuple(chunk))
        for aid, kind, code, value, evidence, carried in cursor:
            text = numbers.get(value)
            if text is None:
                text = numbers[value] = _num(value)
            out[str(aid)].setdefault(kind, {})[code] = _score_entry(text, evidence, carried)
    return out


def narrative_facts(ids: Iterable[int]) -> dict[str, Any]:
    wanted = list(ids)
    out: dict[str, Any] = {str(aid): {} for aid in wanted}
    for start in range(0, len(wanted), 900):
        for aid, kind, text in (Narrative.select(Narrative.assessment, Narrative.kind, Narrative.text)
                                .where(Narrative.assessment.in_(wanted[start:start + 900])).tuples()):
            out[str(aid)][kind] = text or ""
    return out


def record_facts(ids: Iterable[int]) -> dict[str, Any]:
    """Each assessment's records (problem ledger, verification visits, objections, responsibilities): what
    the publicity list, the forms and the rectification ledger print, written only by workflow/doors/records.py."""
    wanted = list(ids)
    out: dict[str, Any] = {str(aid): {"p": {}, "v": {}, "o": {}, "r": []} for aid in wanted}
    for start in range(0, len(wanted), 900):
        chunk = wanted[start:start + 900]
        for pid, aid, text, responsible, deadline, status in (
                Problem.select(Problem.id, Problem.assessment, Problem.text, Problem.responsible, Problem.deadline,
                               Problem.status).where(Problem.assessment.in_(chunk)).tuples()):
            out[str(aid)]["p"][str(pid)] = [text, responsible or "", str(deadline) if deadline else None, status]
        for vid, aid, experts, visited, methods, findings in (
                Verification.select(Verification.id, Verification.assessment, Verification.experts,
                                    Verification.visited_on, Verification.methods, Verification.findings)
                .where(Verification.assessment.in_(chunk)).tuples()):
            out[str(aid)]["v"][str(vid)] = [experts, str(visited) if visited else None, methods, findings or ""]
        for oid, aid, raised_by, text, status, resolution in (
                Objection.select(Objection.id, Objection.assessment, Objection.raised_by, Objection.text,
                                 Objection.status, Objection.resolution)
                .where(Objection.assessment.in_(chunk)).tuples()):
            out[str(aid)]["o"][str(oid)] = [raised_by, text, status, resolution or ""]
        for aid, person, duty, indicator in (
                Responsibility.select(Responsibility.assessment, Responsibility.person, Responsibility.duty,
                                      Responsibility.indicator_code)
                .where(Responsibility.assessment.in_(chunk)).tuples()):
            out[str(aid)]["r"].append([person, duty or "", indicator or ""])
    for entry in out.values():
        entry["r"].sort()
    return out


def thresholds_of(rubric_json: str) -> dict[str, str]:
    data = json.loads(rubric_json)
    return {str(s["level"]): _num(s["threshold"]) or "0" for s in data.get("star_levels", [])}


def campaign_facts(ids: Iterable[int]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(campaign facts, the notice texts of each campaign's open round by round id) of each campaign."""
    wanted = list(ids)
    facts: dict[str, Any] = {}
    for c in Campaign.select().where(Campaign.id.in_(wanted)):
        facts[str(c.id)] = {"phase": c.phase, "windows": json.loads(c.windows_json),
                            "thresholds": thresholds_of(c.rubric_json), "publicity_days": c.publicity_days,
                            "review_publicity": bool(c.review_publicity),
                            # whose campaign it is (issue 15): moved to another county, it moves its officers' reach
                            "region_code": str(c.region_code or ""), "upward_of": c.upward_of,
                            # the campaign it is the next cycle of: that one's rounds are frozen by it
                            "succeeds": c.succeeds,
                            # what the notice shows of it, and its copy of the rubric (points, guidance):
                            # an SQL edit of a leaf's points would let scores above the standard through
                            "title": c.title, "organ": c.organ, "rubric": rubric_digest(c.rubric_json),
                            # the year and region the notice's title and file name carry
                            "year": c.year, "region": c.region}
    # Each campaign's open round's notice texts (a frozen round's never change through a door).
    later = Round.alias()
    newer = pw.fn.EXISTS(later.select(later.id).where((later.campaign == Round.campaign) & (later.year > Round.year)))
    return facts, round_texts(rid for (rid,) in Round.select(Round.id)
                              .where(Round.campaign.in_(wanted) & ~newer).tuples())


def round_texts(round_ids: Iterable[int]) -> dict[str, Any]:
    """The notice texts of each round, by round id: the facts "rt" (before migration 18 the log kept a
    campaign's, "t", by campaign id: workflow/audit_replay.py reads those as its then newest round's)."""
    wanted = sorted({int(r) for r in round_ids})
    texts: dict[str, Any] = {str(rid): {} for rid in wanted}
    for rid, key, text in (NoticeText.select(NoticeText.round, NoticeText.key, NoticeText.text)
                           .where(NoticeText.round.in_(wanted)).tuples()):
        texts[str(rid)][key] = text or ""
    return texts


def text_digest(text: str) -> str:
    """A long text as the log keeps it: '' for none, else a digest of it."""
    return hashlib.sha256(text.encode()).hexdigest()[:32] if text else ""


def rubric_digest(rubric_json: str) -> str:
    """A campaign's frozen rubric as the log keeps it: its digest, not its 30 KB."""
    return hashlib.sha256(rubric_json.encode()).hexdigest()[:32]


def school_entry(name: str, township: str, stage: str, order: int, region: str) -> list[Any]:
    """One school's facts: what the register and the documents show of it, and whose it is."""
    return [name, township, stage, int(order), region or ""]


def school_facts() -> dict[str, list[Any]]:
    """Every school's facts, keyed by code (what the replay compares against)."""
    return {code: school_entry(name, township, stage, order, region) for code, name, township, stage, order, region
            in School.select(School.code, School.name, School.township, School.stage, School.display_order,
                             School.region_code).tuples().iterator()}


def keys_digest(key_line: str, keys_file: str) -> str:
    """What a user's authorized_keys line and file are, as the log keeps them: a line is written into a
    file on the server, so an SQL edit of either must not pass for what a user command set."""
    return hashlib.sha256(f"{key_line}\0{keys_file}".encode()).hexdigest()[:32]


def user_facts() -> dict[str, Any]:
    rows = User.select(User.name, User.role, User.disabled, School.code, User.key_line, User.keys_file).join(
        School, join_type="LEFT OUTER JOIN")
    return {name: [role, bool(disabled), code or "", keys_digest(line, file)]
            for name, role, disabled, code, line, file in rows.tuples()}


def round_facts(campaign_id: int | None = None) -> dict[str, Any]:
    """Each round (of one campaign; every round if None) as [campaign id, year, kind, window start, end]:
    a year changed with SQL moves a frozen round's notice and its schools' history to another year."""
    query = Round.select(Round.id, Round.campaign, Round.year, Round.kind, Round.window_start, Round.window_end)
    if campaign_id is not None:
        query = query.where(Round.campaign == campaign_id)
    return {str(rid): round_entry(cid, year, kind, start, end) for rid, cid, year, kind, start, end in query.tuples()}


def round_entry(campaign_id: int, year: int, kind: str, start: object, end: object) -> list[Any]:
    return [int(campaign_id), int(year), kind, str(start) if start else None, str(end) if end else None]


def id_ranges(ids: Iterable[int]) -> list[list[int]]:
    """Sorted ids as [first, last] runs: a bulk enrolment's new rows are consecutive, so 500,000
    ids are a few numbers in the audit row, not megabytes."""
    runs: list[list[int]] = []
    for n in sorted(ids):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return runs


def enrolled_facts(round_id: int, ids: Iterable[int]) -> Facts:
    # "records": the new schools have no records yet (the replay holds them from here)
    return {"enrolled": {"round": round_id, "ranges": id_ranges(ids), "records": True}}


def score_change_facts(assessment_id: int, kind: str, changed: dict[str, tuple[Any, str, bool] | None],
                       school: dict[str, Any] | None = None) -> Facts:
    """A save of some of one school's scores: the school's own facts (``school``: as
    ``assessment_facts`` read them after the write, for a page of schools at once) and just the
    scores it changed."""
    scores = {code: None if held is None else _score_entry(_num(held[0]), held[1], held[2])
              for code, held in changed.items()}
    own = {str(assessment_id): school} if school is not None else assessment_facts([assessment_id])
    return {"a": own, "sd": {str(assessment_id): {kind: scores}}}


def changed_score_facts(assessment_id: int, kind: str, entries: dict[str, list[Any]], school: dict[str, Any]
                        ) -> Facts:
    """``score_change_facts`` with each changed score already made into its entry (``score_entry``):
    an import words each repeated value once, not 11 M times."""
    return {"a": {str(assessment_id): school}, "sd": {str(assessment_id): {kind: entries}}}


def of_assessments(ids: Iterable[int]) -> Facts:
    wanted = list(ids)
    return {"a": assessment_facts(wanted), "s": score_facts(wanted), "n": narrative_facts(wanted),
            "rec": record_facts(wanted)}


def facts_for(action: str, campaign_id: int | None, assessment_id: int | None) -> Facts:
    """What an ordinary write touched, read back inside its transaction after the change."""
    facts: Facts = {}
    if assessment_id is not None:
        facts.update(of_assessments([assessment_id]))
    if campaign_id is not None and assessment_id is None:
        c, texts = campaign_facts([campaign_id])
        facts["c"], facts["rt"] = c, texts
        facts["r"] = round_facts(campaign_id)
    if action == "identity.bootstrap":  # the first user: the whole table is that one row
        facts["u"] = user_facts()
    return facts


def checkpoint() -> Facts:
    """Everything, once: a database made before facts were kept starts being vouched for here."""
    ids = [aid for (aid,) in Assessment.select(Assessment.id).tuples()]
    facts = of_assessments(ids)
    campaigns = [cid for (cid,) in Campaign.select(Campaign.id).tuples()]
    c, _open = campaign_facts(campaigns)
    texts = round_texts(rid for (rid,) in Round.select(Round.id).tuples())
    rounds: dict[str, Any] = {}
    for cid in campaigns:
        rounds.update(round_facts(cid))
    from workflow.region_facts import region_facts

    facts.update({"c": c, "rt": texts, "r": rounds, "u": user_facts(), "sc": school_facts(), "g": region_facts(),
                  "checkpoint": True})
    return facts


def payload_facts(payload: str | None) -> dict[str, Any] | None:
    """The facts an audit row's payload carries, or None (none, or a payload that does not read: that is
    the chain check's finding, not a reader's)."""
    try:
        data = orjson.loads(payload or "{}")
    except ValueError:
        return None
    facts = data.get("facts") if isinstance(data, dict) else None
    return facts if isinstance(facts, dict) else None
