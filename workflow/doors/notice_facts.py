"""The campaign facts the documents cite, entered once as notice texts and checked on the way in.

Each key's text is cleaned and checked here so a document never carries a malformed 发文字号 or a
basis line the writer cannot split. Multi-item facts are stored one item a line (``exports.notice_facts``
reads them back). An empty text clears the fact: the document falls back to its default.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rubrics.model import Rubric
from workflow.errors import InvalidInput
from workflow.i18n import Listing, Msg, register
from workflow.notice_labels import FACT_KEYS as FACT_KEYS  # the keys' home is below the doors (their labels)

register({
    "field.line_n": {"zh": "{where}第{line}行", "en": "{where}, line {line}"},
    "why.one_line": {"zh": "只能写一行", "en": "must be one line"},
    # The Chinese in a rule is data (a parameter), so the English text holds none of its own.
    "why.docno_di": {
        "zh": "发文顺序号不加“{di}”字（如 {example}）",
        "en": "the serial number takes no {di} (e.g. {example})",
    },
    "why.docno_brackets": {
        "zh": "年份应用六角括号{brackets}括入（如 {example}），而不是“{found}”",
        "en": "the year goes in the hexagonal brackets {brackets} (e.g. {example}), not '{found}'",
    },
    "why.docno_year": {
        "zh": "年份应标全称（四位数字，如 {example}），而不是“{found}”",
        "en": "the year is written in full (four digits, e.g. {example}), not '{found}'",
    },
    "why.docno_zero": {
        "zh": "发文顺序号不编虚位（1不编为01）：应写{fixed}，而不是{found}",
        "en": "the serial number has no leading zeros (1, not 01): {fixed}, not {found}",
    },
    "why.docno_shape": {
        "zh": "应由机关代字、年份和发文顺序号组成，如 {example}",
        "en": "write the organ's code, the year and the serial number, e.g. {example}",
    },
    "why.basis_shape": {
        "zh": "应写作{shape}，如 {example}",
        "en": "write the title and its number as {shape}, e.g. {example}",
    },
    "why.telephone": {
        "zh": "“{found}”不是电话号码（数字和 - ，至少7位，如 0954-5011234）",
        "en": "'{found}' is not a telephone number (digits and -, at least 7 digits, e.g. 0954-5011234)",
    },
    "why.upward_shape": {
        "zh": "应写作 星级=机关（如 {example}），或只写机关（用于每个上报星级）",
        "en": "write LEVEL=AUTHORITY (e.g. {example}), or the authority alone (for every upward level)",
    },
    "why.upward_level": {
        "zh": "{level}不是本标准由上级认定的星级（可选：{known}）",
        "en": "{level} is not a level this rubric sends upward (choose: {known})",
    },
    "why.no_upward_level": {
        "zh": "本标准没有由上级认定的星级",
        "en": "this rubric sends no level upward",
    },
})

MAX_LINE = 200
DOCNO_EXAMPLE = "泾教发〔2023〕12号"
BASIS_SHAPE = "《标题》（文号）"
BASIS_EXAMPLE = "《宁夏智慧校园建设指南》（宁教发〔2022〕33号）"
UPWARD_EXAMPLE = "4=自治区教育厅"
# The characters the rules are about, passed to the messages as data.
SERIAL_WORD, YEAR_BRACKETS, YEAR_EXAMPLE, SERIAL_SUFFIX = "第", "〔〕", "〔2023〕", "号"
# 发文字号, GB/T 9704-2012 7.2.4: 机关代字 + 〔year in full〕 + serial number (no 第, no leading zeros) + 号.
_DOCNO = re.compile(r"^(?P<code>[^\s〔〕\[\]（）()【】［］第]+)〔(?P<year>\d+)〕(?P<no>\d+)号$")
_WRONG_BRACKETS = re.compile(r"[\[（(【［{｛〖]\s*(\d+)\s*[\]）)】］}｝〗]")
_BASIS = re.compile(r"^《(?P<title>[^《》]+)》(?:[（(](?P<number>[^（）()]+)[）)])?$")
_PHONE_CHARS = re.compile(r"^[0-9０-９\-－—()（）\s、，,/转+]+$")
_UPWARD = re.compile(r"^(?P<level>\d+)\s*[=＝:：]\s*(?P<name>.+)$")


def _one_line(field: str, text: str) -> str:
    if "\n" in text:
        raise InvalidInput("err.invalid", where=Msg(f"field.{field}"), what=Msg("why.one_line"))
    if len(text) > MAX_LINE:
        raise InvalidInput("err.invalid", where=Msg(f"field.{field}"),
                           what=Msg("why.too_long_count", length=len(text)))
    return text


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def document_number_problem(text: str) -> Msg | None:
    """What is wrong with a 发文字号, or None when it is well formed."""
    if SERIAL_WORD in text:
        return Msg("why.docno_di", di=SERIAL_WORD, example=DOCNO_EXAMPLE)
    wrong = _WRONG_BRACKETS.search(text)
    if wrong and YEAR_BRACKETS[0] not in text:
        return Msg("why.docno_brackets", brackets=YEAR_BRACKETS, example=DOCNO_EXAMPLE, found=wrong[0])
    match = _DOCNO.match(text)
    if match is None:
        return Msg("why.docno_shape", example=DOCNO_EXAMPLE)
    if len(match["year"]) != 4:
        return Msg("why.docno_year", example=YEAR_EXAMPLE, found=YEAR_BRACKETS[0] + match["year"] + YEAR_BRACKETS[1])
    if match["no"].startswith("0"):
        return Msg("why.docno_zero", fixed=f"{int(match['no'])}{SERIAL_SUFFIX}", found=match["no"] + SERIAL_SUFFIX)
    return None


def _document_number(text: str, field: str = "document_number") -> str:
    text = _one_line(field, text.replace(" ", "").replace("\u3000", ""))
    problem = document_number_problem(text) if text else None
    if problem is not None:
        raise InvalidInput("err.invalid", where=Msg(f"field.{field}"), what=problem)
    return text


def _basis_documents(text: str) -> str:
    kept: list[str] = []
    for number, line in enumerate(_lines(text), 1):
        where = Msg("field.line_n", where=Msg("field.basis_documents"), line=number)
        match = _BASIS.match(line)
        if match is None:
            raise InvalidInput("err.invalid", where=where, what=Msg("why.basis_shape", shape=BASIS_SHAPE, example=BASIS_EXAMPLE))
        doc_no = (match["number"] or "").strip()
        problem = document_number_problem(doc_no) if doc_no else None
        if problem is not None:
            raise InvalidInput("err.invalid", where=where, what=problem)
        kept.append(f"《{match['title'].strip()}》" + (f"（{doc_no}）" if doc_no else ""))
    return "\n".join(kept)


def _items(text: str) -> str:
    """Organs or methods: one a line; 、 between items on one line splits them too."""
    return "\n".join(item.strip() for line in _lines(text) for item in line.split("、") if item.strip())


def _telephone(text: str) -> str:
    text = _one_line("contact_telephone", text)
    digits = sum(c.isdigit() for c in text)
    if text and (not _PHONE_CHARS.match(text) or digits < 7):
        raise InvalidInput("err.invalid", where=Msg("field.contact_telephone"), what=Msg("why.telephone", found=text))
    return text


def _upward_authority(text: str, rubric: Rubric | None) -> str:
    upward = [s.level for s in rubric.star_levels if s.authority != "local"] if rubric else []
    chosen: dict[int, str] = {}
    for number, line in enumerate(_lines(text), 1):
        where = Msg("field.line_n", where=Msg("field.upward_authority"), line=number)
        match = _UPWARD.match(line)
        if match is None:
            if not upward or any(c in line for c in "=＝"):
                raise InvalidInput("err.invalid", where=where,
                                   what=Msg("why.upward_shape", example=UPWARD_EXAMPLE) if upward else Msg("why.no_upward_level"))
            for level in upward:  # the authority alone: every level this rubric sends upward
                chosen[level] = line
            continue
        level = int(match["level"])
        if rubric is not None and level not in upward:
            raise InvalidInput("err.invalid", where=where,
                               what=Msg("why.upward_level", level=level, known=Listing(upward)))
        chosen[level] = match["name"].strip()
    return "\n".join(f"{level}={name}" for level, name in sorted(chosen.items()))


def clean_fact(key: str, text: str, rubric: Rubric | None) -> str:
    """The stored form of one fact's ``text`` (already stripped of control characters)."""
    single: dict[str, Callable[[str], str]] = {
        "addressee": lambda s: _one_line("addressee", s).rstrip("：:"),  # the writer adds the colon
        "contact_organ": lambda s: _one_line("contact_organ", s),
        "objection_address": lambda s: _one_line("objection_address", s),
        "school_problems_heading": lambda s: _one_line("school_problems_heading", s).rstrip("。."),
        "document_number": _document_number,
        "basis_documents": _basis_documents,
        "evaluation_organs": _items,
        "evaluation_methods": _items,
        "contact_telephone": _telephone,
    }
    if key == "upward_authority":
        return _upward_authority(text, rubric)
    return single[key](text).strip()
