"""From the database to the writers' plain records: the notice, forms, publicity list, workbook.

Only verified data decides levels here; the self score gives the provisional star on the
self-evaluation form and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from exports.data import (
    FormRow,
    NoticeInput,
    PublicityList,
    SchoolResult,
    Section,
    SelfEvaluationForm,
    StarGroup,
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
    sections_from_text,
)
from models.db import database
from models.schema import Assessment, Campaign, Narrative, NoticeText, School, Score, Verification
from rubrics.model import Indicator, Rubric, StarLevel
from rubrics.scoring import star_for
from rubrics.serial import rubric_from_frozen

ORDERS = ("display", "stage", "score")
_STAGE_RANK = {"小学": 0, "九年一贯制": 1, "初中": 2, "完全中学": 3, "高中": 4}


def campaign_rubric(campaign: Campaign) -> Rubric:
    return rubric_from_frozen(campaign.rubric_json)


def _star(rubric: Rubric, level: int | None) -> StarLevel | None:
    return next((s for s in rubric.star_levels if s.level == level), None)


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class _SchoolFacts:
    code: str
    name: str
    township: str
    stage: str
    display_order: int


def _result(a: AssessmentFacts, school: _SchoolFacts, rubric: Rubric, order: int) -> SchoolResult:
    star = _star(rubric, a.star_level)
    return SchoolResult(
        code=school.code, name=school.name, township=school.township, stage=school.stage,
        self_total=a.self_total, verified_total=a.verified_total, star_level=a.star_level,
        star_name=star.name_zh if star else None, authority=star.authority if star else None,
        provisional=bool(a.provisional and star is not None and (star.provisional or rubric.is_provisional)),
        display_order=order,
    )


def _sort_key(order: str):  # type: ignore[no-untyped-def]
    if order == "stage":
        return lambda pair: (_STAGE_RANK.get(pair[1].stage, 9), pair[1].display_order, pair[1].code)
    if order == "score":
        return lambda pair: (-(pair[0].verified_total or Decimal(-1)), pair[1].display_order, pair[1].code)
    return lambda pair: (pair[1].display_order, pair[1].code)


def school_results(campaign: Campaign, order: str = "display") -> list[tuple[AssessmentFacts, SchoolResult]]:
    rubric = campaign_rubric(campaign)
    to_decimal = Assessment.self_total.python_value
    query = (Assessment.select(Assessment.id, Assessment.state, Assessment.self_total, Assessment.verified_total,
                               Assessment.star_level, Assessment.provisional, Assessment.vetoes,
                               Assessment.publicized_at, School.code, School.name, School.township, School.stage,
                               School.display_order)
             .join(School).where(Assessment.campaign == campaign.id).tuples())
    pairs = [(AssessmentFacts(r[0], r[1], to_decimal(r[2]), to_decimal(r[3]), r[4], bool(r[5]), r[6] or "", r[7]),
              _SchoolFacts(r[8], r[9], r[10], r[11], r[12])) for r in query.iterator()]
    pairs.sort(key=_sort_key(order))
    return [(a, _result(a, school, rubric, i)) for i, (a, school) in enumerate(pairs, 1)]


def notice_texts(campaign: Campaign) -> dict[str, str]:
    return {t.key: t.text for t in NoticeText.select().where(NoticeText.campaign == campaign.id)}


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


def _facts(campaign: Campaign, rubric: Rubric, results: list[SchoolResult]) -> dict[str, object]:
    windows = json.loads(campaign.windows_json)
    start, end = (date.fromisoformat(d) for d in windows["verification"])
    visits = list(Verification.select(Verification.visited_on, Verification.methods)
                  .join(Assessment).where(Assessment.campaign == campaign.id))
    if visits:
        start = min(v.visited_on for v in visits)
        end = max(v.visited_on for v in visits)
    methods: list[str] = []
    for v in visits:
        for m in v.methods.split(","):
            if m and METHOD_WORDS.get(m, m) not in methods:
                methods.append(METHOD_WORDS.get(m, m))
    return {
        "region": campaign.region, "year": campaign.year, "short": _short_name(rubric),
        "rubric": f"《{rubric.name}》", "organ": campaign.organ or "本级教育行政部门",
        "start": f"{start.month}月{start.day}日", "end": f"{end.month}月{end.day}日",
        "dates": f"{start.month}月{start.day}日" if start == end else f"{start.month}月{start.day}日至{end.month}月{end.day}日",
        "methods": "、".join(methods or ["审验材料", "实地查看", "座谈询问"]),
        "first_school": results[0].name if results else "", "count": len(results),
    }


def notice_input(campaign: Campaign, *, order: str = "display", issue_date: date | None = None) -> NoticeInput:
    rubric = campaign_rubric(campaign)
    pairs = school_results(campaign, order)
    results = [r for _a, r in pairs]
    texts = notice_texts(campaign)
    facts = _facts(campaign, rubric, results)
    rated = [r for r in results if r.verified_total is not None]
    groups = tuple(
        StarGroup(level.level, level.name_zh, level.authority,
                  tuple(r for r in rated if r.star_level == level.level))
        for level in rubric.star_levels if any(r.star_level == level.level for r in rated)
    )
    narratives: dict[tuple[int, str], str] = {
        (n.assessment_id, n.kind): n.text
        for n in Narrative.select().join(Assessment).where(Assessment.campaign == campaign.id)
    }
    achievements = tuple(NoticeNarrative(r.name, narratives.get((a.id, "achievement"), ""))
                         for a, r in pairs if narratives.get((a.id, "achievement"), "").strip())
    problems = tuple(NoticeNarrative(r.name, narratives.get((a.id, "problem"), ""))
                     for a, r in pairs if narratives.get((a.id, "problem"), "").strip())
    # One note under the ratings says the thresholds are provisional; marking every score too
    # would clutter an official document (forms, lists and the app still mark each one).
    groups = tuple(replace(g, schools=tuple(replace(r, provisional=False) for r in g.schools)) for g in groups)
    when = issue_date or (date.fromisoformat(texts["issue_date"]) if texts.get("issue_date") else date.today())
    return NoticeInput(
        title=_fill(texts.get("title") or DEFAULT_TITLE, facts), region=campaign.region, year=campaign.year,
        rubric_name=rubric.name, basis=_fill(texts.get("basis") or DEFAULT_BASIS, facts),
        groups=groups, unrated=tuple(r for r in rated if r.star_level is None),
        achievements=achievements, school_problems=problems,
        general_problems=tuple(Section(h, b) for h, b in sections_from_text(
            texts.get("general_problems", DEFAULT_GENERAL_PROBLEMS))),
        requirements=tuple(Section(h, b) for h, b in sections_from_text(
            texts.get("requirements", DEFAULT_REQUIREMENTS))),
        organ=campaign.organ or campaign.region, issue_date=when,
        indicator_summary=_indicator_summary(rubric),
        provisional=any(r.provisional for r in rated),
    )


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


def self_evaluation_forms(campaign: Campaign, school_codes: list[str] | None = None, *,
                          order: str = "display", day: date | None = None) -> list[SelfEvaluationForm]:
    rubric = campaign_rubric(campaign)
    forms = []
    for a, result in school_results(campaign, order):
        if school_codes and result.code not in school_codes:
            continue
        scores = {s.code: s for s in Score.select().where((Score.assessment == a.id) & (Score.kind == "self"))}
        star = star_for(rubric, a.self_total, vetoed=bool(a.vetoes)) if a.self_total is not None else None
        forms.append(SelfEvaluationForm(
            school=result, campaign_title=campaign.title, rubric_name=rubric.name, date=day or date.today(),
            rows=_form_rows(rubric, scores), self_total=a.self_total,
            provisional_star=star.name_zh if star else None, provisional_rubric=rubric.is_provisional,
        ))
    return forms


def publicity_list(campaign: Campaign, *, contact: str = "", order: str = "display") -> PublicityList:
    pairs = [(a, r) for a, r in school_results(campaign, order) if a.verified_total is not None]
    started = [datetime.fromisoformat(a.publicized_at).date() for a, _r in pairs if a.publicized_at]
    start = min(started) if started else date.today()
    return PublicityList(
        title=f"{campaign.title}结果公示", organ=campaign.organ or campaign.region, start=start,
        end=start + timedelta(days=campaign.publicity_days), contact=contact or (campaign.organ or campaign.region),
        schools=tuple(r for _a, r in pairs),
    )


def workbook_input(campaign: Campaign, state_labels: dict[str, str], *, order: str = "display") -> WorkbookInput:
    """Schools x leaves; rows stream from one pass over the scores. Labels come from the caller
    (the workflow's declaration), since exports sit beside workflow, not above it."""
    rubric = campaign_rubric(campaign)
    leaves = rubric.leaves()
    codes = [leaf.code for leaf in leaves]
    return WorkbookInput(
        campaign_title=campaign.title, leaf_codes=tuple(codes), leaf_names=tuple(leaf.name for leaf in leaves),
        leaf_max=tuple(leaf.max_score for leaf in leaves),
        rows=_workbook_rows(campaign, codes, state_labels, order),
    )


def _workbook_rows(campaign: Campaign, leaf_codes: list[str], labels: dict[str, str],
                   order: str) -> Iterator[WorkbookRow]:
    index = {code: i for i, code in enumerate(leaf_codes)}
    pairs = school_results(campaign, order)
    ids = [a.id for a, _r in pairs]
    scores: dict[int, tuple[list[Decimal | None], list[Decimal | None]]] = {
        i: ([None] * len(leaf_codes), [None] * len(leaf_codes)) for i in ids}
    # Raw tuples: at 100,000 schools this loop sees 4.4 million scores. Half points repeat,
    # so each distinct stored value is turned into a Decimal once.
    cursor = database.execute_sql(
        "SELECT s.assessment_id, s.code, s.kind, s.value FROM score s JOIN assessment a ON a.id = s.assessment_id "
        f"WHERE a.campaign_id = {database.obj.param}", (campaign.id,))
    decimals: dict[object, Decimal] = {}
    for aid, code, kind, value in cursor:
        position = index.get(code)
        if position is None or aid not in scores:
            continue
        number = decimals.get(value)
        if number is None:
            number = decimals[value] = value if isinstance(value, Decimal) else Decimal(str(value))
        scores[aid][0 if kind == "self" else 1][position] = number
    for a, result in pairs:
        mine, verified = scores[a.id]
        yield WorkbookRow(result, labels.get(a.state, a.state), tuple(mine), tuple(verified))
