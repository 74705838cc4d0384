"""The morning sweep run by a real Celery worker process through Redis."""

import datetime
import signal
import uuid
from pathlib import Path

import pytest
from django.conf import settings

from actions import tasks
from actions.models import Reminder
from actions.tests.reminder_support import (
    action_due,
    addresses,
    emails_written_to,
    make_four_recipients,
    make_people,
    needs_postgresql,
    start_mail_worker,
    wait_for_first_email,
    wait_until_all_sent,
)
from assurance.tests.workers import stop

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
    process = start_mail_worker(tmp_path)
    yield tmp_path
    stop(process)


def test_a_worker_sends_the_reminders_of_a_queued_sweep(roles, worker):
    people = make_people()
    action = action_due(DUE, owner=people.cc, reference="2021-03/2")

    tasks.send_due_reminders.delay((DUE + datetime.timedelta(days=1)).isoformat())

    wait_until_all_sent()
    assert Reminder.objects.get().action == action
    emails = sorted(emails_written_to(worker))
    assert [to for to, _ in emails] == [
        "Priya Shah <priya@example.org>",
        "Tom Hughes <tom@example.org>",
    ]
    assert [subject[:19] for _, subject in emails] == ["Overdue: 2021-03/2 "] * 2


def test_a_worker_killed_mid_sweep_leaves_the_rest_to_the_next_without_duplicates(
    roles, tmp_path
):
    recipients = make_four_recipients(DUE)
    # A queue of this test's own, so the killed worker's unacknowledged message,
    # which Redis gives back after its visibility timeout, reaches nobody else.
    queue = f"reminder-faults-{uuid.uuid4().hex[:8]}"
    today = (DUE + datetime.timedelta(days=1)).isoformat()
    slow = start_mail_worker(
        tmp_path,
        queue,
        DJANGO_SETTINGS_MODULE="actions.tests.slow_mail_settings",
        SLOW_MAIL_DIR=str(tmp_path),
    )
    tasks.send_due_reminders.apply_async([today], queue=queue)
    wait_for_first_email()
    # Each email takes the slow server a second: kill the worker inside one.
    slow.send_signal(signal.SIGKILL)
    slow.wait(timeout=10)
    sent_before = addresses(emails_written_to(tmp_path))
    assert 1 <= sum(sent_before.values()) < len(recipients)
    assert Reminder.objects.filter(state="sending").exists()

    # The next sweep, once the dead one's claim has timed out (here at once).
    successor = start_mail_worker(tmp_path, queue, REMINDER_CLAIM_TIMEOUT_MINUTES="0")
    try:
        tasks.send_due_reminders.apply_async([today], queue=queue)
        wait_until_all_sent()
    finally:
        stop(successor)

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(recipients, 1)
