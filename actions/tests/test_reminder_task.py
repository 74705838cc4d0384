import datetime
from unittest import mock

import pytest
import time_machine
from celery.schedules import crontab
from django.conf import settings

from actions import tasks
from actions.reminders import SweepReport
from actions.tests.reminder_support import LONDON
from assurance.celery import app


@time_machine.travel(datetime.datetime(2021, 3, 29, 0, 30, tzinfo=LONDON), tick=False)
def test_it_sweeps_for_today_in_london():
    with mock.patch.object(tasks.reminders, "send_due_reminders") as sweep:
        sweep.return_value = SweepReport()
        tasks.send_due_reminders()

    assert sweep.call_args.kwargs["today"] == datetime.date(2021, 3, 29)


def test_it_sweeps_for_the_date_it_is_given():
    with mock.patch.object(tasks.reminders, "send_due_reminders") as sweep:
        sweep.return_value = SweepReport()
        tasks.send_due_reminders("2021-09-24")

    assert sweep.call_args.kwargs["today"] == datetime.date(2021, 9, 24)


def test_it_raises_for_celery_to_retry_when_emails_wait_to_be_resent():
    report = SweepReport(retrying=2)
    with (
        mock.patch.object(tasks.reminders, "send_due_reminders", return_value=report),
        pytest.raises(tasks.RemindersNotSent, match="2 reminders wait"),
    ):
        tasks.send_due_reminders()


def test_its_retries_back_off_and_stop_at_the_attempts_the_ledger_allows():
    task = app.tasks["actions.tasks.send_due_reminders"]
    assert task.autoretry_for == (tasks.RemindersNotSent,)
    assert (task.retry_backoff, task.retry_jitter) == (300, False)
    assert task.max_retries == settings.REMINDER_MAX_ATTEMPTS - 1


def test_beat_runs_it_every_morning_at_the_reminder_hour_london_time():
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]
    assert entry["task"] == "actions.tasks.send_due_reminders"
    assert entry["schedule"] == crontab(hour=7, minute=0)
    assert app.conf.timezone == "Europe/London"


@pytest.mark.parametrize(
    "last_run",
    [
        datetime.datetime(2021, 3, 27, 7, 0, tzinfo=LONDON),  # GMT, then BST
        datetime.datetime(2021, 10, 30, 7, 0, tzinfo=LONDON),  # BST, then GMT
    ],
)
def test_beat_keeps_seven_oclock_london_across_the_clock_changes(last_run):
    schedule = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]["schedule"]
    schedule.app = app
    next_morning = last_run + datetime.timedelta(days=1)

    with time_machine.travel(next_morning - datetime.timedelta(minutes=1)):
        remaining = schedule.remaining_estimate(last_run)

    assert datetime.timedelta(seconds=50) < remaining <= datetime.timedelta(minutes=1)
