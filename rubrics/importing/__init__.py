"""Import a rubric from the official indicator table (.docx table or .xlsx sheet).

    data, text, rubric = import_table("评分表.docx", rubric_id="x", name="…", region="…",
                                      like="henan-v2")
    write_imported("评分表.docx", "x.toml", …)   # all or nothing

The table gives the indicator tree, points, criteria and methods; the command line gives
what a table never holds: id, name, region, version and the star levels (or a template
rubric to copy star levels, bonus and vetoes from). Every problem is a RubricError whose
lines name the table row (and column); nothing is written unless the whole table is good
and the TOML text reads back to the same rubric.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from rubrics.decimals import parse_plain, to_text
from rubrics.errors import RubricError, RubricProblem
from rubrics.importing.build import (
    BONUS_WORD,
    VETO_WORD,
    Builder,
    Node,
    TableProblem,
    assign_codes,
    find_header,
    finish,
    points_text,
)
from rubrics.importing.emit import dumps
from rubrics.importing.grid import Grid, read_table
from rubrics.loader import load_rubric_text, resolve_rubric
from rubrics.messages import Text, quoted
from rubrics.model import AUTHORITIES, Rubric
from rubrics.serial import rubric_from_dict, rubric_to_dict

__all__ = ["StarSpec", "TableProblem", "import_table", "parse_star", "write_imported"]


@dataclass(frozen=True)
class StarSpec:
    level: int
    name_zh: str
    threshold: str
    authority: str = "local"


def parse_star(spec: str) -> StarSpec:
    """ "2=二星级=70=local" (authority optional, local by default)."""
    parts = [part.strip() for part in spec.split("=")]
    where = f"--star {spec}"
    if len(parts) not in (3, 4):
        raise RubricError.single(where, Text("import.star_form"))
    level, name, threshold = parts[:3]
    authority = parts[3] if len(parts) == 4 else "local"
    if not level.isascii() or not level.isdigit() or int(level) < 1:
        raise RubricError.single(where, Text("import.star_level", level=level))
    if not name:
        raise RubricError.single(where, Text("import.star_name"))
    number = parse_plain(threshold)
    if number is None or number < 0:
        raise RubricError.single(where, Text("import.star_threshold", value=threshold))
    if authority not in AUTHORITIES:
        raise RubricError.single(where, Text("import.star_authority", value=authority, known=AUTHORITIES))
    return StarSpec(int(level), name, to_text(number), authority)


def _indicator(node: Node) -> dict[str, Any]:
    assert node.code is not None and node.points is not None
    row: dict[str, Any] = {"code": node.code, "name": node.name, "points": points_text(node.points)}
    if node.guidance:
        row["guidance"] = "\n".join(node.guidance)
    if node.method:
        row["method"] = "\n".join(dict.fromkeys(node.method))
    if node.children:
        row["children"] = [_indicator(child) for child in node.children]
    return row


def _vetoes(builder: Builder, root: Node) -> list[dict[str, Any]]:
    if root.children:
        return [{"code": child.code, "text": child.name} for child in root.children]
    lines = [line.strip() for text in root.guidance for line in text.splitlines() if line.strip()]
    if not lines:
        builder.problems.append(TableProblem(builder.grid.source, None, Text("import.no_vetoes", name=root.name),
                                             row=root.row, column=root.name_column))
    return [{"code": f"{root.code or 'V'}{n}", "text": line} for n, line in enumerate(lines, start=1)]


def _stars(stars: list[StarSpec]) -> list[dict[str, Any]]:
    return [{"level": s.level, "name_zh": s.name_zh, "name_en": f"{s.level} star{'s' if s.level != 1 else ''}",
             "threshold": s.threshold, "authority": s.authority} for s in stars]


def _with_rows(error: RubricError, rows: dict[str, int], source: str) -> RubricError:
    """Validator problems about an indicator, named by the table row the indicator came from."""
    problems: list[RubricProblem] = []
    for problem in error.problems:
        if problem.code is not None and problem.code in rows:
            problems.append(TableProblem(source, None, Text("import.at_code", code=problem.code, message=problem.message),
                                         row=rows[problem.code]))
        else:
            problems.append(RubricProblem(source, problem.code, problem.message))
    return RubricError(problems)


def _thresholds_explained(error: RubricError, template: Rubric | None, specs: list[StarSpec]) -> RubricError:
    """The validator's "threshold above the reachable maximum", said the way the import can fix
    it: one line naming the template's thresholds and the --star to write, or the --star to lower."""
    unreachable = [problem for problem in error.problems
                   if _inner(problem.message).key == "rubric.threshold_unreachable"]
    if not unreachable:
        return error
    rest = [problem for problem in error.problems if problem not in unreachable]
    source = unreachable[0].file
    maximum = _inner(unreachable[0].message).params["maximum"]
    explained: list[RubricProblem] = []
    if template is not None and not specs:
        first = template.star_levels[0]
        explained.append(RubricProblem(source, None, Text(
            "import.like_thresholds", template=template.id, maximum=maximum,
            thresholds=[_inner(problem.message).params["threshold"] for problem in unreachable],
            example=f"{first.level}={first.name_zh}=N")))
    else:
        for problem in unreachable:
            where = problem.message.params.get("where")
            star = where.params if isinstance(where, Text) else {}
            explained.append(RubricProblem(source, None, Text(
                "import.star_above", level=star.get("level", "?"), name=star.get("name", ""),
                threshold=_inner(problem.message).params["threshold"], maximum=maximum)))
    return RubricError([*explained, *rest])


def _inner(message: Text) -> Text:
    """The message under a "where: message" wrapper."""
    inner = message.params.get("message") if message.key == "rubric.at" else None
    return inner if isinstance(inner, Text) else message


def import_table(
    path: str | Path,
    *,
    rubric_id: str,
    name: str,
    region: str = "",
    version: str = "",
    issued: str = "",
    like: str | None = None,
    stars: list[str] | tuple[str, ...] = (),
    sheet: str | None = None,
    table: int | None = None,
) -> tuple[dict[str, Any], str, Rubric]:
    """The rubric dict, its TOML text and the validated Rubric; RubricError on any problem."""
    source = str(path)
    specs = [parse_star(spec) for spec in stars]
    template: Rubric | None = None
    if like is not None:
        template = resolve_rubric(like)
    elif not specs:
        raise RubricError.single(source, Text("import.stars_needed"))
    grid: Grid = read_table(path, sheet=sheet, table=table, looks_like=lambda grid: find_header(grid) is not None)
    builder = Builder(grid)
    parsed = builder.table()
    finish(builder, parsed)
    rows = assign_codes(builder, parsed)
    indicators = [root for root in parsed.roots if root.kind == "indicator"]
    bonus_roots = [root for root in parsed.roots if root.kind == "bonus"]
    veto_roots = [root for root in parsed.roots if root.kind == "veto"]
    vetoes = [veto for root in veto_roots for veto in _vetoes(builder, root)]
    if not indicators and not builder.problems:
        builder.problems.append(TableProblem(source, None, Text("import.no_indicators", words=quoted([BONUS_WORD, VETO_WORD]))))
    if builder.problems:
        ordered: list[TableProblem] = sorted(builder.problems, key=lambda problem: problem.row or 0)
        raise RubricError([*ordered])

    file_name = Path(path).name
    leaves = sum(1 for root in indicators for node in root.walk() if not node.children)
    where = grid.label.render("zh")  # the provenance is the rubric's data, written in Chinese as its names are
    confirmed = [f"指标树、分值、评分标准与评估办法导入自《{file_name}》{where}"
                 f"（{len(indicators)}个一级指标，{leaves}个末级指标）"]
    provisional: list[str] = []
    sources = [file_name]
    data: dict[str, Any] = {"format": 1, "id": rubric_id, "name": name}
    for key, value in (("region", region), ("version", version), ("issued", issued)):
        if value:
            data[key] = value
    if parsed.declared_total is not None:
        data["points"] = points_text(parsed.declared_total)
    if template is not None:
        copied = rubric_to_dict(template)
        data["star_levels"] = copied["star_levels"]
        data["vetoes"] = copied["vetoes"]
        if "bonus" in copied:
            data["bonus"] = copied["bonus"]
        if "extension_cap" in copied:
            data["extension_cap"] = copied["extension_cap"]
        sources.append(f"星级等设置复制自 / star levels etc. copied from: {template.id} {template.name}")
        marked = [part for part, flag in (
            ("星级分数线", any(s.provisional for s in template.star_levels) and not specs),
            ("一票否决", any(v.provisional for v in template.vetoes) and not veto_roots),
            ("奖励加分上限", template.bonus is not None and template.bonus.provisional and not bonus_roots),
        ) if flag]
        if marked:
            provisional.append(f"{'、'.join(marked)}复制自 {template.id}，其中暂定内容仍标为暂定 / "
                               f"copied from {template.id}; its provisional parts stay provisional")
    if specs:
        data["star_levels"] = _stars(specs)
        confirmed.append("星级分数线由导入时指定 / star thresholds given at import: "
                         + "，".join(f"{s.name_zh}{s.threshold}" for s in specs))
    if veto_roots:
        data["vetoes"] = vetoes
    if bonus_roots:
        # A bonus written as one row (no second level) is its own one item.
        items = [_indicator(child) for root in bonus_roots for child in (root.children or [root])]
        cap = bonus_roots[0].points
        if cap is None:  # no cap written: every item counts
            cap_value = sum((child.points.total for r in bonus_roots for child in r.children if child.points),
                            Decimal(0))
        else:
            cap_value = cap.base
        data["bonus"] = {"cap": to_text(cap_value), "provisional": False, "items": items}
    if parsed.notes:
        data["notes"] = parsed.notes
    data["provenance"] = {"confirmed": confirmed, "provisional": provisional, "sources": sources}
    data["indicators"] = [_indicator(root) for root in indicators]
    try:
        rubric = rubric_from_dict(data, source)
    except RubricError as error:
        raise _with_rows(_thresholds_explained(error, template, specs), rows, source) from None
    comment = (f"{name}\n由 starcampus rubric import 从《{file_name}》{where}生成。\n"
               f"Generated by `starcampus rubric import` from {file_name}.")
    text = dumps(data, comment)
    again = load_rubric_text(text, source)
    if again != rubric:  # pragma: no cover - the emitter and the reader disagree: a bug, not a table problem
        raise RubricError.single(source, Text("import.round_trip"))
    return data, text, rubric


def write_imported(path: str | Path, output: str | Path, *, force: bool = False, **options: Any) -> Rubric:
    """Import and write ``output`` atomically; nothing is written if anything is wrong."""
    target = Path(output)
    if target.exists() and not force:
        raise RubricError.single(str(target), Text("import.exists"))
    if not target.parent.is_dir():
        raise RubricError.single(str(target), Text("import.no_folder"))
    _data, text, rubric = import_table(path, **options)
    temp = target.parent / f".{target.name}.{os.getpid()}.tmp"
    try:
        with open(temp, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise RubricError.single(str(target), Text("import.cannot_write", detail=exc.strerror or str(exc))) from None
    return rubric
