"""What the set-up verbs print (tui/verbs/setup.py), registered into the one catalog on import:
rubric list/show/check/import, backup, init, demo, migrate, the school register and users."""

from __future__ import annotations

from workflow.i18n import register

STRINGS: dict[str, dict[str, str]] = {
    # rubrics
    "cli.rubric.provisional": {"zh": "（含暂定内容）", "en": "(provisional parts)"},
    "cli.rubric.checked": {
        "zh": "✓ {file}：{id} {name} — {leaves}个末级指标，满分 {max}",
        "en": "✓ {file}: {id} {name} — {leaves} leaves, max {max}",
    },
    "cli.rubric.imported": {
        "zh": "✓ {file}：{id} {name} — {first}个一级指标，{leaves}个末级指标，满分 {max}",
        "en": "✓ {file}: {id} {name} — {first} first-level indicators, {leaves} leaves, max {max}",
    },
    "cli.rubric.check_it": {"zh": "请校验：{command}", "en": "Check it: {command}"},
    "cli.rubric.head": {"zh": "{name}（{id}，{region}，{version}）", "en": "{name} ({id}, {region}, {version})"},
    "cli.rubric.bonus": {"zh": "奖励加分（上限{cap}）", "en": "bonus (at most {cap})"},
    "cli.rubric.provisional_mark": {"zh": "暂定", "en": "provisional"},
    "cli.rubric.col.code": {"zh": "代码", "en": "Code"},
    "cli.rubric.col.indicator": {"zh": "指标", "en": "Indicator"},
    "cli.rubric.col.points": {"zh": "分值", "en": "Points"},
    "cli.rubric.col.source": {"zh": "来源", "en": "Source"},
    "cli.rubric.col.level": {"zh": "星级", "en": "Level"},
    "cli.rubric.col.name": {"zh": "名称", "en": "Name"},
    "cli.rubric.col.threshold": {"zh": "分数线", "en": "Threshold"},
    "cli.rubric.col.authority": {"zh": "认定", "en": "Certified by"},
    # the database
    "cli.backup.done": {"zh": "已备份到 {path}", "en": "Backed up to {path}"},
    "cli.init.already": {"zh": "数据库已初始化", "en": "The database is already initialised."},
    "cli.init.admin": {"zh": "已创建管理员 {name}", "en": "Created the admin {name}."},
    "cli.demo.not_empty": {
        "zh": "演示数据只能写入空数据库",
        "en": "The demo loads into an empty database only.",
    },
    "cli.demo.loaded": {
        "zh": "已写入演示评定 #{id}：泾源县2023年，13所学校",
        "en": "Demo campaign #{id} loaded: Jingyuan county 2023, 13 schools.",
    },
    "cli.migrate.version": {"zh": "数据库结构版本 {version}", "en": "Schema version {version}"},
    # the school register
    "cli.schools.imported": {
        "zh": "导入完成：新增{added}所，更新{updated}所，未变{unchanged}所；排序有变的学校{reordered}所",
        "en": "Imported: {added} added, {updated} updated, {unchanged} unchanged; {reordered} with a new order.",
    },
    "cli.schools.imported_moved": {  # some known schools came into the region from another (or from none)
        "zh": "导入完成：新增{added}所，更新{updated}所，移入{region}{moved}所，未变{unchanged}所；排序有变的学校{reordered}所",
        "en": "Imported: {added} added, {updated} updated, {moved} moved into {region}, {unchanged} unchanged; "
              "{reordered} with a new order.",
    },
    "cli.schools.col.code": {"zh": "学校代码", "en": "Code"},
    "cli.schools.col.name": {"zh": "学校名称", "en": "School"},
    "cli.schools.col.region": {"zh": "行政区划", "en": "Region"},
    "cli.schools.col.township": {"zh": "乡镇", "en": "Township"},
    "cli.schools.col.stage": {"zh": "学段", "en": "Stage"},
    # users
    "cli.user.added": {"zh": "已添加用户：{name}（{role}）", "en": "User added: {name} ({role})"},
    "cli.user.enabled": {"zh": "已恢复：{name}", "en": "Enabled: {name}"},
    "cli.user.rekeyed": {"zh": "已更换公钥：{name}", "en": "Key replaced: {name}"},
    "cli.user.disabled": {"zh": "已停用：{name}", "en": "Disabled: {name}"},
    "cli.user.disabled_mark": {"zh": "停用", "en": "disabled"},
    "cli.user.col.name": {"zh": "用户", "en": "User"},
    "cli.user.col.display_name": {"zh": "姓名", "en": "Name"},
    "cli.user.col.role": {"zh": "角色", "en": "Role"},
    "cli.user.col.school": {"zh": "学校", "en": "School"},
    "cli.user.col.region": {"zh": "辖区", "en": "Region"},
    "cli.user.col.state": {"zh": "状态", "en": "State"},
}

register(STRINGS)
