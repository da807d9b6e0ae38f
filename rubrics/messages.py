"""The rubric room's own messages (why a score is refused), Chinese first, English complete.

rubrics/ may not import workflow/, so its texts live here; workflow.i18n adds them to the one
catalog, so a refusal that starts here is rendered there in the reader's language.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "score.at_indicator": {"zh": "指标 {code}：{reason}", "en": "indicator {code}: {reason}"},
    "score.not_a_value": {"zh": "分值必须是数字，收到 {value}", "en": "the score must be a number, got {value}"},
    "score.empty": {"zh": "分值不能为空", "en": "the score is empty"},
    "score.not_plain": {
        "zh": "“{text}”不是有效分值，请只填写数字，如 80 或 80.5",
        "en": "'{text}' is not a score; write a plain number such as 80 or 80.5",
    },
    "score.not_finite": {"zh": "“{text}”不是有效分值", "en": "'{text}' is not a score"},
    "score.negative": {"zh": "分值不能为负数", "en": "the score cannot be negative"},
    "score.above_max": {
        "zh": "分值 {value} 超过满分 {limit} 分",
        "en": "the score {value} is above the maximum of {limit}",
    },
    "score.half_points": {
        "zh": "分值 {value} 须以 0.5 分为单位（如 80 或 80.5）",
        "en": "the score {value} must be in half points (such as 80 or 80.5)",
    },
    "score.no_indicator": {"zh": "评估标准中没有指标 {code}", "en": "the rubric has no indicator {code}"},
    "score.not_leaf": {
        "zh": "指标 {code} 不是末级指标，分值由下级指标相加得出",
        "en": "indicator {code} is not a leaf; its score is the sum of its children",
    },
    "score.no_veto": {"zh": "评估标准中没有否决项 {code}", "en": "the rubric has no veto {code}"},
    # Office files refused before parsing (rubrics/archive_guard.py); the caller names the file.
    "archive.entries": {
        "zh": "压缩包内有 {count} 个部件，超过上限 {limit}，不是正常的表格文件；未解析",
        "en": "it holds {count} parts, more than {limit}: not an officer's table; not parsed",
    },
    "archive.ratio": {
        "zh": "部件 {entry} 的压缩比为 {ratio}:1，超过 {limit}:1，疑似压缩炸弹；未解压",
        "en": "part {entry} is packed {ratio}:1, more than {limit}:1 (a zip bomb?); not unpacked",
    },
    "archive.cells": {
        "zh": "工作表 {sheet} 占 {rows} 行 × {columns} 列，超过上限（{limit_rows} 行、{limit} 个单元格），"
              "不是正常的表格；未解析",
        "en": "sheet {sheet} spans {rows} rows × {columns} columns, more than allowed ({limit_rows} rows, "
              "{limit} cells): not an officer's table; not parsed",
    },
    "archive.merged": {
        "zh": "工作表 {sheet} 的合并单元格共 {cells} 格，超过上限 {limit}；未解析",
        "en": "sheet {sheet} merges {cells} cells, more than {limit}; not parsed",
    },
    "archive.markup": {
        "zh": "部件 {entry} 含有超过 {limit} 字节的标记，不是正常的表格文件；未解析",
        "en": "part {entry} holds a tag longer than {limit} bytes: not an officer's table; not parsed",
    },
}


def render(key: str, lang: str, /, **params: object) -> str:
    entry = CATALOG[key]
    return (entry.get(lang) or entry["zh"]).format(**params)
