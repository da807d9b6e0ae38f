"""The shape of the code: the core never imports textual; the documented workflow is the real one."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_core_runs_without_textual() -> None:
    code = (
        "import sys\n"
        "import workflow.statemachine.events, workflow.doors.scores, workflow.doors.campaigns, workflow.doors.records, workflow.reads.queries\n"
        "import workflow.doors.demo, workflow.audit, models.schema, rubrics.scoring\n"
        "import exports.notice, exports.workbook, exports.tables\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith(('textual.', 'tui')))\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, lazy ones inside functions included."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module))
    return out


def test_no_interface_module_imports_models() -> None:
    # The interfaces reach data only through workflow/ (doors, read models, workflow.connection).
    offenders = [f"{path.relative_to(ROOT)}:{line} imports {module}"
                 for path in sorted((ROOT / "tui").rglob("*.py"))
                 for line, module in _imported_modules(path)
                 if module == "models" or module.startswith("models.")]
    assert not offenders, "\n".join(offenders)


def test_import_contracts_hold() -> None:
    exe = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_doc_matches_the_declaration() -> None:
    from workflow.statemachine.diagram import workflow_markdown

    committed = (ROOT / "docs" / "workflow.md").read_text(encoding="utf-8")
    assert committed == workflow_markdown(), "regenerate: python -m workflow.statemachine.diagram > docs/workflow.md"


def test_permissions_doc_matches_the_table() -> None:
    from workflow.statemachine.diagram import permissions_markdown

    committed = (ROOT / "docs" / "permissions.md").read_text(encoding="utf-8")
    assert committed == permissions_markdown(), "regenerate: python -m workflow.statemachine.diagram permissions > docs/permissions.md"


def test_cli_starts_without_heavy_imports() -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('docx', 'openpyxl', 'textual', 'peewee') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
