"""The rubric as immutable data: indicator tree, star levels, bonus, vetoes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from rubrics.decimals import clean_text, normalise, parse_plain, to_text
from rubrics.errors import RubricError
from rubrics.messages import Text

Authority = Literal["local", "upward", "benchmark"]
AUTHORITIES: tuple[str, ...] = ("local", "upward", "benchmark")


@dataclass(frozen=True)
class Points:
    """Maximum points of an indicator, as base + extension (扩展项), e.g. "40+9"."""

    base: Decimal
    extension: Decimal = Decimal(0)

    @property
    def total(self) -> Decimal:
        return self.base + self.extension

    def __str__(self) -> str:
        if self.extension:
            return f"{to_text(self.base)}+{to_text(self.extension)}"
        return to_text(self.base)

    @classmethod
    def parse(cls, value: object, where: str) -> Points:
        """Accept "40+9", "20", 20, 2.5, "0+2"; raise RubricError naming ``where``."""
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            raise RubricError.single(where, Text("rubric.points_type", value=repr(value)))
        if isinstance(value, float):
            # TOML hands us floats for 2.5; repr() is the shortest text that reads back.
            value = repr(value)
        if isinstance(value, int | Decimal):
            value = str(value)
        parts = clean_text(value).split("+")
        if len(parts) > 2:
            raise RubricError.single(where, Text("rubric.points_plus", value=repr(value)))
        numbers: list[Decimal] = []
        for part in parts:
            number = parse_plain(part)
            if number is None:
                raise RubricError.single(where, Text("rubric.points_not_number", value=repr(value)))
            if number < 0:
                raise RubricError.single(where, Text("rubric.points_negative", value=repr(value)))
            numbers.append(normalise(number))
        return cls(*numbers)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    points: Points
    guidance: str = ""  # 详细指标及评分标准
    method: str = ""  # 评估办法
    provisional: bool = False
    children: tuple[Indicator, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def max_score(self) -> Decimal:
        return self.points.total

    def walk(self) -> Iterator[Indicator]:
        """This indicator and every descendant, depth first, in file order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class StarLevel:
    level: int
    name_zh: str
    name_en: str
    threshold: Decimal
    authority: str  # one of AUTHORITIES: who certifies a school at this level
    provisional: bool = False
    # The body that certifies an upward level, as the rubric names it (自治区教育厅); "" for local levels.
    authority_name: str = ""


@dataclass(frozen=True)
class Veto:
    """一票否决: when it holds, no star is given whatever the score."""

    code: str
    text: str
    provisional: bool = False


@dataclass(frozen=True)
class Bonus:
    """奖励加分: leaves scored like any other, their sum capped at ``cap``."""

    cap: Decimal
    items: tuple[Indicator, ...]
    provisional: bool = False  # the cap itself is unconfirmed

    @property
    def reachable(self) -> Decimal:
        return min(self.cap, sum((item.max_score for item in self.items), Decimal(0)))


@dataclass(frozen=True)
class Provenance:
    confirmed: tuple[str, ...] = ()
    provisional: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rubric:
    id: str
    name: str
    region: str
    version: str
    provenance: Provenance
    indicators: tuple[Indicator, ...]
    star_levels: tuple[StarLevel, ...]
    bonus: Bonus | None
    vetoes: tuple[Veto, ...]
    extension_cap: Decimal | None = None
    issued: str = ""  # date the issuing body published the standard, e.g. "2020-10-26"
    # The table's 注：… lines, as written; a frozen copy made before notes existed has none.
    notes: tuple[str, ...] = ()

    def walk(self) -> Iterator[Indicator]:
        """Every indicator, depth first; bonus items last."""
        for indicator in self.indicators:
            yield from indicator.walk()
        if self.bonus is not None:
            for item in self.bonus.items:
                yield from item.walk()

    def leaves(self) -> list[Indicator]:
        return [indicator for indicator in self.walk() if indicator.is_leaf]

    def leaf_codes(self) -> list[str]:
        return [leaf.code for leaf in self.leaves()]

    @cached_property
    def scoring_plan(self) -> tuple[tuple[str, Decimal, bool], ...]:
        """Each leaf in order: its code, its base points and whether it is a bonus (加分) leaf; what a total needs."""
        bonus = self.bonus_leaf_codes()
        return tuple((leaf.code, leaf.points.base, leaf.code in bonus) for leaf in self.leaves())

    def bonus_leaf_codes(self) -> set[str]:
        if self.bonus is None:
            return set()
        return {leaf.code for item in self.bonus.items for leaf in item.walk() if leaf.is_leaf}

    @cached_property
    def _paths(self) -> dict[str, tuple[Indicator, ...]]:
        paths: dict[str, tuple[Indicator, ...]] = {}

        def visit(indicator: Indicator, above: tuple[Indicator, ...]) -> None:
            here = (*above, indicator)
            paths.setdefault(indicator.code, here)
            for child in indicator.children:
                visit(child, here)

        roots = self.indicators + (self.bonus.items if self.bonus else ())
        for root in roots:
            visit(root, ())
        return paths

    def path(self, code: str) -> list[Indicator]:
        """Indicators from the first level down to ``code``; KeyError if absent."""
        return list(self._paths[code])

    def find(self, code: str) -> Indicator:
        return self._paths[code][-1]

    def parent_of(self, code: str) -> Indicator | None:
        path = self._paths[code]
        return path[-2] if len(path) > 1 else None

    def is_bonus(self, code: str) -> bool:
        return self.bonus is not None and self._paths[code][0] in self.bonus.items

    @property
    def base_max(self) -> Decimal:
        return sum((i.points.base for i in self.indicators), Decimal(0))

    @property
    def extension_max(self) -> Decimal:
        extension = sum((i.points.extension for i in self.indicators), Decimal(0))
        if self.extension_cap is not None:
            return min(extension, self.extension_cap)
        return extension

    def max_total(self) -> Decimal:
        bonus = self.bonus.reachable if self.bonus else Decimal(0)
        return self.base_max + self.extension_max + bonus

    @property
    def is_provisional(self) -> bool:
        return (
            any(indicator.provisional for indicator in self.walk())
            or any(level.provisional for level in self.star_levels)
            or any(veto.provisional for veto in self.vetoes)
            or (self.bonus is not None and self.bonus.provisional)
        )

    def star_level(self, level: int) -> StarLevel:
        for star in self.star_levels:
            if star.level == level:
                return star
        raise KeyError(level)
