"""What the `starcampus` command itself says (tui/cli.py, tui/cli_run.py), registered into the one
catalog on import: argparse's help texts and frame words, and the refusals before any verb runs.

The help is built in the reader's language: tui/cli.py reads ``--lang`` from the command line before
it builds the parser (argparse knows the option's value only after it has built every help text).
"""

from __future__ import annotations

from workflow.i18n import register

# argparse's own frame around the help (its usage line, section titles, the -h option, an error line).
FRAME: dict[str, dict[str, str]] = {
    "argparse.usage": {"zh": "用法：", "en": "usage: "},
    "argparse.positionals": {"zh": "位置参数", "en": "positional arguments"},
    "argparse.options": {"zh": "选项", "en": "options"},
    "argparse.error": {"zh": "{prog}：错误：{message}", "en": "{prog}: error: {message}"},
    # argparse's own messages (tui/argparse_words.py): the %-placeholders are argparse's, kept as they are
    "argparse.msg.argument": {"zh": "参数 %(argument_name)s：%(message)s", "en": "argument %(argument_name)s: %(message)s"},
    "argparse.msg.unrecognized": {"zh": "无法识别的参数：%s", "en": "unrecognized arguments: %s"},
    "argparse.msg.not_allowed_with": {"zh": "不能与参数 %s 同时使用", "en": "not allowed with argument %s"},
    "argparse.msg.ignored_explicit": {"zh": "多余的参数值 %r 被忽略", "en": "ignored explicit argument %r"},
    "argparse.msg.required": {"zh": "缺少必需的参数：%s", "en": "the following arguments are required: %s"},
    "argparse.msg.one_required": {"zh": "参数 %s 必须给出其中一个", "en": "one of the arguments %s is required"},
    "argparse.msg.expected_one": {"zh": "需要一个参数值", "en": "expected one argument"},
    "argparse.msg.expected_at_most_one": {"zh": "最多一个参数值", "en": "expected at most one argument"},
    "argparse.msg.expected_at_least_one": {"zh": "至少需要一个参数值", "en": "expected at least one argument"},
    "argparse.msg.expected_n": {"zh": "需要 %s 个参数值", "en": "expected %s arguments"},
    "argparse.msg.ambiguous": {"zh": "选项 %(option)s 有歧义，可能是：%(matches)s",
                               "en": "ambiguous option: %(option)s could match %(matches)s"},
    "argparse.msg.unexpected_option": {"zh": "意外的选项：%s", "en": "unexpected option string: %s"},
    "argparse.msg.invalid_value": {"zh": "%(value)r 不是有效的 %(type)s 值", "en": "invalid %(type)s value: %(value)r"},
    "argparse.msg.invalid_choice": {"zh": "无效的选择：%(value)r（可选：%(choices)s）",
                                    "en": "invalid choice: %(value)r (choose from %(choices)s)"},
    "argparse.msg.cannot_open": {"zh": "无法打开“%(filename)s”：%(error)s", "en": "can't open '%(filename)s': %(error)s"},
    "argparse.msg.unknown_parser": {"zh": "未知的子命令 %(parser_name)r（可选：%(choices)s）",
                                    "en": "unknown parser %(parser_name)r (choices: %(choices)s)"},
    "help.help": {"zh": "显示本帮助并退出", "en": "show this help and exit"},
    "help.version": {"zh": "显示版本号并退出", "en": "show the version and exit"},
}

# One text per option and verb. No "%" in these: argparse formats help with %-expansion.
HELP: dict[str, dict[str, str]] = {
    "help.description": {
        "zh": "智慧校园/数字校园星级评定工作台",
        "en": "star-rating campaigns for smart and digital campuses",
    },
    "help.command": {
        "zh": "子命令（不写则打开终端界面；starcampus 子命令 --help 查看该命令的帮助）",
        "en": "a command (none opens the terminal app; starcampus COMMAND --help shows its help)",
    },
    "help.action": {"zh": "要做的事（见下；每项都有 --help）", "en": "what to do (below; each has --help)"},
    "help.db": {"zh": "SQLite 文件路径或 postgresql:// 地址", "en": "an SQLite file or a postgresql:// URL"},
    "help.as": {"zh": "以该用户身份操作", "en": "act as this user"},
    "help.lang": {"zh": "界面语言：zh 中文，en 英文", "en": "the language: zh Chinese, en English"},
    "help.color": {
        "zh": "终端颜色（SSH不转发COLORTERM）",
        "en": "terminal colours (sshd forwards no COLORTERM)",
    },
    "help.force": {"zh": "替换已有文件", "en": "replace an existing file"},
    "help.campaign_id": {"zh": "评定工作编号（默认最新一次）", "en": "the campaign's number (default: the latest)"},
    "help.school_code": {"zh": "学校代码", "en": "the school's code"},
    "help.format": {"zh": "表格样式", "en": "table style"},
    "help.text": {"zh": "文本，或 @文件", "en": "text, or @FILE"},
    "help.reason": {"zh": "理由", "en": "the reason"},
    "help.output": {"zh": "输出文件", "en": "the file to write"},
    "help.user_name": {"zh": "用户名", "en": "the user's name"},
    "help.authorized_keys": {
        "zh": "默认 ~/.ssh/authorized_keys 或 STARCAMPUS_AUTHORIZED_KEYS",
        "en": "default: ~/.ssh/authorized_keys or STARCAMPUS_AUTHORIZED_KEYS",
    },
    "help.user_color": {"zh": "该用户SSH会话的终端颜色", "en": "this user's terminal colours over SSH"},
    "help.list": {"zh": "列出", "en": "list"},
    "help.show": {"zh": "查看", "en": "show"},
    "help.add": {"zh": "登记", "en": "add"},
    # backup, serve, init, demo, db
    "help.backup": {"zh": "在线备份数据库（SQLite）", "en": "online backup (SQLite)"},
    "help.backup.path": {"zh": "备份文件", "en": "the backup file"},
    "help.serve": {"zh": "在浏览器中使用（textual-serve）", "en": "serve the app in a browser (textual-serve)"},
    "help.serve.host": {"zh": "监听地址（默认只限本机）", "en": "the address to listen on (default: this machine only)"},
    "help.serve.port": {"zh": "端口", "en": "the port"},
    "help.serve.allow_remote": {
        "zh": "允许非本机地址（前面须有 TLS 反向代理）",
        "en": "allow an address other than this machine's (behind a TLS proxy only)",
    },
    "help.serve.public_url": {
        "zh": "反向代理后的地址，如 https://starcampus.example/",
        "en": "the address behind a proxy, e.g. https://starcampus.example/",
    },
    "help.init": {"zh": "建库并登记本机管理员", "en": "create the database and the first admin"},
    "help.demo": {"zh": "演示数据", "en": "demo data"},
    "help.demo.load": {"zh": "写入泾源县2023演示评定", "en": "load the Jingyuan 2023 demo"},
    "help.db_group": {"zh": "数据库", "en": "database"},
    "help.db.migrate": {"zh": "升级数据库结构", "en": "apply schema migrations"},
    # the school register
    "help.schools": {"zh": "学校名册", "en": "school register"},
    "help.schools.import": {"zh": "从CSV或.xlsx导入", "en": "import from CSV or .xlsx"},
    "help.schools.file": {"zh": "名册文件（CSV 或 .xlsx）", "en": "the register (CSV or .xlsx)"},
    "help.schools.sheet": {"zh": "工作表名称（默认第一个）", "en": "sheet name (.xlsx; default: the first)"},
    "help.schools.list": {"zh": "列出学校", "en": "list schools"},
    # campaigns
    "help.campaign": {"zh": "评定工作", "en": "campaigns"},
    "help.campaign.create": {"zh": "创建", "en": "create a campaign"},
    "help.campaign.year": {"zh": "年度", "en": "the year"},
    "help.campaign.region": {"zh": "地区", "en": "the region"},
    "help.campaign.title": {"zh": "标题", "en": "the title"},
    "help.campaign.rubric": {
        "zh": "评分标准：ningxia-2022 | henan-v2 | FILE.toml",
        "en": "the rubric: ningxia-2022 | henan-v2 | FILE.toml",
    },
    "help.campaign.organ": {"zh": "发文机关", "en": "the issuing office"},
    "help.campaign.publicity_days": {"zh": "公示天数", "en": "days of publicity"},
    "help.campaign.window": {
        "zh": "一个阶段的起止日期，可重复：mobilization|self_evaluation|verification|promotion=2022-09-16..2022-09-30",
        "en": "one phase's dates, repeat per phase: "
              "mobilization|self_evaluation|verification|promotion=2022-09-16..2022-09-30",
    },
    "help.campaign.enrol_all": {"zh": "登记全部学校参评", "en": "enrol every school"},
    "help.campaign.show": {"zh": "查看", "en": "show a campaign"},
    "help.campaign.list": {"zh": "列出", "en": "list campaigns"},
    "help.campaign.advance": {"zh": "推进到下一阶段", "en": "advance the phase"},
    "help.campaign.thresholds": {"zh": "调整分数线并重算", "en": "adjust star thresholds and recompute"},
    "help.campaign.set": {"zh": "例如 2=72；可重复", "en": "e.g. 2=72; repeat per level"},
    "help.campaign.settings": {
        "zh": "修改评定工作的设置（公示天数，公示开始前可改）",
        "en": "change a campaign's settings (the publicity length, until publicity begins)",
    },
    "help.campaign.new_publicity_days": {"zh": "新的公示天数（0至60）", "en": "the new publicity length in days (0-60)"},
    "help.campaign.enrol": {"zh": "学校参评", "en": "enrol schools"},
    "help.campaign.codes": {"zh": "学校代码；省略则全部", "en": "school codes (all if none)"},
    # scores and one school
    "help.score": {"zh": "评分", "en": "scores"},
    "help.score.set": {"zh": "录入一个指标", "en": "set one indicator"},
    "help.score.indicator": {"zh": "指标代码", "en": "the indicator's code"},
    "help.score.value": {"zh": "分值", "en": "the score"},
    "help.score.kind": {"zh": "self 自评 | verified 核定", "en": "self (self score) | verified (verified score)"},
    "help.score.evidence": {"zh": "佐证材料", "en": "the evidence"},
    "help.score.import": {
        "zh": "从CSV导入（学校代码,指标代码,分值,佐证材料）",
        "en": "import from CSV (school, indicator, value, evidence)",
    },
    "help.score.file": {"zh": "分值文件（CSV）", "en": "the scores (CSV)"},
    "help.school": {"zh": "单个学校", "en": "one school"},
    "help.school.advance": {"zh": "执行流程操作", "en": "apply a workflow event"},
    "help.school.advance_codes": {
        "zh": "学校代码（可多个：逐校执行，各自一个事务，某校被拒不影响其他学校）",
        "en": "school codes (several: one school at a time, each its own transaction; one refused never undoes "
              "the others)"},
    "help.school.advance_state": {"zh": "对本轮处于该状态的全部学校执行（如 verified）",
                                  "en": "every school of the round in this state (e.g. verified)"},
    "help.school.event": {"zh": "操作名称（见 school events）", "en": "the event (see school events)"},
    "help.school.show": {"zh": "查看详情", "en": "show detail"},
    "help.school.events": {"zh": "当前可执行的操作", "en": "events possible now"},
    "help.status": {
        "zh": "统计：各状态、各星级学校数和各校总分",
        "en": "counts per state and star, schools with totals",
    },
    "help.status.all": {"zh": "列出全部学校（默认只列前50所）", "en": "list every school (by default the first 50)"},
    # the audit log
    "help.audit": {"zh": "审计日志", "en": "audit log"},
    "help.audit.log": {"zh": "查看", "en": "list"},
    "help.audit.limit": {"zh": "最多显示条数", "en": "at most this many rows"},
    "help.audit.school": {"zh": "只看该校", "en": "this school's rows only"},
    "help.audit.actor": {"zh": "只看该用户", "en": "this user's rows only"},
    "help.audit.verify": {"zh": "校验哈希链", "en": "verify the hash chain"},
    "help.audit.anchor": {
        "zh": "导出文件（.docx/.xlsx/.csv）或“序号:哈希”：今天的审计链是否仍含该文件所依据的记录",
        "en": "an exported file (.docx/.xlsx/.csv) or 'seq:hash': does today's chain still hold the record it was made from",
    },
    "help.audit.init_key": {
        "zh": "生成审计封印密钥（存放在数据库之外）",
        "en": "create the audit seal key, kept off the database",
    },
    "help.audit.export": {"zh": "导出全部记录（含哈希）为CSV", "en": "every row with its hashes, as CSV"},
    # rubrics
    "help.rubric": {"zh": "评分标准", "en": "rubrics"},
    "help.rubric.check": {"zh": "校验文件", "en": "validate a file"},
    "help.rubric.file": {"zh": "评分标准文件（.toml）", "en": "the rubric file (.toml)"},
    "help.rubric.show": {"zh": "查看", "en": "show"},
    "help.rubric.id": {"zh": "内置标准名或文件", "en": "a built-in rubric's id, or a file"},
    "help.rubric.list": {"zh": "内置标准", "en": "built-in rubrics"},
    "help.rubric.import": {
        "zh": "从官方指标表（.docx/.xlsx）生成标准文件",
        "en": "import an official table (.docx/.xlsx)",
    },
    "help.rubric.table_file": {"zh": "官方指标表：FILE.docx | FILE.xlsx", "en": "the table: FILE.docx | FILE.xlsx"},
    "help.rubric.output": {"zh": "要生成的标准文件 OUT.toml", "en": "the rubric file to write, OUT.toml"},
    "help.rubric.new_id": {"zh": "例如 jiyuan-2022", "en": "e.g. jiyuan-2022"},
    "help.rubric.name": {"zh": "标准名称", "en": "the rubric's name"},
    "help.rubric.region": {"zh": "适用地区", "en": "the region it applies to"},
    "help.rubric.version": {"zh": "版本", "en": "its version"},
    "help.rubric.issued": {"zh": "印发日期，如 2020-10-26", "en": "date issued, e.g. 2020-10-26"},
    "help.rubric.like": {
        "zh": "复制星级、加分、一票否决的模板",
        "en": "template for star levels, bonus, vetoes",
    },
    "help.rubric.star": {
        "zh": "例如 2=二星级=70=local；可重复",
        "en": "e.g. 2=NAME=70=local (NAME: the level's Chinese name); repeat per level",
    },
    "help.rubric.sheet": {"zh": "工作表名称（.xlsx）", "en": "sheet name (.xlsx)"},
    "help.rubric.table": {"zh": "第几个表格（.docx，从1起）", "en": "table number in the .docx (from 1)"},
    "help.rubric.force": {"zh": "覆盖已有的 OUT.toml", "en": "overwrite OUT.toml"},
    # exports, reports, the notice
    "help.export": {"zh": "导出文档", "en": "export documents"},
    "help.export.notice": {
        "zh": "导出通报（GB/T 9704 公文格式 .docx）：各校星级、成效与问题、工作要求",
        "en": "the notice (an official .docx in GB/T 9704 layout): star levels, each school's texts, "
              "the requirements",
    },
    "help.export.forms": {
        "zh": "导出自评表（.docx，每校一份；--school 只导出某些学校）",
        "en": "self-evaluation forms (.docx, one per school; --school for some schools only)",
    },
    "help.export.publicity": {"zh": "导出公示名单（.docx）", "en": "the publicity list (.docx)"},
    "help.export.workbook": {
        "zh": "导出评分汇总表（.xlsx：各校各指标的自评分与核定分）",
        "en": "the score workbook (.xlsx: every school's self and verified score per indicator)",
    },
    "help.export.output.notice": {"zh": "要写的通报文件，如 通报.docx", "en": "the file to write, e.g. notice.docx"},
    "help.export.output.forms": {"zh": "要写的自评表文件，如 自评表.docx", "en": "the file to write, e.g. forms.docx"},
    "help.export.output.publicity": {
        "zh": "要写的公示名单文件，如 公示名单.docx",
        "en": "the file to write, e.g. publicity.docx",
    },
    "help.export.output.workbook": {
        "zh": "要写的汇总表文件，如 评分汇总.xlsx",
        "en": "the file to write, e.g. scores.xlsx",
    },
    "help.export.order": {
        "zh": "学校顺序：display 名册顺序 | stage 按学段 | score 按得分",
        "en": "school order: display (the register's) | stage (by stage) | score (by score)",
    },
    "help.export.school": {"zh": "只导出这些学校的自评表", "en": "forms for these schools only"},
    "help.export.ledger": {
        "zh": "导出问题清单/整改台账（.docx：学校、问题、责任人、整改时限、状态、是否逾期）",
        "en": "the problem ledger (.docx: school, problem, responsible person, deadline, status, overdue)",
    },
    "help.export.records": {
        "zh": "导出核定记录（.docx：学校、核定日期、专家、方式、核定意见）",
        "en": "the verification records (.docx: school, date, experts, methods, findings)",
    },
    "help.export.output.ledger": {"zh": "要写的台账文件，如 整改台账.docx", "en": "the file to write, e.g. ledger.docx"},
    "help.export.output.records": {
        "zh": "要写的核定记录文件，如 核定记录.docx",
        "en": "the file to write, e.g. records.docx",
    },
    "help.export.pdf": {
        "zh": "另用 LibreOffice 在同一目录生成同名 PDF（需安装 LibreOffice）",
        "en": "also render a PDF of the same name beside it with LibreOffice (must be installed)",
    },
    "help.export.appendix_analysis": {
        "zh": "附上分析图表作为通报附件（核定总分分布与星级分数线、失分学校最多的指标，各附简表）",
        "en": "append the analysis charts to the notice as an appendix (the distribution of verified totals with the "
              "star thresholds, the indicators most schools lost points on, each with a short table)",
    },
    "help.report": {"zh": "终端表格", "en": "tables in the terminal"},
    "help.report.schools": {"zh": "各校状态、得分和星级", "en": "each school's state, scores and star"},
    "help.report.stars": {"zh": "各星级的分数线和学校数", "en": "each star level's threshold and school count"},
    "help.report.states": {"zh": "各状态的学校数", "en": "school counts per state"},
    "help.report.scores": {"zh": "某校各指标得分（须 --school）", "en": "one school's indicators (needs --school)"},
    "help.notice": {"zh": "通报文稿", "en": "the notice's editable texts"},
    "help.notice.action": {"zh": "set 修改 | show 查看 | draft-problems 据核定分拟写共性问题",
                           "en": "set (change) | show | draft-problems (draft the general problems from the scores)"},
    "help.notice.key": {"zh": "要修改的文稿项", "en": "the text to change"},
    # problems, narratives, responsibilities, visits, objections, vetoes
    "help.problem": {"zh": "问题清单", "en": "problem list"},
    "help.problem.add": {"zh": "登记问题", "en": "add a problem"},
    "help.problem.text": {"zh": "问题", "en": "the problem"},
    "help.problem.responsible": {"zh": "责任人", "en": "the person responsible"},
    "help.problem.deadline": {"zh": "整改期限", "en": "the deadline"},
    "help.problem.status": {"zh": "整改状态", "en": "set status"},
    "help.problem.id": {"zh": "问题编号", "en": "the problem's number"},
    "help.problem.list": {"zh": "列出", "en": "list"},
    "help.narrative": {"zh": "通报中的成效与问题", "en": "the notice's texts for a school"},
    "help.narrative.action": {"zh": "set 修改", "en": "set (change)"},
    "help.narrative.kind": {"zh": "achievement 取得的成效 | problem 存在的问题", "en": "achievement | problem"},
    "help.responsibility": {"zh": "任务分解到人", "en": "who owns what"},
    "help.responsibility.person": {"zh": "负责人", "en": "the person"},
    "help.responsibility.duty": {"zh": "职责，如组长、副组长、成员", "en": "the duty, e.g. leader, deputy, member"},
    "help.responsibility.indicator": {"zh": "负责的指标", "en": "the indicator they own"},
    "help.verification": {"zh": "核定记录", "en": "expert visits"},
    "help.verification.experts": {"zh": "专家", "en": "the experts"},
    "help.verification.date": {"zh": "核定日期", "en": "the visit's date"},
    "help.verification.method": {
        "zh": "materials 审验材料 | site 实地抽查 | interview 座谈 | online 网上调研 | archive 档案",
        "en": "materials (papers checked) | site (on-site check) | interview | online (online survey) "
              "| archive (records)",
    },
    "help.verification.findings": {"zh": "核定情况", "en": "the findings"},
    "help.objection": {"zh": "公示期异议", "en": "objections during publicity"},
    "help.objection.by": {"zh": "异议人", "en": "who raised it"},
    "help.objection.text": {"zh": "异议内容", "en": "the objection"},
    "help.objection.resolve": {"zh": "处理", "en": "resolve"},
    "help.objection.id": {"zh": "异议编号", "en": "the objection's number"},
    "help.objection.uphold": {"zh": "异议成立：退回重新核定", "en": "upheld: back to verification"},
    "help.objection.dismiss": {"zh": "驳回", "en": "dismissed"},
    "help.objection.resolution": {"zh": "处理意见", "en": "the resolution"},
    "help.veto": {"zh": "一票否决", "en": "veto conditions"},
    "help.veto.set": {"zh": "认定否决项", "en": "set a veto"},
    "help.veto.clear": {"zh": "撤销否决项", "en": "clear a veto"},
    "help.veto.code": {"zh": "否决项代码", "en": "the veto's code"},
    # users
    "help.user": {"zh": "用户", "en": "users"},
    "help.user.add": {"zh": "添加用户", "en": "add a user"},
    "help.user.role": {"zh": "角色", "en": "the role"},
    "help.user.school": {"zh": "学校用户所属学校的代码", "en": "a school user's school code"},
    "help.user.key": {"zh": "SSH 公钥", "en": "the SSH public key"},
    "help.user.display_name": {"zh": "姓名", "en": "the person's name"},
    "help.user.list": {"zh": "列出用户", "en": "list users"},
    "help.user.disable": {"zh": "停用用户", "en": "disable a user"},
    "help.user.web_token": {"zh": "网页登录链接（serve 用）", "en": "a personal sign-in link for `serve`"},
    "help.user.revoke": {"zh": "撤销", "en": "end the link"},
    "help.user.url": {
        "zh": "网页地址（默认 http://127.0.0.1:PORT/）",
        "en": "the address officers open (default: http://127.0.0.1:PORT/)",
    },
    "help.user.port": {"zh": "serve 的端口", "en": "the port `serve` listens on"},
    "help.user.enable": {"zh": "恢复已停用的用户", "en": "enable a disabled user again"},
    "help.user.rekey": {"zh": "更换公钥", "en": "replace the user's SSH key"},
}

# Refusals before any verb runs (tui/cli_run.py).
RUN: dict[str, dict[str, str]] = {
    "cli.need_terminal": {
        "zh": "需要终端：请用 ssh -t 登录",
        "en": "a terminal is needed: log in with ssh -t",
    },
    "cli.argument_not_utf8": {
        "zh": "拒绝：第{n}个参数含有不是 UTF-8 的字节（{shown}），多半是终端用的是 GBK 等编码；请把终端设为 UTF-8"
              "（如 LANG=zh_CN.UTF-8）后重试。未读写任何数据。",
        "en": "Refused: argument {n} holds bytes that are not UTF-8 ({shown}), most likely a terminal set to GBK or "
              "another encoding; set the terminal to UTF-8 (e.g. LANG=en_US.UTF-8) and try again. Nothing was read "
              "or written.",
    },
    "cli.password_on_command_line": {
        "zh": "拒绝：--db 中含有密码，命令行对本机所有用户可见；请把密码放入 0600 的配置文件或 PGPASSFILE"
              "（docs/deploy-postgres.md）",
        "en": "Refused: --db carries a password, and command lines are visible to every local user; put it in "
              "a 0600 config file or PGPASSFILE (docs/deploy-postgres.md)",
    },
}

register(FRAME)
register(HELP)
register(RUN)
