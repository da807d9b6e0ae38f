"""The program as a user installs it: a wheel, in a fresh venv, run from outside the checkout.

Every other test runs on the editable install, which finds any module in the working tree;
only this one sees what the wheel really holds (a subpackage or data file left out of
pyproject.toml is a ModuleNotFoundError or a missing file here, not on a user's machine).
The build and the install use the ordinary package index (PyPI in CI), hence ``services``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import need

# One build and one venv for the module: under xdist its tests stay on one worker (make test: --dist loadgroup).
pytestmark = [pytest.mark.services, pytest.mark.xdist_group("wheel")]

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("tui", "workflow", "models", "rubrics", "exports")
# pip may fetch setuptools and every dependency on a slow link; bounded so a stuck index fails by name.
BUILD_SECONDS = 600
INSTALL_SECONDS = 900
RUN_SECONDS = 120


IMPORT_ALL = """
import importlib, pkgutil, sys
for top in sys.argv[1:]:
    package = importlib.import_module(top)
    print(package.__file__)
    for info in pkgutil.walk_packages(package.__path__, top + "."):
        if not info.name.endswith("__main__"):
            print(importlib.import_module(info.name).__file__)
"""


@dataclass(frozen=True)
class Installed:
    wheel: Path
    build_log: str
    bin: Path
    home: Path  # HOME and the cwd of every run: no checkout, no user files
    sources: tuple[str, ...]  # the files the wheel was built from

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME", "SSH_CONNECTION") and not k.startswith("XDG_")}
        return env | {"HOME": str(self.home), "PATH": f"{self.bin}{os.pathsep}{env.get('PATH', '')}",
                      "LANG": "C.UTF-8"}

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        what = " ".join(args)
        try:
            return subprocess.run(list(args), cwd=self.home, env=self.env(), capture_output=True, text=True,
                                  timeout=RUN_SECONDS)
        except subprocess.TimeoutExpired:
            pytest.fail(f"installed program did not finish within {RUN_SECONDS} s: {what}")


def _run(args: list[str], seconds: int, what: str, cwd: Path) -> str:
    try:
        done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{what} did not finish within {seconds} s")
    output = done.stdout + done.stderr
    if done.returncode != 0:
        # No index reachable: a missing real part (skips on a laptop, fails in CI); anything else is a bug.
        unreachable = any(sign in output for sign in ("No matching distribution", "Could not fetch URL",
                                                       "Failed to establish a new connection"))
        need(not unreachable, f"the package index, for {what}: {output[-800:]}")
        pytest.fail(f"{what} failed ({done.returncode}):\n{output[-3000:]}")
    return output


def _source_files() -> list[str]:
    """What a clean clone holds, plus files not yet committed (git's own list: tracked and not ignored)."""
    done = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return [name for name in done.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    # Build from a copy: an in-tree build leaves build/ behind, whose stale files a later build ships.
    source = work / "source"
    sources = tuple(name for name in _source_files() if not name.startswith(("tests/", "docs/", "bench/")))
    for name in sources:
        target = source / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    dist = work / "dist"
    log = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(dist), str(source)],
               BUILD_SECONDS, "building the wheel", work)
    wheels = list(dist.glob("starcampus-*.whl"))
    assert len(wheels) == 1, f"expected one wheel in {dist}: {wheels}"
    venv = work / "venv"
    # A venv without a pip of its own, filled by this pip (--python): seeding pip into it (ensurepip) took
    # longer than installing the wheel, and its pip is not what is tested; the wheel and what it pulls in is.
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], RUN_SECONDS, "creating a venv", work)
    _run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q", str(wheels[0])],
         INSTALL_SECONDS, "installing the wheel with its dependencies", work)
    home = work / "home"
    home.mkdir()
    return Installed(wheels[0], log, venv / "bin", home, sources)


@dataclass(frozen=True)
class Demo:
    loaded: subprocess.CompletedProcess[str]  # what `starcampus demo load` answered
    db: Path

    def copy(self, target: Path) -> Path:
        """The loaded demo as a test's own file (with its WAL, should ``demo load`` have left one)."""
        for suffix in ("", "-wal"):
            if Path(f"{self.db}{suffix}").exists():
                shutil.copyfile(f"{self.db}{suffix}", f"{target}{suffix}")
        return target


@pytest.fixture(scope="module")
def demo(installed: Installed) -> Demo:
    """`demo load` by the installed program, once: the tests that run on the demo copy its file."""
    db = installed.home / "demo.sqlite3"
    return Demo(installed.run("starcampus", "--db", str(db), "demo", "load"), db)


def test_the_build_warns_of_nothing(installed: Installed) -> None:
    warnings = [line for line in installed.build_log.splitlines() if "BuildBackendWarning" in line
                or "SetuptoolsDeprecationWarning" in line]
    assert warnings == []


def test_the_wheel_holds_every_module_and_data_file(installed: Installed) -> None:
    shipped = set(zipfile.ZipFile(installed.wheel).namelist())
    wanted = {name for name in installed.sources if name.split("/", 1)[0] in PACKAGES}
    assert any(name.endswith(".tcss") for name in wanted) and any(name.startswith("rubrics/builtin/")
                                                                     for name in wanted)
    assert sorted(wanted - shipped) == []
    stray = sorted(name for name in shipped if not name.startswith("starcampus-") and name not in wanted)
    assert stray == []


def test_the_installed_program_runs_outside_the_checkout(installed: Installed, demo: Demo) -> None:
    # Every module imports, from the venv (cli_run falls back to `status` when tui.app fails to
    # import, so a broken TUI would not show as an error anywhere else).
    imported = installed.run(str(installed.bin / "python"), "-c", IMPORT_ALL, *PACKAGES)
    assert imported.returncode == 0, imported.stderr[-3000:]
    venv = installed.bin.parent
    files = imported.stdout.split()
    assert len(files) > 50 and all(Path(line).is_relative_to(venv) for line in files), imported.stdout

    version = installed.run("starcampus", "--version")
    expected = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert version.returncode == 0 and expected in version.stdout, version.stdout + version.stderr

    loaded = demo.loaded
    assert loaded.returncode == 0, loaded.stderr
    assert "13" in loaded.stdout
    db = demo.copy(installed.home / "bureau.sqlite3")

    notice = installed.home / "通报.docx"
    exported = installed.run("starcampus", "--db", str(db), "--as", "demo-admin", "export", "notice",
                             "-o", str(notice), "--round", "2023")
    assert exported.returncode == 0, exported.stderr
    # Read it with the venv's own python-docx: the file opens and says what the demo scored.
    text = installed.run(str(installed.bin / "python"), "-c",
                         "import sys, docx\n"
                         "print('\\n'.join(p.text for p in docx.Document(sys.argv[1]).paragraphs))", str(notice))
    assert text.returncode == 0, text.stderr
    assert "泾源县2023年" in text.stdout and "泾源县第一中学" in text.stdout and "四星级" in text.stdout


def test_the_installed_app_draws_its_dashboard(installed: Installed, demo: Demo) -> None:
    from tests.e2e.harness import Tmux

    assert demo.loaded.returncode == 0, demo.loaded.stderr
    db = demo.copy(installed.home / "app.sqlite3")
    env = installed.env()
    program = " ".join(shlex.quote(part) for part in (
        "env", "-u", "PYTHONPATH", "-u", "VIRTUAL_ENV", str(installed.bin / "starcampus"), "--db", str(db),
        "--as", "demo-admin"))
    command = f"cd {shlex.quote(str(installed.home))} && {program}; echo APP-EXIT-$?; sleep 30"
    session = Tmux(f"wheel-{os.getpid()}", command,
                   env={k: env[k] for k in ("HOME", "PATH", "LANG")} | {"TERM": "xterm-256color"})
    try:
        # The stylesheet (a data file) and every screen module load from the wheel.
        # the demo's review round, this year's: its rows and then its count line
        session.wait_for(lambda s: "泾源县第一中学" in s and "共5所学校" in s, timeout=60)
        session.keys("F10")
        session.wait_for("APP-EXIT-0", timeout=30)
    finally:
        session.close()
