"""Helpers shared by tests that need a real external part.

On a developer's laptop a missing part (PostgreSQL, LibreOffice, tmux, sshd) skips the
test; in CI (STARCAMPUS_REQUIRE_SERVICES=1) it fails it, so a green run never hides one.
"""

from __future__ import annotations

import os
import shutil

import pytest


def services_required() -> bool:
    return os.environ.get("STARCAMPUS_REQUIRE_SERVICES", "") not in ("", "0")


def need(condition: bool, what: str) -> None:
    """Skip (laptop) or fail (CI) when a real part is missing."""
    if condition:
        return
    if services_required():
        pytest.fail(f"required service missing: {what}", pytrace=False)
    pytest.skip(f"not available here: {what}")


def need_program(*names: str) -> str:
    """Return the path of the first program found among ``names``."""
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    need(False, " or ".join(names))
    raise AssertionError("unreachable")
