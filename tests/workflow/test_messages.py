"""Every message a user reads comes from the catalog, complete in Chinese and English.

(a) each catalog key has non-empty zh and en texts with the same placeholders; (b) no refusal
raised in workflow/ or rubrics/ carries Chinese prose written inline (the old "中文 / English"
parameters), nor does a converted CLI file print any (tui/verbs/*.py, tui/export_jobs.py, tui/cli.py,
tui/cli_run.py, tui/serve.py), and the CLI's own files hold no Chinese text at all outside docstrings
and comments (help texts included); (c) refusals read in English contain no Chinese except the data
they name (a school's name).
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from workflow.i18n import CATALOG, Listing, Msg, set_language, t

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
# The callables that carry a refusal or a message to the user: workflow's refusals, and the rubric
# room's (RubricError.single, a Reader's or Builder's problem(), a TableProblem, a Text).
MESSAGE_CALLS = re.compile(r"(Error|Input|NotFound|Denied|Failed|Problem|_refuse|_fail|^Msg|^t|^Text"
                           r"|^single|^problem|^report)$")
# ... and, in the CLI's files, what is printed: a line, an error line, a table's headers.
OUTPUT_CALLS = re.compile(rf"{MESSAGE_CALLS.pattern}|^(print|err|table)$")
# The CLI files whose every printed word comes from the catalog (the rest of tui/ is on its way).
CONVERTED_CLI = ("tui/verbs/school.py", "tui/export_jobs.py", "tui/verbs/setup.py", "tui/verbs/audit.py",
                 "tui/verbs/campaign.py", "tui/verbs/web.py", "tui/verbs/common.py", "tui/cli.py",
                 "tui/cli_run.py", "tui/serve.py")
# ... of which these hold no Chinese string at all but docstrings: argparse's help texts, a page the
# web server shows, a refusal passed to any helper are catalog keys too.
NO_CHINESE_CLI = ("tui/verbs/setup.py", "tui/verbs/audit.py", "tui/verbs/campaign.py", "tui/verbs/web.py",
                  "tui/verbs/common.py", "tui/cli.py", "tui/cli_run.py", "tui/serve.py")


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _catalog_with_tui() -> dict[str, dict[str, str]]:
    """The one catalog (rubrics' messages included), the TUI's keys, the CLI's (tui/cli_strings.py,
    tui/verbs/*_strings.py, tui/export_strings.py) and the export room's own."""
    import importlib

    import tui.strings  # noqa: F401  - registers the TUI's keys into the one catalog
    from exports.messages import CATALOG as EXPORTS

    for path in [ROOT / "tui/cli_strings.py", *sorted((ROOT / "tui").rglob("*_strings.py"))]:
        importlib.import_module(".".join(path.relative_to(ROOT).with_suffix("").parts))  # each registers its keys
    return {**CATALOG, **EXPORTS}


@pytest.mark.parametrize("key", sorted(_catalog_with_tui()))
def test_every_key_reads_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = _catalog_with_tui()[key]
    assert entry.get("zh", "").strip() and entry.get("en", "").strip(), f"{key} lacks a text: {entry}"
    assert _placeholders(entry["zh"]) == _placeholders(entry["en"]), f"{key}: {entry}"


def test_english_texts_hold_no_chinese() -> None:
    # Quoted Chinese punctuation or words in an English text would be read by an English user.
    leaking = {key: entry["en"] for key, entry in _catalog_with_tui().items() if CJK.search(entry["en"])}
    assert not leaking


def _called_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Call):  # type(exc)(...)
        return "Error" if isinstance(func.func, ast.Name) and func.func.id == "type" else ""
    return ""


def _inline_prose(root: Path, calls: re.Pattern[str] = MESSAGE_CALLS) -> list[str]:
    """Chinese text written inline in the arguments of ``calls`` in ``root`` (a folder or a file)."""
    found: dict[tuple[Path, int, int, str], str] = {}  # a call inside a call counts once
    for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
        if path.name == "i18n.py":
            continue  # the catalog itself
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
            if not calls.search(_called_name(call)):
                continue
            for arg in [*call.args, *(k.value for k in call.keywords)]:
                for node in ast.walk(arg):
                    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value):
                        found[path, node.lineno, node.col_offset, node.value] = (
                            f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return list(found.values())


def _chinese_outside_docstrings(path: Path) -> list[str]:
    """Every string constant holding Chinese in ``path`` but its docstrings (comments are not constants)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [f"{path.name}:{node.lineno}: {node.value!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CJK.search(node.value)
            and id(node) not in docstrings]


def test_no_refusal_in_workflow_carries_inline_chinese() -> None:
    """The scan would have found the ~55 "不能为空 / must not be empty" parameters; prose is a Msg."""
    assert _inline_prose(ROOT / "workflow") == []


def test_no_rubric_problem_carries_inline_chinese() -> None:
    """The importer's ~30 "“四”不是分数 / not points" problems, now each a rubrics.messages Text.

    (A table's header names and an imported rubric's provenance are data, not messages: they are
    Chinese in the officer's file, and no refusal call carries them as text.)"""
    assert _inline_prose(ROOT / "rubrics") == []


# The calls whose first argument is a catalog key: workflow's refusals, a prose parameter, a label, t().
KEYED_CALLS = frozenset({"WorkflowError", "PermissionDenied", "GuardFailed", "ConflictError", "InvalidInput",
                         "NotFound", "StorageError", "Msg", "Label", "t"})
# A fresh process imports every module given, noting who registered each key first and every key
# registered again with other words (whichever registers last would win: the words would depend on
# what the command happened to import).
_REGISTRARS = """
import importlib, json, sys
import workflow.i18n as i18n
by = dict.fromkeys(i18n.CATALOG, "workflow.i18n")
twice = []
real = i18n.register
def register(entries):
    who = sys._getframe(1).f_globals["__name__"]
    twice.extend(f"{key}: {by[key]} {i18n.CATALOG[key]} / {who} {entry}" for key, entry in entries.items()
                 if key in i18n.CATALOG and i18n.CATALOG[key] != entry)
    by.update({key: who for key in entries if key not in by})
    real(entries)
i18n.register = register
for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
print(json.dumps({"by": by, "twice": twice}))
"""


def _registrations() -> tuple[dict[str, Path], dict[str, str], list[str]]:
    """Every module of workflow, models, rubrics, exports and tui by name; who registers each key;
    the keys registered twice with different words. Run once per test process."""
    import json
    import subprocess
    import sys

    if not _REGISTERED:
        paths = {_module_name(p): p for room in ("workflow", "models", "rubrics", "exports", "tui")
                 for p in sorted((ROOT / room).rglob("*.py")) if p.name != "__main__.py"}
        done = subprocess.run([sys.executable, "-c", _REGISTRARS, json.dumps(sorted(paths))], capture_output=True,
                              text=True, cwd=ROOT, timeout=120, check=True)
        found = json.loads(done.stdout)
        _REGISTERED.append((paths, found["by"], found["twice"]))
    return _REGISTERED[0]


_REGISTERED: list[tuple[dict[str, Path], dict[str, str], list[str]]] = []


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(nodes: list[ast.stmt], known: set[str]) -> set[str]:
    """The modules of ``known`` that the statements ``nodes`` import (not nested functions, not
    TYPE_CHECKING blocks), with the packages whose __init__ each import runs."""
    named: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.If | ast.Try | ast.With):
            named |= _imported([n for n in ast.iter_child_nodes(node) if isinstance(n, ast.stmt)], known)
        elif isinstance(node, ast.Import):
            named |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            named |= {node.module, *(f"{node.module}.{alias.name}" for alias in node.names)}
    return {prefix for name in named for i in range(1, name.count(".") + 2)
            if (prefix := ".".join(name.split(".")[:i])) in known}


def _keys_and_imports(tree: ast.Module, known: set[str]) -> Iterator[tuple[str, int, set[str]]]:
    """Each literal catalog key used in ``tree``, its line, and what the function around it imports."""
    def walk(node: ast.AST, local: set[str]) -> Iterator[tuple[str, int, set[str]]]:
        for child in ast.iter_child_nodes(node):
            inner = local
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = local | _imported(child.body, known)
            if (isinstance(child, ast.Call) and _called_name(child) in KEYED_CALLS and child.args
                    and isinstance(child.args[0], ast.Constant) and isinstance(child.args[0].value, str)):
                yield child.args[0].value, child.lineno, inner
            yield from walk(child, inner)
    yield from walk(tree, set())


def test_every_key_workflow_uses_is_registered_by_a_module_it_imports() -> None:
    """A key registered by a module the user of the key does not import reads as the raw key
    (`Refused: err.upward_in_review`) whenever the command that raises it happens to import nothing
    else that registers it. Registrations are recorded in a fresh process importing every module."""
    paths, registrar, _twice = _registrations()
    known = set(paths)
    graph = {name: _imported(ast.parse(path.read_text(encoding="utf-8")).body, known) for name, path in paths.items()}

    def closure(start: set[str]) -> set[str]:
        seen, todo = set(), list(start)
        while todo:
            name = todo.pop()
            if name not in seen:
                seen.add(name)
                todo.extend(graph.get(name, ()))
        return seen

    missing = []
    for name, path in paths.items():
        if not name.startswith("workflow."):
            continue
        for key, line, local in _keys_and_imports(ast.parse(path.read_text(encoding="utf-8")), known):
            where = registrar.get(key)
            if where is None or (where != "workflow.i18n" and where not in closure({name, *local})):
                missing.append(f"{path.relative_to(ROOT)}:{line}: {key} (registered by {where or 'nobody'})")
    assert missing == []


def test_no_key_has_two_texts() -> None:
    """field.upward_authority was 认定机关 in round_messages and 上级认定机关 in notice_facts: a notice
    fact's label changed with what the command had imported. The catalogs merged into i18n's (and the
    export room's) are compared too: a merge overwrites as silently as a register."""
    from exports.messages import CATALOG as EXPORTS
    from models.messages import CATALOG as MODELS
    from rubrics.messages import CATALOG as RUBRICS
    from workflow.round_messages import CATALOG as ROUNDS

    twice = list(_registrations()[2])
    tree = ast.parse((ROOT / "workflow/i18n.py").read_text(encoding="utf-8"))
    own = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.AnnAssign)
               and isinstance(node.target, ast.Name) and node.target.id == "CATALOG" and node.value is not None)
    merged: dict[str, dict[str, str]] = {}
    for name, part in (("i18n", own), ("rubrics", RUBRICS), ("models", MODELS), ("rounds", ROUNDS),
                       ("exports", EXPORTS), ("registered", _catalog_with_tui())):
        twice += [f"{key}: {merged[key]} / {name} {entry}" for key, entry in part.items()
                  if key in merged and merged[key] != entry]
        merged.update(part)
    assert twice == []


@pytest.mark.parametrize("name", CONVERTED_CLI)
def test_converted_cli_files_print_nothing_inline(name: str) -> None:
    assert _inline_prose(ROOT / name, OUTPUT_CALLS) == []


@pytest.mark.parametrize("name", NO_CHINESE_CLI)
def test_the_clis_own_files_hold_chinese_only_in_docstrings(name: str) -> None:
    """The ~90 argparse help texts were "中文 / English" inline; each is a help.* key now."""
    assert _chinese_outside_docstrings(ROOT / name) == []


def test_the_docstring_scan_sees_help_texts_and_pages(tmp_path: Path) -> None:
    source = tmp_path / "cli.py"
    source.write_text(
        '"""命令行（docstring: allowed)."""\n'
        'def build() -> None:\n'
        '    """构建（allowed)."""\n'
        '    p.add_argument("--as", help="以该用户身份操作 / act as this user")\n'
        '    x = "<p>拒绝来自其他网站的请求</p>"\n',
        encoding="utf-8")
    assert sorted(line.split(":")[1] for line in _chinese_outside_docstrings(source)) == ["4", "5"]


def test_the_scan_sees_the_inline_pattern(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(
        'raise InvalidInput("err.invalid", where="region/地区", what="不能为空 / must not be empty")\n'
        'raise type(exc)("err.invalid", where=f"{p}:学校代码/school", what=str(exc))\n'
        'raise RubricError.single(where, f"星级“{level}”应为整数 / the level must be a whole number")\n'
        'self.problem(number, col, f"“{ptext}”不是分数 / not points")\n',
        encoding="utf-8")
    (tmp_path / "verb.py").write_text(
        'print(f"已保存 / saved: {school}")\n'
        'print(table(rows, ["代码", "指标"]))\n',
        encoding="utf-8")
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert len(_inline_prose(tmp_path / "bad.py")) == 6
        assert _inline_prose(tmp_path / "verb.py") == []  # printing is looked for only where asked
        assert len(_inline_prose(tmp_path / "verb.py", OUTPUT_CALLS)) == 3
    finally:
        ROOT = saved


def test_prose_parameters_render_in_the_readers_language() -> None:
    where, what = Msg("field.region"), Msg("why.not_one_of", value="x", known=Listing(["a", "b"]))
    assert t("err.invalid", "zh", where=where, what=what) == "地区：“x”不是以下之一：a、b"
    assert t("err.invalid", "en", where=where, what=what) == "region: 'x' is not one of: a, b"


@pytest.fixture
def english():  # type: ignore[no-untyped-def]
    set_language("en")
    yield
    set_language("zh")


def _no_chinese_but(text: str, *data: str) -> None:
    for item in data:
        text = text.replace(item, "")
    assert not CJK.search(text), text


def test_refused_campaign_fields_read_in_english(db: str, english: None) -> None:
    from tests.workflow.helpers import JIYUAN_WINDOWS
    from workflow.doors.campaigns import create_campaign
    from workflow.doors.users import add_user
    from workflow.errors import InvalidInput
    from workflow.permissions import Actor

    add_user(None, "admin", "admin")
    admin = Actor("admin", "admin")
    with pytest.raises(InvalidInput) as empty:
        create_campaign(admin, year=2022, region=" ", title="t", rubric="henan-v2", windows=dict(JIYUAN_WINDOWS))
    assert str(empty.value) == "region: must not be empty"
    with pytest.raises(InvalidInput) as date:
        create_campaign(admin, year=2022, region="Jiyuan", title="t", rubric="henan-v2",
                        windows=dict(JIYUAN_WINDOWS, mobilization=("9月16日", "9月31日")))
    message = str(date.value)
    assert "month 9 of 2022 has 30 days" in message
    _no_chinese_but(message, "9月31日")
    # The same refusal, read by a Chinese user, is rendered again in Chinese.
    assert "2022年9月只有30天" in date.value.message("zh")


def test_refused_school_file_reads_in_english(tmp_path: Path, english: None) -> None:
    from workflow.doors.schools import parse_school_file
    from workflow.errors import InvalidInput

    source = tmp_path / "schools.csv"
    source.write_text("学校代码,学校名称,学段\nJY01,一小,小学\nJY02,二小,大学\n", encoding="utf-8")
    with pytest.raises(InvalidInput) as bad_stage:
        parse_school_file(source)
    message = str(bad_stage.value)
    assert message.startswith(f"{source}:3:stage: '大学' is not one of: ")
    _no_chinese_but(message, "大学", "小学", "初中", "高中", "九年一贯制", "完全中学")  # stages are data
    assert f"{source}:3:学段/stage：“大学”不是以下之一：小学、" in bad_stage.value.message("zh")


def test_refused_score_reads_in_english(english: None) -> None:
    from rubrics.loader import builtin_rubric
    from workflow.doors.scores import normalise
    from workflow.errors import InvalidInput

    rubric = builtin_rubric("henan-v2")
    leaf = rubric.leaf_codes()[0]
    with pytest.raises(InvalidInput) as over:
        normalise(rubric, leaf, "999")
    assert str(over.value).startswith(f"indicator {leaf}: the score 999 is above the maximum of ")
    _no_chinese_but(str(over.value))
    assert "超过满分" in over.value.message("zh")


def test_permission_refusal_names_role_and_action_in_english(english: None) -> None:
    from workflow.errors import PermissionDenied
    from workflow.permissions import Actor, require

    with pytest.raises(PermissionDenied) as refused:
        require(Actor("v", "viewer"), "campaign.create")
    assert str(refused.value) == "Not allowed: the viewer role cannot create a campaign."
    assert refused.value.message("zh") == "无权操作：领导查看角色不能执行“创建评定工作”。"


def test_refused_export_path_reads_in_either_language(tmp_path: Path) -> None:
    from exports.safe_path import ExportPathError, resolve_export_path

    with pytest.raises(ExportPathError) as refused:
        resolve_export_path("../escape.docx", base_dir=tmp_path)
    assert "outside the export folder" in refused.value.message("en")
    _no_chinese_but(refused.value.message("en"))
    assert "不在导出文件夹" in refused.value.message("zh")


def test_refused_backup_reads_in_english(db: str, english: None) -> None:
    from models.db import database
    from workflow.doors.maintenance import backup_database
    from workflow.errors import InvalidInput
    from workflow.permissions import Actor

    # SQLite: the backup may not overwrite the database itself; PostgreSQL: pg_dump is the way.
    target = getattr(database.obj, "database", "x.sqlite3")
    with pytest.raises(InvalidInput) as refused:
        backup_database(Actor("admin", "admin"), target)
    assert str(refused.value).startswith("Backup failed: ")
    _no_chinese_but(str(refused.value))
    assert refused.value.message("zh").startswith("备份失败：")
