"""Every action workflow/ writes to the audit log has words in both languages: the audit log (`starcampus
audit log`, the app's audit screen, a school's history) shows 确认沿用分数 / "carried scores confirmed",
never a raw ``score.confirm``. The actions are read from the source (audit.append's ``action=``,
audit.Event's first argument, and what a helper that passes its ``action`` parameter on is called with),
so a new audited action without a label fails here."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tui.export_jobs import KINDS
from workflow.statemachine.declaration import EVENTS

ROOT = Path(__file__).resolve().parents[2] / "workflow"

# An f-string action's pattern -> the values it takes. A new pattern fails until it is listed here.
PATTERNS: dict[str, tuple[str, ...]] = {
    "score.{}": ("self", "verified"),
    "correction.score.{}": ("self", "verified"),
    "round.{}": ("initial", "applied", "chosen"),
    "narrative.{}": ("achievement", "problem"),
    "export.{}": KINDS,
    "event.{}": tuple(str(e["trigger"]) for e in EVENTS),
}


Scope = tuple[ast.FunctionDef, ...]  # the functions around a call, innermost first
Calls = dict[str, list[tuple[ast.Call, tuple[ast.Module, Scope]]]]  # a function's name -> the calls to it


def _pattern(node: ast.JoinedStr) -> str:
    return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)


def _names(node: ast.expr | None, module: ast.Module, funcs: Scope,
           calls: Calls, found: set[str], where: str) -> None:
    """The action strings ``node`` can be: a literal, an f-string pattern's values, either branch of an
    if-expression, a module constant, or a parameter (its default and every caller's argument)."""
    if node is None:
        return
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        found.add(node.value)
    elif isinstance(node, ast.JoinedStr):
        pattern = _pattern(node)
        assert pattern in PATTERNS, f"{where}: f-string action {pattern!r}: list its values in PATTERNS"
        found.update(pattern.format(v) for v in PATTERNS[pattern])
    elif isinstance(node, ast.IfExp):
        _names(node.body, module, funcs, calls, found, where)
        _names(node.orelse, module, funcs, calls, found, where)
    elif isinstance(node, ast.Name):
        for statement in module.body:  # a module constant: ACTION = "export.region_notice"
            if isinstance(statement, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id
                                                         for t in statement.targets):
                _names(statement.value, module, (), calls, found, where)
                return
        func = next((f for f in funcs if node.id in [a.arg for a in f.args.posonlyargs + f.args.args
                                                     + f.args.kwonlyargs]), None)
        assert func is not None, f"{where}: cannot follow action {node.id}"
        params = [a.arg for a in func.args.posonlyargs + func.args.args]
        kwonly = [a.arg for a in func.args.kwonlyargs]
        if node.id in kwonly:
            _names(func.args.kw_defaults[kwonly.index(node.id)], module, (), calls, found, where)
        else:
            defaults = func.args.defaults
            index = params.index(node.id) - (len(params) - len(defaults))
            if index >= 0:
                _names(defaults[index], module, (), calls, found, where)
        callers = calls.get(func.name, [])
        assert callers or node.id in kwonly, f"{where}: nothing calls {func.name}"
        for call, (caller_module, caller_funcs) in callers:
            for keyword in call.keywords:
                if keyword.arg == node.id:
                    _names(keyword.value, caller_module, caller_funcs, calls, found, where)
            if node.id in params and params.index(node.id) < len(call.args):
                _names(call.args[params.index(node.id)], caller_module, caller_funcs, calls, found, where)
    else:
        raise AssertionError(f"{where}: cannot read the action {ast.dump(node)}")


def _calls(node: ast.AST, funcs: Scope) -> list[tuple[ast.Call, Scope]]:
    """Every call under ``node`` with the functions around it."""
    found: list[tuple[ast.Call, Scope]] = []
    for child in ast.iter_child_nodes(node):
        inner = (child, *funcs) if isinstance(child, ast.FunctionDef) else funcs
        if isinstance(child, ast.Call):
            found.append((child, funcs))
        found.extend(_calls(child, inner))
    return found


def _audited_actions() -> set[str]:
    calls: Calls = {}
    sites: list[tuple[ast.expr | None, ast.Module, Scope, str]] = []
    for path in sorted(ROOT.rglob("*.py")):
        module = ast.parse(path.read_text(encoding="utf-8"))
        for node, funcs in _calls(module, ()):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            calls.setdefault(callee, []).append((node, (module, funcs)))
            if path.name.startswith("audit") or not isinstance(node.func, ast.Attribute) or \
                    getattr(node.func.value, "id", "") != "audit":
                continue  # the log itself passes its caller's action on
            where = f"{path.relative_to(ROOT.parent)}:{node.lineno}"
            if callee == "append":
                sites.append((next((k.value for k in node.keywords if k.arg == "action"), None), module, funcs, where))
            elif callee == "Event":
                sites.append((node.args[0] if node.args else None, module, funcs, where))
    found: set[str] = set()
    for action, module, funcs, where in sites:
        _names(action, module, funcs, calls, found, where)
    return found


def test_the_source_is_read() -> None:
    actions = _audited_actions()
    # What the officer trial saw raw, and a sample of the rest: the reading finds them all.
    assert {"score.confirm", "region.add", "region.recode", "export.region_notice", "user.web_token",
            "verification.assign", "round.open", "score.self", "problem.add", "campaign.recompute",
            "campaign.thresholds", "round.applied", "narrative.problem"} <= actions


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_audited_action_has_a_label(lang: str) -> None:
    import tui.strings  # noqa: F401 - the export kinds' names, as the app and `audit log` register them
    import workflow.reads.audit_log  # noqa: F401 - what the log's readers import (round.upward's words)
    from workflow.i18n import set_language
    from workflow.reads.audit_text import action_text

    actions = _audited_actions()
    set_language(lang)
    try:
        raw = {a: action_text(a) for a in sorted(actions) if re.search(r"[a-z]+[._][a-z]+", action_text(a))}
        if lang == "zh":  # Chinese words, no English left in them
            raw |= {a: action_text(a) for a in sorted(actions) if re.search(r"[A-Za-z]{3,}", action_text(a))}
        assert not raw, f"audit actions shown without a {lang} label: {raw}"
    finally:
        set_language("zh")
