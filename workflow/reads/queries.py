"""The read side: what the dashboard, the CLI tables and the exports show.

Reads never write; filtering, sorting and paging happen in SQL so 100,000 schools stay fast.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import peewee as pw

from models import trigram
from models.db import database, is_postgres
from models.schema import (
    Assessment,
    AuditEvent,
    Campaign,
    Narrative,
    Problem,
    Round,
    School,
    Score,
    frozen_rounds,
    order_column,
    round_school_columns,
)
from rubrics.model import Rubric, StarLevel
from rubrics.scoring import Result, score
from workflow.door import latest_round, load_assessment, load_campaign
from workflow.i18n import label
from workflow.permissions import Actor, in_subtree, require_campaign_reader, require_school_scope
from workflow.reads.change_mark import change_mark
from workflow.rubric_cache import rubric_of
from workflow.statemachine.declaration import STATES, WITHDRAWN


@dataclass(frozen=True)
class SchoolRow:
    """One line of the dashboard's school list."""

    assessment_id: int
    code: str
    name: str
    township: str
    stage: str
    state: str
    self_total: Decimal | None
    verified_total: Decimal | None
    star_level: int | None
    provisional: bool
    updated_at: str
    display_order: int


SORTABLE: dict[str, Any] = {
    "code": School.code,
    "name": School.name,
    "township": School.township,
    "state": Assessment.state,
    "self_total": Assessment.self_total,
    "verified_total": Assessment.verified_total,
    "star_level": Assessment.star_level,
    "updated_at": Assessment.updated_at,
    "display_order": School.display_order,
}


def campaigns() -> list[Campaign]:
    return list(Campaign.select().order_by(Campaign.year.desc(), Campaign.id.desc()))


def campaign(campaign_id: int | None = None) -> Campaign:
    return load_campaign(campaign_id)


def scope_of(actor: Actor | None) -> str | None:
    """The one school a school user may see; None for everybody else."""
    return actor.school_code if actor is not None and actor.role == "school" else None


_SCHOOL_SORTS = {"code", "name", "township", "display_order"}


def round_id_of(campaign_id: int, round_id: int | None = None) -> int:
    """The round a read shows: the one asked for, else the campaign's newest."""
    return round_id if round_id is not None else int(latest_round(campaign_id).id)


# A filter matching this many schools or fewer reads them by rowid and sorts them (about 3 µs each
# on SQLite: 30 ms); with more, a page of them turns up early in the walk of the register's display
# order (62,500 "城关镇" at 500,000 schools: 200 in the first 1,600 rows).
FEW_CANDIDATES = 10_000
# A rowid lookup and its LIKE cost about as much as this many rows of a scan of the round.
LOOKUP_COST = 3
# A count of more schools than this asks whether the round holds the whole register: then it is the
# index's own count (asking costs about 25 ms at 500,000 schools, as much as 40,000 rowids looked up in the round).
WHOLE_REGISTER_CHECK = 40_000


def _match(text: str, scope: str | None) -> str | None:
    """The trigram index's exact match of the filter's text (models/trigram.py, SQLite), or None."""
    if scope is not None or not text or is_postgres():  # PostgreSQL plans its GIN indexes itself
        return None
    return trigram.match(text)


def _narrowed(campaign_id: int, in_round: int, match: str | None, *, walks_to_a_page: bool) -> str | None:
    """``match`` when the index should find the filter's rows, else None. A walk of the register in
    display order stops at its page, so only few matches beat it; a read of the whole round (a sort
    by score, a regional campaign's list) is beaten by matches fewer than a third of the round's rows."""
    if match is None or match == trigram.NOTHING:
        return match
    regional = _regional(campaign_id)
    if walks_to_a_page and not regional:
        return match if trigram.match_count(match, FEW_CANDIDATES) <= FEW_CANDIDATES else None
    cap = max(FEW_CANDIDATES, trigram.register_size() // LOOKUP_COST)
    found = trigram.match_count(match, cap)
    if found > cap:
        return None
    if found <= FEW_CANDIDATES or not regional:  # a whole-server round holds about the whole register
        return match
    # Counted no further than it needs (a fifth of the time the lookups would take): a county's
    # small round on a nation's server is read faster than 50,000 "城关镇" candidates are looked up.
    wanted = found * LOOKUP_COST
    held = (Assessment.select(pw.SQL("1")).where(Assessment.round == in_round).limit(wanted)).count()
    return match if int(held) >= wanted else None


def _filtered(campaign_id: int, text: str = "", state: str | None = None, star: int | None = None,
              township: str | None = None, scope: str | None = None, *, school_first: bool = False,
              round_id: int | None = None, narrowed: str | None = None) -> pw.ModelSelect:
    in_round = round_id_of(campaign_id, round_id)
    if school_first and not is_postgres() and not _regional(campaign_id):
        # Walk the school register in its sort index and stop at the page's last row: with a
        # common filter ("1", "城关") at 100,000 schools that is 0.2 ms instead of 15 ms. SQLite
        # keeps the left table of a CROSS JOIN outermost; PostgreSQL plans this itself.
        query = School.select().join(Assessment, pw.JOIN.CROSS).where(
            (Assessment.school == School.id) & (Assessment.round == in_round))
    else:
        query = Assessment.select().join(School).where(Assessment.round == in_round)
    if scope is not None:
        query = query.where(School.code == scope)
    if text:
        query = query.where(_contains(text))
        if narrowed == trigram.NOTHING:  # no school holds the text anywhere
            query = query.where(pw.SQL("0 = 1"))
        elif narrowed is not None:  # the LIKE above stays the final word; the index only says where to look
            query = query.where(School.id.in_(trigram.matched(narrowed)))
    if state:
        query = query.where(Assessment.state == state)
    if star is not None:
        query = query.where(Assessment.star_level.is_null() if star == 0 else Assessment.star_level == star)
    if township:  # a frozen round's township as settled there, as its list shows it
        query = query.where(round_school_columns(in_round)[1] == township)
    return query


def _contains(text: str) -> pw.Expression:
    """The filter itself: ``text`` in the school's code (as it is), name or township (``%`` and ``_``
    there being wildcards); ASCII letters in either case (PostgreSQL: ILIKE, every letter lower() folds).

    PostgreSQL with migration 13 reads the stored lowered text instead (models/trigram.py): ILIKE is
    lower() of both sides and LIKE, so a plain text in search_text is exactly a plain text in one of
    the columns. A text with ``%`` or ``_`` keeps the columns' own LIKE as the final word, behind
    search_text's LIKE of the same pattern (whatever a column matches, search_text, which holds it,
    matches too); one with a backslash (LIKE's escape, which could swallow the pattern's closing ``%``)
    reads the columns alone."""
    like = f"%{text}%"
    columns = School.code.contains(text) | (School.name ** like) | (School.township ** like)
    if not is_postgres() or "\\" in text or not trigram.pg_search_present(database.obj):
        return columns
    lowered = trigram.search_like(School, like)
    return lowered if trigram.plain(text) else (lowered & columns)


def _regional(campaign_id: int) -> bool:
    """A campaign run by a region (issue 15): on a server of many regions its round is a small part of
    the school register, and walking the register in its sort order would pass over every other
    region's schools first (a county's first page at 3,000 counties: 300,000 rows); its own rows,
    read by the round's index and sorted, are few. Whole-server campaigns keep the register walk."""
    return bool(Campaign.select(Campaign.region_code).where(Campaign.id == campaign_id).scalar())


def school_rows(campaign_id: int, *, text: str = "", state: str | None = None, star: int | None = None,
                township: str | None = None, sort: str = "display_order", descending: bool = False,
                limit: int = 200, offset: int = 0, scope: str | None = None,
                round_id: int | None = None, from_end: bool = False) -> list[SchoolRow]:
    """A page of the list. ``from_end``: the page ``offset`` rows before the end, read in the reversed
    order and turned round, so End at 500,000 schools walks the index from its far side instead of
    skipping 499,800 rows (OFFSET)."""
    column = SORTABLE.get(sort, School.display_order)
    in_round = round_id_of(campaign_id, round_id)
    # A frozen round shows and sorts by the order its schools had when settled (models.schema.order_column):
    # its own rows, read by the round's index and sorted (no register index holds that order); the open round
    # walks the register's display-order index.
    frozen = bool(frozen_rounds((in_round,)))
    shown_order = order_column(frozen)
    if column is School.display_order:
        column = shown_order
    kept = frozen and column is shown_order
    school_first = sort in _SCHOOL_SORTS and not kept
    down = descending != from_end
    if school_first or kept:  # NOT NULL columns (and the kept order, never null): a plain order, on their index
        order = [column.desc() if down else column.asc(), School.code.desc() if down else School.code]
    elif not from_end:
        order = [column.desc(nulls="LAST") if descending else column.asc(nulls="LAST"), School.code]
    else:  # the exact reverse of the order above: no score yet comes first, the code runs backwards
        order = [column.asc(nulls="FIRST") if descending else column.desc(nulls="FIRST"), School.code.desc()]
    narrowed = _narrowed(campaign_id, in_round, _match(text, scope), walks_to_a_page=school_first)
    name, township_of, stage = round_school_columns(in_round)  # a frozen round: each school as settled there
    query = (
        _filtered(campaign_id, text, state, star, township, scope, school_first=school_first, round_id=in_round,
                  narrowed=narrowed)
        .select(Assessment.id, School.code, name, township_of, stage, Assessment.state,
                Assessment.self_total, Assessment.verified_total, Assessment.star_level,
                Assessment.provisional, Assessment.updated_at, shown_order)
        .order_by(*order).limit(limit).offset(offset).tuples()
    )
    dec = Assessment.self_total.python_value
    rows = [SchoolRow(r[0], r[1], r[2], r[3], r[4], r[5], dec(r[6]), dec(r[7]), r[8], bool(r[9]), r[10], r[11])
            for r in query]
    return rows[::-1] if from_end else rows


def count_rows(campaign_id: int, *, text: str = "", state: str | None = None, star: int | None = None,
               township: str | None = None, scope: str | None = None, round_id: int | None = None) -> int:
    in_round = round_id_of(campaign_id, round_id)
    match = _match(text, scope)
    if text and state is None and star is None and not township and scope is None:
        if match is not None:
            return _count_matched(campaign_id, in_round, match)
        if not _regional(campaign_id) and _holds_register(in_round):
            # The register alone, without a join to the round (half the time on PostgreSQL, where
            # the trigram index's matches are rechecked: 城关镇 at 500,000 schools 0.2 s against 0.5).
            return int(School.select(pw.fn.COUNT(pw.SQL("*"))).where(_contains(text)).scalar())
    narrowed = _narrowed(campaign_id, in_round, match, walks_to_a_page=False)
    return int(_filtered(campaign_id, text, state, star, township, scope, round_id=in_round, narrowed=narrowed).count())


def _count_matched(campaign_id: int, in_round: int, match: str) -> int:
    """The round's schools the text filter finds, counted from the index alone: its match is exact
    (models/trigram.py), so no LIKE need read them (城关镇 at 500,000 schools: 4 ms for the index's
    62,500, against 0.1 s of CPU through the LIKE)."""
    found = trigram.match_count(match)
    if found == 0:
        return 0
    if found > WHOLE_REGISTER_CHECK and not _regional(campaign_id) and _holds_register(in_round):
        return found
    return int(Assessment.select(pw.SQL("1")).where(
        (Assessment.round == in_round) & Assessment.school.in_(trigram.matched(match))).count())


_HOLDS: dict[tuple[str, int, int], bool] = {}


def _holds_register(in_round: int) -> bool:
    """Whether the round holds every registered school: one assessment per school and round (a unique
    index), each of a school that exists (a foreign key), so equal counts say the sets are equal.

    Kept until the audit chain's head moves (workflow/reads/change_mark.py): every enrolment and every
    school added or removed goes through a door with its audit row. Counting the round's 500,000
    rows costs 20 ms on SQLite and 0.1 s on PostgreSQL, a third of a filter's count."""
    key = (f"{id(database.obj)}:{database.obj.database}", in_round, change_mark())
    held = _HOLDS.get(key)
    if held is None:
        # COUNT(*) itself, not peewee's count() of a subquery: SQLite then counts an index's entries.
        rows = Assessment.select(pw.fn.COUNT(pw.SQL("*"))).where(Assessment.round == in_round).scalar()
        held = int(rows) == int(School.select(pw.fn.COUNT(pw.SQL("*"))).scalar())
        if len(_HOLDS) > 64:
            _HOLDS.clear()
        _HOLDS[key] = held
    return held


def _in_scope(query: pw.ModelSelect, scope: str | None) -> pw.ModelSelect:
    # A school user's counts are its own school's, like every other read it makes.
    return query if scope is None else query.join(School).where(School.code == scope)


def state_counts(campaign_id: int, scope: str | None = None, round_id: int | None = None
                 ) -> list[tuple[str, str, int]]:
    """(state, label, count) in declaration order, zero counts included."""
    query = (Assessment.select(Assessment.state, pw.fn.COUNT(Assessment.id))
             .where(Assessment.round == round_id_of(campaign_id, round_id)))
    counts = dict(_in_scope(query, scope).group_by(Assessment.state).tuples())
    return [(s["name"], label(s), int(counts.get(s["name"], 0))) for s in STATES]


def star_counts(campaign_id: int, scope: str | None = None, round_id: int | None = None
                ) -> list[tuple[StarLevel | None, int]]:
    """(star level or None for no level, count) for every level of the rubric, no level last: of the schools with a
    verified total, not one that did not take part (未参评), whatever it had when it stopped."""
    c = load_campaign(campaign_id)
    rubric = rubric_of(c)
    rid = round_id_of(campaign_id, round_id)
    query = Assessment.select(Assessment.star_level, pw.fn.COUNT(Assessment.id)).where(
        Assessment.verified_total.is_null(False))
    counts: Counter[int | None] = Counter(dict(_in_scope(query.where(Assessment.round == rid), scope)
                                               .group_by(Assessment.star_level).tuples()))
    # The covering index (round, level, total) counts without the rows; the few withdrawn ones are taken off after,
    # found by the state index (``round + 0``: not by the round's, which would read every row of the round).
    withdrawn = query.where((Assessment.state == WITHDRAWN) & ((Assessment.round + 0) == rid))
    counts.subtract(dict(_in_scope(withdrawn, scope).group_by(Assessment.star_level).tuples()))
    result: list[tuple[StarLevel | None, int]] = [(s, int(counts.get(s.level, 0))) for s in rubric.star_levels]
    result.append((None, int(counts.get(None, 0))))
    return result


# A database of fewer schools than this lists a round's townships from the round's schools; a larger one
# from the township index when the round holds (nearly) all its schools (``_round_holds_all``).
SMALL_ROUND = 2000
_SAMPLE = 128  # schools looked up to tell whether a round holds the register


def townships(campaign_id: int, round_id: int | None = None, scope: str | None = None) -> list[str]:
    """The round's townships (乡镇) for the filter; a school user's scope gives its own only.

    A county's round holds most of its schools, and they lie in a few dozen townships: joining every
    school of the round to read its township took 0.6 s at 500,000 schools. The township index
    (school_township) is walked one township at a time instead, each kept if one school of it is in
    the round (found at its first school, as a rule). A round of a small part of the register (one
    county's in a province's database, a review of a few schools) is read from its own schools: the
    walk would look at every school of the townships outside it (each a probe, slower than a join's row
    once more than a few hundredths of the register is outside the round)."""
    rid = round_id_of(campaign_id, round_id)
    frozen = bool(frozen_rounds((rid,)))  # a frozen round's townships are those its schools were settled in
    if scope is None and not frozen and _round_holds_all(rid):
        return _townships_by_index(rid)
    township = round_school_columns(rid)[1]
    query = School.select(township).join(Assessment).where(Assessment.round == rid)
    if scope is not None:
        query = query.where(School.code == scope)
    rows = query.distinct().order_by(township).tuples()
    return [r[0] for r in rows if r[0]]


def _round_holds_all(round_id: int) -> bool:
    """Whether the round holds the register's schools, all but a few hundredths at most: each of ``_SAMPLE``
    school ids spread over the register is in it (an index lookup each; counting a round of 500,000 took
    45 ms). A register of fewer than ``SMALL_ROUND`` schools: no (its join is cheap)."""
    top = School.select(pw.fn.MAX(School.id)).scalar() or 0
    if top < SMALL_ROUND:
        return False
    probes = sorted({1 + (top - 1) * i // (_SAMPLE - 1) for i in range(_SAMPLE)} if top > _SAMPLE
                    else set(range(1, top + 1)))
    held = Assessment.select().where((Assessment.round == round_id) & Assessment.school.in_(probes)).count()
    return held >= len(probes)


def _townships_by_index(round_id: int) -> list[str]:
    """The round's townships, in order: the next township after the one before (an index seek each: a loose
    index scan, on SQLite and PostgreSQL alike), kept if a school of it is in the round."""
    school, assessment, param = School._meta.table_name, Assessment._meta.table_name, database.obj.param
    rows = database.execute_sql(
        f"WITH RECURSIVE t(township) AS ("
        f"SELECT MIN(township) FROM {school} "
        f"UNION ALL SELECT (SELECT MIN(s.township) FROM {school} AS s WHERE s.township > t.township) "
        f"FROM t WHERE t.township IS NOT NULL) "
        # A scalar probe (LIMIT 1), not EXISTS: PostgreSQL made EXISTS a semi-join over the whole round.
        f"SELECT t.township FROM t WHERE t.township IS NOT NULL AND t.township <> '' AND ("
        f"SELECT 1 FROM {school} AS s JOIN {assessment} AS a ON a.school_id = s.id "
        f"WHERE s.township = t.township AND a.round_id = {param} LIMIT 1) = 1 ORDER BY t.township", (round_id,))
    return [r[0] for r in rows]


@dataclass
class AssessmentDetail:
    assessment: Assessment
    school: School
    campaign: Campaign
    rubric: Rubric
    self_scores: dict[str, Score]
    verified_scores: dict[str, Score]
    self_result: Result
    verified_result: Result
    problems: list[Problem]
    narratives: dict[str, str]


def detail(assessment_id: int, actor: Actor | None = None) -> AssessmentDetail:
    """One school's whole picture; a school user may open only its own school."""
    row = load_assessment(assessment_id)
    if actor is not None:
        require_school_scope(actor, row.school.code)
        require_campaign_reader(actor, row.campaign)  # a school moved away leaves this record with its campaign
    rubric = rubric_of(row.campaign)
    scores = list(Score.select().where(Score.assessment == row.id))
    mine = {s.code: s for s in scores if s.kind == "self"}
    verified = {s.code: s for s in scores if s.kind == "verified"}
    vetoes = [v for v in row.vetoes.split(",") if v]
    return AssessmentDetail(
        assessment=row, school=row.school, campaign=row.campaign, rubric=rubric,
        self_scores=mine, verified_scores=verified,
        self_result=score(rubric, {c: s.value for c, s in mine.items()}, vetoes=vetoes),
        verified_result=score(rubric, {c: s.value for c, s in verified.items()}, vetoes=vetoes),
        problems=list(Problem.select().where(Problem.assessment == row.id).order_by(Problem.id)),
        narratives={n.kind: n.text for n in Narrative.select().where(Narrative.assessment == row.id)},
    )


def find_assessment(campaign_id: int, school_code: str, round_id: int | None = None) -> Assessment | None:
    """The school's assessment in the round (the campaign's newest when None)."""
    return (Assessment.select().join(School)
            .where((Assessment.round == round_id_of(campaign_id, round_id)) & (School.code == school_code)).first())


def find_latest_assessment(campaign_id: int, school_code: str) -> Assessment | None:
    """The school's assessment in the newest round of the campaign that it is in."""
    return (Assessment.select().join(School).switch(Assessment).join(Round)
            .where((Assessment.campaign == campaign_id) & (School.code == school_code))
            .order_by(Round.year.desc()).first())


def find_awaiting_upward(campaign_id: int, school_code: str) -> Assessment | None:
    """The school's newest assessment still waiting for the higher authority (已报上级), in any round:
    a decision often arrives after the next round has opened."""
    return (Assessment.select().join(School).switch(Assessment).join(Round)
            .where((Assessment.campaign == campaign_id) & (School.code == school_code)
                   & (Assessment.state == "recommended")).order_by(Round.year.desc()).first())


def school_history(school_code: str, limit: int = 200) -> list[AuditEvent]:
    return list(AuditEvent.select().where(AuditEvent.school_code == school_code)
                .order_by(AuditEvent.seq.desc()).limit(limit))


def levels_across_years(school_code: str) -> list[tuple[int, str, int | None, Decimal | None, str]]:
    """(round year, campaign title, star level, verified total, state) for every round the school was in."""
    rows = (Assessment.select(Round.year, Campaign.title, Assessment.star_level, Assessment.verified_total,
                              Assessment.state)
            .join(Campaign).switch(Assessment).join(School).switch(Assessment).join(Round)
            .where(School.code == school_code)
            .order_by(Round.year, Campaign.id).tuples())
    dec = Assessment.verified_total.python_value
    return [(r[0], r[1], r[2], dec(r[3]), r[4]) for r in rows]


def audit_events(*, actor: str | None = None, school_code: str | None = None, action: str | None = None,
                 limit: int = 200, offset: int = 0, round_id: int | None = None,
                 region: str | None = None) -> list[AuditEvent]:
    """``region``: only the rows about that region's subtree's campaigns (an officer with a region)."""
    query = AuditEvent.select()
    if region:
        query = query.where(AuditEvent.campaign_id.in_(
            Campaign.select(Campaign.id).where(in_subtree(Campaign.region_code, region))))
    if round_id is not None:
        query = query.where(AuditEvent.assessment_id.in_(Assessment.select(Assessment.id)
                                                          .where(Assessment.round == round_id)))
    if actor:
        query = query.where(AuditEvent.actor == actor)
    if school_code:
        query = query.where(AuditEvent.school_code == school_code)
    if action:
        query = query.where(AuditEvent.action.startswith(action))
    return list(query.order_by(AuditEvent.seq.desc()).limit(limit).offset(offset))


def unenrolled_schools(campaign_id: int, text: str = "", limit: int = 200) -> list[tuple[str, str, str]]:
    """(code, name, township) of schools not in the campaign's newest round yet, in display order; only
    the schools the campaign may enrol: those of its region's subtree (another county's are never offered)."""
    enrolled = Assessment.select(Assessment.school).where(Assessment.round == round_id_of(campaign_id))
    query = School.select(School.code, School.name, School.township).where(School.id.not_in(enrolled))
    region = load_campaign(campaign_id).region_code
    if region:
        query = query.where(in_subtree(School.region_code, region))
    if text:
        query = query.where(School.code.contains(text) | School.name.contains(text))
    rows = query.order_by(School.display_order, School.code).limit(limit).tuples()
    return [(str(c), str(n), str(tw)) for c, n, tw in rows]
