"""What every starcampus screen, dialog and data widget shares: the typed app, the acting user,
and the reporting of failed workers (tui.work).

Database work runs in thread workers (``@work(thread=True)``) declared on each screen; see
tui/work.py for the rules. Workers never touch widgets.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.screen import ActiveBinding, ModalScreen, Screen

from tui.textual_words import binding_text
from tui.work import WorkerReporting
from workflow.permissions import Actor

if TYPE_CHECKING:
    from tui.app import StarCampusApp

ResultT = TypeVar("ResultT")


class UsesApp:
    """``self.starcampus``: the running ``StarCampusApp``, typed; ``self.actor``: who is acting."""

    @property
    def starcampus(self) -> StarCampusApp:
        from tui.app import StarCampusApp

        assert isinstance(self, DOMNode)
        app = self.app
        assert isinstance(app, StarCampusApp), "starcampus screens run inside StarCampusApp"
        return app

    @property
    def actor(self) -> Actor:
        return self.starcampus.actor


FUNCTION_KEYS = frozenset(f"f{n}" for n in range(1, 13))


def translate_bindings(node: DOMNode) -> None:
    """Read each binding's description (a catalog key in ``BINDINGS``) in the current language,
    and make every function-key binding a priority one.

    Done per instance when it is built, so a language chosen at start-up (``--lang``, or
    ``set_language`` in a test) is the one the footer shows; class definitions stay language-free.
    A priority binding is checked before the focused widget sees the key, so F2-F9 act the same
    from a text area, a button or an open drop-down as from the list (issue 16); a screen that
    wants another meaning for a key in one widget says so in ``check_action``.
    """
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=binding_text(b.description) if b.description else b.description,
                    priority=b.priority or key in FUNCTION_KEYS)
            for b in bindings]


def worded(found: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """Active bindings with Textual's own descriptions ("Dismiss menu") in the reader's language."""
    out: dict[str, ActiveBinding] = {}
    for key, active in found.items():
        text = binding_text(active.binding.description)
        if text != active.binding.description:
            active = active._replace(binding=replace(active.binding, description=text))
        out[key] = active
    return out


class TranslatedBindings:
    """Mixed in first: the instance's bindings are translated as soon as it is built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert isinstance(self, DOMNode)
        translate_bindings(self)


class WordedFooter:
    """Mixed into screens: the footer (which reads ``active_bindings``) shows Textual's words translated."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        found: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return worded(found)


class DbScreen(WordedFooter, TranslatedBindings, UsesApp, WorkerReporting, Screen[Any]):
    pass


class DbModal(WordedFooter, TranslatedBindings, UsesApp, WorkerReporting, ModalScreen[ResultT]):
    pass


class Modal(WordedFooter, TranslatedBindings, UsesApp, ModalScreen[ResultT]):
    """A dialog that does no database work of its own."""
