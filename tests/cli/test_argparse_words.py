"""argparse's own words under `--lang zh`, through the real command: the help's headings, a
missing argument, an invalid choice, an unknown option, a missing value, all in Chinese with
argparse's exit code 2 (tui.exit_codes.EXIT_USAGE); under `--lang en` argparse's English as it is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.exit_codes import EXIT_USAGE

EXE = str(Path(sys.executable).with_name("starcampus"))
ARGPARSE_ENGLISH = ("usage:", "options:", "show this help message and exit", "the following arguments are required",
                    "invalid choice", "unrecognized arguments", "expected one argument", "error:")


def run(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STARCAMPUS_LANG", "LANG", "LC_ALL")}
    return subprocess.run([EXE, "--lang", lang, *args], capture_output=True, text=True, env=env, timeout=60)


def test_help_and_usage_errors_read_in_chinese() -> None:
    page = run("--help", lang="zh")
    assert page.returncode == 0 and page.stdout.startswith("用法：starcampus")
    assert "选项" in page.stdout and "显示本帮助并退出" in page.stdout
    errors = {
        "missing": run("score", "set", lang="zh"),
        "choice": run("score", "set", "640424001", "1.1", "5", "--kind", "guess", lang="zh"),
        "unknown": run("status", "--bogus", lang="zh"),
        "no value": run("--db", lang="zh"),
        "not a number": run("campaign", "set", "--publicity-days", "seven", lang="zh"),
    }
    for what, done in errors.items():
        assert done.returncode == EXIT_USAGE, (what, done.stderr)
        assert done.stderr.startswith("用法："), (what, done.stderr)
        for english in ARGPARSE_ENGLISH:
            assert english not in done.stderr, (what, english, done.stderr)
    assert "错误：缺少必需的参数：school, indicator, value" in errors["missing"].stderr
    assert "参数 --kind：无效的选择：'guess'（可选：'self', 'verified'）" in errors["choice"].stderr
    assert "无法识别的参数：--bogus" in errors["unknown"].stderr
    assert "参数 --db：需要一个参数值" in errors["no value"].stderr
    assert "'seven' 不是有效的 int 值" in errors["not a number"].stderr


def test_english_stays_as_argparse_says_it() -> None:
    missing = run("score", "set", lang="en")
    assert missing.returncode == EXIT_USAGE
    assert missing.stderr.startswith("usage: starcampus score set")
    assert "starcampus score set: error: the following arguments are required: school, indicator, value" in missing.stderr
    choice = run("score", "set", "a", "b", "c", "--kind", "guess", lang="en")
    assert "argument --kind: invalid choice: 'guess' (choose from 'self', 'verified')" in choice.stderr
    assert "unrecognized arguments: --bogus" in run("status", "--bogus", lang="en").stderr
    assert "argument --db: expected one argument" in run("--db", lang="en").stderr
