"""`starcampus --help` in the reader's language: argparse builds every help text before it knows
``--lang``, so tui/cli.py reads ``--lang`` from the command line first and builds the help from the
catalog in that language (else STARCAMPUS_LANG / LANG, as workflow.i18n decides)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import asked_language, build_parser
from workflow.i18n import set_language

EXE = str(Path(sys.executable).with_name("starcampus"))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


def _help(*args: str, **env: str) -> str:
    environment = {k: v for k, v in os.environ.items() if k not in ("STARCAMPUS_LANG", "LANG", "LC_ALL")}
    environment.update({"LANG": "C.UTF-8", **env})
    done = subprocess.run([EXE, *args], capture_output=True, text=True, env=environment, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_english_help_holds_no_chinese() -> None:
    top = _help("--lang", "en", "--help")
    assert "act as this user" in top and "usage: starcampus" in top and "show this help and exit" in top
    assert not CJK.search(top), top
    user_add = _help("--lang", "en", "user", "add", "--help")
    assert "add a user" in user_add and "this user's terminal colours over SSH" in user_add
    assert not CJK.search(user_add), user_add


def test_default_help_is_chinese_only() -> None:
    top = _help("--help")
    assert "智慧校园/数字校园星级评定工作台" in top and "以该用户身份操作" in top and "用法：starcampus" in top
    assert "act as this user" not in top and "show this help" not in top  # not bilingual either
    user_add = _help("user", "add", "--help")
    assert "添加用户" in user_add and "该用户SSH会话的终端颜色" in user_add and "add a user" not in user_add


def test_the_environment_chooses_when_no_lang_is_given() -> None:
    assert "act as this user" in _help("--help", STARCAMPUS_LANG="en")
    assert "act as this user" in _help("--help", LANG="en_GB.UTF-8")
    assert "以该用户身份操作" in _help("--help", STARCAMPUS_LANG="zh", LANG="en_GB.UTF-8")  # STARCAMPUS_LANG first
    # --lang wins over the environment, in every spelling argparse takes.
    for spelling in (["--lang", "zh"], ["--lang=zh"], ["--la", "zh"]):
        assert "以该用户身份操作" in _help(*spelling, "--help", STARCAMPUS_LANG="en"), spelling


@pytest.mark.parametrize(("argv", "expected"), [
    (["--lang", "en", "status"], "en"),
    (["--lang=zh", "status"], "zh"),
    (["--lan", "en"], "en"),
    (["--lang", "zh", "--lang", "en"], "en"),  # argparse keeps the last
    (["--lang", "fr"], None),  # refused by the parser itself, in the environment's language
    (["--lang"], None),
    (["status"], None),
    (["narrative", "set", "S1", "achievement", "--", "--lang", "en"], None),
    (["--limit", "5"], None),
])
def test_lang_is_read_before_the_parser_exists(argv: list[str], expected: str | None) -> None:
    assert asked_language(argv) == expected


def _pages(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield parser.prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _pages(child)


@pytest.fixture
def restore_language() -> Iterator[None]:
    yield
    set_language("zh")


@pytest.mark.usefixtures("restore_language")
def test_every_help_page_reads_in_either_language() -> None:
    """All ~90 help texts, page by page (a stray "%" in a catalog text would break argparse here)."""
    set_language("en")
    english = dict(_pages(build_parser()))
    assert len(english) > 50
    for prog, page in english.items():
        text = page.format_help()
        assert not CJK.search(text), f"{prog}:\n{text}"
    set_language("zh")
    chinese = dict(_pages(build_parser()))
    assert chinese.keys() == english.keys()
    for prog, page in chinese.items():
        text = page.format_help()
        assert "用法：" in text and "显示本帮助并退出" in text, f"{prog}:\n{text}"
        described = page.description or ""
        assert prog == "starcampus" or CJK.search(described), f"{prog} has no Chinese description: {described!r}"


def test_a_usage_error_keeps_exit_2_in_either_language() -> None:
    for lang, word, reason in (("zh", "错误：", "无效的选择"), ("en", "error: ", "invalid choice")):
        done = subprocess.run([EXE, "--lang", lang, "campaign", "fly"], capture_output=True, text=True, timeout=60)
        assert done.returncode == 2 and word in done.stderr and reason in done.stderr, done.stderr


def test_no_help_text_is_a_catalog_key() -> None:
    """In a fresh process, as an officer runs it: a catalog registered only by the verb that uses it
    printed "help.schools.region" in `schools import --help` (the test process had imported it already)."""
    script = ("from tests.cli.test_help import _pages\nfrom tui.cli import build_parser\n"
              "for prog, page in _pages(build_parser()):\n    print(page.format_help())")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    raw = sorted(set(re.findall(r"\b(?:help|cli|tui)\.[a-z_]+(?:\.[a-z_]+)*", done.stdout)))
    assert raw == [], raw
