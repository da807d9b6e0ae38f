"""Totals, star levels and the gap to the next level for one school's scores."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from rubrics.decimals import to_text
from rubrics.errors import ScoreError
from rubrics.model import Indicator, Rubric, StarLevel
from rubrics.score_input import parse_score

__all__ = ["Result", "checked_total", "format_score", "gap_text", "parse_score", "score", "star_for"]

ZERO = Decimal(0)


def format_score(value: Decimal) -> str:
    """ "71.5", "75" - never "75.0" or "7.5E+1"."""
    return to_text(value)


@dataclass
class Result:
    total: Decimal
    base_total: Decimal
    extension_total: Decimal  # after extension_cap
    bonus_total: Decimal  # after the bonus cap
    subtotals: dict[str, Decimal]  # raw sums per code, before any cap
    missing: list[str]
    vetoed: tuple[str, ...]
    star: StarLevel | None
    next_level: StarLevel | None
    gap: Decimal | None
    provisional: bool


def star_for(rubric: Rubric, total: Decimal, vetoed: bool = False) -> StarLevel | None:
    if vetoed:
        return None
    reached = [star for star in rubric.star_levels if total >= star.threshold]
    return max(reached, key=lambda star: star.threshold) if reached else None


def _next_level(rubric: Rubric, star: StarLevel | None) -> StarLevel | None:
    above = [s for s in rubric.star_levels if star is None or s.threshold > star.threshold]
    return min(above, key=lambda s: s.threshold) if above else None


def _parts(rubric: Rubric, scores: Mapping[str, Decimal]) -> tuple[Decimal, Decimal, Decimal, list[str]]:
    """(base, extension after its cap, bonus after its cap, leaves with no score)."""
    base = extension = bonus = ZERO
    missing: list[str] = []
    for code, leaf_base, is_bonus in rubric.scoring_plan:
        value = scores.get(code)
        if value is None:
            missing.append(code)
        elif is_bonus:
            bonus += value
        elif value > leaf_base:
            # A leaf's base points are earned first; only what goes beyond them counts as
            # extension, so an extension cap never eats into base points.
            base += leaf_base
            extension += value - leaf_base
        else:
            base += value
    if rubric.extension_cap is not None:
        extension = min(extension, rubric.extension_cap)
    if rubric.bonus is not None:
        bonus = min(bonus, rubric.bonus.cap)
    return base, extension, bonus, missing


def checked_total(rubric: Rubric, scores: Mapping[str, Decimal]) -> Decimal:
    """``score(rubric, scores).total`` for scores already parsed and checked against their leaves (an
    import's page of schools: parsing each school's 22 values again was a fifth of the import)."""
    base, extension, bonus, _missing = _parts(rubric, scores)
    return base + extension + bonus


def _read_values(rubric: Rubric, values: Mapping[str, Decimal | str | int]) -> dict[str, Decimal]:
    scores: dict[str, Decimal] = {}
    for code, raw in values.items():
        try:
            indicator = rubric.find(code)
        except KeyError:
            raise ScoreError(code, raw, "score.no_indicator", code=code) from None
        if not indicator.is_leaf:
            raise ScoreError(code, raw, "score.not_leaf", code=code)
        scores[code] = parse_score(raw, code=code, maximum=indicator.max_score)
    return scores


def _read_vetoes(rubric: Rubric, vetoes: Iterable[str]) -> tuple[str, ...]:
    known = [veto.code for veto in rubric.vetoes]
    held = set()
    for code in vetoes:
        if code not in known:
            raise ScoreError(code, code, "score.no_veto", code=code)
        held.add(code)
    return tuple(code for code in known if code in held)


def score(rubric: Rubric, values: Mapping[str, Decimal | str | int], vetoes: Iterable[str] = ()) -> Result:
    scores = _read_values(rubric, values)
    vetoed = _read_vetoes(rubric, vetoes)

    subtotals: dict[str, Decimal] = {}

    def add_up(indicator: Indicator) -> Decimal:
        if indicator.is_leaf:
            total = scores.get(indicator.code, ZERO)
        else:
            total = sum((add_up(child) for child in indicator.children), ZERO)
        subtotals[indicator.code] = total
        return total

    for root in rubric.indicators + (rubric.bonus.items if rubric.bonus else ()):
        add_up(root)

    base, extension, bonus, missing = _parts(rubric, scores)
    total = base + extension + bonus
    star = star_for(rubric, total, vetoed=bool(vetoed))
    next_level = None if vetoed else _next_level(rubric, star)
    return Result(
        total=total,
        base_total=base,
        extension_total=extension,
        bonus_total=bonus,
        subtotals=subtotals,
        missing=missing,
        vetoed=vetoed,
        star=star,
        next_level=next_level,
        gap=None if next_level is None else next_level.threshold - total,
        provisional=rubric.is_provisional,
    )


def gap_text(result: Result, lang: str = "zh") -> str:
    """ "差3.5分到三星级" / "3.5 points short of 3 stars"; explains a veto instead."""
    if lang not in ("zh", "en"):
        raise ValueError(f"unknown language {lang!r}; use 'zh' or 'en'")
    zh = lang == "zh"
    if result.vetoed:
        codes = "、".join(result.vetoed) if zh else ", ".join(result.vetoed)
        return f"一票否决（{codes}），不评定星级" if zh else f"vetoed ({codes}): no star level"
    if result.next_level is None or result.gap is None:
        return "已达最高星级" if zh else "at the highest star level"
    level = result.next_level
    if zh:
        mark = "（暂定标准）" if level.provisional else ""
        return f"差{format_score(result.gap)}分到{level.name_zh}{mark}"
    mark = " (provisional)" if level.provisional else ""
    unit = "point" if result.gap == 1 else "points"
    return f"{format_score(result.gap)} {unit} short of {level.name_en}{mark}"
