"""The campaign facts the documents cite (主送机关, 发文字号, basis documents, contact…), in one form.

The same door as `starcampus notice set KEY TEXT` (workflow.doors.notice_texts, checked by
workflow.doors.notice_facts): the form reads the saved texts and their versions in a worker, and
sends only the changed ones, each with the version it read, so a text saved meanwhile by someone
else is refused naming them instead of overwritten. A refusal (a malformed 发文字号…) stays in the form.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.message import Message
from textual.widgets import Input, TextArea

import tui.screens.dialogs.facts_strings  # noqa: F401  - registers this file's keys
from tui.screens.dialogs.form import FormDialog, FormField
from tui.work import thread_connection
from workflow.doors.notice_facts import BASIS_SHAPE, DOCNO_EXAMPLE, FACT_KEYS, UPWARD_EXAMPLE
from workflow.doors.notice_texts import set_notice_texts
from workflow.i18n import t
from workflow.reads.notice_facts import saved_texts
from workflow.reads.notice_form import notice_versions

# The facts of several items are typed one a line.
AREA_KEYS = frozenset({"basis_documents", "evaluation_organs", "evaluation_methods", "upward_authority"})
HINT_EXAMPLES = {"addressee": "各学校", "document_number": DOCNO_EXAMPLE, "basis_documents": BASIS_SHAPE,
                 "upward_authority": UPWARD_EXAMPLE}


def _hint(key: str) -> str:
    return t(f"tui.facts.hint.{key}", example=HINT_EXAMPLES[key]) if key in HINT_EXAMPLES else ""


class FactsDialog(FormDialog):
    """Every key of ``FACT_KEYS``, labelled as `notice show` labels it."""

    @dataclass
    class Loaded(Message):
        texts: dict[str, str]
        versions: dict[str, int]

    def __init__(self, campaign_id: int) -> None:
        self.campaign_id = campaign_id
        self._saved: dict[str, str] = {}
        self._versions: dict[str, int] = {}
        # An area shows no placeholder: its hint goes into the label.
        fields = [FormField(key, t(f"field.{key}") + (f"  {_hint(key)}" if key in AREA_KEYS and _hint(key) else ""),
                            kind="area" if key in AREA_KEYS else "input",
                            placeholder="" if key in AREA_KEYS else _hint(key))
                  for key in FACT_KEYS]
        super().__init__(t("tui.facts.title"), fields, self._save, body=t("tui.facts.body"), dialog_id="facts-dialog")

    def on_mount(self) -> None:
        super().on_mount()
        self.load_facts()

    @work(thread=True, exclusive=True, group="facts.load", exit_on_error=False)
    def load_facts(self) -> None:
        with thread_connection():
            texts = dict(saved_texts(self.actor, self.campaign_id, FACT_KEYS))
            versions = notice_versions(self.campaign_id)
        self.post_message(self.Loaded(texts, versions))

    @on(Loaded)
    def facts_loaded(self, message: Loaded) -> None:
        self._saved, self._versions = message.texts, message.versions
        for key in FACT_KEYS:
            text = message.texts.get(key, "")
            if key in AREA_KEYS:
                self.query_one(f"#f-{key}", TextArea).text = text
            else:
                self.query_one(f"#f-{key}", Input).value = text
        self._initial = self.values()  # what was read is not a change to discard

    def _save(self, values: dict[str, Any]) -> dict[str, int]:
        changed = {key: str(values[key]) for key in FACT_KEYS
                   if str(values[key]).strip() != self._saved.get(key, "").strip()}
        if not changed:
            return {}
        return set_notice_texts(self.actor, self.campaign_id, changed,
                                expected_versions={key: self._versions.get(key, 0) for key in changed})
