import subprocess
import sys

from packaging.version import Version

from security.check_versions import ROOT, main, read_minimums, too_old

SCRIPT = ROOT / "security" / "check_versions.py"


def write(tmp_path, text, name="requirements.txt"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_pin_older_than_its_fix_fails(tmp_path, capsys):
    requirements = write(
        tmp_path,
        "django==5.2.17\n    # via -r requirements.in\ngunicorn==27.0.1\n",
    )

    assert main([str(requirements)]) == 1
    out = capsys.readouterr().out
    assert "django==5.2.17 is older than 5.2.18" in out
    assert "CVE-2026-77050" in out
    assert "gunicorn" not in out


def test_names_and_extras_are_matched_as_pip_does(tmp_path):
    requirements = write(tmp_path, "Django==5.2.1\npypdf[crypto]==6.1.0\n")

    problems, checked = too_old([requirements], read_minimums())

    assert checked == 2
    assert [p.split(" ")[1] for p in problems] == ["django==5.2.1", "pypdf==6.1.0"]


def test_versions_compare_as_versions_not_text(tmp_path):
    requirements = write(tmp_path, "django==5.2.100\npypdf==10.0\n")

    assert too_old([requirements], read_minimums())[0] == []


def test_the_repository_pins_pass():
    result = subprocess.run(
        [sys.executable, str(SCRIPT)], capture_output=True, text=True, check=False
    )

    assert result.returncode == 0, result.stdout
    assert "none older than a known fix" in result.stdout


def test_every_minimum_names_its_advisory():
    minimums = read_minimums()

    assert minimums["django"][0] >= Version("5.2.18")
    assert all(note for _, note in minimums.values())
