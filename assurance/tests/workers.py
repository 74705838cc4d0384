"""Real Celery worker processes for the tests that need one (Redis runs only)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def start_worker(queue="celery", pool="solo", **environ):
    """A `celery worker` process on `queue`; returns (process, its hostname).

    pool="prefork" runs tasks in a child process, as production does."""
    name = f"test-{uuid.uuid4().hex[:8]}@localhost"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app=assurance",
            "worker",
            f"--pool={pool}",
            "--concurrency=1",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
            f"--queues={queue}",
            f"--hostname={name}",
        ],
        cwd=BASE_DIR,
        env={**os.environ, "C_FORCE_ROOT": "1", **environ},
    )
    return process, name


def stop(process):
    process.terminate()
    process.wait(timeout=30)
