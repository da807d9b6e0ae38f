"""The notice's editable parts, as first drafts filled from the campaign's facts.

Officers edit them (workflow.doors.notice_texts); these are only where the editing starts. The
basis template takes {placeholders} so a saved edit still picks up the campaign's figures.
"""

from __future__ import annotations

import re

# The states where the experts' verification of a school is finished: the basis counts these as 评估核定.
# workflow.statemachine.declaration.VERIFIED_STATES is the same list (exports may not import workflow;
# tests/exports/test_notice_basis_count.py holds the two equal).
VERIFIED_STATES = frozenset({"verified", "publicized", "certified", "recommended", "not_rated"})
# A school that did not take part (未参评, the declaration's ``withdraw``): settled with no level, it has no
# place in the notice (not counted, not listed as 未达星级) nor on the publicity list.
WITHDRAWN_STATE = "withdrawn"

TEXT_KEYS = ("title", "basis", "general_problems", "requirements", "issue_date", "order", "school_problems_heading")

DEFAULT_TITLE = "{region}{year}年{short}星级评定工作督导评估通报"

DEFAULT_BASIS = (
    "按照{rubric}和本年度评定工作安排，{dates}，{organ}组织专家组，采取{methods}等方式，"
    "对{schools}的建设与应用情况进行了评估核定。现将有关情况通报如下："
)

# Blocks separated by blank lines; each block is "heading。text" (the heading ends at the first 。).
DEFAULT_REQUIREMENTS = "\n\n".join([
    "压实建设责任。各学校要明确校长为第一责任人，建立分工明确、协同推进的工作机制，把评估标准逐项分解到部门和个人。",
    "补齐基础短板。对照评估中发现的问题，逐项制定整改计划，明确完成时限，按期完成网络、设备和功能室建设。",
    "深化融合应用。依托教育云平台常态化开展资源建设、网络教研和课堂应用，加强教师信息技术应用能力培训。",
    "抓好问题整改。各学校要在规定时间内报送整改情况，整改情况纳入下一年度复核。",
])

DEFAULT_GENERAL_PROBLEMS = ""

# 三、（一）: the heading the schools' own problems follow (the county's notice wrote
# "智慧校园星级建设工作重视不足"; a record's school_problems_heading replaces it).
DEFAULT_SCHOOL_PROBLEMS_HEADING = "各学校存在的具体问题"

METHOD_WORDS = {
    "materials": "审验材料",
    "site": "实地查看",
    "interview": "座谈询问",
    "online": "网上调研",
    "archive": "查阅档案",
}


# An officer's own numbering before an item ("一、", "（一）", "(1)", "1.", "1、", "①"): the notice numbers the
# items itself (（一）（二）…), so it is dropped, never doubled as "（一）一、". "1.5倍" is no numbering.
_OWN_NUMBER = re.compile(r"\s*(?:[（(](?:[一二三四五六七八九十]+|[0-9]+)[）)]|[一二三四五六七八九十]+[、.．]"
                         r"|[0-9]+(?:[、．)）]|[.](?![0-9]))|[①-⑳])\s*")


def sections_from_text(text: str) -> list[tuple[str, str]]:
    """Split an edited block of text into (heading, body) pairs, one per line: an officer writes the items one
    a line, with or without a blank line between them (one newline made "一、要求甲。二、要求乙。" one item), and
    with or without numbering of its own (dropped: the notice numbers them). A line's heading ends at its first 。"""
    result: list[tuple[str, str]] = []
    for line in (part.strip() for part in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        item = line[match.end():] if (match := _OWN_NUMBER.match(line)) else line
        item = item.strip()
        if not item:
            continue
        head, stop, body = item.partition("。")
        result.append((head.strip(), body.strip()) if stop else (item, ""))
    return result
