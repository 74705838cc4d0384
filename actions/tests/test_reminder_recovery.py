"""Faults under a real Celery worker mid-sweep: a Redis of the test's own killed and
started again (nothing kept), and the database cut through a proxy the test holds.
Each person still gets each reminder once, by the next scheduled sweep at the latest.

(A worker killed with kill -9: test_reminder_worker.py.)
"""

import datetime
import shutil
import time

import pytest
from django.db import connection

from actions import tasks
from actions.models import ReminderSweep
from actions.tests.reminder_support import (
    addresses,
    database_url,
    emails_written_to,
    make_four_recipients,
    needs_postgresql,
    start_mail_worker,
    wait_for_first_email,
    wait_until_all_sent,
)
from assurance.celery import app
from assurance.tests.processes import RedisServer, TcpProxy
from assurance.tests.workers import stop

pytestmark = needs_postgresql

DUE = datetime.date(2021, 9, 23)
TODAY = (DUE + datetime.timedelta(days=1)).isoformat()


def queue_sweep(broker_url):
    """What beat does every 15 minutes: one sweep message on the broker."""
    with app.connection_for_write(broker_url) as broker:
        tasks.send_due_reminders.apply_async([TODAY], connection=broker)


def wait_for_sweeps(count, timeout=60):
    deadline = time.monotonic() + timeout
    while ReminderSweep.objects.count() < count:
        assert time.monotonic() < deadline, f"fewer than {count} sweeps finished"
        time.sleep(0.2)


@pytest.fixture
def own_redis(tmp_path):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@pytest.fixture
def slow_worker(tmp_path):
    """Starts a prefork worker whose emails take a second each; stopped after."""
    started = []

    def start(broker_url, **environ):
        process = start_mail_worker(
            tmp_path,
            pool="prefork",
            CELERY_BROKER_URL=broker_url,
            DJANGO_SETTINGS_MODULE="actions.tests.slow_mail_settings",
            SLOW_MAIL_DIR=str(tmp_path),
            **environ,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            stop(process)


def test_a_redis_restart_mid_sweep_neither_stops_the_worker_nor_doubles_an_email(
    roles, tmp_path, own_redis, slow_worker
):
    recipients = make_four_recipients(DUE)
    worker = slow_worker(own_redis.url)
    queue_sweep(own_redis.url)
    wait_for_first_email()

    own_redis.kill()
    time.sleep(1)
    own_redis.start()
    wait_until_all_sent()
    # The worker reconnects and takes the next scheduled sweep.
    queue_sweep(own_redis.url)
    wait_for_sweeps(2)

    assert worker.poll() is None, "the worker exited when Redis restarted"
    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(recipients, 1)


def test_a_redis_restart_after_a_failed_sweep_loses_nothing_and_keeps_the_worker(
    roles, tmp_path, own_redis, slow_worker
):
    """Before issue 12 the failed sweep's retry waited in the worker, unacknowledged:
    the restart crashed the worker in kombu's restore_unacked, and the retry was
    gone with the Redis that held it."""
    recipients = make_four_recipients(DUE)
    (tmp_path / "down").touch()
    worker = slow_worker(
        own_redis.url,
        SLOW_MAIL_BACKEND="actions.tests.reminder_support.DownWhileFlaggedBackend",
    )
    queue_sweep(own_redis.url)
    wait_for_sweeps(1)
    time.sleep(1)

    own_redis.kill()
    time.sleep(1)
    own_redis.start()
    (tmp_path / "down").unlink()
    time.sleep(3)
    assert worker.poll() is None, "the worker exited when Redis restarted"
    queue_sweep(own_redis.url)
    wait_until_all_sent()

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(recipients, 1)


def test_a_database_cut_mid_sweep_sends_each_email_once_by_the_next_sweep(
    roles, tmp_path, own_redis, slow_worker
):
    recipients = make_four_recipients(DUE)
    db = connection.settings_dict
    proxy = TcpProxy(int(db["PORT"] or 5432))
    proxy.restore()
    through_proxy = (
        database_url()
        .replace(f":{db['PORT'] or 5432}/", f":{proxy.port}/")
        .replace(f"@{db['HOST'] or 'localhost'}:", "@127.0.0.1:")
    )
    slow_worker(own_redis.url, database=through_proxy)
    queue_sweep(own_redis.url)
    wait_for_first_email()

    proxy.cut()
    time.sleep(3)
    proxy.restore()
    queue_sweep(own_redis.url)
    wait_until_all_sent()

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(recipients, 1)
