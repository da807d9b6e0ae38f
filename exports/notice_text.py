"""The generated sentences of the notice (pure text, no docx): 一、评星定级情况."""

from __future__ import annotations

from .data import NoticeInput, SchoolResult, StarGroup
from .text import clean_text, format_score


def _rubric_ref(rubric_name: str) -> str:
    name = clean_text(rubric_name).strip().strip("《》")
    return f"《{name}》" if name else ""


def _standard(rubric_name: str, level_name: str) -> str:
    """符合《X认定标准》二星级标准 / 符合《X》二星级认定标准."""
    ref = _rubric_ref(rubric_name)
    tail = "标准" if ref.endswith("标准》") else "认定标准"
    return f"{ref}{level_name}{tail}"


def _score_phrase(school: SchoolResult) -> str:
    score = format_score(school.verified_total)
    text = f"评定得分{score}分" if score else "评定得分待核定"
    if school.provisional:
        text += "（暂定）"
    return text


def _ordered(schools: tuple[SchoolResult, ...]) -> list[SchoolResult]:
    return sorted(schools, key=lambda s: (s.display_order, s.name))


def review_tier(region: str) -> str:
    """Which bureau did the first review, read off the region's name: 县级, 市级, 区级 or none."""
    name = clean_text(region).strip()
    if name.endswith(("县", "旗")):
        return "县级"
    if name.endswith(("市", "州", "盟", "示范区")):
        return "市级"
    if name.endswith("区"):
        return "区级"
    return ""


def group_sentence(group: StarGroup, rubric_name: str, region: str = "") -> str:
    """One level: who meets its standard, with what score, and what follows."""
    schools = _ordered(group.schools)
    if not schools:
        return ""
    level = clean_text(group.name)
    standard = _standard(rubric_name, level)
    if len(schools) == 1:
        only = schools[0]
        text = f"{clean_text(only.name)}符合{standard}，{_score_phrase(only)}。"
    else:
        listed = "，".join(f"{clean_text(s.name)}{_score_phrase(s)}" for s in schools)
        text = f"{len(schools)}所学校符合{standard}，分别是{listed}。"
    subject = "该校" if len(schools) == 1 else "上述学校"
    if group.authority == "upward":
        text += f"经{review_tier(region)}初评，{subject}将向上级教育行政部门申报{level}认定。"
    elif group.authority == "benchmark":
        text += f"建议将{subject}作为标杆校推荐至上级教育行政部门评估认定。"
    return text


def unrated_sentence(unrated: tuple[SchoolResult, ...]) -> str:
    schools = _ordered(unrated)
    if not schools:
        return ""
    names = "、".join(clean_text(s.name) for s in schools)
    return f"另有{len(schools)}所学校未达到星级标准，分别是{names}。"


def ratings_paragraph(data: NoticeInput) -> str:
    """The body of 一、评星定级情况, in the shape of a county notice."""
    rated = sum(len(g.schools) for g in data.groups)
    total = rated + len(data.unrated)
    if total == 0:
        return ""
    ref = _rubric_ref(data.rubric_name)
    summary = clean_text(data.indicator_summary).strip()
    basis = f"依据{ref}" + (f"的{summary}" if summary else "") if ref else ""
    lead = f"{basis}，" if basis else ""
    parts = [f"{lead}在学校自评的基础上，经现场核查逐项赋分，共评定{total}所学校。"]
    ordered = sorted(data.groups, key=lambda g: g.level)
    if rated:
        parts.append("评定结果如下：")
    parts.extend(group_sentence(g, data.rubric_name, data.region) for g in ordered)
    parts.append(unrated_sentence(data.unrated))
    return "".join(p for p in parts if p)


def provisional_note(data: NoticeInput) -> str:
    ref = _rubric_ref(data.rubric_name) or "评定标准"
    return f"注：本次评定所依据的{ref}星级分数线为暂定标准，评定结果以正式发布的标准为准。"
