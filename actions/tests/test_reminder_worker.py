"""The morning sweep run by a real Celery worker process through Redis."""

import datetime
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from actions import tasks
from actions.models import Reminder
from actions.tests.reminder_support import (
    action_due,
    database_url,
    emails_written_to,
    make_people,
    needs_postgresql,
)

BASE_DIR = Path(__file__).resolve().parents[2]
DUE = datetime.date(2021, 9, 23)

pytestmark = [
    pytest.mark.skipif(
        settings.CELERY_BROKER_URL.startswith("filesystem://"),
        reason="runs against a networked broker: set REDIS_URL",
    ),
    needs_postgresql,
]


@pytest.fixture
def worker(tmp_path):
    """A worker process on the test database, writing its emails under tmp_path."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "--app=assurance",
            "worker",
            "--pool=solo",
            "--without-mingle",
            "--without-gossip",
            "--loglevel=WARNING",
            f"--hostname=reminders-{uuid.uuid4().hex[:8]}@localhost",
        ],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "C_FORCE_ROOT": "1",
            "DATABASE_URL": database_url(),
            # Four slashes: an absolute path after the empty host.
            "EMAIL_URL": f"filemail:///{tmp_path}",
        },
    )
    yield tmp_path
    process.terminate()
    process.wait(timeout=30)


def test_a_worker_sends_the_reminders_of_a_queued_sweep(roles, worker):
    people = make_people()
    action = action_due(DUE, owner=people.cc, reference="2021-03/2")

    tasks.send_due_reminders.delay((DUE + datetime.timedelta(days=1)).isoformat())

    deadline = time.monotonic() + 30
    while not Reminder.objects.filter(action=action, state="sent").exists():
        assert time.monotonic() < deadline, "the worker did not sweep within 30 s"
        time.sleep(0.2)
    emails = sorted(emails_written_to(worker))
    assert [to for to, _ in emails] == [
        "Priya Shah <priya@example.org>",
        "Tom Hughes <tom@example.org>",
    ]
    assert [subject[:19] for _, subject in emails] == ["Overdue: 2021-03/2 "] * 2
