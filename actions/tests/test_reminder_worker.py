"""The morning sweep run by a real Celery worker process through Redis."""

import datetime
import signal
import time
import uuid
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from celery.beat import Scheduler
from django.conf import settings

from actions import tasks
from actions.models import Reminder, ReminderEmail, ReminderSweep
from actions.tests.factories import PostFactory, UserFactory
from actions.tests.reminder_support import (
    action_due,
    addresses,
    delivered,
    emails_written_to,
    make_four_recipients,
    make_people,
    needs_postgresql,
    start_mail_worker,
    wait_for_first_email,
    wait_until_all_sent,
)
from assurance.celery import app
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


LONDON = zoneinfo.ZoneInfo("Europe/London")
# A claim times out after this long here (REMINDER_CLAIM_TIMEOUT_MINUTES).
CLAIM_TIMEOUT = datetime.timedelta(seconds=3)
SWEEP_EVERY = datetime.timedelta(minutes=15)


def make_many_recipients(due, posts=10):
    """`posts` posts, each with its own holder and an overdue action; Priya copied
    on all and Helen on those over 28 days late: an email for each person."""
    people = make_people()
    action_due(due, owner=people.cc)
    holders = [people.tom]
    for n in range(1, posts):
        holders.append(UserFactory(username=f"holder{n}", role="Force"))
        post = PostFactory(name=f"Post {n}", abbreviation=f"P{n}")
        post.holders.add(holders[-1])
        action_due(due, owner=post)
    return {user.email for user in [people.priya, people.helen, *holders]}


class Beat:
    """Celery beat's own scheduler, with the project's schedule, on a clock the
    test moves: beat's minutes pass in an instant. Each sweep it sends is waited
    for, as a worker takes seconds and beat's next sweep is minutes away."""

    def __init__(self, queue, start):
        self.clock = start
        with time_machine.travel(self.clock, tick=False):
            self.scheduler = Scheduler(app, lazy=False)
        entry = self.scheduler.schedule["send-due-reminders"]
        # The test's own queue, which only its workers read.
        entry.options = {**entry.options, "queue": queue}

    def run_until(self, end, *, wait=True):
        """Send every sweep due up to `end`; returns how many. With `wait`, each
        once the one before has finished."""
        sent = 0
        while self.clock < end:
            self.clock += datetime.timedelta(minutes=1)
            finished = ReminderSweep.objects.count()
            entry = self.scheduler.schedule["send-due-reminders"]
            with time_machine.travel(self.clock, tick=False):
                if not entry.is_due().is_due:
                    continue
                self.scheduler.apply_async(entry)
            sent += 1
            if wait:
                wait_for_sweeps(finished + 1)
        return sent


def wait_for_sweeps(count, timeout=120):
    deadline = time.monotonic() + timeout
    while ReminderSweep.objects.count() < count:
        assert time.monotonic() < deadline, f"fewer than {count} sweeps finished"
        time.sleep(0.2)


def test_a_worker_killed_mid_sweep_is_recovered_by_beats_next_sweeps(roles, tmp_path):
    """Issue 12, D3. Before it, beat swept once a day at 07:00 and a sweep's message
    was acknowledged only once the sweep ended (acks_late): the killed worker's
    sweep waited in Redis for kombu's visibility timeout, an hour, and neither the
    fresh worker nor beat's next sweep, the next morning, sent the rest that day.

    Now the message is acknowledged as the sweep starts and beat sweeps every 15
    minutes: the rows the dead worker claimed are taken over once the claim times
    out (3 seconds here, of real time), by a sweep beat sends within one interval
    of that. Beat's clock is the test's: its 07:00 sweep is killed, and the test
    gives beat until 07:15 and a few seconds to send the sweep that recovers it."""
    recipients = make_many_recipients(DUE)
    queue = f"reminder-beat-{uuid.uuid4().hex[:8]}"
    timeout = {"REMINDER_CLAIM_TIMEOUT_MINUTES": str(CLAIM_TIMEOUT.seconds / 60)}
    killed = start_mail_worker(
        tmp_path,
        queue,
        DJANGO_SETTINGS_MODULE="actions.tests.slow_mail_settings",
        SLOW_MAIL_DIR=str(tmp_path),
        **timeout,
    )
    seven = datetime.datetime(2026, 3, 10, 7, 0, tzinfo=LONDON)
    beat = Beat(queue, seven - datetime.timedelta(minutes=1))
    assert beat.run_until(seven, wait=False) == 1
    wait_for_emails(3)
    # Each email takes the slow server a second: killed inside the fourth.
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=10)
    assert 3 <= sum(addresses(emails_written_to(tmp_path)).values()) < len(recipients)
    assert Reminder.objects.filter(state="sending").exists()

    successor = start_mail_worker(tmp_path, queue, **timeout)
    try:
        time.sleep(CLAIM_TIMEOUT.seconds)
        beat.run_until(seven + CLAIM_TIMEOUT + SWEEP_EVERY)
    finally:
        stop(successor)

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(recipients, 1)
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}
    assert (
        len(set(delivered()))
        == len(delivered())
        == (
            # Each of the ten owners once; Priya and Helen once for each action.
            len(recipients) - 2 + 2 * Reminder.objects.count()
        )
    )


def wait_for_emails(count, timeout=120):
    deadline = time.monotonic() + timeout
    while ReminderEmail.objects.values("address").distinct().count() < count:
        assert time.monotonic() < deadline, f"fewer than {count} emails in {timeout} s"
        time.sleep(0.05)
