"""The first hour of a new officer (issue 16): the README's year runs as written, help on every
argument in the reader's language, refusals that name the next step, and an unchanged re-import
that says so. Every case runs the real `starcampus` (or `python -m rubrics`) in a subprocess."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent
EXE = str(BIN / "starcampus")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
WINDOWS = ["--window", "mobilization=2022-09-16..2022-09-30", "--window", "self_evaluation=2022-10-01..2022-10-15",
           "--window", "verification=2022-10-16..2022-10-31", "--window", "promotion=2022-11-01..2024-12-31"]
NOW = datetime.fromisoformat("2022-10-20T10:00:00+08:00")


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("STARCAMPUS_LANG", "LANG", "LC_ALL", "SSH_CONNECTION",
                                                          "STARCAMPUS_DB")}
    env.update({"LANG": "C.UTF-8", "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
                "STARCAMPUS_NOW": NOW.isoformat()})
    env.update(extra)
    return env


def run(db: Path, *args: str, lang: str = "zh") -> subprocess.CompletedProcess[str]:
    return subprocess.run([EXE, "--db", str(db), "--lang", lang, *args], capture_output=True, text=True,
                          env=_env(), timeout=120)


def year_block() -> list[str]:
    """The README's "一年的工作，按顺序" commands, one logical line each (continuations joined)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## 一年的工作，按顺序", 1)[1]
    block = section.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.replace("\\\n", " ").splitlines() if line.strip()]


def test_the_readme_says_where_starcampus_is() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ".venv/bin/starcampus" in readme and 'export PATH="$PWD/.venv/bin:$PATH"' in readme
    made = subprocess.run(["make", "-n", "venv"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert "export PATH" in made.stdout and ".venv/bin" in made.stdout, made.stdout


def test_the_readme_year_runs_as_written(tmp_path: Path) -> None:
    """Every line, literally, through bash in a fresh directory holding the checkout's examples/ and
    rubrics/builtin/: each exits 0, except `certify`, refused until the publicity period has run."""
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shutil.copytree(ROOT / "rubrics" / "builtin", tmp_path / "rubrics" / "builtin")
    env = _env(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path))
    lines = year_block()
    words = [shlex.split(line, comments=True) for line in lines]
    assert [w[1:3] for w in words if w[:2] == ["starcampus", "campaign"]][:2] == [["campaign", "create"],
                                                                                 ["campaign", "advance"]]
    order = [" ".join(w[1:4]) for w in words if w and w[0] == "starcampus"]
    assert order.index("campaign advance") < order.index("school advance 4190010001")
    statuses: list[str] = []
    for line in lines:
        script = f"{line}\nrc=$?\nenv -0\nexit $rc"  # the environment after the line: `export` carries over
        done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, env=env, timeout=120)
        stderr = done.stderr.decode()
        if " certify" in line:
            assert done.returncode == 1 and "公示期未满" in stderr, stderr
            later = dict(env, STARCAMPUS_NOW=(NOW + timedelta(days=6)).isoformat())
            done = subprocess.run(["bash", "-c", script], cwd=tmp_path, capture_output=True, env=later, timeout=120)
            stderr = done.stderr.decode()
        assert done.returncode == 0, f"{line}\n{stderr}"
        if line.startswith("export "):
            pairs = done.stdout.decode().split("\0")
            env = dict(p.split("=", 1) for p in pairs if "=" in p)
        if line.startswith("starcampus status"):
            statuses.append(done.stdout.decode())
    assert statuses and "已认定" in statuses[0] and "二星级" in statuses[0]
    assert (tmp_path / ".demo" / "通报.docx").stat().st_size > 0 and (tmp_path / ".demo" / "备份.sqlite3").exists()
    assert not (tmp_path / "data").exists()  # the trial never touched the default database


def _pages(prefix: list[str], lang: str) -> str:
    done = subprocess.run([EXE, "--lang", lang, *prefix, "--help"], capture_output=True, text=True, env=_env(),
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_export_notice_has_its_own_help_in_either_language() -> None:
    zh = _pages(["export", "notice"], "zh")
    assert "导出通报（GB/T 9704" in zh and "要写的通报文件" in zh and "自评表" not in zh
    en = _pages(["export", "notice"], "en")
    assert "the notice (an official .docx" in en and "usage: starcampus export notice" in en
    assert not CJK.search(en), en
    assert "--school" in _pages(["export", "forms"], "en")


def test_every_argument_has_help_in_both_languages() -> None:
    import argparse

    from tui.cli import build_parser
    from workflow.i18n import set_language

    hidden = {"--web", "--web-ticket"}
    try:
        for lang in ("zh", "en"):
            set_language(lang)
            stack = [build_parser()]
            while stack:
                page = stack.pop()
                for action in page._actions:
                    if isinstance(action, argparse._SubParsersAction):
                        stack.extend(action.choices.values())
                    if set(action.option_strings) & hidden:
                        continue
                    name = action.dest if not action.option_strings else action.option_strings[-1]
                    assert action.help and action.help != argparse.SUPPRESS, f"{page.prog} {name} ({lang})"
    finally:
        set_language("zh")


def _fresh(tmp_path: Path) -> Path:
    db = tmp_path / "s.sqlite3"
    assert run(db, "init").returncode == 0
    (tmp_path / "名册.csv").write_text((ROOT / "examples" / "学校名册.csv").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    assert run(db, "schools", "import", str(tmp_path / "名册.csv")).returncode == 0
    return db


def test_a_database_without_users_says_run_init(tmp_path: Path) -> None:
    db = tmp_path / "bare.sqlite3"
    made = subprocess.run([sys.executable, "-c", f"from models.db import open_database; "
                           f"open_database({str(db)!r}).close()"], capture_output=True, text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    zh = run(db, "schools", "import", str(ROOT / "examples" / "学校名册.csv"))
    assert zh.returncode == 1 and "数据库尚未初始化" in zh.stderr and f"先运行 starcampus --db {db} init" in zh.stderr
    assert "不存在" not in zh.stderr
    en = run(db, "status", lang="en")
    assert "not initialised" in en.stderr and f"Run starcampus --db {db} init first" in en.stderr


def test_refusals_name_the_next_step(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite3"
    assert run(db, "init").returncode == 0
    none = run(db, "school", "events", "4190010001")
    assert "还没有评定工作" in none.stderr and "下一步：创建评定工作：starcampus --db" in none.stderr
    assert "找不到评定工作：-" not in none.stderr
    register = tmp_path / "名册.csv"
    shutil.copy(ROOT / "examples" / "学校名册.csv", register)
    assert run(db, "schools", "import", str(register)).returncode == 0
    assert run(db, "campaign", "create", "--year", "2022", "--region", "济源示范区", "--title", "t",
               "--rubric", "henan-v2", *WINDOWS).returncode == 0
    unenrolled = run(db, "school", "events", "4190010001")
    assert f"下一步：登记参评：starcampus --db {db} campaign enrol 4190010001" in unenrolled.stderr
    unknown = run(db, "school", "events", "9999")
    assert "先导入名册" in unknown.stderr and "schools import 学校名册.csv" in unknown.stderr
    assert run(db, "campaign", "enrol").returncode == 0
    state = run(db, "school", "advance", "4190010001", "submit_self_evaluation")
    assert state.returncode == 1 and "不能在“已参评”状态下进行" in state.stderr
    assert "下一步：现在可以：start_self_evaluation（开始自评）" in state.stderr
    assert run(db, "school", "advance", "4190010001", "start_self_evaluation").returncode == 0
    phase = run(db, "school", "advance", "4190010001", "submit_self_evaluation", lang="en")
    assert phase.returncode == 1 and "'Mobilization'" in phase.stderr
    assert f"Next: an administrator advances the phase: starcampus --db {db} campaign advance" in phase.stderr
    assert run(db, "campaign", "advance").returncode == 0
    unscored = run(db, "school", "advance", "4190010001", "submit_self_evaluation")
    assert "未评分" in unscored.stderr and "score import" in unscored.stderr and "score set 4190010001" in unscored.stderr
    bob = subprocess.run([EXE, "--db", str(db), "--as", "bob", "status"], capture_output=True, text=True,
                         env=_env(), timeout=60)
    assert "用户“bob”不存在" in bob.stderr and "starcampus user add bob --role" in bob.stderr


def test_school_events_labels_its_marks(tmp_path: Path) -> None:
    db = _fresh(tmp_path)
    assert run(db, "campaign", "create", "--year", "2022", "--region", "济源示范区", "--title", "t",
               "--rubric", "henan-v2", "--enrol-all", *WINDOWS).returncode == 0
    assert run(db, "school", "advance", "4190010001", "start_self_evaluation").returncode == 0
    zh = run(db, "school", "events", "4190010001").stdout
    assert "| 可执行 " in zh and "不能执行的原因" in zh and "✗ 现在不能执行" in zh
    assert "下一步：管理员推进阶段" in zh and "campaign advance" in zh  # submit waits for the next phase
    en = run(db, "school", "events", "4190010001", lang="en").stdout
    assert "| Available " in en and "✓ possible now" in en and not CJK.search(en.replace("✓", "").replace("✗", ""))


def test_an_unchanged_reimport_says_unchanged_and_writes_nothing(tmp_path: Path) -> None:
    db = _fresh(tmp_path)
    count = sqlite3.connect(db).execute("SELECT count(*) FROM audit_event").fetchone()[0]
    again = run(db, "schools", "import", str(tmp_path / "名册.csv"))
    assert again.returncode == 0 and "新增0所，更新0所，未变4所" in again.stdout
    assert sqlite3.connect(db).execute("SELECT count(*) FROM audit_event").fetchone()[0] == count
    changed = (tmp_path / "名册.csv").read_text(encoding="utf-8").replace("济源市实验小学", "济源市实验小学（新校区）")
    (tmp_path / "名册.csv").write_text(changed, encoding="utf-8")
    en = run(db, "schools", "import", str(tmp_path / "名册.csv"), lang="en")
    assert "0 added, 1 updated, 3 unchanged" in en.stdout


def test_python_m_rubrics_speaks_the_asked_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\nname = "y"\n', encoding="utf-8")

    def rubrics(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "rubrics", *args], capture_output=True, text=True,
                              env=_env(**env), timeout=60)

    en = rubrics("--lang", "en", "check", str(bad))
    assert en.returncode == 1 and "problem(s) found" in en.stderr and not CJK.search(en.stderr)
    assert "发现 2 个问题" in rubrics("check", str(bad)).stderr
    assert rubrics("check", "henan-v2", LANG="en_GB.UTF-8").stdout.startswith("OK")
    helped = rubrics("--lang", "en", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("usage: python -m rubrics [--lang zh|en] check")
    assert rubrics("--help").stdout.startswith("用法：python -m rubrics")
