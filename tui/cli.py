"""The `starcampus` command: parse, pick the acting user, run one verb, exit 0/1/2.

Heavy modules (the core, python-docx, textual) are imported by the verbs that need them, so
``starcampus --version`` answers at once.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

import tui.cli_strings  # noqa: F401  - registers the help texts
import tui.verbs.region_notice_strings  # noqa: F401  - export notice --region's help
import tui.verbs.region_strings  # noqa: F401  - --region on schools import, campaign create and user add
import tui.verbs.round_strings  # noqa: F401  - the round verbs' and --round's help texts
from tui.argparse_words import argparse_words
from tui.environment import COLOR_SYSTEMS, choose, scrub
from tui.exit_codes import EXIT_OK, EXIT_REFUSED
from workflow.i18n import LANGUAGES, set_language, t

VERSION = "0.1.0"


class CatalogFormatter(argparse.HelpFormatter):
    """argparse's help layout with its usage prefix from the catalog."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                  groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, t("argparse.usage") if prefix is None else prefix)


class CatalogParser(argparse.ArgumentParser):
    """An ArgumentParser whose own words (section titles, -h, the error line) come from the catalog.

    Every subparser is one too (argparse builds them with the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", CatalogFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = t("argparse.positionals")
        self._optionals.title = t("argparse.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=t("help.help"))

    def error(self, message: str) -> NoReturn:
        # argparse's own reason (an invalid choice, a missing argument) is in the reader's language
        # when main() parses (tui/argparse_words.py).
        self.print_usage(sys.stderr)
        self.exit(2, t("argparse.error", prog=self.prog, message=message) + "\n")


def asked_language(argv: Sequence[str]) -> str | None:
    """``--lang`` read from the command line before the parser exists (its help is built in that
    language). argparse takes the last one, written ``--lang en``, ``--lang=en`` or as a prefix
    (``--la en``); a value it would refuse counts as none here (it is refused when parsed)."""
    found: str | None = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        name, equals, value = arg.partition("=")
        if len(name) > 2 and "--lang".startswith(name):
            if not equals:
                value = argv[index + 1] if index + 1 < len(argv) else ""
            found = value if value in LANGUAGES else None
    return found


def _verb(sub: Any, name: str, key: str) -> argparse.ArgumentParser:
    """A subcommand whose one-line help in the list is also its own page's description."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=t(key), description=t(key))
    return parser


def _group(sub: Any, name: str, key: str) -> Any:
    """A subcommand with verbs of its own (``schools import``, ``user add``...)."""
    return _verb(sub, name, key).add_subparsers(dest="action", required=True, help=t("help.action"))


# The options of the command itself (before any verb): those that take a value, with the values each
# allows (None: any one word), and the flags. A command line of these alone opens the app (tui.cli_run).
VALUE_OPTIONS: dict[str, Sequence[str] | None] = {
    "--db": None, "--as": None, "--lang": LANGUAGES, "--color": COLOR_SYSTEMS, "--web-ticket": None,
}
FLAG_OPTIONS = ("--web",)


def opens_the_app(words: Sequence[str]) -> bool:
    """Whether ``words`` are only the command's own options, each spelled out and with a value it
    allows: the app opens, and argparse reads them the same without a single verb's parser.
    Anything else (a verb, -h, --version, an abbreviation, a refused value) goes to the whole parser."""
    index = 0
    while index < len(words):
        name, equals, value = words[index].partition("=")
        if name in FLAG_OPTIONS and not equals:
            index += 1
            continue
        if name not in VALUE_OPTIONS:
            return False
        if not equals:
            index += 1
            if index >= len(words) or words[index].startswith("-"):
                return False  # argparse's own error, or a value it would take for an option
            value = words[index]
        allowed = VALUE_OPTIONS[name]
        if allowed is not None and value not in allowed:
            return False
        index += 1
    return True


def build_parser(*, verbs: bool = True) -> argparse.ArgumentParser:
    """The command line, its help in the language ``workflow.i18n`` holds now (main sets it first).

    ``verbs=False``: the command's own options only, for a command line that opens the app
    (``opens_the_app``); building every verb's parser and help is a good part of a launch."""
    p = CatalogParser(prog="starcampus", description=t("help.description"))
    p.add_argument("--version", action="version", version=f"starcampus {VERSION}", help=t("help.version"))
    p.add_argument("--db", help=t("help.db"))
    p.add_argument("--as", dest="as_user", metavar="USER", help=t("help.as"))
    p.add_argument("--lang", choices=list(LANGUAGES), help=t("help.lang"))
    p.add_argument("--color", choices=COLOR_SYSTEMS, help=t("help.color"))
    p.add_argument("--web", action="store_true", help=argparse.SUPPRESS)  # set by `serve` for its app only
    p.add_argument("--web-ticket", help=argparse.SUPPRESS)  # `serve` names the signed-in officer (workflow.doors.web_tokens)
    if not verbs:
        p.set_defaults(command=None)
        return p
    sub = p.add_subparsers(dest="command", metavar="COMMAND", help=t("help.command"))

    def campaign_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--campaign", type=int, help=t("help.campaign_id"))
        # Every verb that names a campaign names a round too (workflow.doors.rounds).
        parser.add_argument("--round", dest="round_year", type=int, metavar="YEAR", help=t("help.round.option"))

    def format_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--format", choices=["grid", "github", "plain"], default="grid", help=t("help.format"))

    def force_option(parser: argparse.ArgumentParser, key: str = "help.force") -> None:
        parser.add_argument("--force", action="store_true", help=t(key))

    backup = _verb(sub, "backup", "help.backup")
    backup.add_argument("path", help=t("help.backup.path"))
    force_option(backup)
    serve = _verb(sub, "serve", "help.serve")
    serve.add_argument("--host", default="127.0.0.1", help=t("help.serve.host"))
    serve.add_argument("--port", type=int, default=8000, help=t("help.serve.port"))
    serve.add_argument("--allow-remote", action="store_true", help=t("help.serve.allow_remote"))
    serve.add_argument("--public-url", help=t("help.serve.public_url"))

    _verb(sub, "init", "help.init")

    demo = _group(sub, "demo", "help.demo")
    _verb(demo, "load", "help.demo.load")

    db = _group(sub, "db", "help.db_group")
    _verb(db, "migrate", "help.db.migrate")

    schools = _group(sub, "schools", "help.schools")
    s_imp = _verb(schools, "import", "help.schools.import")
    s_imp.add_argument("file", help=t("help.schools.file"))
    s_imp.add_argument("--sheet", help=t("help.schools.sheet"))
    s_imp.add_argument("--region", metavar="CODE", help=t("help.schools.region"))
    _verb(schools, "list", "help.schools.list")

    campaign = _group(sub, "campaign", "help.campaign")
    c_new = _verb(campaign, "create", "help.campaign.create")
    c_new.add_argument("--year", type=int, required=True, help=t("help.campaign.year"))
    # Required unless --like names a campaign to copy them from (checked by the verb).
    c_new.add_argument("--region", help=t("help.campaign.region"))
    c_new.add_argument("--region-code", metavar="CODE", help=t("help.campaign.region_code"))
    c_new.add_argument("--title", help=t("help.campaign.title"))
    c_new.add_argument("--rubric", help=t("help.campaign.rubric"))
    c_new.add_argument("--like", type=int, metavar="ID", help=t("help.campaign.like"))
    c_new.add_argument("--review-publicity", action="store_true", help=t("help.campaign.review_publicity"))
    c_new.add_argument("--organ", default="", help=t("help.campaign.organ"))
    c_new.add_argument("--publicity-days", type=int, default=5, help=t("help.campaign.publicity_days"))
    c_new.add_argument("--window", action="append", default=[], metavar="PHASE=START..END",
                       help=t("help.campaign.window"))
    c_new.add_argument("--enrol-all", action="store_true", help=t("help.campaign.enrol_all"))
    c_show = _verb(campaign, "show", "help.campaign.show")
    c_show.add_argument("campaign", nargs="?", type=int, help=t("help.campaign_id"))
    _verb(campaign, "list", "help.campaign.list")
    c_adv = _verb(campaign, "advance", "help.campaign.advance")
    c_adv.add_argument("campaign", nargs="?", type=int, help=t("help.campaign_id"))
    c_thr = _verb(campaign, "thresholds", "help.campaign.thresholds")
    c_thr.add_argument("--set", action="append", required=True, metavar="LEVEL=SCORE", help=t("help.campaign.set"))
    c_thr.add_argument("--reason", required=True, help=t("help.reason"))
    campaign_option(c_thr)
    c_set = _verb(campaign, "set", "help.campaign.settings")
    c_set.add_argument("--publicity-days", type=int, required=True, metavar="DAYS",
                       help=t("help.campaign.new_publicity_days"))
    campaign_option(c_set)
    c_enrol = _verb(campaign, "enrol", "help.campaign.enrol")
    c_enrol.add_argument("codes", nargs="*", help=t("help.campaign.codes"))
    campaign_option(c_enrol)

    score = _group(sub, "score", "help.score")
    sc_set = _verb(score, "set", "help.score.set")
    sc_set.add_argument("school", help=t("help.school_code"))
    sc_set.add_argument("indicator", help=t("help.score.indicator"))
    sc_set.add_argument("value", help=t("help.score.value"))
    sc_set.add_argument("--kind", choices=["self", "verified"], default="self", help=t("help.score.kind"))
    sc_set.add_argument("--evidence", help=t("help.score.evidence"))
    sc_set.add_argument("--correct", default="", metavar="REASON", help=t("help.score.correct"))
    campaign_option(sc_set)
    sc_imp = _verb(score, "import", "help.score.import")
    sc_imp.add_argument("file", help=t("help.score.file"))
    sc_imp.add_argument("--kind", choices=["self", "verified"], default="self", help=t("help.score.kind"))
    campaign_option(sc_imp)

    school = _group(sub, "school", "help.school")
    sa = _verb(school, "advance", "help.school.advance")
    sa.add_argument("school", nargs="*", metavar="CODE", help=t("help.school.advance_codes"))
    sa.add_argument("event", help=t("help.school.event"))
    sa.add_argument("--state", help=t("help.school.advance_state"))
    sa.add_argument("--reason", default="", help=t("help.reason"))
    campaign_option(sa)
    ss = _verb(school, "show", "help.school.show")
    ss.add_argument("school", help=t("help.school_code"))
    campaign_option(ss)
    se = _verb(school, "events", "help.school.events")
    se.add_argument("school", help=t("help.school_code"))
    campaign_option(se)

    status = _verb(sub, "status", "help.status")
    campaign_option(status)
    format_option(status)
    status.add_argument("--all", action="store_true", help=t("help.status.all"))

    audit = _group(sub, "audit", "help.audit")
    a_log = _verb(audit, "log", "help.audit.log")
    a_log.add_argument("--limit", type=int, default=50, help=t("help.audit.limit"))
    a_log.add_argument("--school", help=t("help.audit.school"))
    a_log.add_argument("--actor", help=t("help.audit.actor"))
    campaign_option(a_log)  # --round YEAR: the rows about that round's schools and its campaign
    format_option(a_log)
    a_verify = _verb(audit, "verify", "help.audit.verify")
    a_verify.add_argument("--anchor", metavar="DOC_OR_HASH", help=t("help.audit.anchor"))
    _verb(audit, "init-key", "help.audit.init_key")
    a_exp = _verb(audit, "export", "help.audit.export")
    a_exp.add_argument("-o", "--output", required=True, help=t("help.output"))
    force_option(a_exp)

    rubric = _group(sub, "rubric", "help.rubric")
    r_check = _verb(rubric, "check", "help.rubric.check")
    r_check.add_argument("file", help=t("help.rubric.file"))
    r_show = _verb(rubric, "show", "help.rubric.show")
    r_show.add_argument("id", help=t("help.rubric.id"))
    _verb(rubric, "list", "help.rubric.list")
    r_imp = _verb(rubric, "import", "help.rubric.import")
    r_imp.add_argument("file", help=t("help.rubric.table_file"))
    r_imp.add_argument("-o", "--output", required=True, help=t("help.rubric.output"))
    r_imp.add_argument("--id", dest="rubric_id", metavar="ID", required=True, help=t("help.rubric.new_id"))
    r_imp.add_argument("--name", required=True, help=t("help.rubric.name"))
    r_imp.add_argument("--region", required=True, help=t("help.rubric.region"))
    r_imp.add_argument("--version", dest="rubric_version", metavar="VERSION", default="", help=t("help.rubric.version"))
    r_imp.add_argument("--issued", default="", help=t("help.rubric.issued"))
    r_imp.add_argument("--like", help=t("help.rubric.like"))
    r_imp.add_argument("--star", action="append", default=[], metavar="LEVEL=NAME=THRESHOLD[=AUTHORITY]",
                       help=t("help.rubric.star"))
    r_imp.add_argument("--sheet", help=t("help.rubric.sheet"))
    r_imp.add_argument("--table", type=int, help=t("help.rubric.table"))
    force_option(r_imp, "help.rubric.force")

    # One page per document (`export notice --help` is the notice's own help); args.action is the kind.
    export = _group(sub, "export", "help.export")
    for kind in ("notice", "forms", "publicity", "workbook", "ledger", "records"):
        e_kind = _verb(export, kind, f"help.export.{kind}")
        e_kind.add_argument("-o", "--output", required=True, help=t(f"help.export.output.{kind}"))
        if kind != "workbook":  # every .docx also renders to PDF (tui/verbs/documents.py)
            e_kind.add_argument("--pdf", action="store_true", help=t("help.export.pdf"))
        if kind == "notice":  # the analysis charts as the notice's 附件 (exports/notice_appendix.py)
            e_kind.add_argument("--appendix-analysis", action="store_true", help=t("help.export.appendix_analysis"))
        force_option(e_kind)
        campaign_option(e_kind)
        if kind == "workbook":  # one region's own campaign: a city's officer exports one of its counties
            e_kind.add_argument("--region", metavar="CODE", help=t("help.export.region"))
        if kind == "notice":  # a city's or province's notice of its counties (tui/verbs/region_notice.py)
            e_kind.add_argument("--region", metavar="CODE", help=t("help.export.notice_region"))
        e_kind.add_argument("--order", choices=["display", "stage", "score"], help=t("help.export.order"))
        if kind == "forms":
            e_kind.add_argument("--school", action="append", help=t("help.export.school"))
        else:
            e_kind.set_defaults(school=None)

    report = _group(sub, "report", "help.report")
    for what in ("schools", "stars", "states", "scores"):
        r_what = _verb(report, what, f"help.report.{what}")
        campaign_option(r_what)
        if what == "scores":
            r_what.add_argument("--school", help=t("help.school_code"))
        else:
            r_what.set_defaults(school=None)
        format_option(r_what)

    notice = _verb(sub, "notice", "help.notice")
    notice.add_argument("action", choices=["set", "show", "draft-problems"], help=t("help.notice.action"))
    notice.add_argument("key", nargs="?", choices=["title", "basis", "general_problems", "requirements",
                                                   "issue_date", "order",
                                                   # the campaign facts (workflow/doors/notice_facts.py)
                                                   "addressee", "document_number", "basis_documents",
                                                   "evaluation_organs", "evaluation_methods", "contact_organ",
                                                   "contact_telephone", "objection_address",
                                                   "upward_authority", "school_problems_heading"],
                        help=t("help.notice.key"))
    notice.add_argument("text", nargs="?", help=t("help.text"))
    campaign_option(notice)

    problem = _group(sub, "problem", "help.problem")
    p_add = _verb(problem, "add", "help.problem.add")
    p_add.add_argument("school", help=t("help.school_code"))
    p_add.add_argument("text", help=t("help.problem.text"))
    p_add.add_argument("--responsible", default="", help=t("help.problem.responsible"))
    p_add.add_argument("--deadline", help=t("help.problem.deadline"))
    campaign_option(p_add)
    p_st = _verb(problem, "status", "help.problem.status")
    p_st.add_argument("id", type=int, help=t("help.problem.id"))
    p_st.add_argument("status", choices=["open", "rectifying", "closed"], help=t("help.problem.status"))
    p_ls = _verb(problem, "list", "help.problem.list")
    p_ls.add_argument("school", help=t("help.school_code"))
    campaign_option(p_ls)

    narrative = _verb(sub, "narrative", "help.narrative")
    narrative.add_argument("action", choices=["set"], help=t("help.narrative.action"))
    narrative.add_argument("school", help=t("help.school_code"))
    narrative.add_argument("kind", choices=["achievement", "problem"], help=t("help.narrative.kind"))
    narrative.add_argument("text", help=t("help.text"))
    campaign_option(narrative)

    duty = _group(sub, "responsibility", "help.responsibility")
    d_add = _verb(duty, "add", "help.add")
    d_add.add_argument("school", help=t("help.school_code"))
    d_add.add_argument("person", help=t("help.responsibility.person"))
    d_add.add_argument("--duty", default="", help=t("help.responsibility.duty"))
    d_add.add_argument("--indicator", default="", help=t("help.responsibility.indicator"))
    campaign_option(d_add)

    verification = _group(sub, "verification", "help.verification")
    v_add = _verb(verification, "add", "help.add")
    v_add.add_argument("school", help=t("help.school_code"))
    v_add.add_argument("--experts", required=True, help=t("help.verification.experts"))
    v_add.add_argument("--date", required=True, help=t("help.verification.date"))
    v_add.add_argument("--method", action="append", required=True,
                       choices=["materials", "site", "interview", "online", "archive"],
                       help=t("help.verification.method"))
    v_add.add_argument("--findings", default="", help=t("help.verification.findings"))
    campaign_option(v_add)

    objection = _group(sub, "objection", "help.objection")
    o_add = _verb(objection, "add", "help.add")
    o_add.add_argument("school", help=t("help.school_code"))
    o_add.add_argument("--by", required=True, help=t("help.objection.by"))
    o_add.add_argument("--text", required=True, help=t("help.objection.text"))
    campaign_option(o_add)
    o_res = _verb(objection, "resolve", "help.objection.resolve")
    o_res.add_argument("id", type=int, help=t("help.objection.id"))
    verdict = o_res.add_mutually_exclusive_group(required=True)
    verdict.add_argument("--uphold", action="store_true", help=t("help.objection.uphold"))
    verdict.add_argument("--dismiss", action="store_true", help=t("help.objection.dismiss"))
    o_res.add_argument("--resolution", required=True, help=t("help.objection.resolution"))
    o_ls = _verb(objection, "list", "help.list")
    campaign_option(o_ls)

    veto = _group(sub, "veto", "help.veto")
    for name in ("set", "clear"):
        v = _verb(veto, name, f"help.veto.{name}")
        v.add_argument("school", help=t("help.school_code"))
        v.add_argument("code", help=t("help.veto.code"))
        v.add_argument("--reason", default="", help=t("help.reason"))
        campaign_option(v)

    user = _group(sub, "user", "help.user")
    u_add = _verb(user, "add", "help.user.add")
    u_add.add_argument("name", help=t("help.user_name"))
    u_add.add_argument("--role", required=True, choices=["admin", "expert", "school", "viewer"],
                       help=t("help.user.role"))
    u_add.add_argument("--school", help=t("help.user.school"))
    u_add.add_argument("--region", metavar="CODE", help=t("help.region.option"))
    u_add.add_argument("--key", default="", help=t("help.user.key"))
    u_add.add_argument("--display-name", default="", help=t("help.user.display_name"))
    u_add.add_argument("--authorized-keys", help=t("help.authorized_keys"))
    u_add.add_argument("--color", dest="user_color", choices=COLOR_SYSTEMS, help=t("help.user_color"))
    _verb(user, "list", "help.user.list")
    u_dis = _verb(user, "disable", "help.user.disable")
    u_dis.add_argument("name", help=t("help.user_name"))
    u_dis.add_argument("--authorized-keys", help=t("help.authorized_keys"))
    u_web = _verb(user, "web-token", "help.user.web_token")
    u_web.add_argument("name", help=t("help.user_name"))
    u_web.add_argument("--revoke", action="store_true", help=t("help.user.revoke"))
    u_web.add_argument("--url", help=t("help.user.url"))
    u_web.add_argument("--port", type=int, default=8000, help=t("help.user.port"))
    u_en = _verb(user, "enable", "help.user.enable")
    u_en.add_argument("name", help=t("help.user_name"))
    u_rekey = _verb(user, "rekey", "help.user.rekey")
    u_rekey.add_argument("name", help=t("help.user_name"))
    u_rekey.add_argument("--key", required=True, help=t("help.user.key"))
    u_rekey.add_argument("--authorized-keys", help=t("help.authorized_keys"))
    u_rekey.add_argument("--color", dest="user_color", choices=COLOR_SYSTEMS, help=t("help.user_color"))
    from tui.verbs.rounds import add_parsers as add_round_parsers

    add_round_parsers(sub, school=school, score=score, campaign_option=campaign_option, format_option=format_option)
    from tui.verbs.analysis import add_parsers as add_analysis_parsers

    add_analysis_parsers(sub, report=report, notice=notice, campaign_option=campaign_option,
                         format_option=format_option)
    from tui.verbs.regions import add_parsers as add_region_parsers

    add_region_parsers(sub, verification=verification)
    from tui.verbs.region_status import add_status_options

    add_status_options(status)  # status --region CODE / --by-region
    return p


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    set_language(asked_language(words))  # else STARCAMPUS_LANG / LANG: the help is built in this language
    undecodable = next((n for n, word in enumerate(words, 1) if not _is_text(word)), None)
    if undecodable is not None:
        # Bytes that are not UTF-8 (a GBK terminal's Chinese): Python hands them over as lone surrogates,
        # which no database, file or document can hold. Refused before anything is read or written.
        shown = os.fsencode(words[undecodable - 1]).decode("utf-8", "backslashreplace")
        print(t("cli.argument_not_utf8", n=undecodable, shown=shown), file=sys.stderr)
        return EXIT_REFUSED
    with argparse_words():  # argparse's own messages too (a missing argument, an invalid choice)
        parser = build_parser(verbs=not opens_the_app(words))
        try:
            args = parser.parse_args(words)
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


def _is_text(word: str) -> bool:
    try:
        word.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _private_files() -> None:
    # At process start: every file and folder this process creates (database, key, drafts, logs,
    # exports) is its owner's only, or its group's by setting (models/file_modes.py, issue 10).
    from workflow.doors.maintenance import restrict_file_modes

    restrict_file_modes()


def _peewee_alone() -> None:
    # Before anything imports peewee: without psycopg2, which a SQLite database never uses
    # (models/pg_driver.py loads it when a server is opened).
    from workflow.startup import hold_back_server_driver

    hold_back_server_driver()


def entry() -> None:  # pragma: no cover - console script shim
    # First of all, before anything imports textual: the client may have sent TEXTUAL_* (tui.environment).
    # Here, at the process's start, not in main(): tests call main() inside pytest's own process.
    scrub(os.environ)
    if opens_the_app(sys.argv[1:]):
        from tui.gc_hold import hold

        hold()  # until the app's first rows are drawn (tui/gc_hold.py)
    _peewee_alone()
    _private_files()
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    scrub(os.environ)
    _peewee_alone()
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    _private_files()
    sys.exit(main())
