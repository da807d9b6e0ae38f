"""The one message catalog. Chinese first; English with ``--lang en``.

Keys are dotted names; values carry ``{name}`` placeholders filled by ``t``. The TUI adds its
own keys through ``register`` so every string a user reads comes from here.
"""

from __future__ import annotations

import os

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
        "en": "{count} indicator(s) have no {kind} score yet: {codes}.",
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
    "err.score": {"zh": "{zh}", "en": "{en}"},
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
    # words
    "word.self": {"zh": "自评分", "en": "self score"},
    "word.verified": {"zh": "核定分", "en": "verified score"},
    "word.school": {"zh": "学校", "en": "school"},
    "word.campaign": {"zh": "评定工作", "en": "campaign"},
    "word.assessment": {"zh": "学校评定记录", "en": "assessment"},
    "word.user": {"zh": "用户", "en": "user"},
    "word.problem": {"zh": "问题", "en": "problem"},
    "word.objection": {"zh": "异议", "en": "objection"},
    "word.none": {"zh": "无", "en": "none"},
    "word.no_star": {"zh": "未达星级", "en": "no star"},
    "authority.local": {"zh": "本级认定", "en": "certified locally"},
    "authority.upward": {"zh": "报上级认定", "en": "sent upward for certification"},
    "authority.benchmark": {"zh": "推荐标杆校", "en": "recommended as benchmark school"},
    "role.admin": {"zh": "管理员", "en": "admin"},
    "role.expert": {"zh": "专家", "en": "expert"},
    "role.school": {"zh": "学校", "en": "school"},
    "role.viewer": {"zh": "领导查看", "en": "viewer"},
}


def register(entries: dict[str, dict[str, str]]) -> None:
    """Add a room's own strings (the TUI's) to the one catalog."""
    CATALOG.update(entries)


def set_language(lang: str | None) -> str:
    global _current
    if not lang:
        env = os.environ.get("STARCAMPUS_LANG") or os.environ.get("LANG", "")
        lang = "en" if env.lower().startswith("en") else "zh"
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use zh or en")
    _current = lang
    return lang


def language() -> str:
    return _current


def t(key: str, lang: str | None = None, /, **params: object) -> str:
    entry = CATALOG.get(key)
    if entry is None:
        return key
    text = entry.get(lang or _current) or entry["zh"]
    return text.format(**params) if params else text


def label(entry: dict[str, str], lang: str | None = None) -> str:
    """Pick the label of a declaration entry (``{"zh": .., "en": ..}``)."""
    return entry.get(lang or _current) or entry["zh"]
