"""The one message catalog. Chinese first; English with ``--lang en``.

Keys are dotted names; values carry ``{name}`` placeholders filled by ``t``. The TUI adds its
own keys through ``register`` so every string a user reads comes from here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from models.messages import CATALOG as MODEL_MESSAGES
from rubrics.messages import CATALOG as RUBRIC_MESSAGES
from rubrics.messages import environment_language
from rubrics.messages import follow_language as follow_in_rubrics
from workflow.round_messages import CATALOG as ROUND_MESSAGES

LANGUAGES = ("zh", "en")
_current = "zh"

CATALOG: dict[str, dict[str, str]] = {
    # refusals and errors
    "err.permission": {
        "zh": "无权操作：{role}角色不能执行“{action}”。",
        "en": "Not allowed: the {role} role cannot {action}.",
    },
    "err.own_school_only": {
        "zh": "无权操作：学校用户只能处理本校（{own}）的数据，不能处理{other}。",
        "en": "Not allowed: a school user works only on its own school ({own}), not {other}.",
    },
    "err.user_unknown": {"zh": "用户“{name}”不存在。", "en": "There is no user named '{name}'."},
    "err.user_disabled": {"zh": "用户“{name}”已停用。", "en": "User '{name}' is disabled."},
    "err.user_exists": {"zh": "用户“{name}”已存在。", "en": "User '{name}' already exists."},
    "err.not_found": {"zh": "找不到{what}：{key}。", "en": "{what} not found: {key}."},
    "err.event_unknown": {
        "zh": "没有名为“{event}”的操作。可用的操作：{known}。",
        "en": "There is no event named '{event}'. Known events: {known}.",
    },
    "err.event_state": {
        "zh": "“{event}”不能在“{state}”状态下进行（只能在：{allowed}）。",
        "en": "'{event}' cannot happen in state '{state}' (only in: {allowed}).",
    },
    "err.event_phase": {
        "zh": "“{event}”只能在{allowed}阶段进行，当前是“{phase}”阶段。",
        "en": "'{event}' is allowed only in the {allowed} phase(s); the campaign is in '{phase}'.",
    },
    "err.event_role": {
        "zh": "{role}角色不能执行“{event}”（允许：{allowed}）。",
        "en": "The {role} role cannot do '{event}' (allowed: {allowed}).",
    },
    "err.reason_required": {"zh": "“{event}”必须填写理由。", "en": "'{event}' needs a reason."},
    "err.unscored": {
        "zh": "还有{count}个指标未评分（{kind}）：{codes}。",
        "en": "{count} indicator(s) have no {kind} yet: {codes}.",
    },
    "err.publicity_running": {
        "zh": "公示期未满：公示于{start}开始，需满{days}天（至{end}）。",
        "en": "The publicity period has not elapsed: it began {start} and runs {days} days (until {end}).",
    },
    "err.open_objections": {
        "zh": "还有{count}条异议未处理。",
        "en": "{count} objection(s) are still open.",
    },
    "err.star_authority": {
        "zh": "“{event}”不适用于{star}（{authority}）。",
        "en": "'{event}' does not apply to {star} ({authority}).",
    },
    "err.level_compare": {
        "zh": "“{event}”要求复核星级{relation}原星级：原为{old}，复核为{new}。",
        "en": "'{event}' needs the reviewed level to be {relation} the old one: was {old}, now {new}.",
    },
    "err.review_once": {
        "zh": "{school}在{year}年已进行过一次年度复核，每年只能复核一次。",
        "en": "{school} was already reviewed in {year}; one review per school per year.",
    },
    "err.conflict": {
        "zh": "保存被拒绝：{who}已于{when}修改了该校的数据，请刷新后再试。未覆盖任何内容。",
        "en": "Save refused: {who} changed this school's data at {when}. Reload and try again; nothing was overwritten.",
    },
    "err.conflict_achievement": {
        "zh": "保存被拒绝：{who}已于{when}修改了该校的“取得的成效”，请刷新后再试。未覆盖任何内容。",
        "en": "Save refused: {who} changed this school's achievements at {when}. "
              "Reload and try again; nothing was overwritten.",
    },
    "err.conflict_school_problems": {
        "zh": "保存被拒绝：{who}已于{when}修改了该校的“存在的问题”，请刷新后再试。未覆盖任何内容。",
        "en": "Save refused: {who} changed this school's problems paragraph at {when}. "
              "Reload and try again; nothing was overwritten.",
    },
    "err.conflict_problem": {
        "zh": "保存被拒绝：{who}已于{when}修改了问题 #{id}，请刷新后再试。未覆盖任何内容。",
        "en": "Save refused: {who} changed problem #{id} at {when}. Reload and try again; nothing was overwritten.",
    },
    "err.conflict_notice": {
        "zh": "保存被拒绝：{who}已于{when}修改了通报文稿“{key}”，请刷新后再试。未覆盖任何内容。",
        "en": "Save refused: {who} changed the notice text '{key}' at {when}. "
              "Reload and try again; nothing was overwritten.",
    },
    "err.keys_file": {
        "zh": "用户已保存，但无法写入{path}（{detail}）；下次执行用户命令时会自动补写。",
        "en": "The user was saved, but {path} could not be written ({detail}); "
              "the next user command writes it.",
    },
    "err.score_phase": {
        "zh": "当前状态“{state}”不能录入{kind}。",
        "en": "{kind} cannot be entered while the school is '{state}'.",
    },
    "err.indicator_unknown": {
        "zh": "指标“{code}”不在评分标准“{rubric}”中（或不是末级指标）。",
        "en": "Indicator '{code}' is not a scored leaf of rubric '{rubric}'.",
    },
    "err.veto_unknown": {
        "zh": "否决项“{code}”不在评分标准中。",
        "en": "Veto condition '{code}' is not in the rubric.",
    },
    "err.phase_last": {
        "zh": "已是最后阶段“{phase}”，不能再推进。",
        "en": "'{phase}' is the last phase; there is nothing to advance to.",
    },
    "err.phase_unknown": {"zh": "未知阶段“{phase}”。", "en": "Unknown phase '{phase}'."},
    "err.publicity_days_started": {
        "zh": "“{title}”已开始公示（{start}起，{count}所学校），公示天数不能再改：公示期按已公布的{days}天计算。",
        "en": "Publicity of '{title}' has begun ({start}, {count} schools); the publicity length can no longer "
              "be changed: it runs the {days} days already announced.",
    },
    "err.date_invalid": {
        "zh": "{field}的日期“{value}”不存在或格式不对：{detail}。",
        "en": "{field}: the date '{value}' does not exist or is malformed: {detail}.",
    },
    "err.window_backwards": {
        "zh": "{phase}的结束日期{end}早于开始日期{start}。",
        "en": "{phase} ends ({end}) before it starts ({start}).",
    },
    "err.window_overlap": {
        "zh": "{first}（至{end}）与{second}（自{start}）时间重叠。",
        "en": "{first} (until {end}) overlaps {second} (from {start}).",
    },
    "err.window_missing": {"zh": "缺少{phase}的起止日期。", "en": "{phase} has no date window."},
    "err.invalid": {"zh": "{where}：{what}", "en": "{where}: {what}"},
    "err.already_enrolled": {
        "zh": "{school}已参加本次评定。",
        "en": "{school} is already enrolled in this campaign.",
    },
    "err.db_locked": {
        "zh": "数据库繁忙，重试后仍未能写入，请稍后再试。",
        "en": "The database stayed busy after retries; try again shortly.",
    },
    "err.readonly": {
        "zh": "无法写入数据库（{detail}）：磁盘已满或文件只读。未做任何修改。",
        "en": "Cannot write the database ({detail}): disk full or read-only. Nothing was changed.",
    },
    # where a refusal points: a file's line and column, an item
    "at.line": {"zh": "{path}:{line}", "en": "{path}:{line}"},
    "at.cell": {"zh": "{path}:{line}:{column}", "en": "{path}:{line}:{column}"},
    "at.cell_school": {"zh": "{path}:{line}:{column} {school}", "en": "{path}:{line}:{column} {school}"},
    "at.objection": {"zh": "异议 #{id}", "en": "objection #{id}"},
    # the names of fields a refusal points at (a Msg parameter, rendered in the reader's language)
    "field.region": {"zh": "地区", "en": "region"},
    "field.title": {"zh": "标题", "en": "title"},
    "field.year": {"zh": "年度", "en": "year"},
    "field.publicity_days": {"zh": "公示天数", "en": "publicity days"},
    "field.rubric": {"zh": "评分标准", "en": "rubric"},
    "field.notice_key": {"zh": "通报文稿项", "en": "notice text"},
    "field.issue_date": {"zh": "成文日期", "en": "issue date"},
    "field.order": {"zh": "排序", "en": "order"},
    "field.reason": {"zh": "理由", "en": "reason"},
    "field.star_level": {"zh": "星级{level}", "en": "star level {level}"},
    "field.thresholds": {"zh": "分数线", "en": "thresholds"},
    "field.status": {"zh": "状态", "en": "status"},
    "field.kind": {"zh": "类别", "en": "kind"},
    "field.deadline": {"zh": "整改期限", "en": "deadline"},
    "field.problem": {"zh": "问题", "en": "problem"},
    "field.responsible": {"zh": "责任人", "en": "responsible person"},
    "field.narrative.achievement": {"zh": "取得的成效", "en": "achievements"},
    "field.narrative.problem": {"zh": "存在的问题", "en": "problems"},
    "field.person": {"zh": "负责人", "en": "person"},
    "field.duty": {"zh": "职责", "en": "duty"},
    "field.methods": {"zh": "核定方式", "en": "verification methods"},
    "field.experts": {"zh": "专家", "en": "experts"},
    "field.visited_on": {"zh": "核定日期", "en": "visit date"},
    "field.findings": {"zh": "核定情况", "en": "findings"},
    "field.raised_by": {"zh": "异议人", "en": "raised by"},
    "field.objection": {"zh": "异议", "en": "objection"},
    "field.resolution": {"zh": "处理意见", "en": "resolution"},
    "field.user_name": {"zh": "用户名", "en": "user name"},
    "field.role": {"zh": "角色", "en": "role"},
    "field.phase_start": {"zh": "{phase}开始", "en": "start of {phase}"},
    "field.phase_end": {"zh": "{phase}结束", "en": "end of {phase}"},
    # columns of officers' files (schools, scores), named by the headers the file may carry: the
    # Chinese header with its English alias for a Chinese reader, the English header for an English one
    "col.code": {"zh": "学校代码/code", "en": "code"},
    "col.name": {"zh": "学校名称/name", "en": "name"},
    "col.township": {"zh": "乡镇/township", "en": "township"},
    "col.stage": {"zh": "学段/stage", "en": "stage"},
    "col.display_order": {"zh": "排序", "en": "order"},  # 排序 alone: the Chinese refusal says no English (trial)
    "col.school": {"zh": "学校代码/school", "en": "school"},
    "col.indicator": {"zh": "指标代码/indicator", "en": "indicator"},
    "col.value": {"zh": "分值/value", "en": "value"},
    "col.evidence": {"zh": "佐证材料/evidence", "en": "evidence"},
    # why a value is refused (the {what} of err.invalid)
    "why.required": {"zh": "不能为空", "en": "must not be empty"},
    "why.empty": {"zh": "为空", "en": "is empty"},
    "why.too_long": {"zh": "过长", "en": "too long"},
    "why.too_long_count": {"zh": "过长（{length}字）", "en": "too long ({length} characters)"},
    "why.too_long_limit": {
        "zh": "过长（{length}字，上限{limit}）",
        "en": "too long ({length} characters; at most {limit})",
    },
    "why.not_one_of": {"zh": "“{value}”不是以下之一：{known}", "en": "'{value}' is not one of: {known}"},
    "why.not_number": {"zh": "“{value}”不是数字", "en": "'{value}' is not a number"},
    "why.not_integer": {"zh": "“{value}”不是整数", "en": "'{value}' is not a whole number"},
    "why.days_range": {"zh": "“{value}”应为{low}至{high}之间的整数", "en": "'{value}' must be a whole number from {low} to {high}"},
    "action.publicity_days": {"zh": "修改公示天数", "en": "change the publicity length"},
    "why.invalid_code": {"zh": "“{value}”不是有效代码", "en": "'{value}' is not a valid code"},
    "why.first_admin": {"zh": "第一个用户必须是管理员", "en": "the first user must be an admin"},
    "why.school_user_school": {"zh": "学校用户必须绑定学校", "en": "a school user needs a school"},
    "why.ssh_key": {
        "zh": "不是有效的SSH公钥（应以 ssh-ed25519 或 ssh-rsa 开头）",
        "en": "not an SSH public key (it starts with ssh-ed25519 or ssh-rsa)",
    },
    "why.threshold_reason": {"zh": "调整分数线必须说明理由", "en": "a reason is required to change thresholds"},
    "why.level_not_in_rubric": {
        "zh": "不在评分标准中（现有：{known}）",
        "en": "not in the rubric (it has: {known})",
    },
    "why.objection_publicity": {"zh": "只能在公示期间登记", "en": "can be raised only during publicity"},
    "why.already_resolved": {"zh": "已处理（{status}）", "en": "already resolved ({status})"},
    "why.date_format": {"zh": "应为YYYY-MM-DD或YYYY年M月D日", "en": "write it as YYYY-MM-DD"},
    "why.date_no_year": {"zh": "缺少年份", "en": "no year"},
    "why.date_month": {"zh": "月份应为1至12", "en": "the month must be 1-12"},
    "why.date_days": {"zh": "{year}年{month}月只有{days}天", "en": "month {month} of {year} has {days} days"},
    # why an officer's file is refused
    "why.cannot_read": {"zh": "无法读取：{detail}", "en": "cannot read: {detail}"},
    "why.file_too_large": {
        "zh": "文件过大（{size} MB，上限{limit} MB）",
        "en": "file too large ({size} MB; at most {limit} MB)",
    },
    "why.not_xlsx": {
        "zh": "不是有效的 .xlsx 文件（旧版 .xls 请另存为 .xlsx）",
        "en": "not a valid .xlsx file (save .xls files as .xlsx)",
    },
    "why.xlsx_unpacks_large": {
        "zh": "解压后超过{limit} MB，不是正常的名册",
        "en": "unpacks to more than {limit} MB: not a school register",
    },
    "why.not_workbook": {"zh": "无法作为 Excel 工作簿打开：{detail}", "en": "cannot open as an Excel workbook: {detail}"},
    "why.no_sheet": {"zh": "没有工作表“{sheet}”，现有：{known}", "en": "no sheet '{sheet}'; the sheets are: {known}"},
    "why.cell_formula": {
        "zh": "是公式“{formula}”，请改为数值（选择性粘贴→数值）",
        "en": "is a formula ('{formula}'): paste values instead",
    },
    "why.cell_bool": {"zh": "是逻辑值{value}，不是文本", "en": "is a TRUE/FALSE cell ({value}), not text"},
    "why.cell_date": {"zh": "是日期“{value}”，不是文本", "en": "is a date cell ('{value}'), not text"},
    "why.cell_digits": {
        "zh": "数字{value}超过15位，Excel已丢失末位；请将该列设为文本后重新输入",
        "en": "the number {value} has more than 15 digits: Excel has lost the last ones; "
              "format the column as text and type it again",
    },
    "why.cell_nan": {"zh": "不是有效数字", "en": "not a valid number"},
    "why.cell_fraction": {
        "zh": "数字{value}带小数，不是代码或序号",
        "en": "the number {value} has a fraction: not a code or an order",
    },
    "why.unknown_column": {
        "zh": "无法识别的列“{title}”；可用：{known}",
        "en": "unknown column '{title}'; known: {known}",
    },
    "why.duplicate_column": {"zh": "列“{title}”重复", "en": "column '{title}' appears twice"},
    "why.sheet_empty": {"zh": "工作表为空", "en": "the sheet is empty"},
    "why.no_header": {
        "zh": "前{rows}行中找不到表头；缺少列：{missing}",
        "en": "no header row in the first {rows} rows; missing column(s): {missing}",
    },
    "why.stray_cell": {"zh": "表头外的单元格{cell}有内容", "en": "cell {cell}, outside the header's columns, is filled"},
    "why.utf16_broken": {"zh": "UTF-16 编码损坏（第{at}字节）", "en": "broken UTF-16 at byte {at}"},
    "why.unknown_encoding": {
        "zh": "无法识别的编码（请另存为UTF-8或GBK）",
        "en": "unknown encoding: save the file as UTF-8 or GBK",
    },
    "why.mixed_gbk": {
        "zh": "编码混杂：第{utf8}行是UTF-8，第{other}行是GBK（请整体另存为UTF-8）",
        "en": "mixed encodings: line {utf8} is UTF-8, line {other} is GBK; save the whole file as UTF-8",
    },
    "why.mixed_encodings": {
        "zh": "编码混杂：第{utf8}行是UTF-8，第{other}行不是（请整体另存为UTF-8）",
        "en": "mixed encodings: line {utf8} is UTF-8, line {other} is not; save the whole file as UTF-8",
    },
    "why.nul_bytes": {"zh": "含有空字符，不是文本文件", "en": "contains NUL bytes: not a text file"},
    "why.file_empty": {"zh": "文件为空", "en": "the file is empty"},
    "why.missing_columns": {"zh": "缺少列：{missing}", "en": "missing column(s): {missing}"},
    "why.too_many_cells": {
        "zh": "列数多于表头（{cells} > {headers}）",
        "en": "more cells than headers ({cells} > {headers})",
    },
    "why.looks_formula": {"zh": "疑似表格公式“{value}”", "en": "looks like a spreadsheet formula: '{value}'"},
    "why.control_chars": {"zh": "含有控制字符", "en": "contains control characters"},
    "why.old_xls": {"zh": "旧版 .xls 请另存为 .xlsx 或 CSV", "en": "an old .xls file: save it as .xlsx or CSV"},
    "why.sheet_not_xlsx": {"zh": "--sheet 只用于 .xlsx 文件", "en": "--sheet is only for .xlsx files"},
    "why.no_school_rows": {"zh": "没有学校数据", "en": "no school rows"},
    "why.no_score_rows": {"zh": "没有分值数据", "en": "no score rows"},
    "why.duplicate_line": {"zh": "“{value}”与第{line}行重复", "en": "'{value}' duplicates line {line}"},
    "why.duplicate_pair": {"zh": "{school} {code} 与第{line}行重复", "en": "{school} {code} duplicates line {line}"},
    "why.not_enrolled": {"zh": "“{school}”未参加本次评定", "en": "'{school}' is not enrolled in this campaign"},
    # the audit chain's check (starcampus audit verify, the F-key audit screen)
    "audit.intact": {
        "zh": "审计链完整：共{rows}条记录，校验通过。{seal}",
        "en": "Audit chain intact: {rows} rows verified.{seal}",
    },
    "audit.sealed": {"zh": "其中{count}条密钥封印校验通过。", "en": " {count} seals checked with the key."},
    "audit.unsealed": {"zh": "（未配置封印密钥，只校验了哈希链。）", "en": " (No seal key configured: hash chain only.)"},
    "audit.broken.missing": {
        "zh": "第{id}行（序号{seq}）之前缺少序号{expected}的记录：有记录被删除。",
        "en": "Row id {id} (seq {seq}): seq {expected} before it is missing: a row was removed.",
    },
    "audit.broken.order": {
        "zh": "第{id}行（序号{seq}）序号错乱，应为{expected}：有记录被插入或改动。",
        "en": "Row id {id} (seq {seq}) is out of sequence, expected {expected}: a row was inserted or altered.",
    },
    "audit.broken.prev_hash": {
        "zh": "第{id}行（序号{seq}）的前序哈希与上一条不符：前面的记录被改动、删除或插入。",
        "en": "Row id {id} (seq {seq}): previous-hash does not match the row before: "
              "a row before it was altered, removed or inserted.",
    },
    "audit.broken.hash": {
        "zh": "第{id}行（序号{seq}）的内容与其哈希不符：该记录被改动。",
        "en": "Row id {id} (seq {seq}): its content does not match its hash: this row was altered.",
    },
    "audit.broken.seal": {
        "zh": "第{id}行（序号{seq}）的密钥封印不符：该记录或其前面的哈希链被重写。",
        "en": "Row id {id} (seq {seq}): its seal does not match: the row or the chain before it was rewritten.",
    },
    "audit.broken.unsealed": {
        "zh": "第{id}行（序号{seq}）缺少密钥封印：该记录是在没有密钥的情况下写入的。",
        "en": "Row id {id} (seq {seq}) has no seal: it was written without the key.",
    },
    "objection.status.open": {"zh": "待处理", "en": "open"},
    "objection.status.upheld": {"zh": "异议成立", "en": "upheld"},
    "objection.status.dismissed": {"zh": "已驳回", "en": "dismissed"},
    "sep.list": {"zh": "、", "en": ", "},
    "quoted": {"zh": "“{text}”", "en": "'{text}'"},
    "list.more": {"zh": "{items}…", "en": "{items}…"},
    "relation.higher": {"zh": "高于", "en": "higher than"},
    "relation.same": {"zh": "等于", "en": "equal to"},
    "relation.lower": {"zh": "低于", "en": "lower than"},
    # words
    "word.self": {"zh": "自评分", "en": "self score"},
    "word.verified": {"zh": "核定分", "en": "verified score"},
    "word.school": {"zh": "学校", "en": "school"},
    "word.campaign": {"zh": "评定工作", "en": "campaign"},
    "word.region": {"zh": "行政区划", "en": "region"},
    "word.assessment": {"zh": "学校评定记录", "en": "assessment"},
    "word.user": {"zh": "用户", "en": "user"},
    "word.problem": {"zh": "问题", "en": "problem"},
    "word.objection": {"zh": "异议", "en": "objection"},
    "word.none": {"zh": "无", "en": "none"},
    "word.no_star": {"zh": "未达星级", "en": "no star"},
    "word.level": {"zh": "{level}星", "en": "{level}-star"},  # a star level with its unit: 3星
    "authority.local": {"zh": "本级认定", "en": "certified locally"},
    "authority.upward": {"zh": "报上级认定", "en": "sent upward for certification"},
    "authority.benchmark": {"zh": "推荐标杆校", "en": "recommended as benchmark school"},
    "role.admin": {"zh": "管理员", "en": "admin"},
    "role.expert": {"zh": "专家", "en": "expert"},
    "role.school": {"zh": "学校", "en": "school"},
    "role.viewer": {"zh": "领导查看", "en": "viewer"},
}


# The rubric and model rooms' messages (they cannot import this module): one catalog all the same.
CATALOG.update(RUBRIC_MESSAGES)
CATALOG.update(MODEL_MESSAGES)
CATALOG.update(ROUND_MESSAGES)


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add a room's own strings (the TUI's) to the one catalog."""
    CATALOG.update(entries)


def set_language(lang: str | None) -> str:
    global _current
    if not lang:
        lang = environment_language(os.environ)
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    _current = lang
    return lang


def language() -> str:
    return _current


# The rubric room words its refusals in the reader's language too (it cannot import this module).
follow_in_rubrics(language)


class Msg:
    """A catalog text as a parameter of another: rendered when read, in the reader's language.

    Parameters carry data (codes, numbers, names); one that must be prose (a field's name, the
    reason inside "{where}：{what}") is a ``Msg``, so an English reader never meets Chinese prose
    that was fixed when the refusal was raised.
    """

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return t(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Msg({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (other.key, other.params) == (self.key, self.params)

    def __hash__(self) -> int:
        return hash(self.key)


class Listing:
    """Items (data, or ``Msg``) joined with the reader's list separator: 、 in Chinese, ", " in English."""

    __slots__ = ("items",)

    def __init__(self, items: Iterable[object]) -> None:
        self.items = tuple(items)

    def render(self, lang: str | None = None) -> str:
        return t("sep.list", lang).join(str(_render(item, lang)) for item in self.items)

    def __str__(self) -> str:
        return self.render()


class Label:
    """A declaration entry's label (``{"zh": .., "en": ..}``: a phase, a state, an event) as a parameter."""

    __slots__ = ("entry",)

    def __init__(self, entry: dict[str, str]) -> None:
        self.entry = entry

    def render(self, lang: str | None = None) -> str:
        return label(self.entry, lang)

    def __str__(self) -> str:
        return self.render()


class Quoted:
    """A text set inside a message's own quotation marks ("评定工作“{title}”"), as a campaign's title: in
    Chinese its own double quotes become single ones (GB/T 15834: quotes within quotes are ‘’), so a title
    such as 泾源县2023年“互联网+教育”智慧校园星级评定 never prints as “…“…”…”."""

    __slots__ = ("text",)

    def __init__(self, text: object) -> None:
        self.text = str(text)

    def render(self, lang: str | None = None) -> str:
        if (lang or _current) != "zh":
            return self.text
        return self.text.replace("“", "‘").replace("”", "’")

    def __str__(self) -> str:
        return self.render()


def _render(value: object, lang: str | None) -> object:
    return value.render(lang) if isinstance(value, Msg | Listing | Label | Quoted) else value


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang or _current) or entry["zh"]
    if not params:
        return text
    return text.format(**{name: _render(value, lang) for name, value in params.items()})


def label(entry: dict[str, str], lang: str | None = None) -> str:
    """Pick the label of a declaration entry (``{"zh": .., "en": ..}``)."""
    return entry.get(lang or _current) or entry["zh"]
