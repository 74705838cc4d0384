"""Sweeps in real, separate processes against PostgreSQL: run side by side, or one
killed with SIGKILL halfway through, and still each email goes once."""

import datetime
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from actions.models import Reminder, ReminderDelivery
from actions.reminders import send_due_reminders
from actions.tests.factories import PostFactory, UserFactory
from actions.tests.reminder_support import (
    action_due,
    database_url,
    emails_written_to,
    make_people,
    needs_postgresql,
)

pytestmark = needs_postgresql

BASE_DIR = Path(__file__).resolve().parents[2]
DUE = datetime.date(2021, 9, 23)
TODAY = DUE + datetime.timedelta(days=1)


@pytest.fixture
def four_recipients(roles):
    """Three posts, each with a holder and two overdue actions; Priya copied on
    all: four emails, each taking the slow mail server a second."""
    people = make_people()
    posts = [people.cc]
    for name, abbreviation, holder in [
        ("Deputy Chief Constable", "DCC", "dana"),
        ("Assistant Chief Constable", "ACC", "ali"),
    ]:
        user = UserFactory(username=holder, role="Force")
        posts.append(PostFactory(name=name, abbreviation=abbreviation, holders=[user]))
    for post in posts:
        action_due(DUE, owner=post)
        action_due(DUE - datetime.timedelta(days=7), owner=post)
    return {
        "tom@example.org",
        "dana@example.org",
        "ali@example.org",
        "priya@example.org",
    }


def start_sweep(mail_dir):
    return subprocess.Popen(
        [sys.executable, "manage.py", "send_reminders", "--today", TODAY.isoformat()],
        cwd=BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "actions.tests.slow_mail_settings",
            "SLOW_MAIL_DIR": str(mail_dir),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def addresses(emails):
    return Counter(to.split("<")[-1].rstrip(">") for to, _ in emails)


def wait_for_first_email():
    deadline = time.monotonic() + 60
    while not ReminderDelivery.objects.exists():
        assert time.monotonic() < deadline, "the sweep sent nothing within 60 s"
        time.sleep(0.05)


def test_a_second_sweep_while_the_first_is_sending_sends_nothing_twice(
    four_recipients, tmp_path
):
    first = start_sweep(tmp_path)
    wait_for_first_email()
    second = start_sweep(tmp_path)
    for sweep in (first, second):
        output, _ = sweep.communicate(timeout=60)
        assert sweep.returncode == 0, output.decode()

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(four_recipients, 1)
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_two_sweeps_started_together_send_each_email_once(four_recipients, tmp_path):
    sweeps = [start_sweep(tmp_path), start_sweep(tmp_path)]
    for sweep in sweeps:
        output, _ = sweep.communicate(timeout=60)
        assert sweep.returncode == 0, output.decode()

    assert addresses(emails_written_to(tmp_path)) == dict.fromkeys(four_recipients, 1)


def test_a_sweep_killed_halfway_is_finished_by_the_next_without_duplicates(
    four_recipients, tmp_path
):
    sweep = start_sweep(tmp_path)
    wait_for_first_email()
    # The next email takes a second: kill the sweep while it is being sent.
    sweep.send_signal(signal.SIGKILL)
    sweep.communicate(timeout=10)
    sent_before = addresses(emails_written_to(tmp_path))
    assert 1 <= sum(sent_before.values()) < len(four_recipients)
    assert Reminder.objects.filter(state="sending").exists()

    # Once the dead sweep's claim has timed out, the next sweep takes it over.
    later = timezone.now() + datetime.timedelta(
        minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES + 1
    )
    send_due_reminders(today=TODAY, now=later)

    sent_after = addresses((message.to[0], message.subject) for message in mail.outbox)
    assert sent_before + sent_after == dict.fromkeys(four_recipients, 1)
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}
