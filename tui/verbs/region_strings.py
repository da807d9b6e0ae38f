"""What the region and assignment verbs print (tui/verbs/regions.py), registered into the one catalog on import."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    "help.region": {"zh": "行政区划：登记、导入、列出、占位区划改码、删除空区划（省 2 位、市 4 位、县 6 位代码，GB/T 2260）",
                    "en": "regions: add, import, list, recode a placeholder, remove an empty one (GB/T 2260 codes: "
                          "2 digits a province, "
                          "4 a city, 6 a county)"},
    "help.region.add": {"zh": "登记一个行政区划（管理员）", "en": "register a region (admin)"},
    "help.region.code": {"zh": "区划代码，如 640424", "en": "the region's code, e.g. 640424"},
    "help.region.name": {"zh": "区划名称，如 泾源县", "en": "the region's name, as documents print it"},
    "help.region.parent": {"zh": "上级区划代码（默认：已登记的最近上级）",
                           "en": "the parent's code (default: the nearest registered region above)"},
    "help.region.recode": {"zh": "把升级生成的占位区划（99 开头）改为正式代码并放入区划树，其学校、评定工作和用户一并改码"
                                 "（不带辖区的管理员）",
                           "en": "give a placeholder region made by the upgrade (starting 99) its real code and place in "
                                 "the tree; its schools, campaigns and users move with it (admin without a region)"},
    "help.region.recode.old": {"zh": "占位区划代码，如 990001（见 region list）",
                               "en": "the placeholder's code, e.g. 990001 (see region list)"},
    "help.region.recode.new": {"zh": "正式区划代码（GB/T 2260），如 640424", "en": "the real code (GB/T 2260), e.g. 640424"},
    "help.region.recode.name": {"zh": "新名称（默认：保留原名称）", "en": "a new name (default: the name it has)"},
    "help.region.remove": {"zh": "删除一个其下没有下级区划、学校、评定工作和用户的行政区划，如代码输错的（不带辖区的管理员）",
                           "en": "remove a region with no regions, schools, campaigns or users in it, such as a "
                                 "mistyped code (admin without a region)"},
    "help.region.remove.code": {"zh": "要删除的区划代码", "en": "the code of the region to remove"},
    "help.region.import": {"zh": "从 CSV 文件登记行政区划树（code,name,parent，上级在前；有一行不对则一个也不登记）",
                           "en": "register a region tree from a CSV file (code,name,parent, parents first; "
                                 "one bad row and none is added)"},
    "help.region.file": {"zh": "区划文件（UTF-8 或 GBK）", "en": "the regions file (UTF-8 or GBK)"},
    "help.region.list": {"zh": "按层级列出行政区划（管理员）", "en": "list the regions as a tree (admin)"},
    "help.region.option": {"zh": "所属行政区划代码：只能查看和处理该区划及其下级的学校与评定工作",
                           "en": "the region's code: reads and changes only that region's schools and campaigns"},
    "help.schools.region": {"zh": "这些学校所属的行政区划代码", "en": "the region code these schools belong to"},
    "help.campaign.region_code": {"zh": "负责本评定工作的行政区划代码（可代替 --region）",
                                  "en": "the region code that runs the campaign (may replace --region)"},
    "help.report.analysis_region": {"zh": "分析该行政区划及其下级的全部评定工作（同一年度，同一评价标准）",
                                    "en": "analyse every campaign of this region and below it (one year, one rubric)"},
    "help.export.region": {"zh": "导出该行政区划自己开展的最近一项评定工作（不与 --campaign 同用）",
                           "en": "export the newest campaign this region runs itself (not with --campaign)"},
    "cli.export.region_or_campaign": {"zh": "--region 与 --campaign 只能用一个。",
                                      "en": "Give --region or --campaign, not both."},
    "help.report.analysis_year": {"zh": "与 --region 同用：年度（默认：最近一年）",
                                  "en": "with --region: the year (default: the newest)"},
    "help.verification.assign": {"zh": "把学校分配给核定专家；本轮一旦有分配，专家只能核定分给自己的学校",
                                 "en": "assign schools to an expert; once a round has any, experts verify only "
                                       "their assigned schools"},
    "help.verification.expert": {"zh": "专家的用户名", "en": "the expert's user name"},
    "help.verification.codes": {"zh": "学校代码（可多个）", "en": "school codes (several allowed)"},
    "cli.region.added": {"zh": "已登记行政区划：{code} {name}", "en": "Region registered: {code} {name}"},
    "cli.region.imported": {"zh": "已从 {file} 导入行政区划：新增 {added} 个，未变 {unchanged} 个",
                            "en": "Regions from {file}: {added} added, {unchanged} unchanged"},
    "cli.region.recoded": {"zh": "已将占位区划 {old} 改为 {code} {name}（上级：{parent}）：学校 {schools} 所、"
                                 "评定工作 {campaigns} 项、用户 {users} 名随之改码",
                           "en": "Placeholder region {old} is now {code} {name} (parent: {parent}): {schools}, "
                                 "{campaigns} and {users} moved with it"},
    "cli.region.adopted": {"zh": "已登记的下级区划改到 {code} 之下：{below}",
                           "en": "Registered regions now under {code}: {below}"},
    "cli.region.removed": {"zh": "已删除行政区划：{code} {name}", "en": "Region removed: {code} {name}"},
    "cli.region.none": {"zh": "尚未登记行政区划。", "en": "No regions registered yet."},
    "cli.region.tree_line": {"zh": "{code} {name}（{level}）", "en": "{code} {name} ({level})"},
    "region.level.province": {"zh": "省级", "en": "province"},
    "region.level.city": {"zh": "市级", "en": "city"},
    "region.level.county": {"zh": "县级", "en": "county"},
    "region.level.placeholder": {"zh": "占位（待改码）", "en": "placeholder (to recode)"},
    "cli.assign.done": {"zh": "已分配给专家“{expert}”（{year}年）：新增 {added} 所，共列出 {count} 所",
                        "en": "Assigned to expert '{expert}' ({year}): {added} new of {count} listed"},
}

register(STRINGS)
