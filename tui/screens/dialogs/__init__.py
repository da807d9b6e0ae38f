"""Modal dialogs, one per file; each returns through ``dismiss()``.

reason: ask why; confirm: yes or no; problem: add a problem; draft: restore a draft of unsaved
scores; form: ``FormDialog``, a small form whose save function (a workflow door) runs in a worker.
"""

from tui.screens.dialogs.confirm import ConfirmDialog
from tui.screens.dialogs.draft import DraftDialog
from tui.screens.dialogs.form import FormDialog, FormField
from tui.screens.dialogs.problem import ProblemDialog
from tui.screens.dialogs.reason import ReasonDialog

__all__ = ["ConfirmDialog", "DraftDialog", "FormDialog", "FormField", "ProblemDialog", "ReasonDialog"]
