"""Read an official indicator table (a Grid) into the rubric's indicator tree.

The table's columns are found by their header names (一级指标 | 分值 | 二级指标 | 分值 |
详细指标及评分标准 | 评估办法, with the usual variants). Each indicator level is a name
column, optionally followed by its own 分值 column; a 分值 column after 详细指标及评分标准
makes each criterion a scoring point of its own. Vertically merged cells, blank cells and
Excel's filled-down repeats all continue the indicator above. Every problem is collected
with the row (and column) it is in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from rubrics.decimals import is_half_step, normalise, to_text
from rubrics.errors import RubricError, RubricProblem
from rubrics.importing.bonus import BONUS_EXAMPLE, CAP_FORMS, awards_points, cap_in
from rubrics.importing.grid import Cell, Grid
from rubrics.importing.sums import Child, suspect
from rubrics.messages import Text, quoted, render
from rubrics.model import Points
from rubrics.reader import CODE_PATTERN, MAX_NAME
from rubrics.xlsx_read import header_key


@dataclass(frozen=True)
class TableProblem(RubricProblem):
    """A problem in a table, named by row and column as an officer sees them."""

    row: int | None = None
    column: Text | None = None

    def render(self, lang: str | None = None) -> str:
        if self.row is None:
            return render("import.problem", lang, file=self.file, message=self.message)
        if self.column is None:
            return render("import.problem_row", lang, file=self.file, row=self.row, message=self.message)
        return render("import.problem_row_column", lang, file=self.file, row=self.row, column=self.column,
                      message=self.message)


def _norm(text: str) -> str:
    """A header as looked up: the importers' one header key, and "(分)"-style unit suffixes dropped."""
    return re.sub(r"\((分|分值|满分)\)$", "", header_key(text))


LEVEL_ALIASES: dict[int, tuple[str, ...]] = {
    1: ("一级指标", "一级", "一级指标名称", "一级评估指标", "一级评价指标", "一级指标内容", "评估项目", "a级指标"),
    2: ("二级指标", "二级", "二级指标名称", "二级评估指标", "二级评价指标", "二级指标内容", "评估要素", "b级指标"),
    3: ("三级指标", "三级", "三级指标名称", "三级评估指标", "三级评价指标", "评分项", "评分项目", "观测点", "c级指标"),
}
POINTS_ALIASES = ("分值", "分数", "分值分配", "标准分", "标准分值", "满分", "赋分", "配分", "指标分值", "权重分")
DETAILS_ALIASES = (
    "详细指标及评分标准", "详细指标及评分标准", "详细指标", "评分标准", "评估标准", "评价标准", "评分细则",
    "评估内容", "评估要点", "评价要点", "考核内容", "考核要点", "指标内容", "具体内容", "内容及标准",
    "评估内容及标准", "指标说明", "指标要求", "具体要求", "详细指标及评价标准",
)
METHOD_ALIASES = (
    "评估办法", "评估方法", "评估方式", "评价方式", "评价方法", "评价办法", "考核方式", "考核办法", "考核方法",
    "核查方式", "检查方式", "评估途径", "评估手段",
)
SERIAL_ALIASES = ("序号", "编号", "代码", "指标代码", "指标编号", "代号")
IGNORED_ALIASES = ("备注", "自评分", "自评得分", "得分", "核定分", "实得分", "专家评分", "评估得分", "自评情况")
SUBHEADER_WORDS = ("名称", "指标", "指标名称", "内容", "项目", "指标内容")
TOTAL_WORDS = ("合计", "总计", "总分", "满分", "合计分值", "总分值")
# A first-level name holding these is the bonus section or the vetoes, not an indicator.
BONUS_WORD, VETO_WORD = "加分", "否决"
SUFFIX_EXAMPLE = "（4分）"  # points written after a name, shown to an officer as the table's own words

_LOOKUP: dict[str, str] = {}
for _level, _names in LEVEL_ALIASES.items():
    _LOOKUP.update({_norm(name): f"level{_level}" for name in _names})
_LOOKUP.update({_norm(name): "points" for name in POINTS_ALIASES})
_LOOKUP.update({_norm(name): "details" for name in DETAILS_ALIASES})
_LOOKUP.update({_norm(name): "method" for name in METHOD_ALIASES})
_LOOKUP.update({_norm(name): "serial" for name in SERIAL_ALIASES})
_LOOKUP.update({_norm(name): "ignored" for name in IGNORED_ALIASES})

KNOWN_COLUMNS = ("一级指标", "分值", "二级指标", "三级指标", "详细指标及评分标准", "评估办法", "序号", "备注")
# The columns a header must have, named in a refusal (header names are data: a table holds them in Chinese).
NEEDED_COLUMNS = "“一级指标”“二级指标”“分值”"


def classify(text: str) -> str | None:
    return _LOOKUP.get(_norm(text))


# -- the header ---------------------------------------------------------------------------------


@dataclass
class Level:
    rank: int  # 1, 2, 3; 4 for criteria that carry their own points
    label: str  # the header text, for messages
    name_col: int
    points_col: int | None = None


@dataclass
class Header:
    row_index: int  # index into grid.rows of the last header row
    levels: list[Level]
    details_col: int | None = None
    method_col: int | None = None
    serial_col: int | None = None
    labels: dict[int, str] = field(default_factory=dict)
    problems: list[tuple[int, int | None, Text]] = field(default_factory=list)  # row, column, message


def find_header(grid: Grid, scan: int = 15) -> Header | None:
    for index, (_number, cells) in enumerate(grid.rows[:scan]):
        roles = [classify(cell.text) if cell.text and not cell.left else None for cell in cells]
        if any(role and role.startswith("level") for role in roles):
            return _header(grid, index)
    return None


def _header(grid: Grid, index: int) -> Header:
    number, cells = grid.rows[index]
    roles: dict[int, str] = {}
    labels: dict[int, str] = {}
    problems: list[tuple[int, int | None, Text]] = []
    for col, cell in enumerate(cells):
        if cell.left or not cell.text:
            continue
        role = classify(cell.text)
        labels[col] = cell.text.replace("\n", "")
        if role is None:
            problems.append((number, col, Text("import.unknown_column", title=cell.text[:30], known=KNOWN_COLUMNS)))
        else:
            roles[col] = role
    last = index
    # A two-row header: "一级指标" spanning two columns over "名称 | 分值".
    if index + 1 < len(grid.rows) and any(cell.left for cell in cells):
        sub_number, sub = grid.rows[index + 1]
        texts = {col: cell.text for col, cell in enumerate(sub) if cell.text and not cell.above}
        if texts and all(classify(t) == "points" or _norm(t) in SUBHEADER_WORDS for t in texts.values()):
            last = index + 1
            for col, text in texts.items():
                if classify(text) == "points" and roles.get(col) is None:
                    roles[col] = "points"
                    labels[col] = text
    header = Header(row_index=last, levels=[], labels=labels, problems=problems)
    seen: dict[str, int] = {}
    owner: int | None = None  # the name column a following 分值 column belongs to
    named: dict[int, Level] = {}
    details_points: int | None = None
    for col in sorted(roles):
        role = roles[col]
        if role in seen and role not in ("points", "ignored"):
            problems.append((number, col, Text("import.duplicate_column", title=labels[col], number=seen[role] + 1)))
            continue
        seen[role] = col
        if role.startswith("level"):
            level = Level(rank=int(role[5:]), label=labels[col], name_col=col)
            named[col] = level
            header.levels.append(level)
            owner = col
        elif role == "details":
            header.details_col = col
            owner = col
        elif role == "points":
            if owner is None:
                problems.append((number, col, Text("import.points_first", title=labels[col])))
            elif owner in named and named[owner].points_col is None:
                named[owner].points_col = col
            elif owner == header.details_col and details_points is None:
                details_points = col
            else:
                problems.append((number, col, Text("import.points_twice", title=labels[col])))
            owner = None
        else:
            if role == "method":
                header.method_col = col
            elif role == "serial":
                header.serial_col = col
            owner = None
    if details_points is not None and header.details_col is not None:
        # Criteria with their own points are the table's deepest level: scoring points.
        header.levels.append(Level(rank=4, label=labels[header.details_col], name_col=header.details_col,
                                   points_col=details_points))
        header.details_col = None
    header.levels.sort(key=lambda level: level.rank)
    return header


# -- names, codes and points --------------------------------------------------------------------

_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_LATIN_CODE = re.compile(
    r"^([A-Za-z]{1,3}[0-9]+(?:[.．][0-9]+)*|[A-Za-z](?=[\s.．、:：)）])|[0-9]+(?:[.．][0-9]+)+)"
    r"(?:[\s.．、:：)）]+|(?=[^\sA-Za-z0-9.．]))(.*)$",
    re.S,
)
_ORDINAL = re.compile(
    r"^(?:[（(][一二三四五六七八九十百0-9]+[)）]|[一二三四五六七八九十百]+[、.．]|[0-9]+[、.．)）](?![0-9])|[0-9]{1,2}\s+(?=[^\s0-9])"
    r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*(.*)$",
    re.S,
)
_SUFFIX_POINTS = re.compile(r"^(.*?)[（(]\s*([0-9０-９.．]+(?:\s*[+＋]\s*[0-9０-９.．]+)?)\s*分?\s*[)）]\s*$", re.S)


def join_lines(text: str) -> str:
    """A name broken over lines in a narrow Word column, joined back."""
    parts = [part.strip() for part in text.splitlines() if part.strip()]
    out = ""
    for part in parts:
        if out and not (_CJK.search(out[-1]) or _CJK.search(part[0])):
            out += " "
        out += part
    return out


def split_code(text: str) -> tuple[str | None, str]:
    """("A1", "校园网络环境") from "A1 校园网络环境", "A1.校园网络环境"; ordinals ("一、") dropped."""
    name = join_lines(text)
    match = _LATIN_CODE.match(name)
    if match and match.group(2).strip():
        return match.group(1).replace("．", ".").upper(), match.group(2).strip()
    match = _ORDINAL.match(name)
    if match and match.group(1).strip():
        return None, match.group(1).strip()
    return None, name


_POINTS_TEXT = re.compile(r"^(?:扩展项?|扩展分)[:：]?")


def parse_points(text: str) -> Points | None:
    """"40+9", "4", "4分", "2.5", "０＋２", "扩展项2" (= 0+2); None if it is not points."""
    cleaned = unicodedata.normalize("NFKC", text)
    cleaned = re.sub(r"\s+", "", cleaned).removesuffix("分")
    extension_only = bool(_POINTS_TEXT.match(cleaned))
    cleaned = _POINTS_TEXT.sub("", cleaned)
    if not cleaned or cleaned.startswith("+") or cleaned.startswith("-"):
        return None
    try:
        points = Points.parse(cleaned, where="")
    except RubricError:
        return None
    if extension_only:
        if points.extension:
            return None
        return Points(Decimal(0), points.base)
    return points


# -- the tree -----------------------------------------------------------------------------------


@dataclass
class Node:
    row: int
    rank: int
    label: str  # header text of the level ("二级指标")
    raw_name: str
    raw_points: str
    name: str
    code: str | None
    points: Points | None
    points_column: Text | None
    name_column: Text
    has_points_column: bool
    bad_points: bool = False
    guidance: list[str] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    kind: str = "indicator"  # indicator | bonus | veto
    # Bonus rules without points read as this section's criteria: (row, column, level, text), refused
    # after all if the section turns out to have items (then the rule was an item missing its points).
    rules: list[tuple[int, Text, str, str]] = field(default_factory=list)

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


@dataclass
class Table:
    roots: list[Node]
    declared_total: Points | None = None
    total_row: int | None = None
    notes: list[str] = field(default_factory=list)  # the 注：… rows, in table order


# A note row: 注：, 注1：, 说明：, 备注：… (a first-level indicator is never named like that).
_NOTE = re.compile(r"^\s*(?:注|说明|备注)\s*[0-9０-９]*\s*[:：]|^\s*注\s*[0-9０-９]+\s*[、.．]")


class Builder:
    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.problems: list[TableProblem] = []

    def problem(self, row: int | None, col: int | None, message: Text) -> None:
        column = None if col is None else self._column(col)
        self.problems.append(TableProblem(self.grid.source, None, message, row=row, column=column))

    def table(self) -> Table:
        header = find_header(self.grid)
        if header is None:
            raise RubricError([TableProblem(
                self.grid.source, None, Text("import.no_header", label=self.grid.label, columns=NEEDED_COLUMNS))])
        self.header = header
        for row, col, message in header.problems:
            self.problem(row, col, message)
        if self.problems:
            raise RubricError(list(self.problems))
        result = Table(roots=[])
        open_nodes: list[Node | None] = [None] * len(header.levels)
        for number, cells in self.grid.rows[header.row_index + 1:]:
            self._row(number, cells, open_nodes, result)
        if not result.roots and not self.problems:
            self.problem(None, None, Text("import.no_rows", label=self.grid.label))
        return result

    @staticmethod
    def _cell(cells: list[Cell], col: int | None) -> Cell:
        if col is None or col >= len(cells):
            return Cell()
        return cells[col]

    def _lone_text(self, cells: list[Cell]) -> str | None:
        """The text of a row that is one cell spanning the table (a section title or a note), or
        of a 注：… row filled only in its first cell; None for any other row."""
        own = [(col, cell) for col, cell in enumerate(cells) if cell.text and not cell.left and not cell.above]
        first = self.header.levels[0].name_col if self.header.levels else 0
        if len(own) == 1 and own[0][0] <= first and _NOTE.match(own[0][1].text):
            return own[0][1].text  # (a lone 备注： in the 评估办法 column is that indicator's method)
        # A continued merged cell carries the text above: such a row is inside an indicator, not across the table.
        # A title starts at the table's left edge; a lone merged cell further right is criteria text.
        filled = [(col, cell) for col, cell in enumerate(cells) if cell.text and not cell.left]
        if len(filled) == 1 and any(cell.left for cell in cells) and not filled[0][1].above and filled[0][0] <= first:
            return filled[0][1].text
        return None

    def _row(self, number: int, cells: list[Cell], open_nodes: list[Node | None], result: Table) -> None:
        header = self.header
        if not any((cell.text or cell.formula) and not cell.above for cell in cells):
            return  # blank, or nothing but merged continuations
        lone = self._lone_text(cells)
        if lone is not None:
            if _NOTE.match(lone):
                result.notes.append(lone.strip())
            return  # a title or a section heading across the table says nothing to import
        if header.levels:
            first = self._cell(cells, header.levels[0].name_col)
            if not first.above and _norm(first.text) in TOTAL_WORDS:
                self._total(number, cells, result)
                return
        used = {col for level in header.levels for col in (level.name_col, level.points_col)}
        used |= {header.details_col, header.method_col, header.serial_col}
        for col, cell in enumerate(cells):
            if cell.formula and col in used:
                self.problem(number, col, Text("import.formula", formula=cell.text[:40]))
                return
        newest: Node | None = None
        spanning: Node | None = None  # the deepest new node whose name cell is merged downwards
        for depth, level in enumerate(header.levels):
            cell = self._cell(cells, level.name_col)
            pcell = self._cell(cells, level.points_col)
            if cell.above:
                continue
            ptext = "" if pcell.above else pcell.text
            if not cell.text:
                if ptext:
                    self.problem(number, level.name_col, Text("import.name_empty_points", level=level.label,
                                                              points=ptext))
                continue
            above = newest or next((n for n in reversed(open_nodes[:depth]) if n is not None), None)
            span = depth > 0 and self._criteria_span(cells, level)
            rule = (depth > 0 and not span and above is not None and above.kind == "bonus" and above.rank == 1
                    and not ptext and level.points_col is not None and awards_points(cell.text))
            if span or rule:
                # Text merged across 二级指标 … 评分标准, or a bonus rule ("加3分…最高10分") with no points
                # of its own, is criteria of the indicator above, not an indicator itself.
                owner = above
                if owner is None:
                    self.problem(number, level.name_col, Text("import.orphan_row"))
                    return
                owner.guidance.append(cell.text)
                if rule and level.points_col is not None and cap_in(cell.text) is None:
                    owner.rules.append((number, self._column(level.points_col), level.label, cell.text))
                for deeper in range(depth, len(open_nodes)):
                    open_nodes[deeper] = None
                break
            current = open_nodes[depth]
            if current is not None and newest is None and cell.text == current.raw_name and (
                    not ptext or ptext == current.raw_points):
                continue  # Excel's fill-down: the same indicator repeated on each row
            node = self._node(number, level, cell.text, ptext, pcell)
            if depth == 0:
                result.roots.append(node)
            else:
                parent = next((n for n in reversed(open_nodes[:depth]) if n is not None), None)
                if parent is None:
                    self.problem(number, level.name_col, Text("import.no_parent", level=level.label, name=node.name))
                    return
                if parent.kind != "indicator":
                    node.kind = parent.kind
                parent.children.append(node)
            open_nodes[depth] = node
            for deeper in range(depth + 1, len(open_nodes)):
                open_nodes[deeper] = None
            newest = node
            if cell.down:
                spanning = node
        target = newest or next((n for n in reversed(open_nodes) if n is not None), None)
        details = self._cell(cells, header.details_col)
        method = self._cell(cells, header.method_col)
        serial = self._cell(cells, header.serial_col)
        extra = [(cell, col) for cell, col in ((details, header.details_col), (method, header.method_col))
                 if cell.text and not cell.above]
        if target is None:
            if extra:
                self.problem(number, extra[0][1], Text("import.orphan_row"))
            return
        for cell, texts in ((details, "guidance"), (method, "method")):
            if not cell.text or cell.above:
                continue  # a merged cell counts once, on its first row
            # A cell merged down the rows of an indicator belongs to that indicator, not to
            # the first of its scoring points.
            owner = spanning if cell.down and spanning is not None else target
            getattr(owner, texts).append(cell.text)
        if newest is not None and serial.text and not serial.above:
            self._serial(number, newest, serial.text)

    def _criteria_span(self, cells: list[Cell], level: Level) -> bool:
        """Whether the level's name cell is merged rightwards over another column's place: a name
        spanning its own 分值 only is still a name, but one reaching the next level or the criteria
        column (or, for a criterion, its own 分值) is running text."""
        col = end = level.name_col
        while end + 1 < len(cells) and cells[end + 1].left:
            end += 1
        if end == col:
            return False
        if level.rank == 4:
            return level.points_col is not None and col < level.points_col <= end
        header = self.header
        others = {c for lv in header.levels for c in (lv.name_col, lv.points_col) if c is not None}
        others |= {c for c in (header.details_col, header.method_col) if c is not None}
        others.discard(level.points_col)
        return any(col < c <= end for c in others)

    def _serial(self, number: int, node: Node, text: str) -> None:
        code = unicodedata.normalize("NFKC", text).strip()
        if re.fullmatch(r"[0-9]+", code):
            return  # plain row numbering, not a code
        code = code.rstrip(".、").upper()
        if node.code and node.code != code:
            self.problem(number, self.header.serial_col, Text("import.serial_differs", serial=code, code=node.code))
        node.code = code

    def _node(self, number: int, level: Level, text: str, ptext: str, pcell: Cell) -> Node:
        code, name = split_code(text)
        points: Points | None = None
        bad_points = False
        if level.points_col is None:
            suffix = _SUFFIX_POINTS.match(name)
            if suffix and parse_points(suffix.group(2)) is not None:
                name, points = suffix.group(1).strip(), parse_points(suffix.group(2))
        elif ptext:
            points = parse_points(ptext)
            if points is None:
                bad_points = True
                self.problem(number, level.points_col, Text("import.not_points", text=ptext[:40]))
        elif pcell.above:
            bad_points = True
            self.problem(number, level.points_col, Text("import.points_merged", level=level.label, name=name))
        node = Node(row=number, rank=level.rank, label=level.label, raw_name=text, raw_points=ptext, name=name,
                    code=code, points=points,
                    points_column=self._column(level.points_col if level.points_col is not None else level.name_col),
                    name_column=self._column(level.name_col), has_points_column=level.points_col is not None,
                    bad_points=bad_points)
        if level.rank == 1 and BONUS_WORD in name:
            node.kind = "bonus"
        elif level.rank == 1 and VETO_WORD in name:
            node.kind = "veto"
        if not name:
            self.problem(number, level.name_col, Text("import.name_empty", level=level.label))
        elif len(name) > MAX_NAME:
            self.problem(number, level.name_col, Text("import.name_too_long", level=level.label, length=len(name),
                                                      limit=MAX_NAME))
        if code is not None and not CODE_PATTERN.fullmatch(code):
            self.problem(number, level.name_col, Text("import.bad_code", code=code))
        return node

    def _column(self, col: int) -> Text:
        """The column as the officer sees it: its letter or number, and its header text."""
        label = self.header.labels.get(col, "") if hasattr(self, "header") else ""
        if not label:
            return self.grid.column_name(col)
        return Text("grid.column_labelled", column=self.grid.column_name(col), label=label)

    def _total(self, number: int, cells: list[Cell], result: Table) -> None:
        for level in self.header.levels:
            pcell = self._cell(cells, level.points_col)
            if pcell.text and not pcell.above:
                points = parse_points(pcell.text)
                if points is None:
                    self.problem(number, level.points_col, Text("import.total_not_points", text=pcell.text[:40]))
                else:
                    result.declared_total, result.total_row = points, number
                return


# -- whole-tree checks --------------------------------------------------------------------------


def _sum(nodes: list[Node]) -> Points:
    return Points(sum((n.points.base for n in nodes if n.points), Decimal(0)),
                  sum((n.points.extension for n in nodes if n.points), Decimal(0)))


def finish(builder: Builder, table: Table) -> None:
    """Points of parents without a points column, then every sum, code and value check."""
    problems = builder.problems

    def report(node: Node, message: Text, column: Text | None = None) -> None:
        problems.append(TableProblem(builder.grid.source, None, message, row=node.row,
                                     column=column if column is not None else node.points_column))

    def settle(node: Node) -> None:
        for child in node.children:
            settle(child)
        if node.kind == "veto":
            return
        if node.points is not None or node.bad_points:
            return
        if node.children and not node.has_points_column:
            if all(child.points is not None for child in node.children):
                node.points = _sum(node.children)
            return
        if node.kind == "bonus" and not node.has_points_column:
            return  # no cap written: the items' sum is the cap
        report(node, Text("import.no_points", level=node.label, name=node.name, example=quoted([SUFFIX_EXAMPLE])))

    for root in table.roots:
        if root.kind == "bonus" and not root.children:
            _single_bonus(root, report)
        elif root.kind == "bonus":
            for row, column, label, text in root.rules:  # beside items, a rule without points is an item without
                problems.append(TableProblem(builder.grid.source, None, Text(
                    "import.no_points", level=label, name=text, example=quoted([SUFFIX_EXAMPLE])),
                    row=row, column=column))
            stated = cap_in("\n".join(root.guidance))
            if root.points is None and not root.bad_points and stated is not None:
                root.points = Points(stated)  # "累计最高10分" under the items: the cap, not their sum
        settle(root)
    parents = {id(child): node for root in table.roots for node in root.walk() for child in node.children}
    for root in table.roots:
        for node in root.walk():
            if node.kind == "veto" or node.points is None:
                continue
            if not (is_half_step(node.points.base) and is_half_step(node.points.extension)):
                report(node, Text("import.half_steps", points=str(node.points)))
            if not node.children and node.points.total == 0:
                report(node, Text("import.leaf_zero", name=node.name))
            if node.children and node.kind == "indicator" and all(c.points is not None for c in node.children):
                total = _sum(node.children)
                if total.base != node.points.base or total.extension != node.points.extension:
                    fix = _fix_self(node, total, parents.get(id(node))) or _fix(node.points, node.children,
                                                                                 "import.fix_row")
                    report(node, Text("import.sum", level=node.label, name=node.name, points=str(node.points),
                                      total=str(total), fix=fix))
    if table.declared_total is not None:
        indicators = [root for root in table.roots if root.kind == "indicator"]
        if all(root.points is not None for root in indicators):
            total = _sum(indicators)
            if total.base != table.declared_total.base or total.extension != table.declared_total.extension:
                problems.append(TableProblem(
                    builder.grid.source, None,
                    Text("import.total_sum", declared=str(table.declared_total), total=str(total),
                         fix=_fix(table.declared_total, indicators, "import.fix_total")),
                    row=table.total_row))
    for root in table.roots:
        if root.kind == "bonus" and root.points is not None and root.points.extension:
            report(root, Text("import.bonus_cap", points=str(root.points)))


def _fix(stated: Points, children: list[Node], otherwise: str) -> Text:
    """What to change when ``children`` do not add up to ``stated``: the child row most likely
    wrong and the points that would make them agree, or else the stated value itself."""
    total = _sum(children)
    own = [Child(child.points or Points(Decimal(0)),
                 _sum(child.children) if child.children and all(c.points for c in child.children) else None)
           for child in children]
    found = suspect(stated, own)
    if found is None:
        return Text(f"{otherwise}_only", total=str(total))
    index, fixed = found
    child = children[index]
    return Text(otherwise, row=child.row, level=child.label, name=child.name,
                points=str(child.points), fixed=str(fixed), total=str(total))


def _fix_self(node: Node, total: Points, parent: Node | None) -> Text | None:
    """When this row's own children's sum would also make its parent's sum agree, the row itself
    is the one to change (its parent's refusal points here too)."""
    if parent is None or parent.points is None or any(c.points is None for c in parent.children):
        return None
    siblings = _sum([child for child in parent.children if child is not node])
    if (siblings.base + total.base, siblings.extension + total.extension) != (parent.points.base,
                                                                             parent.points.extension):
        return None
    return Text("import.fix_self", total=str(total), level=parent.label, name=parent.name, row=parent.row)


def _single_bonus(root: Node, report: Callable[[Node, Text, Text | None], None]) -> None:
    """奖励加分 written as one row: itself the one bonus item, its criteria the text beside it and
    its cap the 分值 cell or the text's 最高N分 / 不超过N分 / 上限N分."""
    if root.bad_points:
        return
    if not root.guidance:
        root.bad_points = True
        report(root, Text("import.bonus_items", name=root.name, example=quoted([BONUS_EXAMPLE])), root.name_column)
        return
    stated = cap_in("\n".join([root.raw_name, *root.guidance]))
    if root.points is None:
        if stated is None:
            root.bad_points = True
            report(root, Text("import.bonus_no_cap", name=root.name, forms=quoted(CAP_FORMS)), None)
            return
        root.points = Points(stated)
    elif stated is not None and stated != root.points.total:
        report(root, Text("import.bonus_cap_differs", name=root.name, points=str(root.points),
                          stated=to_text(stated)), None)


def assign_codes(builder: Builder, table: Table) -> dict[str, int]:
    """Codes for nodes without one (A, A1, A1.1 by position); every code checked for repeats."""
    rows: dict[str, int] = {}

    def visit(node: Node, code: str) -> None:
        if node.code is None:
            node.code = code
        seen = rows.get(node.code)
        if seen is not None:
            builder.problems.append(TableProblem(
                builder.grid.source, None,
                Text("import.duplicate_code", code=node.code, row=seen),
                row=node.row, column=node.name_column))
        else:
            rows[node.code] = node.row
        for n, child in enumerate(node.children, start=1):
            sep = "" if node.rank == 1 and node.code.isalpha() else "."
            visit(child, f"{node.code}{sep}{n}")

    vetoes = 0
    for n, root in enumerate(table.roots):
        if root.kind == "veto":
            for child in root.children:
                vetoes += 1
                visit(child, f"V{vetoes}")
            continue
        letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        visit(root, letters[n] if n < len(letters) else f"L{n + 1}")
    return rows


def points_text(points: Points) -> str:
    if points.extension:
        return f"{to_text(normalise(points.base))}+{to_text(normalise(points.extension))}"
    return to_text(normalise(points.base))
