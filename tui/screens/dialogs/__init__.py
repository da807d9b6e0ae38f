"""Modal dialogs, one per file; each returns through ``dismiss()``.

reason: ask why; confirm: yes or no; problem: add or edit a problem; draft: restore a draft of
unsaved scores; form: ``FormDialog``, a small form whose save function (a workflow door) runs in a
worker; evidence: a leaf's 佐证材料; returned: a returned school's notice at login; discard: Esc
over typed text asks first (``DiscardGuard``).
"""

from tui.screens.dialogs.confirm import ConfirmDialog
from tui.screens.dialogs.draft import DraftDialog
from tui.screens.dialogs.evidence import EvidenceDialog
from tui.screens.dialogs.form import FormDialog, FormField
from tui.screens.dialogs.problem import ProblemDialog, ProblemFields
from tui.screens.dialogs.reason import ReasonDialog

__all__ = ["ConfirmDialog", "DraftDialog", "EvidenceDialog", "FormDialog", "FormField", "ProblemDialog",
           "ProblemFields", "ReasonDialog"]
