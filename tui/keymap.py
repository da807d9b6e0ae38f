"""The user's own keys: ``keymap.toml`` in the starcampus config folder, read at start-up.

Every binding in the app has an ``id`` (``app.quit``, ``dashboard.sort``, ``school.tab_history``...;
F1 lists them); the file maps ids to keys, Textual's ``App.set_keymap`` does the rest::

    # ~/.config/starcampus/keymap.toml (next to config.toml; $STARCAMPUS_CONFIG's folder if set)
    [keys]
    "app.quit" = "f10,ctrl+q"
    "dashboard.reverse" = "f3,ctrl+o"

A file that cannot be read leaves the keys as they are and says why (a warning in the app).
No textual import here: tests read it without an app.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import tui.strings  # noqa: F401 - registers the strings used below
from workflow.i18n import t

FILE_NAME = "keymap.toml"


def keymap_path() -> Path:
    """``keymap.toml`` in the folder of the config file (models.pg_config.config_path)."""
    explicit = os.environ.get("STARCAMPUS_CONFIG")
    if explicit:
        return Path(explicit).expanduser().parent / FILE_NAME
    import platformdirs

    return Path(platformdirs.user_config_dir("starcampus")) / FILE_NAME


@dataclass
class Keymap:
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    problem: str = ""  # why the file was not used, in the reader's language


def load_keymap(path: Path | None = None) -> Keymap:
    path = path or keymap_path()
    try:
        handle = open(path, "rb")  # closed below, once tomllib has read it
    except FileNotFoundError:
        return Keymap()
    except OSError as exc:
        return Keymap(problem=t("tui.keymap.unreadable", path=str(path), detail=str(exc)))
    import tomllib  # only with a keymap file: most launches have none, and need not compile its parser

    try:
        with handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return Keymap(problem=t("tui.keymap.unreadable", path=str(path), detail=str(exc)))
    table = data.get("keys", data)
    if not isinstance(table, dict):
        return Keymap(problem=t("tui.keymap.unreadable", path=str(path), detail="[keys]"))
    keys = {str(k): v.strip() for k, v in table.items() if isinstance(v, str) and v.strip()}
    wrong = sorted(str(k) for k, v in table.items() if not isinstance(v, str) or not v.strip())
    problem = t("tui.keymap.ignored", path=str(path), ids=", ".join(wrong)) if wrong else ""
    return Keymap(keys, problem)
