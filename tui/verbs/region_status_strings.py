"""What ``status --region`` / ``--by-region`` prints (tui/verbs/region_status.py), registered on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "help.status.region": {"zh": "按下级区划汇总该区划的年度情况（市：各县；省：各市）",
                           "en": "the region's year summed per child region (a city: its counties; a province: "
                                 "its cities)"},
    "help.status.by_region": {"zh": "按下级区划汇总本辖区的年度情况", "en": "your own region's year, per child region"},
    "cli.region_status.head": {"zh": "{name}（{code}）{year}年 各下级区划情况",
                               "en": "{name} ({code}), {year}: per child region"},
    "cli.region_status.head_top": {"zh": "全部区划 {year}年", "en": "All regions, {year}"},
    "cli.region_status.no_year": {"zh": "该区划下尚无评定工作。", "en": "No campaign in this region yet."},
    "cli.region_status.no_children": {"zh": "该区划没有下级区划。", "en": "This region has no child regions."},
    "cli.region_status.years": {"zh": "可选年度：{years}（--round YEAR）", "en": "Years: {years} (--round YEAR)"},
    "cli.region_status.col.code": {"zh": "代码", "en": "Code"},
    "cli.region_status.col.region": {"zh": "区划", "en": "Region"},
    "cli.region_status.col.schools": {"zh": "学校数", "en": "Schools"},
    "cli.region_status.col.average": {"zh": "平均核定分", "en": "Avg score"},
    "cli.region_status.col.overdue": {"zh": "逾期", "en": "Overdue"},
    "cli.region_status.star": {"zh": "{level}星", "en": "{level}★"},
    "cli.region_status.total": {"zh": "合计", "en": "Total"},
    "cli.region_status.overdue_note": {"zh": "逾期：学校仍处于某状态，而该状态可办理的阶段已结束（{today}）。",
                                       "en": "Overdue: a school still in a state whose working phases have "
                                             "ended ({today})."},
}

register(STRINGS)
