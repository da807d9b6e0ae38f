"""What every starcampus screen, dialog and data widget shares: the typed app, the acting user,
and the reporting of failed workers (tui.work).

Database work runs in thread workers (``@work(thread=True)``) declared on each screen; see
tui/work.py for the rules. Workers never touch widgets.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen

from tui.work import WorkerReporting
from workflow.i18n import t
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


def translate_bindings(node: DOMNode) -> None:
    """Read each binding's description (a catalog key in ``BINDINGS``) in the current language.

    Done per instance when it is built, so a language chosen at start-up (``--lang``, or
    ``set_language`` in a test) is the one the footer shows; class definitions stay language-free.
    """
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            replace(b, description=t(b.description)) if b.description else b for b in bindings]


class TranslatedBindings:
    """Mixed in first: the instance's bindings are translated as soon as it is built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assert isinstance(self, DOMNode)
        translate_bindings(self)


class DbScreen(TranslatedBindings, UsesApp, WorkerReporting, Screen[Any]):
    pass


class DbModal(TranslatedBindings, UsesApp, WorkerReporting, ModalScreen[ResultT]):
    pass


class Modal(TranslatedBindings, UsesApp, ModalScreen[ResultT]):
    """A dialog that does no database work of its own."""
