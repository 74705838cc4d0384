import datetime
from unittest import mock

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings
from django.db import OperationalError

from actions import tasks
from actions.reminders import Digest, SweepReport, reminder_day
from actions.tests.reminder_support import LONDON
from assurance.celery import app


@pytest.mark.parametrize(
    ("london_time", "day"),
    [
        (datetime.datetime(2021, 3, 29, 0, 30), datetime.date(2021, 3, 28)),
        (datetime.datetime(2021, 3, 29, 6, 59), datetime.date(2021, 3, 28)),
        (datetime.datetime(2021, 3, 29, 7, 0), datetime.date(2021, 3, 29)),
        (datetime.datetime(2021, 3, 29, 23, 45), datetime.date(2021, 3, 29)),
    ],
)
def test_it_sweeps_the_reminder_day_which_starts_at_seven_in_london(london_time, day):
    with (
        time_machine.travel(london_time.replace(tzinfo=LONDON), tick=False),
        mock.patch.object(tasks.reminders, "send_due_reminders") as sweep,
    ):
        sweep.return_value = SweepReport()
        tasks.send_due_reminders()

    assert sweep.call_args.kwargs["today"] == day


@pytest.mark.parametrize(
    "day",
    [datetime.date(2021, 3, 28), datetime.date(2021, 10, 31)],  # the clock changes
)
def test_the_reminder_day_starts_at_seven_london_time_across_the_clock_changes(day):
    seven = datetime.datetime.combine(day, datetime.time(7), tzinfo=LONDON)

    assert reminder_day(seven - datetime.timedelta(minutes=1)) == day - (
        datetime.timedelta(days=1)
    )
    assert reminder_day(seven) == day


def test_it_sweeps_for_the_date_it_is_given():
    with mock.patch.object(tasks.reminders, "send_due_reminders") as sweep:
        sweep.return_value = SweepReport()
        tasks.send_due_reminders("2021-09-24")

    assert sweep.call_args.kwargs["today"] == datetime.date(2021, 9, 24)


def test_a_sweep_whose_emails_failed_is_a_failed_task():
    report = SweepReport(failed=[(Digest("Tom", "tom@example.org"), "Refused")])
    with (
        mock.patch.object(tasks.reminders, "send_due_reminders", return_value=report),
        pytest.raises(tasks.SweepFailed, match=r"1 emails failed.*Refused"),
    ):
        tasks.send_due_reminders()


def test_a_sweep_the_database_failed_is_a_failed_task():
    lost = OperationalError("server closed the connection unexpectedly")
    with (
        mock.patch.object(tasks.reminders, "send_due_reminders", side_effect=lost),
        pytest.raises(tasks.SweepFailed, match="database failed mid-sweep"),
    ):
        tasks.send_due_reminders()


def test_it_leaves_no_retry_waiting_in_the_broker():
    task = app.tasks["actions.tasks.send_due_reminders"]

    assert not getattr(task, "autoretry_for", ())
    assert app.conf.task_acks_late is False


def test_beat_sweeps_every_fifteen_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]
    assert entry["task"] == "actions.tasks.send_due_reminders"
    assert entry["schedule"] == crontab(minute="*/15")
    assert app.conf.timezone == "Europe/London"
