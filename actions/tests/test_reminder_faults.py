"""Sweeps in real, separate processes against PostgreSQL, side by side: each email
still goes once. (A worker killed halfway: test_reminder_worker.py.)"""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actions.models import Reminder
from actions.tests.reminder_support import (
    addresses,
    database_url,
    emails_written_to,
    make_four_recipients,
    needs_postgresql,
    wait_for_first_email,
)

pytestmark = needs_postgresql

BASE_DIR = Path(__file__).resolve().parents[2]
DUE = datetime.date(2021, 9, 23)
TODAY = DUE + datetime.timedelta(days=1)


@pytest.fixture
def four_recipients(roles):
    return make_four_recipients(DUE)


def start_sweep(mail_dir):
    """`manage.py send_reminders` in its own process, one second per email."""
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
