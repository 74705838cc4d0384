"""Fail when a requirements file pins a package older than its known-fixed minimum.

pip-audit needs its advisory service, which CI cannot reach; this reads the
minimums kept in security/minimum-versions.txt instead (README "Security").

    python security/check_versions.py [requirements.txt ...]

With no files, checks every requirements*.txt beside manage.py. Exit 1 lists each
pin below its minimum; exit 0 says how many pins were checked.
"""

import re
import sys
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
MINIMUMS = Path(__file__).resolve().parent / "minimum-versions.txt"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;#]+)")


def read_minimums(path=MINIMUMS):
    """{canonical name: (minimum Version, advisory text)} from the list."""
    minimums = {}
    for line in path.read_text().splitlines():
        entry, _, note = line.partition("#")
        if entry.strip():
            name, version = entry.split()
            minimums[canonicalize_name(name)] = (Version(version), note.strip())
    return minimums


def read_pins(path):
    """[(canonical name, pinned Version)] of a pip-compile'd requirements file."""
    pins = []
    for line in path.read_text().splitlines():
        found = PIN.match(line.strip())
        if found:
            pins.append((canonicalize_name(found[1]), Version(found[2])))
    return pins


def too_old(requirement_files, minimums):
    """One line per pin below its minimum, and how many pins were read."""
    problems, checked = [], 0
    for path in requirement_files:
        for name, pinned in read_pins(path):
            checked += 1
            minimum, advisory = minimums.get(name, (None, ""))
            if minimum is not None and pinned < minimum:
                pin = f"{path.name}: {name}=={pinned}"
                problems.append(f"{pin} is older than {minimum} ({advisory})")
    return problems, checked


def main(argv):
    files = [Path(a) for a in argv] or sorted(ROOT.glob("requirements*.txt"))
    problems, checked = too_old(files, read_minimums())
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} pinned version(s) older than their known fix.")
        return 1
    print(f"{checked} pins in {len(files)} file(s): none older than a known fix.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
