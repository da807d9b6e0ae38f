"""argparse's own words ("the following arguments are required", "invalid choice"...) in the
reader's language.

argparse builds its messages with ``_()`` and ``ngettext()`` from gettext, looked up as module
globals when each message is made. ``argparse_words()`` points those two names at the catalog
(tui/cli_strings.py, keys ``argparse.msg.*``) for as long as the command line is parsed and run,
and puts gettext's back afterwards. English is argparse's own text, untouched; a message a later
Python adds is not in the table and stays in argparse's words.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import tui.cli_strings  # noqa: F401  - registers the argparse.msg.* keys
from workflow.i18n import language, t

# argparse's message ids (Python 3.11-3.13) -> catalog keys; the %-placeholders are argparse's and kept.
MESSAGES: dict[str, str] = {
    "usage: ": "argparse.usage",
    "positional arguments": "argparse.positionals",
    "options": "argparse.options",
    "show this help message and exit": "help.help",
    "argument %(argument_name)s: %(message)s": "argparse.msg.argument",
    "unrecognized arguments: %s": "argparse.msg.unrecognized",
    "not allowed with argument %s": "argparse.msg.not_allowed_with",
    "ignored explicit argument %r": "argparse.msg.ignored_explicit",
    "the following arguments are required: %s": "argparse.msg.required",
    "one of the arguments %s is required": "argparse.msg.one_required",
    "expected one argument": "argparse.msg.expected_one",
    "expected at most one argument": "argparse.msg.expected_at_most_one",
    "expected at least one argument": "argparse.msg.expected_at_least_one",
    "ambiguous option: %(option)s could match %(matches)s": "argparse.msg.ambiguous",
    "unexpected option string: %s": "argparse.msg.unexpected_option",
    "invalid %(type)s value: %(value)r": "argparse.msg.invalid_value",
    "invalid choice: %(value)r (choose from %(choices)s)": "argparse.msg.invalid_choice",
    "can't open '%(filename)s': %(error)s": "argparse.msg.cannot_open",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "argparse.msg.unknown_parser",
    "show program's version number and exit": "help.version",
}
PLURALS: dict[str, str] = {"expected %s argument": "argparse.msg.expected_n"}


def translated(message: str) -> str:
    key = MESSAGES.get(message)
    return t(key) if key and language() != "en" else message  # English: argparse's words as they are


def translated_n(singular: str, plural: str, count: int) -> str:
    key = PLURALS.get(singular)
    if key and language() != "en":
        return t(key)  # Chinese has one form for any count
    return singular if count == 1 else plural


@contextmanager
def argparse_words() -> Iterator[None]:
    """argparse speaks the language ``workflow.i18n`` holds inside this block."""
    module = vars(argparse)
    saved: tuple[Callable[..., str], Callable[..., str]] = (module["_"], module["ngettext"])
    module["_"], module["ngettext"] = translated, translated_n
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved
