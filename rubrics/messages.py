"""The rubric room's own messages, Chinese first, English complete: why a score is refused, why a
rubric file or an officer's table is refused, and ``rubric check``'s summary.

rubrics/ may not import workflow/, so its texts live here; workflow.i18n adds them to the one
catalog and hands over its ``language()`` (``follow_language``), so a refusal that starts here
is read in the reader's language. A problem carries a ``Text`` (a key and its data) and is
worded only when it is read.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

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

# A rubric file's problems (rubrics/loader.py, reader.py, validate.py, model.py, serial.py).
RUBRIC_FILE: dict[str, dict[str, str]] = {
    "rubric.problem": {"zh": "{file}: {message}", "en": "{file}: {message}"},
    "rubric.problem_at": {"zh": "{file}: 指标 {code}：{message}", "en": "{file}: indicator {code}: {message}"},
    "rubric.at": {"zh": "{where}：{message}", "en": "{where}: {message}"},
    "rubric.where.star_level": {"zh": "星级{level}", "en": "star level {level}"},
    "rubric.where.star_named": {"zh": "星级{level}（{name}）", "en": "star level {level} ({name})"},
    "rubric.sep": {"zh": "、", "en": ", "},
    "rubric.quoted": {"zh": "“{text}”", "en": "'{text}'"},
    "rubric.toml_syntax": {"zh": "TOML 语法错误：{detail}", "en": "TOML syntax error: {detail}"},
    "rubric.toml_too_deep": {"zh": "TOML 语法错误：嵌套层数过多", "en": "TOML syntax error: values nested too deeply"},
    "rubric.file_too_large": {
        "zh": "文件有 {size} 字节；评分标准文件至多 5 MB",
        "en": "file is {size} bytes; a rubric file may be at most 5 MB",
    },
    "rubric.not_utf8": {
        "zh": "文件不是 UTF-8 文本（第 {offset} 字节有误）；请另存为 UTF-8（GBK/GB2312 文件须先转换）",
        "en": "file is not UTF-8 text (bad byte at offset {offset}); "
              "save it as UTF-8 (GBK/GB2312 files must be converted)",
    },
    "rubric.no_file": {"zh": "没有这个评分标准文件", "en": "no such rubric file"},
    "rubric.cannot_read": {"zh": "无法读取文件：{detail}", "en": "cannot read file: {detail}"},
    "rubric.unknown_builtin": {
        "zh": "没有这个内置评分标准；内置的有：{known}",
        "en": "unknown built-in rubric; known ids: {known}",
    },
    "rubric.neither": {
        "zh": "既不是内置评分标准（{known}），也不是评分标准文件",
        "en": "neither a built-in rubric id ({known}) nor a rubric file",
    },
    "rubric.not_a_table": {"zh": "评分标准必须是由键组成的表", "en": "a rubric must be a table of keys"},
    "rubric.tree_too_deep": {"zh": "指标树嵌套过深", "en": "the indicator tree is nested too deeply"},
    "rubric.unknown_key": {
        "zh": "无法识别的键“{key}”（可用的键：{known}）",
        "en": "unknown key '{key}' (known keys: {known})",
    },
    "rubric.missing_key": {"zh": "缺少必填的键“{key}”", "en": "missing required key '{key}'"},
    "rubric.not_text": {"zh": "“{key}”必须是文本，实际是 {value}", "en": "'{key}' must be text, got {value}"},
    "rubric.empty": {"zh": "“{key}”不能为空", "en": "'{key}' must not be empty"},
    "rubric.too_long": {
        "zh": "“{key}”有 {length} 个字符（上限 {limit}）",
        "en": "'{key}' is {length} characters long (at most {limit})",
    },
    "rubric.not_bool": {"zh": "“{key}”必须是 true 或 false，实际是 {value}",
                        "en": "'{key}' must be true or false, got {value}"},
    "rubric.not_number": {"zh": "“{key}”必须是数，实际是 {value}", "en": "'{key}' must be a number, got {value}"},
    "rubric.not_plain_number": {
        "zh": "“{key}” = {value} 不是 70 或 2.5 这样的普通数",
        "en": "'{key}' = {value} is not a plain number like 70 or 2.5",
    },
    "rubric.negative": {"zh": "“{key}”不能为负数，实际是 {value}", "en": "'{key}' must not be negative, got {value}"},
    "rubric.not_tables": {"zh": "“{key}”必须是表的列表（[[{key}]]）", "en": "'{key}' must be a list of tables ([[{key}]])"},
    "rubric.not_texts": {"zh": "“{key}”必须是文本的列表", "en": "'{key}' must be a list of text"},
    "rubric.not_table": {"zh": "“{key}”必须是一个表（[{key}]）", "en": "'{key}' must be a table ([{key}])"},
    "rubric.needs_entry": {"zh": "至少需要一个 {entry} 条目", "en": "needs at least one {entry} entry"},
    "rubric.points_half": {
        "zh": "分值 {points} 必须以 0.5 分为单位（评分也是如此）",
        "en": "points {points} must be in half-point steps (scores are)",
    },
    "rubric.points_type": {
        "zh": "分值必须是数或“40+9”这样的文本，实际是 {value}",
        "en": 'points must be a number or text like "40+9", got {value}',
    },
    "rubric.points_plus": {
        "zh": "分值 {value}：应写作 基础分+扩展分，如“40+9”",
        "en": 'points {value}: write base+extension, e.g. "40+9"',
    },
    "rubric.points_not_number": {
        "zh": "分值 {value} 不是 20、2.5 或“40+9”这样的数",
        "en": 'points {value} are not a number like 20, 2.5 or "40+9"',
    },
    "rubric.points_negative": {"zh": "分值不能为负数：{value}", "en": "points must not be negative: {value}"},
    "rubric.bad_code": {
        "zh": "代码 {code} 必须是 1 至 40 个字符且不含空格",
        "en": "code {code} must be 1-40 characters without spaces",
    },
    "rubric.too_deep": {"zh": "指标树超过 {limit} 层", "en": "the tree is deeper than {limit} levels"},
    "rubric.bad_level": {
        "zh": "“level”必须是从 1 起的整数，实际是 {value}",
        "en": "'level' must be a whole number from 1 up, got {value}",
    },
    "rubric.bad_authority": {
        "zh": "认定权限 {value} 不是以下之一：{known}",
        "en": "authority {value} is not one of {known}",
    },
    "rubric.no_veto_code": {"zh": "“code”缺失或为空", "en": "missing or empty 'code'"},
    "rubric.format": {
        "zh": "不支持格式 {value}（本版本读取格式 {format}）",
        "en": "format {value} is not supported (this version reads format {format})",
    },
    "rubric.bad_id": {
        "zh": "id {value} 只能由字母、数字、“.”、“_”或“-”组成（至多 64 个）",
        "en": "id {value} must be letters, digits, '.', '_' or '-' (at most 64)",
    },
    # whole-rubric checks (validate.py)
    "rubric.duplicate_code": {"zh": "代码重复（又用于“{name}”）", "en": "duplicate code (used again for '{name}')"},
    "rubric.duplicate_veto": {"zh": "否决项代码重复", "en": "duplicate veto code"},
    "rubric.veto_is_indicator": {"zh": "否决项代码与某个指标的代码相同", "en": "veto code is also used by an indicator"},
    "rubric.control_chars": {
        "zh": "{field}含有控制字符（如终端转义序列）：请删去后再导入",
        "en": "{field} holds control characters (a terminal escape, say): remove them and import again",
    },
    "rubric.leaf_zero": {
        "zh": "“{name}”是 0 分的末级指标：末级指标必须有分值",
        "en": "'{name}' is a leaf worth 0 points: a leaf must be worth something",
    },
    "rubric.base_sum": {
        "zh": "下级指标的基础分合计为 {sum}，但本指标写的是 {says}（points = \"{points}\"）",
        "en": "children's base points add up to {sum}, but the indicator says {says} (points = \"{points}\")",
    },
    "rubric.extension_sum": {
        "zh": "下级指标的扩展分合计为 {sum}，但本指标写的是 {says}（points = \"{points}\"）",
        "en": "children's extension points add up to {sum}, but the indicator says {says} (points = \"{points}\")",
    },
    "rubric.declared_total": {
        "zh": "一级指标合计为 {sum}，但 points = \"{declared}\"",
        "en": "first-level indicators add up to {sum}, but points = \"{declared}\"",
    },
    "rubric.bonus_cap": {"zh": "bonus：“cap”必须大于 0", "en": "bonus: 'cap' must be more than 0"},
    "rubric.threshold_unreachable": {
        "zh": "分数线 {threshold} 高于可得的最高分 {maximum}，没有学校能够达到",
        "en": "threshold {threshold} is above the reachable maximum {maximum}, so no school could ever reach it",
    },
    "rubric.levels_up": {
        "zh": "星级必须递增（排在星级{previous}之后）",
        "en": "levels must go up (comes after level {previous})",
    },
    "rubric.thresholds_up": {
        "zh": "分数线 {threshold} 必须高于上一星级的 {previous}（分数线严格递增）",
        "en": "threshold {threshold} must be above the previous level's {previous} (thresholds strictly ascending)",
    },
    # `starcampus rubric check` (rubrics/check.py)
    "check.failed": {
        "zh": "{problems}\n发现 {count} 个问题；评分标准未载入。",
        "en": "{problems}\n{count} problem(s) found; the rubric was not loaded.",
    },
    "check.ok": {"zh": "通过", "en": "OK"},
    "check.head": {"zh": "{id}：{name}（{region} {version}）", "en": "{id}: {name} ({region} {version})"},
    "check.indicators": {
        "zh": "  指标：一级指标 {first} 个，计分末级指标 {leaves} 个",
        "en": "  indicators: {first} first-level, {leaves} scoring leaves",
    },
    "check.maximum": {
        "zh": "  满分：{total}（基础分 {base}，扩展分 {extension}）",
        "en": "  maximum: {total} (base {base}, extension {extension})",
    },
    "check.maximum_bonus": {
        "zh": "  满分：{total}（基础分 {base}，扩展分 {extension}，奖励加分上限 {cap}）",
        "en": "  maximum: {total} (base {base}, extension {extension}, bonus cap {cap})",
    },
    "check.star": {"zh": "  {name_zh} / {name_en}：{threshold}（{authority}）{mark}",
                   "en": "  {name_zh} / {name_en}: {threshold} ({authority}){mark}"},
    "check.veto": {"zh": "  一票否决 {code}：{text}{mark}", "en": "  veto {code}: {text}{mark}"},
    "check.mark": {"zh": "  [暂定]", "en": "  [provisional]"},
    "check.notes": {"zh": "  注：{count} 条（见 notes）", "en": "  notes: {count} (see notes)"},
    "check.provisional": {
        "zh": "  暂定：{count} 个指标；见 [provenance]",
        "en": "  provisional: {count} indicators; see [provenance]",
    },
}

# An officer's table read as a rubric (rubrics/importing/): the row and column as the officer sees them.
# Every refusal ends with what to change in the table or on the command line.
IMPORT: dict[str, dict[str, str]] = {
    "import.problem": {"zh": "{file}: {message}", "en": "{file}: {message}"},
    "import.problem_row": {"zh": "{file} 第{row}行: {message}", "en": "{file} row {row}: {message}"},
    "import.problem_row_column": {"zh": "{file} 第{row}行 {column}: {message}",
                                  "en": "{file} row {row}, {column}: {message}"},
    "import.at_code": {"zh": "{code}：{message}", "en": "{code}: {message}"},
    "grid.table": {"zh": "表{number}", "en": "table {number}"},
    "grid.sheet": {"zh": "工作表“{title}”", "en": "sheet '{title}'"},
    "grid.column_letter": {"zh": "{letter}列", "en": "column {letter}"},
    "grid.column_number": {"zh": "第{number}列", "en": "column {number}"},
    "grid.column_labelled": {"zh": "{column} {label}", "en": "{column} {label}"},
    # the file itself (grid.py; xlsx_read's reasons worded for a .docx as well as an .xlsx)
    "import.unreadable.cannot_read": {
        "zh": "无法读取：{detail}；请检查文件名和读取权限",
        "en": "cannot read: {detail}; check the file name and that it may be read",
    },
    "import.unreadable.not_a_file": {
        "zh": "不是文件；请给出 .docx 或 .xlsx 文件本身的路径",
        "en": "not a file; give the path of the .docx or .xlsx file itself",
    },
    "import.unreadable.too_large": {
        "zh": "文件过大（{size_mb} MB，上限{limit_mb} MB）；请把指标表另存为一个只含该表的文件后再导入",
        "en": "file too large ({size_mb} MB; at most {limit_mb} MB); save the indicator table alone in a new file",
    },
    "import.unreadable.not_zip": {
        "zh": "不是有效的 .docx/.xlsx 文件（旧版 .doc/.xls 请先另存为 .docx/.xlsx）",
        "en": "not a valid .docx/.xlsx file (save old .doc/.xls files as .docx/.xlsx first)",
    },
    "import.unreadable.unpacks_large": {
        "zh": "解压后过大（超过{limit_mb} MB），不是正常的表格文件；请把指标表另存为一个新文件后再导入",
        "en": "unpacks to more than {limit_mb} MB: not an officer's table; save the indicator table in a new file",
    },
    "import.unreadable.not_workbook": {
        "zh": "无法作为 Excel 工作簿打开：{detail}；请用 Excel 或 WPS 打开后另存为 .xlsx",
        "en": "cannot open as an Excel workbook: {detail}; open it in Excel or WPS and save it as .xlsx",
    },
    "import.unreadable.no_sheet": {
        "zh": "--sheet {sheet}：没有这个工作表，现有：{known}；请用 --sheet 指定其中之一",
        "en": "--sheet {sheet}: no such sheet; the sheets are: {known}; name one of them with --sheet",
    },
    "import.not_word": {
        "zh": "无法作为 Word 文档打开：{detail}；请用 Word 或 WPS 打开后另存为 .docx",
        "en": "cannot open as a Word document: {detail}; open it in Word or WPS and save it as .docx",
    },
    "import.no_table": {
        "zh": "文档中没有表格；指标表须是 Word 表格（不是图片或文本框），或请导入 .xlsx",
        "en": "the document has no table; the indicators must be a Word table (not a picture or text box), "
              "or import the .xlsx",
    },
    "import.table_count": {
        "zh": "--table {number}：文档只有{count}个表格；请写 1 至 {count}",
        "en": "--table {number}: the document has {count} table(s); use 1 to {count}",
    },
    "import.only_docx_xlsx": {
        "zh": "只能导入 .docx 或 .xlsx 文件；请先另存为其中一种",
        "en": "only .docx and .xlsx files can be imported; save the file as one of them first",
    },
    "import.sheet_for_xlsx": {
        "zh": "--sheet 只用于 .xlsx 文件；Word 文档请用 --table N",
        "en": "--sheet is for .xlsx files; for a Word document use --table N",
    },
    "import.table_for_docx": {
        "zh": "--table 只用于 .docx 文件；Excel 工作簿请用 --sheet 名称",
        "en": "--table is for .docx files; for an Excel workbook use --sheet NAME",
    },
    # the command line's part (importing/__init__.py)
    "import.star_form": {
        "zh": "应为 LEVEL=名称=分数线[=local|upward|benchmark]，如 2=二星级=70=local",
        "en": "expected LEVEL=NAME=THRESHOLD[=local|upward|benchmark], such as 2=NAME=70=local",
    },
    "import.star_level": {
        "zh": "星级“{level}”应为从1起的整数，如 2=二星级=70",
        "en": "the level '{level}' must be a whole number from 1, such as 2=NAME=70",
    },
    "import.star_name": {"zh": "星级名称为空；请写成 2=二星级=70", "en": "empty level name; write it as 2=NAME=70"},
    "import.star_threshold": {
        "zh": "分数线“{value}”不是数；请写数字，如 2=二星级=70",
        "en": "the threshold '{value}' is not a number; write digits, such as 2=NAME=70",
    },
    "import.star_authority": {
        "zh": "认定权限“{value}”应为 {known} 之一",
        "en": "unknown authority '{value}': use one of {known}",
    },
    "import.stars_needed": {
        "zh": "需要星级分数线：--like 模板标准（如 ningxia-2022）或 --star 2=二星级=70=local",
        "en": "star levels needed: --like TEMPLATE (such as ningxia-2022) or --star LEVEL=NAME=THRESHOLD",
    },
    "import.like_thresholds": {
        "zh": "--like {template}：模板的星级分数线{thresholds}高于本表可得的最高分{maximum}，没有学校能够达到；"
              "请用 --star 写出本表所属标准规定的分数线（每个星级一个，如 --star {example}，不高于{maximum}），"
              "或换用满分与本表相当的模板",
        "en": "--like {template}: the template's thresholds {thresholds} are above this table's reachable maximum "
              "{maximum}, so no school could reach them; give this standard's own thresholds with --star (one per "
              "level, such as --star {example}, at most {maximum}), or use a template whose maximum matches the table",
    },
    "import.star_above": {
        "zh": "--star {level}={name}={threshold}：分数线高于本表可得的最高分{maximum}，没有学校能够达到；"
              "请把分数线改为不高于{maximum}",
        "en": "--star {level}={name}={threshold}: the threshold is above this table's reachable maximum {maximum}, "
              "so no school could reach it; give a threshold of at most {maximum}",
    },
    "import.no_indicators": {
        "zh": "表中没有计分指标；请确认表中有带分值的一级指标（名称含{words}的一级指标不算）",
        "en": "the table has no scored indicators; it needs first-level indicators with points "
              "(those whose names hold {words} do not count)",
    },
    "import.round_trip": {
        "zh": "内部错误：生成的TOML读回后不一致；请把这张表发给维护者",
        "en": "internal error: the TOML written did not read back the same; please send the table to the maintainers",
    },
    "import.exists": {"zh": "文件已存在；要覆盖请加 --force", "en": "the file exists; add --force to overwrite"},
    "import.no_folder": {
        "zh": "所在目录不存在；请先建立该目录，或用 -o 写到已有目录",
        "en": "the folder does not exist; create it first, or give -o a path in an existing folder",
    },
    "import.cannot_write": {
        "zh": "无法写入：{detail}；请检查目录权限和磁盘空间，或用 -o 写到别处",
        "en": "cannot write: {detail}; check the folder's permissions and free space, or give -o another path",
    },
    "import.no_vetoes": {
        "zh": "“{name}”下没有否决条件；请在下一级或评分标准栏逐条写出否决条件",
        "en": "no veto conditions under '{name}'; write each condition in the level below or in the criteria column",
    },
    # the table's header (importing/build.py)
    "import.no_header": {
        "zh": "{label}前15行中找不到表头（需要{columns}等列）；请确认表头写有这些列名，或用 --table/--sheet 选择指标表",
        "en": "no header row in the first 15 rows of {label} (it needs columns such as {columns}); name the columns "
              "so, or choose the indicator table with --table/--sheet",
    },
    "import.unknown_column": {
        "zh": "无法识别的列“{title}”；可用：{known}；请改用其中的列名，或删去该列",
        "en": "unknown column '{title}'; known: {known}; rename it to one of these, or delete the column",
    },
    "import.duplicate_column": {
        "zh": "列“{title}”重复（第{number}列已有）；请删去或改名其中一列",
        "en": "column '{title}' appears twice (already column {number}); delete or rename one of them",
    },
    "import.points_first": {
        "zh": "列“{title}”前面没有指标列；请把分值列放在它所属指标列的右边",
        "en": "points column '{title}' has no indicator column before it; put it right of its indicator column",
    },
    "import.points_twice": {
        "zh": "列“{title}”无法对应到指标列（一个指标列后只能有一个分值列）；请删去或合并多余的分值列",
        "en": "points column '{title}' is a second points column for one indicator column; delete or merge it",
    },
    "import.no_rows": {
        "zh": "{label}中没有指标行；请在表头下方填写指标",
        "en": "{label} has no indicator rows; write the indicators below the header",
    },
    # the table's rows
    "import.formula": {
        "zh": "公式“{formula}”：请改为数值（选择性粘贴→数值）",
        "en": "a formula ('{formula}'): paste the values instead",
    },
    "import.name_empty_points": {
        "zh": "{level}名称为空，但有分值“{points}”；请填写名称，或删去该分值",
        "en": "the {level} name is empty, but the points '{points}' are given; write the name or delete the points",
    },
    "import.no_parent": {
        "zh": "{level}“{name}”前面没有上级指标；请在它上方或同一行填写上级指标",
        "en": "{level} '{name}' has no parent indicator above it; write its parent on this row or above it",
    },
    "import.orphan_row": {
        "zh": "这一行不属于任何指标（上方没有指标名称）；请把它移到所属指标下方，或填写指标名称",
        "en": "the row belongs to no indicator (no indicator name above it); move it below its indicator "
              "or write the indicator's name",
    },
    "import.serial_differs": {
        "zh": "序号“{serial}”与名称中的代码“{code}”不一致；请改为一致，或删去其中一个",
        "en": "the code '{serial}' differs from the code '{code}' in the name; make them agree or delete one",
    },
    "import.not_points": {
        "zh": "“{text}”不是分数（应写作 4、2.5 或 40+9）",
        "en": "'{text}' is not points like 4, 2.5 or 40+9",
    },
    "import.points_merged": {
        "zh": "{level}“{name}”的分值单元格与上一行合并；请取消合并，为每个指标填写自己的分值",
        "en": "the points cell of {level} '{name}' is merged with the row above; unmerge it and give each "
              "indicator its own points",
    },
    "import.name_empty": {"zh": "{level}名称为空；请填写名称", "en": "the {level} name is empty; write it"},
    "import.name_too_long": {
        "zh": "{level}名称过长（{length}字，上限{limit}）；请把说明文字移到“详细指标及评分标准”栏",
        "en": "the {level} name is too long ({length} characters; at most {limit}); move the explanation to the "
              "criteria column",
    },
    "import.bad_code": {
        "zh": "代码“{code}”无效（不能含空格，至多40字符）；请改正，或删去代码由导入按位置编号",
        "en": "invalid code '{code}' (no spaces, at most 40 characters); correct it, or delete it to have one "
              "made by position",
    },
    "import.total_not_points": {
        "zh": "合计“{text}”不是分数；请写作数字，如 100 或 100+9",
        "en": "the total '{text}' is not points; write digits such as 100 or 100+9",
    },
    # the tree's sums and codes
    "import.no_points": {
        "zh": "{level}“{name}”缺少分值；请在分值栏填写，或在名称后写{example}",
        "en": "{level} '{name}' has no points; write them in the points column, or after the name as {example}",
    },
    "import.half_steps": {
        "zh": "分值{points}不是0.5的整数倍；请改为如 2 或 2.5 的分值",
        "en": "points {points} must be in half-point steps; write points such as 2 or 2.5",
    },
    "import.leaf_zero": {
        "zh": "末级指标“{name}”分值为0；请填写它的分值，或删去这一行",
        "en": "the leaf '{name}' is worth 0: a leaf must be worth more than 0; give its points or delete the row",
    },
    "import.sum": {
        "zh": "{level}“{name}”分值为{points}，下级指标合计为{total}；{fix}",
        "en": "{level} '{name}' says {points} but its sub-indicators add up to {total}; {fix}",
    },
    "import.fix_row": {
        "zh": "最可能有误的是第{row}行{level}“{name}”（{points}分，改为{fixed}则相符），否则请把本行分值改为{total}",
        "en": "most likely wrong: row {row}, {level} '{name}' ({points}; {fixed} would make them agree); "
              "otherwise change this row's points to {total}",
    },
    "import.fix_self": {
        "zh": "最可能有误的是本行：改为{total}则与下级合计及第{row}行{level}“{name}”都相符",
        "en": "most likely this row is wrong: {total} would agree with its sub-indicators and with row {row}, "
              "{level} '{name}'",
    },
    "import.fix_row_only": {
        "zh": "请核对下级指标的分值，或把本行分值改为{total}",
        "en": "check the sub-indicators' points, or change this row's points to {total}",
    },
    "import.total_sum": {
        "zh": "合计为{declared}，一级指标合计为{total}；{fix}",
        "en": "the total row says {declared} but the first-level indicators add up to {total}; {fix}",
    },
    "import.fix_total": {
        "zh": "最可能有误的是第{row}行{level}“{name}”（{points}分，改为{fixed}则相符），否则请把合计改为{total}",
        "en": "most likely wrong: row {row}, {level} '{name}' ({points}; {fixed} would make them agree); "
              "otherwise change the total to {total}",
    },
    "import.fix_total_only": {
        "zh": "请核对一级指标的分值，或把合计改为{total}",
        "en": "check the first-level points, or change the total to {total}",
    },
    "import.bonus_items": {
        "zh": "“{name}”没有具体加分项目，也没有加分办法；请在下一级逐项写出加分项目及分值，"
              "或在评分标准栏写明加分办法和上限（如{example}）",
        "en": "the bonus section '{name}' has neither items nor criteria; write each item with its points in the "
              "level below, or the criteria and cap in the criteria column (such as {example})",
    },
    "import.bonus_no_cap": {
        "zh": "“{name}”没有写加分上限；请在分值栏填写上限（如 10），或在评分标准中写明上限，如{forms}",
        "en": "the bonus section '{name}' states no cap; write the cap in the points column (such as 10), or in the "
              "criteria text, such as {forms}",
    },
    "import.bonus_cap_differs": {
        "zh": "“{name}”分值栏写的上限是{points}，评分标准中写的是{stated}分；请把二者改为一致",
        "en": "the bonus section '{name}' has the cap {points} in its points column but {stated} in its criteria; "
              "make them agree",
    },
    "import.bonus_cap": {
        "zh": "加分上限应为一个数，不是{points}；请只写上限，如 10",
        "en": "the bonus cap is one number, not {points}; write the cap alone, such as 10",
    },
    "import.duplicate_code": {
        "zh": "代码“{code}”与第{row}行重复；请改为不同的代码，或删去代码由导入按位置编号",
        "en": "the code '{code}' duplicates row {row}; give it another code, or delete both to have them made "
              "by position",
    },
}

CATALOG.update(RUBRIC_FILE)
CATALOG.update(IMPORT)


def _chinese() -> str:
    return "zh"


# workflow.i18n.language once workflow is loaded; Chinese for a caller that never loads it.
_reader_language: Callable[[], str] = _chinese


def environment_language(environ: Mapping[str, str]) -> str:
    """The reader's language from the environment: STARCAMPUS_LANG, else the locale's message language as
    gettext reads it (LANGUAGE's first entry unless the locale is C/POSIX, then LC_ALL, LC_MESSAGES, LANG);
    English when that starts with "en", Chinese otherwise. A preference only: nothing is allowed by it."""
    chosen = environ.get("STARCAMPUS_LANG", "")
    if not chosen:
        locale = environ.get("LC_ALL") or environ.get("LC_MESSAGES") or environ.get("LANG", "")
        first = environ.get("LANGUAGE", "").split(":")[0]
        plain = locale.split(".")[0] in ("", "C", "POSIX")
        chosen = first if first and not plain else locale
    return "en" if chosen.lower().startswith("en") else "zh"


def follow_language(current: Callable[[], str]) -> None:
    """Read this room's texts in ``current()``'s language: workflow.i18n hands over its own (the
    layers point down, so rubrics cannot ask it)."""
    global _reader_language
    _reader_language = current


def reader_language() -> str:
    return _reader_language()


class Text:
    """A catalog key and its data, worded when read. A parameter may be a ``Text`` itself, or a
    list or tuple (joined with the reader's list separator)."""

    __slots__ = ("key", "params")

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params

    def render(self, lang: str | None = None) -> str:
        return render(self.key, lang or reader_language(), **self.params)

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Text({self.key!r}, **{self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Text) and (other.key, other.params) == (self.key, self.params)

    def __hash__(self) -> int:
        return hash(self.key)


def _worded(value: object, lang: str) -> object:
    if isinstance(value, Text):
        return value.render(lang)
    if isinstance(value, list | tuple):
        return render("rubric.sep", lang).join(str(_worded(item, lang)) for item in value)
    return value


def render(key: str, lang: str | None = None, /, **params: object) -> str:
    entry = CATALOG[key]
    chosen = lang or reader_language()
    text = entry.get(chosen) or entry["zh"]
    if not params:
        return text
    return text.format(**{name: _worded(value, chosen) for name, value in params.items()})


def quoted(names: object) -> list[Text]:
    """Names (a sheet's, a file's) each in the reader's quotation marks."""
    assert isinstance(names, list | tuple)
    return [Text("rubric.quoted", text=name) for name in names]
