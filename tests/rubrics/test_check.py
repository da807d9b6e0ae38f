import subprocess
import sys

from rubrics.check import check, main


def test_check_builtin_summarises():
    status, text = check("henan-v2")
    assert status == 0
    assert "五星级 / 5 stars: 150 (benchmark)" in text
    assert "maximum: 153" in text


def test_check_marks_provisional_levels():
    status, text = check("ningxia-2022")
    assert status == 0
    assert "95 (upward)  [暂定 provisional]" in text


def test_check_bad_file_lists_problems(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        'id = "x"\nname = "x"\n[[indicators]]\ncode = "A"\nname = "a"\npoints = -1\n', encoding="utf-8"
    )
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: indicator A:" in err and "negative" in err
    assert "not loaded" in err


def test_usage():
    assert main([]) == 2


def test_module_entry_point():
    done = subprocess.run(
        [sys.executable, "-m", "rubrics", "check", "ningxia-2022"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith("OK")
