"""From the database to the writers' plain records: the notice, forms, publicity list, workbook.

Only verified data decides levels here; the self score gives the provisional star on the
self-evaluation form and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import islice

import peewee as pw

from exports.data import (
    FormRow,
    NoticeInput,
    PublicityList,
    ReviewNoticeInput,
    ReviewOutcome,
    SchoolResult,
    Section,
    SelfEvaluationForm,
    StarGroup,
    UpwardDecision,
    WorkbookInput,
    WorkbookRow,
)
from exports.data import Narrative as NoticeNarrative
from exports.notice_defaults import (
    DEFAULT_BASIS,
    DEFAULT_GENERAL_PROBLEMS,
    DEFAULT_REQUIREMENTS,
    DEFAULT_TITLE,
    METHOD_WORDS,
    VERIFIED_STATES,
    WITHDRAWN_STATE,
    sections_from_text,
)
from exports.notice_facts import lines, upward_authorities
from exports.notice_roll import RollBuilder
from exports.provisional import provisional_parts
from exports.score_sheets import ScoreSheets
from models.db import database
from models.schema import (
    Assessment,
    AuditEvent,
    Campaign,
    Narrative,
    NoticeText,
    Round,
    School,
    Score,
    Verification,
    is_frozen,
    round_order_column,
    round_school_columns,
    settled_school,
)
from rubrics.model import Indicator, Rubric, StarLevel
from rubrics.scoring import star_for
from rubrics.serial import rubric_from_frozen

ORDERS = ("display", "stage", "score")
_STAGE_RANK = {"小学": 0, "九年一贯制": 1, "初中": 2, "完全中学": 3, "高中": 4}


def campaign_rubric(campaign: Campaign) -> Rubric:
    return rubric_from_frozen(campaign.rubric_json)


def round_of(campaign: Campaign, round_id: int | None = None) -> Round:
    """The round a document is made from: the one asked for, else the campaign's newest.
    (Read here, not through workflow/: exports sit beside it.)"""
    query = Round.select().where(Round.campaign == campaign.id)
    query = query.where(Round.id == round_id) if round_id is not None else query.order_by(Round.year.desc())
    row = query.first()
    if row is None:
        raise LookupError(f"campaign {campaign.id} has no round {round_id}")
    return row


def round_title(campaign: Campaign, shown: Round) -> str:
    """The campaign's title, with the round named when it is a later year's review: a campaign's
    2026 review is not headed as its 2023 rating (the workbook, the ledger, the records)."""
    if shown.kind == "review":
        return f"{campaign.title}（{shown.year}年度复核）"
    return str(campaign.title)


def _star(rubric: Rubric, level: int | None) -> StarLevel | None:
    return next((s for s in rubric.star_levels if s.level == level), None)


@dataclass(frozen=True, slots=True)
class AssessmentFacts:
    """What the writers need of an assessment row, read as plain tuples (100,000 model
    instances cost seconds; tuples cost milliseconds)."""

    id: int
    state: str
    self_total: Decimal | None
    verified_total: Decimal | None
    star_level: int | None
    provisional: bool
    vetoes: str
    publicized_at: str | None


def _order_by(order: str, stage: object = School.stage, shown: object = School.display_order) -> list[object]:
    """The writers' orders in SQL, so rows can stream in order: display (the register's order; ``shown``: a
    frozen round's as its schools were settled, models.schema.round_order_column), stage (小学 … 高中, then
    display), score (verified total high to low; none, or 0, last)."""
    if order == "stage":
        rank = pw.Case(stage, [(stage, rank) for stage, rank in _STAGE_RANK.items()], 9)
        return [rank, shown, School.code]
    if order == "score":
        return [pw.fn.COALESCE(pw.fn.NULLIF(Assessment.verified_total, 0), -1).desc(), shown, School.code]
    return [shown, School.code]


class _Numbers(dict[object, Decimal | None]):
    """A stored total -> its Decimal, converted the first time it is met (None stays None)."""

    def __init__(self, to_decimal: Callable[[object], Decimal | None]) -> None:
        super().__init__()
        self._to_decimal = to_decimal
        self[None] = None

    def __missing__(self, value: object) -> Decimal | None:
        found = self[value] = self._to_decimal(value)
        return found


def _ordered_results(campaign: Campaign, order: str, round_id: int | None
                     ) -> Iterator[tuple[AssessmentFacts, SchoolResult]]:
    """The round's schools in order, a row at a time (the query's cursor, not a list). Totals,
    states and townships repeat across schools: each distinct value is made once and shared, so
    500,000 schools hold 500,000 names, not 2 million more objects."""
    rubric = campaign_rubric(campaign)
    shown = round_of(campaign, round_id)
    to_decimal = Assessment.self_total.python_value
    stars = {s.level: s for s in rubric.star_levels}
    shared: dict[object, object] = {}
    keep = shared.setdefault  # keep(value, value): the one copy of a repeated value
    number = _Numbers(to_decimal).__getitem__  # a stored total: its Decimal, made once

    # A frozen round names each school as it was settled there (models.schema.round_school_columns).
    name, township, stage = round_school_columns(shown.id)
    kept_order = round_order_column(shown.id)  # and lists them in the order they had then
    query = (Assessment.select(Assessment.id, Assessment.state, Assessment.self_total, Assessment.verified_total,
                               Assessment.star_level, Assessment.provisional, Assessment.vetoes,
                               Assessment.publicized_at, School.code, name, township, stage, kept_order)
             .join(School).where(Assessment.round == shown.id).order_by(*_order_by(order, stage, kept_order)))
    # The driver's own cursor: peewee's row conversion was half the time at 500,000 schools.
    # Per star level: its name, its authority, and whether a provisional school's level is marked
    # so (rubric.is_provisional walks the rubric: once, not once a school).
    marks = {level: (star.name_zh, star.authority, bool(star.provisional or rubric.is_provisional))
             for level, star in stars.items()}
    unrated = (None, None, False)
    for position, r in enumerate(database.execute_sql(*query.sql()), 1):
        state, vetoes, township_of, stage_of = r[1], r[6] or "", r[10], r[11]
        a = AssessmentFacts(r[0], keep(state, state), number(r[2]), number(r[3]), r[4], bool(r[5]),  # type: ignore[arg-type]
                            keep(vetoes, vetoes), r[7])  # type: ignore[arg-type]
        star_name, authority, marked = marks.get(a.star_level, unrated) if a.star_level is not None else unrated
        yield a, SchoolResult(
            code=r[8], name=r[9], township=keep(township_of, township_of),  # type: ignore[arg-type]
            stage=keep(stage_of, stage_of),  # type: ignore[arg-type]
            self_total=a.self_total, verified_total=a.verified_total, star_level=a.star_level,
            star_name=star_name, authority=authority, provisional=bool(a.provisional and marked),
            display_order=position,
        )


def school_results(campaign: Campaign, order: str = "display", round_id: int | None = None
                   ) -> list[tuple[AssessmentFacts, SchoolResult]]:
    """The round's schools (the newest round's when None), in the order asked."""
    return list(_ordered_results(campaign, order, round_id))


def notice_texts(campaign: Campaign, shown: Round | None = None) -> dict[str, str]:
    """The notice texts of a round (the campaign's newest when None): each round has its own, a frozen
    round's as it exported them."""
    round_id = (shown or round_of(campaign)).id
    return {t.key: t.text for t in NoticeText.select().where(NoticeText.round == round_id)}


def _fill(template: str, facts: dict[str, object]) -> str:
    try:
        return template.format(**facts)
    except (KeyError, IndexError, ValueError):
        return template  # an officer's edit with stray braces is used as written


def _short_name(rubric: Rubric) -> str:
    for word in ("智慧校园", "数字校园"):
        if word in rubric.name:
            return "“互联网+教育”智慧校园" if "互联网" in rubric.name and word == "智慧校园" else word
    return "校园信息化"


def _indicator_summary(rubric: Rubric) -> str:
    first = len(rubric.indicators)
    second = sum(len(i.children) for i in rubric.indicators)
    return f"{first}个一级指标，{second}个二级指标" if second else f"{first}个一级指标"


def _facts(campaign: Campaign, rubric: Rubric, first_school: str, count: int, shown: Round) -> dict[str, object]:
    windows = json.loads(campaign.windows_json)
    start, end = (date.fromisoformat(d) for d in windows["verification"])
    if shown.kind == "review" and shown.window_start and shown.window_end:
        start, end = shown.window_start, shown.window_end
    # Tuples from the cursor, not a list of model instances: a province has a visit per school.
    visits = (Verification.select(Verification.visited_on, Verification.methods)
              .join(Assessment).where(Assessment.round == shown.id).tuples().iterator())
    days: list[date] = []
    methods: list[str] = []
    for visited_on, visit_methods in visits:
        days = [min(days[0], visited_on), max(days[1], visited_on)] if days else [visited_on, visited_on]
        for m in visit_methods.split(","):
            if m and METHOD_WORDS.get(m, m) not in methods:
                methods.append(METHOD_WORDS.get(m, m))
    if days:
        start, end = days
    return {
        "region": campaign.region, "year": shown.year, "short": _short_name(rubric),
        "rubric": f"《{rubric.name}》", "organ": campaign.organ or "本级教育行政部门",
        "start": f"{start.month}月{start.day}日", "end": f"{end.month}月{end.day}日",
        "dates": f"{start.month}月{start.day}日" if start == end else f"{start.month}月{start.day}日至{end.month}月{end.day}日",
        "methods": "、".join(methods or ["审验材料", "实地查看", "座谈询问"]),
        "first_school": first_school, "count": count,
        # One school is named alone: "对甲等1所学校" is not how a notice reads.
        "schools": first_school if count == 1 else f"{first_school}等{count}所学校",
    }


def _later(latest: date | None, stamp: str | None) -> date | None:
    if not stamp:
        return latest
    day = datetime.fromisoformat(stamp).date()
    return day if latest is None or day > latest else latest


def round_date(campaign: Campaign, shown: Round) -> date:
    """The round's own date, the notice's default 成文日期: the day its publicity ended (the initial
    rating), else the day its last school was settled; never the day of the export."""
    # The latest of each, a row at a time: a list of 500,000 pairs of strings was 100 MB.
    publicized: date | None = None
    updated: date | None = None
    for p, u in (Assessment.select(Assessment.publicized_at, Assessment.updated_at)
                 .where(Assessment.round == shown.id).tuples().iterator()):
        publicized = _later(publicized, p)
        updated = _later(updated, u)
    if shown.kind == "initial" and publicized is not None:
        return publicized + timedelta(days=campaign.publicity_days)
    if updated is not None:
        return updated
    return shown.window_end or datetime.fromisoformat(shown.opened_at).date()


def notice_input(campaign: Campaign, *, order: str = "display", issue_date: date | None = None,
                 round_id: int | None = None) -> NoticeInput:
    rubric = campaign_rubric(campaign)
    shown = round_of(campaign, round_id)
    texts = notice_texts(campaign, shown)
    narratives: dict[tuple[int, str], str] = {
        (n.assessment_id, n.kind): n.text
        for n in Narrative.select().join(Assessment).where(Assessment.round == shown.id)
    }
    # One pass over the round's schools, keeping what the notice prints of each: its name, total
    # and place on a roll per level (and for the scored schools with no level), its narratives.
    # Every school's SchoolResult, and a copy of each rated one, were 280 MB at 500,000 schools.
    levels = {level.level for level in rubric.star_levels}
    rolls: dict[int | None, RollBuilder] = {}
    achievements: list[NoticeNarrative] = []
    problems: list[NoticeNarrative] = []
    # The basis names the schools the experts verified: a round with some still unverified does
    # not say they were (the review notice lists those apart, 另有…尚未完成).
    enrolled, enrolled_first = 0, ""
    count, first_school, provisional = 0, "", False
    for a, r in _ordered_results(campaign, order, shown.id):
        if a.state == WITHDRAWN_STATE:
            continue
        enrolled += 1
        if enrolled == 1:
            enrolled_first = r.name
        achievement, problem = narratives.get((a.id, "achievement"), ""), narratives.get((a.id, "problem"), "")
        if achievement.strip():
            achievements.append(NoticeNarrative(r.name, achievement))
        if problem.strip():
            problems.append(NoticeNarrative(r.name, problem))
        if r.verified_total is None:
            continue
        if a.state in VERIFIED_STATES:  # one verified leaf saved is not a school verified
            count += 1
            if count == 1:
                first_school = r.name
        provisional = provisional or r.provisional
        if r.star_level is None or r.star_level in levels:
            rolls.setdefault(r.star_level, RollBuilder()).add(r.name, r.verified_total, r.display_order)
    if count == 0:  # nothing verified yet: a draft names the round's schools as before
        count, first_school = enrolled, enrolled_first
    facts = _facts(campaign, rubric, first_school, count, shown)
    # One note under the ratings says the thresholds are provisional; marking every score too
    # would clutter an official document (forms, lists and the app still mark each one).
    built = {level: builder.roll(provisional=False) for level, builder in rolls.items()}
    groups = tuple(
        StarGroup(level.level, level.name_zh, level.authority, built[level.level],
                  upward_authority=_upward_authority(level, texts))
        for level in rubric.star_levels if level.level in built
    )
    # The round's own 成文日期 (each round has its own texts), else the round's last decision's date.
    set_date = texts.get("issue_date")
    when = issue_date or (date.fromisoformat(set_date) if set_date else round_date(campaign, shown))
    return NoticeInput(
        title=_fill(texts.get("title") or DEFAULT_TITLE, facts), region=campaign.region, year=int(shown.year),
        rubric_name=rubric.name, basis=_fill(texts.get("basis") or DEFAULT_BASIS, facts),
        groups=groups, unrated=built.get(None, ()),
        achievements=tuple(achievements), school_problems=tuple(problems),
        general_problems=tuple(Section(h, b) for h, b in sections_from_text(
            texts.get("general_problems", DEFAULT_GENERAL_PROBLEMS))),
        requirements=tuple(Section(h, b) for h, b in sections_from_text(
            texts.get("requirements", DEFAULT_REQUIREMENTS))),
        organ=campaign.organ or campaign.region, issue_date=when,
        indicator_summary=_indicator_summary(rubric),
        provisional=provisional,
        kind=_kind_word(rubric, campaign), unrated_in_ratings=_yes(texts.get("unrated_in_ratings")),
        school_problems_heading=texts.get("school_problems_heading", ""),
        provisional_parts=provisional_parts(rubric), show_provisional_note=not _no(texts.get("provisional_note")),
        addressee=texts.get("addressee") or "各学校", document_number=texts.get("document_number", ""),
        sealed=not _no(texts.get("sealed")),
    )


def _yes(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "yes", "on", "true", "是")


def _no(value: str | None) -> bool:
    return (value or "").strip().lower() in ("0", "no", "off", "false", "否")


def _kind_word(rubric: Rubric, campaign: Campaign) -> str:
    for word in ("智慧校园", "数字校园"):
        if word in rubric.name or word in campaign.title:
            return word
    return ""


def _upward_authority(level: StarLevel, texts: dict[str, str]) -> str:
    """The body an upward level goes to: the officer's override, else as the rubric names it."""
    if level.authority == "local":
        return ""
    text = texts.get("upward_authority", "")
    bare = next((line for line in lines(text) if "=" not in line), "")  # one name: every upward level
    return upward_authorities(text).get(level.level) or bare or level.authority_name


def _form_rows(rubric: Rubric, scores: dict[str, Score]) -> tuple[FormRow, ...]:
    rows: list[FormRow] = []

    def walk(items: tuple[Indicator, ...], depth: int) -> None:
        for ind in items:
            mine = scores.get(ind.code)
            rows.append(FormRow(ind.code, ind.name, depth, ind.max_score,
                                mine.value if mine and ind.is_leaf else None, mine.evidence if mine else ""))
            walk(ind.children, depth + 1)

    walk(rubric.indicators, 0)
    if rubric.bonus:
        walk(rubric.bonus.items, 0)
    return tuple(rows)


def submitted_on(assessment_ids: list[int]) -> dict[int, date]:
    """When each school last submitted its self-evaluation (自评日期), from the audit log."""
    if not assessment_ids:
        return {}
    rows = (AuditEvent.select(AuditEvent.assessment_id, AuditEvent.at)
            .where((AuditEvent.action == "event.submit_self_evaluation")
                   & AuditEvent.assessment_id.in_(assessment_ids)).order_by(AuditEvent.seq).tuples())
    return {int(aid): datetime.fromisoformat(at).date() for aid, at in rows}


def self_evaluation_forms(campaign: Campaign, school_codes: list[str] | None = None, *,
                          order: str = "display", day: date | None = None,
                          round_id: int | None = None) -> list[SelfEvaluationForm]:
    rubric = campaign_rubric(campaign)
    shown = round_of(campaign, round_id)
    chosen = [(a, r) for a, r in school_results(campaign, order, shown.id)
              if not school_codes or r.code in school_codes]
    submitted = submitted_on([a.id for a, _r in chosen])
    opened = datetime.fromisoformat(shown.opened_at).date()
    forms = []
    for a, result in chosen:
        scores = {s.code: s for s in Score.select().where((Score.assessment == a.id) & (Score.kind == "self"))}
        star = star_for(rubric, a.self_total, vetoed=bool(a.vetoes)) if a.self_total is not None else None
        forms.append(SelfEvaluationForm(
            school=result, campaign_title=campaign.title, rubric_name=rubric.name,
            date=day or submitted.get(a.id, opened), submitted_on=submitted.get(a.id),
            total_maximum=rubric.max_total(), provisional_parts=provisional_parts(rubric),
            rows=_form_rows(rubric, scores), self_total=a.self_total,
            provisional_star=star.name_zh if star else None, provisional_rubric=rubric.is_provisional,
        ))
    return forms


def publicity_list(campaign: Campaign, *, contact: str = "", order: str = "display",
                   round_id: int | None = None) -> PublicityList:
    shown = round_of(campaign, round_id)
    pairs = [(a, r) for a, r in school_results(campaign, order, shown.id)
             if a.verified_total is not None and a.state != WITHDRAWN_STATE]
    review = shown.kind == "review"
    if review:  # a review's schools carry last year's verified totals: only those whose review is done are listed
        pairs = [(a, r) for a, r in pairs if a.state in VERIFIED_STATES]
    started = [datetime.fromisoformat(a.publicized_at).date() for a, _r in pairs if a.publicized_at]
    start = min(started) if started else round_date(campaign, shown)
    texts = notice_texts(campaign, shown)
    upward = next((_upward_authority(s, texts) for s in campaign_rubric(campaign).star_levels
                   if s.authority != "local"), "")
    return PublicityList(
        # A review round's list is headed by its own year, as its notice (not the campaign's 2023 title).
        title=(f"{shown.year}年度{campaign.region}{_short_name(campaign_rubric(campaign))}星级复核结果公示" if review
               else f"{campaign.title}结果公示"), organ=campaign.organ or campaign.region, start=start,
        end=start + timedelta(days=campaign.publicity_days), contact=contact or (campaign.organ or campaign.region),
        schools=tuple(r for _a, r in pairs), days=int(campaign.publicity_days),
        kind=_kind_word(campaign_rubric(campaign), campaign), list_unrated=_yes(texts.get("list_unrated")),
        upward_authority=upward, contact_organ=texts.get("contact_organ", ""),
        telephone=texts.get("contact_telephone", "") or texts.get("telephone", ""),
        objection_address=texts.get("objection_address", ""), sealed=not _no(texts.get("sealed")),
    )


def workbook_input(campaign: Campaign, state_labels: dict[str, str], *, order: str = "display",
                   round_id: int | None = None) -> WorkbookInput:
    """Schools x leaves; rows stream from one pass over the scores. Labels come from the caller
    (the workflow's declaration), since exports sit beside workflow, not above it."""
    rubric = campaign_rubric(campaign)
    leaves = rubric.leaves()
    codes = [leaf.code for leaf in leaves]
    shown = round_of(campaign, round_id)
    return WorkbookInput(
        campaign_title=round_title(campaign, shown), leaf_codes=tuple(codes), leaf_names=tuple(leaf.name for leaf in leaves),
        leaf_max=tuple(leaf.max_score for leaf in leaves),
        rows=_workbook_rows(campaign, codes, state_labels, order, shown.id),
    )


_SCORE_PAGE = 1000  # schools whose scores are read in one query


def _workbook_rows(campaign: Campaign, leaf_codes: list[str], labels: dict[str, str],
                   order: str, round_id: int) -> Iterator[WorkbookRow]:
    """One row per school, streamed: the schools come in order from one cursor, and each page of
    them fetches its scores by the score index, a row per school (exports/score_sheets.py), so
    memory holds a page, not the round (at 500,000 schools the whole score table was 900 MB)."""
    schools = _ordered_results(campaign, order, round_id)
    sheets = ScoreSheets(leaf_codes)
    empty = ((None,) * len(leaf_codes),) * 2
    while page := list(islice(schools, _SCORE_PAGE)):
        scores = sheets.page([a.id for a, _r in page])
        for a, result in page:
            mine, verified = scores.get(a.id, empty)
            yield WorkbookRow(result, labels.get(a.state, a.state), mine, verified)


_SETTLE_REASONS = ("event.lower_level",)


def _named(row: Assessment, frozen: set[int]) -> str:
    """The school's name as the row's round prints it: as settled there once the round is frozen."""
    return settled_school(row, row.round_id in frozen)[0]


def review_notice_input(campaign: Campaign, *, round_id: int | None = None,
                        issue_date: date | None = None) -> ReviewNoticeInput:
    """The annual review notice: schools raised, kept and lowered (old and new levels, verified
    totals, why lowered), and the higher authority's decisions received since the last round."""
    rubric = campaign_rubric(campaign)
    shown = round_of(campaign, round_id)
    names = {s.level: s.name_zh for s in rubric.star_levels}

    def level_name(level: int | None) -> str:
        return names.get(level, "未定星级") if level else "未定星级"

    rows = list(Assessment.select(Assessment, School).join(School).where(Assessment.round == shown.id)
                .order_by(round_order_column(shown.id), School.code))
    # A live round's notice names every school as the register has it now; a frozen one's, each row as its
    # round settled it (the earlier round's decisions too).
    frozen = {shown.id} if is_frozen(shown.id) else set()
    reasons = {int(aid): str(reason) for aid, reason in AuditEvent.select(AuditEvent.assessment_id, AuditEvent.reason)
               .where(AuditEvent.assessment_id.in_([r.id for r in rows]) & AuditEvent.action.in_(_SETTLE_REASONS))
               .tuples()} if rows else {}
    outcomes = []
    for row in rows:
        if row.state != "certified" or row.upward_granted is not None:
            continue
        before, after = row.prior_level or 0, row.star_level or 0
        kind = "raised" if after > before else "lowered" if after < before else "kept"
        outcomes.append(ReviewOutcome(_named(row, frozen), kind, level_name(row.prior_level), level_name(row.star_level),
                                      row.verified_total, reasons.get(int(row.id), "")))
    earlier = (Round.select().where((Round.campaign == campaign.id) & (Round.year < shown.year))
               .order_by(Round.year.desc()).first())
    rounds = [shown.id] + ([earlier.id] if earlier is not None else [])
    if earlier is not None and frozen:
        frozen.add(earlier.id)
    decided = (Assessment.select(Assessment, School).join(School)
               .where(Assessment.round.in_(rounds) & Assessment.upward_granted.is_null(False))
               .order_by(round_order_column(rounds) if frozen else School.display_order, School.code))
    upward = tuple(UpwardDecision(_named(r, frozen), bool(r.upward_granted), level_name(r.star_level), r.upward_authority,
                                  r.upward_doc_no, r.upward_date) for r in decided)
    texts = notice_texts(campaign, shown)
    window = (shown.window_start, shown.window_end) if shown.window_start and shown.window_end else None
    short = _short_name(rubric)
    set_date = texts.get("issue_date")  # the round's own 成文日期, as the initial notice's
    if issue_date is None and set_date:
        issue_date = date.fromisoformat(set_date)
    title = f"关于{shown.year}年度{campaign.region}{short}星级复核结果的通报"
    if texts.get("title", "").strip():  # the round's own title, as the initial notice's (its facts filled in)
        title = _fill(texts["title"].strip(), _facts(campaign, rubric, outcomes[0].name if outcomes else "",
                                                     len(outcomes), shown))
    return ReviewNoticeInput(
        title=title, addressee=texts.get("addressee") or "各学校",
        region=campaign.region, year=int(shown.year), rubric_name=rubric.name,
        organ=campaign.organ or campaign.region, issue_date=issue_date or round_date(campaign, shown),
        window=window, outcomes=tuple(outcomes), upward=upward,
        in_progress=sum(1 for r in rows if r.state not in ("certified", "recommended", "not_rated", WITHDRAWN_STATE)),
        requirements=tuple(Section(h, b) for h, b in sections_from_text(
            texts.get("requirements", DEFAULT_REQUIREMENTS))),
        document_number=texts.get("document_number", ""),
    )
