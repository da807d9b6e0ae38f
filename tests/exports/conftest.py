from __future__ import annotations

import pytest

from exports.data import NoticeInput

from .jingyuan import notice_input


@pytest.fixture
def jingyuan() -> NoticeInput:
    return notice_input()
