"""How long importing each sample minutes document takes: read, check, save.

    .venv/bin/python bench/import_samples.py [--runs 20]

Each run reads the file, matches owners to posts and records the meeting inside a
transaction that is then rolled back, against a scratch SQLite database (or
DATABASE_URL when set). Prints the median and the slowest run per file. The demo
data already holds the March 2021 meeting, so its figure includes replacing it.
"""

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from demo_site import setup_demo_site

BASE_DIR = Path(__file__).resolve().parents[1]
SAMPLES = BASE_DIR / "meetings" / "tests" / "fixtures"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
        setup_demo_site()
        print(
            f"{'sample':42} {'bytes':>8} {'median ms':>10} {'max ms':>8}  ({runs} runs)"
        )
        for sample in sorted(SAMPLES.iterdir()):
            timings = [time_import(sample) for _ in range(runs)]
            print(
                f"{sample.name:42} {sample.stat().st_size:>8} "
                f"{statistics.median(timings):>10.1f} {max(timings):>8.1f}"
            )


def time_import(sample):
    from django.db import transaction

    from imports.services import import_minutes, match_posts
    from meetings.importer import read_minutes

    started = time.perf_counter()
    with transaction.atomic():
        minutes = match_posts(read_minutes(sample.read_bytes(), sample.name))
        import_minutes(minutes=minutes, replace=True)
        transaction.set_rollback(True)
    return (time.perf_counter() - started) * 1000


if __name__ == "__main__":
    main()
