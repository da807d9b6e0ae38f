"""The `starcampus` command: parse, pick the acting user, run one verb, exit 0/1/2.

Heavy modules (the core, python-docx, textual) are imported by the verbs that need them, so
``starcampus --version`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from tui.environment import COLOR_SYSTEMS, choose, scrub
from tui.exit_codes import EXIT_OK

VERSION = "0.1.0"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="starcampus",
        description="智慧校园/数字校园星级评定工作台 · campus star-rating campaigns",
    )
    p.add_argument("--version", action="version", version=f"starcampus {VERSION}")
    p.add_argument("--db", help="SQLite 文件路径或 postgresql:// 地址 / database file or URL")
    p.add_argument("--as", dest="as_user", metavar="USER", help="以该用户身份操作 / act as this user")
    p.add_argument("--lang", choices=["zh", "en"], help="界面语言 / language")
    p.add_argument("--color", choices=COLOR_SYSTEMS,
                   help="终端颜色（SSH不转发COLORTERM）/ terminal colours (sshd forwards no COLORTERM)")
    p.add_argument("--web", action="store_true", help=argparse.SUPPRESS)  # set by `serve` for its app only
    p.add_argument("--web-ticket", help=argparse.SUPPRESS)  # `serve` names the signed-in officer (workflow.web_tokens)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    backup = sub.add_parser("backup", help="在线备份数据库 / online backup (SQLite)")
    backup.add_argument("path")
    backup.add_argument("--force", action="store_true", help="替换已有文件 / replace an existing file")
    serve = sub.add_parser("serve", help="在浏览器中使用 / serve the app in a browser (textual-serve)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--allow-remote", action="store_true")
    serve.add_argument("--public-url", help="反向代理后的地址，如 https://starcampus.example/ / the address behind a proxy")

    sub.add_parser("init", help="建库并登记本机管理员 / create the database and the first admin")

    demo = sub.add_parser("demo", help="演示数据 / demo data").add_subparsers(dest="action", required=True)
    demo.add_parser("load", help="写入泾源县2023演示评定 / load the Jingyuan 2023 demo")

    db = sub.add_parser("db", help="数据库 / database").add_subparsers(dest="action", required=True)
    db.add_parser("migrate", help="升级数据库结构 / apply schema migrations")

    schools = sub.add_parser("schools", help="学校名册 / school register").add_subparsers(dest="action", required=True)
    s_imp = schools.add_parser("import", help="从CSV或.xlsx导入 / import from CSV or .xlsx")
    s_imp.add_argument("file")
    s_imp.add_argument("--sheet", help="工作表名称（默认第一个）/ sheet name (.xlsx; default: the first)")
    schools.add_parser("list", help="列出学校 / list schools")

    campaign = sub.add_parser("campaign", help="评定工作 / campaigns").add_subparsers(dest="action", required=True)
    c_new = campaign.add_parser("create", help="创建 / create")
    c_new.add_argument("--year", type=int, required=True)
    c_new.add_argument("--region", required=True)
    c_new.add_argument("--title", required=True)
    c_new.add_argument("--rubric", required=True, help="ningxia-2022 | henan-v2 | FILE.toml")
    c_new.add_argument("--organ", default="")
    c_new.add_argument("--publicity-days", type=int, default=5)
    c_new.add_argument("--window", action="append", default=[], metavar="PHASE=START..END",
                       help="mobilization|self_evaluation|verification|promotion=2022-09-16..2022-09-30")
    c_new.add_argument("--enrol-all", action="store_true", help="登记全部学校参评 / enrol every school")
    c_show = campaign.add_parser("show", help="查看 / show")
    c_show.add_argument("campaign", nargs="?", type=int)
    campaign.add_parser("list", help="列出 / list")
    c_adv = campaign.add_parser("advance", help="推进到下一阶段 / advance the phase")
    c_adv.add_argument("campaign", nargs="?", type=int)
    c_thr = campaign.add_parser("thresholds", help="调整分数线并重算 / adjust star thresholds and recompute")
    c_thr.add_argument("--set", action="append", required=True, metavar="LEVEL=SCORE", help="例如 2=72")
    c_thr.add_argument("--reason", required=True)
    c_thr.add_argument("--campaign", type=int)
    c_enrol = campaign.add_parser("enrol", help="学校参评 / enrol schools")
    c_enrol.add_argument("codes", nargs="*", help="学校代码；省略则全部 / school codes (all if none)")
    c_enrol.add_argument("--campaign", type=int)

    score = sub.add_parser("score", help="评分 / scores").add_subparsers(dest="action", required=True)
    sc_set = score.add_parser("set", help="录入一个指标 / set one indicator")
    sc_set.add_argument("school")
    sc_set.add_argument("indicator")
    sc_set.add_argument("value")
    sc_set.add_argument("--kind", choices=["self", "verified"], default="self")
    sc_set.add_argument("--evidence")
    sc_set.add_argument("--campaign", type=int)
    sc_imp = score.add_parser("import", help="从CSV导入 / import from CSV (学校代码,指标代码,分值,佐证材料)")
    sc_imp.add_argument("file")
    sc_imp.add_argument("--kind", choices=["self", "verified"], default="self")
    sc_imp.add_argument("--campaign", type=int)

    school = sub.add_parser("school", help="单个学校 / one school").add_subparsers(dest="action", required=True)
    sa = school.add_parser("advance", help="执行流程操作 / apply a workflow event")
    sa.add_argument("school")
    sa.add_argument("event")
    sa.add_argument("--reason", default="")
    sa.add_argument("--campaign", type=int)
    ss = school.add_parser("show", help="查看详情 / show detail")
    ss.add_argument("school")
    ss.add_argument("--campaign", type=int)
    se = school.add_parser("events", help="当前可执行的操作 / events possible now")
    se.add_argument("school")
    se.add_argument("--campaign", type=int)

    status = sub.add_parser("status", help="统计 / counts per state and star, schools with totals")
    status.add_argument("--campaign", type=int)
    status.add_argument("--format", choices=["grid", "github", "plain"], default="grid")

    audit = sub.add_parser("audit", help="审计日志 / audit log").add_subparsers(dest="action", required=True)
    a_log = audit.add_parser("log", help="查看 / list")
    a_log.add_argument("--limit", type=int, default=50)
    a_log.add_argument("--school")
    a_log.add_argument("--actor")
    a_log.add_argument("--format", choices=["grid", "github", "plain"], default="grid")
    audit.add_parser("verify", help="校验哈希链 / verify the hash chain")
    audit.add_parser("init-key", help="生成审计封印密钥（存放在数据库之外）/ create the audit seal key, kept off the database")
    a_exp = audit.add_parser("export", help="导出全部记录（含哈希）为CSV / every row with its hashes, as CSV")
    a_exp.add_argument("-o", "--output", required=True)
    a_exp.add_argument("--force", action="store_true", help="替换已有文件 / replace an existing file")

    rubric = sub.add_parser("rubric", help="评分标准 / rubrics").add_subparsers(dest="action", required=True)
    r_check = rubric.add_parser("check", help="校验文件 / validate a file")
    r_check.add_argument("file")
    r_show = rubric.add_parser("show", help="查看 / show")
    r_show.add_argument("id")
    rubric.add_parser("list", help="内置标准 / built-in rubrics")
    r_imp = rubric.add_parser("import", help="从官方指标表(.docx/.xlsx)生成标准文件 / import an official table")
    r_imp.add_argument("file", help="FILE.docx | FILE.xlsx")
    r_imp.add_argument("-o", "--output", required=True, help="OUT.toml")
    r_imp.add_argument("--id", dest="rubric_id", metavar="ID", required=True, help="例如 / e.g. jiyuan-2022")
    r_imp.add_argument("--name", required=True)
    r_imp.add_argument("--region", required=True)
    r_imp.add_argument("--version", dest="rubric_version", metavar="VERSION", default="")
    r_imp.add_argument("--issued", default="", help="印发日期 / date issued, e.g. 2020-10-26")
    r_imp.add_argument("--like", help="复制星级、加分、一票否决的模板 / template for star levels, bonus, vetoes")
    r_imp.add_argument("--star", action="append", default=[], metavar="LEVEL=NAME=THRESHOLD[=AUTHORITY]",
                       help="例如 2=二星级=70=local；可重复 / e.g. 2=二星级=70=local; repeat per level")
    r_imp.add_argument("--sheet", help="工作表名称（.xlsx）/ sheet name")
    r_imp.add_argument("--table", type=int, help="第几个表格（.docx，从1起）/ table number in the .docx")
    r_imp.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite OUT.toml")

    export = sub.add_parser("export", help="导出文档 / export documents")
    export.add_argument("action", choices=["notice", "forms", "publicity", "workbook"], metavar="KIND",
                        help="notice 通报 | forms 自评表 | publicity 公示名单 | workbook 评分汇总.xlsx")
    export.add_argument("-o", "--output", required=True)
    export.add_argument("--force", action="store_true", help="替换已有文件 / replace an existing file")
    export.add_argument("--campaign", type=int)
    export.add_argument("--order", choices=["display", "stage", "score"])
    export.add_argument("--school", action="append", help="只导出这些学校的自评表 / forms for these schools only")

    report = sub.add_parser("report", help="终端表格 / tables in the terminal")
    report.add_argument("action", choices=["schools", "stars", "states", "scores"], metavar="WHAT",
                        help="schools 学校得分 | stars 星级统计 | states 状态统计 | scores 某校各指标")
    report.add_argument("--campaign", type=int)
    report.add_argument("--school")
    report.add_argument("--format", choices=["grid", "github", "plain"], default="grid")

    notice = sub.add_parser("notice", help="通报文稿 / the notice's editable texts")
    notice.add_argument("action", choices=["set", "show"])
    notice.add_argument("key", nargs="?", choices=["title", "basis", "general_problems", "requirements",
                                                   "issue_date", "order"])
    notice.add_argument("text", nargs="?", help="文本，或 @文件 / text, or @FILE")
    notice.add_argument("--campaign", type=int)

    problem = sub.add_parser("problem", help="问题清单 / problem list").add_subparsers(dest="action", required=True)
    p_add = problem.add_parser("add", help="登记问题 / add a problem")
    p_add.add_argument("school")
    p_add.add_argument("text")
    p_add.add_argument("--responsible", default="")
    p_add.add_argument("--deadline")
    p_add.add_argument("--campaign", type=int)
    p_st = problem.add_parser("status", help="整改状态 / set status")
    p_st.add_argument("id", type=int)
    p_st.add_argument("status", choices=["open", "rectifying", "closed"])
    p_ls = problem.add_parser("list", help="列出 / list")
    p_ls.add_argument("school")
    p_ls.add_argument("--campaign", type=int)

    narrative = sub.add_parser("narrative", help="通报中的成效与问题 / the notice's texts for a school")
    narrative.add_argument("action", choices=["set"])
    narrative.add_argument("school")
    narrative.add_argument("kind", choices=["achievement", "problem"])
    narrative.add_argument("text", help="文本，或 @文件 / text, or @FILE")
    narrative.add_argument("--campaign", type=int)

    duty = sub.add_parser("responsibility", help="任务分解到人 / who owns what").add_subparsers(dest="action",
                                                                                          required=True)
    d_add = duty.add_parser("add")
    d_add.add_argument("school")
    d_add.add_argument("person")
    d_add.add_argument("--duty", default="", help="组长 / 副组长 / 成员")
    d_add.add_argument("--indicator", default="")
    d_add.add_argument("--campaign", type=int)

    verification = sub.add_parser("verification", help="核定记录 / expert visits").add_subparsers(
        dest="action", required=True)
    v_add = verification.add_parser("add")
    v_add.add_argument("school")
    v_add.add_argument("--experts", required=True)
    v_add.add_argument("--date", required=True)
    v_add.add_argument("--method", action="append", required=True,
                       choices=["materials", "site", "interview", "online", "archive"],
                       help="materials 审验材料 | site 实地抽查 | interview 座谈 | online 网上调研 | archive 档案")
    v_add.add_argument("--findings", default="")
    v_add.add_argument("--campaign", type=int)

    objection = sub.add_parser("objection", help="公示期异议 / objections during publicity").add_subparsers(
        dest="action", required=True)
    o_add = objection.add_parser("add")
    o_add.add_argument("school")
    o_add.add_argument("--by", required=True, help="异议人 / who raised it")
    o_add.add_argument("--text", required=True)
    o_add.add_argument("--campaign", type=int)
    o_res = objection.add_parser("resolve")
    o_res.add_argument("id", type=int)
    verdict = o_res.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--uphold", action="store_true", help="异议成立：退回重新核定 / back to verification")
    verdict.add_argument("--dismiss", action="store_true")
    o_res.add_argument("--resolution", required=True)
    o_ls = objection.add_parser("list")
    o_ls.add_argument("--campaign", type=int)

    veto = sub.add_parser("veto", help="一票否决 / veto conditions").add_subparsers(dest="action", required=True)
    for name in ("set", "clear"):
        v = veto.add_parser(name)
        v.add_argument("school")
        v.add_argument("code")
        v.add_argument("--reason", default="")
        v.add_argument("--campaign", type=int)

    user = sub.add_parser("user", help="用户 / users").add_subparsers(dest="action", required=True)
    u_add = user.add_parser("add")
    u_add.add_argument("name")
    u_add.add_argument("--role", required=True, choices=["admin", "expert", "school", "viewer"])
    u_add.add_argument("--school")
    u_add.add_argument("--key", default="")
    u_add.add_argument("--display-name", default="")
    u_add.add_argument("--authorized-keys", help="默认 ~/.ssh/authorized_keys 或 STARCAMPUS_AUTHORIZED_KEYS")
    u_add.add_argument("--color", dest="user_color", choices=COLOR_SYSTEMS,
                       help="该用户SSH会话的终端颜色 / this user's terminal colours over SSH")
    user.add_parser("list")
    u_dis = user.add_parser("disable")
    u_dis.add_argument("name")
    u_dis.add_argument("--authorized-keys")
    u_web = user.add_parser("web-token", help="网页登录链接 / a personal sign-in link for `serve`")
    u_web.add_argument("name")
    u_web.add_argument("--revoke", action="store_true", help="撤销 / end the link")
    u_web.add_argument("--url", help="网页地址（默认 http://127.0.0.1:PORT/）/ the address officers open")
    u_web.add_argument("--port", type=int, default=8000)
    u_en = user.add_parser("enable", help="恢复已停用的用户 / enable a disabled user again")
    u_en.add_argument("name")
    u_rekey = user.add_parser("rekey", help="更换公钥 / replace the user's SSH key")
    u_rekey.add_argument("name")
    u_rekey.add_argument("--key", required=True)
    u_rekey.add_argument("--authorized-keys")
    u_rekey.add_argument("--color", dest="user_color", choices=COLOR_SYSTEMS)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    choose(os.environ, color=args.color, web=args.web)
    from tui.cli_run import run

    try:
        code = run(args, parser)
        sys.stdout.flush()
    except BrokenPipeError:
        # `starcampus ... | head` closed the pipe: not an error worth a traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return code


def _private_files() -> None:
    # At process start: every file and folder this process creates (database, key, drafts, logs,
    # exports) is its owner's only, or its group's by setting (models/file_modes.py, issue 10).
    from workflow.maintenance import restrict_file_modes

    restrict_file_modes()


def entry() -> None:  # pragma: no cover - console script shim
    # First of all, before anything imports textual: the client may have sent TEXTUAL_* (tui.environment).
    # Here, at the process's start, not in main(): tests call main() inside pytest's own process.
    scrub(os.environ)
    _private_files()
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    scrub(os.environ)
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    _private_files()
    sys.exit(main())
