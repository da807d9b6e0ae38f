"""Issue 16's acceptance: one school's whole year in the real `starcampus` app, in a real tmux, through keys only.

The database is set up with the CLI (demo, a campaign with its windows around today, one school enrolled,
the phase moved on between steps where the phase gates the event); every step the school's year takes is
a key pressed in the app, by the clerk, the admin and the expert in turn, each in a session of its own.
Every wait is a bounded poll for the screen text that proves the step before it happened.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from tests.e2e.harness import Tmux
from tests.support import need_program

EXE = str(Path(sys.executable).with_name("starcampus"))
CODE, NAME = "640424007", "新民乡中心小学"
WAIT = 60.0  # seconds: generous, for a loaded 2-core machine; each wait ends as soon as its text is there

# One value per leaf of ningxia-2022 (22 leaves, 1.1 ... 6.4), each within its maximum: 81 points, three stars,
# a level the county certifies itself (four and five stars go upward).
VALUES = ["7", "4", "7", "3", "5", "4", "3", "5", "5", "3", "3", "4", "4", "4", "3", "3", "3", "3",
          "2", "2", "2", "2"]
EVIDENCE = "县级示范校公开课3节"
PROBLEM = "机房网线老化"
REASON = "佐证材料不全，请补充4.1培训记录"


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("SSH_CONNECTION", "STARCAMPUS_NOW", "STARCAMPUS_LANG", "STARCAMPUS_DB")}
    done = subprocess.run([EXE, "--db", str(db), "--lang", "zh", *args], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 0, f"starcampus {' '.join(args)} exited {done.returncode}:\n{done.stdout}{done.stderr}"
    return done


class App:
    """The app as one user, in a tmux session of its own at 120x40."""

    def __init__(self, tmp: Path, db: Path, user: str) -> None:
        need_program("tmux")
        env = {"TERM": "xterm-256color", "LANG": "C.UTF-8", "TEXTUAL_COLOR_SYSTEM": "256",
               "STARCAMPUS_DRAFT_DIR": str(tmp / "drafts"),
               "STARCAMPUS_CONFIG": str(tmp / "no-config" / "config.toml")}  # no keymap of the account's
        # COLUMNS/LINES: under pytest the process environment (which the tmux server inherits) can carry
        # COLUMNS=80 LINES=24, and Textual, through shutil.get_terminal_size, takes them over the pty's
        # 120x40 at its first resize: the school screen was drawn at 80x24 in a 120x40 window.
        unset = " ".join(f"-u {v}" for v in ("SSH_CONNECTION", "STARCAMPUS_NOW", "STARCAMPUS_LANG", "STARCAMPUS_DB",
                                             "COLUMNS", "LINES"))
        command = (f"env {unset} {shlex.quote(EXE)} --db {shlex.quote(str(db))} --as {user} --lang zh; "
                   "echo APP-EXIT-$?; sleep 60")
        self.user = user
        self.tmux = Tmux(f"year-{user}-{os.getpid()}-{time.monotonic_ns()}", command, env=env)

    def wait(self, what: str, *texts: str, absent: tuple[str, ...] = (), line: tuple[str, ...] = ()) -> str:
        """Wait until every one of ``texts`` is on the screen, none of ``absent``, and (if given) every one of
        ``line`` on one line of it; fail naming ``what``."""
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.tmux.screen()
            if (all(t in screen for t in texts) and not any(t in screen for t in absent)
                    and (not line or any(all(t in row for t in line) for row in screen.splitlines()))):
                return screen
            time.sleep(0.2)
        wanted = f"{texts!r} on the screen" + (f", not {absent!r}" if absent else "") + (
            f", {line!r} on one line" if line else "")
        size = subprocess.run([*self.tmux.tmux, "display", "-p", "-t", self.tmux.name,
                               "#{window_width}x#{window_height}"], capture_output=True, text=True).stdout.strip()
        raise AssertionError(f"[{self.user}] waited {WAIT:.0f} s for {what}: {wanted}; last screen ({size}):\n"
                             f"{screen}")

    def keys(self, *keys: str) -> None:
        self.tmux.keys(*keys)

    def type(self, text: str) -> None:
        self.tmux.keys(text, literal=True)

    def open_school(self, state: str, *, scoring: bool = False) -> None:
        """From the dashboard (only the one school is enrolled in this campaign): Enter opens it."""
        self.wait("the dashboard's row of the school", f"{CODE}  {NAME}", "共1所学校")
        self.keys("Enter")
        # Where this user may score, the sheet's first leaf takes the focus once the school is read (its note
        # names it): only then may an F-key go, or that late focus would pull the screen back to the sheet.
        self.wait(f"the school screen in state {state}", f"{NAME}  {CODE}", f"状态：{state} ",
                  *(["1.1 校园网络（满分8）"] if scoring else []))

    def fire(self, event: str, *, tabs: int, done_state: str) -> None:
        """F3 (focus on the first action), Tab to the event's button, Enter; the confirmation naming the school
        and the event has the focus on 取消, so Shift+Tab to the event's own button, Enter."""
        self.keys("F3", *(["Tab"] * tabs), "Enter")
        self.wait(f"the confirmation of {event}", f"{NAME}：确认“{event}”？", f"学校：{NAME}（{CODE}）", "此步不可撤回")
        self.keys("BTab", "Enter")
        self.wait(f"the school in {done_state} after {event}", f"状态：{done_state} ", absent=(f"确认“{event}”",))

    def quit(self) -> None:
        self.keys("F10")
        self.wait("the app to exit with 0 on F10", "APP-EXIT-0")
        self.tmux.close()


def test_one_schools_whole_year_through_keys_only(tmp_path: Path) -> None:
    need_program("tmux")
    db = tmp_path / "county.sqlite3"
    cli(db, "demo", "load")
    today = date.today()

    def span(a: int, b: int) -> str:
        return f"{today + timedelta(days=a)}..{today + timedelta(days=b)}"

    cli(db, "--as", "demo-admin", "campaign", "create", "--year", str(today.year + 1), "--region", "泾源县",
        "--title", "全年按键评定", "--rubric", "ningxia-2022",
        "--window", f"mobilization={span(-20, -10)}", "--window", f"self_evaluation={span(-9, 30)}",
        "--window", f"verification={span(31, 40)}", "--window", f"promotion={span(41, 60)}")
    cli(db, "--as", "demo-admin", "campaign", "enrol", CODE)
    cli(db, "--as", "demo-admin", "campaign", "advance")  # to 自评整改
    cli(db, "--as", "demo-admin", "user", "add", "clerk", "--role", "school", "--school", CODE,
        "--display-name", "新民乡中心小学信息员", "--authorized-keys", str(tmp_path / "authorized_keys"))

    # --- the clerk: the sheet, evidence, a problem fixed, the self-evaluation started and submitted
    clerk = App(tmp_path, db, "clerk")
    try:
        clerk.open_school("已参评", scoring=True)
        clerk.keys("F4")
        clerk.wait("the problems tab", "问题清单", "新增问题", "设为已整改")
        clerk.keys("Tab", "Tab", "Tab", "Enter")  # filter, table, then the 新增问题 button
        clerk.wait("the problem dialog", "整改期限", "不写年份即按评定年度")
        # Only the problem's text: Enter on to 责任人, Enter on to 整改期限 (both may be empty), Enter saves.
        # Typing into 责任人 right after Enter moved the focus there lost the next Enter/Backspace in this
        # test (the characters arrived, the keys did not): reported with issue 16's run.
        clerk.type(PROBLEM)
        clerk.wait("the problem typed", PROBLEM)
        clerk.keys("Enter", "Enter", "Enter")
        clerk.wait("the problem listed as 待整改", absent=("不写年份即按评定年度",), line=("待整改", PROBLEM))
        clerk.keys(*(["Tab"] * 5), "Enter")  # from 新增问题: 修改, 删除, 设为待整改, 设为整改中, 设为已整改
        clerk.wait("the problem marked 已整改", line=("已整改", PROBLEM))

        # Back to the list and in again: the sheet opens with its first leaf focused (F2 alone leaves the
        # focus outside the leaves, and the problem dialog, opened after the sheet's burst and the evidence
        # dialog, lost its Enter/Tab/Backspace: see the report of issue 16's run).
        clerk.keys("Escape")
        clerk.open_school("已参评", scoring=True)
        clerk.keys(*[k for v in VALUES for k in (v, "Enter")])  # value + Enter down the 22 leaves
        clerk.wait("all 22 self scores saved (81 points), the focus on the last leaf",
                   "自评81分", "6.4 示范辐射作用（满分2）")
        clerk.keys("C-t")
        clerk.wait("the evidence dialog for leaf 6.4", "佐证材料：6.4 示范辐射作用", "保存佐证")
        clerk.type(EVIDENCE)
        clerk.wait("the evidence typed", EVIDENCE)
        clerk.keys("C-s")
        clerk.wait("the evidence saved with 6.4's value", f"自评2分；佐证：{EVIDENCE}", absent=("保存佐证",))

        clerk.keys("F3", "Enter")  # the only action of an enrolled school: 开始自评
        clerk.wait("the self-evaluation started", "状态：自评中 ")
        clerk.fire("提交自评表", tabs=1, done_state="已提交自评")  # 进入整改, 提交自评表
        clerk.quit()
    finally:
        clerk.tmux.close()

    # --- the admin returns it, with a reason
    admin = App(tmp_path, db, "demo-admin")
    try:
        admin.open_school("已提交自评")
        admin.keys("F3", "Enter")  # 退回 is the first action
        admin.wait("the reason dialog of 退回", "“退回”需要填写理由")
        admin.type(REASON)
        admin.wait("the reason typed", REASON)
        admin.keys("Enter")
        admin.wait("the school returned, the reason above its tabs", "状态：自评中 ", "本校已被退回（demo-admin，",
                   REASON)
        admin.quit()
    finally:
        admin.tmux.close()

    # --- the clerk reads the return at login and resubmits
    clerk = App(tmp_path, db, "clerk")
    try:
        clerk.wait("the return notice at login", "本校自评已被退回", "退回人：demo-admin", REASON, "打开本校")
        clerk.keys("Enter")  # 打开本校 has the focus
        clerk.wait("the school, returned, its sheet drawn", f"{NAME}  {CODE}", "状态：自评中 ", "本校已被退回",
                   "1.1 校园网络（满分8）")
        clerk.fire("提交自评表", tabs=1, done_state="已提交自评")
        clerk.quit()
    finally:
        clerk.tmux.close()

    cli(db, "--as", "demo-admin", "campaign", "advance")  # to 标准核定: verification, publicity, certification

    # --- the expert verifies: verified scores down the sheet, the clerk's evidence beside the self score
    expert = App(tmp_path, db, "demo-expert")
    try:
        expert.open_school("已提交自评")
        expert.keys("F3", "Tab", "Enter")  # 退回, 开始核定 (not final: no confirmation)
        expert.wait("verification started, the sheet's first leaf focused", "状态：核定中 ", "1.1 校园网络（满分8）")
        expert.keys(*[k for v in VALUES for k in (v, "Enter")])
        expert.wait("all 22 verified scores saved, the clerk's evidence shown beside 6.4's self score",
                    "核定81分", "6.4 示范辐射作用（满分2）", f"自评2分；佐证：{EVIDENCE}")
        expert.fire("完成核定", tabs=1, done_state="已核定")  # 退回, 完成核定
        expert.wait("the level the verified scores give", "星级：三星级")
        expert.quit()
    finally:
        expert.tmux.close()

    cli(db, "--as", "demo-admin", "campaign", "set", "--publicity-days", "0")  # publicity ends as it starts

    # --- the admin publicizes and certifies
    admin = App(tmp_path, db, "demo-admin")
    try:
        admin.open_school("已核定")
        admin.fire("公示", tabs=0, done_state="公示中")
        admin.fire("认定星级", tabs=1, done_state="已认定")  # 异议成立，重新核定, 认定星级, 报上级…, 确认未达星级
        admin.quit()
    finally:
        admin.tmux.close()

    shown = cli(db, "--as", "demo-admin", "school", "show", CODE).stdout
    assert f"{CODE} {NAME}" in shown and "已认定" in shown.splitlines()[0], shown
    assert "自评 81 · 核定 81 · 三星级" in shown, shown
    problems = cli(db, "--as", "demo-admin", "problem", "list", CODE).stdout
    assert any(PROBLEM in row and ("closed" in row or "已整改" in row) for row in problems.splitlines()), problems
    verified = cli(db, "audit", "verify")
    assert "校验通过" in verified.stdout, verified.stdout
