"""The reader's language follows the locale the way gettext reads it (the trial set LC_ALL / LANGUAGE and got Chinese)."""

from __future__ import annotations

import pytest

from rubrics.messages import environment_language


@pytest.mark.parametrize(("environ", "expected"), [
    ({}, "zh"),
    ({"LANG": "C.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en:zh"}, "en"),
    # gettext ignores LANGUAGE under the C locale; so do we.
    ({"LANG": "C.UTF-8", "LANGUAGE": "en"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
    ({"LANG": "en_US.UTF-8", "STARCAMPUS_LANG": "zh"}, "zh"),
    ({"LC_ALL": "zh_CN.UTF-8", "STARCAMPUS_LANG": "en"}, "en"),
])
def test_language_from_the_locale(environ: dict[str, str], expected: str) -> None:
    assert environment_language(environ) == expected
