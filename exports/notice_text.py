"""The generated sentences of the notice (pure text, no docx): 一、评星定级情况.

Shaped like the county notice of seed 000: the standard named once in full, then per level
"5所学校符合智慧校园二星级认定标准，分别是A评定得分71.5分，B评定得分77.5分。" (one school:
"A符合智慧校园四星级认定标准，评定得分94.5分"), and for a level the county cannot confer,
"向自治区教育厅申请智慧校园四星级认定".
"""

from __future__ import annotations

from collections.abc import Sequence

from .data import ListedSchool, NoticeInput, StarGroup
from .notice_roll import SchoolRoll
from .provisional import provisional_sentence
from .record_fields import flag_field, parts_field, text_field
from .text import clean_text, format_score

DEFAULT_UPWARD_AUTHORITY = "上级教育行政部门"
KIND_WORDS = ("数字校园", "智慧校园")


def rubric_ref(rubric_name: str) -> str:
    name = clean_text(rubric_name).strip().strip("《》")
    return f"《{name}》" if name else ""


def kind_word(*texts: str) -> str:
    """The campaign's own word (数字校园, 智慧校园) as the first text that has one says it."""
    for text in texts:
        for word in KIND_WORDS:
            if word in clean_text(text):
                return word
    return ""


def notice_kind(data: NoticeInput) -> str:
    return clean_text(text_field(data, "kind")).strip() or kind_word(data.rubric_name, data.title)


def upward_authority(group: StarGroup) -> str:
    return clean_text(text_field(group, "upward_authority")).strip() or DEFAULT_UPWARD_AUTHORITY


def _score_phrase(school: ListedSchool) -> str:
    score = format_score(school.verified_total)
    text = f"评定得分{score}分" if score else "评定得分待核定"
    if school.provisional:
        text += "（暂定）"
    return text


def _ordered(schools: Sequence[ListedSchool]) -> Sequence[ListedSchool]:
    if isinstance(schools, SchoolRoll) and schools.in_order:
        return schools  # a province's roll is read as it is, not copied into a sorted list
    return sorted(schools, key=lambda s: (s.display_order, s.name))


def group_sentence(group: StarGroup, kind: str = "") -> str:
    """One level: who meets its standard, with what score, and what follows."""
    schools = _ordered(group.schools)
    if not schools:
        return ""
    level = clean_text(group.name)
    standard = f"{kind}{level}认定标准"
    if len(schools) == 1:
        only = schools[0]
        text = f"{clean_text(only.name)}符合{standard}，{_score_phrase(only)}"
    else:
        listed = "，".join(f"{clean_text(s.name)}{_score_phrase(s)}" for s in schools)
        text = f"{len(schools)}所学校符合{standard}，分别是{listed}"
    authority = upward_authority(group)
    if group.authority == "upward":
        if len(schools) == 1:
            return f"{text}，向{authority}申请{kind}{level}认定。"
        return f"{text}。上述学校向{authority}申请{kind}{level}认定。"
    if group.authority == "benchmark":
        subject = "该校" if len(schools) == 1 else "上述学校"
        return f"{text}。建议将{subject}作为标杆校推荐至{authority}评估认定。"
    return f"{text}。"


def unrated_sentence(unrated: Sequence[ListedSchool]) -> str:
    schools = _ordered(unrated)
    if not schools:
        return ""
    if len(schools) == 1:
        return f"{clean_text(schools[0].name)}未达到星级认定标准。"
    names = "、".join(clean_text(s.name) for s in schools)
    return f"另有{len(schools)}所学校未达到星级认定标准，分别是{names}。"


def ratings_paragraph(data: NoticeInput) -> str:
    """The body of 一、评星定级情况, in the shape of a county notice.

    Schools with no level are named here only when the record's ``unrated_in_ratings`` is
    set; otherwise they appear under 三、 with their problems, as in the county's notice.
    """
    rated = sum(len(g.schools) for g in data.groups)
    with_unrated = flag_field(data, "unrated_in_ratings", False)
    total = rated + len(data.unrated)
    if rated == 0 and not (with_unrated and data.unrated):
        return ""
    ref = rubric_ref(data.rubric_name)
    summary = clean_text(data.indicator_summary).strip()
    basis = f"根据{ref}" + (f"中的{summary}内容" if summary else "") if ref else ""
    lead = f"{basis}，" if basis else ""
    parts = [f"{lead}在学校自评的基础上，经现场核查逐项赋分，共评定{total}所学校"]
    ordered = [g for g in sorted(data.groups, key=lambda g: g.level) if g.schools]
    kind = notice_kind(data)
    sentences = [group_sentence(g, kind) for g in ordered]
    if with_unrated:
        sentences.append(unrated_sentence(data.unrated))
    sentences = [s for s in sentences if s]
    if sentences:
        parts.append("，其中" + sentences[0])
        parts.extend(sentences[1:])
    else:
        parts.append("。")
    return "".join(parts)


def provisional_note(data: NoticeInput) -> str:
    """The 注 under the ratings; "" when switched off (``show_provisional_note``) or not provisional."""
    if not data.provisional or not flag_field(data, "show_provisional_note", True):
        return ""
    return provisional_sentence(rubric_ref(data.rubric_name), parts_field(data, "provisional_parts"))
