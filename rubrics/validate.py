"""Checks that need the whole rubric: sums, duplicate codes, star thresholds."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal

from rubrics.decimals import to_text
from rubrics.errors import RubricProblem
from rubrics.messages import Text
from rubrics.model import Indicator, Points, Rubric

_Report = Callable[[str | None, Text], None]


def check_rubric(
    rubric: Rubric, source: str, *, broken_points: Iterable[str] = (), declared_total: Points | None = None
) -> list[RubricProblem]:
    problems: list[RubricProblem] = []
    broken = set(broken_points)

    def problem(code: str | None, message: Text) -> None:
        problems.append(RubricProblem(source, code, message))

    _check_texts(rubric, problem)
    _check_codes(rubric, problem)
    for indicator in rubric.walk():
        _check_indicator(indicator, broken, problem)
    _check_declared_total(rubric, declared_total, broken, problem)
    _check_bonus(rubric, problem)
    _check_stars(rubric, problem)
    return problems


# Control characters but tab and newline: a rubric's texts are printed to officers' terminals and
# written into documents, where an escape sequence would act instead of showing.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_texts(rubric: Rubric, problem: _Report) -> None:
    named: list[tuple[str | None, str, str]] = [(None, "name", rubric.name), (None, "region", rubric.region),
                                               (None, "version", rubric.version)]
    for indicator in rubric.walk():
        named += [(indicator.code or None, field, getattr(indicator, field))
                  for field in ("code", "name", "guidance", "method")]
    for star in rubric.star_levels:
        named += [(None, f"star {star.level} {field}", getattr(star, field))
                  for field in ("name_zh", "name_en", "authority_name")]
    named += [(veto.code or None, "text", veto.text) for veto in rubric.vetoes]
    for code, field, text in named:
        if text and _CONTROL.search(text):
            problem(code, Text("rubric.control_chars", field=field))


def _check_codes(rubric: Rubric, problem: _Report) -> None:
    seen: set[str] = set()
    for indicator in rubric.walk():
        if not indicator.code:
            continue  # already reported by the reader
        if indicator.code in seen:
            problem(indicator.code, Text("rubric.duplicate_code", name=indicator.name))
        seen.add(indicator.code)
    veto_codes: set[str] = set()
    for veto in rubric.vetoes:
        if not veto.code:
            continue
        if veto.code in veto_codes:
            problem(veto.code, Text("rubric.duplicate_veto"))
        elif veto.code in seen:
            problem(veto.code, Text("rubric.veto_is_indicator"))
        veto_codes.add(veto.code)


def _check_indicator(indicator: Indicator, broken: set[str], problem: _Report) -> None:
    code = indicator.code or None
    if indicator.is_leaf:
        if indicator.code not in broken and indicator.max_score == 0:
            problem(code, Text("rubric.leaf_zero", name=indicator.name))
        return
    if indicator.code in broken or any(child.code in broken for child in indicator.children):
        return
    base = sum((child.points.base for child in indicator.children), Decimal(0))
    extension = sum((child.points.extension for child in indicator.children), Decimal(0))
    if base != indicator.points.base:
        problem(code, Text("rubric.base_sum", sum=to_text(base), says=to_text(indicator.points.base),
                           points=str(indicator.points)))
    if extension != indicator.points.extension:
        problem(code, Text("rubric.extension_sum", sum=to_text(extension), says=to_text(indicator.points.extension),
                           points=str(indicator.points)))


def _check_declared_total(
    rubric: Rubric, declared: Points | None, broken: set[str], problem: _Report
) -> None:
    if declared is None or any(indicator.code in broken for indicator in rubric.indicators):
        return
    base = sum((indicator.points.base for indicator in rubric.indicators), Decimal(0))
    extension = sum((indicator.points.extension for indicator in rubric.indicators), Decimal(0))
    if base != declared.base or extension != declared.extension:
        problem(None, Text("rubric.declared_total", sum=str(Points(base, extension)), declared=str(declared)))


def _check_bonus(rubric: Rubric, problem: _Report) -> None:
    if rubric.bonus is not None and rubric.bonus.cap <= 0:
        problem(None, Text("rubric.bonus_cap"))


def _check_stars(rubric: Rubric, problem: _Report) -> None:
    maximum = rubric.max_total()
    previous = None
    for star in rubric.star_levels:
        where = Text("rubric.where.star_named", level=star.level, name=star.name_zh)
        if star.threshold > maximum:
            problem(None, Text("rubric.at", where=where, message=Text(
                "rubric.threshold_unreachable", threshold=to_text(star.threshold), maximum=to_text(maximum))))
        if previous is not None:
            if star.level <= previous.level:
                problem(None, Text("rubric.at", where=where,
                                   message=Text("rubric.levels_up", previous=previous.level)))
            if star.threshold <= previous.threshold:
                problem(None, Text("rubric.at", where=where, message=Text(
                    "rubric.thresholds_up", threshold=to_text(star.threshold), previous=to_text(previous.threshold))))
        previous = star
