"""Load rubrics from TOML files and from the built-in set; only RubricError escapes."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from rubrics.errors import RubricError
from rubrics.messages import Text
from rubrics.model import Rubric
from rubrics.serial import rubric_from_dict, rubric_to_dict

__all__ = [
    "MAX_FILE_BYTES",
    "builtin_ids",
    "builtin_rubric",
    "load_rubric",
    "load_rubric_text",
    "resolve_rubric",
    "rubric_from_dict",
    "rubric_to_dict",
]

# The largest real rubric is a few dozen KB; anything this big is a wrong file.
MAX_FILE_BYTES = 5 * 1024 * 1024


def load_rubric_text(text: str, source: str) -> Rubric:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's message already carries "(at line N, column M)".
        raise RubricError.single(source, Text("rubric.toml_syntax", detail=str(error))) from None
    except RecursionError:
        raise RubricError.single(source, Text("rubric.toml_too_deep")) from None
    return rubric_from_dict(data, source)


def _decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_FILE_BYTES:
        raise RubricError.single(source, Text("rubric.file_too_large", size=f"{len(raw):,}"))
    try:
        # utf-8-sig: Windows Notepad saves UTF-8 with a BOM, which is still fine.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RubricError.single(source, Text("rubric.not_utf8", offset=error.start)) from None


def load_rubric(path: str | Path) -> Rubric:
    path = Path(path)
    source = str(path)
    try:
        if not path.is_file():
            raise RubricError.single(source, Text("rubric.no_file"))
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RubricError.single(source, Text("rubric.file_too_large", size=f"{path.stat().st_size:,}"))
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise RubricError.single(source, Text("rubric.cannot_read", detail=error.strerror or str(error))) from None
    return load_rubric_text(_decode(raw, source), source)


def _builtin_dir() -> resources.abc.Traversable:
    return resources.files("rubrics") / "builtin"


def builtin_ids() -> list[str]:
    return sorted(
        entry.name.removesuffix(".toml") for entry in _builtin_dir().iterdir() if entry.name.endswith(".toml")
    )


@cache
def builtin_rubric(id: str) -> Rubric:
    known = builtin_ids()
    if id not in known:
        raise RubricError.single(id, Text("rubric.unknown_builtin", known=known))
    entry = _builtin_dir() / f"{id}.toml"
    source = f"builtin/{id}.toml"
    return load_rubric_text(_decode(entry.read_bytes(), source), source)


def resolve_rubric(id_or_path: str | Path) -> Rubric:
    """A built-in id ("henan-v2") or a path to a TOML file."""
    if isinstance(id_or_path, str) and id_or_path in builtin_ids():
        return builtin_rubric(id_or_path)
    path = Path(id_or_path)
    if path.suffix.lower() == ".toml" or path.exists():
        return load_rubric(path)
    raise RubricError.single(str(id_or_path), Text("rubric.neither", known=builtin_ids()))
