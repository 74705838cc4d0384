"""A real Celery worker, started as its own process, answers on the configured broker.

Runs wherever a networked broker (Redis) is configured, as in CI's PostgreSQL + Redis
run; the embedded filesystem broker of `make run` cannot broadcast, so it is skipped
there. An unreachable Redis fails, it never skips.
"""

import time
from pathlib import Path

import pytest
from django.conf import settings

from assurance.celery import app
from assurance.tests.workers import start_worker, stop

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    settings.CELERY_BROKER_URL.startswith("filesystem://"),
    reason="the embedded filesystem broker has no broadcast: set REDIS_URL",
)


@pytest.fixture
def worker():
    process, name = start_worker()
    yield name
    stop(process)


def test_the_broker_is_reachable():
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)


def test_a_worker_process_answers_a_ping(worker):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        replies = app.control.ping(destination=[worker], timeout=1)
        if replies:
            assert replies == [{worker: {"ok": "pong"}}]
            return
    pytest.fail(f"Worker {worker} did not answer within 30 s")
