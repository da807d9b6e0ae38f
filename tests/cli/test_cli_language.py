"""What the real `starcampus` command prints reads in one language, the reader's: Chinese under
``--lang zh``, English under ``--lang en`` with no Chinese but the data it names (a school's, a
rubric's name), never the old "中文 / English" pairs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).with_name("starcampus"))
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
RUBRIC = "河南省中小学数字校园评估标准（V2.0）"


def run(*args: str, lang: str, db: Path | str | None = None, as_user: str | None = None,
        stdin: int | None = None) -> subprocess.CompletedProcess[str]:
    cmd = [EXE, "--lang", lang, *(["--db", str(db)] if db else []), *(["--as", as_user] if as_user else [])]
    env = dict(os.environ, STARCAMPUS_NOW="2023-09-20T10:00:00+08:00")
    env.pop("SSH_CONNECTION", None)
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env, timeout=60, stdin=stdin)


def english_only(text: str, *data: str) -> None:
    """No Chinese in ``text`` once the data it names is taken out."""
    for item in data:
        text = text.replace(item, "")
    assert not CJK.search(text), text
    assert " / " not in text.replace("http://", "").replace("https://", ""), text  # no bilingual pair


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("lang") / "demo.sqlite3"
    done = run("demo", "load", lang="en", db=path)
    assert done.returncode == 0 and done.stdout.startswith("Demo campaign #1 loaded"), done.stdout + done.stderr
    return path


def test_a_refusal_is_prefixed_in_the_readers_language(demo: Path) -> None:
    verb = ("school", "advance", "640424007", "submit_self_evaluation")
    zh = run(*verb, lang="zh", db=demo, as_user="demo-admin")
    assert zh.returncode == 1 and zh.stderr.startswith("拒绝：“提交自评表”不能在“已认定”状态下进行"), zh.stderr
    assert "refused" not in zh.stderr.lower()
    en = run(*verb, lang="en", db=demo, as_user="demo-admin")
    assert en.returncode == 1 and en.stderr.startswith("Refused: 'Submit self-evaluation' cannot happen"), en.stderr
    english_only(en.stderr)


def test_a_missing_database_is_explained_in_one_language(tmp_path: Path) -> None:
    missing = tmp_path / "typo.sqlite3"
    zh = run("status", lang="zh", db=missing)
    assert zh.returncode == 1 and zh.stderr.startswith(f"无法打开数据库：没有这个数据库：{missing}"), zh.stderr
    assert "cannot open" not in zh.stderr.lower()
    en = run("status", lang="en", db=missing)
    assert en.returncode == 1 and en.stderr.startswith(f"Cannot open the database: there is no database at {missing}")
    english_only(en.stderr)
    assert not missing.exists()


def test_refusals_before_the_database_opens(tmp_path: Path) -> None:
    password = run("status", lang="en", db="postgresql://officer:secret@127.0.0.1/starcampus")
    assert password.returncode == 1 and password.stderr.startswith("Refused: --db carries a password")
    english_only(password.stderr)
    assert "secret" not in password.stderr
    assert run("status", lang="zh", db="postgresql://officer:secret@127.0.0.1/x").stderr.startswith(
        "拒绝：--db 中含有密码")
    no_terminal = run(lang="en", db=tmp_path / "x.sqlite3", stdin=subprocess.DEVNULL)
    assert no_terminal.returncode == 1 and no_terminal.stderr.strip() == "a terminal is needed: log in with ssh -t"
    assert run(lang="zh", stdin=subprocess.DEVNULL).stderr.strip() == "需要终端：请用 ssh -t 登录"


def test_serve_refuses_in_the_readers_language() -> None:
    en = run("serve", "--host", "0.0.0.0", lang="en")
    assert en.returncode == 1 and en.stderr.startswith("Refusing to bind 0.0.0.0") and "--allow-remote" in en.stderr
    english_only(en.stderr)
    zh = run("serve", "--host", "0.0.0.0", lang="zh")
    assert zh.returncode == 1 and zh.stderr.startswith("拒绝在 0.0.0.0 上监听") and "Refusing" not in zh.stderr
    bad_url = run("serve", "--public-url", "ftp://x/", lang="en")
    assert bad_url.returncode == 1 and bad_url.stderr.strip() == "--public-url must be an http(s):// address: ftp://x/"


def test_rubric_verbs_read_in_either_language() -> None:
    builtin = str(Path(__file__).parents[2] / "rubrics/builtin/henan-v2.toml")
    listed = run("rubric", "list", lang="en")
    assert "henan-v2\t" in listed.stdout and "(provisional parts)" in listed.stdout
    english_only(listed.stdout, RUBRIC, "宁夏中小学“互联网+教育”智慧校园认定标准")
    assert "（含暂定内容）" in run("rubric", "list", lang="zh").stdout
    checked = run("rubric", "check", builtin, lang="en")
    assert checked.returncode == 0 and checked.stdout.strip() == f"✓ {builtin}: henan-v2 {RUBRIC} — 48 leaves, max 153"
    assert run("rubric", "check", builtin, lang="zh").stdout.strip() == (
        f"✓ {builtin}：henan-v2 {RUBRIC} — 48个末级指标，满分 153")
    shown = run("rubric", "show", "henan-v2", lang="en").stdout
    assert shown.startswith(f"{RUBRIC} (henan-v2, 河南省, V2.0)")
    assert "| Code " in shown and "| Indicator " in shown and "| Threshold " in shown and "代码" not in shown
    assert "bonus (at most 30)" in shown and "奖励加分" not in shown
    chinese = run("rubric", "show", "henan-v2", lang="zh").stdout
    assert "| 代码 " in chinese and "| 分数线 " in chinese and "Code" not in chinese


def test_tables_and_confirmations_read_in_either_language(demo: Path, tmp_path: Path) -> None:
    status = run("status", lang="en", db=demo, as_user="demo-admin").stdout
    assert "| State " in status and " Schools |" in status and "| Certified " in status and "状态" not in status
    assert "| 状态 " in run("status", lang="zh", db=demo, as_user="demo-admin").stdout
    users = run("user", "list", lang="en", db=demo, as_user="demo-admin").stdout
    assert "| User " in users and "| Role " in users and "用户" not in users
    added = run("user", "add", "officer-x", "--role", "viewer", "--authorized-keys", str(tmp_path / "keys"),
                lang="en", db=demo, as_user="demo-admin")
    assert added.returncode == 0 and added.stdout.strip() == "User added: officer-x (viewer)", added.stderr
    disabled = run("user", "disable", "officer-x", "--authorized-keys", str(tmp_path / "keys"),
                   lang="zh", db=demo, as_user="demo-admin")
    assert disabled.stdout.strip() == "已停用：officer-x", disabled.stderr
    token = run("user", "web-token", "demo-admin", "--url", "ftp://x", lang="en", db=demo, as_user="demo-admin")
    assert token.returncode == 2 and token.stderr.strip() == "--url must be an http:// or https:// address: ftp://x"
    migrated = run("db", "migrate", lang="en", db=demo, as_user="demo-admin")
    assert migrated.stdout.startswith("Schema version "), migrated.stderr
