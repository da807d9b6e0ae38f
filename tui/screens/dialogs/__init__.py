"""Modal dialogs, one per file; each returns through ``dismiss()``.

reason: ask why; confirm: yes or no; problem: add or edit a problem; draft: restore a draft of
unsaved scores; form: ``FormDialog``, a small form whose save function (a workflow door) runs in a
worker; evidence: a leaf's 佐证材料; returned: a returned school's notice at login; discard: Esc
over typed text asks first (``DiscardGuard``).

The names below are loaded when first asked for (``from tui.screens.dialogs import ConfirmDialog``
loads confirm.py alone): nothing before the dashboard's first rows needs any, and some bring the
problem door, the state machine and the evidence reader with them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.dialogs.confirm import ConfirmDialog
    from tui.screens.dialogs.draft import DraftDialog
    from tui.screens.dialogs.evidence import EvidenceDialog
    from tui.screens.dialogs.form import FormDialog, FormField
    from tui.screens.dialogs.problem import ProblemDialog, ProblemFields
    from tui.screens.dialogs.reason import ReasonDialog

_HOMES = {"ConfirmDialog": "confirm", "DraftDialog": "draft", "EvidenceDialog": "evidence", "FormDialog": "form",
          "FormField": "form", "ProblemDialog": "problem", "ProblemFields": "problem", "ReasonDialog": "reason"}

__all__ = ["ConfirmDialog", "DraftDialog", "EvidenceDialog", "FormDialog", "FormField", "ProblemDialog",
           "ProblemFields", "ReasonDialog"]


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # asked once
    return value
