"""The export room's own messages (why an export path is refused), Chinese first, English complete.

exports/ may not import workflow/ (they are sibling layers), so its texts live here; an error
carries a key of this catalog and its data, and is rendered in the reader's language.
"""

from __future__ import annotations

CATALOG: dict[str, dict[str, str]] = {
    "export.not_a_file_name": {"zh": "不是文件名：{path}", "en": "not a file name: {path}"},
    "export.outside_folder": {
        "zh": "{path}不在导出文件夹{base}之内",
        "en": "{path} is outside the export folder {base}",
    },
    "export.is_folder": {"zh": "{path}是文件夹，不是文件", "en": "{path} is a folder, not a file"},
    "export.appendix_field": {"zh": "分析附件", "en": "analysis appendix"},
    "export.appendix_no_figures": {
        "zh": "本轮尚无核定分，没有可附的分析图表",
        "en": "no verified scores in this round yet: there is no analysis to append",
    },
    "export.appendix_review": {
        "zh": "年度复核通报不附分析图表（分析附件用于评定通报）",
        "en": "the annual review's notice takes no analysis appendix (it is for the rating notice)",
    },
    # The analysis charts' words (exports/chart_figures.py): the pictures carry only numbers.
    "chart.appendix.title": {"zh": "核定总分分布与失分情况", "en": "Distribution of verified totals and lost points"},
    "chart.appendix.label": {"zh": "附件", "en": "Appendix"},
    "chart.appendix.line": {"zh": "附件：", "en": "Appendix: "},
    "chart.distribution.caption": {
        "zh": "图{number} 核定总分分布（竖线为星级分数线）",
        "en": "Figure {number} Distribution of verified totals (vertical lines: the star thresholds)",
    },
    "chart.losses.caption": {
        "zh": "图{number} 失分学校最多的{count}项指标（条长为失分学校数）",
        "en": "Figure {number} The {count} indicators most schools lost points on (bar: losing schools)",
    },
    "chart.table.caption": {"zh": "表{number} {title}", "en": "Table {number} {title}"},
    "chart.bands.title": {"zh": "各星级分数段学校数", "en": "Schools per star band"},
    "chart.bands.level": {"zh": "星级", "en": "Level"},
    "chart.bands.range": {"zh": "核定总分", "en": "Verified total"},
    "chart.bands.schools": {"zh": "学校数", "en": "Schools"},
    "chart.bands.from": {"zh": "{low}分及以上", "en": "{low} and above"},
    "chart.bands.between": {"zh": "{low}～{top}分", "en": "{low}–{top}"},  # top: the highest total below the next line
    "chart.bands.below": {"zh": "不足{high}分", "en": "under {high}"},
    "chart.losses.title": {"zh": "失分学校最多的指标", "en": "Indicators most schools lost points on"},
    "chart.losses.rank": {"zh": "排名", "en": "Rank"},
    "chart.losses.code": {"zh": "代码", "en": "Code"},
    "chart.losses.name": {"zh": "指标", "en": "Indicator"},
    "chart.losses.losing": {"zh": "失分学校", "en": "Losing schools"},
    "chart.losses.average": {"zh": "平均失分", "en": "Average loss"},
}


def render(key: str, lang: str, /, **params: object) -> str:
    entry = CATALOG[key]
    return (entry.get(lang) or entry["zh"]).format(**params)
